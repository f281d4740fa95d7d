-- A new comment has no campaign yet (grouping signs it just after), so the
-- campaign tally trigger has nothing to do on its insert. A WHEN condition
-- keeps PostgreSQL from calling the trigger function at all, as SQLite's
-- triggers already do: one function call less for every comment taken in.
DROP TRIGGER campaign_tallies_insert_delete ON comments;

CREATE TRIGGER campaign_tallies_insert AFTER INSERT ON comments
FOR EACH ROW WHEN (NEW.campaign_id IS NOT NULL)
EXECUTE FUNCTION campaign_tallies_track();

CREATE TRIGGER campaign_tallies_delete AFTER DELETE ON comments
FOR EACH ROW WHEN (OLD.campaign_id IS NOT NULL)
EXECUTE FUNCTION campaign_tallies_track();
