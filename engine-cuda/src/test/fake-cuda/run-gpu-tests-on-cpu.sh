#!/usr/bin/env bash
# Runs the bundle's GPU tests and a quick cuda-bench with CudaDevice on a fake driver and cuBLAS (CPU emulation,
# build.sh): checks the JavaCPP calls, the kernel argument passing, NVRTC and the row-major product mapping
# without a GPU. Not a GPU result. Needs the bundle (bench/gpu/build-bundle.sh) and a libnvrtc.so.13 folder
# in NVRTC_DIR (e.g. the pip wheel nvidia-cuda-nvrtc 13.0, unpacked: nvidia/cu13/lib).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
FAKE=$("$(dirname "$0")/build.sh")
: "${NVRTC_DIR:?set NVRTC_DIR to a folder holding libnvrtc.so.13}"
export LD_LIBRARY_PATH="$FAKE:$NVRTC_DIR:/usr/local/cuda/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DGMBENCH_CACHE=${DGMBENCH_CACHE:-$(mktemp -d)}
"$ROOT/target/gpu-bundle/bin/gpu-tests"
"$ROOT/target/gpu-bundle/bin/cuda-bench" --quick
