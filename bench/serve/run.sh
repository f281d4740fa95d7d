#!/usr/bin/env bash
# Requests per second for the version page of a generated 1,000-clause
# standard, served by Docket, beside nginx serving a saved copy of the same
# page, in the same run. Prints both figures and their ratio, once for plain
# responses and once for clients that accept gzip (every browser), where
# nginx serves a gzipped copy made in advance (gzip_static).
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
gzip -k -6 "$work/static/page.html"
gz_bytes=$(wc -c <"$work/static/page.html.gz")

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
        gzip_static on;
        gzip_vary on;
    }
}
CONF
mkdir -p "$work/tmp"
"$nginx_bin" -c "$work/nginx.conf" -p "$work"
static_url="http://127.0.0.1:$static_port/page.html"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$static_url" 2>/dev/null && break; sleep 0.1; done

rps() { wrk -t"$threads" -c"$conns" -d"${secs}s" "${@:2}" "$1" | awk '/Requests\/sec/ {print $2}'; }
mean() { python3 -c "print(round(($1+$2)/2, 1))"; }
ratio() { python3 -c "print(round($1/$2, 3))"; }

echo "page: $url ($bytes bytes, $gz_bytes gzipped; 1,000 clauses)"
echo "wrk -t$threads -c$conns -d${secs}s; two rounds each, alternating Docket and nginx"
d1=$(rps "$url"); s1=$(rps "$static_url"); d2=$(rps "$url"); s2=$(rps "$static_url")
gz=(-H "Accept-Encoding: gzip")
g1=$(rps "$url" "${gz[@]}"); n1=$(rps "$static_url" "${gz[@]}")
g2=$(rps "$url" "${gz[@]}"); n2=$(rps "$static_url" "${gz[@]}")
echo "plain:  docket $d1, $d2 (mean $(mean "$d1" "$d2")); nginx $s1, $s2 (mean $(mean "$s1" "$s2")) requests/s"
echo "gzip:   docket $g1, $g2 (mean $(mean "$g1" "$g2")); nginx $n1, $n2 (mean $(mean "$n1" "$n2")) requests/s"
echo "ratio docket/static, plain: $(ratio "$(mean "$d1" "$d2")" "$(mean "$s1" "$s2")")"
echo "ratio docket/static, gzip:  $(ratio "$(mean "$g1" "$g2")" "$(mean "$n1" "$n2")")"
