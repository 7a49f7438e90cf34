package dev.dgmbench.models.io;

import dev.dgmbench.engine.Layer;
import dev.dgmbench.results.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float arrays in a small portable binary file: magic, count, then per array its name, shape and
 * big-endian floats (a layer's weight as [in, out], its bias as [1, out]). Independent of any engine, so a model
 * saved by one loads in any. Written through {@link AtomicFiles}, so a crash never leaves half a file.
 */
public final class WeightFile {
    private static final int MAGIC = 0x44474D57; // "DGMW"

    private WeightFile() {
    }

    /** Saves layers by name as {@code name.w} and {@code name.b}. */
    public static void save(Path file, Map<String, Layer> layers) {
        writeAtomically(file, stream -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream)); // a float at a time
            out.writeInt(MAGIC);
            out.writeInt(layers.size() * 2);
            for (Map.Entry<String, Layer> e : layers.entrySet()) {
                Layer l = e.getValue();
                write(out, e.getKey() + ".w", new long[]{l.in(), l.out()}, l.w());
                write(out, e.getKey() + ".b", new long[]{1, l.out()}, l.b());
            }
            out.flush();
        });
    }

    /** Through {@link AtomicFiles}: a crash never leaves half a weight file (shared with {@link NpzFile}). */
    static void writeAtomically(Path file, AtomicFiles.Content content) {
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(DataOutputStream out, String name, long[] shape, float[] v) throws IOException {
        out.writeUTF(name);
        out.writeInt(shape.length);
        for (long d : shape) out.writeLong(d);
        for (float f : v) out.writeFloat(f);
    }

    /** The arrays by name, flattened row-major. */
    public static Map<String, float[]> load(Path file) {
        Map<String, float[]> out = new LinkedHashMap<>();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) throw new IOException("not a dgmbench weight file (wrong magic number)");
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                long len = 1;
                int rank = in.readInt();
                for (int d = 0; d < rank; d++) len *= in.readLong();
                if (len < 0 || len * 4 > size) throw new IOException("array " + name + " is larger than the file");
                float[] v = new float[Math.toIntExact(len)];
                for (int j = 0; j < v.length; j++) v[j] = in.readFloat();
                out.put(name, v);
            }
        } catch (EOFException e) {
            throw new UncheckedIOException(file + ": truncated weight file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
