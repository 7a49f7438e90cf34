package dev.dgmbench.engine.cuda;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import static org.bytedeco.cuda.global.cublas.*;
import static org.bytedeco.cuda.global.cudart.*;

/**
 * A GPU through JavaCPP: the driver API for memory and kernel launches (PTX from {@link KernelCompiler}),
 * cuBLAS in its default FP32 math mode (no TF32, no atomics) for products. All of a device's work (copies, memsets,
 * kernels, products) goes in order onto one stream of its own, created non-blocking: engines on other threads
 * (concurrent runs, each with its own {@code CudaDevice}) neither wait for this one's work nor it for theirs, and
 * their small kernels can run side by side on the GPU. The legacy default stream would serialise them all and make
 * each thread's download wait for every other thread's queued work. Downloads wait for the work before them on this
 * stream. Calls from any thread make the device's context current there first; one thread at a time.
 * {@code -Ddgmbench.cuda.stream=legacy} puts the work on the legacy default stream instead: a fallback, should a
 * driver misbehave with streams, at the cost of concurrent runs waiting for each other.
 */
public final class CudaDevice implements Device {
    private static final int BLOCK = 256, MAX_ARGS = 16;
    static final String STREAM_PROPERTY = "dgmbench.cuda.stream";
    /**
     * How a thread waits for the GPU: {@code auto} (the driver's choice: it spins while the process has fewer
     * contexts than cores), {@code spin}, {@code yield} or {@code blocking} (sleeps, leaving the core to other
     * runs' host work). Timing only: the bits do not depend on it. Set on the primary context before it is retained.
     */
    static final String SYNC_PROPERTY = "dgmbench.cuda.sync";

    private final int ordinal, major, minor;
    private final String gpuName;
    private final long totalMemory;
    private final String image;
    private final int sync;
    private final CUctx_st context = new CUctx_st();
    private final CUmod_st module = new CUmod_st();
    private final Map<Kernel, CUfunc_st> functions = new EnumMap<>(Kernel.class);
    private final cublasContext blas = new cublasContext();
    /** This device's stream; with {@code legacy}, a null handle: the legacy default stream. */
    private final CUstream_st stream = new CUstream_st();
    private final boolean ownStream = !"legacy".equals(System.getProperty(STREAM_PROPERTY));
    private final java.util.Set<CudaBuffer> buffers = new java.util.LinkedHashSet<>();
    /** Kernel arguments: 8 bytes of value each, and the array of their addresses cuLaunchKernel reads. */
    private final BytePointer argValues = new BytePointer(8L * MAX_ARGS);
    private final LongPointer argAddresses = new LongPointer(MAX_ARGS);
    private final PointerPointer<?> kernelParams;
    private final FloatPointer one = new FloatPointer(1f), zero = new FloatPointer(0f);
    private BytePointer staging = new BytePointer(1 << 20);
    /** An upload from staging may still be reading it (the driver's docs allow that for pageable memory). */
    private boolean stagingInFlight;
    private final java.util.Queue<Buffer> released = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ThreadLocal<Boolean> bound = ThreadLocal.withInitial(() -> false);
    private boolean closed;

    static final class CudaBuffer extends Buffer {
        final long address;

        CudaBuffer(Type type, long length, long address) {
            super(type, length);
            this.address = address;
        }

        long at(long element) {
            return address + element * type.bytes;
        }
    }

    /** A cuBLAS operand: a float pointer at a device address (JavaCPP sets no deallocator for it). */
    private static final class DeviceFloats extends FloatPointer {
        DeviceFloats(long deviceAddress) {
            address = deviceAddress;
        }
    }

