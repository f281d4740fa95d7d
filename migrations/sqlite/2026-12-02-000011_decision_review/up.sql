-- Review and release of decisions, chosen per standard. A standard with no
-- row here releases each decision the moment it is recorded.
CREATE TABLE release_modes (
    standard_id INTEGER PRIMARY KEY NOT NULL REFERENCES standards (id),
    mode TEXT NOT NULL CHECK (mode IN ('immediate', 'review')),
    changed_by INTEGER NOT NULL REFERENCES staff_users (id),
    changed_at TIMESTAMP NOT NULL
);

-- Decisions not yet released: seen by staff only. They live apart from
-- dispositions so that nothing public (pages, API, feeds, the search index
-- and the tallies, whose triggers watch dispositions) can see them. On
-- release each row becomes a disposition and is deleted. One per comment:
-- recording again replaces it and sends it back to 'draft'.
CREATE TABLE decision_drafts (
    comment_id INTEGER PRIMARY KEY NOT NULL REFERENCES comments (id),
    version_id INTEGER NOT NULL REFERENCES versions (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'accepted_modified', 'not_accepted', 'noted', 'duplicate', 'out_of_scope')),
    rationale TEXT NOT NULL,
    resolved_version TEXT,
    resolved_clause_key TEXT,
    group_id INTEGER,
    state TEXT NOT NULL CHECK (state IN ('draft', 'ready', 'approved')),
    drafted_by INTEGER NOT NULL REFERENCES staff_users (id),
    drafted_at TIMESTAMP NOT NULL,
    ready_by INTEGER REFERENCES staff_users (id),
    approved_by INTEGER REFERENCES staff_users (id)
);

CREATE INDEX decision_drafts_version ON decision_drafts (version_id, state);

-- Replies an editor marked as needing no decision (they only agree).
CREATE TABLE decision_waivers (
    comment_id INTEGER PRIMARY KEY NOT NULL REFERENCES comments (id),
    staff_id INTEGER NOT NULL REFERENCES staff_users (id),
    waived_at TIMESTAMP NOT NULL
);
