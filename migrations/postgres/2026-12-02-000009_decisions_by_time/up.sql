-- The decisions feed reads a version's newest decisions: walking this
-- index from the newest, it stops after the hundred it shows instead of
-- sorting every decision ever recorded.
CREATE INDEX dispositions_decided ON dispositions (decided_at, id);
