//! The durable, fast write path for citizens' comments: group commit.
//!
//! Handlers hand comments to one writer thread per process. The writer takes every comment
//! waiting, stores them and their audit entries in one transaction, commits (one fsync with
//! SQLite's `synchronous=FULL`; PostgreSQL's default synchronous commit), and only then answers
//! each request. Under a surge, the comments that arrive during one commit share the next,
//! so the rate is bounded by commits per second times batch size, not by fsyncs per comment.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};

use tokio::sync::oneshot;

use crate::audit::AuditKeys;
use crate::db::{self, DbConnection};
use crate::usecases::comments::{self, Receipt, Submission};
use crate::usecases::AppError;

/// Comments stored in one transaction at most.
const MAX_BATCH: usize = 512;
/// Comments that may wait for the writer before new ones get 503.
const QUEUE: usize = 8_192;

struct Job {
    submission: Submission,
    reply: oneshot::Sender<Result<Receipt, AppError>>,
}

/// A handle on the writer thread.
#[derive(Clone)]
pub struct CommentWriter {
    jobs: SyncSender<Job>,
}

impl CommentWriter {
    /// Starts the writer thread with its own connection to `url`.
    pub fn start(url: &str, keys: AuditKeys, publish_on_receipt: bool) -> anyhow::Result<Self> {
        let conn = db::establish(url)?;
        let (jobs, queue) = sync_channel(QUEUE);
        let url = url.to_string();
        std::thread::Builder::new()
            .name("comment-writer".into())
            .spawn(move || run(conn, &url, queue, &keys, publish_on_receipt))?;
        Ok(Self { jobs })
    }

    /// Stores a comment; answers once it is committed.
    pub async fn submit(&self, submission: Submission) -> Result<Receipt, AppError> {
        let (reply, answer) = oneshot::channel();
        match self.jobs.try_send(Job { submission, reply }) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                return Err(AppError::RateLimited {
                    retry_after: 1,
                    detail: "el servicio está recibiendo muchos comentarios; intente en un momento"
                        .into(),
                })
            }
            Err(TrySendError::Disconnected(_)) => {
                return Err(AppError::Unavailable("the comment writer stopped".into()))
            }
        }
        answer
            .await
            .map_err(|_| AppError::Internal("the comment writer dropped a comment".into()))?
    }
}

fn run(mut conn: DbConnection, url: &str, queue: Receiver<Job>, keys: &AuditKeys, publish: bool) {
    while let Ok(first) = queue.recv() {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let (submissions, replies): (Vec<Submission>, Vec<_>) =
            jobs.into_iter().map(|j| (j.submission, j.reply)).unzip();
        let results = comments::submit_batch(&mut conn, keys, &submissions, publish);
        let failed = results
            .iter()
            .any(|r| matches!(r, Err(AppError::Internal(_))));
        for (reply, result) in replies.into_iter().zip(results) {
            let _ = reply.send(result);
        }
        if failed {
            // The connection may have broken (a database restart): open a fresh one.
            match db::establish(url) {
                Ok(fresh) => conn = fresh,
                Err(e) => tracing::error!(error = %e, "comment writer cannot reconnect"),
            }
        }
    }
}
