//! The integrity ledger for anyone to check: the whole hash chain
//! (`/ledger.json`), the public key that signs its checkpoints, and the
//! signed checkpoints. The chain itself is `crate::comments::ledger`.

use actix_web::http::header::{self, ContentType};
use actix_web::{web, HttpRequest, HttpResponse};

use super::respond;
use super::AppState;
use crate::comments::ledger::{rfc3339, Entry, GENESIS};
use crate::db::models::{CheckpointRow, LedgerRow};
use crate::error::AppError;

/// `GET /ledger.json`: the whole integrity ledger, for anyone to check.
pub async fn chain(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let entries = state
        .db(|conn| {
            let mut out: Vec<Entry> = Vec::new();
            let mut after = 0;
            loop {
                let page = LedgerRow::page(conn, after, 1000)?;
                let Some(last) = page.last() else { break };
                after = last.seq;
                out.extend(page.into_iter().map(Entry::from));
            }
            Ok(out)
        })
        .await?;
    let body = serde_json::json!({
        "description": "Docket's integrity ledger: every publication of a comment or a version, every moderation action, decision and change of a comment's author shown, as a hash chain.",
        "algorithm": "sha256",
        "hash_input": "hex(SHA-256(\"docket-ledger-v1\\n\" + seq + \"\\n\" + kind + \"\\n\" + prev_hash + \"\\n\" + payload)); payload is canonical JSON (compact, keys sorted)",
        "genesis": GENESIS,
        "head_seq": entries.last().map(|e| e.seq),
        "head": entries.last().map(|e| e.hash.clone()),
        "count": entries.len(),
        "entries": entries,
    });
    Ok(respond::json(&req, &body))
}

/// `GET /ledger/key`: the public key that signs the ledger's checkpoints
/// (hex), or 404 saying that this site does not sign them.
pub async fn key(state: web::Data<AppState>) -> HttpResponse {
    let plain = ContentType::plaintext();
    match &state.config.ledger_public_key {
        Some(key) => HttpResponse::Ok()
            .content_type(plain)
            .body(format!("{key}\n")),
        // In the reader's language, so it varies as pages do.
        None => HttpResponse::NotFound()
            .content_type(plain)
            .insert_header((header::VARY, "Accept-Language, Cookie"))
            .body(format!("{}\n", crate::i18n::t("desk-ledger-no-key"))),
    }
}

/// `GET /ledger/checkpoints.json`: the signed daily checkpoints.
pub async fn checkpoints(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let key = state.config.ledger_public_key.clone();
    let checkpoints = state.db(|conn| Ok(CheckpointRow::all(conn)?)).await?;
    let body = serde_json::json!({
        "description": "Signed checkpoints of the integrity ledger: its head (entry number and hash) once a day, signed with Ed25519. Check the ledger against one with `docket verify --head SEQ:HASH`.",
        "signed": key.is_some(),
        "public_key": key,
        "signed_message": "\"docket-ledger-checkpoint-v1\\n\" + day + \"\\n\" + seq + \"\\n\" + hash + \"\\n\" + signed_at (RFC 3339, UTC, seconds)",
        "checkpoints": checkpoints.iter().map(|c| serde_json::json!({
            "day": c.day,
            "seq": c.seq,
            "hash": c.hash,
            "signed_at": rfc3339(c.signed_at),
            "public_key": c.public_key,
            "signature": c.signature,
        })).collect::<Vec<_>>(),
    });
    Ok(respond::json(&req, &body))
}
