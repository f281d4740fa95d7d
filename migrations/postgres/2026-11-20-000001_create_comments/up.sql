-- People who comment. The email address is private: it is used to verify
-- comments and to send receipts and reply notices, and never shown.
CREATE TABLE commenters (
    id SERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    organization TEXT,
    verified_at TIMESTAMP,
    notify_replies BOOLEAN NOT NULL DEFAULT TRUE,
    unsubscribe_token TEXT NOT NULL UNIQUE,
    remember_hash TEXT,
    created_at TIMESTAMP NOT NULL
);

-- Comments on a clause (clause_key) or on a whole version (clause_key NULL).
-- path is the materialised path of zero-padded ids from the thread's root,
-- so ORDER BY path reads a whole thread in order with one query.
CREATE TABLE comments (
    id SERIAL PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions (id),
    clause_key TEXT,
    parent_id INTEGER REFERENCES comments (id),
    path TEXT NOT NULL DEFAULT '',
    depth INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL CHECK (kind IN ('general', 'technical', 'editorial')),
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    proposed_text TEXT,
    quoted_text TEXT,
    commenter_id INTEGER NOT NULL REFERENCES commenters (id),
    status TEXT NOT NULL CHECK (status IN ('unverified', 'pending', 'published', 'hidden', 'spam')),
    hidden_reason TEXT,
    tracking_number TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    flags INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX comments_thread ON comments (version_id, clause_key, path);
CREATE INDEX comments_status ON comments (status, flags);
CREATE INDEX comments_parent ON comments (parent_id);
CREATE INDEX comments_commenter ON comments (commenter_id);

-- Single-use links that verify a comment. Only a SHA-256 of the token is
-- kept; the token itself exists only in the mail.
CREATE TABLE verification_tokens (
    id SERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    display_name TEXT NOT NULL,
    organization TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

CREATE INDEX verification_tokens_comment ON verification_tokens (comment_id);

-- Reports from the public that a comment breaks the rules.
CREATE TABLE comment_flags (
    id SERIAL PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP
);

CREATE INDEX comment_flags_open ON comment_flags (comment_id, resolved_at);

-- The integrity ledger: an append-only hash chain of publications and
-- moderation actions. hash = SHA-256 over seq, kind, prev_hash and the
-- canonical JSON payload.
CREATE TABLE ledger (
    seq INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    comment_id INTEGER,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX ledger_comment ON ledger (comment_id);
