ALTER TABLE comment_bands DROP CONSTRAINT comment_bands_pkey;
ALTER TABLE comment_bands ADD PRIMARY KEY (version_id, band_hash, band_no);
