package dev.dgmbench.engine.cuda;

/**
 * Where the CUDA engine's arrays live and its arithmetic runs: a GPU ({@link CudaDevice}: cuBLAS products and
 * NVRTC-compiled kernels) or the JVM ({@link HostDevice}: the same kernels as plain Java loops, one iteration per
 * GPU thread), so the engine's buffer management, batching and launch sequence are tested without a GPU.
 * <p>
 * SampleMatrices are row-major. Work is queued in order; a download waits for everything queued before it.
 */
public interface Device extends AutoCloseable {
    /** A short description (GPU name, or "host"). */
    String name();

    /** Zeroed buffers. They live until the device is closed. */
    Buffer floats(long length);

    Buffer ints(long length);

    Buffer doubles(long length);

    void upload(float[] src, int from, int count, Buffer dst, long at);

    void upload(int[] src, int from, int count, Buffer dst, long at);

    void upload(double[] src, int from, int count, Buffer dst, long at);

    void download(Buffer src, long at, float[] dst, int from, int count);

    void download(Buffer src, long at, double[] dst, int from, int count);

    void download(Buffer src, long at, int[] dst, int from, int count);

    /** Device-to-device copy of count elements of the same type. */
    void copy(Buffer src, long srcAt, Buffer dst, long dstAt, long count);

    /**
     * {@code batch} products C_b = op(A_b) op(B_b) (+ C_b if accumulate), b < batch, where op transposes if asked;
     * op(A) is [m, k], op(B) [k, n], C [m, n], all packed row-major; A_b starts at aAt + b * aStride, and so on.
     * A stride of 0 shares one operand across the batch.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, long aAt, long aStride,
              Buffer b, long bAt, long bStride, boolean accumulate, Buffer c, long cAt, long cStride, int batch);

    /** Runs a kernel over {@code total} elements with its arguments (buffers, Integer, Float, in order). */
    void launch(Kernel kernel, int total, Object... args);

    /** Frees one buffer now (work buffers that are outgrown). */
    void free(Buffer buffer);

    /** Frees a buffer at the device's next allocation: safe to call from any thread (model cleaners). */
    void freeLater(Buffer buffer);

    /** Frees every buffer. */
    @Override
    void close();
}
