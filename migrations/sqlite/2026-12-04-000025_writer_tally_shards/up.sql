-- PostgreSQL lets each writer count comments in a tally shard of its own
-- (see its migration). SQLite has one writer and unsharded tallies: nothing
-- changes here.
SELECT 1;
