DROP TABLE subscriptions;
DROP TABLE outbox;
