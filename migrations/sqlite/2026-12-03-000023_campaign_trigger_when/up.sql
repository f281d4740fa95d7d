-- PostgreSQL's campaign tally trigger gains the WHEN conditions that
-- SQLite's triggers have had from the start: nothing changes here.
SELECT 1;
