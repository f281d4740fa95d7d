DROP INDEX dispositions_decided;
