DROP TRIGGER page_generation_comments_delete ON comments;
DROP TRIGGER page_generation_comments_update ON comments;
DROP TRIGGER page_generation_dispositions ON dispositions;
DROP TRIGGER page_generation_clauses ON clauses;
DROP TRIGGER page_generation_versions ON versions;
DROP TRIGGER page_generation_standards ON standards;
DROP FUNCTION page_generation_bump();
DROP TABLE page_generation;
