-- How many comments each version has, by clause, status and whether the
-- comment was ever published: page headers, the version page's counts per
-- clause and the editors' counts read a few of these rows instead of
-- counting a million comments. A trigger keeps the rows in step with every
-- insert, status change and delete, whichever code (or hand) makes it.
CREATE TABLE comment_tallies (
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    -- '' for comments on the whole version.
    clause_key TEXT NOT NULL,
    status TEXT NOT NULL,
    was_published BOOLEAN NOT NULL,
    -- The comment's id modulo 8: concurrent transactions mostly update
    -- different rows instead of queueing on one.
    shard INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (version_id, clause_key, status, was_published, shard)
);

INSERT INTO comment_tallies (version_id, clause_key, status, was_published, shard, n)
SELECT version_id, COALESCE(clause_key, ''), status, published_at IS NOT NULL, id % 8, COUNT(*)
FROM comments
GROUP BY version_id, COALESCE(clause_key, ''), status, published_at IS NOT NULL, id % 8;

CREATE FUNCTION comment_tallies_track() RETURNS trigger AS $$
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

CREATE TRIGGER comment_tallies_insert_delete AFTER INSERT OR DELETE ON comments
FOR EACH ROW EXECUTE FUNCTION comment_tallies_track();

CREATE TRIGGER comment_tallies_update
AFTER UPDATE OF version_id, clause_key, status, published_at ON comments
FOR EACH ROW
WHEN (OLD.version_id IS DISTINCT FROM NEW.version_id
   OR OLD.clause_key IS DISTINCT FROM NEW.clause_key
   OR OLD.status IS DISTINCT FROM NEW.status
   OR (OLD.published_at IS NULL) IS DISTINCT FROM (NEW.published_at IS NULL))
EXECUTE FUNCTION comment_tallies_track();
