DROP TABLE subscriptions;
DROP TABLE audit_events;
