#!/usr/bin/env bash
# Intake under a flood: new comments per second from distinct addresses,
# posted by wrk through the real comment form (session cookie, CSRF token,
# honeypot, validation, rate limit, tracking number, queued confirmation
# mail), beside raw SQLite's transaction rate on the same disk in the same
# run. Afterwards: the answers that carried a receipt against the comments
# stored (they must agree), how long the outbox took to drain, and the
# server's peak memory.
#
# Usage: bench/intake/run.sh [sqlite|postgres]
# Environment: DURATION (s, 10), CONNECTIONS (16), THREADS (2),
#   PG_URL (the local server's Unix socket when it has one,
#   postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres, else
#   postgres://postgres@127.0.0.1:5432/postgres; a new database is
#   created beside it and dropped after), DOCKET_BIN (target/release/docket),
#   KEEP_DB (set: keep the PostgreSQL database for inspection),
#   LOG_TO (keep the server's log there; with RUST_LOG=info,docket::db::group=debug
#   it shows each committed batch's size and time).
# Needs wrk, curl, python3, and sqlite3 or psql.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
backend="${1:-sqlite}"
bin="${DOCKET_BIN:-$root/target/release/docket}"
secs="${DURATION:-10}"
conns="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
# A database on the same machine is reached through its Unix socket, as the
# operator's guide advises: loopback TCP costs the kernel more per round trip.
if [ -S /var/run/postgresql/.s.PGSQL.5432 ]; then
    pg_default="postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres"
else
    pg_default="postgres://postgres@127.0.0.1:5432/postgres"
fi
pg_url="${PG_URL:-$pg_default}"
port=18095

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] || { echo "no Docket binary at $bin (cargo build --release)" >&2; exit 1; }

work="$(mktemp -d)"
pg_db=""
cleanup() {
    [ -n "${LOG_TO:-}" ] && cp "$work/docket.log" "$LOG_TO" 2>/dev/null
    [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    if [ -n "$pg_db" ] && [ -z "${KEEP_DB:-}" ]; then
        psql "$pg_url" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
    elif [ -n "$pg_db" ]; then
        echo "kept database          $pg_db" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# One standard open for comment.
mkdir -p "$work/content/intake" "$work/data"
printf 'title = "Intake Benchmark"\nsummary = "A standard open for comment."\ntime_zone = "UTC"\n' \
    >"$work/content/intake/standard.toml"
cat >"$work/content/intake/1.md" <<'MD'
+++
label = "1"
title = "Intake benchmark, version 1"
status = "open"
published = 2026-01-01
comment_opens = 2026-01-01T00:00:00Z
comment_closes = 2099-01-01T00:00:00Z
+++

## 1 Seals {#seals}

Every ballot container shall be sealed with a numbered seal.
MD

case "$backend" in
sqlite)
    url="sqlite://$work/data/docket.db"
    count() { sqlite3 "$work/data/docket.db" "$1"; }
    ;;
postgres)
    pg_db="docket_intake_$$"
    psql "$pg_url" -qc "CREATE DATABASE $pg_db" >/dev/null
    url="${pg_url%/*}/$pg_db"
    count() { psql "$url" -tAc "$1"; }
    ;;
*) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;;
esac

DOCKET_DATABASE_URL="$url" "$bin" --data "$work/data" serve --content "$work/content" \
    --bind "127.0.0.1:$port" --base-url "http://127.0.0.1:$port" --trust-forwarded-for \
    >"$work/docket.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.2; done

# One visitor's cookie and CSRF token, as a browser would hold them.
form="$(curl -fsS -c "$work/jar" "http://127.0.0.1:$port/standards/intake/1/clauses/seals/comments/new")"
token="$(printf '%s' "$form" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)"
cookie="$(sed 's/^#HttpOnly_//' "$work/jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')"
[ -n "$token" ] && [ -n "$cookie" ] || { echo "could not read the form's token" >&2; exit 1; }

before=$(count "SELECT COUNT(*) FROM comments")
# Processor time of the whole machine (every process: wrk, Docket, the
# database) over the run, in clock ticks: per comment it tells a slower
# machine from slower code better than the rate alone.
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
busy_before=$(busy)
result="$(INTAKE_DIR="$work" INTAKE_COOKIE="$cookie" INTAKE_TOKEN="$token" \
    INTAKE_PATH="/standards/intake/1/clauses/seals/comments" INTAKE_ORIGIN="http://127.0.0.1:$port" \
    wrk -t"$threads" -c"$conns" -d"${secs}s" -s "$root/bench/intake/post.lua" "http://127.0.0.1:$port" \
    | grep '^RESULT')"
busy_after=$(busy)
stored=$(( $(count "SELECT COUNT(*) FROM comments") - before ))
# Every receipt must name a stored comment. Requests still in flight when
# wrk stops may be stored without their answer being counted.
count "SELECT id FROM comments" | sort >"$work/stored.txt"
cat "$work"/receipts-*.txt | sort >"$work/receipts.txt"
lost=$(comm -23 "$work/receipts.txt" "$work/stored.txt" | wc -l)
unanswered=$(comm -13 "$work/receipts.txt" "$work/stored.txt" | wc -l)

# Mail may lag behind a burst; it must not be lost.
drain_start=$(date +%s.%N)
for _ in $(seq 1 6000); do
    [ "$(count "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")" = "0" ] && break
    sleep 0.1
done
drain=$(python3 -c "import time; print(f'{time.time() - $drain_start:.1f}')")
unsent=$(count "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
mails=$(count "SELECT COUNT(*) FROM outbox")
rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")

raw="$(python3 "$root/bench/intake/raw_sqlite.py" "$work" "$secs" | sed -n 's/^RAW tx_per_s=//p')"

eval "$(printf '%s' "$result" | sed 's/^RESULT //')"
rate=$(python3 -c "print(f'{$receipts / $seconds:.0f}')")
echo "backend                $backend ($conns connections, $threads wrk threads, ${secs}s)"
[ "$backend" = postgres ] && echo "database URL           ${pg_url%/*}/..."
echo "requests answered      $requests"
echo "receipts (303)         $receipts"
echo "other answers          $others"
echo "comments stored        $stored ($lost receipts without a comment, $unanswered stored while wrk stopped)"
echo "comments per second    $rate"
echo "latency p50 / p99      ${p50_ms} ms / ${p99_ms} ms"
echo "CPU per comment        $(python3 -c "import os; print(f'{($busy_after - $busy_before) * 1000 / os.sysconf(\"SC_CLK_TCK\") / max($receipts, 1):.2f}')") ms (whole machine, $(nproc) cores)"
echo "raw SQLite, FULL       $raw transactions/s (one 5-row transaction each, same disk)"
echo "ratio to raw SQLite    $(python3 -c "print(f'{$rate / $raw:.2f}')")"
echo "mails queued           $mails ($unsent unsent after ${drain}s of draining)"
echo "server peak RSS        $((rss_kb / 1024)) MB"
if [ "$lost" != "0" ] || [ "$unanswered" -gt "$conns" ]; then
    echo "MISMATCH: $receipts receipts, $stored comments stored, $lost receipts lost" >&2
    exit 1
fi
if [ "$others" != "0" ]; then
    echo "FAILED: $others answers without a receipt" >&2
    grep -m5 -i error "$work/docket.log" >&2 || true
    exit 1
fi
