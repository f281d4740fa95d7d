-- Comment drafts saved with "Save for later": what was typed into one
-- comment form (its place: a version's clause, a whole version, or a reply
-- to a comment), for the browser holding the random token whose SHA-256 is
-- `token_hash`. Kept for 7 days after saving, then deleted.
CREATE TABLE kept_drafts (
    id SERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL,
    place TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    organization TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    proposed_text TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    UNIQUE (token_hash, place)
);
CREATE INDEX kept_drafts_saved_at ON kept_drafts (saved_at);
