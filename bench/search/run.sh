#!/usr/bin/env bash
# Search at scale: seed COMMENTS published comments, each with its own text,
# on one version (through the project's own code), serve the site, and time
# `GET /api/v1/search` for a set of queries, from words in a handful of
# comments to words in most of them, with and without filters.
#
# Before timing, every answer is checked: status 200, and the number of hits
# Docket reports equals what the engine itself counts for the same query run
# directly on the same database (python's sqlite3, or psql). The engine's own
# time for the same ranked query (first page, with the count) is measured in
# the same run and printed beside Docket's as a ratio: what the web layer,
# the query reader, the snippets and the loading of each hit's rows add.
#
# Usage: bench/search/run.sh [sqlite|postgres]
#   COMMENTS      comments seeded (default 100000)
#   REQUESTS      timed requests per query (default 40)
#   SKIP_BUILD=1  use the release binaries already in target/release
#   SEED_ONLY=1   seed (with SEARCH_DATA or SEARCH_PG_DB) and stop
#   PG_URL        server URL for PostgreSQL (default postgres://postgres@127.0.0.1:5432)
#   SEARCH_DATA   (SQLite) a directory to seed once and measure again on later
#                 runs: seeded when it holds no docket.db, kept afterwards
#   SEARCH_PG_DB  (PostgreSQL) the same with a database of that name: created
#                 and seeded when missing, kept afterwards
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
engine="${1:-sqlite}"
comments="${COMMENTS:-100000}"
requests="${REQUESTS:-40}"
port="${PORT:-18095}"
pg="${PG_URL:-postgres://postgres@127.0.0.1:5432}"

if [ -z "${SKIP_BUILD:-}" ]; then
    (cd "$root" && cargo build --release --locked --bins)
fi
bin="$root/target/release/docket"
seed="$root/target/release/docket-flood-seed"

work="$(mktemp -d)"
db_name=""
cleanup() {
    [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
    if [ -n "$db_name" ]; then
        psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null || true
    fi
}
trap cleanup EXIT
case "$engine" in
    sqlite)
        data="${SEARCH_DATA:-$work}"
        mkdir -p "$data"
        url="sqlite://$data/docket.db"
        ;;
    postgres)
        if [ -n "${SEARCH_PG_DB:-}" ]; then
            url="$pg/$SEARCH_PG_DB"
            psql "$pg/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$SEARCH_PG_DB'" | grep -q 1 \
                || psql "$pg/postgres" -qc "CREATE DATABASE $SEARCH_PG_DB"
        else
            db_name="docket_search_bench_$$"
            psql "$pg/postgres" -qc "CREATE DATABASE $db_name"
            url="$pg/$db_name"
        fi
        ;;
    *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;;
esac
export DOCKET_DATABASE_URL="$url"

seeded=""
if [ "$engine" = sqlite ] && [ -n "${SEARCH_DATA:-}" ] && [ -s "$data/docket.db" ]; then
    seeded="$data"
elif [ "$engine" = postgres ] && [ -n "${SEARCH_PG_DB:-}" ] \
    && [ "$(psql "$url" -Atc "SELECT count(*) FROM comments" 2>/dev/null || echo 0)" -gt 0 ]; then
    seeded="$SEARCH_PG_DB"
fi
if [ -n "$seeded" ]; then
    echo "Measuring the database seeded earlier ($seeded)."
    [ -n "${SEED_ONLY:-}" ] && exit 0
else
    "$bin" --data "$work" import "$root/content" >/dev/null
    echo "Seeding $comments comments with varied text on poll-workers 2 ($engine)..."
    start=$(date +%s)
    SEED_TEXT=varied "$seed" "$url" poll-workers 2 pw-custody 0 "$comments" 5000 | tail -1
    echo "Seeded in $(( $(date +%s) - start )) s."
    if [ "$engine" = postgres ]; then
        psql "$url" -qc "VACUUM ANALYZE" >/dev/null
    fi
    [ -n "${SEED_ONLY:-}" ] && exit 0
fi
"$bin" --data "$work" serve --no-import --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    sleep 0.2
done

python3 - "$engine" "$url" "$port" "$requests" <<'PY'
import http.client, json, sqlite3, statistics, subprocess, sys, time, urllib.parse

engine, url, port, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

# (what is typed, FTS5 form, tsquery form, extra filters)
QUERIES = [
    ("tabulator", '"tabulator"', "'tabulator'", ""),
    ("ballot", '"ballot"', "'ballot'", ""),
    ("provisional ballot", '"provisional" AND "ballot"', "'provisional' & 'ballot'", ""),
    ('"numbered seal"', '"numbered seal"', "'numbered' <-> 'seal'", ""),
    ("transl*", '"transl"*', "'transl':*", ""),
    ("kalomi", '"kalomi"', "'kalomi'", ""),
    ("vendor OR budget", '"vendor" OR "budget"', "'vendor' | 'budget'", ""),
    ("custody", '"custody"', "'custody'", "&what=clauses"),
    ("seal", '"seal"', "'seal'", "&what=comments&standard=poll-workers&version=2"),
    ("envelope", '"envelope"', "'envelope'", "&decided=yes"),
]

RANKED = 5000
# The engine's own work for the same answer: every matching clause and the
# newest 5,000 other matches ranked, the first page of 20 kept.
SQLITE_SQL = ("SELECT doc, score FROM ("
              "SELECT * FROM (SELECT rowid AS doc, -bm25(search_index, 10.0, 2.0, 1.0) * 2 AS score "
              "FROM search_index WHERE search_index MATCH ?1 AND rowid % 4 = 0) UNION ALL "
              "SELECT * FROM (SELECT rowid AS doc, -bm25(search_index, 10.0, 2.0, 1.0) AS score "
              "FROM search_index WHERE search_index MATCH ?1 AND rowid % 4 <> 0 "
              f"ORDER BY rowid DESC LIMIT {RANKED})) ORDER BY score DESC LIMIT 20")
