//! The procedure inventory in the database.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::procedures;
use super::DbConnection;
use crate::domain::procedure::{ProcedureFields, Requirement};
use crate::domain::workflow::Workflow;
use crate::domain::{Audience, Category, Channel};

/// A stored procedure.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = procedures, treat_none_as_null = true)]
pub struct ProcedureRow {
    /// Id (UUID v7: ids sort in creation order).
    pub id: String,
    /// Unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Responsible unit.
    pub responsible_unit: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Category.
    pub category: String,
    /// Audience.
    pub audience: String,
    /// Channel.
    pub channel: String,
    /// Requirements as JSON.
    pub requirements: String,
    /// Steps.
    pub steps: i32,
    /// Visits.
    pub in_person_visits: i32,
    /// Days to resolve.
    pub resolution_days: i32,
    /// Fee.
    pub fee_gtq: f64,
    /// Cases a year.
    pub annual_volume: i64,
    /// Hours per case.
    pub citizen_hours: f64,
    /// Workflow key.
    pub workflow: String,
    /// Workflow version.
    pub workflow_version: i32,
    /// Acuerdo Ministerial.
    pub regulation_reference: Option<String>,
    /// Current state.
    pub state: String,
    /// Optimistic-concurrency version.
    pub version: i32,
    /// When the current state was entered.
    pub state_entered_at: NaiveDateTime,
    /// When the current state's time limit runs out.
    pub due_at: Option<NaiveDateTime>,
    /// Folded text for `q`.
    pub search_text: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// The fields (JSON) when it first entered analysis: what savings are measured from.
    pub baseline: Option<String>,
    /// Where, when and how to do it (JSON of [`crate::domain::how_to::Access`]).
    pub access: String,
}

impl ProcedureRow {
    /// A new procedure in the workflow's initial state, entered at `now`.
    pub fn new(fields: &ProcedureFields, workflow: &Workflow, now: DateTime<Utc>) -> Self {
        let mut row = ProcedureRow {
            id: uuid::Uuid::now_v7().to_string(),
            code: String::new(),
            name: String::new(),
            description: String::new(),
            responsible_unit: String::new(),
            legal_basis: String::new(),
            category: String::new(),
            audience: String::new(),
            channel: String::new(),
            requirements: String::new(),
            steps: 0,
            in_person_visits: 0,
            resolution_days: 0,
            fee_gtq: 0.0,
            annual_volume: 0,
            citizen_hours: 0.0,
            workflow: workflow.key.clone(),
            workflow_version: workflow.version,
            regulation_reference: None,
            state: workflow.initial_state.clone(),
            version: 1,
            state_entered_at: now.naive_utc(),
            due_at: workflow
                .due_at(&workflow.initial_state, now)
                .map(|d| d.naive_utc()),
            search_text: String::new(),
            created_at: now.naive_utc(),
            updated_at: now.naive_utc(),
            baseline: None,
            access: "{}".to_string(),
        };
        row.set_fields(fields);
        row
    }

    /// The descriptive fields, read back into their validated type.
    pub fn fields(&self) -> ProcedureFields {
        ProcedureFields {
            code: self.code.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            responsible_unit: self.responsible_unit.clone(),
            legal_basis: self.legal_basis.clone(),
            category: Category::parse(&self.category).unwrap_or(Category::General),
            audience: Audience::parse(&self.audience).unwrap_or(Audience::Citizens),
            channel: Channel::parse(&self.channel).unwrap_or(Channel::InPerson),
            requirements: serde_json::from_str::<Vec<Requirement>>(&self.requirements)
                .unwrap_or_default(),
            steps: self.steps,
            in_person_visits: self.in_person_visits,
            resolution_days: self.resolution_days,
            fee_gtq: self.fee_gtq,
            annual_volume: self.annual_volume,
            citizen_hours: self.citizen_hours,
            regulation_reference: self.regulation_reference.clone(),
            access: serde_json::from_str(&self.access).unwrap_or_default(),
        }
    }

    /// The fields when it first entered analysis, if it has.
    pub fn baseline_fields(&self) -> Option<ProcedureFields> {
        self.baseline
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok())
    }

    /// Copies validated fields into the row (the one place fields become columns).
    pub fn set_fields(&mut self, f: &ProcedureFields) {
        self.code = f.code.clone();
        self.name = f.name.clone();
        self.description = f.description.clone();
        self.responsible_unit = f.responsible_unit.clone();
        self.legal_basis = f.legal_basis.clone();
        self.category = f.category.as_str().to_string();
        self.audience = f.audience.as_str().to_string();
        self.channel = f.channel.as_str().to_string();
        self.requirements = serde_json::to_string(&f.requirements).unwrap_or_else(|_| "[]".into());
        self.steps = f.steps;
        self.in_person_visits = f.in_person_visits;
        self.resolution_days = f.resolution_days;
        self.fee_gtq = f.fee_gtq;
        self.annual_volume = f.annual_volume;
        self.citizen_hours = f.citizen_hours;
        self.regulation_reference = f.regulation_reference.clone();
        self.access = serde_json::to_string(&f.access).unwrap_or_else(|_| "{}".into());
        self.search_text = f.search_text();
    }
}

/// Filters of the public listing.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Only this state.
    pub state: Option<String>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only this channel.
    pub channel: Option<Channel>,
    /// Folded words that must all appear in code, name or unit.
    pub words: Vec<String>,
    /// Only procedures whose time limit passed before this time.
    pub overdue_at: Option<NaiveDateTime>,
    /// The workspace's order: the nearest time limit first (overdue ones lead), those without
    /// a limit last. Pages by id do not apply.
    pub by_due: bool,
}

