DROP TABLE health_heartbeat;
DROP INDEX login_failures_address_name;
ALTER TABLE staff_users DROP COLUMN session_generation;
