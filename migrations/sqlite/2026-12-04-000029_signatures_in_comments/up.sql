-- A long text's MinHash signature and its campaign's first comment go in the comment's own row
-- (issue 36): a separate row per text, with its own index, cost the comment path 12-21 % of its
-- throughput on SQLite and 5-15 % on PostgreSQL (docs/PERFORMANCE.md). Every text long enough to
-- compare has its signature stored (before: only those that entered a bucket; remembering every
-- text in order fills the same buckets). The writers catch up by the audit chain's sequence,
-- whose `comment.received` entries are written under the write lock, in commit order.
ALTER TABLE comments ADD COLUMN signature BLOB;
ALTER TABLE comments ADD COLUMN campaign_id TEXT;
UPDATE comments SET
    signature = (SELECT s.signature FROM comment_signatures s WHERE s.comment_id = comments.id),
    campaign_id = (SELECT s.campaign_id FROM comment_signatures s WHERE s.comment_id = comments.id)
WHERE id IN (SELECT comment_id FROM comment_signatures);
DROP TABLE comment_signatures;
