//! A batch of citizens' comments written at once: one prepared insert per comment on SQLite, one
//! unnested statement on PostgreSQL, then the write lock and what the batch reads under it.

use super::*;

/// Rows per INSERT statement: 19 columns each, well inside SQLite's 32,766 and PostgreSQL's
/// 65,535 bound parameters.
pub const ROWS_PER_INSERT: usize = 1_000;

/// What a batch of new comments reads once it holds the write lock: the audit chain's head
/// and which of its text groups exist already and which of those have an answer.
#[derive(Debug, Clone)]
pub struct LockedReads {
    /// The last entry of the audit chain: its sequence number and hash (none when the chain
    /// is empty).
    pub head: Option<(i64, String)>,
    /// The groups, among those asked for, that exist: (consultation id, group key).
    pub known: HashSet<(String, String)>,
    /// Those of them that have an answer.
    pub answered: HashSet<(String, String)>,
    /// PostgreSQL: each consultation's campaign generation, read under the lock (a batch
    /// placed its texts before it, [`crate::usecases::campaigns::place`]). Empty on SQLite,
    /// whose batches hold the lock from their start, placement included.
    pub generations: HashMap<String, i64>,
}

/// Inserts a batch of new comments, with what each long text keeps of its campaign (`marks`,
/// parallel to `rows`: [`crate::db::campaigns::Mark`]), then takes the write lock ([`crate::db::lock_writes`]) and
/// reads under it what the batch needs: [`LockedReads`] for `groups`, pairs of consultation
/// id and group key. The statements after it see everything committed before the lock was
/// granted.
///
/// SQLite, whose transaction holds the lock from its start: one prepared insert per
/// comment, then the chain's head and each consultation's groups. PostgreSQL: one statement,
/// one round trip, with no lock held while the comments are inserted (nobody else can see
/// them yet), so that one comment writer inserts its batch while the other holds the lock:
/// each column of the comments is bound as one array and unnested, then the
/// `comment_batch_locked` function (migration of the same name) takes the lock and reads,
/// each of its queries with a snapshot taken after the lock was granted. The text never
/// changes with the batch's size, so it is prepared once per connection
/// ([`crate::db::Prepared`]), where a multi-row `VALUES` of 17 parameters a row is a new
/// statement for each size and is planned anew (measured: less PostgreSQL CPU per comment).
pub fn insert_comments_and_lock(
    conn: &mut DbConnection,
    rows: &[CommentRow],
    marks: &[Option<crate::db::campaigns::Mark>],
    groups: &[(&str, &str)],
) -> QueryResult<LockedReads> {
    use crate::db::{bind, Prepared, PreparedRows, Then, WRITE_LOCK};
    use diesel::sql_types::{Array, BigInt, Binary, Bool, Nullable, Text, Timestamp};
    macro_rules! insert {
        () => {
            "INSERT INTO comments (id, consultation_id, tracking_code, body, group_key, \
             author_name, email, organization, status, received_at, moderated_by, moderated_at, \
             reject_reason, reject_detail, idempotency_key, article, proposed_text, signature, \
             campaign_id) "
        };
    }
    let pg = match conn {
        DbConnection::Postgresql(pg) => pg,
        DbConnection::Sqlite(lite) => {
            rows.iter().zip(marks).try_for_each(|(r, m)| {
                let binds = (
                    (
                        bind::<Text, _>(&r.id),
                        bind::<Text, _>(&r.consultation_id),
                        bind::<Text, _>(&r.tracking_code),
                        bind::<Text, _>(&r.body),
                        bind::<Text, _>(&r.group_key),
                        bind::<Nullable<Text>, _>(&r.author_name),
                        bind::<Nullable<Text>, _>(&r.email),
                        bind::<Nullable<Text>, _>(&r.organization),
                    ),
                    (
                        bind::<Text, _>(&r.status),
                        bind::<Timestamp, _>(&r.received_at),
                        bind::<Nullable<Text>, _>(&r.moderated_by),
                        bind::<Nullable<Timestamp>, _>(&r.moderated_at),
                        bind::<Nullable<Text>, _>(&r.reject_reason),
                        bind::<Nullable<Text>, _>(&r.reject_detail),
                        bind::<Nullable<Text>, _>(&r.idempotency_key),
                    ),
                    (
                        bind::<Nullable<Text>, _>(&r.article),
                        bind::<Nullable<Text>, _>(&r.proposed_text),
                        bind::<Nullable<Binary>, _>(m.as_ref().map(|m| m.signature.as_slice())),
                        bind::<Nullable<Text>, _>(
                            m.as_ref().and_then(|m| m.campaign_id.as_deref()),
                        ),
                    ),
                );
                Prepared {
                    head: concat!(insert!(), "VALUES ("),
                    binds,
                    tail: ")",
                }
                .execute(lite)
                .map(|_| ())
            })?;
            return read_locked_sqlite(conn, groups);
        }
    };
    let text = |f: fn(&CommentRow) -> &str| {
        bind::<Array<Text>, _>(rows.iter().map(f).collect::<Vec<&str>>())
    };
    let maybe = |f: fn(&CommentRow) -> Option<&str>| {
        bind::<Array<Nullable<Text>>, _>(rows.iter().map(f).collect::<Vec<Option<&str>>>())
    };
    let binds = (
        (
            text(|r| &r.id),
            text(|r| &r.consultation_id),
            text(|r| &r.tracking_code),
            text(|r| &r.body),
            text(|r| &r.group_key),
            maybe(|r| r.author_name.as_deref()),
            maybe(|r| r.email.as_deref()),
            maybe(|r| r.organization.as_deref()),
        ),
        (
            text(|r| &r.status),
            bind::<Array<Timestamp>, _>(rows.iter().map(|r| r.received_at).collect::<Vec<_>>()),
            maybe(|r| r.moderated_by.as_deref()),
            bind::<Array<Nullable<Timestamp>>, _>(
                rows.iter().map(|r| r.moderated_at).collect::<Vec<_>>(),
            ),
            maybe(|r| r.reject_reason.as_deref()),
            maybe(|r| r.reject_detail.as_deref()),
            maybe(|r| r.idempotency_key.as_deref()),
        ),
        (
            maybe(|r| r.article.as_deref()),
            maybe(|r| r.proposed_text.as_deref()),
            bind::<Array<Nullable<Binary>>, _>(
                marks
                    .iter()
                    .map(|m| m.as_ref().map(|m| m.signature.as_slice()))
                    .collect::<Vec<_>>(),
            ),
            bind::<Array<Nullable<Text>>, _>(
                marks
                    .iter()
                    .map(|m| m.as_ref().and_then(|m| m.campaign_id.as_deref()))
                    .collect::<Vec<_>>(),
            ),
        ),
    );
    let (consultation_ids, group_keys): (Vec<&str>, Vec<&str>) = groups.iter().copied().unzip();
    let found: Vec<LockedRow> = PreparedRows {
        query: Prepared {
            head: concat!("WITH ins AS (", insert!(), "SELECT * FROM unnest("),
            binds: Then(
                binds,
                Prepared {
                    head: ") RETURNING 1) SELECT * FROM comment_batch_locked(\
                               (SELECT count(*) FROM ins), ",
                    binds: (
                        bind::<BigInt, _>(WRITE_LOCK),
                        bind::<Array<Text>, _>(consultation_ids),
                        bind::<Array<Text>, _>(group_keys),
                    ),
                    tail: ")",
                },
            ),
            tail: "",
        },
        columns: std::marker::PhantomData::<(
            Nullable<BigInt>,
            Nullable<Text>,
            Nullable<Text>,
            Nullable<Text>,
            Nullable<Bool>,
        )>,
    }
    .load(pg)?;
    let mut reads = LockedReads {
        head: None,
        known: HashSet::new(),
        answered: HashSet::new(),
        generations: HashMap::new(),
    };
    for row in found {
        match row {
            (Some(seq), Some(hash), ..) => reads.head = Some((seq, hash)),
            (Some(generation), None, Some(consultation), None, _) => {
                reads.generations.insert(consultation, generation);
            }
            (_, _, Some(consultation), Some(group), answered) => {
                if answered == Some(true) {
                    reads.answered.insert((consultation.clone(), group.clone()));
                }
                reads.known.insert((consultation, group));
            }
            _ => {}
        }
    }
    Ok(reads)
}

/// A row of `comment_batch_locked`: the chain's head (its first two columns), a known group
/// (the other three) or a consultation's campaign generation (the first and third).
pub(super) type LockedRow = (
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<bool>,
);

/// [`insert_comments_and_lock`]'s reads on SQLite.
pub(super) fn read_locked_sqlite(
    conn: &mut DbConnection,
    groups: &[(&str, &str)],
) -> QueryResult<LockedReads> {
    let mut by_consultation: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (consultation, group) in groups {
        by_consultation.entry(consultation).or_default().push(group);
    }
    let mut reads = LockedReads {
        head: crate::db::audited_rows::chain_head(conn)?,
        known: HashSet::new(),
        answered: HashSet::new(),
        generations: HashMap::new(),
    };
    for (consultation, keys) in by_consultation {
        let (known, answered) = crate::db::counts::known_groups(conn, consultation, &keys)?;
        let pair = |g: String| (consultation.to_string(), g);
        reads.known.extend(known.into_iter().map(pair));
        reads.answered.extend(answered.into_iter().map(pair));
    }
    Ok(reads)
}
