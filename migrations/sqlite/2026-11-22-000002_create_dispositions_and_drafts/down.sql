DROP TABLE draft_acceptances;
DROP TABLE drafts;
DROP TABLE dispositions;