    /** Opens GPU {@code ordinal}, compiles (or reads cached) kernels for it and creates a cuBLAS handle. */
    public CudaDevice(int ordinal) {
        this.ordinal = ordinal;
        check(cuInit(0), "cuInit");
        int[] dev = new int[1], v = new int[1];
        check(cuDeviceGet(dev, ordinal), "cuDeviceGet");
        check(cuDeviceGetAttribute(v, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]), "capability");
        major = v[0];
        check(cuDeviceGetAttribute(v, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]), "capability");
        minor = v[0];
        byte[] name = new byte[256];
        check(cuDeviceGetName(name, name.length, dev[0]), "cuDeviceGetName");
        gpuName = cString(name);
        SizeTPointer mem = new SizeTPointer(1);
        check(cuDeviceTotalMem(mem, dev[0]), "cuDeviceTotalMem");
        totalMemory = mem.get();
        sync = syncFlag(System.getProperty(SYNC_PROPERTY));
        if (sync != CU_CTX_SCHED_AUTO) check(cuDevicePrimaryCtxSetFlags(dev[0], sync), "cuDevicePrimaryCtxSetFlags");
        check(cuDevicePrimaryCtxRetain(context, dev[0]), "cuDevicePrimaryCtxRetain");
        bind();
        int rc = cuModuleLoadData(module, new BytePointer(KernelCompiler.ptx(major, minor)));
        if (rc != CUDA_SUCCESS) {
            // e.g. PTX from an NVRTC newer than the driver: load machine code for this GPU instead
            byte[] cubin = KernelCompiler.image(KernelCompiler.Image.CUBIN, major, minor);
            check(cuModuleLoadData(module, new BytePointer(cubin)), "cuModuleLoadData (PTX failed with CUDA error " + rc + ")");
            image = "cubin sm_" + major + minor + " (PTX failed with CUDA error " + rc + ")";
        } else {
            image = "ptx compute_" + major + minor;
        }
        for (Kernel k : Kernel.values()) {
            CUfunc_st f = new CUfunc_st();
            check(cuModuleGetFunction(f, module, k.cudaName()), "cuModuleGetFunction " + k.cudaName());
            functions.put(k, f);
        }
        if (ownStream) check(cuStreamCreate(stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        blasCheck(cublasCreate_v2(blas), "cublasCreate");
        blasCheck(cublasSetStream_v2(blas, stream), "cublasSetStream");
        // Default math: FP32 products stay FP32 (TF32 only with CUBLAS_TF32_TENSOR_OP_MATH); cuBLAS's default
        // atomics mode is "not allowed", so its results are bitwise reproducible for a given GPU and shapes.
        blasCheck(cublasSetMathMode(blas, CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
        for (int i = 0; i < MAX_ARGS; i++) argAddresses.put(i, argValues.address() + 8L * i);
        // The void** goes through the PointerPointer overload: JavaCPP passes a plain Pointer for a void** parameter
        // by reference (the address of a copy), which the driver would read as a one-element array.
        kernelParams = new PointerPointer<>(argAddresses);
    }

    /** Makes this device's context current on the calling thread (once per thread). */
    private void bind() {
        if (bound.get()) return;
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
        bound.set(true);
    }

    static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return gpuName + " (compute capability " + major + "." + minor + ", GPU " + ordinal + ")";
    }

    public String gpuName() {
        return gpuName;
    }

    public int capabilityMajor() {
        return major;
    }

    public int capabilityMinor() {
        return minor;
    }

    public long totalMemory() {
        return totalMemory;
    }

    /** Where the work goes: a non-blocking stream of this device's own, or the legacy default stream. */
    public String streamKind() {
        return ownStream ? "own non-blocking stream" : "legacy default stream";
    }

    /** The CU_CTX_SCHED_* flag of a {@link #SYNC_PROPERTY} value (null or blank: auto). */
    static int syncFlag(String value) {
        if (value == null || value.isBlank()) return CU_CTX_SCHED_AUTO;
        return switch (value.trim()) {
            case "auto" -> CU_CTX_SCHED_AUTO;
            case "spin" -> CU_CTX_SCHED_SPIN;
            case "yield" -> CU_CTX_SCHED_YIELD;
            case "blocking" -> CU_CTX_SCHED_BLOCKING_SYNC;
            default -> throw new IllegalArgumentException("-D" + SYNC_PROPERTY + "=" + value
                    + ": allowed: auto, spin, yield, blocking");
        };
    }

    /** How threads wait for this device (provenance). */
    public String syncKind() {
        return sync == CU_CTX_SCHED_SPIN ? "spin" : sync == CU_CTX_SCHED_YIELD ? "yield"
                : sync == CU_CTX_SCHED_BLOCKING_SYNC ? "blocking" : "auto";
    }

    /** How the kernels were loaded (PTX, or machine code after a PTX failure). */
    public String kernelImage() {
        return image;
    }

    private Buffer allocate(Buffer.Type type, long length) {
        bind();
        if (!released.isEmpty()) {
            drain(); // queued work may still read the released buffers
            for (Buffer b; (b = released.poll()) != null; ) free(b);
        }
        long bytes = Math.max(1, length) * type.bytes;
        long[] address = new long[1];
        check(cuMemAlloc(address, bytes), "cuMemAlloc of " + bytes + " bytes");
        check(cuMemsetD8Async(address[0], (byte) 0, bytes, stream), "cuMemsetD8Async");
        CudaBuffer b = new CudaBuffer(type, length, address[0]);
        buffers.add(b);
        return b;
    }

    @Override
    public Buffer floats(long length) {
        return allocate(Buffer.Type.FLOAT, length);
    }

    @Override
    public Buffer ints(long length) {
        return allocate(Buffer.Type.INT, length);
    }

    @Override
    public Buffer doubles(long length) {
        return allocate(Buffer.Type.DOUBLE, length);
    }

    private static CudaBuffer cuda(Buffer b, Buffer.Type type, long at, long count) {
        b.check(type, at, count);
        return (CudaBuffer) b;
    }

    /** The staging memory, once no upload can still be reading it. */
    private BytePointer staging(long bytes) {
        if (stagingInFlight) drain();
        if (staging.capacity() < bytes) {
            staging.close();
            staging = new BytePointer(Math.max(bytes, 2 * staging.capacity()));
        }
        return staging;
    }

    /** count elements of {@code type} from the host to dst at element at: {@code fill} writes them into staging. */
    private void toDevice(Buffer dst, Buffer.Type type, long at, int count, Consumer<BytePointer> fill) {
        bind();
        CudaBuffer d = cuda(dst, type, at, count);
        long bytes = (long) type.bytes * count;
        BytePointer s = staging(bytes);
        fill.accept(s);
        if (count > 0) {
            check(cuMemcpyHtoDAsync(d.at(at), s, bytes, stream), "cuMemcpyHtoDAsync");
            // From pageable memory drivers stage the bytes before they return, but the documentation only says they
            // "may": staging is not refilled before this stream has drained.
            stagingInFlight = true;
        }
    }

    /** count elements of {@code type} from src at element at to the host: {@code read} takes them from staging. */
    private void toHost(Buffer src, Buffer.Type type, long at, int count, Consumer<BytePointer> read) {
        bind();
        CudaBuffer b = cuda(src, type, at, count);
        long bytes = (long) type.bytes * count;
        BytePointer s = staging(bytes);
        if (count > 0) {
            check(cuMemcpyDtoHAsync(s, b.at(at), bytes, stream), "cuMemcpyDtoHAsync");
            drain();
        }
        read.accept(s);
    }

    @Override
    public void upload(float[] src, int from, int count, Buffer dst, long at) {
        toDevice(dst, Buffer.Type.FLOAT, at, count, s -> new FloatPointer(s).put(src, from, count));
    }

    @Override
    public void upload(int[] src, int from, int count, Buffer dst, long at) {
        toDevice(dst, Buffer.Type.INT, at, count, s -> new IntPointer(s).put(src, from, count));
    }

    @Override
    public void upload(double[] src, int from, int count, Buffer dst, long at) {
        toDevice(dst, Buffer.Type.DOUBLE, at, count, s -> new DoublePointer(s).put(src, from, count));
    }

    @Override
    public void download(Buffer src, long at, float[] dst, int from, int count) {
        toHost(src, Buffer.Type.FLOAT, at, count, s -> new FloatPointer(s).get(dst, from, count));
    }

    @Override
    public void download(Buffer src, long at, double[] dst, int from, int count) {
        toHost(src, Buffer.Type.DOUBLE, at, count, s -> new DoublePointer(s).get(dst, from, count));
    }

    @Override
    public void download(Buffer src, long at, int[] dst, int from, int count) {
        toHost(src, Buffer.Type.INT, at, count, s -> new IntPointer(s).get(dst, from, count));
    }

    @Override
    public void copy(Buffer src, long srcAt, Buffer dst, long dstAt, long count) {
        bind();
        CudaBuffer s = cuda(src, src.type, srcAt, count), d = cuda(dst, src.type, dstAt, count);
        if (count > 0) check(cuMemcpyDtoDAsync(d.at(dstAt), s.at(srcAt), count * src.type.bytes, stream), "cuMemcpyDtoDAsync");
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, long aAt, long aStride,
                     Buffer b, long bAt, long bStride, boolean accumulate, Buffer c, long cAt, long cStride,
                     int batch) {
        bind();
        CudaBuffer av = cuda(a, Buffer.Type.FLOAT, aAt, aStride * (batch - 1) + (long) m * k);
        CudaBuffer bv = cuda(b, Buffer.Type.FLOAT, bAt, bStride * (batch - 1) + (long) k * n);
        CudaBuffer cv = cuda(c, Buffer.Type.FLOAT, cAt, cStride * (batch - 1) + (long) m * n);
        // Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T: B first, dimensions swapped.
        int opA = transB ? CUBLAS_OP_T : CUBLAS_OP_N, opB = transA ? CUBLAS_OP_T : CUBLAS_OP_N;
        int ldb = transB ? k : n, lda = transA ? m : k;
        FloatPointer beta = accumulate ? one : zero;
        DeviceFloats pa = new DeviceFloats(bv.at(bAt)), pb = new DeviceFloats(av.at(aAt)), pc = new DeviceFloats(cv.at(cAt));
        blasCheck(cublasSgemmStridedBatched(blas, opA, opB, n, m, k, one, pa, ldb, bStride, pb, lda, aStride, beta,
                pc, n, cStride, batch), "cublasSgemmStridedBatched");
    }

    @Override
    public void launch(Kernel kernel, int total, Object... args) {
        bind();
        if (total <= 0) return;
        if (args.length + 1 > MAX_ARGS) throw new IllegalArgumentException("too many arguments for " + kernel);
        for (int i = 0; i < args.length; i++) {
            long at = 8L * i;
            Object arg = args[i];
            if (arg instanceof CudaBuffer b) argValues.putLong(at, b.address);
            else if (arg instanceof Integer v) argValues.putInt(at, v);
            else if (arg instanceof Float v) argValues.putFloat(at, v);
            else if (arg instanceof Double v) argValues.putDouble(at, v);
            else throw new IllegalArgumentException("argument " + i + " of " + kernel + ": " + arg);
        }
        argValues.putInt(8L * args.length, total);
        int grid = (int) ((total + (long) BLOCK - 1) / BLOCK);
        check(cuLaunchKernel(functions.get(kernel), grid, 1, 1, BLOCK, 1, 1, 0, stream,
                kernelParams, (PointerPointer<?>) null), "cuLaunchKernel " + kernel.cudaName());
    }

    @Override
    public void free(Buffer buffer) {
        bind();
        if (buffer instanceof CudaBuffer b && buffers.remove(b)) {
            drain(); // a queued kernel may still use it
            check(cuMemFree(b.address), "cuMemFree");
        }
    }

    @Override
    public void freeLater(Buffer buffer) {
        released.add(buffer);
    }

    /** Waits for this device's queued work (timings). */
    public void synchronize() {
        bind();
        drain();
    }

    private void drain() {
        check(cuStreamSynchronize(stream), "cuStreamSynchronize");
        stagingInFlight = false;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        bind();
        cuStreamSynchronize(stream);
        for (CudaBuffer b : buffers) cuMemFree(b.address);
        buffers.clear();
        cublasDestroy_v2(blas);
        if (ownStream) cuStreamDestroy(stream);
        cuModuleUnload(module);
    }

    static void check(int rc, String what) {
        if (rc != CUDA_SUCCESS) {
            PointerPointer<BytePointer> text = new PointerPointer<>(1);
            String reason = cuGetErrorString(rc, text) == CUDA_SUCCESS && text.get(0) != null
                    ? text.getString(0) : "";
            throw new IllegalStateException(what + " failed: CUDA error " + rc + " " + reason);
        }
    }

    private static void blasCheck(int rc, String what) {
        if (rc != CUBLAS_STATUS_SUCCESS) throw new IllegalStateException(what + " failed: cuBLAS status " + rc);
    }
}
