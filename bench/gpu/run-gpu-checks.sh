#!/usr/bin/env bash
# The one script to run on the GPU machine, from the repository root with the bundle built into
# target/gpu-bundle/ (bench/gpu/build-bundle.sh) and $OUT a folder for the logs (at most 8 files come back).
# No Java, Maven or network needed there; python3 with PyTorch for the side-by-side timings.
#   1 nvidia-smi             -> $OUT/1-machine.log (and where the bundle finds the CUDA libraries)
#   2 GPU tests (tag gpu)    -> $OUT/2-gpu-tests.log
#   3 cuda engine timings    -> $OUT/3-cuda-bench.log (starts with the bundle's machine check)
#   4 PyTorch, same timings  -> $OUT/4-pytorch.log and $OUT/4-pytorch.json
#   5 seed-digits end to end, --backend cuda (no report: charts need java.desktop), in what is left of
#     a 540 s budget (GPU_CHECKS_BUDGET) -> $OUT/5-seed-digits.log
# Every step runs even if an earlier one failed; the exit status is the first failure's (a study cut short by
# the budget does not count as a failure).
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-$(pwd)/target/gpu-checks}
mkdir -p "$OUT"
B=target/gpu-bundle
# The bundle may come as its folder (58.5 MB) or its archive (39.2 MB; unpacking needs xz).
if [[ ! -x $B/bin/gpu-tests && -f target/gpu-bundle.tar.xz ]]; then tar -C target -xJf target/gpu-bundle.tar.xz; fi
export DGMBENCH_CACHE=${DGMBENCH_CACHE:-$(mktemp -d)/dgmbench-cache}
status=0
step() { # name log command...   (ALLOW_TIMEOUT=1: a timeout is not a failure)
  local name=$1 log=$2; shift 2
  echo "== $name ($(date -u +%H:%M:%S)) -> $log"
  local t0=$SECONDS
  "$@" > "$OUT/$log" 2>&1
  local rc=$?
  echo "== $name: exit $rc after $((SECONDS - t0)) s" | tee -a "$OUT/$log"
  tail -25 "$OUT/$log"
  [[ $rc -eq 124 && ${ALLOW_TIMEOUT:-0} == 1 ]] && rc=0
  [[ $rc -ne 0 && $status -eq 0 ]] && status=$rc
  return 0
}
machine() {
  nvidia-smi
  nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv
  uname -a
  echo "bundle: $(du -sh "$B" | cut -f1)"
  (source "$B/bin/cuda-env"; echo "LD_LIBRARY_PATH for the bundle: ${LD_LIBRARY_PATH:-}")
  ls /usr/local/cuda*/lib64/libcudart.so* /usr/local/cuda*/lib64/libnvrtc.so* 2>/dev/null
  true
}
step "machine" 1-machine.log machine
step "GPU tests" 2-gpu-tests.log timeout 240 "$B/bin/gpu-tests" --reports-dir "$OUT/junit"
step "cuda engine timings" 3-cuda-bench.log timeout 180 "$B/bin/cuda-bench"
step "PyTorch timings" 4-pytorch.log timeout 150 python3 bench/gpu/pytorch_gpu.py --json "$OUT/4-pytorch.json"
study() { # seed-digits on the cuda backend: one worker JVM, the runs of a latent size train as one group
  local dir
  dir=$(mktemp -d)
  "$B/bin/dgmbench" run --backend cuda --no-report --out "$dir/out" suite/src/main/resources/specs/seed-digits.yaml
}
left=$((${GPU_CHECKS_BUDGET:-540} - SECONDS))
if (( left >= 60 )); then
  ALLOW_TIMEOUT=1 step "seed-digits on the cuda engine (limit ${left} s)" 5-seed-digits.log timeout "$left" \
    bash -c "$(declare -f study); B=$B study"
else
  echo "== seed-digits skipped: ${left} s left of the budget" | tee "$OUT/5-seed-digits.log"
fi
# keep the JUnit XML (one file) next to the logs, and nothing else, so at most 8 files come back
if compgen -G "$OUT/junit/*.xml" > /dev/null; then cp "$OUT"/junit/TEST-junit-jupiter.xml "$OUT/2-gpu-tests.xml" 2>/dev/null; fi
rm -rf "$OUT/junit"
echo "== done, exit $status; logs in $OUT:"; ls -la "$OUT"
exit $status
