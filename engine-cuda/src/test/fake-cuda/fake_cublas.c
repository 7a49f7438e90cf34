/* A stand-in for libcublas.so.13: column-major FP32 strided-batched products by plain loops (k in order). */
#include <stdlib.h>

typedef struct { int mode; void* stream; } Handle;

int cublasCreate_v2(Handle** h) { *h = calloc(1, sizeof(Handle)); return 0; }
int cublasDestroy_v2(Handle* h) { free(h); return 0; }
int cublasSetMathMode(Handle* h, int mode) { h->mode = mode; return 0; }
int cublasSetStream_v2(Handle* h, void* stream) { h->stream = stream; return 0; }

int cublasSgemmStridedBatched(Handle* h, int ta, int tb, int m, int n, int k, const float* alpha, const float* a,
                              int lda, long long sa, const float* b, int ldb, long long sb, const float* beta, float* c,
                              int ldc, long long sc, int batch) {
    if (!h->stream) return 7; /* CUBLAS_STATUS_INVALID_VALUE: products belong on the device's own stream */
    for (int q = 0; q < batch; q++) {
        const float *A = a + q * sa, *B = b + q * sb;
        float* C = c + q * sc;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    float x = ta ? A[p + i * lda] : A[i + p * lda];
                    float y = tb ? B[j + p * ldb] : B[p + j * ldb];
                    s += x * y;
                }
                C[i + j * ldc] = *alpha * s + (*beta == 0 ? 0 : *beta * C[i + j * ldc]);
            }
        }
    }
    return 0;
}
