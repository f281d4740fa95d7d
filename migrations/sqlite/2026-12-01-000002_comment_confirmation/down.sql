-- SQLite cannot drop a column that references another table: rebuild
-- verification_tokens as it was.
CREATE TABLE verification_tokens_previous (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    display_name TEXT NOT NULL,
    organization TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
INSERT INTO verification_tokens_previous
    (id, token_hash, comment_id, display_name, organization, created_at, expires_at, used_at)
    SELECT id, token_hash, comment_id, display_name, organization, created_at, expires_at, used_at
    FROM verification_tokens;
DROP TABLE verification_tokens;
ALTER TABLE verification_tokens_previous RENAME TO verification_tokens;
CREATE INDEX verification_tokens_comment ON verification_tokens (comment_id);

DROP TABLE verification_mails;
DROP INDEX comments_submission;
ALTER TABLE comments DROP COLUMN submission_key;
ALTER TABLE comments DROP COLUMN author_organization;
ALTER TABLE comments DROP COLUMN author_name;
