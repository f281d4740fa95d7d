-- Several writers store comments at once on PostgreSQL. Two rows were
-- shared by all of them and held until each commit, so submissions queued
-- on them one fsync at a time:
--
-- 1. the per-version tracking-number counter (`comment_numbers`). Numbers
--    now come from a sequence per version, which never waits for another
--    transaction. A number drawn by a submission that is then rolled back
--    is not used again, so the numbers of a version may have gaps; each
--    is still given once.
-- 2. the comment tallies' shard, which was the comment's id modulo 8, so a
--    transaction took the lock of whichever shard its comment fell in. A
--    transaction now counts in the shard of its own server process (its
--    backend's pid modulo 16), for removals as well as additions: one
--    shard may go below zero, the sum of a key's shards is the count.

CREATE FUNCTION comment_number_sequence(version INTEGER) RETURNS TEXT AS $$
    SELECT 'comment_numbers_v' || version
$$ LANGUAGE sql IMMUTABLE;

DO $$
DECLARE
    v RECORD;
BEGIN
    FOR v IN SELECT versions.id, COALESCE(comment_numbers.issued, 0) AS issued
             FROM versions LEFT JOIN comment_numbers ON comment_numbers.version_id = versions.id
    LOOP
        EXECUTE format('CREATE SEQUENCE %I START WITH %s', comment_number_sequence(v.id), v.issued + 1);
    END LOOP;
END
$$;

CREATE FUNCTION comment_number_sequence_track() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', comment_number_sequence(NEW.id));
    ELSE
        EXECUTE format('DROP SEQUENCE IF EXISTS %I', comment_number_sequence(OLD.id));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER comment_number_sequence_track AFTER INSERT OR DELETE ON versions
FOR EACH ROW EXECUTE FUNCTION comment_number_sequence_track();

-- The next tracking number of a version.
CREATE FUNCTION next_comment_number(version INTEGER) RETURNS BIGINT AS $$
    SELECT nextval(comment_number_sequence(version)::regclass)
$$ LANGUAGE sql VOLATILE;

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
