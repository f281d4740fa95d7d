-- Public search: one full-text index over the clauses of every published
-- version, every published comment and every decision, kept current by
-- triggers in the same transaction as each write. A comment leaves the
-- index in the statement that hides it, marks it as spam or unpublishes it.
--
-- A document's id says what it is: the row's id times four, plus 0 for a
-- clause, 1 for a comment, 2 for a decision. `title` is a clause's number
-- and heading (weight A), `who` a comment's author and organisation
-- (weight C), `body` the Markdown source or a decision's rationale
-- (weight B), all with the English configuration (stemmed, stop words
-- dropped).
CREATE TABLE search_documents (
    doc_id BIGINT PRIMARY KEY,
    version_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    who TEXT NOT NULL,
    body TEXT NOT NULL,
    document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, who), 'C')
        || setweight(to_tsvector('english'::regconfig, body), 'B')
    ) STORED
);
CREATE INDEX search_documents_document ON search_documents USING GIN (document);
-- Clauses alone: every search ranks every clause it finds, and this finds
-- them without reading the comments that match too.
CREATE INDEX search_documents_clauses ON search_documents USING GIN (document)
WHERE doc_id % 4 = 0;
-- How many documents are clauses, comments or decisions: without it the
-- planner guesses that a search among comments finds almost nothing and
-- reads every match instead of the newest.
CREATE STATISTICS search_documents_kind ON ((doc_id % 4)) FROM search_documents;

CREATE FUNCTION search_put(p_doc BIGINT, p_version INTEGER, p_title TEXT, p_who TEXT, p_body TEXT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_documents (doc_id, version_id, title, who, body)
    VALUES (p_doc, p_version, p_title, p_who, p_body)
    ON CONFLICT (doc_id) DO UPDATE
    SET version_id = EXCLUDED.version_id, title = EXCLUDED.title,
        who = EXCLUDED.who, body = EXCLUDED.body;
$$;

-- Clauses: indexed while their version is published (any status but draft).
CREATE FUNCTION search_clauses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_documents WHERE doc_id = OLD.id::bigint * 4;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE')
       AND (SELECT status FROM versions WHERE id = NEW.version_id) <> 'draft' THEN
        PERFORM search_put(NEW.id::bigint * 4, NEW.version_id,
                           btrim(NEW.number || ' ' || NEW.heading), '', NEW.body_md);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER search_clauses AFTER INSERT OR UPDATE OR DELETE ON clauses
FOR EACH ROW EXECUTE FUNCTION search_clauses();

-- A version published after its clauses were stored brings them in; one
-- taken back to draft takes them out.
CREATE FUNCTION search_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'draft' AND NEW.status <> 'draft' THEN
        INSERT INTO search_documents (doc_id, version_id, title, who, body)
        SELECT id::bigint * 4, version_id, btrim(number || ' ' || heading), '', body_md
        FROM clauses WHERE version_id = NEW.id
        ON CONFLICT (doc_id) DO NOTHING;
    ELSIF OLD.status <> 'draft' AND NEW.status = 'draft' THEN
        DELETE FROM search_documents
        WHERE doc_id IN (SELECT id::bigint * 4 FROM clauses WHERE version_id = NEW.id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER search_versions AFTER UPDATE OF status ON versions
FOR EACH ROW EXECUTE FUNCTION search_versions();

-- Comments: indexed while published. Only a change to what search shows
-- touches the index; grouping into campaigns and flag counts do not.
CREATE FUNCTION search_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_documents WHERE doc_id = OLD.id::bigint * 4 + 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
        PERFORM search_put(NEW.id::bigint * 4 + 1, NEW.version_id, '',
                           btrim(NEW.author_name || ' ' || coalesce(NEW.author_organization, '')),
                           NEW.body_md || E'\n' || coalesce(NEW.proposed_text, ''));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER search_comments_insert AFTER INSERT ON comments
FOR EACH ROW WHEN (NEW.status = 'published') EXECUTE FUNCTION search_comments();
CREATE TRIGGER search_comments_update AFTER UPDATE ON comments
FOR EACH ROW WHEN ((OLD.status = 'published' OR NEW.status = 'published') AND (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD.body_md IS DISTINCT FROM NEW.body_md
    OR OLD.proposed_text IS DISTINCT FROM NEW.proposed_text
    OR OLD.author_name IS DISTINCT FROM NEW.author_name
    OR OLD.author_organization IS DISTINCT FROM NEW.author_organization
    OR OLD.version_id IS DISTINCT FROM NEW.version_id
)) EXECUTE FUNCTION search_comments();
CREATE TRIGGER search_comments_delete AFTER DELETE ON comments
FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION search_comments();

-- Decisions: their rationale, under the version of the comment decided.
CREATE FUNCTION search_dispositions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_documents WHERE doc_id = OLD.id::bigint * 4 + 2;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM search_put(NEW.id::bigint * 4 + 2, c.version_id, '', '', NEW.rationale)
        FROM comments c WHERE c.id = NEW.comment_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER search_dispositions AFTER INSERT OR UPDATE OR DELETE ON dispositions
FOR EACH ROW EXECUTE FUNCTION search_dispositions();

-- What was already there.
INSERT INTO search_documents (doc_id, version_id, title, who, body)
SELECT c.id::bigint * 4, c.version_id, btrim(c.number || ' ' || c.heading), '', c.body_md
FROM clauses c JOIN versions v ON v.id = c.version_id WHERE v.status <> 'draft';
INSERT INTO search_documents (doc_id, version_id, title, who, body)
SELECT id::bigint * 4 + 1, version_id, '', btrim(author_name || ' ' || coalesce(author_organization, '')),
       body_md || E'\n' || coalesce(proposed_text, '')
FROM comments WHERE status = 'published';
INSERT INTO search_documents (doc_id, version_id, title, who, body)
SELECT d.id::bigint * 4 + 2, c.version_id, '', '', d.rationale
FROM dispositions d JOIN comments c ON c.id = d.comment_id;
