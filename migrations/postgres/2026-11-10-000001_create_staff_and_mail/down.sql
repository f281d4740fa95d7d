DROP TABLE rate_events;
DROP TABLE login_failures;
DROP TABLE outbox;
DROP TABLE staff_users;
