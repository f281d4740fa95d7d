//! The moderation panel of a comment's page, as the template reads it:
//! the comment as staff see it, the forms with what was typed in them,
//! and the line saying what the last form did. Built from
//! `crate::comments::redaction::StaffView`; shown by `super::permalink`,
//! filled after a refusal by `super::moderation_page`.

use crate::comments::redaction::{RedactionView, StaffView};
use crate::comments::SafeHtml;

/// What the panel keeps from the last form: the action done, or the
/// message of a refusal and what was typed.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    pub done: Option<String>,
    pub error: Option<String>,
    /// Which form was refused: "status" or "redact".
    pub form: String,
    pub reason: String,
    pub passage: String,
}

/// The moderation panel of a comment's page.
#[derive(Debug, Clone)]
pub struct ModPanel {
    pub csrf_token: String,
    pub id: i32,
    pub tracking: String,
    pub status: String,
    pub hidden_reason: Option<String>,
    pub body: SafeHtml,
    pub body_md: String,
    pub live: bool,
    pub taken_down: bool,
    pub redactions: Vec<RedactionView>,
    pub done: Option<String>,
    pub error: Option<String>,
    /// The refusal, beside the form it concerns ("" for none).
    pub status_error: String,
    pub redact_error: String,
    pub reason: String,
    pub redact_reason: String,
    pub passage: String,
}

impl ModPanel {
    pub fn new(v: StaffView, kept: Kept, csrf_token: &str) -> ModPanel {
        let done = kept.done.as_deref().and_then(|d| {
            matches!(d, "hidden" | "spam" | "restored" | "redacted").then(|| {
                crate::i18n::t2("staff-mod-done", "tracking", &v.tracking_number, "done", d)
            })
        });
        let message = kept.error.clone().unwrap_or_default();
        let (reason, redact_reason, status_error, redact_error) = match kept.form.as_str() {
            "redact" => (String::new(), kept.reason, String::new(), message),
            _ => (kept.reason, String::new(), message, String::new()),
        };
        ModPanel {
            csrf_token: csrf_token.to_string(),
            id: v.comment_id,
            tracking: v.tracking_number,
            status: v.status,
            hidden_reason: v.hidden_reason,
            body: v.body,
            body_md: v.body_md,
            live: v.live,
            taken_down: v.taken_down,
            redactions: v.redactions,
            done,
            error: kept.error,
            status_error,
            redact_error,
            reason,
            redact_reason,
            passage: kept.passage,
        }
    }
}
