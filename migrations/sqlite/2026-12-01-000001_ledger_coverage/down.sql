DROP TABLE ledger_backfill;
DROP TABLE ledger_checkpoints;
