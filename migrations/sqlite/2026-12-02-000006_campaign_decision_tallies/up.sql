-- Campaign sizes and decision counts kept by triggers, so the editors'
-- workspace lists the largest campaigns and counts decisions without
-- reading every member of a campaign of a million comments.

-- Members of each campaign by status.
CREATE TABLE campaign_tallies (
    version_id INTEGER NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
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
    n INTEGER NOT NULL,
    PRIMARY KEY (version_id, campaign_id, status, outcome)
);

INSERT INTO decision_tallies (version_id, campaign_id, status, outcome, n)
SELECT c.version_id, COALESCE(c.campaign_id, 0), c.status, d.outcome, COUNT(*)
FROM dispositions d JOIN comments c ON c.id = d.comment_id
GROUP BY c.version_id, COALESCE(c.campaign_id, 0), c.status, d.outcome;

CREATE TRIGGER campaign_tallies_insert AFTER INSERT ON comments
WHEN NEW.campaign_id IS NOT NULL
BEGIN
    INSERT INTO campaign_tallies (version_id, campaign_id, status, n)
    VALUES (NEW.version_id, NEW.campaign_id, NEW.status, 1)
    ON CONFLICT (version_id, campaign_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER campaign_tallies_update
AFTER UPDATE OF version_id, campaign_id, status ON comments
WHEN OLD.version_id IS NOT NEW.version_id
  OR OLD.campaign_id IS NOT NEW.campaign_id
  OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE campaign_tallies SET n = n - 1
    WHERE OLD.campaign_id IS NOT NULL AND version_id = OLD.version_id
      AND campaign_id = OLD.campaign_id AND status = OLD.status;
    INSERT INTO campaign_tallies (version_id, campaign_id, status, n)
    SELECT NEW.version_id, NEW.campaign_id, NEW.status, 1 WHERE NEW.campaign_id IS NOT NULL
    ON CONFLICT (version_id, campaign_id, status) DO UPDATE SET n = n + 1;
    UPDATE decision_tallies SET n = n - 1
    WHERE version_id = OLD.version_id AND campaign_id = COALESCE(OLD.campaign_id, 0)
      AND status = OLD.status
      AND outcome = (SELECT outcome FROM dispositions WHERE comment_id = OLD.id);
    INSERT INTO decision_tallies (version_id, campaign_id, status, outcome, n)
    SELECT NEW.version_id, COALESCE(NEW.campaign_id, 0), NEW.status, outcome, 1
    FROM dispositions WHERE comment_id = NEW.id
    ON CONFLICT (version_id, campaign_id, status, outcome) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER campaign_tallies_delete AFTER DELETE ON comments
WHEN OLD.campaign_id IS NOT NULL
BEGIN
    UPDATE campaign_tallies SET n = n - 1
    WHERE version_id = OLD.version_id AND campaign_id = OLD.campaign_id AND status = OLD.status;
END;

CREATE TRIGGER decision_tallies_insert AFTER INSERT ON dispositions
BEGIN
    INSERT INTO decision_tallies (version_id, campaign_id, status, outcome, n)
    SELECT version_id, COALESCE(campaign_id, 0), status, NEW.outcome, 1
    FROM comments WHERE id = NEW.comment_id
    ON CONFLICT (version_id, campaign_id, status, outcome) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER decision_tallies_update AFTER UPDATE OF comment_id, outcome ON dispositions
WHEN OLD.comment_id IS NOT NEW.comment_id OR OLD.outcome IS NOT NEW.outcome
BEGIN
    UPDATE decision_tallies SET n = n - 1
    WHERE outcome = OLD.outcome
      AND (version_id, campaign_id, status) =
          (SELECT version_id, COALESCE(campaign_id, 0), status FROM comments WHERE id = OLD.comment_id);
    INSERT INTO decision_tallies (version_id, campaign_id, status, outcome, n)
    SELECT version_id, COALESCE(campaign_id, 0), status, NEW.outcome, 1
    FROM comments WHERE id = NEW.comment_id
    ON CONFLICT (version_id, campaign_id, status, outcome) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER decision_tallies_delete AFTER DELETE ON dispositions
BEGIN
    UPDATE decision_tallies SET n = n - 1
    WHERE outcome = OLD.outcome
      AND (version_id, campaign_id, status) =
          (SELECT version_id, COALESCE(campaign_id, 0), status FROM comments WHERE id = OLD.comment_id);
END;
