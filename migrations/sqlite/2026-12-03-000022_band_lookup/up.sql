-- PostgreSQL re-keys `comment_bands` by band value first (see its
-- migration). SQLite probes the key (version, band value, band number)
-- once for each value of an `IN` list already, so nothing changes here.
SELECT 1;
