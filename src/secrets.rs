//! Secrets: the site's master key and the keys derived from it, random
//! tokens, and comparing secrets in constant time. Every layer may use
//! these; none of them knows HTTP.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};
use base64::Engine;
use sha2::{Digest, Sha512};

/// The site's master secret. Every key the site uses (the session cookie's,
/// and any a feature needs to sign links) is derived from it with
/// [`SecretKey::derive`], so one setting serves them all.
#[derive(Clone)]
pub struct SecretKey(Arc<[u8]>);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// The fewest bytes a secret key may have.
pub const SECRET_KEY_MIN_BYTES: usize = 64;

impl SecretKey {
    /// A fresh random key (tests, and the key file's first creation).
    pub fn random() -> SecretKey {
        SecretKey(random_bytes(SECRET_KEY_MIN_BYTES).into())
    }

    /// Parse a key written as hex or base64 (standard or URL-safe), at least
    /// 64 bytes once decoded.
    pub fn parse(text: &str) -> anyhow::Result<SecretKey> {
        let text = text.trim();
        let bytes = if text.len() % 2 == 0 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(text).ok()
        } else {
            None
        }
        .or_else(|| base64::engine::general_purpose::STANDARD.decode(text).ok())
        .or_else(|| base64::engine::general_purpose::URL_SAFE.decode(text).ok())
        .or_else(|| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(text)
                .ok()
        });
        match bytes {
            Some(b) if b.len() >= SECRET_KEY_MIN_BYTES => Ok(SecretKey(b.into())),
            Some(b) => bail!(
                "the secret key is {} bytes long; it needs at least {SECRET_KEY_MIN_BYTES} (for example `openssl rand -hex 64`)",
                b.len()
            ),
            None => bail!("the secret key is neither hex nor base64; make one with `openssl rand -hex 64`"),
        }
    }

    /// The key from `DOCKET_SECRET_KEY` if given, else from `<data>/secret.key`,
    /// which is created (mode 0600) on first use. Returns where it came from.
    pub fn load(env_value: Option<&str>, data_dir: &Path) -> anyhow::Result<(SecretKey, String)> {
        if let Some(text) = env_value.filter(|t| !t.trim().is_empty()) {
            let key = SecretKey::parse(text).context("DOCKET_SECRET_KEY is not usable")?;
            return Ok((key, "DOCKET_SECRET_KEY".to_string()));
        }
        let path = data_dir.join("secret.key");
        let key = load_or_create_key_file(&path)?;
        Ok((key, path.display().to_string()))
    }

    /// A 64-byte key for one purpose. Different purposes give unrelated keys.
    pub fn derive(&self, purpose: &str) -> [u8; 64] {
        let mut h = Sha512::new();
        h.update(b"docket key derivation\0");
        h.update(purpose.as_bytes());
        h.update([0u8]);
        h.update(&self.0);
        h.finalize().into()
    }
}

fn load_or_create_key_file(path: &PathBuf) -> anyhow::Result<SecretKey> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            return SecretKey::parse(&text)
                .with_context(|| format!("the key file {} is not usable", path.display()))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
    let key = SecretKey::random();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            writeln!(file, "{}", hex::encode(&key.0))
                .with_context(|| format!("cannot write {}", path.display()))?;
            tracing::info!(file = %path.display(), "created a new secret key");
            Ok(key)
        }
        // Another process created it first: use theirs.
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            SecretKey::parse(&text)
                .with_context(|| format!("the key file {} is not usable", path.display()))
        }
        Err(err) => Err(err).with_context(|| format!("cannot create {}", path.display())),
    }
}

/// `n` random bytes from the operating system.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).expect("the operating system's random number generator failed");
    buf
}

/// A random token of `bytes` bytes, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes(bytes))
}

/// Compare two secrets in time that does not depend on where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
