DROP INDEX comments_version_published_seq;
ALTER TABLE comments DROP COLUMN published_seq;
