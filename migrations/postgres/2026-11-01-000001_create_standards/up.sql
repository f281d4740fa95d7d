CREATE TABLE standards (
    id SERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE versions (
    id SERIAL PRIMARY KEY,
    standard_id INTEGER NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    published DATE,
    comment_opens TIMESTAMP,
    comment_closes TIMESTAMP,
    notes TEXT NOT NULL DEFAULT '',
    preamble_html TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source_path TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (standard_id, label)
);

CREATE TABLE clauses (
    id SERIAL PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    clause_key TEXT NOT NULL,
    number TEXT NOT NULL,
    heading TEXT NOT NULL,
    level INTEGER NOT NULL,
    body_md TEXT NOT NULL,
    html TEXT NOT NULL,
    parent_key TEXT,
    line INTEGER NOT NULL,
    UNIQUE (version_id, clause_key)
);

CREATE INDEX clauses_version_position ON clauses (version_id, position);
