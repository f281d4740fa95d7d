-- The language a commenter or subscriber used (`en`, `es`): mail sent to
-- them later (reply, moderation and decision notices, notices about a
-- followed standard) is written in it. Rows from before speak English.
ALTER TABLE comments ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE subscriptions ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
