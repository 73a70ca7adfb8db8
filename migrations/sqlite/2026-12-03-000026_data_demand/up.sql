-- "Demanda y oferta de datos abiertos" (issue 37): per file of /datos, whether it serves the
-- person who answered. What they say is missing, or what other data they need, is stored as
-- feedback on open data (topic open_data), moderated and answered like any feedback;
-- feedback_id links it. The one-time form token (scoped to the sender, as a pseudonym) keeps
-- a resubmitted page from counting twice.
CREATE TABLE data_demand (
    id TEXT PRIMARY KEY NOT NULL,
    dataset TEXT NOT NULL,
    useful BOOLEAN NOT NULL,
    feedback_id TEXT REFERENCES feedback (id),
    idempotency_key TEXT NOT NULL UNIQUE,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX data_demand_dataset ON data_demand (dataset, useful);
