#!/usr/bin/env bash
# Requests per second for the version page of a generated 1,000-clause
# standard, served by Docket, beside nginx serving a saved copy of the same
# page, in the same run. Prints both figures and their ratio.
#
# Usage: bench/serve/run.sh [DOCKET_BINARY] [DURATION_SECONDS] [CONNECTIONS]
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-$root/target/release/docket}"
secs="${2:-10}"
conns="${3:-32}"
threads=2
docket_port=18080
static_port=18081

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx_bin" ] || { echo "nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }
[ -x "$bin" ] || { echo "no Docket binary at $bin (cargo build --release)" >&2; exit 1; }

work="$(mktemp -d)"
cleanup() {
    [ -n "${docket_pid:-}" ] && kill "$docket_pid" 2>/dev/null || true
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

python3 "$root/bench/serve/gen_standard.py" "$work/content" 1000 >/dev/null
"$bin" --data "$work/data" serve --content "$work/content" --bind "127.0.0.1:$docket_port" \
    --workers "$threads" >"$work/docket.log" 2>&1 &
docket_pid=$!
url="http://127.0.0.1:$docket_port/standards/generated/1"
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$url" 2>/dev/null && break; sleep 0.2; done
mkdir -p "$work/static"
curl -fsS "$url" -o "$work/static/page.html"
bytes=$(wc -c <"$work/static/page.html")

cat >"$work/nginx.conf" <<CONF
worker_processes $threads;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    etag on;
    types { text/html html; }
    client_body_temp_path $work/tmp;
    proxy_temp_path $work/tmp;
    fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp;
    scgi_temp_path $work/tmp;
    server {
        listen 127.0.0.1:$static_port;
        root $work/static;
    }
}
CONF
mkdir -p "$work/tmp"
"$nginx_bin" -c "$work/nginx.conf" -p "$work"
static_url="http://127.0.0.1:$static_port/page.html"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$static_url" 2>/dev/null && break; sleep 0.1; done

rps() { wrk -t"$threads" -c"$conns" -d"${secs}s" "$1" | awk '/Requests\/sec/ {print $2}'; }

echo "page: $url ($bytes bytes, 1,000 clauses); wrk -t$threads -c$conns -d${secs}s, two rounds, alternating"
d1=$(rps "$url"); s1=$(rps "$static_url"); d2=$(rps "$url"); s2=$(rps "$static_url")
docket=$(python3 -c "print(round(($d1+$d2)/2, 1))")
static=$(python3 -c "print(round(($s1+$s2)/2, 1))")
ratio=$(python3 -c "print(round($docket/$static, 3))")
echo "docket: $d1, $d2 requests/s (mean $docket)"
echo "nginx static copy: $s1, $s2 requests/s (mean $static)"
echo "ratio docket/static: $ratio"
