//! The audit log: who did what, and when, for every staff action.
//!
//! Policy: record the event with [`record`] inside the same write
//! transaction as the action itself, so the two commit or roll back
//! together; an action that fails leaves no audit row, and an action that
//! succeeds always has one. Rows are only appended, never changed.
//!
//! An event marked `public` is about published content (a comment window
//! opened, closed or extended; a disposition; a publication) and is listed
//! on its version's changelog page, `/standards/{slug}/{label}/changelog`.
//! Everything else (sign-ins, account changes, moderation) is read only by
//! admins at `/staff/audit`. Write `target` and `detail` for the public:
//! never put an email address or a password in them.
//!
//! ```text
//! audit::record(
//!     conn,
//!     &audit::Event::by(&staff, audit::actions::PERIOD_EXTENDED)
//!         .on_version(version.standard_id, version.id)
//!         .target(format!("{} version {}", standard.slug, version.label))
//!         .detail("Comments now close 2026-12-31 17:00 (America/Chicago).")
//!         .public(),
//! )?;
//! ```

use chrono::{NaiveDateTime, Utc};
use diesel::QueryResult;

pub use crate::actor::Actor;
use crate::db::models::audit_event::{AuditEvent, NewAuditEvent};
use crate::db::DbConn;

/// The actor name of events with no staff member (the command line).
pub const COMMAND_LINE: &str = "command line";

/// Action names. Others may record actions not listed here; keep names
/// `noun.verb_past` so the admin filter groups them.
pub mod actions {
    pub const SIGNED_IN: &str = "staff.signed_in";
    pub const SIGNED_OUT: &str = "staff.signed_out";
    pub const PASSWORD_CHANGED: &str = "staff.password_changed";

    pub const ACCOUNT_CREATED: &str = "account.created";
    pub const ACCOUNT_ROLE_CHANGED: &str = "account.role_changed";
    pub const ACCOUNT_DISABLED: &str = "account.disabled";
    pub const ACCOUNT_ENABLED: &str = "account.enabled";
    pub const ACCOUNT_PASSWORD_RESET: &str = "account.password_reset";

    pub const PERIOD_OPENED: &str = "period.opened";
    pub const PERIOD_CLOSED: &str = "period.closed";
    pub const PERIOD_EXTENDED: &str = "period.extended";

    pub const COMMENT_APPROVED: &str = "moderation.approved";
    pub const COMMENT_HIDDEN: &str = "moderation.hidden";
    pub const COMMENT_SPAM: &str = "moderation.spam";
    pub const COMMENT_RESTORED: &str = "moderation.restored";
    pub const COMMENT_REDACTED: &str = "moderation.redacted";
    pub const FLAGS_DISMISSED: &str = "moderation.flags_dismissed";

    pub const DISPOSITION_RECORDED: &str = "disposition.recorded";
    pub const VERSION_PUBLISHED: &str = "version.published";
    pub const REPORT_PUBLISHED: &str = "report.published";
}

/// One staff action, for [`record`]. Build it with [`Event::by`] (or
/// [`Event::command_line`]) and the builder methods, or a struct literal.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// Who did it; `None` for the command line.
    pub staff: Option<&'a Actor>,
    /// What was done: one of [`actions`], or a name in the same style.
    pub action: &'a str,
    /// The standard and version it concerns, if any. A public event needs
    /// `version_id` to appear on a changelog.
    pub standard_id: Option<i32>,
    pub version_id: Option<i32>,
    /// What it was done to, in words: "poll-workers version 2",
    /// "account alice", "comment C-2026-0042".
    pub target: String,
    /// What changed, in a sentence or two.
    pub detail: String,
    /// Listed on the version's public changelog.
    pub public: bool,
}

impl<'a> Event<'a> {
    /// A private event with no version, target or detail yet.
    pub fn new(staff: Option<&'a Actor>, action: &'a str) -> Event<'a> {
        Event {
            staff,
            action,
            standard_id: None,
            version_id: None,
            target: String::new(),
            detail: String::new(),
            public: false,
        }
    }

    /// An event done by a signed-in staff member.
    pub fn by(staff: &'a Actor, action: &'a str) -> Event<'a> {
        Event::new(Some(staff), action)
    }

    /// An event done from the command line (`docket user …`).
    pub fn command_line(action: &'a str) -> Event<'a> {
        Event::new(None, action)
    }

    pub fn on_standard(mut self, standard_id: i32) -> Self {
        self.standard_id = Some(standard_id);
        self
    }

    pub fn on_version(mut self, standard_id: i32, version_id: i32) -> Self {
        self.standard_id = Some(standard_id);
        self.version_id = Some(version_id);
        self
    }

    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = target.into();
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    /// List it on the version's public changelog.
    pub fn public(mut self) -> Self {
        self.public = true;
        self
    }
}

