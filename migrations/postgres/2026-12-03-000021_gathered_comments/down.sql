DROP INDEX verification_mails_group_hash;
ALTER TABLE verification_mails DROP COLUMN group_used_at;
ALTER TABLE verification_mails DROP COLUMN group_hash;
ALTER TABLE kept_drafts DROP COLUMN gathered;
