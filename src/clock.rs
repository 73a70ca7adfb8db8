//! The one place the service reads the time; everything else receives `now` as a value.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, SubsecRound, Utc};

/// A source of the current time. Rules never call it: handlers read it once and pass `now` in.
pub trait Clock: Send + Sync {
    /// The current time, truncated to microseconds (the precision both databases keep).
    fn now(&self) -> DateTime<Utc>;
}

/// The wall clock, optionally shifted by a fixed offset (tests move time forward with it).
#[derive(Debug, Default)]
pub struct SystemClock {
    offset_micros: AtomicI64,
}

impl SystemClock {
    /// Moves this clock's "now" by `delta` from the wall clock.
    pub fn advance(&self, delta: chrono::Duration) {
        let micros = delta.num_microseconds().unwrap_or(0);
        self.offset_micros.fetch_add(micros, Ordering::SeqCst);
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        let offset = chrono::Duration::microseconds(self.offset_micros.load(Ordering::SeqCst));
        (Utc::now() + offset).trunc_subsecs(6)
    }
}
