#!/usr/bin/env bash
# Time `docket diff --files OLD NEW --format html` against
# `git diff --no-index --word-diff OLD NEW` on a generated standard of about
# 1 MB and 1,500 clauses and a revision of it (see gen.py), alternating the
# two commands in one run. Prints each command's median and the median of
# the per-round ratios (docket / git); below 1.0 Docket is faster.
#
# Usage: bench/redline/run.sh [ROUNDS]     (default 21)
# DOCKET_BIN=path skips the release build and times that binary instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-21}"

command -v git >/dev/null || { echo "git is not installed" >&2; exit 1; }
if [ -z "${DOCKET_BIN:-}" ]; then
    (cd "$root" && cargo build --release --locked --quiet)
fi
bin="${DOCKET_BIN:-$root/target/release/docket}"
[ -x "$bin" ] || { echo "no Docket binary at $bin" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/redline/gen.py" "$work"

python3 - "$bin" "$work/1.md" "$work/2.md" "$rounds" <<'PY'
import statistics
import subprocess
import sys
import time

binary, old, new, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
docket = [binary, "diff", "--files", old, new, "--format", "html"]
git = ["git", "diff", "--no-index", "--word-diff", old, new]


def run(cmd, ok, capture=False):
    start = time.perf_counter()
    done = subprocess.run(
        cmd,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(cmd[:2])} failed with {done.returncode}: {done.stderr.decode()[:400]}")
    return elapsed, done.stdout


# One untimed run of each, to warm the page cache and check both work.
_, html = run(docket, {0}, capture=True)
_, words = run(git, {0, 1}, capture=True)  # git diff exits 1 when the files differ
print(f"docket diff --format html: {len(html):,} bytes of output; git diff --word-diff: {len(words):,} bytes")

d, g, ratios = [], [], []
for i in range(rounds):
    first, second = (docket, git) if i % 2 == 0 else (git, docket)
    t1, _ = run(first, {0, 1})
    t2, _ = run(second, {0, 1})
    td, tg = (t1, t2) if first is docket else (t2, t1)
    d.append(td)
    g.append(tg)
    ratios.append(td / tg)

print(f"rounds: {rounds} (alternating, first command swapped every round)")
print(f"docket diff --files OLD NEW --format html   median {statistics.median(d) * 1000:8.1f} ms")
print(f"git diff --no-index --word-diff OLD NEW     median {statistics.median(g) * 1000:8.1f} ms")
print(f"median ratio docket/git: {statistics.median(ratios):.2f}")
PY
