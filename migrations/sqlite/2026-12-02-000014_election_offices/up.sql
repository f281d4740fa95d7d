-- Election offices: the mail domains an admin recognises as belonging to an
-- election office. `domain` is lowercase: a named domain
-- (`lake-county.example.org`) matches an address on exactly that domain; a
-- suffix entry starting with a dot (`.gov`) matches any domain ending so.
CREATE TABLE office_domains (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    domain TEXT NOT NULL UNIQUE,
    office TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
-- The office a comment is shown from, and the domain of the address that
-- was confirmed, fixed when the comment was confirmed. Later changes to the
-- list above never change them.
ALTER TABLE comments ADD COLUMN office_name TEXT;
ALTER TABLE comments ADD COLUMN office_domain TEXT;
CREATE INDEX comments_office ON comments (version_id, office_name);
