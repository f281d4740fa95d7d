DROP TRIGGER decision_tallies_delete;
DROP TRIGGER decision_tallies_update;
DROP TRIGGER decision_tallies_insert;
DROP TRIGGER campaign_tallies_delete;
DROP TRIGGER campaign_tallies_update;
DROP TRIGGER campaign_tallies_insert;
DROP TABLE decision_tallies;
DROP TABLE campaign_tallies;
