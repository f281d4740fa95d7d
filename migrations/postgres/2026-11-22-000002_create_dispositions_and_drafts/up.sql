-- An editor's decision on one comment: the outcome, why, and the clause of
-- the next version that resolves it. One per comment; a revised decision
-- replaces the row (the audit log keeps every one). group_id is the lowest
-- comment id of a near-duplicate group decided together, if any.
CREATE TABLE dispositions (
    id SERIAL PRIMARY KEY,
    comment_id INTEGER NOT NULL UNIQUE REFERENCES comments (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'accepted_modified', 'not_accepted', 'noted', 'duplicate', 'out_of_scope')),
    rationale TEXT NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff_users (id),
    decided_at TIMESTAMP NOT NULL,
    resolved_version TEXT,
    resolved_clause_key TEXT,
    group_id INTEGER
);

CREATE INDEX dispositions_group ON dispositions (group_id);

-- The working draft of a standard's next version, edited in the browser.
-- revision counts saves, so a save made from an old copy of the page is
-- refused instead of overwriting newer work. Once published,
-- published_version_id names the version it became and the draft is
-- read-only.
CREATE TABLE drafts (
    id SERIAL PRIMARY KEY,
    standard_id INTEGER NOT NULL REFERENCES standards (id),
    base_version_id INTEGER NOT NULL REFERENCES versions (id),
    label TEXT NOT NULL,
    source TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL,
    published_version_id INTEGER REFERENCES versions (id),
    UNIQUE (standard_id, label)
);

-- Proposed text taken from a comment into a draft: which comment, which
-- clause, and the exact text applied.
CREATE TABLE draft_acceptances (
    id SERIAL PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES drafts (id),
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    clause_key TEXT NOT NULL,
    applied_text TEXT NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff_users (id),
    accepted_at TIMESTAMP NOT NULL,
    UNIQUE (draft_id, comment_id)
);

CREATE INDEX draft_acceptances_clause ON draft_acceptances (draft_id, clause_key);
