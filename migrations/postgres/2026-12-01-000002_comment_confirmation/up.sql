-- The author as shown on each comment: the name and organisation given
-- with it, fixed when its author confirms it. A later comment or
-- confirmation from the same address never changes them.
ALTER TABLE comments ADD COLUMN author_name TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN author_organization TEXT;
-- A hash of (browser session, address, place, text): a second identical
-- submission within the hour finds the first comment by it.
ALTER TABLE comments ADD COLUMN submission_key TEXT;

-- Existing comments keep the author the ledger recorded when each was
-- published; a comment never published keeps its commenter's current name.
UPDATE comments SET
    author_name = CASE
        WHEN EXISTS (SELECT 1 FROM ledger l WHERE l.comment_id = comments.id AND l.kind = 'comment.published')
        THEN COALESCE((SELECT l.payload::jsonb ->> 'author' FROM ledger l
                       WHERE l.comment_id = comments.id AND l.kind = 'comment.published'
                       ORDER BY l.seq LIMIT 1), '')
        ELSE (SELECT c.display_name FROM commenters c WHERE c.id = comments.commenter_id)
    END,
    author_organization = CASE
        WHEN EXISTS (SELECT 1 FROM ledger l WHERE l.comment_id = comments.id AND l.kind = 'comment.published')
        THEN (SELECT l.payload::jsonb ->> 'organization' FROM ledger l
              WHERE l.comment_id = comments.id AND l.kind = 'comment.published'
              ORDER BY l.seq LIMIT 1)
        ELSE (SELECT c.organization FROM commenters c WHERE c.id = comments.commenter_id)
    END;

CREATE INDEX comments_submission ON comments (submission_key, created_at);

-- Verification mail, at most a few an hour to one address. A mail still
-- waiting for its turn (send_at in the future) gathers the links of later
-- comments to the same address instead of another mail being queued.
CREATE TABLE verification_mails (
    id SERIAL PRIMARY KEY,
    commenter_id INTEGER NOT NULL REFERENCES commenters (id),
    outbox_id INTEGER NOT NULL REFERENCES outbox (id),
    send_at TIMESTAMP NOT NULL,
    links INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX verification_mails_recipient ON verification_mails (commenter_id, send_at);

-- Which mail carries a link.
ALTER TABLE verification_tokens ADD COLUMN mail_id INTEGER REFERENCES verification_mails (id);
CREATE INDEX verification_tokens_mail ON verification_tokens (mail_id);
