package dev.dgmbench.engine;

/** Row gathers on row-major heap matrices: a shuffled minibatch. */
public final class RowGather {
    private RowGather() {
    }

    /**
     * Gathers rows {@code order[from .. from+rows)} of a row-major heap matrix {@code src} [n, width] into
     * {@code dst[0 .. rows*width)}.
     */
    public static void gatherRows(float[] src, int width, int[] order, int from, int rows, float[] dst) {
        for (int r = 0; r < rows; r++) System.arraycopy(src, order[from + r] * width, dst, r * width, width);
    }
}
