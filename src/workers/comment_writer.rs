//! The durable, fast write path for citizens' comments: group commit.
//!
//! Handlers hand comments to a writer thread (one per process on SQLite, two on PostgreSQL).
//! The writer takes every comment waiting, stores them and their audit entries in one
//! transaction, commits (one fsync with SQLite's `synchronous=FULL`; on PostgreSQL a commit
//! that frees the write lock first and then waits for the flush, see
//! [`crate::db::write_tx_lock_later`]), and only then answers each request. Under a surge, the
//! comments that arrive during one commit share the next, so the rate is bounded by commits per
//! second times batch size, not by fsyncs per comment. On PostgreSQL a batch inserts its
//! comments before it takes the write lock, and the second writer takes the next batch at that
//! moment: one batch is inserted while the one before it counts, chains and commits (see
//! `PG_WRITERS`), and counts and chains while the one before it waits for the disk.
//!
//! On SQLite the writer never checkpoints the write-ahead log itself: a checkpoint copies a
//! thousand scattered pages into the database file and syncs it, and inside the writer's
//! commit that stalled every waiting comment for 0.4–1.4 s (measured p99 at 64 connections).
//! A second thread checkpoints beside it instead (`PASSIVE`: the writer keeps appending),
//! flushes the database file after each checkpoint, a little at a time, so that no large flush
//! holds up the writer's own syncs, and makes the log start over once it has grown past 16 MB
//! (`RESTART`, while the writers of the process wait on a mutex rather than on SQLite's busy
//! handler; see `checkpoint` and [`crate::db::sqlite_turn`]).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::audit::AuditKeys;
use crate::db::{self, DbConnection};
use crate::domain::comment::CodeNumbers;
use crate::usecases::comments::{self, Receipt, Submission};
use crate::usecases::AppError;

/// Comments stored in one transaction at most.
const MAX_BATCH: usize = 512;

/// Writer threads (and connections) on PostgreSQL. Each batch's transaction inserts its
/// comments before it takes the write lock, so with two the next batch is inserted while the
/// previous one updates the counters, appends to the chain and commits.
const PG_WRITERS: usize = 2;

struct Job {
    submission: Submission,
    reply: oneshot::Sender<Result<Receipt, AppError>>,
}

/// A handle on the writer thread.
#[derive(Clone)]
pub struct CommentWriter {
    jobs: Sender<Job>,
    load: Arc<Load>,
    numbers: Arc<CodeNumbers>,
}

/// How many comments are in the writer's hands, for `/readyz`.
#[derive(Default)]
struct Load {
    /// Accepted, waiting for the writer to take them.
    queued: AtomicUsize,
    /// Taken by the writer, not yet answered.
    storing: AtomicUsize,
    /// At most this many wait.
    capacity: usize,
}

/// What the writer holds at one moment: operators see how close it is to refusing comments,
/// and tests wait for a known state instead of sleeping.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct WriterLoad {
    /// Comments waiting for the writer.
    pub queued: usize,
    /// Comments in the transaction being written.
    pub storing: usize,
    /// Comments that may wait before more are refused with 503 (setting `comment_queue`).
    pub capacity: usize,
}

impl CommentWriter {
    /// Starts the writer thread with its own connection to `url`. At most `queue` comments
    /// wait for it; more get 503 with `Retry-After` at once (setting `comment_queue`), so that
    /// latency stays bounded under any load instead of growing with it. The bound is kept by
    /// counting ([`Load::queued`]), not by the channel: a bounded channel lays out all its
    /// slots at once, 4,096 comments of 464 bytes, 1.9 MB resident while nothing waits.
    pub fn start(
        url: &str,
        keys: AuditKeys,
        intake: comments::Intake,
        queue: usize,
    ) -> anyhow::Result<Self> {
        let mut conn = writer_connection(url)?;
        let numbers = Arc::new(CodeNumbers::after(
            db::consultations::newest_tracking_code(&mut conn)?.as_deref(),
        ));
        let load = Arc::new(Load {
            capacity: queue,
            ..Load::default()
        });
        let (jobs, queue) = channel();
        let url = url.to_string();
        let checkpoints = match conn {
            DbConnection::Sqlite(_) => {
                let (nudge, nudged) = sync_channel(1);
                let checkpointer = db::establish(&url)?;
                let file = database_file(&url);
                let path = db::sqlite_path(&url).to_string();
                std::thread::Builder::new()
                    .name("wal-checkpoints".into())
                    .spawn(move || checkpoint(checkpointer, &path, file, nudged))?;
                Some(nudge)
            }
            DbConnection::Postgresql(_) => None,
        };
        // SQLite has one writer at a time whatever we do; PostgreSQL takes two, overlapped.
        let writers = if checkpoints.is_some() { 1 } else { PG_WRITERS };
        let queue = Arc::new(Mutex::new(queue));
        let mut conn = Some(conn);
        for n in 0..writers {
            let writer = Writer {
                url: url.clone(),
                keys: keys.clone(),
                intake,
                checkpoints: checkpoints.clone(),
                load: load.clone(),
            };
            let own = match conn.take() {
                Some(first) => first,
                None => writer_connection(&url)?,
            };
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("comment-writer-{n}"))
                .spawn(move || writer.run(own, &queue))?;
        }
        Ok(Self {
            jobs,
            load,
            numbers,
        })
    }

    /// The numbers of new comments' tracking codes (see [`Submission::new`]).
    pub fn numbers(&self) -> &CodeNumbers {
        &self.numbers
    }

    /// What the writer holds now.
    pub fn load(&self) -> WriterLoad {
        WriterLoad {
            queued: self.load.queued.load(Ordering::SeqCst),
            storing: self.load.storing.load(Ordering::SeqCst),
            capacity: self.load.capacity,
        }
    }

    /// Stores a comment; answers once it is committed.
    pub async fn submit(&self, submission: Submission) -> Result<Receipt, AppError> {
        let (reply, answer) = oneshot::channel();
        // Counted before it is sent, so that the writer never takes more than was counted.
        if self.load.queued.fetch_add(1, Ordering::SeqCst) >= self.load.capacity {
            self.load.queued.fetch_sub(1, Ordering::SeqCst);
            return Err(AppError::Overloaded {
                retry_after: 1,
                detail: crate::domain::error::Problem::new("detalle-muchos-comentarios"),
            });
        }
        if self.jobs.send(Job { submission, reply }).is_err() {
            self.load.queued.fetch_sub(1, Ordering::SeqCst);
            return Err(AppError::Unavailable("the comment writer stopped".into()));
        }
        answer
            .await
            .map_err(|_| AppError::Internal("the comment writer dropped a comment".into()))?
    }
}

