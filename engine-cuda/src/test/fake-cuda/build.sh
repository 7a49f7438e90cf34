#!/usr/bin/env bash
# Builds a fake libcuda.so.1 and libcublas.so.13 (CPU emulation) into $1 (default target/fake-cuda), for
# exercising CudaDevice without a GPU: see run-gpu-tests-on-cpu.sh. Needs g++ and python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../../../target/fake-cuda}
mkdir -p "$OUT"
CU=$HERE/../../main/resources/dev/dgmbench/engine/cuda/kernels.cu
python3 "$HERE/gen_invokers.py" "$CU" "$OUT/invokers.inc"
# no contraction into FMA, as the GPU build: float operations round as in Java
g++ -O2 -ffp-contract=off -fvisibility=hidden -fPIC -shared -I"$OUT" -DKERNELS_CU="\"$CU\"" -Wl,-soname,libcuda.so.1 \
    -o "$OUT/libcuda.so.1" "$HERE/fake_driver.cpp"
echo 'libcublas.so.13 { global: *; };' > "$OUT/cublas.map"
echo 'libcublasLt.so.13 { global: *; };' > "$OUT/cublasLt.map"
gcc -O2 -ffp-contract=off -fPIC -shared -Wl,-soname,libcublas.so.13 -Wl,--version-script="$OUT/cublas.map" \
    -o "$OUT/libcublas.so.13" "$HERE/fake_cublas.c"
echo 'void fake_cublas_lt(void) {}' > "$OUT/lt.c"
gcc -fPIC -shared -Wl,-soname,libcublasLt.so.13 -Wl,--version-script="$OUT/cublasLt.map" -o "$OUT/libcublasLt.so.13" "$OUT/lt.c"
echo "$OUT"
