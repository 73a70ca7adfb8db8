//! Consultations, citizens' comments and the committee's answers in the database.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{comment_responses, comments, consultations};
use super::DbConnection;
use crate::domain::calendar::{self, Status};

/// A stored consultation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = consultations)]
pub struct ConsultationRow {
    /// Id.
    pub id: String,
    /// The procedure.
    pub procedure_id: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The proposal (Markdown); never changes once published.
    pub proposal_text: String,
    /// Opening time (UTC).
    pub opens_at: NaiveDateTime,
    /// Closing time (UTC).
    pub closes_at: NaiveDateTime,
    /// Who opened it.
    pub created_by: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// A stored comment. `None` is stored as NULL (never SQL's DEFAULT), so that many rows can
/// go in one INSERT on SQLite too.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = comments, treat_none_as_default_value = false)]
pub struct CommentRow {
    /// Id.
    pub id: String,
    /// The consultation.
    pub consultation_id: String,
    /// Code the citizen reads over the phone.
    pub tracking_code: String,
    /// The text as sent (trimmed).
    pub body: String,
    /// SHA-256 of the normalised text: identical comments share it.
    pub group_key: String,
    /// Name, when given.
    pub author_name: Option<String>,
    /// E-mail, when given (private).
    pub email: Option<String>,
    /// Organisation, when given.
    pub organization: Option<String>,
    /// `received`, `published` or `rejected`.
    pub status: String,
    /// When it arrived.
    pub received_at: NaiveDateTime,
    /// Moderator.
    pub moderated_by: Option<String>,
    /// When moderated.
    pub moderated_at: Option<NaiveDateTime>,
    /// Reason of a rejection (fixed list).
    pub reject_reason: Option<String>,
    /// Free text of a rejection.
    pub reject_detail: Option<String>,
    /// The client's Idempotency-Key.
    pub idempotency_key: Option<String>,
}

/// The committee's answer to a group of identical comments.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = comment_responses)]
pub struct ResponseRow {
    /// The consultation.
    pub consultation_id: String,
    /// The group answered.
    pub group_key: String,
    /// The answer.
    pub body: String,
    /// Who answered.
    pub responded_by: String,
    /// When.
    pub responded_at: NaiveDateTime,
    /// What became of the comments: `accepted`, `partially_accepted`, `not_accepted`,
    /// `not_applicable`.
    pub outcome: Option<String>,
}

/// Finds a consultation.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ConsultationRow>> {
    consultations::table
        .find(id)
        .select(ConsultationRow::as_select())
        .first(conn)
        .optional()
}

/// Inserts a consultation.
pub fn insert(conn: &mut DbConnection, row: &ConsultationRow) -> QueryResult<()> {
    diesel::insert_into(consultations::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Moves a consultation's closing time.
pub fn set_closes_at(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(consultations::table.find(id))
        .set(consultations::closes_at.eq(at))
        .execute(conn)
        .map(|_| ())
}

/// A page of consultations in id order, optionally only those whose window contains,
/// precedes or follows `now` (open, scheduled, closed).
pub fn page(
    conn: &mut DbConnection,
    status: Option<(Status, NaiveDateTime)>,
    procedure_id: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ConsultationRow>> {
    let mut q = consultations::table
        .select(ConsultationRow::as_select())
        .order(consultations::id.asc())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(consultations::id.gt(a.to_string()));
    }
    if let Some(p) = procedure_id {
        q = q.filter(consultations::procedure_id.eq(p.to_string()));
    }
    if let Some((status, now)) = status {
        let end = calendar::still_open_after(now.and_utc()).naive_utc();
        q = match status {
            Status::Scheduled => q.filter(consultations::opens_at.gt(now)),
            Status::Open => q
                .filter(consultations::opens_at.le(now))
                .filter(consultations::closes_at.gt(end)),
            Status::Closed => q.filter(consultations::closes_at.le(end)),
        };
    }
    q.limit(limit).load(conn)
}

/// The consultations open at `now`.
pub fn open_at(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Vec<ConsultationRow>> {
    page(conn, Some((Status::Open, now)), None, None, i64::MAX)
}

/// The consultations of a procedure.
pub fn of_procedure(
    conn: &mut DbConnection,
    procedure_id: &str,
) -> QueryResult<Vec<ConsultationRow>> {
    consultations::table
        .filter(consultations::procedure_id.eq(procedure_id))
        .select(ConsultationRow::as_select())
        .load(conn)
}

/// Finds a comment.
pub fn find_comment(conn: &mut DbConnection, id: &str) -> QueryResult<Option<CommentRow>> {
    comments::table
        .find(id)
        .select(CommentRow::as_select())
        .first(conn)
        .optional()
}

/// Finds a comment by tracking code.
pub fn by_tracking(conn: &mut DbConnection, code: &str) -> QueryResult<Option<CommentRow>> {
    comments::table
        .filter(comments::tracking_code.eq(code))
        .select(CommentRow::as_select())
        .first(conn)
        .optional()
}

/// The tracking code of the newest comment (by id, which follows time), if any.
pub fn newest_tracking_code(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    comments::table
        .order(comments::id.desc())
        .select(comments::tracking_code)
        .first(conn)
        .optional()
}

/// Finds a comment by its Idempotency-Key.
pub fn by_idempotency(
    conn: &mut DbConnection,
    consultation_id: &str,
    key: &str,
) -> QueryResult<Option<CommentRow>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::idempotency_key.eq(key))
        .select(CommentRow::as_select())
        .first(conn)
        .optional()
}

/// The comments of a consultation stored with any of these Idempotency-Keys.
pub fn by_idempotency_keys(
    conn: &mut DbConnection,
    consultation_id: &str,
    keys: &[&str],
) -> QueryResult<Vec<CommentRow>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::idempotency_key.eq_any(keys))
        .select(CommentRow::as_select())
        .load(conn)
}

