//! How long a workspace session lives: it ends after a spell of inactivity (idle) and, however
//! active, after a fixed time from sign-in (absolute).

use chrono::{DateTime, Duration, Utc};

/// The two lifetimes.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// Ends after this long without a request.
    pub idle: Duration,
    /// Ends this long after sign-in.
    pub absolute: Duration,
}

impl Default for SessionLimits {
    /// 30 minutes idle, 12 hours in all: a working day, and a forgotten screen closes soon.
    fn default() -> Self {
        SessionLimits {
            idle: Duration::minutes(30),
            absolute: Duration::hours(12),
        }
    }
}

impl SessionLimits {
    /// True while a session begun at `created` and last used at `last_seen` is alive at `now`.
    pub fn alive(
        &self,
        created: DateTime<Utc>,
        last_seen: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> bool {
        now - last_seen < self.idle && now - created < self.absolute
    }

    /// True when the last use is old enough to be worth writing down again (one write a
    /// minute at most, not one per request).
    pub fn worth_touching(&self, last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - last_seen >= Duration::minutes(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_session_ends_when_idle_or_too_old() {
        let l = SessionLimits::default();
        let start = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
        assert!(l.alive(start, start, start + Duration::minutes(29)));
        assert!(!l.alive(start, start, start + Duration::minutes(30)));
        // Busy all day: still ends twelve hours after sign-in.
        let late = start + Duration::hours(12);
        assert!(l.alive(
            start,
            late - Duration::minutes(1),
            late - Duration::seconds(1)
        ));
        assert!(!l.alive(start, late - Duration::minutes(1), late));
    }
}
