//! Group commit: one writer thread per app server that commits queued
//! write jobs together.
//!
//! SQLite lets one connection write at a time. When every request thread
//! opens its own write transaction they queue on the busy handler, which
//! sleeps and retries, and each commit pays for its own `fsync`. Here each
//! job is sent to one thread instead; the thread takes every job waiting
//! (up to [`MAX_BATCH`]), runs each inside its own savepoint of one write
//! transaction, commits once, and only then answers each caller. So:
//!
//! - a job that fails rolls back its savepoint only; the others commit;
//! - a caller hears "done" only after the commit that holds its work is
//!   durable (`synchronous = FULL`), so an acknowledgement survives a crash
//!   and a power cut, at the price of one `fsync` per batch, not per job;
//! - if the commit itself fails, every caller in the batch hears that its
//!   work was not saved.
//!
//! PostgreSQL is different: it lets many transactions write at once, while
//! every statement is a round trip to another process. One writer there
//! spends its time waiting on the network, one statement after another,
//! and on each commit's flush. So on PostgreSQL two writer threads
//! ([`Shape::postgres`]) each commit batches as above: while one waits for
//! its commit, the other runs its statements. A batch stays well below
//! PostgreSQL's 64 cached subtransactions per transaction (each job's
//! savepoint is one); past that every snapshot in the database has to
//! look its subtransactions up on disk. Each writer's transactions count
//! comments in a tally shard of their own (`docket.tally_shard`), so the
//! two never wait on each other's tally rows. They can still meet on one
//! sender's rows (the same address sent to both at once); if that ever
//! closes a circle, PostgreSQL cancels one job after its deadlock timeout,
//! that job's savepoint is rolled back and its sender is told nothing was
//! saved; the rest of both batches commit. Several app servers each run
//! their own writers; the database orders them.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use diesel::result::{DatabaseErrorKind, Error as DbError};

use super::{write_tx, DbConn, Pool, PooledConn};

/// The most jobs committed together on SQLite. Bounds how long the first
/// job of a batch waits for the last.
pub const MAX_BATCH: usize = 256;

/// The most jobs committed together on PostgreSQL: each job's savepoint is
/// a subtransaction, and a transaction with more than 64 of them slows
/// every other transaction of the database down.
pub const PG_MAX_BATCH: usize = 24;

/// How many shards the comment tallies have for writers on PostgreSQL
/// (`docket.tally_shard`); a transaction without one counts in the shard
/// of its server process, below 16.
const TALLY_SHARDS: u32 = 64;

/// How many writer threads run and how many jobs each commits together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub writers: usize,
    pub max_batch: usize,
    /// PostgreSQL: the tally shard of the first writer; the next writers
    /// take the shards after it. Drawn at random, so the writers of two
    /// app servers rarely share one.
    pub first_shard: Option<u32>,
}

impl Shape {
    /// SQLite: one writer (the database takes one at a time anyway), and
    /// big batches, so one `fsync` covers many submissions.
    pub const fn sqlite() -> Shape {
        Shape {
            writers: 1,
            max_batch: MAX_BATCH,
            first_shard: None,
        }
    }

    /// PostgreSQL: `writers` threads, each committing up to
    /// [`PG_MAX_BATCH`] jobs together, in a tally shard of its own.
    pub fn postgres(writers: usize) -> Shape {
        let mut bytes = [0u8; 4];
        // Without randomness every server starts at shard 16, above the
        // shards of server processes: still apart from those.
        let first = match getrandom::fill(&mut bytes) {
            Ok(()) => u32::from_le_bytes(bytes) % TALLY_SHARDS,
            Err(_) => 16,
        };
        Shape {
            writers,
            max_batch: PG_MAX_BATCH,
            first_shard: Some(first),
        }
    }
}

/// What a job leaves to do once its batch has committed or failed: answer
/// its caller.
type Settle = Box<dyn FnOnce(Result<(), &str>) + Send>;
/// A job runs and returns how to settle it, and whether it panicked (which
/// leaves the connection's transaction state unknown).
type Job = Box<dyn FnOnce(&mut DbConn) -> (Settle, bool) + Send>;

/// The handle request handlers send work through. Cloning it is cheap; the
/// writer thread stops when the last handle is dropped.
#[derive(Clone)]
pub struct GroupWriter {
    jobs: mpsc::Sender<Job>,
    /// Jobs sent and not yet run.
    queued: Arc<AtomicUsize>,
    /// Jobs sent from requests since the start, by every handle.
    sent: Arc<AtomicUsize>,
    parallel: bool,
}

