-- Back to the counter table and shards by comment id: both recounted.
DROP TRIGGER comment_number_sequence_track ON versions;
DROP FUNCTION comment_number_sequence_track();
DROP FUNCTION next_comment_number(INTEGER);

DO $$
DECLARE
    v RECORD;
    last BIGINT;
BEGIN
    FOR v IN SELECT id FROM versions LOOP
        IF to_regclass(comment_number_sequence(v.id)) IS NOT NULL THEN
            EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %I',
                           comment_number_sequence(v.id)) INTO last;
            IF last > 0 THEN
                INSERT INTO comment_numbers (version_id, issued) VALUES (v.id, last)
                ON CONFLICT (version_id) DO UPDATE SET issued = EXCLUDED.issued;
            END IF;
            EXECUTE format('DROP SEQUENCE %I', comment_number_sequence(v.id));
        END IF;
    END LOOP;
END
$$;
DROP FUNCTION comment_number_sequence(INTEGER);

CREATE OR REPLACE FUNCTION comment_tallies_track() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE comment_tallies SET n = n - 1
        WHERE version_id = OLD.version_id AND clause_key = COALESCE(OLD.clause_key, '')
          AND status = OLD.status AND was_published = (OLD.published_at IS NOT NULL)
          AND shard = OLD.id % 8;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO comment_tallies (version_id, clause_key, status, was_published, shard, n)
        VALUES (NEW.version_id, COALESCE(NEW.clause_key, ''), NEW.status, NEW.published_at IS NOT NULL, NEW.id % 8, 1)
        ON CONFLICT (version_id, clause_key, status, was_published, shard)
        DO UPDATE SET n = comment_tallies.n + 1;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Shards by comment id again, counted afresh.
DELETE FROM comment_tallies;
INSERT INTO comment_tallies (version_id, clause_key, status, was_published, shard, n)
SELECT version_id, COALESCE(clause_key, ''), status, published_at IS NOT NULL, id % 8, COUNT(*)
FROM comments
GROUP BY version_id, COALESCE(clause_key, ''), status, published_at IS NOT NULL, id % 8;
