-- The order in which comments became public: the seq of each comment's
-- publication entry in the ledger. Entries are appended under the ledger's
-- lock, held to commit, so this order is also the order of the commits:
-- a comment published later can never take a place before one already
-- read. The API pages through a version's comments by it.
ALTER TABLE comments ADD COLUMN published_seq INTEGER;
UPDATE comments SET published_seq = (
    SELECT MIN(ledger.seq) FROM ledger
    WHERE ledger.comment_id = comments.id AND ledger.kind = 'comment.published'
);
CREATE INDEX comments_version_published_seq ON comments (version_id, published_seq);
