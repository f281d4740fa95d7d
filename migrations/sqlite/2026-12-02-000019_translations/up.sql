-- Translations of a version (`2.es.md` beside `2.md`): the translated
-- title, notes and introduction, and each clause in the same language under
-- the same clause key as the English clause. The English version stays the
-- official text: nothing here changes a version, its source or its SHA-256.
CREATE TABLE version_translations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    notes TEXT NOT NULL,
    preamble_html TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source_path TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (version_id, lang)
);

CREATE TABLE clause_translations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    position INTEGER NOT NULL,
    clause_key TEXT NOT NULL,
    number TEXT NOT NULL,
    heading TEXT NOT NULL,
    level INTEGER NOT NULL,
    body_md TEXT NOT NULL,
    html TEXT NOT NULL,
    parent_key TEXT,
    UNIQUE (version_id, lang, clause_key)
);

-- A translation added or replaced is shown at once, like a version.
CREATE TRIGGER page_generation_version_translations_insert AFTER INSERT ON version_translations
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_version_translations_update AFTER UPDATE ON version_translations
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER page_generation_version_translations_delete AFTER DELETE ON version_translations
BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END;