/// The writer's own connection; on SQLite it leaves checkpoints to [`checkpoint`]. On
/// PostgreSQL its prepared statements always run their generic plan: otherwise PostgreSQL plans
/// a statement anew at each execution whenever its generic plan's estimate looks worse than a
/// custom plan's (the batch's arrays of rows, `= ANY` of the batch's group keys), and planning
/// took 3.5 % of PostgreSQL's CPU under the comment load, for plans that never change (lookups
/// by key; inserts).
fn writer_connection(url: &str) -> anyhow::Result<DbConnection> {
    use diesel::connection::SimpleConnection;
    let mut conn = db::establish(url)?;
    match &mut conn {
        DbConnection::Sqlite(c) => c.batch_execute("PRAGMA wal_autocheckpoint = 0;")?,
        DbConnection::Postgresql(c) => {
            c.batch_execute("SET plan_cache_mode = force_generic_plan;")?
        }
    }
    Ok(conn)
}

/// What `PRAGMA wal_checkpoint` answers.
#[derive(diesel::QueryableByName)]
struct Checkpointed {
    /// Frames in the log.
    #[diesel(sql_type = diesel::sql_types::Integer)]
    log: i32,
}

/// Log frames (4 KB each) beyond which the checkpoint waits for the writer so that the log
/// starts again from its beginning: a passive checkpoint alone never catches up with a
/// writer that never stops, and the log would grow without end (5 GB in one measured minute).
/// The writer waits while the log restarts, longer the longer the log: p99 at 64 connections,
/// runs of 10 s on one day, 65,536 frames 53-70 ms, 16,384 frames 35-43 ms, 4,096 frames
/// 25-28 ms, 1,024 frames 26-29 ms (and no more comments per second).
const RESTART_FRAMES: i32 = 4_096;

