DROP TABLE comment_redactions;
