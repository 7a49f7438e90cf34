#!/usr/bin/env bash
# Builds target/gpu-bundle/: everything needed to run the cuda engine's GPU tests, its benchmark and the dgmbench
# CLI on a Linux x86-64 machine with an NVIDIA driver and the CUDA 13 runtime but no Java, Maven or network:
#   runtime/   a jlinked Java 17 (java.base, jdk.unsupported, java.logging, java.management, java.xml, jdk.zipfs,
#              jdk.incubator.vector; --with-desktop adds java.desktop, which the reports' charts need)
#   lib/       the app jars, without ND4J (the cuda engine needs none; its native jars alone are 83-91 MB)
#   test-lib/  engine-cuda's test jar and the JUnit console launcher
#   bin/       gpu-tests, cuda-bench, dgmbench
# Usage: bench/gpu/build-bundle.sh [--with-desktop]
# Maven runs offline where the local repository has what a step needs, and online (once per step) where it does
# not, so a fresh clone builds too; the JUnit console launcher is fetched first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT=target/gpu-bundle
MODULES=java.base,jdk.unsupported,java.logging,java.management,java.xml,jdk.zipfs,jdk.incubator.vector
[[ "${1:-}" == "--with-desktop" ]] && MODULES=$MODULES,java.desktop
JUNIT=org.junit.platform:junit-platform-console-standalone:1.11.4

# offline first (fast, and no surprise downloads); online when the local repository lacks something
mvn_step() { mvn -B -o -q "$@" || { echo "   (offline, Maven lacked something: fetching it)"; mvn -B -q "$@"; }; }
mvn -B -o -q dependency:get -Dartifact=$JUNIT >/dev/null 2>&1 \
  || { echo "== fetching $JUNIT"; mvn -B -q dependency:get -Dartifact=$JUNIT; }

echo "== building engine-cuda (and its test jar)"
mvn_step -pl engine-cuda -am package -DskipTests
echo "== building the CLI (suite); its tests are not compiled here"
CLI=yes
mvn_step -pl suite -am package -Dmaven.test.skip=true || { echo "warning: the suite did not build: no bin/dgmbench"; CLI=no; }

rm -rf "$OUT" && mkdir -p "$OUT"/{lib,test-lib,bin}
# Jars a GPU node does not use, so that the archive, the data and the repository fit one device call (64 MiB):
# the results store's (PostgreSQL driver, Flyway; `store`/`history` need a database) and, without java.desktop,
# the charts' (JFreeChart, JFreeSVG: reports and compare pages are written on another machine).
LEAVE_OUT='/(postgresql|checker-qual|flyway-[a-z-]+)-[0-9][^/]*\.jar$'
[[ "${1:-}" == "--with-desktop" ]] || LEAVE_OUT="$LEAVE_OUT|/(jfreechart|org\.jfree\.svg)-[0-9][^/]*\.jar$"
classpath() { # module -> its runtime class path, one jar per line
  mvn -B -o -q -pl "$1" dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=/dev/stdout -Dstyle.color=never \
    | sed 's/\x1b\[[0-9;]*m//g' | tr ':' '\n' | grep -v '^$'
}
{
  classpath engine-cuda
  echo "$ROOT/engine-cuda/target/dgmbench-engine-cuda-0.1.0-SNAPSHOT.jar"
  if [[ $CLI == yes ]]; then
    # the suite's jars less what only engine-nd4j brings (ND4J, OpenBLAS, JavaCPP 1.5.7 and their helpers)
    others=$(for m in models metrics reports store; do classpath $m; done | sort -u)
    comm -23 <(classpath suite | sort) <(comm -23 <(classpath engine-nd4j | sort) <(echo "$others"))
    echo "$ROOT/suite/target/dgmbench-suite-0.1.0-SNAPSHOT.jar"
  fi
} | sort -u | grep -v -e nd4j -e openblas -e 'javacpp-1\.5\.7' | grep -v -E "$LEAVE_OUT" | while read -r jar; do
  # reactor modules resolve to the freshly built jars, not to whatever an old build left in ~/.m2
  case "$(basename "$jar")" in
    dgmbench-*-0.1.0-SNAPSHOT.jar)
      m=$(basename "$jar" | sed 's/^dgmbench-//; s/-0.1.0-SNAPSHOT.jar$//')
      jar="$ROOT/$m/target/$(basename "$jar")" ;;
  esac
  cp "$jar" "$OUT/lib/"
done
cp engine-cuda/target/dgmbench-engine-cuda-0.1.0-SNAPSHOT-tests.jar "$OUT/test-lib/"
mvn -B -o -q dependency:copy -Dartifact=$JUNIT -DoutputDirectory="$ROOT/$OUT/test-lib"

echo "== jlink ($MODULES)"
jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$OUT/runtime"
# Debian's libjvm.so keeps its symbol table: dropping it (dynamic symbols stay) saves 4 MB of the 60 MB budget.
if command -v strip > /dev/null; then find "$OUT/runtime/lib" -name '*.so' -exec strip --strip-unneeded {} +; fi
cp bench/gpu/bin/* "$OUT/bin/"
[[ $CLI == yes ]] || rm -f "$OUT/bin/dgmbench"
chmod +x "$OUT"/bin/*

echo "== self-check on this machine (no GPU needed): the CPU tests from the bundle's own class path"
"$OUT/bin/gpu-tests" --cpu > "$OUT/../gpu-bundle-selfcheck.log" 2>&1 \
  || { tail -40 "$OUT/../gpu-bundle-selfcheck.log"; echo "self-check FAILED"; exit 1; }
grep -E "tests (successful|failed|skipped)" "$OUT/../gpu-bundle-selfcheck.log" || true
"$OUT/bin/cuda-bench" --device host --quick > /dev/null
# The CLI from the bundle's class path: a tiny study end to end on the pure-Java engine (no GPU, no ND4J there).
SMOKE=$(mktemp -d)
sed 's/^  latent: 4$/  latent: 4\n  engine: java/' suite/src/test/resources/e2e/tiny.yaml > "$SMOKE/tiny.yaml"
"$OUT/bin/dgmbench" run "$SMOKE/tiny.yaml" --out "$SMOKE/out" --no-report -q > "$OUT/../gpu-bundle-cli-check.log" 2>&1 \
  || { tail -40 "$OUT/../gpu-bundle-cli-check.log"; echo "CLI check FAILED"; exit 1; }
ls "$SMOKE"/out/runs/*/digest.txt | wc -l | xargs echo "CLI check: runs published:"
rm -rf "$SMOKE"
echo "== contents"
du -sh "$OUT"/{runtime,lib,test-lib}
tar -C target -cJf target/gpu-bundle.tar.xz gpu-bundle
echo "bundle: $(du -sb "$OUT" | awk '{printf "%.1f MB", $1 / 1e6}') in $OUT, archive target/gpu-bundle.tar.xz $(du -b target/gpu-bundle.tar.xz | awk '{printf "%.1f MB", $1 / 1e6}')"
