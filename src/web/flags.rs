//! Flags: anyone may ask the moderators to look at a published comment. A
//! flag only puts the comment in the moderators' queue; the rules are in
//! `crate::comments::moderation`.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::comments::{notice, now, HOUR};
use super::{csrf, security, AppState};
use crate::comments::moderation::{self, ModerationError};
use crate::db::write_tx;
use crate::error::AppError;
use crate::urls;

/// Flags accepted per client address per hour.
pub const FLAGS_PER_HOUR: u32 = 20;

#[derive(Debug, Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
}

/// `POST /comments/{id}/flag`: ask the moderators to look at a comment.
pub async fn flag(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<FlagForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let id = path.into_inner();
    let addr = security::client_addr(&req);
    let reason = form.into_inner().reason;
    let c = state
        .db(move |conn| {
            write_tx(conn, |conn| {
                security::rate_limit(conn, "flag", &addr, FLAGS_PER_HOUR, HOUR)?;
                match moderation::flag(conn, id, &reason, now()) {
                    Ok(c) => Ok(c),
                    Err(ModerationError::Refused(msg)) => Err(AppError::BadRequest(msg)),
                    Err(ModerationError::Db(e)) => Err(e.into()),
                }
            })
        })
        .await?;
    notice(
        &crate::i18n::t("flag-thanks"),
        &crate::i18n::t1("flag-queued", "tracking", c.tracking_number.as_str()),
        &urls::comment(c.id),
        &crate::i18n::t("flag-back"),
    )
}
