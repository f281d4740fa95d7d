-- Public search: one full-text index over the clauses of every published
-- version, every published comment and every decision, kept current by
-- triggers in the same transaction as each write. A comment leaves the
-- index in the statement that hides it, marks it as spam or unpublishes it.
--
-- A document's rowid says what it is: the row's id times four, plus 0 for
-- a clause, 1 for a comment, 2 for a decision. `title` is a clause's number
-- and heading, `who` a comment's author and organisation, `body` the
-- Markdown source (or a decision's rationale). Words are stemmed (Porter)
-- and accents folded, so "recruiting" finds "recruit" and "élection"
-- finds "election".
CREATE VIRTUAL TABLE search_index USING fts5(
    title,
    who,
    body,
    version_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Clauses: indexed while their version is published (any status but draft).
CREATE TRIGGER search_clauses_insert AFTER INSERT ON clauses
WHEN (SELECT status FROM versions WHERE id = NEW.version_id) <> 'draft'
BEGIN
    INSERT INTO search_index (rowid, title, who, body, version_id)
    VALUES (NEW.id * 4, trim(NEW.number || ' ' || NEW.heading), '', NEW.body_md, NEW.version_id);
END;
CREATE TRIGGER search_clauses_update AFTER UPDATE ON clauses
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4;
    INSERT INTO search_index (rowid, title, who, body, version_id)
    SELECT NEW.id * 4, trim(NEW.number || ' ' || NEW.heading), '', NEW.body_md, NEW.version_id
    WHERE (SELECT status FROM versions WHERE id = NEW.version_id) <> 'draft';
END;
CREATE TRIGGER search_clauses_delete AFTER DELETE ON clauses
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4;
END;

-- A version published after its clauses were stored brings them in; one
-- taken back to draft takes them out.
CREATE TRIGGER search_versions_publish AFTER UPDATE OF status ON versions
WHEN OLD.status = 'draft' AND NEW.status <> 'draft'
BEGIN
    INSERT INTO search_index (rowid, title, who, body, version_id)
    SELECT id * 4, trim(number || ' ' || heading), '', body_md, version_id
    FROM clauses WHERE version_id = NEW.id;
END;
CREATE TRIGGER search_versions_unpublish AFTER UPDATE OF status ON versions
WHEN OLD.status <> 'draft' AND NEW.status = 'draft'
BEGIN
    DELETE FROM search_index
    WHERE rowid IN (SELECT id * 4 FROM clauses WHERE version_id = NEW.id);
END;

-- Comments: indexed while published. Only a change to what search shows
-- touches the index; grouping into campaigns and flag counts do not.
CREATE TRIGGER search_comments_insert AFTER INSERT ON comments
WHEN NEW.status = 'published'
BEGIN
    INSERT INTO search_index (rowid, title, who, body, version_id)
    VALUES (NEW.id * 4 + 1, '', trim(NEW.author_name || ' ' || coalesce(NEW.author_organization, '')),
            NEW.body_md || char(10) || coalesce(NEW.proposed_text, ''), NEW.version_id);
END;
CREATE TRIGGER search_comments_update AFTER UPDATE ON comments
WHEN (OLD.status = 'published' OR NEW.status = 'published') AND (
    OLD.status IS NOT NEW.status
    OR OLD.body_md IS NOT NEW.body_md
    OR OLD.proposed_text IS NOT NEW.proposed_text
    OR OLD.author_name IS NOT NEW.author_name
    OR OLD.author_organization IS NOT NEW.author_organization
    OR OLD.version_id IS NOT NEW.version_id
)
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
    INSERT INTO search_index (rowid, title, who, body, version_id)
    SELECT NEW.id * 4 + 1, '', trim(NEW.author_name || ' ' || coalesce(NEW.author_organization, '')),
           NEW.body_md || char(10) || coalesce(NEW.proposed_text, ''), NEW.version_id
    WHERE NEW.status = 'published';
END;
CREATE TRIGGER search_comments_delete AFTER DELETE ON comments
WHEN OLD.status = 'published'
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
END;

-- Decisions: their rationale, under the version of the comment decided.
CREATE TRIGGER search_dispositions_insert AFTER INSERT ON dispositions
BEGIN
    INSERT INTO search_index (rowid, title, who, body, version_id)
    SELECT NEW.id * 4 + 2, '', '', NEW.rationale, c.version_id
    FROM comments c WHERE c.id = NEW.comment_id;
END;
CREATE TRIGGER search_dispositions_update AFTER UPDATE ON dispositions
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
    INSERT INTO search_index (rowid, title, who, body, version_id)
    SELECT NEW.id * 4 + 2, '', '', NEW.rationale, c.version_id
    FROM comments c WHERE c.id = NEW.comment_id;
END;
CREATE TRIGGER search_dispositions_delete AFTER DELETE ON dispositions
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
END;

-- What was already there.
INSERT INTO search_index (rowid, title, who, body, version_id)
SELECT c.id * 4, trim(c.number || ' ' || c.heading), '', c.body_md, c.version_id
FROM clauses c JOIN versions v ON v.id = c.version_id WHERE v.status <> 'draft';
INSERT INTO search_index (rowid, title, who, body, version_id)
SELECT id * 4 + 1, '', trim(author_name || ' ' || coalesce(author_organization, '')),
       body_md || char(10) || coalesce(proposed_text, ''), version_id
FROM comments WHERE status = 'published';
INSERT INTO search_index (rowid, title, who, body, version_id)
SELECT d.id * 4 + 2, '', '', d.rationale, c.version_id
FROM dispositions d JOIN comments c ON c.id = d.comment_id;
