#!/usr/bin/env bash
# Runs the JMH benchmarks (dev.dgmbench.bench.BenchMain, also ./dgmbench bench) on one ND4J CPU build by swapping
# the nd4j-native classifier jar in the bench module's class path, single-threaded as documented in docs/performance.md.
#   bench/jmh_backend.sh cpu-avx2|cpu|cpu-onednn-avx2|cpu-onednn|cpu-avx512|cpu-onednn-avx512 OUT.json [BenchMain args...]
# Needs bench/target/classes and bench/target/classpath.txt (run ./dgmbench --help once, or
#   mvn -q -o -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
backend="${1:?backend}"; out="${2:?output json}"; shift 2
case "$backend" in
  cpu) ext="" ;;
  cpu-avx2|cpu-avx512|cpu-onednn|cpu-onednn-avx2|cpu-onednn-avx512) ext="-${backend#cpu-}" ;;
  *) echo "unknown CPU backend $backend" >&2; exit 2 ;;
esac
repo="${M2_REPO:-$HOME/.m2/repository}/org/nd4j/nd4j-native/1.0.0-M2.1"
jar="$repo/nd4j-native-1.0.0-M2.1-linux-x86_64$ext.jar"
[ -f "$jar" ] || { echo "missing $jar (fetch it: mvn dependency:get -Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64$ext)" >&2; exit 2; }
# Drop every classified nd4j-native jar except the generic linux-x86_64 one, then add the wanted build in front of it.
cp=$(tr ':' '\n' < "$here/bench/target/classpath.txt" | grep -v -E '/nd4j-native-1\.0\.0-M2\.1-linux-x86_64-[^/]+\.jar$' | paste -sd: -)
if [ -n "$ext" ]; then cp="$jar:$cp"; fi
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
echo "backend $backend: $(basename "$jar"); $(uptime)" >&2
exec java -cp "$here/bench/target/classes:$cp" dev.dgmbench.bench.BenchMain --out "$out" "$@"
