package dev.dgmbench.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 * big-endian floats. Independent of SameDiff's serialisation, so a model saved on one backend loads on any.
 */
public final class WeightFile {
    private static final int MAGIC = 0x44474D57; // "DGMW"

    private WeightFile() {
    }

    public static void save(Path file, Map<String, INDArray> arrays) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                INDArray a = e.getValue();
                out.writeUTF(e.getKey());
                out.writeInt(a.rank());
                for (long d : a.shape()) out.writeLong(d);
                for (float f : a.dup('c').data().asFloat()) out.writeFloat(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights to " + file + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, INDArray> load(Path file) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) throw new IOException("not a dgmbench weight file (wrong magic number)");
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                long len = 1;
                for (int d = 0; d < shape.length; d++) len *= (shape[d] = in.readLong());
                float[] v = new float[Math.toIntExact(len)];
                for (int j = 0; j < v.length; j++) v[j] = in.readFloat();
                out.put(name, Nd4j.create(v, shape, 'c').castTo(DataType.FLOAT));
            }
        } catch (EOFException e) {
            throw new UncheckedIOException(file + ": truncated weight file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
