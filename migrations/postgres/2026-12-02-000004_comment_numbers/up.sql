-- How many comments each version has numbered, so a new comment's
-- tracking number is one row update rather than a count of every comment.
CREATE TABLE comment_numbers (
    version_id INTEGER PRIMARY KEY NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    issued INTEGER NOT NULL
);

INSERT INTO comment_numbers (version_id, issued)
SELECT version_id, COUNT(*) FROM comments GROUP BY version_id;
