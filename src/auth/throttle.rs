//! Counts failed logins per user and per client address in a sliding window; once a key
//! has too many, further attempts are answered 429 until its oldest failure leaves the window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// Failed-login bookkeeping shared by the HTTP workers of one process.
#[derive(Debug)]
pub struct LoginThrottle {
    window: Duration,
    max_per_user: u32,
    max_per_address: u32,
    failures: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl LoginThrottle {
    /// A throttle with the given limits.
    pub fn new(window: Duration, max_per_user: u32, max_per_address: u32) -> Self {
        Self {
            window,
            max_per_user,
            max_per_address,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn keys(username: &str, address: &str) -> [String; 2] {
        [
            format!("u:{}", username.to_lowercase()),
            format!("a:{address}"),
        ]
    }

    /// When either key is over its limit, the time to wait before trying again.
    pub fn blocked_for(
        &self,
        username: &str,
        address: &str,
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let [user_key, addr_key] = Self::keys(username, address);
        let limits = [
            (user_key, self.max_per_user),
            (addr_key, self.max_per_address),
        ];
        limits
            .into_iter()
            .filter_map(|(key, max)| {
                let list = map.get_mut(&key)?;
                while list
                    .front()
                    .is_some_and(|t| elapsed(*t, now) >= self.window)
                {
                    list.pop_front();
                }
                if list.len() as u32 >= max {
                    list.front()
                        .map(|oldest| self.window - elapsed(*oldest, now))
                } else {
                    None
                }
            })
            .max()
    }

    /// Records one failed login.
    pub fn record_failure(&self, username: &str, address: &str, now: DateTime<Utc>) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 100_000 {
            // Bound memory under a spray of distinct names: drop keys whose failures expired.
            map.retain(|_, list| list.back().is_some_and(|t| elapsed(*t, now) < self.window));
        }
        for key in Self::keys(username, address) {
            map.entry(key).or_default().push_back(now);
        }
    }

    /// Forgets the user's failures after a successful login.
    pub fn record_success(&self, username: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&format!("u:{}", username.to_lowercase()));
    }
}

/// Time from `then` to `now` (zero if the clock went back).
fn elapsed(then: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (now - then).to_std().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_and_frees_after_the_window() {
        let t = LoginThrottle::new(Duration::from_secs(60), 3, 10);
        let start = chrono::DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        for _ in 0..3 {
            assert!(t.blocked_for("ana", "1.2.3.4", start).is_none());
            t.record_failure("ana", "1.2.3.4", start);
        }
        let wait = t
            .blocked_for("ana", "1.2.3.4", start + chrono::Duration::seconds(10))
            .unwrap();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(t.blocked_for("bea", "5.6.7.8", start).is_none());
        assert!(t
            .blocked_for("ana", "1.2.3.4", start + chrono::Duration::seconds(61))
            .is_none());
    }

    #[test]
    fn success_clears_the_user_but_not_the_address() {
        let t = LoginThrottle::new(Duration::from_secs(60), 2, 2);
        let now = chrono::DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        t.record_failure("ana", "1.1.1.1", now);
        t.record_failure("ana", "1.1.1.1", now);
        t.record_success("ana");
        assert!(
            t.blocked_for("ana", "1.1.1.1", now).is_some(),
            "address still over its limit"
        );
        assert!(t.blocked_for("ana", "2.2.2.2", now).is_none());
    }
}
