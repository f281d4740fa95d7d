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
    n INTEGER NOT NULL
);
INSERT INTO page_generation (id, n) VALUES (1, 0);

CREATE TRIGGER page_generation_standards_insert AFTER INSERT ON standards
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_standards_update AFTER UPDATE ON standards
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_standards_delete AFTER DELETE ON standards
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER page_generation_versions_insert AFTER INSERT ON versions
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_versions_update AFTER UPDATE ON versions
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_versions_delete AFTER DELETE ON versions
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER page_generation_clauses_insert AFTER INSERT ON clauses
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_clauses_update AFTER UPDATE ON clauses
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_clauses_delete AFTER DELETE ON clauses
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER page_generation_dispositions_insert AFTER INSERT ON dispositions
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_dispositions_update AFTER UPDATE ON dispositions
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_dispositions_delete AFTER DELETE ON dispositions
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;

-- A published comment that stops being public or whose shown text or
-- author changes; not a comment being grouped into a campaign.
CREATE TRIGGER page_generation_comments_update AFTER UPDATE ON comments
WHEN OLD.status = 'published' AND (
    NEW.status <> 'published'
    OR NEW.body_html IS NOT OLD.body_html
    OR NEW.proposed_html IS NOT OLD.proposed_html
    OR NEW.proposed_text IS NOT OLD.proposed_text
    OR NEW.author_name IS NOT OLD.author_name
    OR NEW.author_organization IS NOT OLD.author_organization
    OR NEW.clause_key IS NOT OLD.clause_key
    OR NEW.version_id <> OLD.version_id
)
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_comments_delete AFTER DELETE ON comments
WHEN OLD.status = 'published'
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
