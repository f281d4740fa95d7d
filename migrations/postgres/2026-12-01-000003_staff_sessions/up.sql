-- Sessions that can be revoked: a staff session remembers the generation
-- of its account when it began, and is valid only while the account still
-- has that generation. Signing out, a password change and disabling the
-- account each move the generation on, ending every earlier session.
ALTER TABLE staff_users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;

-- Sign-in throttling counts failures per (address, account name) as well as
-- per address, so nobody can lock an account out for everyone else.
CREATE INDEX login_failures_address_name ON login_failures (address, name, at);

-- One row that /healthz rewrites, so health fails when the database cannot
-- be written.
CREATE TABLE health_heartbeat (
    id INTEGER PRIMARY KEY,
    beat_at TIMESTAMP NOT NULL
);

INSERT INTO health_heartbeat (id, beat_at) VALUES (1, CURRENT_TIMESTAMP);
