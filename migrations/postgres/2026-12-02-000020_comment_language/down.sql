ALTER TABLE subscriptions DROP COLUMN lang;
ALTER TABLE comments DROP COLUMN lang;
