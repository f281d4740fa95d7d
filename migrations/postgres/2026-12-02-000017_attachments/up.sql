-- Signed letters: a PDF a commenter attached to a comment, at most one per
-- comment, stored with it from the moment it is submitted (still
-- unconfirmed) and served only once the comment is public. `file_name` is
-- the name the browser gave, reduced to safe characters; `sha256` is the
-- hex digest of `content`, which the comment's publication entry in the
-- ledger records.
CREATE TABLE attachments (
    id SERIAL PRIMARY KEY,
    comment_id INTEGER NOT NULL UNIQUE REFERENCES comments (id),
    file_name TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);
-- PDFs are compressed already: store them out of line without trying again.
ALTER TABLE attachments ALTER COLUMN content SET STORAGE EXTERNAL;
