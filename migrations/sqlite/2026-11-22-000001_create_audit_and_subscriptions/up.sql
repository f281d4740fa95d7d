-- The audit log: one row per staff action, written in the same transaction
-- as the action. Rows are only ever appended. There are no foreign keys:
-- the log outlives what it describes, so the actor's name is copied in.
-- Public rows (window changes, dispositions, publications) are listed on
-- each version's changelog page; the rest only admins read.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TIMESTAMP NOT NULL,
    staff_id INTEGER,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    standard_id INTEGER,
    version_id INTEGER,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    public BOOLEAN NOT NULL DEFAULT 0
);

CREATE INDEX audit_events_at ON audit_events (at, id);
CREATE INDEX audit_events_action ON audit_events (action, at);
CREATE INDEX audit_events_version ON audit_events (version_id, public, at);

-- People following a standard by email (double opt-in). The email address
-- is private. Only a SHA-256 of the confirmation token is kept; the
-- unsubscribe token goes into every message's one-click link.
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    standard_id INTEGER NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
    confirm_hash TEXT UNIQUE,
    confirm_expires TIMESTAMP,
    unsubscribe_token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    unsubscribed_at TIMESTAMP,
    UNIQUE (standard_id, email)
);

CREATE INDEX subscriptions_standard ON subscriptions (standard_id, status);
