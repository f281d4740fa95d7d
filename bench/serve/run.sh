#!/usr/bin/env bash
# Requests per second of Docket's public pages beside nginx serving saved
# copies of the same bytes, in the same run, with their ratio:
#
#   - the version page of a generated 1,000-clause standard, plain and gzip;
#   - a sample standard's version page, one of its clause pages and its
#     redline (compare) page, gzip (as every browser asks);
#   - `304 Not Modified` answers to a revalidation of the version page;
#   - the sample version page while comments are posted at about 500 a
#     second through the real form (bench/intake/post.lua);
#   - with CLUSTER=1: two Docket servers on one PostgreSQL database behind
#     nginx as the load balancer, against nginx's static copy.
#
# Before any timing, every page is fetched from both servers and checked:
# status 200 (304 for revalidation), and the same bytes once decoded. wrk's
# count of non-2xx/3xx answers must be 0 in every run, or the script fails.
#
# Usage: bench/serve/run.sh
# Environment: DOCKET_BIN (target/release/docket), DURATION (s per run, 10),
#   CONNECTIONS (32), CLUSTER (0; 1 also measures two servers on PostgreSQL),
#   PG_URL (postgres://postgres@127.0.0.1:5432/postgres), LOAD_RATE (500).
# Needs wrk, curl, python3 and nginx (Debian: apt-get install wrk nginx-light),
# and psql with CLUSTER=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${DOCKET_BIN:-$root/target/release/docket}"
secs="${DURATION:-10}"
conns="${CONNECTIONS:-32}"
cluster="${CLUSTER:-0}"
load_rate="${LOAD_RATE:-500}"
pg_url="${PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
threads=2
docket_port=18080
static_port=18081
lb_port=18082
second_port=18083
cluster_port=18084

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx_bin" ] || { echo "nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }
[ -x "$bin" ] || { echo "no Docket binary at $bin (cargo build --release)" >&2; exit 1; }

work="$(mktemp -d)"
# nginx's workers run as an unprivileged user: they must be able to read
# the saved pages (mktemp makes the directory readable by its owner only).
chmod 755 "$work"
pids=()
pg_db=""
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    [ -n "$pg_db" ] && psql "$pg_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

mkdir -p "$work/content" "$work/static" "$work/tmp"
cp -r "$root/content/poll-workers" "$work/content/"
python3 "$root/bench/serve/gen_standard.py" "$work/content" 1000 >/dev/null

# serve PORT DATA [DATABASE_URL]: start Docket in the background.
serve() {
    local port="$1" data="$2" url="${3:-}"
    mkdir -p "$data"
    DOCKET_DATABASE_URL="$url" "$bin" --data "$data" serve --content "$work/content" \
        --bind "127.0.0.1:$port" --base-url "http://127.0.0.1:$port" --workers "$threads" \
        --trust-forwarded-for >>"$data/docket.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 300); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && return 0
        sleep 0.2
    done
    fail "Docket did not start on port $port (see its log)"
}
serve "$docket_port" "$work/data"

# The pages measured: NAME PATH.
pages=(
    "generated /standards/generated/1"
    "sample /standards/poll-workers/2"
    "clause /standards/poll-workers/2/clauses/pw-application"
    "compare /standards/poll-workers/compare/1...2"
)

# Save each page as nginx will serve it: the bytes Docket sends, and a
# gzip copy made in advance (gzip_static).
for entry in "${pages[@]}"; do
    read -r name path <<<"$entry"
    status=$(curl -sS -o "$work/static/$name.html" -w '%{http_code}' "http://127.0.0.1:$docket_port$path")
    [ "$status" = 200 ] || fail "Docket answered $status for $path"
    gzip -k -6 "$work/static/$name.html"
