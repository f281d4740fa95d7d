-- PostgreSQL only: there, several writers store comments at once, and this
-- migration keeps them out of each other's way. SQLite has one writer at a
-- time, so its tracking-number counter and tally shards stay as they are.
SELECT 1;
