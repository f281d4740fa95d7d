//! The next draft: a working copy of version N+1 that editors edit in the
//! browser, take accepted proposals into, and publish.
//!
//! Policies:
//! - A save names the revision it was made from and is refused if another
//!   save came first; nothing is ever overwritten unseen.
//! - "Accept proposed text" merges the proposal into one clause, found by
//!   key with the normal parser, three ways: the published clause (base),
//!   the draft's clause (with the editors' edits and any proposal already
//!   taken in) and the proposed text, word by word on the Markdown source
//!   (`redline::merge`). Changes to different words combine; changes to
//!   the same or neighbouring words are refused as a conflict that quotes
//!   the three texts, and nothing changes. It records which comment the
//!   text came from.
//! - Publishing parses the draft with the same parser and stores it with
//!   the same code as `docket import`, so the downloaded file committed to
//!   `content/` is byte for byte what was published and import sees it as
//!   unchanged. Everything (the new version, its clauses, the end of the
//!   previous version's comment period, the audit event and the
//!   subscribers' notices) happens in one transaction.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::{OptionalExtension, QueryResult};

use crate::actor::Actor;
use crate::audit;
use crate::comments::ledger;
use crate::db::models::{
    ClauseRow, Disposition, Draft, NewDraft, Standard, Version, VersionStatus,
};
use crate::db::{write_tx, DbConn};
use crate::i18n::{t, t1, t2};
use crate::standard::edit::{self, toml_string};
use crate::standard::parse::{parse_version, ParsedVersion};

/// Most bytes in a draft.
pub const MAX_SOURCE_BYTES: usize = 2 * 1024 * 1024;

pub mod checklist;
pub mod clause_text;
pub mod clauses;
pub mod desk;
pub mod front;
pub mod numbering;
pub mod proposals;

pub use proposals::{accept, resolve, ProposalConflict};

/// Why a draft action was refused.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// Bad input or a conflict; the message says what to do. Nothing changed.
    #[error("{0}")]
    Refused(String),
    /// The save was made from an older revision. Nothing changed.
    #[error("{message}")]
    Stale { message: String },
    /// A proposal changes words the draft changed too: the three texts,
    /// for the editor to choose or combine. Nothing changed.
    #[error("{}", .0.message)]
    Conflict(Box<ProposalConflict>),
    /// Two saves of one clause changed the same words. Nothing changed.
    #[error("{}", .0.message)]
    ClauseConflict(Box<clauses::ClauseConflict>),
    /// Two saves changed the title or notes differently. Nothing changed.
    #[error("{}", .0.message)]
    FrontConflict(Box<front::FrontConflict>),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

pub(crate) fn refuse<T>(msg: impl Into<String>) -> Result<T, DraftError> {
    Err(DraftError::Refused(msg.into()))
}

/// The latest published version of a standard.
pub fn latest_published(conn: &mut DbConn, standard_id: i32) -> QueryResult<Option<Version>> {
    Ok(Version::for_standard(conn, standard_id)?
        .into_iter()
        .filter(|v| v.status().is_published())
        .max_by_key(|v| v.position))
}

/// Parse a draft as import would, keys inherited from its base version.
pub fn parse_draft(
    conn: &mut DbConn,
    draft: &Draft,
) -> QueryResult<Result<ParsedVersion, crate::standard::ParseError>> {
    let base = ClauseRow::clauses_of(conn, draft.base_version_id)?;
    Ok(parse_version(
        &format!("{}.md", draft.label),
        draft.source.as_bytes(),
        Some(&base),
    ))
}

