//! Who sent a group of comments and when, as the moderator must see it before publishing: the
//! names and organisations that will appear with the text, and the dates it arrived.

use chrono_tz::Tz;

use crate::db::consultations as store;
use crate::db::DbConnection;
use crate::format;
use crate::tr;
use crate::usecases::AppError;

/// Senders listed by name before "y N más".
const NAMED: i64 = 10;

/// A group's senders, in words.
#[derive(Default)]
pub struct Senders {
    /// The first senders: "Ana Pérez (Cámara de Industria); 2 personas sin nombre; y 5 personas más".
    pub names: String,
    /// When it arrived: one date, or the first and the last.
    pub when: String,
}

/// The senders of a group's comments in `status` (`count` of them).
pub fn of_group(
    conn: &mut DbConnection,
    consultation: &str,
    key: &str,
    status: &str,
    count: i64,
    tz: Tz,
) -> Result<Senders, AppError> {
    let rows = store::senders(conn, consultation, key, status, NAMED)?;
    let mut names: Vec<String> = rows
        .iter()
        .filter_map(|(name, org, _)| {
            let name = name.as_deref().filter(|n| !n.trim().is_empty())?;
            Some(match org.as_deref().filter(|o| !o.trim().is_empty()) {
                Some(org) => format!("{name} ({org})"),
                None => name.to_string(),
            })
        })
        .collect();
    let unnamed = rows.len() - names.len();
    if unnamed > 0 {
        names.push(tr!("moderacion-sin-nombre", n = unnamed as i64));
    }
    let first = rows.first().map(|r| format::date_time(&r.2, tz));
    let last = if count > 1 {
        store::last_received(conn, consultation, key, status)?.map(|at| format::date_time(&at, tz))
    } else {
        None
    };
    let when = match (first, last) {
        (Some(a), Some(b)) if a != b => tr!("moderacion-recibidos-entre", desde = a, hasta = b),
        (Some(a), _) => tr!("moderacion-recibido-el", fecha = a),
        _ => String::new(),
    };
    Ok(Senders {
        names: {
            if count > NAMED {
                names.push(tr!("moderacion-y-mas", n = count - NAMED));
            }
            names.join("; ")
        },
        when,
    })
}
