-- PostgreSQL's campaign tally trigger gives up the WHEN conditions that
-- SQLite's triggers keep: nothing changes here.
SELECT 1;
