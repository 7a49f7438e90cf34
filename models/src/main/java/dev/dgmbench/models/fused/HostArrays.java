package dev.dgmbench.models.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Bulk copies between c-ordered float INDArrays (row-range and slice views included) and Java arrays, so fused
 * elementwise loops run on the JVM heap while the matrix products stay in native BLAS.
 */
public final class HostArrays {
    private HostArrays() {
    }

    /** Copies the first {@code len} elements of {@code a} into {@code dst}. */
    public static void read(INDArray a, float[] dst, int len) {
        buffer(a, len).get(dst, 0, len);
    }

    /** Copies {@code len} elements of {@code src} into {@code a}. */
    public static void write(float[] src, int len, INDArray a) {
        buffer(a, len).put(src, 0, len);
    }

    /**
     * Gathers rows {@code order[from .. from+rows)} of a row-major heap matrix {@code src} [n, width] into
     * {@code dst[0 .. rows*width)}: a shuffled minibatch.
     */
    public static void gatherRows(float[] src, int width, int[] order, int from, int rows, float[] dst) {
        for (int r = 0; r < rows; r++) System.arraycopy(src, order[from + r] * width, dst, r * width, width);
    }

    /** The native buffer positioned at a's first element (a view's buffer spans its parent's). */
    private static FloatBuffer buffer(INDArray a, int len) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.length() < len) {
            throw new IllegalArgumentException("need a c-ordered float array of at least " + len + " elements, got "
                    + a.dataType() + " " + a.ordering() + " " + a.length());
        }
        FloatBuffer fb = a.data().asNioFloat();
        fb.position((int) a.offset());
        return fb;
    }
}
