-- A counter that moves whenever something a cached public page shows
-- changes in a way that must be seen at once on every app server: a
-- standard, a version (its status, its comment window, its publication),
-- its clauses, a decision, or a published comment hidden, marked as spam,
-- unpublished, edited or deleted. Each app server reads it a few times a
-- second and drops the pages rendered before it moved. New comments are not
-- counted here (they show within a second through the ledger's head), so a
-- flood of comments does not throw away every page.
CREATE TABLE page_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO page_generation (id, n) VALUES (1, 0);

CREATE FUNCTION page_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE page_generation SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

-- Once per statement: importing a version of 500 clauses moves it once.
CREATE TRIGGER page_generation_standards AFTER INSERT OR UPDATE OR DELETE ON standards
FOR EACH STATEMENT EXECUTE FUNCTION page_generation_bump();
CREATE TRIGGER page_generation_versions AFTER INSERT OR UPDATE OR DELETE ON versions
FOR EACH STATEMENT EXECUTE FUNCTION page_generation_bump();
CREATE TRIGGER page_generation_clauses AFTER INSERT OR UPDATE OR DELETE ON clauses
FOR EACH STATEMENT EXECUTE FUNCTION page_generation_bump();
CREATE TRIGGER page_generation_dispositions AFTER INSERT OR UPDATE OR DELETE ON dispositions
FOR EACH STATEMENT EXECUTE FUNCTION page_generation_bump();

-- A published comment that stops being public or whose shown text or
-- author changes; not a comment being grouped into a campaign.
CREATE TRIGGER page_generation_comments_update AFTER UPDATE ON comments
FOR EACH ROW WHEN (OLD.status = 'published' AND (
    NEW.status <> 'published'
    OR NEW.body_html IS DISTINCT FROM OLD.body_html
    OR NEW.proposed_html IS DISTINCT FROM OLD.proposed_html
    OR NEW.proposed_text IS DISTINCT FROM OLD.proposed_text
    OR NEW.author_name IS DISTINCT FROM OLD.author_name
    OR NEW.author_organization IS DISTINCT FROM OLD.author_organization
    OR NEW.clause_key IS DISTINCT FROM OLD.clause_key
    OR NEW.version_id <> OLD.version_id
))
EXECUTE FUNCTION page_generation_bump();
CREATE TRIGGER page_generation_comments_delete AFTER DELETE ON comments
FOR EACH ROW WHEN (OLD.status = 'published')
EXECUTE FUNCTION page_generation_bump();
