#!/usr/bin/env bash
# Regenerates docs/results/quick/digests.txt: the run digests of the shipped `quick` study that
# PublishedDigestsTest (mvn -B test, so .ci/run) requires every build to reproduce, on any machine of this kind
# (the fused kernels give the same bits at every SIMD width). Run it only when a change moves metric bits on
# purpose, and commit the file in the same commit as that change, saying which metrics move and why.
# Usage: .ci/quick-digests.sh        (about 5 minutes on two cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/dgmbench" run quick --out "$out/quick" -q --no-report >/dev/null
target="$here/docs/results/quick/digests.txt"
mkdir -p "$(dirname "$target")"
{
  echo "# Run digests of the shipped quick study (sha-256 of each run's canonical metrics.json), commit $(git -C "$here" rev-parse --short HEAD)."
  echo "# PublishedDigestsTest fails when a build no longer reproduces them. Regenerate only on purpose: .ci/quick-digests.sh"
  for d in "$out"/quick/runs/*/; do
    echo "$(basename "$d") $(cat "$d/digest.txt")"
  done
} > "$target.tmp"
mv "$target.tmp" "$target"
echo "wrote $target" >&2
