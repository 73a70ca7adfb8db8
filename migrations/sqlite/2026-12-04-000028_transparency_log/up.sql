-- The transparency log (issue 38). The audit entries are the leaves of an RFC 9162 Merkle tree;
-- only its perfect subtrees are stored (level 0: the leaf hashes), so a proof reads O(log n)
-- rows and extending the tree writes at most log n rows per entry.
CREATE TABLE merkle_nodes (
    level INTEGER NOT NULL,
    idx BIGINT NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;
-- Every signed tree head ever published; `signed_at` is the RFC 3339 text the signature
-- covers. The RFC 3161 stamp arrives later (or never, without `tsa_url`).
CREATE TABLE tree_heads (
    tree_size BIGINT PRIMARY KEY NOT NULL,
    root_hash TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    signature TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    stamp BLOB,
    stamp_attempts INTEGER NOT NULL DEFAULT 0,
    stamp_error TEXT,
    stamp_next_at TIMESTAMP
);
-- A published head is never removed or changed; only its stamp is filled in.
CREATE TRIGGER tree_heads_no_delete BEFORE DELETE ON tree_heads
BEGIN
    SELECT RAISE(ABORT, 'tree_heads are append-only');
END;
CREATE TRIGGER tree_heads_fixed BEFORE UPDATE OF tree_size, root_hash, signed_at, signature ON tree_heads
BEGIN
    SELECT RAISE(ABORT, 'tree_heads are append-only');
END;
