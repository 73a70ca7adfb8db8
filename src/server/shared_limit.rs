//! The per-address limit on citizens' submissions summed over every instance on one
//! PostgreSQL database. Each instance keeps its own rate limiter (bursts, the hourly rate) and,
//! beside it, a count per address and hour: it adds its own submissions to the database once a
//! second in one statement and learns the totals of the addresses it saw and of every address
//! that is busy on any instance. So an address gets `comment_limit_per_hour` submissions an
//! hour in all, not that many per instance, and the comment path never waits on the database
//! for it (a total is at most about a second behind).

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::web;
use chrono::{DateTime, DurationRound, NaiveDateTime, TimeDelta, Utc};

use super::AppState;

/// The shared count of one instance.
pub struct SharedLimit {
    per_hour: i64,
    inner: Mutex<Counts>,
}

#[derive(Default)]
struct Counts {
    hour: NaiveDateTime,
    /// This instance's submissions not yet added to the database.
    pending: HashMap<String, i64>,
    /// Totals over every instance, as last read.
    totals: HashMap<String, i64>,
}

fn hour_of(now: DateTime<Utc>) -> NaiveDateTime {
    now.duration_trunc(TimeDelta::hours(1))
        .unwrap_or(now)
        .naive_utc()
}

impl SharedLimit {
    /// A count allowing `per_hour` submissions per address and hour over every instance.
    pub fn new(per_hour: u32) -> Self {
        SharedLimit {
            per_hour: per_hour.into(),
            inner: Mutex::new(Counts::default()),
        }
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts the hour of `now` when it is a new one.
    pub fn roll(&self, now: DateTime<Utc>) {
        let hour = hour_of(now);
        let mut c = self.counts();
        if c.hour != hour {
            *c = Counts {
                hour,
                ..Counts::default()
            };
        }
    }

    /// Counts one submission of `key` at `now`, or the seconds until the next hour when the
    /// address has used its hour on the instances together.
    pub fn check(&self, key: &str, now: DateTime<Utc>) -> Result<(), u64> {
        self.roll(now);
        let hour = hour_of(now);
        let mut c = self.counts();
        let total =
            c.totals.get(key).copied().unwrap_or(0) + c.pending.get(key).copied().unwrap_or(0);
        if total >= self.per_hour {
            let next = hour + TimeDelta::hours(1);
            return Err((next - now.naive_utc()).num_seconds().max(1) as u64);
        }
        *c.pending.entry(key.to_string()).or_default() += 1;
        Ok(())
    }

    fn take(&self) -> (NaiveDateTime, Vec<(String, i64)>) {
        let mut c = self.counts();
        let pending = std::mem::take(&mut c.pending);
        (c.hour, pending.into_iter().collect())
    }

    fn learn(&self, hour: NaiveDateTime, totals: Vec<(String, i64)>) {
        let mut c = self.counts();
        if c.hour == hour {
            c.totals.extend(totals);
        }
    }

    fn restore(&self, hour: NaiveDateTime, added: Vec<(String, i64)>) {
        let mut c = self.counts();
        if c.hour == hour {
            for (k, n) in added {
                *c.pending.entry(k).or_default() += n;
            }
        }
    }
}

/// Adds this instance's counts to the database and reads the totals, once a second.
pub async fn sync(state: web::Data<AppState>) {
    let Some(shared) = state.shared_limit.clone() else {
        return;
    };
    let mut every = tokio::time::interval(std::time::Duration::from_secs(1));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        // A new hour starts with no counts, even on an instance that received nothing.
        shared.roll(state.clock.now());
        let (hour, added) = shared.take();
        let hot = (shared.per_hour / 4).max(1);
        let pushed = added.clone();
        let read = state
            .db(move |conn| {
                Ok(crate::db::address_counts::add_and_read(
                    conn, hour, &pushed, hot,
                )?)
            })
            .await;
        match read {
            Ok(totals) => shared.learn(hour, totals),
            Err(e) => {
                shared.restore(hour, added);
                tracing::warn!(error = %e, "the shared per-address counts were not updated");
            }
        }
    }
}
