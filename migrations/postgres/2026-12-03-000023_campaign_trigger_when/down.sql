DROP TRIGGER campaign_tallies_insert ON comments;
DROP TRIGGER campaign_tallies_delete ON comments;

CREATE TRIGGER campaign_tallies_insert_delete AFTER INSERT OR DELETE ON comments
FOR EACH ROW EXECUTE FUNCTION campaign_tallies_track();
