#!/usr/bin/env bash
# Merges the folders of a study's shards into one (ci/README.md): every published run folder (one with a
# digest.txt) is copied under a hidden name and renamed, so a reader never sees half of one, and one shard's
# study.json goes beside them. Refuses shards of different specs (exit 2). Then `./dgmbench run SPEC --out OUT`
# (or verify) starts no worker and judges the claims over all runs.
#
#   bash ci/merge-shards.sh OUT SHARD_FOLDER...
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OUT SHARD_FOLDER..." >&2; exit 2; }
out=$1
shift
digest() { grep -o '"specDigest" *: *"[0-9a-f]*"' "$1/study.json" | grep -o '[0-9a-f]\{64\}'; }
first=""
for s in "$@"; do
    [ -f "$s/study.json" ] || { echo "merge-shards: $s: no study.json; allowed: the output folders of the shards" >&2; exit 2; }
    d=$(digest "$s")
    [ -z "$first" ] && first=$d
    [ "$d" = "$first" ] || { echo "merge-shards: $s: spec digest $d differs from $1's $first; allowed: shards of one study" >&2; exit 2; }
done
mkdir -p "$out/runs"
if [ -f "$out/study.json" ]; then
    [ "$(digest "$out")" = "$first" ] || { echo "merge-shards: $out holds another study (spec digest $(digest "$out")); allowed: a new folder or this study's" >&2; exit 2; }
else
    cp "$1/study.json" "$out/study.json"
fi
copied=0
for s in "$@"; do
    for r in "$s"/runs/*/; do
        [ -f "$r/digest.txt" ] || continue
        id=$(basename "$r")
        [ -e "$out/runs/$id" ] && continue
        rm -rf "$out/runs/.merge-$id"
        cp -a "$r" "$out/runs/.merge-$id"
        mv "$out/runs/.merge-$id" "$out/runs/$id"
        copied=$((copied + 1))
    done
done
echo "merge-shards: $copied run(s) from $# shard folder(s) into $out" >&2
