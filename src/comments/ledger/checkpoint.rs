//! Signed checkpoints: once a day the head of the chain (its last entry's
//! number and hash) is signed with the site's Ed25519 key and published at
//! `/ledger/checkpoints.json`, with the public key at `/ledger/key`.
//!
//! The chain alone cannot show that entries were cut off its end, or that
//! someone holding the database rewrote it from some entry on and hashed
//! it all again. A head copied out of the site can: anyone holding a
//! checkpoint (or a mail footer) runs `docket verify --head SEQ:HASH`.
//!
//! The private key is a file outside the data directory, so a copy of the
//! database or the data directory cannot sign. The signed message is
//!
//! ```text
//! docket-ledger-checkpoint-v1\n{day}\n{seq}\n{hash}\n{signed_at, RFC 3339}
//! ```

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use chrono::{NaiveDateTime, Timelike};
use diesel::QueryResult;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use crate::db::models::{CheckpointRow, LedgerRow, NewCheckpoint};
use crate::db::{write_tx, DbConn, Pool};

/// Domain separation for the signed message.
const PREFIX: &str = "docket-ledger-checkpoint-v1";

/// The bytes a checkpoint signs.
pub fn message(day: &str, seq: i32, hash: &str, signed_at: NaiveDateTime) -> String {
    format!(
        "{PREFIX}\n{day}\n{seq}\n{hash}\n{}",
        super::rfc3339(signed_at)
    )
}

/// The site's checkpoint signing key.
#[derive(Clone)]
pub struct LedgerKey {
    key: SigningKey,
}

impl std::fmt::Debug for LedgerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LedgerKey({})", self.public_hex())
    }
}

impl LedgerKey {
    /// A key from its 32-byte secret.
    pub fn from_secret(secret: [u8; 32]) -> LedgerKey {
        LedgerKey {
            key: SigningKey::from_bytes(&secret),
        }
    }

    /// A new random key.
    pub fn generate() -> anyhow::Result<LedgerKey> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| anyhow::anyhow!("no randomness for a new ledger key: {e}"))?;
        Ok(LedgerKey::from_secret(secret))
    }

    /// Hex of the public key, as served at `/ledger/key`.
    pub fn public_hex(&self) -> String {
        hex::encode(self.key.verifying_key().as_bytes())
    }

    /// Hex of the signature of `msg`.
    pub fn sign_hex(&self, msg: &str) -> String {
        hex::encode(self.key.sign(msg.as_bytes()).to_bytes())
    }

    /// Read the key file at `path` (64 hex digits, the 32-byte secret), or
    /// create it if it does not exist yet. Refused inside `data_dir`: the
    /// key must not travel with the database. Returns the key and whether
    /// it was created.
    pub fn load_or_create(path: &Path, data_dir: &Path) -> anyhow::Result<(LedgerKey, bool)> {
        let absolute = |p: &Path| -> PathBuf {
            let p = if p.is_absolute() {
                p.to_path_buf()
            } else {
                std::env::current_dir().unwrap_or_default().join(p)
            };
            // Resolve what exists (symbolic links, `..`), keep the rest.
            match (
                p.parent().and_then(|d| d.canonicalize().ok()),
                p.file_name(),
            ) {
                (Some(dir), Some(name)) => dir.join(name),
                _ => p,
            }
        };
        let key_path = absolute(path);
        let data = data_dir
            .canonicalize()
            .unwrap_or_else(|_| absolute(data_dir));
        if key_path.starts_with(&data) {
            bail!(
                "the ledger key {} is inside the data directory {}; keep it elsewhere (say /etc/docket/ledger.key), so that a copy of the data cannot sign checkpoints",
                path.display(),
                data_dir.display()
            );
        }
        if path.exists() {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the ledger key {}", path.display()))?;
            let bytes = hex::decode(text.trim())
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .with_context(|| {
                    format!(
                        "{} is not a ledger key (64 hex digits, as `docket serve` writes)",
                        path.display()
                    )
                })?;
            return Ok((LedgerKey::from_secret(bytes), false));
        }
        let key = LedgerKey::generate()?;
        write_private(path, &format!("{}\n", hex::encode(key.key.to_bytes())))
            .with_context(|| format!("cannot create the ledger key {}", path.display()))?;
        Ok((key, true))
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// A public key from hex.
pub fn parse_public_key(hex_key: &str) -> Result<VerifyingKey, String> {
    let bytes = hex::decode(hex_key.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| {
            format!(
                "`{hex_key}` is not an Ed25519 public key (64 hex digits, as /ledger/key serves)"
            )
        })?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| format!("not an Ed25519 public key: {e}"))
}

/// Check a stored checkpoint's signature, against `pinned` (the site's
/// published key) when given, else against the key stored with it.
pub fn check_signature(cp: &CheckpointRow, pinned: Option<&str>) -> Result<(), String> {
    if let Some(p) = pinned {
        if !p.trim().eq_ignore_ascii_case(&cp.public_key) {
            return Err(format!(
                "it was signed by key {}, not by the site's key {}",
                cp.public_key,
                p.trim()
            ));
        }
    }
    let key = parse_public_key(&cp.public_key)?;
    let sig = hex::decode(&cp.signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b))
        .ok_or_else(|| "its signature is not 128 hex digits".to_string())?;
    key.verify(
        message(&cp.day, cp.seq, &cp.hash, cp.signed_at).as_bytes(),
        &sig,
    )
    .map_err(|_| {
        "its signature does not match its entry number, hash and time: the checkpoint was altered"
            .to_string()
    })
}

/// Make today's checkpoint (UTC day of `now`) if there is none yet and
/// the ledger is not empty. Several app servers may call this at once:
/// one day has one checkpoint, and the others find it made.
pub fn checkpoint_if_due(
    conn: &mut DbConn,
    key: &LedgerKey,
    now: NaiveDateTime,
) -> QueryResult<Option<CheckpointRow>> {
    let day = now.date().to_string();
    let made = write_tx(conn, |conn| {
        if CheckpointRow::for_day(conn, &day)?.is_some() {
            return Ok(false);
        }
        let Some(head) = LedgerRow::head(conn)? else {
            return Ok(false);
        };
        let signed_at = now.with_nanosecond(0).unwrap_or(now);
        let signature = key.sign_hex(&message(&day, head.seq, &head.hash, signed_at));
        CheckpointRow::insert(
            conn,
            &NewCheckpoint {
                day: &day,
                seq: head.seq,
                hash: &head.hash,
                signed_at,
                public_key: &key.public_hex(),
                signature: &signature,
            },
        )?;
        Ok(true)
    });
    match made {
        Ok(true) => CheckpointRow::for_day(conn, &day),
        Ok(false) => Ok(None),
        // Another server made today's checkpoint first.
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Start a thread that makes the day's checkpoint, checking every
/// `interval`, for the life of the process.
pub fn spawn_checkpointer(
    pool: Pool,
    key: LedgerKey,
    interval: std::time::Duration,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("docket-checkpoint".to_string())
        .spawn(move || loop {
            let now = chrono::Utc::now().naive_utc();
            match pool.get() {
                Ok(mut conn) => match checkpoint_if_due(&mut conn, &key, now) {
                    Ok(Some(cp)) => tracing::info!(
                        day = %cp.day,
                        seq = cp.seq,
                        hash = %cp.hash,
                        "ledger checkpoint signed"
                    ),
                    Ok(None) => {}
                    Err(err) => tracing::warn!(error = %err, "ledger checkpoint: will retry"),
                },
                Err(err) => tracing::warn!(error = %err, "ledger checkpoint: no connection"),
            }
            std::thread::sleep(interval);
        })
}
