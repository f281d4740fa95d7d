DROP TABLE ledger;
DROP TABLE comment_flags;
DROP TABLE verification_tokens;
DROP TABLE comments;
DROP TABLE commenters;
