package dev.dgmbench.engine.cuda;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * A view of a device that records what one model allocates, so the model's device memory is given back when the
 * model becomes unreachable (the engine seam has no close). The cleaner thread only queues the buffers; the
 * device frees them on its own thread at its next allocation.
 */
final class OwnedBuffers implements Device {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Device device;
    private final List<Buffer> owned = new ArrayList<>();

    OwnedBuffers(Device device) {
        this.device = device;
    }

    /** Frees this view's buffers once {@code owner} is unreachable. */
    void releaseWhenUnreachable(Object owner) {
        List<Buffer> buffers = owned;
        Device target = device;
        CLEANER.register(owner, () -> {
            synchronized (buffers) {
                for (Buffer b : buffers) target.freeLater(b);
                buffers.clear();
            }
        });
    }

    private Buffer own(Buffer b) {
        synchronized (owned) {
            owned.add(b);
        }
        return b;
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public Buffer floats(long length) {
        return own(device.floats(length));
    }

    @Override
    public Buffer ints(long length) {
        return own(device.ints(length));
    }

    @Override
    public Buffer doubles(long length) {
        return own(device.doubles(length));
    }

    @Override
    public void upload(float[] src, int from, int count, Buffer dst, long at) {
        device.upload(src, from, count, dst, at);
    }

    @Override
    public void upload(int[] src, int from, int count, Buffer dst, long at) {
        device.upload(src, from, count, dst, at);
    }

    @Override
    public void upload(double[] src, int from, int count, Buffer dst, long at) {
        device.upload(src, from, count, dst, at);
    }

    @Override
    public void download(Buffer src, long at, float[] dst, int from, int count) {
        device.download(src, at, dst, from, count);
    }

    @Override
    public void download(Buffer src, long at, double[] dst, int from, int count) {
        device.download(src, at, dst, from, count);
    }

    @Override
    public void download(Buffer src, long at, int[] dst, int from, int count) {
        device.download(src, at, dst, from, count);
    }

    @Override
    public void copy(Buffer src, long srcAt, Buffer dst, long dstAt, long count) {
        device.copy(src, srcAt, dst, dstAt, count);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, long aAt, long aStride, Buffer b,
                     long bAt, long bStride, boolean accumulate, Buffer c, long cAt, long cStride, int batch) {
        device.gemm(transA, transB, m, n, k, a, aAt, aStride, b, bAt, bStride, accumulate, c, cAt, cStride, batch);
    }

    @Override
    public void launch(Kernel kernel, int total, Object... args) {
        device.launch(kernel, total, args);
    }

    @Override
    public void free(Buffer buffer) {
        synchronized (owned) {
            owned.remove(buffer);
        }
        device.free(buffer);
    }

    @Override
    public void freeLater(Buffer buffer) {
        device.freeLater(buffer);
    }

    /** The model's buffers stay until it is unreachable; closing the view frees nothing by itself. */
    @Override
    public void close() {
    }
}
