package dev.dgmbench.models.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class DataTest {
    @TempDir
    Path dir;

    @Test
    void embeddedDigitsHaveTheDocumentedShapeAndSplits() {
        ImageDataset d = DigitsDataset.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.pixelsPerImage());
        assertEquals(17, d.levels());
        // First row of the CSV: 0,0,5,13,9,1,0,0,... label 0
        assertArrayEquals(new int[]{0, 0, 5, 13, 9, 1, 0, 0}, java.util.Arrays.copyOf(d.image(0), 8));
        assertEquals(0, d.label(0));
        Splits s = Splits.digitsDefault(d);
        assertEquals(1000, s.train().size());
        assertEquals(350, s.validation().size());
        assertEquals(447, s.test().size());
        assertArrayEquals(d.image(1000), s.validation().image(0));
        assertArrayEquals(d.image(1350), s.test().image(0));
        assertEquals(d.fingerprint(), DigitsDataset.load().fingerprint());
    }

    @Test
    void quantiserBinsEvenly() {
        assertEquals(0, Quantizer.level(0, 256, 10));
        assertEquals(0, Quantizer.level(25, 256, 10));
        assertEquals(1, Quantizer.level(26, 256, 10));
        assertEquals(9, Quantizer.level(255, 256, 10));
        assertEquals(1, Quantizer.level(16, 17, 2));
        assertEquals(0, Quantizer.level(8, 17, 2));
    }

    @Test
    void idxRoundTripPlainAndGzipped() throws IOException {
        int[][] px = {{0, 255, 128, 7}, {10, 20, 30, 40}, {255, 255, 0, 0}};
        int[] labels = {3, 1, 4};
        for (boolean gz : new boolean[]{false, true}) {
            Path img = write("img" + gz, images(px, 2, 2, px.length), gz);
            Path lab = write("lab" + gz, labels(labels, labels.length), gz);
            IdxReader.RawImages raw = IdxReader.readImages(img);
            assertEquals(2, raw.rows());
            assertArrayEquals(px[0], raw.pixels()[0]);
            assertArrayEquals(labels, IdxReader.readLabels(lab));
            ImageDataset d = IdxReader.read("t", img, lab, 10);
            assertArrayEquals(new int[]{0, 9, 5, 0}, d.image(0));
        }
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        Path lab = write("lab", labels(new int[]{1}, 1), false);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(lab));
        assertTrue(e.getMessage().startsWith(lab.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("wrong magic number 0x00000801, expected 0x00000803"), e.getMessage());
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        byte[] full = images(new int[][]{{1, 2, 3, 4}, {5, 6, 7, 8}}, 2, 2, 2);
        Path img = dir.resolve("trunc");
        Files.write(img, java.util.Arrays.copyOf(full, full.length - 3));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(img));
        assertEquals(img + ": truncated: header says 2 images of 2x2 (24 bytes) but the data holds 21 bytes", e.getMessage());
        Path hdr = dir.resolve("hdr");
        Files.write(hdr, new byte[]{0, 0, 8, 3, 0});
        assertTrue(assertThrows(DatasetException.class, () -> IdxReader.readImages(hdr)).getMessage().contains("truncated"));
    }

    @Test
    void corruptGzipIsNamed() throws IOException {
        Path img = dir.resolve("bad.gz");
        Files.write(img, new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7});
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(img));
        assertTrue(e.getMessage().contains(img.toString()) && (e.getMessage().contains("corrupt") || e.getMessage().contains("truncated")), e.getMessage());
    }

    @Test
    void mismatchedCountsAreNamed() throws IOException {
        Path img = write("img", images(new int[][]{{1, 2, 3, 4}, {5, 6, 7, 8}}, 2, 2, 2), false);
        Path lab = write("lab", labels(new int[]{1, 2, 3}, 3), false);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read("x", img, lab, 10));
        assertTrue(e.getMessage().contains("image and label counts differ: 2 images but 3 labels"), e.getMessage());
        assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains(lab.toString()));
    }

    @Test
    void missingFileAndUnknownDatasetAreNamed() {
        Path nope = dir.resolve("nope.gz");
        assertTrue(assertThrows(DatasetException.class, () -> IdxReader.readLabels(nope)).getMessage()
                .equals(nope + ": file not found"));
        assertEquals(dir + ": is a directory; allowed: an IDX file",
                assertThrows(DatasetException.class, () -> IdxReader.readLabels(dir)).getMessage());
        DataSource bad = new DataSource("mnist-ish", null, null, null, null, 10, 1, 1, 1);
        assertEquals("dataset 'mnist-ish': unknown dataset name; allowed: digits, idx",
                assertThrows(DatasetException.class, bad::load).getMessage());
    }

    @Test
    void emptyFileLabelOutsideTheClassesAndALyingCountAreNamedBeforeAnythingIsAllocated() throws IOException {
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertEquals(empty + ": is empty; allowed: an IDX file",
                assertThrows(DatasetException.class, () -> IdxReader.readImages(empty)).getMessage());
        Path lab = write("lab250", labels(new int[]{1, 250}, 2), true);
        assertEquals(lab + ": label 1 is 250; allowed: a class from 0 to 9 (an IDX dataset has 10 classes)",
                assertThrows(DatasetException.class, () -> IdxReader.readLabels(lab)).getMessage());
        for (boolean gz : new boolean[]{false, true}) {
            Path huge = write("huge" + gz, images(new int[][]{{1, 2, 3, 4}}, 2, 2, Integer.MAX_VALUE), gz);
            String m = assertThrows(DatasetException.class, () -> IdxReader.readImages(huge)).getMessage();
            assertEquals(huge + ": truncated: header says 2147483647 images of 2x2 (8589934604 bytes) but the data"
                    + " holds 20 bytes", m);
        }
    }

    @Test
    void splitsKnowTheDeclaredClassesWhateverTheTrainingPartHolds() {
        int[][] px = {{0}, {0}, {0}};
        Splits s = Splits.consecutive(new ImageDataset("t", 1, 1, 2, px, new int[]{0, 0, 9}), 1, 1, 1);
        assertEquals(10, s.classes());
        assertEquals(10, DataSource.digits().load().classes());
    }

    @Test
    void corruptDigitsCsvIsNamed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("1,2,3\n".getBytes());
        }
        DatasetException e = assertThrows(DatasetException.class,
                () -> DigitsDataset.parse("x.csv.gz", new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals("x.csv.gz: line 1 has 3 fields, expected 65", e.getMessage());
    }

    private Path write(String name, byte[] data, boolean gz) throws IOException {
        Path p = dir.resolve(name + (gz ? ".gz" : ""));
        if (!gz) {
            Files.write(p, data);
        } else {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(data);
            }
        }
        return p;
    }

    static byte[] images(int[][] px, int rows, int cols, int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x803);
        out.writeInt(n);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int[] img : px) for (int v : img) out.writeByte(v);
        return b.toByteArray();
    }

    static byte[] labels(int[] l, int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x801);
        out.writeInt(n);
        for (int v : l) out.writeByte(v);
        return b.toByteArray();
    }
}
