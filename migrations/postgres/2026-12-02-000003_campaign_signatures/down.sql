DROP TABLE comment_bands;
DROP INDEX comments_unsigned;
DROP INDEX comments_version_status;
DROP INDEX comments_campaign;
DROP INDEX comments_text_hash;
ALTER TABLE comments DROP COLUMN campaign_id;
ALTER TABLE comments DROP COLUMN signature;
ALTER TABLE comments DROP COLUMN text_hash;