/// Append `e` to the audit log, time-stamped now (UTC). Call it inside the
/// write transaction of the action it records.
pub fn record(conn: &mut DbConn, e: &Event<'_>) -> QueryResult<()> {
    record_at(conn, e, Utc::now().naive_utc())
}

/// [`record`] with an explicit time (UTC).
pub fn record_at(conn: &mut DbConn, e: &Event<'_>, at: NaiveDateTime) -> QueryResult<()> {
    AuditEvent::insert(
        conn,
        &NewAuditEvent {
            at,
            staff_id: e.staff.map(|s| s.id),
            actor_name: e.staff.map_or(COMMAND_LINE, |s| s.name.as_str()),
            action: e.action,
            standard_id: e.standard_id,
            version_id: e.version_id,
            target: &e.target,
            detail: &e.detail,
            public: e.public,
        },
    )
}

/// How an action reads on the site ("Comment period extended"), in the
/// current language.
pub fn describe(action: &str) -> String {
    match label_key(action) {
        Some(key) => crate::i18n::t(key),
        None => {
            // "draft.saved" reads "Draft saved".
            let words = action.replace(['.', '_'], " ");
            let mut chars = words.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}

/// The catalogue key of an action's label, for the actions recorded here
/// and by the other modules (drafts, decisions, office domains).
fn label_key(action: &str) -> Option<&'static str> {
    Some(match action {
        actions::SIGNED_IN => "desk-audit-signed-in",
        actions::SIGNED_OUT => "desk-audit-signed-out",
        actions::PASSWORD_CHANGED => "desk-audit-password-changed",
        actions::ACCOUNT_CREATED => "desk-audit-account-created",
        actions::ACCOUNT_ROLE_CHANGED => "desk-audit-account-role-changed",
        actions::ACCOUNT_DISABLED => "desk-audit-account-disabled",
        actions::ACCOUNT_ENABLED => "desk-audit-account-enabled",
        actions::ACCOUNT_PASSWORD_RESET => "desk-audit-account-password-reset",
        actions::PERIOD_OPENED => "desk-audit-period-opened",
        actions::PERIOD_CLOSED => "desk-audit-period-closed",
        actions::PERIOD_EXTENDED => "desk-audit-period-extended",
        actions::COMMENT_APPROVED => "desk-audit-comment-approved",
        actions::COMMENT_HIDDEN => "desk-audit-comment-hidden",
        actions::COMMENT_SPAM => "desk-audit-comment-spam",
        actions::COMMENT_RESTORED => "desk-audit-comment-restored",
        actions::COMMENT_REDACTED => "desk-audit-comment-redacted",
        actions::FLAGS_DISMISSED => "desk-audit-flags-dismissed",
        actions::DISPOSITION_RECORDED => "desk-audit-disposition-recorded",
        actions::VERSION_PUBLISHED => "desk-audit-version-published",
        actions::REPORT_PUBLISHED => "desk-audit-report-published",
        "draft.created" => "desk-audit-draft-created",
        "draft.saved" => "desk-audit-draft-saved",
        "draft.clause_saved" => "desk-audit-draft-clause-saved",
        "draft.front_saved" => "desk-audit-draft-front-saved",
        "draft.renumbered" => "desk-audit-draft-renumbered",
        "draft.proposal_accepted" => "desk-audit-draft-proposal-accepted",
        "release_mode.changed" => "desk-audit-release-mode-changed",
        "decision.drafted" => "desk-audit-decision-drafted",
        "decision.marked_ready" => "desk-audit-decision-marked-ready",
        "decision.approved" => "desk-audit-decision-approved",
        "decision.withdrawn" => "desk-audit-decision-withdrawn",
        "decision.released" => "desk-audit-decision-released",
        "decision.not_needed" => "desk-audit-decision-not-needed",
        "office_domain.added" => "desk-audit-office-domain-added",
        "office_domain.removed" => "desk-audit-office-domain-removed",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with, Lang};

    #[test]
    fn every_known_action_has_a_label_in_each_language() {
        let known = [
            actions::SIGNED_IN,
            actions::ACCOUNT_PASSWORD_RESET,
            actions::PERIOD_EXTENDED,
            actions::COMMENT_REDACTED,
            actions::REPORT_PUBLISHED,
            "draft.proposal_accepted",
            "decision.not_needed",
            "office_domain.removed",
        ];
        for action in known {
            let key = label_key(action).expect("a label");
            for lang in Lang::ALL {
                assert_ne!(lang.t(key), key, "{action} in {lang:?}");
            }
        }
        assert_eq!(
            describe(actions::PERIOD_EXTENDED),
            "Comment period extended"
        );
        assert_eq!(
            with(Lang::Es, || describe(actions::PERIOD_EXTENDED)),
            "Período de comentarios extendido"
        );
        assert_eq!(describe("thing.was_done"), "Thing was done");
    }
}
