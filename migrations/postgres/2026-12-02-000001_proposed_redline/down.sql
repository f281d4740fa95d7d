DROP INDEX comments_path;
DROP INDEX comments_children;
DROP INDEX comments_roots;
ALTER TABLE comments DROP COLUMN proposed_html;
