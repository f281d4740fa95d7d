-- Campaign sizes and decision counts kept by triggers, so the editors'
-- workspace lists the largest campaigns and counts decisions without
-- reading every member of a campaign of a million comments.

-- Members of each campaign by status.
CREATE TABLE campaign_tallies (
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (version_id, campaign_id, status)
);
-- The largest campaigns first.
CREATE INDEX campaign_tallies_size ON campaign_tallies (version_id, status, n);

INSERT INTO campaign_tallies (version_id, campaign_id, status, n)
SELECT version_id, campaign_id, status, COUNT(*) FROM comments
WHERE campaign_id IS NOT NULL
GROUP BY version_id, campaign_id, status;

-- Decisions by outcome, and by the campaign and status of the comment decided
-- (campaign 0: none yet).
CREATE TABLE decision_tallies (
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (version_id, campaign_id, status, outcome)
);

INSERT INTO decision_tallies (version_id, campaign_id, status, outcome, n)
SELECT c.version_id, COALESCE(c.campaign_id, 0), c.status, d.outcome, COUNT(*)
FROM dispositions d JOIN comments c ON c.id = d.comment_id
GROUP BY c.version_id, COALESCE(c.campaign_id, 0), c.status, d.outcome;

-- Add `delta` to one decision tally.
CREATE FUNCTION decision_tally_add(v INTEGER, campaign INTEGER, st TEXT, oc TEXT, delta INTEGER)
RETURNS void AS $$
    INSERT INTO decision_tallies (version_id, campaign_id, status, outcome, n)
    VALUES (v, COALESCE(campaign, 0), st, oc, delta)
    ON CONFLICT (version_id, campaign_id, status, outcome)
    DO UPDATE SET n = decision_tallies.n + delta;
$$ LANGUAGE sql;

CREATE FUNCTION campaign_tallies_track() RETURNS trigger AS $$
DECLARE
    decided TEXT;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.campaign_id IS NOT NULL THEN
            UPDATE campaign_tallies SET n = n - 1
            WHERE version_id = OLD.version_id AND campaign_id = OLD.campaign_id
              AND status = OLD.status;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW.campaign_id IS NOT NULL THEN
            INSERT INTO campaign_tallies (version_id, campaign_id, status, n)
            VALUES (NEW.version_id, NEW.campaign_id, NEW.status, 1)
            ON CONFLICT (version_id, campaign_id, status)
            DO UPDATE SET n = campaign_tallies.n + 1;
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT outcome INTO decided FROM dispositions WHERE comment_id = NEW.id;
        IF decided IS NOT NULL THEN
            PERFORM decision_tally_add(OLD.version_id, OLD.campaign_id, OLD.status, decided, -1);
            PERFORM decision_tally_add(NEW.version_id, NEW.campaign_id, NEW.status, decided, 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER campaign_tallies_insert_delete AFTER INSERT OR DELETE ON comments
FOR EACH ROW EXECUTE FUNCTION campaign_tallies_track();

CREATE TRIGGER campaign_tallies_update
AFTER UPDATE OF version_id, campaign_id, status ON comments
FOR EACH ROW
WHEN (OLD.version_id IS DISTINCT FROM NEW.version_id
   OR OLD.campaign_id IS DISTINCT FROM NEW.campaign_id
   OR OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION campaign_tallies_track();

CREATE FUNCTION decision_tallies_track() RETURNS trigger AS $$
DECLARE
    c RECORD;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT version_id, campaign_id, status INTO c FROM comments WHERE id = OLD.comment_id;
        IF FOUND THEN
            PERFORM decision_tally_add(c.version_id, c.campaign_id, c.status, OLD.outcome, -1);
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT version_id, campaign_id, status INTO c FROM comments WHERE id = NEW.comment_id;
        IF FOUND THEN
            PERFORM decision_tally_add(c.version_id, c.campaign_id, c.status, NEW.outcome, 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER decision_tallies_insert_delete AFTER INSERT OR DELETE ON dispositions
FOR EACH ROW EXECUTE FUNCTION decision_tallies_track();

CREATE TRIGGER decision_tallies_update AFTER UPDATE OF comment_id, outcome ON dispositions
FOR EACH ROW
WHEN (OLD.comment_id IS DISTINCT FROM NEW.comment_id OR OLD.outcome IS DISTINCT FROM NEW.outcome)
EXECUTE FUNCTION decision_tallies_track();
