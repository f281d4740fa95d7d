DROP TRIGGER decision_tallies_update ON dispositions;
DROP TRIGGER decision_tallies_insert_delete ON dispositions;
DROP FUNCTION decision_tallies_track();
DROP TRIGGER campaign_tallies_update ON comments;
DROP TRIGGER campaign_tallies_insert_delete ON comments;
DROP FUNCTION campaign_tallies_track();
DROP FUNCTION decision_tally_add(INTEGER, INTEGER, TEXT, TEXT, INTEGER);
DROP TABLE decision_tallies;
DROP TABLE campaign_tallies;
