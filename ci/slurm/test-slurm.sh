#!/usr/bin/env bash
# The cluster path on a real scheduler: a one-node Slurm cluster (Debian's slurm-wlm and munge) on localhost runs
# the shipped recipe ci/slurm-array.sbatch as a 4-task array job with --shard auto over a small study, a job that
# depends on the array merges the shards as ci/README.md says (ci/merge-shards.sh, then `run` judges the claims),
# and the digests must equal a one-machine run of the same spec. Called by .ci/run; needs root (or sudo) for
# apt-get, munged as the munge user and slurmd. Everything lives in a mktemp folder; the daemons are stopped and
# the folder removed on exit, also on failure.
#
#   bash ci/slurm/test-slurm.sh            prints "slurm: 4 array tasks, N runs, digests equal to one-machine run"
#
# Measured facts this relies on (Debian 12, Slurm 22.05): slurmd needs cgroup.conf with CgroupPlugin=autodetect
# and IgnoreSystemd=yes outside systemd (cgroup/none and disabled make it refuse to start); proctrack/linuxproc and
# task/none need no cgroups; SlurmUser=root runs the jobs as the submitting user.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
log() { echo "slurm: $*" >&2; }
fail() { log "FAILED: $*"; for f in "$work"/log/*.log "$work"/logs/*; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }; done; exit 1; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    log "installing slurm-wlm and munge from Debian's packages"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dgmbench-slurm.XXXXXX")
chmod 755 "$work"   # munged (as munge) and the jobs must reach their folders inside
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log" "$work/logs"
pids=()
cleanup() {
    set +e
    SLURM_CONF="$work/slurm.conf" scancel --quiet --user="$(id -un)" >/dev/null 2>&1
    for p in "${pids[@]}"; do $sudo kill "$p" 2>/dev/null; done
    [ -f "$work/munge/munged.pid" ] && $sudo kill "$(cat "$work/munge/munged.pid")" 2>/dev/null
    sleep 1
    for p in "${pids[@]}"; do $sudo kill -9 "$p" 2>/dev/null; done
    $sudo rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# munge: a generated key, the daemon as the munge user, its socket in our folder
$sudo dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
$sudo chown -R munge:munge "$work/munge"
$sudo chmod 711 "$work/munge"   # munged wants its socket folder reachable by all (execute only)
$sudo chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket.2"
$sudo runuser -u munge -- /usr/sbin/munged --key-file="$work/munge/munge.key" --socket="$socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" \
    || fail "munged did not start"

node=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
cat >"$work/slurm.conf" <<EOF
ClusterName=dgmbench-ci
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
printf 'CgroupPlugin=autodetect\nIgnoreSystemd=yes\n' >"$work/cgroup.conf"
export SLURM_CONF="$work/slurm.conf"

$sudo env SLURM_CONF="$SLURM_CONF" /usr/sbin/slurmctld -i -D >"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
$sudo env SLURM_CONF="$SLURM_CONF" /usr/sbin/slurmd -D >"$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
    state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
    case "$state" in idle*|mixed*) break ;; esac
    sleep 1
done
case "${state:-}" in idle*|mixed*) ;; *) fail "the node did not come up (state '${state:-none}')" ;; esac
log "one-node cluster up: $(sinfo -h -o '%P %D node(s) %c CPUs %T')"

# the small study: 2 betas x 2 seeds of a tiny model on the embedded digits
spec="$work/study.yaml"
sed -e 's/^name: tiny/name: slurm-ci/' suite/src/test/resources/e2e/tiny.yaml >"$spec"
log "building dgmbench (./dgmbench --help, as the recipe asks of a login node)"
./dgmbench --help >/dev/null 2>"$work/log/build.log" || fail "./dgmbench did not build"

# the one-machine reference
./dgmbench run "$spec" --out "$work/single" --quiet --no-report --workers 1 >"$work/log/single.log" 2>&1 \
    || fail "the one-machine run failed"

# the shipped recipe as an array of 4 tasks, each its shard into a folder of its own; then the merge job
export DGMBENCH_SPEC="$spec" DGMBENCH_OUT="$work/sharded"
job=$(sbatch --parsable --array=0-3 --cpus-per-task=1 --mem=1500M --time=00:10:00 \
    --output="$work/logs/%x-%A_%a.log" --chdir="$repo" ci/slurm-array.sbatch) || fail "sbatch refused the recipe"
log "submitted array job $job (4 tasks)"
sbatch --wait --parsable --dependency=afterok:"$job" --cpus-per-task=1 --mem=1500M --output="$work/logs/merge.log" \
    --chdir="$repo" --wrap "bash ci/merge-shards.sh '$work/sharded' '$work'/sharded-shard-* && ./dgmbench run '$spec' --out '$work/sharded' --quiet --no-report" \
    >/dev/null || fail "the merge job failed"

tasks=$(ls "$work"/logs/*-"${job}"_*.log 2>/dev/null | wc -l)
[ "$tasks" -eq 4 ] || fail "expected logs of 4 array tasks, found $tasks"
for i in 0 1 2 3; do
    grep -q "in shard $((i + 1))/4" "$work"/logs/*-"${job}_$i".log || fail "task $i did not run shard $((i + 1))/4"
done
digests() { (cd "$1/runs" && for d in */; do printf '%s %s\n' "${d%/}" "$(cat "$d/digest.txt")"; done); }
single=$(digests "$work/single")
sharded=$(digests "$work/sharded")
runs=$(echo "$single" | wc -l)
[ "$runs" -eq 4 ] || fail "the one-machine run has $runs runs, expected 4"
[ "$single" = "$sharded" ] || fail "digests differ:
$single
vs
$sharded"
cmp -s "$work/single/claims.json" "$work/sharded/claims.json" || fail "claims.json differs from the one-machine run's"
echo "slurm: $tasks array tasks, $runs runs, digests equal to one-machine run (Slurm $(sinfo -V | awk '{print $2}'))"
