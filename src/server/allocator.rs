//! The allocator's settings for a service that runs for months (issue 39, memory at rest).
//!
//! The binary's allocator is mimalloc (`src/main.rs`). By default it hands memory that became
//! free back to the kernel 1 s later (10 s for its arenas), and only when the thread that freed
//! it allocates again: the threads that did the start-up work (migrations, the catalog, the
//! workflows, each worker's routes and the API description it builds and drops) then wait for
//! requests and keep what they freed resident. While the service starts, freed pages go back
//! at once; once it has started, after [`STARTING`], mimalloc's default delay applies again,
//! so that the comment path keeps reusing its pages instead of returning and faulting them in.
//!
//! Measured (`docs/PERFORMANCE-HISTORY.md`, "Memory at rest, second pass"): freed pages returned at
//! once took 4-6 MB off the idle resident set, and with it for the whole run campaign texts
//! on SQLite cost 2-9 % more server CPU a comment in two of three pairs. At that moment each
//! thread that did start-up work also hands back what it holds free (`mi_collect`): 0.5-0.9 MB
//! less at rest ("Memory at rest, fourth pass").
//! The tests' binaries use the system allocator; for them these calls change nothing.

use std::time::Duration;

/// `mi_option_purge_delay` in mimalloc v3's `include/mimalloc.h` (the crate names only v2's).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc v3's default purge delay, in milliseconds (`src/options.c`).
const DEFAULT_PURGE_DELAY_MS: std::os::raw::c_long = 1_000;

/// How long after the server starts freed memory still goes back at once: its workers build
/// their routes as it starts.
pub const STARTING: Duration = Duration::from_secs(2);

/// Freed memory goes back to the kernel at once. Called before the service starts.
pub fn return_freed_memory_at_once() {
    set_purge_delay(0);
}

/// mimalloc's own delay again, and what this thread holds free handed back. Called
/// [`STARTING`] after the server started.
pub fn started() {
    set_purge_delay(DEFAULT_PURGE_DELAY_MS);
    collect();
}

/// Once the start is over, hands back what the calling thread's heap holds free: a worker's
/// start (its routes, and the API description it collects and drops) leaves freed pages that
/// mimalloc would return only when that thread next allocates. Spawned on the thread's runtime.
pub fn collect_when_started() {
    actix_web::rt::spawn(async {
        actix_web::rt::time::sleep(STARTING).await;
        collect();
    });
}

fn collect() {
    // SAFETY: mimalloc's collection of the calling thread's heap and of the arenas' free
    // memory; callable from any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn set_purge_delay(ms: std::os::raw::c_long) {
    // SAFETY: sets one of mimalloc's global options; it reads them at each purge decision.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms) }
}