done

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
    upstream docket_pair {
        server 127.0.0.1:$second_port;
        server 127.0.0.1:$cluster_port;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$lb_port;
        location / {
            proxy_pass http://docket_pair;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
CONF
"$nginx_bin" -c "$work/nginx.conf" -p "$work"
for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$static_port/sample.html" 2>/dev/null && break
    sleep 0.1
done

# check URL STATIC_URL: both answer 200 plain and gzip, with the same
# bytes once decoded; prints the sizes sent.
check() {
    local url="$1" static="$2" a b
    for enc in identity gzip; do
        a=$(curl -sS -o "$work/a" -w '%{http_code} %{size_download}' -H "Accept-Encoding: $enc" "$url")
        b=$(curl -sS -o "$work/b" -w '%{http_code} %{size_download}' -H "Accept-Encoding: $enc" "$static")
        [ "${a%% *}" = 200 ] || fail "Docket answered ${a%% *} for $url ($enc)"
        [ "${b%% *}" = 200 ] || fail "nginx answered ${b%% *} for $static ($enc)"
        if [ "$enc" = gzip ]; then
            gzip -dc "$work/a" >"$work/a.dec" || fail "Docket's gzip answer for $url does not decode"
            gzip -dc "$work/b" >"$work/b.dec" || fail "nginx's gzip answer for $static does not decode"
            cmp -s "$work/a.dec" "$work/b.dec" || fail "decoded bodies differ for $url"
            printf ' gzip %s/%s bytes' "${a#* }" "${b#* }"
        else
            cmp -s "$work/a" "$work/b" || fail "bodies differ for $url"
            printf 'plain %s/%s bytes' "${a#* }" "${b#* }"
        fi
    done
}

# rps URL [wrk options]: requests/s; fails on any non-2xx/3xx answer or
# socket error.
rps() {
    local url="$1" out
    shift
    out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" "$@" "$url")
    if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
        fail "error answers from $url: $(grep 'Non-2xx' <<<"$out")"
    fi
    if grep -q 'Socket errors' <<<"$out"; then
        echo "  (note for $url: $(grep 'Socket errors' <<<"$out" | xargs))" >&2
    fi
    awk '/Requests\/sec/ {print $2}' <<<"$out"
}
mean() { python3 -c "print(round(($1+$2)/2))"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

# measure LABEL DOCKET_URL STATIC_URL [wrk options]: two rounds each,
# alternating, then the means and their ratio.
measure() {
    local label="$1" d_url="$2" s_url="$3" d1 s1 d2 s2
    shift 3
    d1=$(rps "$d_url" "$@"); s1=$(rps "$s_url" "$@")
    d2=$(rps "$d_url" "$@"); s2=$(rps "$s_url" "$@")
    printf '%-30s docket %7s  nginx %7s  ratio %s   (runs: %s %s / %s %s)\n' \
        "$label" "$(mean "$d1" "$d2")" "$(mean "$s1" "$s2")" \
        "$(ratio "$(mean "$d1" "$d2")" "$(mean "$s1" "$s2")")" "$d1" "$d2" "$s1" "$s2"
}

gz=(-H "Accept-Encoding: gzip, deflate, br")
static_gz=(-H "Accept-Encoding: gzip")
echo "wrk -t$threads -c$conns -d${secs}s; each figure the mean of two runs, Docket and nginx alternating"
echo "checked (Docket/nginx sizes; 200 from both, same bytes once decoded):"
for entry in "${pages[@]}"; do
    read -r name path <<<"$entry"
    printf '  %-10s %s\n' "$name" "$(check "http://127.0.0.1:$docket_port$path" "http://127.0.0.1:$static_port/$name.html")"
done
br_size=$(curl -sS -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br' "http://127.0.0.1:$docket_port/standards/poll-workers/2")
echo "  (Docket sends browsers that take Brotli the sample version page in $br_size bytes)"
echo

# Docket prefers Brotli when offered; nginx (no Brotli module in
# nginx-light) sends its gzip copy. Each serves its best to a browser.
measure "generated, plain" "http://127.0.0.1:$docket_port/standards/generated/1" "http://127.0.0.1:$static_port/generated.html"
measure "generated, gzip" "http://127.0.0.1:$docket_port/standards/generated/1" "http://127.0.0.1:$static_port/generated.html" -H "Accept-Encoding: gzip"
for entry in "${pages[@]:1}"; do
    read -r name path <<<"$entry"
    measure "$name, gzip" "http://127.0.0.1:$docket_port$path" "http://127.0.0.1:$static_port/$name.html" -H "Accept-Encoding: gzip"
done
measure "sample, browser (br/gzip)" "http://127.0.0.1:$docket_port/standards/poll-workers/2" "http://127.0.0.1:$static_port/sample.html" "${gz[@]}"

# 304: revalidation with the ETag each server gave for its gzip variant.
etag_of() { curl -sS -D - -o /dev/null -H "Accept-Encoding: gzip" "$1" | awk 'tolower($1) == "etag:" { sub(/\r$/, ""); print $2 }'; }
d_etag=$(etag_of "http://127.0.0.1:$docket_port/standards/poll-workers/2")
s_etag=$(etag_of "http://127.0.0.1:$static_port/sample.html")
for pair in "$docket_port/standards/poll-workers/2|$d_etag" "$static_port/sample.html|$s_etag"; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Accept-Encoding: gzip" -H "If-None-Match: ${pair#*|}" "http://127.0.0.1:${pair%%|*}")
    [ "$code" = 304 ] || fail "revalidating ${pair%%|*} answered $code, not 304"
done
d304() { rps "http://127.0.0.1:$docket_port/standards/poll-workers/2" -H "Accept-Encoding: gzip" -H "If-None-Match: $d_etag"; }
s304() { rps "http://127.0.0.1:$static_port/sample.html" -H "Accept-Encoding: gzip" -H "If-None-Match: $s_etag"; }
a1=$(d304); b1=$(s304); a2=$(d304); b2=$(s304)
printf '%-30s docket %7s  nginx %7s  ratio %s   (runs: %s %s / %s %s)\n' "sample, 304" \
    "$(mean "$a1" "$a2")" "$(mean "$b1" "$b2")" "$(ratio "$(mean "$a1" "$a2")" "$(mean "$b1" "$b2")")" "$a1" "$a2" "$b1" "$b2"

# Under a flood: comments posted through the form at LOAD_RATE a second
# (paced by bench/intake/post.lua, one wrk thread, 256 connections) while
# both servers are measured again.
form="$(curl -fsS -c "$work/jar" "http://127.0.0.1:$docket_port/standards/poll-workers/2/clauses/pw-application/comments/new")"
token="$(printf '%s' "$form" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)"
cookie="$(sed 's/^#HttpOnly_//' "$work/jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')"
[ -n "$token" ] && [ -n "$cookie" ] || fail "could not read the comment form's token"
load_conns=256
before=$(curl -fsS "http://127.0.0.1:$docket_port/healthz" >/dev/null && sqlite3 "$work/data/docket.db" "SELECT COUNT(*) FROM comments")
load_secs=$((secs * 4 + 6))
INTAKE_DIR="$work" INTAKE_COOKIE="$cookie" INTAKE_TOKEN="$token" INTAKE_RATE="$load_rate" \
    INTAKE_PATH="/standards/poll-workers/2/clauses/pw-application/comments" \
    INTAKE_ORIGIN="http://127.0.0.1:$docket_port" \
    wrk -t1 -c"$load_conns" -d"${load_secs}s" -s "$root/bench/intake/post.lua" "http://127.0.0.1:$docket_port" \
    >"$work/load.txt" &
load_pid=$!
sleep 3
# Comments stored, counted around each run: the intake rate while each
# server is measured.
stored() { sqlite3 "$work/data/docket.db" "SELECT COUNT(*) FROM comments"; }
page="http://127.0.0.1:$docket_port/standards/poll-workers/2"
copy="http://127.0.0.1:$static_port/sample.html"
c0=$(stored); d1=$(rps "$page" -H "Accept-Encoding: gzip"); c1=$(stored)
s1=$(rps "$copy" -H "Accept-Encoding: gzip"); c2=$(stored)
d2=$(rps "$page" -H "Accept-Encoding: gzip"); c3=$(stored)
s2=$(rps "$copy" -H "Accept-Encoding: gzip"); c4=$(stored)
printf '%-30s docket %7s  nginx %7s  ratio %s   (runs: %s %s / %s %s)\n' "sample, gzip, under load" \
    "$(mean "$d1" "$d2")" "$(mean "$s1" "$s2")" "$(ratio "$(mean "$d1" "$d2")" "$(mean "$s1" "$s2")")" "$d1" "$d2" "$s1" "$s2"
echo "  comments stored a second while Docket's page was measured: $(( (c1 - c0 + c3 - c2) / (2 * secs) )); while nginx's was: $(( (c2 - c1 + c4 - c3) / (2 * secs) ))"
wait "$load_pid"
after=$(sqlite3 "$work/data/docket.db" "SELECT COUNT(*) FROM comments")
eval "$(grep '^RESULT' "$work/load.txt" | sed 's/^RESULT //')"
echo "  load: $receipts comments acknowledged in ${seconds}s ($(python3 -c "print(round($receipts / $seconds))")/s, p99 ${p99_ms} ms), $((after - before)) stored, $others other answers"

if [ "$cluster" = 1 ]; then
    pg_db="docket_serve_$$"
    psql "$pg_url" -qc "CREATE DATABASE $pg_db" >/dev/null
    db_url="${pg_url%/*}/$pg_db"
    serve "$second_port" "$work/data-a" "$db_url"
    serve "$cluster_port" "$work/data-b" "$db_url"
    echo
    echo "two Docket servers on one PostgreSQL database behind nginx (proxy, keepalive), against nginx's static copy:"
    printf '  %-10s %s\n' "sample" "$(check "http://127.0.0.1:$lb_port/standards/poll-workers/2" "http://127.0.0.1:$static_port/sample.html")"
    measure "sample via nginx to 2 servers, gzip" "http://127.0.0.1:$lb_port/standards/poll-workers/2" "http://127.0.0.1:$static_port/sample.html" -H "Accept-Encoding: gzip"
fi
