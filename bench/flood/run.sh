#!/usr/bin/env bash
# The comment flood: seed FLOOD_CLAUSE published comments on one clause and
# FLOOD_VERSION more spread over the same version (through the project's own
# code, so `docket verify` still passes), serve the site, and measure every
# page that lists comments: status, size, and p95 time over REQUESTS requests,
# then the server's peak memory (VmHWM).
#
# Usage: bench/flood/run.sh [POSTGRES_URL]
#   FLOOD_CLAUSE   comments on clause pw-custody of poll-workers 2 (default 100000)
#   FLOOD_VERSION  comments spread over the version (default 1000000)
#   REQUESTS       timed requests per page (default 50)
#   SKIP_BUILD=1   use the release binaries already in target/release
#   BIN_DIR        where the binaries are (default target/release)
#   FLOOD_DATA     a data directory seeded by an earlier run (kept with KEEP=1):
#                  measure it again without seeding
#   KEEP=1         keep the seeded data directory (its path is printed)
# With POSTGRES_URL (an empty database, or one made for this run), the
# seeding and serving use PostgreSQL instead of a fresh SQLite file.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
clause_n="${FLOOD_CLAUSE:-100000}"
version_n="${FLOOD_VERSION:-1000000}"
requests="${REQUESTS:-50}"
port="${PORT:-18090}"
slug=poll-workers
label=2
key=pw-custody

if [ -z "${SKIP_BUILD:-}" ]; then
    (cd "$root" && cargo build --release --locked --bins)
fi
bin="${BIN_DIR:-$root/target/release}/docket"
seed="${BIN_DIR:-$root/target/release}/docket-flood-seed"

work="$(mktemp -d)"
data="${FLOOD_DATA:-$work/data}"
cleanup() {
    [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
    if [ -n "${KEEP:-}" ] && [ -z "${FLOOD_DATA:-}" ]; then
        echo "Seeded data kept in $data (FLOOD_DATA=$data to measure it again)."
        mv "$work/server.log" "$data/" 2>/dev/null || true
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
url="${1:-sqlite://$data/docket.db}"
mkdir -p "$data"
export DOCKET_DATABASE_URL="$url"

if [ -z "${FLOOD_DATA:-}" ]; then
    "$bin" --data "$data" import "$root/content" >/dev/null
    echo "Seeding $clause_n comments on clause $key and $version_n over version $label of $slug..."
    start=$(date +%s)
    "$seed" "$url" "$slug" "$label" "$key" "$clause_n" "$version_n" 5000
    echo "Seeded in $(( $(date +%s) - start )) s."
    "$bin" --data "$data" verify
    echo bench-editor-password | "$bin" --data "$data" user add bench-editor --role editor --password-stdin >/dev/null
fi

"$bin" --data "$data" serve --no-import --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    sleep 0.2
done

python3 - "$port" "$slug" "$label" "$key" "$requests" "$clause_n" "$version_n" <<'PY'
import http.cookiejar, re, sys, time, urllib.error, urllib.parse, urllib.request

port, slug, label, key, n, clause_n, version_n = sys.argv[1:8]
n, clause_n, version_n = int(n), int(clause_n), int(version_n)
base = f"http://127.0.0.1:{port}"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
rows = []

def fetch(path, data=None, gzip=False):
    req = urllib.request.Request(base + path, data=data)
    if gzip:
        req.add_header("Accept-Encoding", "gzip")
    t = time.perf_counter()
    try:
        with opener.open(req, timeout=600) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        body, status = e.read(), e.code
    return status, body, time.perf_counter() - t

def measure(name, path, times=n):
    status, body, first = fetch(path)
    if status != 200:
        rows.append((name, path, status, len(body), None, None))
        return body
    samples = sorted(fetch(path)[2] for _ in range(times)) if times > 1 else [first]
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    rows.append((name, path, status, len(body), first, p95))
    return body

v = f"/standards/{slug}/{label}"
clause = measure("clause page", f"{v}/clauses/{key}").decode()
def older(page, path, name):
    links = re.findall(r'<a[^>]*rel="next"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*rel="next"', page)
    links = [(a or b).replace("&amp;", "&") for a, b in links]
    links = [h for h in links if h.startswith(path + "?")]
    if links:
        measure(name, links[0])
    else:
        rows.append((name, "(no rel=next link to older comments)", "-", 0, None, None))

older(clause, f"{v}/clauses/{key}", "clause page, older")
version = measure("version page", v).decode()
older(version, v, "version page, older")
api = f"/api/v1/standards/{slug}/versions/{label}/comments"
measure("API, first page", api)
# Cursors are ledger seqs; seeded comments take about one entry each.
measure("API, deep page", f"{api}?after={(clause_n + version_n) // 2}")
measure("Atom feed", f"{v}/comments.atom")
measure("disposition report", f"{v}/dispositions")
measure("disposition report CSV (once)", f"{v}/dispositions.csv", times=1)
measure("disposition report JSON (once)", f"{v}/dispositions.json", times=1)
measure("download CSV (once)", f"{v}/comments.csv", times=1)
measure("download NDJSON (once)", f"{v}/comments.ndjson", times=1)

# The editors' workspace needs a staff sign-in.
status, page, _ = fetch("/staff/login")
token = re.search(r'name="csrf_token" value="([^"]+)"', page.decode())
if status == 200 and token:
    form = urllib.parse.urlencode({"csrf_token": token.group(1), "name": "bench-editor",
                                   "password": "bench-editor-password", "next": "/staff"}).encode()
    fetch("/staff/login", data=form)
    measure("editors' workspace", f"/editor/standards/{slug}/{label}/feedback")
else:
    rows.append(("editors' workspace", "(cannot open the sign-in form)", status, 0, None, None))

print()
# The first request of a page may fill the page cache; p95 is over the rest.
print(f"{'page':<32} {'status':>6} {'bytes':>13} {'first ms':>10} {'p95 ms':>10}  path")
for name, path, status, size, first, p95 in rows:
    f = "-" if first is None else f"{first * 1000:.1f}"
    t = "-" if p95 is None else f"{p95 * 1000:.1f}"
    print(f"{name:<32} {status!s:>6} {size:>13,} {f:>10} {t:>10}  {path}")
bad = [r for r in rows if r[2] not in (200, "-")]
if bad:
    print(f"\n{len(bad)} page(s) did not answer 200; their times are not measured.")
PY

echo
echo "Server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2, $3}')"
