-- Redactions: a moderator replaces a passage of a comment's text with a
-- notice naming the redaction and its reason. The comment's own text
-- becomes the redacted text (so every page, feed, download and the search
-- index show only that); the text as it was before each redaction is kept
-- here, for staff only. The ledger records each redaction with a SHA-256 of
-- the text before it.
CREATE TABLE comment_redactions (
    id SERIAL PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    passage TEXT NOT NULL,
    reason TEXT NOT NULL,
    original_body_md TEXT NOT NULL,
    original_sha256 TEXT NOT NULL,
    staff_id INTEGER NOT NULL,
    ledger_seq INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX comment_redactions_comment ON comment_redactions (comment_id, id);
