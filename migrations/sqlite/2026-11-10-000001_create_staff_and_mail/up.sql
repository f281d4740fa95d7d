-- Staff accounts. password_hash is an argon2id PHC string.
CREATE TABLE staff_users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'moderator')),
    created_at TIMESTAMP NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT 0
);

-- Mail waiting to be sent, and mail sent. A row is never deleted by the
-- worker: a failure only moves next_attempt_at later.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    headers TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    last_error TEXT,
    claimed_until TIMESTAMP
);

CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- Failed sign-ins, for throttling by account name and by address.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);

CREATE INDEX login_failures_name ON login_failures (name, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

-- Write events per bucket and client address, for rate limits that hold
-- across several app servers.
CREATE TABLE rate_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    bucket TEXT NOT NULL,
    address TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);

CREATE INDEX rate_events_key ON rate_events (bucket, address, at);
