-- Campaign signatures, computed when a comment is stored (see
-- comments::campaigns): the hash of its normalised text finds exact
-- copies, the MinHash signature and its LSH bands find near copies, and
-- campaign_id names the first comment of its group (its own id when it
-- copies nothing). Existing comments are signed by the application at
-- start-up, since signing needs code SQL does not have.
ALTER TABLE comments ADD COLUMN text_hash TEXT;
ALTER TABLE comments ADD COLUMN signature BLOB;
ALTER TABLE comments ADD COLUMN campaign_id INTEGER;

CREATE INDEX comments_text_hash ON comments (version_id, text_hash, id);
CREATE INDEX comments_campaign ON comments (version_id, campaign_id, status);
CREATE INDEX comments_version_status ON comments (version_id, status);
CREATE INDEX comments_unsigned ON comments (text_hash, id);

-- One row per (version, band, band value): the first comment whose
-- signature had that band. Later comments with the same band find it here
-- and are compared with it; the table grows with distinct bands, and a
-- lookup returns at most one row per band.
CREATE TABLE comment_bands (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    band_no INTEGER NOT NULL,
    band_hash BIGINT NOT NULL,
    -- No foreign key: a deleted comment's bands only miss in lookups.
    comment_id INTEGER NOT NULL,
    PRIMARY KEY (version_id, band_hash, band_no)
);
