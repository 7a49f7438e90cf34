package dev.dgmbench.suite.run;

import dev.dgmbench.models.data.Splits;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.suite.pipeline.StudyInputs;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The IDX path end to end: a study on small gzipped IDX files made here, and the shipped Fashion-MNIST spec's data. */
class IdxStudyE2ETest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void aStudyRunsOnIdxFilesMadeInTheTest(@TempDir Path dir) throws IOException {
        // 6x6 images in 4 classes, each class a bright block in its own quadrant plus noise: learnable and small.
        Random r = new Random(5);
        int n = 160, side = 6;
        byte[][] images = new byte[n][side * side];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            labels[i] = (byte) c;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean on = (y < 3) == (c < 2) && (x < 3) == (c % 2 == 0);
                    images[i][y * side + x] = (byte) Math.min(255, (on ? 200 : 20) + r.nextInt(40));
                }
            }
        }
        writeIdx(dir.resolve("train-images.gz"), images, side);
        writeLabels(dir.resolve("train-labels.gz"), labels);
        writeIdx(dir.resolve("test-images.gz"), java.util.Arrays.copyOf(images, 60), side);
        writeLabels(dir.resolve("test-labels.gz"), java.util.Arrays.copyOf(labels, 60));
        Path spec = E2E.tinySpec(dir, "tiny-idx", s -> s.replace("dataset:\n  name: digits\n", """
                dataset:
                  name: idx
                  idx: {train_images: train-images.gz, train_labels: train-labels.gz, test_images: test-images.gz, test_labels: test-labels.gz}
                  levels: 10
                  split: {train: 100, validation: 40, test: 60}
                """).replace("real_samples: 100", "real_samples: 60")
                // 100 images are 2 steps an epoch: with nn.Linear's small initial weights (the default init) 3 epochs
                // leave the decoder near uniform, so train a little longer
                .replace("max_epochs: 3\n  patience: 2", "max_epochs: 30\n  patience: 30"));
        Path out = dir.resolve("out");
        E2E.Result res = E2E.run(spec, out, 2);
        assertEquals(0, res.code(), res.toString());
        List<Path> runs = ResultFolder.list(out.resolve("runs"));
        assertEquals(4, runs.size());
        for (Path run : runs) {
            RunResult rr = ResultFolder.read(run);
            assertEquals(RunStatus.OK, rr.info().status(), rr.info().failure());
            assertEquals(6, rr.samples().width());
            assertEquals(10, rr.samples().levels());
            // 36 pixels of 10 levels: the NLL is below the uniform model's 36 ln 10 once anything is learned
            assertTrue(rr.metrics().model().get("nll") < 36 * Math.log(10), "nll " + rr.metrics().model().get("nll"));
        }
    }

    @Test
    void theShippedFashionSpecLoadsTheRealFiles() {
        assumeTrue(Files.exists(FASHION.resolve("train-images-idx3-ubyte.gz")),
                "Debian's dataset-fashion-mnist is not installed (.ci/run installs it); skipping the real-file check");
        StudySpec spec = SpecLoader.loadShipped("fashion10-cpu", true);
        Splits s = StudyInputs.load(spec.dataset(), null).splits();
        assertEquals(3000, s.train().size());
        assertEquals(1000, s.validation().size());
        assertEquals(1000, s.test().size());
        assertEquals(28, s.train().width());
        assertEquals(10, s.train().levels());
        assertEquals(10, s.classes());
        // Fashion-MNIST's first training image is an ankle boot (class 9), its first test image too.
        assertEquals(9, s.train().labels()[0]);
        assertEquals(9, s.test().labels()[0]);
        for (int[] img : s.train().images()) for (int v : img) assertTrue(v >= 0 && v < 10);
    }

    private static void writeIdx(Path file, byte[][] images, int side) throws IOException {
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file)); DataOutputStream out = new DataOutputStream(os)) {
            out.writeInt(0x00000803);
            out.writeInt(images.length);
            out.writeInt(side);
            out.writeInt(side);
            for (byte[] img : images) out.write(img);
        }
    }

    private static void writeLabels(Path file, byte[] labels) throws IOException {
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file)); DataOutputStream out = new DataOutputStream(os)) {
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }
}
