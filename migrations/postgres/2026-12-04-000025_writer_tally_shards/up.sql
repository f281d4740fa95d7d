-- Writers commit batches of submissions on PostgreSQL, each batch one
-- transaction. A transaction that holds a tally row until it commits makes
-- every other transaction counting in the same row wait for that commit.
-- Counting in the shard of the server process (its pid modulo 16) let two
-- writers whose processes share a shard wait on each other for whole
-- batches. A writer now names its own shard for its transaction
-- (`docket.tally_shard`, 0 to 63); any other transaction counts in the
-- shard of its server process as before. The count of a key is still the
-- sum of its shards.
CREATE OR REPLACE FUNCTION comment_tallies_track() RETURNS trigger AS $$
DECLARE
    mine INTEGER := COALESCE(NULLIF(current_setting('docket.tally_shard', true), '')::INTEGER,
                             pg_backend_pid() % 16);
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO comment_tallies (version_id, clause_key, status, was_published, shard, n)
        VALUES (OLD.version_id, COALESCE(OLD.clause_key, ''), OLD.status, OLD.published_at IS NOT NULL, mine, -1)
        ON CONFLICT (version_id, clause_key, status, was_published, shard)
        DO UPDATE SET n = comment_tallies.n - 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO comment_tallies (version_id, clause_key, status, was_published, shard, n)
        VALUES (NEW.version_id, COALESCE(NEW.clause_key, ''), NEW.status, NEW.published_at IS NOT NULL, mine, 1)
        ON CONFLICT (version_id, clause_key, status, was_published, shard)
        DO UPDATE SET n = comment_tallies.n + 1;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