/// Rows per INSERT statement: 15 columns each, well inside SQLite's 32,766 and PostgreSQL's
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
}

/// Inserts a batch of new comments, then takes the write lock ([`super::lock_writes`]) and
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
/// ([`super::Prepared`]), where a multi-row `VALUES` of 15 parameters a row is a new
/// statement for each size and is planned anew (measured: less PostgreSQL CPU per comment).
pub fn insert_comments_and_lock(
    conn: &mut DbConnection,
    rows: &[CommentRow],
    groups: &[(&str, &str)],
) -> QueryResult<LockedReads> {
    use super::{bind, Prepared, PreparedRows, Then, WRITE_LOCK};
    use diesel::sql_types::{Array, BigInt, Bool, Nullable, Text, Timestamp};
    macro_rules! insert {
        () => {
            "INSERT INTO comments (id, consultation_id, tracking_code, body, group_key, \
             author_name, email, organization, status, received_at, moderated_by, moderated_at, \
             reject_reason, reject_detail, idempotency_key) "
        };
    }
    let pg = match conn {
        DbConnection::Postgresql(pg) => pg,
        DbConnection::Sqlite(lite) => {
            rows.iter().try_for_each(|r| {
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
    };
    for row in found {
        match row {
            (Some(seq), Some(hash), ..) => reads.head = Some((seq, hash)),
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

/// A row of `comment_batch_locked`: the chain's head (its first two columns) or a known
/// group (the other three).
type LockedRow = (
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<bool>,
);

/// [`insert_comments_and_lock`]'s reads on SQLite.
fn read_locked_sqlite(
    conn: &mut DbConnection,
    groups: &[(&str, &str)],
) -> QueryResult<LockedReads> {
    let mut by_consultation: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (consultation, group) in groups {
        by_consultation.entry(consultation).or_default().push(group);
    }
    let mut reads = LockedReads {
        head: super::audited_rows::chain_head(conn)?,
        known: HashSet::new(),
        answered: HashSet::new(),
    };
    for (consultation, keys) in by_consultation {
        let (known, answered) = super::counts::known_groups(conn, consultation, &keys)?;
        let pair = |g: String| (consultation.to_string(), g);
        reads.known.extend(known.into_iter().map(pair));
        reads.answered.extend(answered.into_iter().map(pair));
    }
    Ok(reads)
}

/// Inserts a comment.
pub fn insert_comment(conn: &mut DbConnection, row: &CommentRow) -> QueryResult<()> {
    diesel::insert_into(comments::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Records a moderation decision.
pub fn moderate(conn: &mut DbConnection, row: &CommentRow) -> QueryResult<()> {
    diesel::update(comments::table.find(&row.id))
        .set((
            comments::status.eq(&row.status),
            comments::moderated_by.eq(&row.moderated_by),
            comments::moderated_at.eq(row.moderated_at),
            comments::reject_reason.eq(&row.reject_reason),
            comments::reject_detail.eq(&row.reject_detail),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A page of a consultation's comments in id order, of one status or several.
pub fn comments_page(
    conn: &mut DbConnection,
    consultation_id: &str,
    statuses: &[&str],
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let statuses: Vec<String> = statuses.iter().map(|s| s.to_string()).collect();
    let mut q = comments::table
        .filter(comments::consultation_id.eq(consultation_id.to_string()))
        .filter(comments::status.eq_any(statuses))
        .select(CommentRow::as_select())
        .order(comments::id.asc())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(comments::id.gt(a.to_string()));
    }
    q.limit(limit).load(conn)
}

/// (status, group) of every comment of a consultation, for the counts.
pub fn statuses(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .select((comments::status, comments::group_key))
        .load(conn)
}

/// The answered groups of a consultation.
pub fn responses(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Vec<ResponseRow>> {
    comment_responses::table
        .filter(comment_responses::consultation_id.eq(consultation_id))
        .select(ResponseRow::as_select())
        .load(conn)
}

/// The answer to one group.
pub fn response(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
) -> QueryResult<Option<ResponseRow>> {
    comment_responses::table
        .find((consultation_id, group_key))
        .select(ResponseRow::as_select())
        .first(conn)
        .optional()
}

/// Stores the answer of a group, replacing an earlier one; true when it is the first.
pub fn set_response(conn: &mut DbConnection, row: &ResponseRow) -> QueryResult<bool> {
    let n = diesel::update(comment_responses::table.find((&row.consultation_id, &row.group_key)))
        .set(row)
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(comment_responses::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(n == 0)
}

/// Every comment of a group (identical texts) of a consultation.
pub fn group(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
) -> QueryResult<Vec<CommentRow>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::group_key.eq(group_key))
        .select(CommentRow::as_select())
        .load(conn)
}

/// (id, body) of these comments, for the audit check of comment texts.
pub fn bodies(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    comments::table
        .filter(comments::id.eq_any(ids))
        .select((comments::id, comments::body))
        .load(conn)
}

/// For each of these groups of a consultation: its first published comment's id and how many
/// published comments it holds (one index seek and one counter read per group).
pub fn group_stats(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_keys: &[String],
) -> QueryResult<Vec<(String, Option<String>, i64)>> {
    group_keys
        .iter()
        .map(|g| {
            let first = super::counts::first_published(conn, consultation_id, g)?;
            let count = super::counts::published_in_group(conn, consultation_id, g)?;
            Ok((g.clone(), first, count))
        })
        .collect()
}

/// The answers given to these groups of a consultation.
pub fn responses_for(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_keys: &[String],
) -> QueryResult<Vec<ResponseRow>> {
    comment_responses::table
        .filter(comment_responses::consultation_id.eq(consultation_id))
        .filter(comment_responses::group_key.eq_any(group_keys))
        .select(ResponseRow::as_select())
        .load(conn)
}

/// A group awaiting moderation: (consultation, group key, how many, first comment's id).
pub type WaitingGroup = (String, String, i64, Option<String>);

/// Comments awaiting moderation, grouped by identical text, oldest group first:
/// (consultation, group key, how many, the first comment's id).
pub fn waiting_groups(
    conn: &mut DbConnection,
    consultation_id: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<WaitingGroup>> {
    use diesel::dsl::{count_star, min};
    let mut q = comments::table
        .filter(comments::status.eq("received"))
        .group_by((comments::consultation_id, comments::group_key))
        .select((
            comments::consultation_id,
            comments::group_key,
            count_star(),
            min(comments::id),
        ))
        .order(min(comments::id).asc())
        .limit(limit)
        .into_boxed();
    if let Some(c) = consultation_id {
        q = q.filter(comments::consultation_id.eq(c.to_string()));
    }
    q.load(conn)
}

/// Per group of a consultation's comments in the given status: (group key, how many, first
/// comment's id, earliest received time).
pub type GroupSummary = (String, i64, Option<String>, Option<NaiveDateTime>);

/// The groups of a consultation's comments in `status`, largest first.
pub fn group_summaries(
    conn: &mut DbConnection,
    consultation_id: &str,
    status: &str,
) -> QueryResult<Vec<GroupSummary>> {
    use diesel::dsl::{count_star, min};
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::status.eq(status))
        .group_by(comments::group_key)
        .select((
            comments::group_key,
            count_star(),
            min(comments::id),
            min(comments::received_at),
        ))
        .order(count_star().desc())
        .load(conn)
}

/// How many comments of a consultation were withheld for each reason.
pub fn withheld_by_reason(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<(Option<String>, i64)>> {
    use diesel::dsl::count_star;
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::status.eq("rejected"))
        .group_by(comments::reject_reason)
        .select((comments::reject_reason, count_star()))
        .load(conn)
}

/// How many comments of a consultation each text group holds, whatever their status.
pub fn group_sizes(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Vec<i64>> {
    use diesel::dsl::count_star;
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .group_by(comments::group_key)
        .select(count_star())
        .load(conn)
}

/// The consultations whose window overlaps `[start, end)`, by opening.
pub fn overlapping(
    conn: &mut DbConnection,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> QueryResult<Vec<ConsultationRow>> {
    consultations::table
        .filter(consultations::opens_at.lt(end))
        .filter(consultations::closes_at.gt(start))
        .order((consultations::opens_at.asc(), consultations::id.asc()))
        .select(ConsultationRow::as_select())
        .load(conn)
}
