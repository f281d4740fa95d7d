-- "Add to my list": a kept draft may be gathered, waiting to be sent with
-- the others of its browser's list and confirmed by one mail.
ALTER TABLE kept_drafts ADD COLUMN gathered BOOLEAN NOT NULL DEFAULT 0;
-- A confirmation mail sent for a list of comments carries one link for all
-- of them: the SHA-256 of its secret, and when it was used.
ALTER TABLE verification_mails ADD COLUMN group_hash TEXT;
ALTER TABLE verification_mails ADD COLUMN group_used_at TIMESTAMP;
CREATE UNIQUE INDEX verification_mails_group_hash ON verification_mails (group_hash);
