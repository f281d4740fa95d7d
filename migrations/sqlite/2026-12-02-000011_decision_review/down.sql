DROP TABLE decision_waivers;
DROP TABLE decision_drafts;
DROP TABLE release_modes;