/// Escapes `%`, `_` and `\` for a LIKE pattern.
fn like_pattern(word: &str) -> String {
    let mut out = String::from("%");
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// One page in id order after `after`: an index range scan, the same cost at any depth.
pub fn page(
    conn: &mut DbConnection,
    filter: &Filter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ProcedureRow>> {
    let mut query = procedures::table
        .select(ProcedureRow::as_select())
        .into_boxed();
    query = if filter.by_due {
        query.order((
            procedures::due_at.is_null(),
            procedures::due_at.asc(),
            procedures::id.asc(),
        ))
    } else {
        query.order(procedures::id.asc())
    };
    if let Some(after) = after {
        query = query.filter(procedures::id.gt(after.to_string()));
    }
    if let Some(state) = &filter.state {
        query = query.filter(procedures::state.eq(state.clone()));
    }
    if let Some(category) = filter.category {
        query = query.filter(procedures::category.eq(category.as_str()));
    }
    if let Some(channel) = filter.channel {
        query = query.filter(procedures::channel.eq(channel.as_str()));
    }
    for word in &filter.words {
        query = query.filter(
            procedures::search_text
                .like(like_pattern(word))
                .escape('\\'),
        );
    }
    if let Some(at) = filter.overdue_at {
        query = query.filter(procedures::due_at.lt(at));
    }
    query.limit(limit).load(conn)
}

/// Finds a procedure.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ProcedureRow>> {
    procedures::table
        .find(id)
        .select(ProcedureRow::as_select())
        .first(conn)
        .optional()
}

/// True when another procedure has this code.
pub fn code_taken(conn: &mut DbConnection, code: &str, except_id: &str) -> QueryResult<bool> {
    let n: i64 = procedures::table
        .filter(procedures::code.eq(code))
        .filter(procedures::id.ne(except_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Inserts a procedure.
pub fn insert(conn: &mut DbConnection, row: &ProcedureRow) -> QueryResult<()> {
    diesel::insert_into(procedures::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Saves a procedure if its stored version is still `expected_version`; returns whether it did.
pub fn update_if_version(
    conn: &mut DbConnection,
    row: &ProcedureRow,
    expected_version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        procedures::table
            .filter(procedures::id.eq(&row.id))
            .filter(procedures::version.eq(expected_version)),
    )
    .set(row)
    .execute(conn)?;
    Ok(n == 1)
}

/// Counts by (category, channel, state) for the indicators.
pub fn counts(conn: &mut DbConnection) -> QueryResult<Vec<StateCount>> {
    procedures::table
        .group_by((
            procedures::category,
            procedures::channel,
            procedures::workflow,
            procedures::state,
        ))
        .select((
            procedures::category,
            procedures::channel,
            procedures::workflow,
            procedures::state,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}

/// How many procedures share (category, channel, workflow, state).
pub type StateCount = (String, String, String, String, i64);

/// Counts procedures whose time limit passed before `now`.
pub fn overdue_count(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<i64> {
    procedures::table
        .filter(procedures::due_at.lt(now))
        .count()
        .get_result(conn)
}

/// Procedures whose stage runs out of time at or before `horizon`.
pub fn due_before(
    conn: &mut DbConnection,
    horizon: NaiveDateTime,
) -> QueryResult<Vec<ProcedureRow>> {
    procedures::table
        .filter(procedures::due_at.le(horizon))
        .select(ProcedureRow::as_select())
        .load(conn)
}

/// The procedure with this code (stored upper case).
pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<ProcedureRow>> {
    procedures::table
        .filter(procedures::code.eq(code.to_uppercase()))
        .select(ProcedureRow::as_select())
        .first(conn)
        .optional()
}

/// The procedures with these codes (looked up 500 at a time).
pub fn by_codes(conn: &mut DbConnection, codes: &[String]) -> QueryResult<Vec<ProcedureRow>> {
    let mut out = Vec::with_capacity(codes.len());
    for chunk in codes.chunks(500) {
        let mut rows = procedures::table
            .filter(procedures::code.eq_any(chunk))
            .select(ProcedureRow::as_select())
            .load(conn)?;
        out.append(&mut rows);
    }
    Ok(out)
}

/// Every procedure, by code (for the export).
pub fn all_by_code(conn: &mut DbConnection) -> QueryResult<Vec<ProcedureRow>> {
    procedures::table
        .select(ProcedureRow::as_select())
        .order(procedures::code.asc())
        .load(conn)
}

/// When the first procedure was registered (None when there is none).
pub fn first_created(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
    procedures::table
        .select(diesel::dsl::min(procedures::created_at))
        .first(conn)
}

/// The procedures among `ids` that pass the filter's stage and category, in the order of `ids`
/// (the search's rank).
pub fn among(
    conn: &mut DbConnection,
    ids: &[String],
    filter: &Filter,
) -> QueryResult<Vec<ProcedureRow>> {
    let mut query = procedures::table
        .select(ProcedureRow::as_select())
        .filter(procedures::id.eq_any(ids))
        .into_boxed();
    if let Some(state) = &filter.state {
        query = query.filter(procedures::state.eq(state.clone()));
    }
    if let Some(category) = filter.category {
        query = query.filter(procedures::category.eq(category.as_str()));
    }
    let mut rows = query.load(conn)?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok(rows)
}
