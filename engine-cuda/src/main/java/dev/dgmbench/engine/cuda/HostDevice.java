package dev.dgmbench.engine.cuda;

/**
 * The device as plain Java: buffers are heap arrays, kernels run as {@link HostKernels} loops and products as a
 * naive loop summing over k in order. The CUDA engine's test vehicle in CI (no GPU), not a fast engine.
 */
public final class HostDevice implements Device {

    static final class HostBuffer extends Buffer {
        final float[] floats;
        final int[] ints;
        final double[] doubles;

        HostBuffer(Type type, long length) {
            super(type, length);
            if (length > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too long for the heap: " + length);
            int n = (int) length;
            floats = type == Type.FLOAT ? new float[n] : null;
            ints = type == Type.INT ? new int[n] : null;
            doubles = type == Type.DOUBLE ? new double[n] : null;
        }

        Object array() {
            return switch (type) {
                case FLOAT -> floats;
                case INT -> ints;
                case DOUBLE -> doubles;
            };
        }
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public Buffer floats(long length) {
        return new HostBuffer(Buffer.Type.FLOAT, length);
    }

    @Override
    public Buffer ints(long length) {
        return new HostBuffer(Buffer.Type.INT, length);
    }

    @Override
    public Buffer doubles(long length) {
        return new HostBuffer(Buffer.Type.DOUBLE, length);
    }

    private static HostBuffer host(Buffer b, Buffer.Type type, long at, long count) {
        b.check(type, at, count);
        return (HostBuffer) b;
    }

    @Override
    public void upload(float[] src, int from, int count, Buffer dst, long at) {
        System.arraycopy(src, from, host(dst, Buffer.Type.FLOAT, at, count).floats, (int) at, count);
    }

    @Override
    public void upload(int[] src, int from, int count, Buffer dst, long at) {
        System.arraycopy(src, from, host(dst, Buffer.Type.INT, at, count).ints, (int) at, count);
    }

    @Override
    public void upload(double[] src, int from, int count, Buffer dst, long at) {
        System.arraycopy(src, from, host(dst, Buffer.Type.DOUBLE, at, count).doubles, (int) at, count);
    }

    @Override
    public void download(Buffer src, long at, float[] dst, int from, int count) {
        System.arraycopy(host(src, Buffer.Type.FLOAT, at, count).floats, (int) at, dst, from, count);
    }

    @Override
    public void download(Buffer src, long at, double[] dst, int from, int count) {
        System.arraycopy(host(src, Buffer.Type.DOUBLE, at, count).doubles, (int) at, dst, from, count);
    }

    @Override
    public void download(Buffer src, long at, int[] dst, int from, int count) {
        System.arraycopy(host(src, Buffer.Type.INT, at, count).ints, (int) at, dst, from, count);
    }

    @Override
    public void copy(Buffer src, long srcAt, Buffer dst, long dstAt, long count) {
        HostBuffer s = host(src, src.type, srcAt, count), d = host(dst, src.type, dstAt, count);
        System.arraycopy(s.array(), (int) srcAt, d.array(), (int) dstAt, (int) count);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, long aAt, long aStride,
                     Buffer b, long bAt, long bStride, boolean accumulate, Buffer c, long cAt, long cStride,
                     int batch) {
        float[] av = host(a, Buffer.Type.FLOAT, aAt, aStride * (batch - 1) + (long) m * k).floats;
        float[] bv = host(b, Buffer.Type.FLOAT, bAt, bStride * (batch - 1) + (long) k * n).floats;
        float[] cv = host(c, Buffer.Type.FLOAT, cAt, cStride * (batch - 1) + (long) m * n).floats;
        float[] row = new float[n];
        for (int q = 0; q < batch; q++) {
            int ao = (int) (aAt + q * aStride), bo = (int) (bAt + q * bStride), co = (int) (cAt + q * cStride);
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(row, 0f);
                for (int p = 0; p < k; p++) {
                    float x = transA ? av[ao + p * m + i] : av[ao + i * k + p];
                    if (transB) {
                        for (int j = 0; j < n; j++) row[j] += x * bv[bo + j * k + p];
                    } else {
                        int bRow = bo + p * n;
                        for (int j = 0; j < n; j++) row[j] += x * bv[bRow + j];
                    }
                }
                int cRow = co + i * n;
                for (int j = 0; j < n; j++) cv[cRow + j] = accumulate ? cv[cRow + j] + row[j] : row[j];
            }
        }
    }

    @Override
    public void launch(Kernel kernel, int total, Object... args) {
        KernelSignatures.check(kernel, args);
        if (total > 0) HostKernels.run(kernel, total, args);
    }

    @Override
    public void free(Buffer buffer) {
    }

    @Override
    public void freeLater(Buffer buffer) {
    }

    @Override
    public void close() {
    }
}
