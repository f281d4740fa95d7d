-- A new comment's campaign is found by looking up its 32 band values
-- (`band_hash = ANY(…)`) within its version. Keyed by version first, the
-- planner read every band of the version and filtered them when it had no
-- statistics yet (a new version, the first minutes of a flood): a lookup
-- grew with the version's comments. Keyed by the band value first, it is
-- 32 index probes whatever the size.
ALTER TABLE comment_bands DROP CONSTRAINT comment_bands_pkey;
ALTER TABLE comment_bands ADD PRIMARY KEY (band_hash, version_id, band_no);