/// Start the draft of the version after the latest published one (or
/// return the draft already started).
pub fn create(
    conn: &mut DbConn,
    standard: &Standard,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<Draft, DraftError> {
    write_tx(conn, |conn| {
        let Some(base) = latest_published(conn, standard.id)? else {
            return refuse(t1("drafting-err-no-published", "standard", &standard.title));
        };
        if let Some(existing) = Draft::open_for_base(conn, base.id)? {
            return Ok(existing);
        }
        let label = edit::next_label(&base.label);
        if Version::by_label(conn, standard.id, &label)
            .optional()?
            .is_some()
        {
            return refuse(t2(
                "drafting-err-version-exists",
                "version",
                &label,
                "standard",
                &standard.title,
            ));
        }
        if Draft::by_label(conn, standard.id, &label)
            .optional()?
            .is_some()
        {
            return refuse(t1("drafting-err-label-published", "version", &label));
        }
        let base_source = Version::source(conn, base.id)?;
        let source = edit::new_draft_source(&base_source, &label).map_err(|e| {
            DraftError::Refused(t2(
                "drafting-err-cannot-copy",
                "version",
                &base.label,
                "problem",
                e,
            ))
        })?;
        let draft = Draft::insert(
            conn,
            &NewDraft {
                standard_id: standard.id,
                base_version_id: base.id,
                label: &label,
                source: &source,
                revision: 1,
                created_at: now,
                updated_at: now,
                updated_by: &staff.name,
            },
        )?;
        audit::record_at(
            conn,
            &audit::Event::by(staff, "draft.created")
                .on_version(standard.id, base.id)
                .target(format!("{} draft of version {label}", standard.slug))
                .detail(format!("Started from version {}.", base.label)),
            now,
        )?;
        Ok(draft)
    })
}

fn stale_message(current: &Draft, tz: chrono_tz::Tz) -> String {
    crate::i18n::t_with_three(
        "drafting-stale",
        [
            ("revision", current.revision.to_string()),
            ("by", current.updated_by.clone()),
            ("when", crate::clock::local_time(current.updated_at, tz)),
        ],
    )
}

/// Why a draft that is published already cannot change.
pub(crate) fn published_already(label: &str) -> String {
    t1("drafting-err-published-no-change", "version", label)
}

/// Save new text, made from `revision`.
pub fn save(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    revision: i32,
    source: &str,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<Draft, DraftError> {
    let source = source.replace("\r\n", "\n");
    if source.trim().is_empty() {
        return refuse(t("drafting-err-empty"));
    }
    if source.len() > MAX_SOURCE_BYTES {
        return refuse(t("drafting-err-too-large"));
    }
    write_tx(conn, |conn| {
        let draft = Draft::by_label(conn, standard.id, label)?;
        if draft.is_published() {
            return refuse(published_already(label));
        }
        if !Draft::save(conn, draft.id, revision, &source, &staff.name, now)? {
            return Err(DraftError::Stale {
                message: stale_message(&draft, standard.tz()),
            });
        }
        audit::record_at(
            conn,
            &audit::Event::by(staff, "draft.saved")
                .on_standard(standard.id)
                .target(format!("{} draft of version {label}", standard.slug))
                .detail(format!("Revision {}.", revision + 1)),
            now,
        )?;
        Ok(Draft::by_label(conn, standard.id, label)?)
    })
}

/// How the new version is released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub status: VersionStatus,
    pub published: NaiveDate,
    /// UTC; both or neither, required for `open`.
    pub window: Option<(NaiveDateTime, NaiveDateTime)>,
    /// The checklist items ([`checklist::Check::id`]) the editor
    /// acknowledged on the publish form.
    pub acknowledged: Vec<String>,
}

fn rfc3339(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The draft's text as it will be published: its front matter set to the
/// release's status, date and window.
pub fn release_source(draft: &Draft, release: &Release) -> Result<String, String> {
    let (opens, closes) = match release.window {
        Some((o, c)) => (Some(rfc3339(o)), Some(rfc3339(c))),
        None => (None, None),
    };
    edit::set_front_matter(
        &draft.source,
        &[
            ("status", Some(toml_string(release.status.as_str()))),
            (
                "published",
                Some(release.published.format("%Y-%m-%d").to_string()),
            ),
            ("comment_opens", opens),
            ("comment_closes", closes),
        ],
    )
}

/// What publishing did.
#[derive(Debug, Clone)]
pub struct Published {
    pub version: Version,
    pub previous: Version,
    pub clauses: usize,
    pub notified: usize,
}

/// Publish the draft `label` as a new, immutable version.
pub fn publish(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    release: &Release,
    staff: &Actor,
    base_url: &str,
    now: NaiveDateTime,
) -> Result<Published, DraftError> {
    match release.status {
        VersionStatus::Open => match release.window {
            Some((o, c)) if o < c && c > now => {}
            Some((o, c)) if o >= c => return refuse(t("drafting-err-window-order")),
            Some(_) => return refuse(t("drafting-err-window-past")),
            None => return refuse(t("drafting-err-window-missing")),
        },
        VersionStatus::Closed | VersionStatus::Final => {}
        other => return refuse(t1("drafting-err-bad-status", "status", other.as_str())),
    }
    write_tx(conn, |conn| {
        let draft = Draft::by_label(conn, standard.id, label)?;
        if draft.is_published() {
            return refuse(t1("drafting-err-already-published", "version", label));
        }
        let previous = Version::by_id(conn, draft.base_version_id)?;
        match latest_published(conn, standard.id)? {
            Some(latest) if latest.id == previous.id => {}
            _ => return refuse(t1("drafting-err-not-latest", "version", &previous.label)),
        }
        if Version::by_label(conn, standard.id, label)
            .optional()?
            .is_some()
        {
            return refuse(t1("drafting-err-label-exists", "version", label));
        }
        let source = release_source(&draft, release)
            .map_err(|e| DraftError::Refused(t1("drafting-err-front-unreadable", "problem", e)))?;
        let base = ClauseRow::clauses_of(conn, previous.id)?;
        let file = format!("{label}.md");
        let parsed = parse_version(&file, source.as_bytes(), Some(&base)).map_err(|e| {
            DraftError::Refused(t1("drafting-err-does-not-parse", "problem", e.to_string()))
        })?;
        if parsed.front.label != label {
            return refuse(t2(
                "drafting-err-label-mismatch",
                "found",
                &parsed.front.label,
                "version",
                label,
            ));
        }
        let open: Vec<String> = checklist::checklist(conn, standard, &previous, &parsed)?
            .into_iter()
            .filter(|c| !release.acknowledged.iter().any(|a| a == c.id))
            .map(|c| c.title)
            .collect();
        if !open.is_empty() {
            return refuse(t1("drafting-err-checklist-open", "items", open.join(" ")));
        }
        let position = Version::for_standard(conn, standard.id)?
            .iter()
            .map(|v| v.position)
            .max()
            .unwrap_or(0)
            + 1;
        let source_path = format!("{}/{file}", standard.slug);
        let version = crate::standard::import::insert_version(
            conn,
            &crate::standard::import::new_version(
                &parsed,
                standard.id,
                position,
                &source_path,
                now,
            ),
            &parsed.clauses,
        )?;
        let closes = previous.comment_closes.map(|c| c.min(now));
        let opens = previous.comment_opens.map(|o| match closes {
            Some(c) => o.min(c),
            None => o,
        });
        Version::set_window(conn, previous.id, VersionStatus::Superseded, opens, closes)?;
        crate::comments::dispositions::review::release_approved(
            conn,
            base_url.trim_end_matches('/'),
            standard,
            &previous,
            staff,
            now,
        )?;
        let keys: Vec<String> = parsed.clauses.iter().map(|c| c.key.clone()).collect();
        for comment_id in Disposition::settle_resolved_version(conn, previous.id, label, &keys)? {
            ledger::append(
                conn,
                ledger::kinds::DISPOSITION_RESOLVED,
                Some(comment_id),
                serde_json::json!({"comment_id": comment_id, "resolved_version": label}),
                now,
            )?;
        }
        Draft::mark_published(conn, draft.id, version.id)?;
        let base_url = base_url.trim_end_matches('/');
        // Written for each follower in the language they follow in.
        let notified = crate::subscriptions::notify_subscribers_in(
            conn,
            standard.id,
            || published_notice(standard, &version, &previous.label, base_url),
            base_url,
        )?;
        audit::record_at(
            conn,
            &audit::Event::by(staff, audit::actions::VERSION_PUBLISHED)
                .on_version(standard.id, version.id)
                .target(format!("{} version {label}", standard.slug))
                .detail(format!(
                    "Published as {} with {} clauses (SHA-256 {}); version {} superseded.",
                    // The record is kept in English, whoever publishes.
                    crate::i18n::with(crate::i18n::Lang::En, || version.status().display())
                        .to_lowercase(),
                    parsed.clauses.len(),
                    &version.sha256[..12],
                    previous.label
                ))
                .public(),
            now,
        )?;
        Ok(Published {
            clauses: parsed.clauses.len(),
            version,
            previous,
            notified,
        })
    })
}

/// The subject and text of the mail telling followers that `version` is
/// published, in the current language.
fn published_notice(
    standard: &Standard,
    version: &Version,
    previous: &str,
    base_url: &str,
) -> (String, String) {
    let (title, slug, label) = (&standard.title, &standard.slug, &version.label);
    let window = match (version.comment_opens, version.comment_closes) {
        (Some(o), Some(c)) if version.status() == VersionStatus::Open => format!(
            "{}\n\n",
            t2(
                "drafting-mail-published-window",
                "opens",
                crate::clock::local_time(o, standard.tz()),
                "closes",
                crate::clock::local_time(c, standard.tz()),
            )
        ),
        _ => String::new(),
    };
    let text = format!(
        "{}\n\n{window}{}\n{base_url}/standards/{slug}/{label}\n\n\
         {}\n{base_url}/standards/{slug}/compare/{previous}...{label}\n\n\
         {}\n{base_url}/standards/{slug}/{previous}/dispositions\n",
        t2("drafting-mail-published", "version", label, "title", title),
        t("drafting-mail-published-read"),
        t1("drafting-mail-published-changes", "previous", previous),
        t1("drafting-mail-published-decisions", "previous", previous),
    );
    let subject = t2(
        "drafting-mail-published-subject",
        "title",
        title,
        "version",
        label,
    );
    (subject, text)
}
