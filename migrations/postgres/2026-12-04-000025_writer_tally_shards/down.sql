CREATE OR REPLACE FUNCTION comment_tallies_track() RETURNS trigger AS $$
DECLARE
    mine INTEGER := pg_backend_pid() % 16;
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
