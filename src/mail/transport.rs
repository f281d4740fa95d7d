//! Ways to deliver a message: SMTP, `.eml` files, or memory (tests).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use lettre::message::Mailbox;
use lettre::Transport as _;

use super::{Outgoing, DEFAULT_FROM};

/// Delivers one message. An error leaves the message in the outbox for a
/// later attempt; it is never dropped.
pub trait Transport: Send + Sync {
    fn send(&self, mail: &Outgoing) -> anyhow::Result<()>;

    /// A short description for logs, without credentials.
    fn describe(&self) -> String;
}

/// SMTP, from a URL such as `smtp://127.0.0.1:2525` (plain),
/// `smtp://user:pass@host:587?tls=required` (STARTTLS) or
/// `smtps://user:pass@host` (TLS from the start).
pub struct SmtpTransport {
    from: Mailbox,
    inner: lettre::SmtpTransport,
    url: String,
}

impl SmtpTransport {
    pub fn new(url: &str, from: Mailbox) -> anyhow::Result<SmtpTransport> {
        let shown = crate::db::redact(url);
        let inner = lettre::SmtpTransport::from_url(url)
            .with_context(|| format!("DOCKET_SMTP_URL `{shown}` is not a usable SMTP URL"))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        Ok(SmtpTransport {
            from,
            inner,
            url: shown,
        })
    }
}

impl Transport for SmtpTransport {
    fn send(&self, mail: &Outgoing) -> anyhow::Result<()> {
        let email = mail.to_email(&self.from)?;
        self.inner
            .send(&email)
            .with_context(|| format!("SMTP server {} refused or failed", self.url))?;
        Ok(())
    }

    fn describe(&self) -> String {
        format!("SMTP via {}", self.url)
    }
}

/// Writes each message as `<dir>/<time>-<id>.eml`, for a site without a mail
/// server: the operator (or a new user trying the site) opens the file to
/// read the message and follow its links.
pub struct FileTransport {
    from: Mailbox,
    dir: PathBuf,
}

impl FileTransport {
    pub fn new(dir: impl Into<PathBuf>, from: Mailbox) -> FileTransport {
        FileTransport {
            from,
            dir: dir.into(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file a message is written to: the time, then the outbox id, so
    /// the files sort in the order they were sent.
    fn path_for(&self, id: i32) -> PathBuf {
        let now = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        self.dir.join(format!("{now}-{id:06}.eml"))
    }
}

impl Transport for FileTransport {
    fn send(&self, mail: &Outgoing) -> anyhow::Result<()> {
        let email = mail.to_email(&self.from)?;
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create the mail directory {}", self.dir.display()))?;
        let path = self.path_for(mail.id);
        // Write then rename, so a reader never sees half a message.
        let tmp = path.with_extension("eml.tmp");
        std::fs::write(&tmp, email.formatted())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        tracing::info!(file = %path.display(), "mail written to a file (no DOCKET_SMTP_URL set)");
        Ok(())
    }

    fn describe(&self) -> String {
        format!(".eml files in {}", self.dir.display())
    }
}

/// A message a [`MemoryTransport`] received.
#[derive(Debug, Clone)]
pub struct SentMail {
    pub outbox_id: i32,
    pub to: String,
    pub subject: String,
    /// The body as written (not encoded).
    pub text: String,
    /// Extra headers as queued (`List-Unsubscribe`…).
    pub headers: std::collections::BTreeMap<String, String>,
    /// The whole message as it would go on the wire.
    pub raw: String,
}

/// Keeps messages in memory, for tests. Clones share one list; while
/// [`MemoryTransport::set_failing`] is on, every send fails as a mail
/// server outage would.
#[derive(Clone)]
pub struct MemoryTransport {
    from: Mailbox,
    sent: Arc<Mutex<Vec<SentMail>>>,
    failing: Arc<AtomicBool>,
}

impl Default for MemoryTransport {
    fn default() -> Self {
        MemoryTransport::new()
    }
}

impl MemoryTransport {
    pub fn new() -> MemoryTransport {
        MemoryTransport {
            from: DEFAULT_FROM.parse().expect("the default sender is valid"),
            sent: Arc::default(),
            failing: Arc::default(),
        }
    }

    /// Everything sent so far, in order.
    pub fn sent(&self) -> Vec<SentMail> {
        self.sent.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Take everything sent so far, leaving the list empty.
    pub fn take(&self) -> Vec<SentMail> {
        std::mem::take(&mut *self.sent.lock().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn set_failing(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }
}

impl Transport for MemoryTransport {
    fn send(&self, mail: &Outgoing) -> anyhow::Result<()> {
        if self.failing.load(Ordering::SeqCst) {
            anyhow::bail!("the mail server is unavailable (simulated)");
        }
        let email = mail.to_email(&self.from)?;
        self.sent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(SentMail {
                outbox_id: mail.id,
                to: mail.to.clone(),
                subject: mail.subject.clone(),
                text: mail.text.clone(),
                headers: mail.headers.clone(),
                raw: String::from_utf8_lossy(&email.formatted()).into_owned(),
            });
        Ok(())
    }

    fn describe(&self) -> String {
        "memory".to_string()
    }
}