/// Checkpoints SQLite's write-ahead log after the writer's commits, at most every
/// [`CHECKPOINT_PAUSE`]; ends with the writer. `PASSIVE` runs beside the writer. Once the log
/// is long, a second `PASSIVE` catches up and `RESTART` runs while holding the process's turn
/// to write ([`db::sqlite_turn`], which every write transaction of the process holds): the
/// writer waits on that mutex and wakes the moment the restart ends, and so does any other
/// writer of the process (the outbox, the transparency log's timer), which would otherwise
/// sleep in the busy handler while holding the turn. Without it they met on SQLite's lock, whose busy handler
/// sleeps in steps of up to 100 ms: measured p99 262 ms at 64 connections.
///
/// After each checkpoint the database `file` is flushed. SQLite syncs the database file only
/// when a checkpoint copies the whole log, which with a writer that never stops happened about
/// twice a second, each time flushing 16-30 MB in 25-30 ms while the writer's own log syncs
/// waited behind it: 2-3 % of batches took 20-35 ms, p99 26-32 ms at 64 connections. Flushed
/// every 20 ms, a little at a time, no batch took over 12 ms and p99 fell to 9.6-12 ms (10 s
/// runs, same day), with the same comments per second and CPU per comment.
fn checkpoint(
    mut conn: DbConnection,
    path: &str,
    file: Option<&'static std::fs::File>,
    nudged: Receiver<()>,
) {
    use diesel::RunQueryDsl;
    if let DbConnection::Sqlite(c) = &mut conn {
        // The log the restarts keep reusing, written out before the first comment needs it.
        let size = (RESTART_FRAMES as u64 + 1_024) * db::wal::FRAME;
        if let Err(e) = db::wal::presize_log(c, path, size) {
            tracing::warn!(error = %e, "cannot write the log out to its size; it grows as used");
        }
    }
    let run = |conn: &mut DbConnection, mode: &str| -> Option<i32> {
        match diesel::sql_query(format!("PRAGMA wal_checkpoint({mode})")).load::<Checkpointed>(conn)
        {
            Ok(rows) => Some(rows.first().map_or(0, |r| r.log)),
            Err(e) => {
                tracing::warn!(error = %e, "checkpoint failed; retried after the next commit");
                None
            }
        }
    };
    let flush = || {
        if let Some(Err(e)) = file.map(std::fs::File::sync_data) {
            tracing::warn!(error = %e, "cannot flush the database file; the restart will");
        }
    };
    while nudged.recv().is_ok() {
        let log = run(&mut conn, "PASSIVE");
        flush();
        if log.is_some_and(|log| log > RESTART_FRAMES) {
            run(&mut conn, "PASSIVE");
            flush();
            let DbConnection::Sqlite(c) = &mut conn else {
                return;
            };
            let Ok(_writers_wait) = db::sqlite_turn(c) else {
                continue;
            };
            let started = std::time::Instant::now();
            run(&mut conn, "RESTART");
            let took = started.elapsed();
            if took > db::SLOW {
                tracing::info!(target: db::STALLS, took_ms = took.as_millis() as u64, "slow log restart");
            }
        }
        std::thread::sleep(CHECKPOINT_PAUSE);
    }
}

/// The least time between two checkpoints (see [`checkpoint`]).
const CHECKPOINT_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

/// The database file, opened once more to flush what each checkpoint copied into it (see
/// [`checkpoint`]). Never closed: closing any descriptor of a
/// SQLite file drops every lock the process's connections hold on it, so the descriptor
/// lives as long as the process. `None` when the file cannot be opened (then SQLite flushes
/// it only when a checkpoint copies the whole log).
fn database_file(url: &str) -> Option<&'static std::fs::File> {
    match std::fs::File::open(db::sqlite_path(url)) {
        Ok(file) => Some(Box::leak(Box::new(file))),
        Err(e) => {
            tracing::warn!(error = %e, "cannot open the database file to flush checkpoints");
            None
        }
    }
}

/// The writer thread's part.
struct Writer {
    url: String,
    keys: AuditKeys,
    intake: comments::Intake,
    checkpoints: Option<SyncSender<()>>,
    load: Arc<Load>,
}

impl Writer {
    /// Takes a job off the queue, counting it as being stored.
    fn took(&self, job: Job) -> Job {
        self.load.storing.fetch_add(1, Ordering::SeqCst);
        self.load.queued.fetch_sub(1, Ordering::SeqCst);
        job
    }

    /// Takes a batch when it is this writer's turn: the turn (the queue's mutex) passes to the
    /// next writer once this one's comments are inserted and it holds the write lock, so the
    /// next batch gathers while this one is inserted and is inserted while this one commits.
    fn run(self, mut conn: DbConnection, queue: &Mutex<Receiver<Job>>) {
        loop {
            let turn = queue.lock().unwrap_or_else(|e| e.into_inner());
            let Ok(first) = turn.recv() else { return };
            let mut jobs = vec![self.took(first)];
            while jobs.len() < MAX_BATCH {
                match turn.try_recv() {
                    Ok(job) => jobs.push(self.took(job)),
                    Err(_) => break,
                }
            }
            let taken = jobs.len();
            metrics::histogram!(crate::server::metrics::BATCH).record(taken as f64);
            let (submissions, replies): (Vec<Submission>, Vec<_>) =
                jobs.into_iter().map(|j| (j.submission, j.reply)).unzip();
            let mut turn = Some(turn);
            let started = std::time::Instant::now();
            let results = {
                comments::submit_batch_locking_later(
                    &mut conn,
                    &self.keys,
                    &submissions,
                    self.intake,
                    &mut || drop(turn.take()),
                )
            };
            drop(turn);
            let took = started.elapsed();
            if took > db::SLOW {
                tracing::info!(
                    target: db::STALLS,
                    took_ms = took.as_millis() as u64,
                    comments = taken,
                    "slow comment batch"
                );
            }
            let failed = results
                .iter()
                .any(|r| matches!(r, Err(AppError::Internal(_) | AppError::Unavailable(_))));
            for (reply, result) in replies.into_iter().zip(results) {
                let _ = reply.send(result);
            }
            self.load.storing.fetch_sub(taken, Ordering::SeqCst);
            if let Some(nudge) = &self.checkpoints {
                let _ = nudge.try_send(());
            }
            if failed {
                // The connection may have broken (a database restart): open a fresh one.
                match writer_connection(&self.url) {
                    Ok(fresh) => conn = fresh,
                    Err(e) => tracing::error!(error = %e, "comment writer cannot reconnect"),
                }
            }
        }
    }
}
