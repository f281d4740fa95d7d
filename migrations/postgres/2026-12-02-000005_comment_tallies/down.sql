DROP TRIGGER comment_tallies_update ON comments;
DROP TRIGGER comment_tallies_insert_delete ON comments;
DROP FUNCTION comment_tallies_track();
DROP TABLE comment_tallies;