impl GroupWriter {
    /// Start the writer threads on connections from `pool`.
    pub fn start(pool: Pool, shape: Shape) -> std::io::Result<GroupWriter> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let queued = Arc::new(AtomicUsize::new(0));
        for n in 0..shape.writers.max(1) {
            let (pool, queue, taken) = (pool.clone(), queue.clone(), queued.clone());
            let shard = shape
                .first_shard
                .map(|first| (first + n as u32) % TALLY_SHARDS);
            std::thread::Builder::new()
                .name(format!("docket-writer-{n}"))
                .spawn(move || run(pool, &queue, &taken, shape.max_batch.max(1), shard))?;
        }
        Ok(GroupWriter {
            jobs,
            queued,
            sent: Arc::new(AtomicUsize::new(0)),
            parallel: shape.writers > 1,
        })
    }

    /// Whether several writers run at once (PostgreSQL). Then a job may do
    /// its own reads as well: that holds up one writer, not every write,
    /// and spares the request a connection of its own. With one writer
    /// (SQLite) a job should only write.
    pub fn is_parallel(&self) -> bool {
        self.parallel
    }

    /// How many jobs wait for the writer now: background work (campaign
    /// grouping) yields while others are waiting.
    pub fn waiting(&self) -> usize {
        self.queued.load(Ordering::Relaxed)
    }

    /// How many jobs requests have sent ([`GroupWriter::write`]) since the
    /// writer started; background work ([`GroupWriter::write_blocking`]) is
    /// not counted. With several writers (PostgreSQL) nothing may be left
    /// waiting even in a flood, so background work compares this count over
    /// time to see one ([`FloodWatch`]).
    pub fn sent(&self) -> usize {
        self.sent.load(Ordering::Relaxed)
    }

    /// Run `f` in the next batch and return its result once that batch
    /// has committed. `f` runs inside a savepoint: if it returns an error,
    /// what it did is undone and the rest of the batch is unaffected.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        self.sent.fetch_add(1, Ordering::Relaxed);
        match self.enqueue(f) {
            Some(answer) => answer
                .await
                .unwrap_or_else(|_| Err(not_committed("no database connection"))),
            None => Err(not_committed("the writer has stopped")),
        }
    }

    /// [`GroupWriter::write`] for a thread outside the async runtime (a
    /// background worker): blocks until the batch has committed.
    pub fn write_blocking<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        match self.enqueue(f) {
            Some(answer) => answer
                .blocking_recv()
                .unwrap_or_else(|_| Err(not_committed("no database connection"))),
            None => Err(not_committed("the writer has stopped")),
        }
    }

    /// Queue `f`; the receiver gets its result once its batch is settled.
    fn enqueue<T, E, F>(&self, f: F) -> Option<tokio::sync::oneshot::Receiver<Result<T, E>>>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel::<Result<T, E>>();
        let job: Job = Box::new(move |conn: &mut DbConn| {
            let outcome = catch_unwind(AssertUnwindSafe(|| write_tx(conn, f)));
            let panicked = outcome.is_err();
            let settle: Settle = Box::new(move |batch: Result<(), &str>| {
                let answer = match (outcome, batch) {
                    (Ok(Err(e)), _) => Err(e),
                    (Ok(Ok(value)), Ok(())) => Ok(value),
                    (Ok(Ok(_)), Err(why)) => Err(not_committed(why)),
                    (Err(_), _) => Err(not_committed("the work panicked")),
                };
                // The caller may have gone (a closed connection): nothing to tell.
                let _ = reply.send(answer);
            });
            (settle, panicked)
        });
        self.queued.fetch_add(1, Ordering::Relaxed);
        match self.jobs.send(job) {
            Ok(()) => Some(answer),
            Err(_) => {
                self.queued.fetch_sub(1, Ordering::Relaxed);
                None
            }
        }
    }
}

/// Tells background work (mail, campaign grouping) whether submissions
/// are flooding in, so it can step aside and catch up after. A flood is
/// jobs waiting for the writer now, or jobs sent from requests since the
/// last look: with several writers (PostgreSQL) none may be left waiting
/// even in a flood, so the count of jobs sent is compared over time too.
pub struct FloodWatch {
    writer: GroupWriter,
    seen: usize,
}

impl FloodWatch {
    pub fn new(writer: GroupWriter) -> FloodWatch {
        let seen = writer.sent();
        FloodWatch { writer, seen }
    }

    /// Whether requests have written since the last look, or wait for the
    /// writer now.
    pub fn flooded(&mut self) -> bool {
        let now = self.writer.sent();
        let sent = now != self.seen;
        self.seen = now;
        sent || self.writer.waiting() > 0
    }
}

