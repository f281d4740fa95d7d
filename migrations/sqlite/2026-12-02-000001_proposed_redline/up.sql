-- A comment's proposed text marked up as changes to its clause, computed
-- once when the comment is stored (NULL for older rows: computed on read).
ALTER TABLE comments ADD COLUMN proposed_html TEXT;

-- Keyset paging of discussions: top-level comments of a place newest
-- first, direct replies of a comment oldest first, and the replies under a
-- thread read by materialised path.
CREATE INDEX comments_roots ON comments (version_id, clause_key, parent_id, published_at, id);
CREATE INDEX comments_children ON comments (parent_id, published_at, id);
CREATE INDEX comments_path ON comments (path);
