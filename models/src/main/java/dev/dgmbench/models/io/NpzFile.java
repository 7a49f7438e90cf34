package dev.dgmbench.models.io;

import dev.dgmbench.engine.Layer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Layers as a NumPy {@code .npz} archive, so other tools read a run's trained weights: {@code numpy.load} gives
 * {@code name.w} as float32 [in, out] (row-major; PyTorch's {@code nn.Linear} wants its transpose) and
 * {@code name.b} as [out]. Written by hand rather than with a library: an {@code .npz} is a zip of {@code .npy}
 * files, and NPY 1.0 is a ten-byte preamble and a Python dict literal (numpy.org NEP 1). Like {@link WeightFile},
 * written atomically.
 */
public final class NpzFile {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy aligns the data to 64 bytes (preamble + header), so it can be memory-mapped. */
    static final int ALIGN = 64;
    /** 1980-01-01, the first time a zip entry can hold. */
    private static final long EPOCH = 315532800000L;

    private NpzFile() {
    }

    /** Saves layers by name as {@code name.w} [in, out] and {@code name.b} [out], float32 little-endian. */
    public static void save(Path file, Map<String, Layer> layers) {
        WeightFile.writeAtomically(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out));
            for (Map.Entry<String, Layer> e : layers.entrySet()) {
                Layer l = e.getValue();
                entry(zip, e.getKey() + ".w", l.w(), l.in(), l.out());
                entry(zip, e.getKey() + ".b", l.b(), l.out());
            }
            zip.finish();
            zip.flush();
        });
    }

    private static void entry(ZipOutputStream zip, String name, float[] values, int... shape) throws IOException {
        ZipEntry entry = new ZipEntry(name + ".npy");
        entry.setTime(EPOCH); // the same weights give the same bytes
        zip.putNextEntry(entry);
        writeNpy(zip, values, shape);
        zip.closeEntry();
    }

    /** One {@code .npy} (format 1.0) of float32 values in C order. */
    static void writeNpy(OutputStream out, float[] values, int... shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) dims.append(d).append(", ");
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1; // magic, version, header length, dict, newline
        String header = dict + " ".repeat((ALIGN - unpadded % ALIGN) % ALIGN) + "\n";
        out.write(MAGIC);
        out.write(new byte[]{1, 0});
        out.write(new byte[]{(byte) (header.length() & 0xff), (byte) (header.length() >>> 8)});
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        out.write(data.array());
    }
}
