CREATE INDEX comments_parent ON comments (parent_id);
CREATE INDEX comments_unsigned ON comments (text_hash, id);
DROP INDEX comments_ungrouped;
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
DROP INDEX outbox_pending;
