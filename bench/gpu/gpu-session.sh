#!/usr/bin/env bash
# One sitting on a GPU machine (no Java, Maven or network there), from the repository root, with the bundle built
# by bench/gpu/build-bundle.sh (the folder target/gpu-bundle, or its archive target/gpu-bundle.tar.xz) and $OUT a
# folder whose files come back. In order, inside GPU_SESSION_BUDGET seconds (default 560), those of STUDIES:
#   0-machine.log        nvidia-smi
#   1-gpu-tests.log      the bundle's GPU tests (kernels against their host twins, engine against the fused engine);
#                        if they fail, 1-gpu-tests-legacy-stream.log: again on the legacy default stream, which the
#                        studies then use if it passes
#   2-quick.log          quick on --backend cuda (to compare with a cpu-avx2 run: dgmbench compare A B)
#   2-seed-digits.log    seed-digits end to end on --backend cuda
#   2-seed-fashion10.log seed-fashion10 end to end on --backend cuda (Fashion-MNIST from .gpu-data, see below)
#   5-pytorch-digits.log     the seed-digits runs in PyTorch, PT_PROCESSES (16) processes at a time sharing the GPU
#   5-pytorch-fashion10.log  the seed-fashion10 runs the same way (bench/gpu/pytorch_study.py; PT_FASHION_RUNS, default all 40)
#   seed-*-pytorch.csv       their NLL, KL, RE and best epoch per run: reference tables for the specs' `reference:`
#   3-cuda-bench.log     the cuda engine's timings (CudaBench)
#   4-pytorch.log        the same timings in PyTorch on the same GPU (bench/gpu/pytorch_gpu.py, FP32, TF32 off)
#   studies.tar.gz       the studies' result folders without model files (reports are written elsewhere: the
#                        bundle has no java.desktop for charts)
# Fashion-MNIST: the spec reads Debian's files under /usr/share/datasets/fashion-mnist; the first 12,000 training
# and 2,000 test images (all the spec uses) travel in .gpu-data/fashion-mnist and are copied there. A study's
# output folder from an earlier sitting may travel in .gpu-cache/<study>/: the study resumes from its finished
# runs; evaluator networks trained earlier may travel in .gpu-cache/evaluator/ (a copy of ~/.cache/dgmbench/evaluator,
# where dgmbench caches them per dataset), which saves the GPU machine the evaluator's training.
# STUDIES (default: tests quick seed-digits seed-fashion10 pytorch-digits pytorch-fashion10 bench) picks the steps;
# two device calls fit a 15-minute session (measured on an H100: 246 s and 394 s, docs/performance.md):
# GPU_SESSION_BUDGET=470 STUDIES="tests quick seed-digits seed-fashion10", then GPU_SESSION_BUDGET=480
# STUDIES="pytorch-digits pytorch-fashion10"; GPU_WORKERS sets --workers (worker JVMs
# sharing the GPU, each training its runs of one shape as a group; the default is one); GPU_CONCURRENT_RUNS sets
# --concurrent-runs (runs a worker continues at once after group training; the default is its share of the cores);
# GPU_SYNC sets how threads wait for the GPU (-Ddgmbench.cuda.sync: auto, spin, yield, blocking; timing only).
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-$(pwd)/target/gpu-session}
mkdir -p "$OUT"
BUDGET=${GPU_SESSION_BUDGET:-560}
T0=$SECONDS
B=target/gpu-bundle
if [[ ! -x $B/bin/dgmbench && -f target/gpu-bundle.tar.xz ]]; then
  python3 -c "import tarfile; tarfile.open('target/gpu-bundle.tar.xz').extractall('target')"
