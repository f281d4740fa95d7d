DROP INDEX verification_tokens_mail;
ALTER TABLE verification_tokens DROP COLUMN mail_id;
DROP TABLE verification_mails;
DROP INDEX comments_submission;
ALTER TABLE comments DROP COLUMN submission_key;
ALTER TABLE comments DROP COLUMN author_organization;
ALTER TABLE comments DROP COLUMN author_name;