fn not_committed<E: From<DbError>>(why: &str) -> E {
    E::from(DbError::DatabaseError(
        DatabaseErrorKind::Unknown,
        Box::new(format!("not committed: {why}")),
    ))
}

/// How long a writer keeps its connection between batches. A connection
/// that committed this recently is used again as it is; one idle for
/// longer goes back to the pool, and the next batch takes one the pool
/// has checked (a database restart may have cut it meanwhile). In a flood
/// this spares every submission the pool's `SELECT 1`, a round trip.
const KEEP_CONNECTION: std::time::Duration = std::time::Duration::from_secs(1);

/// A writer thread: take what is waiting, run it, commit, answer. The
/// queue is held only while taking jobs, so other writers take the next
/// ones while this one commits.
fn run(
    pool: Pool,
    queue: &Mutex<mpsc::Receiver<Job>>,
    queued: &AtomicUsize,
    max_batch: usize,
    shard: Option<u32>,
) {
    let mut kept: Option<(PooledConn, std::time::Instant)> = None;
    loop {
        let batch = {
            let Ok(queue) = queue.lock() else { return };
            let Ok(first) = queue.recv() else { return };
            let mut batch = vec![first];
            while batch.len() < max_batch {
                match queue.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            batch
        };
        queued.fetch_sub(batch.len(), Ordering::Relaxed);
        let conn = match kept.take() {
            Some((conn, at)) if at.elapsed() < KEEP_CONNECTION => conn,
            // An idle connection goes back to the pool before a checked
            // one is taken.
            _ => match pool.get() {
                Ok(conn) => conn,
                Err(err) => {
                    // Dropping a job unrun tells its caller nothing was saved.
                    tracing::error!(error = %err, jobs = batch.len(), "writer cannot get a connection");
                    continue;
                }
            },
        };
        kept = commit_batch(conn, batch, shard).map(|conn| (conn, std::time::Instant::now()));
    }
}

/// Run and commit one batch and answer its callers. Gives the connection
/// back to keep only when the batch committed. With a tally shard
/// (PostgreSQL) the batch's transaction counts comments in it.
fn commit_batch(mut conn: PooledConn, batch: Vec<Job>, shard: Option<u32>) -> Option<PooledConn> {
    let started = std::time::Instant::now();
    let mut settles: Vec<Settle> = Vec::with_capacity(batch.len());
    let mut panicked = false;
    let result = if batch.len() == 1 && shard.is_none() {
        // A batch of one is the job's own transaction: no savepoint.
        batch_body(&mut conn, batch, &mut settles, &mut panicked)
    } else {
        write_tx(&mut conn, |conn| {
            if let Some(shard) = shard {
                count_in_shard(conn, shard)?;
            }
            batch_body(conn, batch, &mut settles, &mut panicked)
        })
    };
    let why = match &result {
        Ok(()) => {
            tracing::debug!(
                jobs = settles.len(),
                micros = started.elapsed().as_micros() as u64,
                "committed a batch"
            );
            None
        }
        Err(err) => {
            tracing::error!(error = %err, jobs = settles.len(), "a batch of writes was not committed");
            Some(err.to_string())
        }
    };
    // A connection that failed goes back to the pool before anyone hears:
    // one left inside a transaction (after a panic) is closed there
    // ([`super::Manager`]'s `has_broken`), and one cut off is checked
    // before its next use.
    let keep = match why {
        // A job's own error (a refused submission) leaves the connection
        // as it was; one cut by the database leaves it broken.
        None if super::is_sound(&mut conn) => Some(conn),
        _ => {
            drop(conn);
            None
        }
    };
    for settle in settles {
        settle(why.as_deref().map_or(Ok(()), Err));
    }
    keep
}

/// Run every job of a batch: each in its own savepoint when the batch is
/// one transaction, or in its own transaction when it is alone.
fn batch_body(
    conn: &mut DbConn,
    batch: Vec<Job>,
    settles: &mut Vec<Settle>,
    panicked: &mut bool,
) -> Result<(), DbError> {
    for job in batch {
        let (settle, failed) = job(conn);
        settles.push(settle);
        *panicked |= failed;
    }
    if *panicked {
        // The connection's transaction state cannot be trusted.
        return Err(DbError::RollbackTransaction);
    }
    Ok(())
}

/// Have this transaction's comment tallies counted in `shard` (read by the
/// trigger that keeps them, on PostgreSQL).
fn count_in_shard(conn: &mut DbConn, shard: u32) -> Result<(), DbError> {
    use diesel::RunQueryDsl;
    super::prepared("SELECT set_config('docket.tally_shard', $1, true)")
        .bind::<diesel::sql_types::Text, _>(shard.to_string())
        .execute(conn)?;
    Ok(())
}