fi
if [[ -d .gpu-data/fashion-mnist && ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]]; then
  mkdir -p /usr/share/datasets/fashion-mnist && cp .gpu-data/fashion-mnist/*.gz /usr/share/datasets/fashion-mnist/
fi
export DGMBENCH_CACHE=${DGMBENCH_CACHE:-$(mktemp -d)/dgmbench-cache}
[[ -n ${GPU_SYNC:-} ]] && export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Ddgmbench.cuda.sync=$GPU_SYNC"
left() { echo $((BUDGET - (SECONDS - T0))); }
step() { # log limit command...
  local log=$1 limit=$2; shift 2
  if (( limit < 10 )); then echo "== $log skipped: no time left" | tee "$OUT/$log.log"; return 0; fi
  echo "== $log (limit ${limit} s, $(date -u +%T))"
  local t=$SECONDS
  timeout "$limit" "$@" > "$OUT/$log.log" 2>&1
  local rc=$?
  echo "== $log: exit $rc after $((SECONDS - t)) s" | tee -a "$OUT/$log.log"
  tail -12 "$OUT/$log.log"
  return $rc
}
if [[ -d .gpu-cache/evaluator ]]; then
  mkdir -p "${DGMBENCH_CACHE:-$HOME/.cache/dgmbench}"
  cp -rn .gpu-cache/evaluator "${DGMBENCH_CACHE:-$HOME/.cache/dgmbench}/"
fi
study() { # name limit
  local dir=target/gpu-studies/$1
  mkdir -p target/gpu-studies
  [[ -d .gpu-cache/$1 && ! -d $dir ]] && cp -r ".gpu-cache/$1" "$dir"
  mkdir -p "$dir"
  step "2-$1" "$2" "$B/bin/dgmbench" run "$1" --backend cuda --no-report --out "$dir" \
    ${GPU_WORKERS:+--workers $GPU_WORKERS} ${GPU_CONCURRENT_RUNS:+--concurrent-runs $GPU_CONCURRENT_RUNS}
  python3 bench/gpu/timings.py "$dir" | tee -a "$OUT/2-$1.log"
}
wants() { [[ " ${STUDIES:-tests quick seed-digits seed-fashion10 pytorch-digits pytorch-fashion10 bench} " == *" $1 "* ]]; }
{ nvidia-smi; nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv; uname -a; } > "$OUT/0-machine.log" 2>&1
if wants tests && ! step 1-gpu-tests 150 "$B/bin/gpu-tests"; then
  # Should the tests fail on the devices' own streams, try the legacy default stream; if that passes, the
  # studies use it too (docs/cuda.md), and their provenance says so (cuda_stream).
  JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Ddgmbench.cuda.stream=legacy" step 1-gpu-tests-legacy-stream 150 "$B/bin/gpu-tests" \
    && export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Ddgmbench.cuda.stream=legacy"
fi
wants quick && study quick 60
wants seed-digits && study seed-digits "${DIGITS_LIMIT:-120}"
# the time left after seed-fashion10 is kept for the later steps of this call, if it has any
reserve=10; for later in pytorch-digits pytorch-fashion10 bench; do wants $later && reserve=${RESERVE:-100}; done
wants seed-fashion10 && study seed-fashion10 $(( $(left) - reserve ))
wants pytorch-digits && step 5-pytorch-digits "${PT_DIGITS_LIMIT:-150}" \
  python3 bench/gpu/pytorch_study.py --study digits --processes "${PT_PROCESSES:-16}" --csv "$OUT/seed-digits-pytorch.csv"
wants pytorch-fashion10 && step 5-pytorch-fashion10 $(( $(left) - ${RESERVE_BENCH:-10} )) \
  python3 bench/gpu/pytorch_study.py --study fashion10 --processes "${PT_PROCESSES:-16}" --runs "${PT_FASHION_RUNS:-40}" \
    --csv "$OUT/seed-fashion10-pytorch.csv"
wants bench && step 3-cuda-bench $(( ($(left) - 10) / 2 )) "$B/bin/cuda-bench"
wants bench && step 4-pytorch $(( $(left) - 10 )) python3 bench/gpu/pytorch_gpu.py
tar -C target/gpu-studies --exclude=model --exclude='*.tmp' -czf "$OUT/studies.tar.gz" .
echo "== done after $((SECONDS - T0)) s"; ls -la "$OUT"