SQLITE_COUNT = ("SELECT count(*), coalesce(sum(rowid % 4 = 0), 0) FROM search_index "
                "WHERE search_index MATCH ?")
PG_SQL = ("WITH f AS MATERIALIZED ("
          "(SELECT doc_id AS doc, document FROM search_documents "
          "WHERE document @@ to_tsquery('english', %(q)s) AND doc_id % 4 = 0) UNION ALL "
          "(SELECT doc_id, document FROM search_documents "
          "WHERE document @@ to_tsquery('english', %(q)s) AND doc_id % 4 <> 0 "
          f"ORDER BY doc_id DESC LIMIT {RANKED})), "
          "q AS MATERIALIZED (SELECT to_tsquery('english', %(q)s) AS q) "
          "SELECT doc, ts_rank_cd(document, q.q) * (CASE WHEN doc % 4 = 0 THEN 2 ELSE 1 END) AS score "
          "FROM f CROSS JOIN q ORDER BY score DESC LIMIT 20")
PG_COUNT = ("SELECT count(*), count(*) FILTER (WHERE doc_id % 4 = 0) FROM search_documents "
            "WHERE document @@ to_tsquery('english', %(q)s)")

def engine_count_and_time(fts5, tsq):
    """The engine's own answer: (matches, clause matches, seconds per run)."""
    if engine == "sqlite":
        con = sqlite3.connect(url[len("sqlite://"):])
        count, clauses = con.execute(SQLITE_COUNT, (fts5,)).fetchone()
        con.execute(SQLITE_SQL, (fts5,)).fetchall()
        times = []
        for _ in range(n):
            t = time.perf_counter()
            con.execute(SQLITE_SQL, (fts5,)).fetchall()
            times.append(time.perf_counter() - t)
        con.close()
        return count, clauses, times
    lit = "'" + tsq.replace("'", "''") + "'"
    count_sql = PG_COUNT.replace("%(q)s", lit)
    ranked_sql = PG_SQL.replace("%(q)s", lit)
    out = subprocess.run(["psql", url, "-Atc", count_sql], capture_output=True, text=True, check=True).stdout
    count, clauses = (int(x) for x in out.strip().split("|"))
    explain = "".join(f"EXPLAIN (ANALYZE, TIMING OFF) {ranked_sql};" for _ in range(n))
    out = subprocess.run(["psql", url, "-Atc", explain], capture_output=True, text=True, check=True).stdout
    times = [float(l.split(":")[1].split()[0]) / 1000 for l in out.splitlines() if l.startswith("Execution Time")]
    return count, clauses, times

conn = http.client.HTTPConnection("127.0.0.1", port)
def fetch(path):
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read()

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

all_times, all_raw, failed = [], [], 0
print(f"{'query':<44} {'ranked':>7} {'bytes':>7} {'p50 ms':>7} {'p95 ms':>7} {'engine p50':>10} {'ratio':>6}")
for typed, fts5, tsq, filters in QUERIES:
    path = "/api/v1/search?q=" + urllib.parse.quote(typed) + filters
    status, body = fetch(path)
    if status != 200:
        print(f"{typed}: status {status}: {body[:200]!r}")
        failed += 1
        continue
    answer = json.loads(body)
    hits = answer["total"]
    if not filters:
        count, clauses, raw = engine_count_and_time(fts5, tsq)
        expected = min(count, clauses + RANKED)
        if expected != hits or answer["more"] != (count - clauses >= RANKED):
            print(f"{typed}: Docket ranks {hits} hits (more: {answer['more']}), "
                  f"the engine finds {count} ({clauses} clauses)")
            failed += 1
            continue
        all_raw.extend(raw)
    else:
        raw = None
    if hits == 0 or len(answer["hits"]) == 0:
        print(f"{typed}: no hits; the benchmark needs queries that match")
        failed += 1
        continue
    times = []
    for _ in range(n):
        t = time.perf_counter()
        s, b = fetch(path)
        times.append(time.perf_counter() - t)
        if s != 200 or len(b) != len(body):
            print(f"{typed}: answer changed ({s}, {len(b)} bytes, first {len(body)})")
            failed += 1
            break
    all_times.extend(times)
    label = typed + filters.replace("&", " ")
    engine_p50 = f"{pct(raw, 50) * 1000:10.1f}" if raw else f"{'(filtered)':>10}"
    ratio = f"{pct(times, 50) / max(pct(raw, 50), 1e-6):6.1f}" if raw else f"{'':>6}"
    print(f"{label[:44]:<44} {hits:>7} {len(body):>7} {pct(times, 50) * 1000:7.1f} {pct(times, 95) * 1000:7.1f} {engine_p50} {ratio}")
if all_times:
    print(f"\nAll queries ({engine}, {len(all_times)} requests): p50 {pct(all_times, 50) * 1000:.1f} ms, "
          f"p95 {pct(all_times, 95) * 1000:.1f} ms; the engine alone p50 {pct(all_raw, 50) * 1000:.1f} ms, "
          f"p95 {pct(all_raw, 95) * 1000:.1f} ms; ratio of p95s {pct(all_times, 95) / max(pct(all_raw, 95), 1e-6):.2f}")
sys.exit(1 if failed else 0)
PY
