"""The limit: raw SQLite on the same disk, WAL, synchronous = FULL, one
transaction of five row inserts per comment (a comment, its commenter, a rate
event, a token and a mail), as fast as one writer can go.

Usage: python3 raw_sqlite.py DIRECTORY SECONDS
Prints: RAW tx_per_s=N
"""
import os
import sqlite3
import sys
import time

directory, seconds = sys.argv[1], float(sys.argv[2])
path = os.path.join(directory, "raw.db")
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = FULL")
for table in ("comments", "commenters", "rate_events", "tokens", "outbox"):
    db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL)")
body = "Seals should be numbered and logged at each hand-off. " * 3
n = 0
start = time.perf_counter()
while time.perf_counter() - start < seconds:
    db.execute("BEGIN IMMEDIATE")
    for table in ("comments", "commenters", "rate_events", "tokens", "outbox"):
        db.execute(f"INSERT INTO {table} (a, b) VALUES (?, ?)", (f"row {n}", body))
    db.execute("COMMIT")
    n += 1
elapsed = time.perf_counter() - start
print(f"RAW tx_per_s={n / elapsed:.0f}")
