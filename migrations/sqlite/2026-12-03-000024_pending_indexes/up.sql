-- Indexes that each new comment and each queued mail no longer pay for.
--
-- Mail waiting to go is found through an index of waiting mail only, in
-- the order it is sent (due time, then id). The old index on
-- (sent_at, next_attempt_at) kept every mail ever sent, and in a flood of
-- mail all due at the same moment the worker sorted every waiting row to
-- take the first fifty.
CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE sent_at IS NULL;
DROP INDEX outbox_due;

-- Comments not yet put in their campaign, oldest first: a small index
-- that empties as the grouping worker catches up, instead of one entry for
-- every comment ever stored.
CREATE INDEX comments_ungrouped ON comments (id) WHERE text_hash IS NULL;
DROP INDEX comments_unsigned;

-- A comment's replies are found through comments_children, which begins
-- with parent_id too.
DROP INDEX comments_parent;
