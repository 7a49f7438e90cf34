// A stand-in for libcuda.so.1 that runs the engine's kernels on the CPU: "device" memory is host memory, a
// launch loops over blocks and threads calling kernels.cu compiled as C++ (host_kernels.inc, generated). For
// exercising CudaDevice's JavaCPP calls, argument passing and the product layout without a GPU; never a result.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;
struct Dim { unsigned x, y, z; };
static thread_local Dim blockIdx, blockDim, threadIdx;

#define __global__
#define __device__ static inline
static inline float __int_as_float(int i) { float f; std::memcpy(&f, &i, 4); return f; }
static inline int __float_as_int(float f) { int i; std::memcpy(&i, &f, 4); return i; }
using std::exp; using std::log; using std::log1p; using std::fabs; using std::fmax;

#include KERNELS_CU

struct Function { const char* name; void (*invoke)(void**); };
#include "invokers.inc"

// Only the driver API is exported: kernel names such as "reparam" would otherwise interpose on NVRTC's own.
#define API __attribute__((visibility("default")))
extern "C" {
API CUresult cuInit(unsigned) { return 0; }
API CUresult cuDriverGetVersion(int* v) { *v = 13000; return 0; }
API CUresult cuDeviceGetCount(int* n) { *n = 1; return 0; }
API CUresult cuDeviceGet(int* d, int ordinal) { *d = ordinal; return ordinal == 0 ? 0 : 101; }
API CUresult cuDeviceGetAttribute(int* v, int attribute, int) {
    *v = attribute == 75 ? 9 : attribute == 76 ? 0 : 1;
    return 0;
}
API CUresult cuDeviceGetName(char* name, int len, int) { std::snprintf(name, len, "fake GPU (CPU emulation)"); return 0; }
API CUresult cuDeviceTotalMem_v2(size_t* bytes, int) { *bytes = 8ull << 30; return 0; }
static int context;
API CUresult cuDevicePrimaryCtxRetain(void** ctx, int) { *ctx = &context; return 0; }
API CUresult cuDevicePrimaryCtxSetFlags_v2(int, unsigned) { return 0; }
API CUresult cuCtxSetCurrent(void*) { return 0; }
API CUresult cuCtxSynchronize() { return 0; }
static int module;
// FAKE_CUDA_REJECT_PTX=1 answers PTX as a driver older than the NVRTC would (222, unsupported PTX version).
API CUresult cuModuleLoadData(void** m, const void* image) {
    if (!image) return 1;
    bool elf = std::memcmp(image, "\x7f" "ELF", 4) == 0;
    if (!elf && std::getenv("FAKE_CUDA_REJECT_PTX")) return 222;
    *m = &module;
    return 0;
}
API CUresult cuModuleUnload(void*) { return 0; }
API CUresult cuModuleGetFunction(void** f, void*, const char* name) {
    for (Function& fn : FUNCTIONS) if (std::strcmp(fn.name, name) == 0) { *f = &fn; return 0; }
    return 500;
}
API CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) { *p = (CUdeviceptr) std::malloc(bytes); return *p ? 0 : 2; }
API CUresult cuMemFree_v2(CUdeviceptr p) { std::free((void*) p); return 0; }
// Streams: work runs at once, in call order, so a stream is always drained. Work on the legacy default stream
// is refused: a null stream with CUDA_ERROR_INVALID_HANDLE, and the synchronous copies and memsets are not exported
// at all, so CudaDevice must put all of its work on its own stream.
struct Stream { int unused; };
API CUresult cuStreamCreate(void** s, unsigned) { *s = new Stream{0}; return 0; }
API CUresult cuStreamDestroy_v2(void* s) { if (!s) return 400; delete (Stream*) s; return 0; }
API CUresult cuStreamSynchronize(void* s) { return s ? 0 : 400; }
API CUresult cuMemsetD8Async(CUdeviceptr p, unsigned char v, size_t n, void* s) { if (!s) return 400; std::memset((void*) p, v, n); return 0; }
API CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr d, const void* h, size_t n, void* s) { if (!s) return 400; std::memcpy((void*) d, h, n); return 0; }
API CUresult cuMemcpyDtoHAsync_v2(void* h, CUdeviceptr d, size_t n, void* s) { if (!s) return 400; std::memcpy(h, (void*) d, n); return 0; }
API CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr d, CUdeviceptr x, size_t n, void* s) { if (!s) return 400; std::memmove((void*) d, (void*) x, n); return 0; }
// NVRTC looks for the driver's export tables when libcuda is loadable: there are none here.
API CUresult cuGetExportTable(const void** table, const void*) { *table = nullptr; return 801; }
API CUresult cuGetErrorString(CUresult, const char** s) { *s = "fake driver error"; return 0; }
API CUresult cuLaunchKernel(void* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned, void* stream, void** params, void**) {
    if (!stream) return 400;
    if (gy != 1 || gz != 1 || by != 1 || bz != 1) return 1;
    Function* fn = (Function*) f;
    blockDim = {bx, 1, 1};
    for (unsigned b = 0; b < gx; b++) {
        blockIdx = {b, 0, 0};
        for (unsigned t = 0; t < bx; t++) {
            threadIdx = {t, 0, 0};
            fn->invoke(params);
        }
    }
    return 0;
}
}
