-- Signed checkpoints of the integrity ledger: at most one a day, each the
-- head of the chain (seq and hash) at a time, signed with the site's
-- Ed25519 key. Published at /ledger/checkpoints.json so that copies of the
-- head outlive the database.
CREATE TABLE ledger_checkpoints (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    day TEXT NOT NULL UNIQUE,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    signed_at TIMESTAMP NOT NULL,
    public_key TEXT NOT NULL,
    signature TEXT NOT NULL
);


-- Versions published before the ledger recorded publications of versions:
-- the next `docket migrate`, `import` or `serve` appends an entry for each
-- (marked as a backfill) and empties this list. Versions published later
-- are recorded when they are published, never from here.
CREATE TABLE ledger_backfill (
    version_id INTEGER PRIMARY KEY NOT NULL
);
INSERT INTO ledger_backfill (version_id) SELECT id FROM versions WHERE status <> 'draft';
