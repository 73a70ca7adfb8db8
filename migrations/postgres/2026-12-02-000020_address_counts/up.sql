-- Citizens' submissions per client address (an IPv6 /64) and hour, summed over every
-- instance on one PostgreSQL database, so that several instances do not multiply the
-- per-address limit. (SQLite serves one instance and keeps its count in memory.)
CREATE TABLE address_counts (
    key TEXT NOT NULL,
    hour TIMESTAMP NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (key, hour)
);
