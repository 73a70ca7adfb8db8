//! The aggregation of a four-monthly report: stages at both ends of the period, transitions,
//! launches and eliminations, consultations, savings, indicators and overdue procedures.

use super::*;

pub(super) fn line(p: &ProcedureRow, at: &NaiveDateTime) -> ProcedureLine {
    ProcedureLine {
        code: p.code.clone(),
        title: p.name.clone(),
        at: rfc3339(at),
    }
}

pub(super) fn compute_report(
    conn: &mut DbConnection,
    settings: ReportSettings<'_>,
    period: Period,
    now: DateTime<Utc>,
    status: ReportStatus,
) -> Result<AccountabilityReport, AppError> {
    let start = local_midnight(settings.tz, period.first_day());
    let end = local_midnight(settings.tz, period.end()).min(now.naive_utc());
    let all = procedures::all_by_code(conn)?;
    let by_id: HashMap<&str, &ProcedureRow> = all.iter().map(|p| (p.id.as_str(), p)).collect();
    let history = lifecycle::all_history(conn)?;
    let lifelines: Vec<Lifeline<'_>> = all
        .iter()
        .map(|p| Lifeline {
            id: &p.id,
            created_at: p.created_at,
            state: &p.state,
        })
        .collect();
    let steps: Vec<Step<'_>> = history
        .iter()
        .map(|(h, _)| Step {
            procedure_id: &h.procedure_id,
            from: &h.from_state,
            to: &h.to_state,
            at: h.at,
        })
        .collect();
    let at_start = states_at(&lifelines, &steps, start);
    let at_end = states_at(&lifelines, &steps, end);
    let mut keys: Vec<String> = Vec::new();
    let known = settings
        .registry
        .all()
        .iter()
        .flat_map(|w| w.states.iter().map(|s| s.key.clone()))
        .collect::<Vec<_>>();
    for k in known
        .into_iter()
        .chain(at_start.keys().chain(at_end.keys()).cloned())
    {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let stages = keys
        .into_iter()
        .map(|k| StageLine {
            label: settings.registry.state_label(&k),
            at_start: at_start.get(&k).copied().unwrap_or(0),
            at_end: at_end.get(&k).copied().unwrap_or(0),
            state: k,
        })
        .collect();

    let in_period: Vec<_> = history
        .iter()
        .filter(|(h, _)| h.at >= start && h.at < end)
        .collect();
    let mut kinds: BTreeMap<String, i64> = BTreeMap::new();
    let (mut launched, mut eliminated) = (Vec::new(), Vec::new());
    for (h, _) in &in_period {
        *kinds.entry(h.transition.clone()).or_default() += 1;
        if let Some(p) = by_id.get(h.procedure_id.as_str()) {
            let tagged = |tag| {
                settings
                    .registry
                    .tagged(&p.workflow, p.workflow_version, &h.to_state, tag)
            };
            if tagged(Tag::Launched) && !launched.iter().any(|l: &ProcedureLine| l.code == p.code) {
                launched.push(line(p, &h.at));
            }
            if tagged(Tag::Eliminated) {
                eliminated.push(line(p, &h.at));
            }
        }
    }
    let transitions = kinds
        .into_iter()
        .map(|(k, count)| TransitionLine {
            label: settings.registry.transition_label(&k),
            transition: k,
            count,
        })
        .collect();

    let mut consultations_summary = ConsultationSummary::default();
    for c in consultations::overlapping(conn, start, end)? {
        let counts = crate::usecases::consultations::counts(conn, &c.id)?;
        consultations_summary.held += 1;
        consultations_summary.received += counts.received;
        consultations_summary.published += counts.published;
        consultations_summary.withheld += counts.rejected;
        consultations_summary.answered += counts.answered;
        consultations_summary.items.push(ConsultationLine {
            id: c.id,
            title: c.title,
            opens_at: rfc3339(&c.opens_at),
            closes_at: rfc3339(&c.closes_at),
            received: counts.received,
            published: counts.published,
            withheld: counts.rejected,
            answered: counts.answered,
        });
    }

    let mut saved = SavingsSummary::default();
    for l in &launched {
        let Some(p) = all.iter().find(|p| p.code == l.code) else {
            continue;
        };
        let Some(base) = p.baseline_fields() else {
            continue;
        };
        let s = savings(&base, &p.fields(), &settings.rates);
        saved.procedures.push(SavingsLine {
            code: p.code.clone(),
            title: p.name.clone(),
            annual_hours: s.annual_hours,
            annual_cost_gtq: s.annual_cost_gtq,
            requirements_removed: s.requirements_removed as i64,
            held_by_state_removed: s.held_by_state_removed as i64,
            visits_removed: i64::from(s.visits_removed),
            days_saved: i64::from(s.days_saved),
        });
    }
    saved.annual_hours = round2(saved.procedures.iter().map(|s| s.annual_hours).sum());
    saved.annual_cost_gtq = round2(saved.procedures.iter().map(|s| s.annual_cost_gtq).sum());
    saved.requirements_removed = saved
        .procedures
        .iter()
        .map(|s| s.requirements_removed)
        .sum();
    saved.held_by_state_removed = saved
        .procedures
        .iter()
        .map(|s| s.held_by_state_removed)
        .sum();

    // A period that has ended is measured by its last recorded day; one that runs, now.
    let last_day = period.last_day().min(today(settings.tz, now));
    let indicators = match (status, store::snapshot_on_or_before(conn, last_day)?) {
        (ReportStatus::Frozen, Some(row)) if row.day >= period.first_day() => {
            indicator_summary(&snapshot_indicators(&row), row.day)
        }
        _ => indicator_summary(
            &live_indicators(conn, settings.registry, now)?,
            today(settings.tz, now),
        ),
    };

    let mut late: Vec<&ProcedureRow> = all
        .iter()
        .filter(|p| p.due_at.is_some_and(|d| d < now.naive_utc()))
        .collect();
    late.sort_by_key(|p| (p.due_at, p.code.clone()));
    let overdue = OverdueSummary {
        count: late.len() as i64,
        oldest: late
            .iter()
            .take(10)
            .map(|p| {
                let due = p.due_at.unwrap_or_default();
                OverdueLine {
                    code: p.code.clone(),
                    title: p.name.clone(),
                    state: p.state.clone(),
                    label: settings.registry.state_label(&p.state),
                    due_at: rfc3339(&due),
                    days_overdue: (now.naive_utc() - due).num_days(),
                }
            })
            .collect(),
    };

    Ok(AccountabilityReport {
        period: period.key(),
        year: period.year,
        n: period.n,
        starts_on: period.first_day(),
        ends_on: period.last_day(),
        status,
        generated_at: rfc3339(&now.naive_utc()),
        stages,
        transitions,
        launched,
        eliminated,
        consultations: consultations_summary,
        savings: saved,
        indicators,
        overdue,
    })
}
