//! The usage report of a procedure: its months by channel, before and after its launch, its
//! survey and its burden, and the PDF of it attached as the `usage_report` document.

use super::*;

/// One month of the usage report.
#[derive(Debug, Clone, Serialize)]
pub struct MonthLine {
    /// `YYYY-MM`.
    pub month: String,
    /// Online.
    pub online: i64,
    /// In person.
    pub in_person: i64,
    /// Other channels.
    pub other: i64,
    /// All.
    pub total: i64,
    /// Share online, percent.
    pub online_percent: f64,
}

/// Online share over some months.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// Online.
    pub online: i64,
    /// All.
    pub total: i64,
    /// Percent.
    pub percent: f64,
}

/// The usage report of a procedure for a chosen period.
#[derive(Debug, Clone, Serialize)]
pub struct UsageReport {
    /// Procedure id.
    pub procedure_id: String,
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// First month.
    pub from: String,
    /// Last month.
    pub to: String,
    /// The month it was launched, if it has been.
    pub launch_month: Option<String>,
    /// Each month of the period (months without figures show as 0).
    pub months: Vec<MonthLine>,
    /// The period's totals.
    pub total: MonthLine,
    /// Online share in the period's months before the launch.
    pub before_launch: Option<Share>,
    /// Online share from the launch month on.
    pub after_launch: Option<Share>,
    /// The survey.
    pub survey: Survey,
    /// The burden when analysis began.
    pub burden_before: Option<Burden>,
    /// The burden now.
    pub burden_now: Burden,
    /// The yearly saving.
    pub savings: Option<Savings>,
    /// When it was made (RFC 3339).
    pub generated_at: String,
}

pub(super) fn line(month: String, u: Usage) -> MonthLine {
    MonthLine {
        month,
        online: u.online,
        in_person: u.in_person,
        other: u.other,
        total: u.total(),
        online_percent: percent(u.online, u.total()),
    }
}

pub(super) fn share(months: &[&MonthLine]) -> Option<Share> {
    if months.is_empty() {
        return None;
    }
    let online = months.iter().map(|m| m.online).sum();
    let total = months.iter().map(|m| m.total).sum();
    Some(Share {
        online,
        total,
        percent: percent(online, total),
    })
}

/// The usage report of `procedure` from `from` to `to` (at most ten years).
pub fn usage_report(
    conn: &mut DbConnection,
    registry: &Registry,
    procedure: &str,
    from: Month,
    to: Month,
    rates: &CostRates,
    now: DateTime<Utc>,
) -> Result<UsageReport, AppError> {
    if from.until(to) < 0 {
        return Err(AppError::field(
            "hasta",
            "campo-ultimo-mes-va-despues-primero",
        ));
    }
    if from.until(to) >= 120 {
        return Err(AppError::field(
            "hasta",
            "campo-informe-cubre-como-mucho-diez",
        ));
    }
    let p = find(conn, procedure)?;
    let stored: HashMap<String, Usage> = store::usage_of(conn, &p.id)?
        .iter()
        .filter_map(month_of)
        .map(|(m, u)| (m.key(), u))
        .collect();
    let months: Vec<MonthLine> = (0..=from.until(to))
        .map(|i| {
            let key = from.plus(i).key();
            let u = stored.get(&key).copied().unwrap_or_default();
            line(key, u)
        })
        .collect();
    let sum = months.iter().fold(Usage::default(), |a, m| Usage {
        online: a.online + m.online,
        in_person: a.in_person + m.in_person,
        other: a.other + m.other,
    });
    let launch_month = lifecycle::history(conn, &p.id)?
        .iter()
        .filter(|h| registry.tagged(&p.workflow, p.workflow_version, &h.to_state, Tag::Launched))
        .map(|h| h.at)
        .max()
        .map(|at| Month {
            year: at.year(),
            month: at.month(),
        });
    let (before, after): (Vec<&MonthLine>, Vec<&MonthLine>) = match launch_month {
        Some(l) => months.iter().partition(|m| m.month < l.key()),
        None => (months.iter().collect(), Vec::new()),
    };
    let fields = p.fields();
    let base = p.baseline_fields();
    Ok(UsageReport {
        procedure_id: p.id.clone(),
        code: p.code.clone(),
        title: p.name.clone(),
        from: from.key(),
        to: to.key(),
        launch_month: launch_month.map(Month::key),
        total: line("total".into(), sum),
        before_launch: share(&before),
        after_launch: launch_month.and_then(|_| share(&after)),
        survey: survey(conn, &p.id)?,
        burden_before: base.as_ref().map(|b| {
            let mut b = b.clone();
            b.annual_volume = fields.annual_volume;
            b.burden(rates)
        }),
        burden_now: fields.burden(rates),
        savings: base.as_ref().map(|b| savings(b, &fields, rates)),
        months,
        generated_at: crate::domain::time::rfc3339(&now.naive_utc()),
    })
}

/// The period's usage report of `procedure`, laid out by `render` (the PDF), attached as its
/// `usage_report` document: what either face does when staff ask for it.
pub fn make_and_attach_usage_report(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    period: UsagePeriod<'_>,
    procedure: &str,
    render: impl FnOnce(&UsageReport) -> Vec<u8>,
) -> Result<DocumentMeta, AppError> {
    let r = usage_report(
        conn,
        period.registry,
        procedure,
        period.from,
        period.to,
        period.rates,
        ctx.now,
    )?;
    let pdf = render(&r);
    attach_usage_report(conn, ctx, &r, &pdf)
}

/// What a usage report covers and how it is measured.
#[derive(Clone, Copy)]
pub struct UsagePeriod<'a> {
    /// The workflows (which state launches).
    pub registry: &'a crate::domain::workflow::Registry,
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// The Standard Cost Model rates.
    pub rates: &'a CostRates,
}

/// Attaches the usage report's PDF as the procedure's `usage_report` document (its SHA-256 is
/// recorded in the `document.attached` entry).
pub fn attach_usage_report(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    report: &UsageReport,
    pdf: &[u8],
) -> Result<DocumentMeta, AppError> {
    let filename = format!(
        "informe-de-uso-{}-{}-a-{}.pdf",
        report.code, report.from, report.to
    );
    crate::usecases::documents::attach(
        conn,
        ctx,
        &report.procedure_id,
        &crate::usecases::documents::Upload {
            kind: "usage_report",
            filename: &filename,
            content_type: "application/pdf",
            bytes: pdf,
        },
    )
}
