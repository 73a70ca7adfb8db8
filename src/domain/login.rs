//! The failed-login limits: how many attempts a user name or a client address may make in a
//! window before it must wait, and how long.

use chrono::{DateTime, Utc};

/// The limits (settings).
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    /// The window, in seconds.
    pub window_seconds: i64,
    /// Attempts per user name within the window.
    pub max_per_user: u32,
    /// Attempts per client address within the window.
    pub max_per_address: u32,
}

impl LoginLimits {
    /// The earliest attempt that still counts at `now`.
    pub fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - chrono::Duration::seconds(self.window_seconds)
    }

    /// Seconds to wait when `count` attempts (the oldest at `oldest`) already reach `max`;
    /// None when one more attempt is allowed.
    pub fn wait(
        &self,
        count: i64,
        max: u32,
        oldest: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<u64> {
        if count < i64::from(max) {
            return None;
        }
        let frees_at = oldest.unwrap_or(now) + chrono::Duration::seconds(self.window_seconds);
        Some((frees_at - now).num_seconds().max(1) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_until_the_oldest_attempt_leaves_the_window() {
        let limits = LoginLimits {
            window_seconds: 60,
            max_per_user: 3,
            max_per_address: 10,
        };
        let t0 = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let now = t0 + chrono::Duration::seconds(10);
        assert_eq!(limits.wait(2, 3, Some(t0), now), None);
        assert_eq!(limits.wait(3, 3, Some(t0), now), Some(50));
        assert_eq!(
            limits.window_start(now),
            now - chrono::Duration::seconds(60)
        );
    }
}
