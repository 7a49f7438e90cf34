#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's packages) on 127.0.0.1 for the store tests (docs/store.md).
#
#   .ci/postgres.sh run CMD ARGS...      start, run CMD with the variables below set, stop (also on failure)
#   eval "$(.ci/postgres.sh start)"      start and print the export lines; stop later with:
#   .ci/postgres.sh stop [DIR]           DIR defaults to $DGMBENCH_TEST_PG_DIR
#   source .ci/postgres.sh               start, export the variables below, stop on the shell's EXIT
#                                        (set DGMBENCH_PG_NO_TRAP=1 to call dgmbench_pg_stop yourself)
#
# Installs the `postgresql` package with apt-get when no /usr/lib/postgresql/*/bin/initdb exists (root, or
# sudo). initdb refuses root, so as root the cluster runs as the `postgres` user. The cluster lives in a
# mktemp folder, listens on 127.0.0.1 only (port $DGMBENCH_PG_PORT, default 55432, next free one if taken),
# has its unix socket inside that private folder, and allows TCP logins with scram-sha-256 passwords only.
# It is a test server: fsync is off unless DGMBENCH_PG_FSYNC=on.
#
# Exports DGMBENCH_TEST_PG_URL, DGMBENCH_TEST_PG_USER, DGMBENCH_TEST_PG_PASSWORD and DGMBENCH_TEST_PG_DIR (the store
# tests' server), and the same server as libpq's PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD, which psql and
# dgmbench's push, history and compare --store read when no DGMBENCH_STORE_URL is set (docs/store.md); `run` still
# records runs only when asked (--store or DGMBENCH_STORE_URL).

_dgmbench_pg_log() { echo "postgres.sh: $*" >&2; }

_dgmbench_pg_initdb() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$found" ]; then
        _dgmbench_pg_log "no PostgreSQL server binaries: installing Debian's postgresql package"
        local sudo=""
        if [ "$(id -u)" -ne 0 ]; then
            command -v sudo >/dev/null 2>&1 || { _dgmbench_pg_log "not root and no sudo: install postgresql first"; return 1; }
            sudo="sudo"
        fi
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2 || return 1
        found=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
        [ -n "$found" ] || { _dgmbench_pg_log "postgresql installed but no initdb found"; return 1; }
    fi
    echo "$found"
}

# Runs a command as the cluster's owner: ourselves, or `postgres` when we are root.
_dgmbench_pg_as() {
    if [ "$(id -u)" -eq 0 ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

_dgmbench_pg_port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

dgmbench_pg_start() {
    local initdb bin dir port tries password
    initdb=$(_dgmbench_pg_initdb) || return 1
    bin=$(dirname "$initdb")
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        _dgmbench_pg_log "running as root and there is no postgres user to run the server as"
        return 1
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/dgmbench-pg.XXXXXX") || return 1
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"

    password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
    # the superuser's password never reaches the command line: a file inside the private folder
    (umask 077; head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/superuser.pw")
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/superuser.pw"

    if ! _dgmbench_pg_as "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/superuser.pw" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$dir/initdb.log" 2>&1; then
        _dgmbench_pg_log "initdb failed:"; cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1
    fi

    port=${DGMBENCH_PG_PORT:-55432}
    tries=0
    until _dgmbench_pg_port_free "$port"; do
        tries=$((tries + 1)); port=$((port + 1))
        [ "$tries" -lt 20 ] || { _dgmbench_pg_log "no free port from ${DGMBENCH_PG_PORT:-55432}"; rm -rf "$dir"; return 1; }
    done

    local fsync=${DGMBENCH_PG_FSYNC:-off}
    if ! _dgmbench_pg_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync -c shared_buffers=32MB -c max_connections=60" \
            start >/dev/null; then
        _dgmbench_pg_log "server did not start:"; cat "$dir/server.log" >&2; rm -rf "$dir"; return 1
    fi

    # a login role with a password (scram-sha-256 over TCP) that owns its database, as docs/store.md sets up
    # (the password goes through standard input, not the command line)
    if ! _dgmbench_pg_as "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
            >"$dir/setup.log" 2>&1 <<SQL
CREATE ROLE dgmbench_test LOGIN PASSWORD '$password';
CREATE DATABASE dgmbench_test OWNER dgmbench_test;
SQL
    then
        _dgmbench_pg_log "could not create the test role and database:"; cat "$dir/setup.log" >&2
        _dgmbench_pg_as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
        rm -rf "$dir"; return 1
    fi
    rm -f "$dir/setup.log"
    echo "$bin" >"$dir/bin"

    export DGMBENCH_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/dgmbench_test"
    export DGMBENCH_TEST_PG_USER=dgmbench_test
    export DGMBENCH_TEST_PG_PASSWORD="$password"
    export DGMBENCH_TEST_PG_DIR="$dir"
    export PGHOST=127.0.0.1 PGPORT="$port" PGDATABASE=dgmbench_test PGUSER=dgmbench_test PGPASSWORD="$password"
    _dgmbench_pg_log "PostgreSQL $("$bin/postgres" --version | awk "{print \$3}") on 127.0.0.1:$port (data in $dir)"
}

dgmbench_pg_stop() {
    local dir=${1:-${DGMBENCH_TEST_PG_DIR:-}}
    [ -n "$dir" ] && [ -d "$dir" ] || return 0
    case "$dir" in */dgmbench-pg.*) ;; *) _dgmbench_pg_log "refusing to delete $dir"; return 1 ;; esac
    local bin
    bin=$(cat "$dir/bin" 2>/dev/null || dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)")
    if [ -f "$dir/data/postmaster.pid" ]; then
        _dgmbench_pg_as "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || _dgmbench_pg_as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$dir"
    [ "$dir" = "${DGMBENCH_TEST_PG_DIR:-}" ] && unset DGMBENCH_TEST_PG_URL DGMBENCH_TEST_PG_USER DGMBENCH_TEST_PG_PASSWORD DGMBENCH_TEST_PG_DIR \
        PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
    return 0
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # sourced
    if dgmbench_pg_start; then
        if [ -z "${DGMBENCH_PG_NO_TRAP:-}" ]; then
            _dgmbench_pg_prev_trap=$(trap -p EXIT)
            _dgmbench_pg_prev_trap=${_dgmbench_pg_prev_trap#trap -- \'}
            _dgmbench_pg_prev_trap=${_dgmbench_pg_prev_trap%\' EXIT}
            trap "dgmbench_pg_stop; ${_dgmbench_pg_prev_trap//\'\\\'\'/\'}" EXIT
        fi
    else
        return 1
    fi
else
    set -u
    case "${1:-}" in
        start)
            dgmbench_pg_start >&2 || exit 1
            for v in DGMBENCH_TEST_PG_URL DGMBENCH_TEST_PG_USER DGMBENCH_TEST_PG_PASSWORD DGMBENCH_TEST_PG_DIR \
                    PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD; do
                printf 'export %s=%q\n' "$v" "${!v}"
            done
            ;;
        stop)
            dgmbench_pg_stop "${2:-${DGMBENCH_TEST_PG_DIR:-}}"
            ;;
        run)
            shift
            [ $# -gt 0 ] || { echo "usage: $0 run CMD [ARGS...]" >&2; exit 2; }
            dgmbench_pg_start || exit 1
            trap dgmbench_pg_stop EXIT
            trap 'exit 130' INT TERM
            "$@"
            exit $?
            ;;
        *)
            echo "usage: $0 start | stop [DIR] | run CMD [ARGS...]   (or: source $0)" >&2
            exit 2
            ;;
    esac
fi
