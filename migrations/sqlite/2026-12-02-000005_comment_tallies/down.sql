DROP TRIGGER comment_tallies_delete;
DROP TRIGGER comment_tallies_update;
DROP TRIGGER comment_tallies_insert;
DROP TABLE comment_tallies;
