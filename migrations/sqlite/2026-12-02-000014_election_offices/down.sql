DROP INDEX comments_office;
ALTER TABLE comments DROP COLUMN office_domain;
ALTER TABLE comments DROP COLUMN office_name;
DROP TABLE office_domains;
