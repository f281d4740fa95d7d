//! Review and release: a standard may hold its decisions back until they
//! have been checked. A decision recorded under review and release is a
//! draft that only staff see; an editor marks it ready; a second editor
//! (not the one who marked it ready) or an admin approves it; approved
//! decisions are released together, by hand or when the next version is
//! published.
//!
//! Policy: a draft lives in `decision_drafts`, apart from the public
//! decisions, so no page, feed, API answer, search index or tally (all
//! of which read `dispositions`) can show or count it. Releasing turns
//! every approved draft of a version into a disposition in one
//! transaction, with what an immediate decision gets (the ledger entry,
//! the commenter's email) and one public audit event: all of them or none.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::{OptionalExtension, QueryResult};

use super::{apply, Applied, Decision, DispositionError, NextVersion};
use crate::actor::{Actor, Role};
use crate::audit;
pub use crate::db::models::review::DraftState;
use crate::db::models::review::{self as rows, DecisionDraft};
use crate::db::models::{Author, ClauseRow, Comment, CommentStatus, Standard, Version};
use crate::db::{write_tx, DbConn};
use crate::i18n::{t1, t2, t_with_three};
use crate::standard::clause::naming::{self, by_key};

/// Audit actions of review and release.
pub mod actions {
    pub const MODE_CHANGED: &str = "release_mode.changed";
    pub const DRAFTED: &str = "decision.drafted";
    pub const MARKED_READY: &str = "decision.marked_ready";
    pub const APPROVED: &str = "decision.approved";
    pub const WITHDRAWN: &str = "decision.withdrawn";
    pub const RELEASED: &str = "decision.released";
    pub const NO_DECISION_NEEDED: &str = "decision.not_needed";
}

/// Most drafts the release page lists (the counts cover them all).
pub const LIST_LIMIT: i64 = 200;
/// Most replies the workspace offers to mark as needing no decision.
pub const REPLY_LIMIT: i64 = 50;

/// Whether `standard` holds its decisions for review and release.
pub fn is_review(conn: &mut DbConn, standard: &Standard) -> QueryResult<bool> {
    Ok(rows::release_mode(conn, standard.id)? == "review")
}

/// Choose how `standard` releases decisions: `immediate` or `review`.
/// Going back to immediate release is refused while decisions wait.
pub fn set_mode(
    conn: &mut DbConn,
    standard: &Standard,
    staff: &Actor,
    mode: &str,
    now: NaiveDateTime,
) -> Result<(), DispositionError> {
    let words = match mode {
        "immediate" => "each decision is public the moment it is recorded",
        "review" => "decisions are drafts until approved and released",
        other => {
            return Err(DispositionError::Refused(t1(
                "decisions-err-release-mode",
                "mode",
                other,
            )))
        }
    };
    write_tx(conn, |conn| {
        if mode == "immediate" {
            let waiting = waiting_in_standard(conn, standard)?;
            if waiting > 0 {
                return Err(DispositionError::Refused(t1(
                    "decisions-err-mode-waiting",
                    "count",
                    waiting,
                )));
            }
        }
        rows::set_release_mode(conn, standard.id, mode, staff.id, now)?;
        audit::record_at(
            conn,
            &audit::Event::by(staff, actions::MODE_CHANGED)
                .on_standard(standard.id)
                .target(standard.slug.clone())
                .detail(format!("Release of decisions: {mode} ({words}).")),
            now,
        )?;
        Ok(())
    })
}

/// Decisions waiting in any version of `standard`.
fn waiting_in_standard(conn: &mut DbConn, standard: &Standard) -> QueryResult<i64> {
    let mut n = 0;
    for v in Version::for_standard(conn, standard.id)? {
        n += rows::DecisionDraft::counts(conn, v.id)?
            .iter()
            .map(|(_, k)| k)
            .sum::<i64>();
    }
    Ok(n)
}

/// Save `decision` on each comment as a draft (the caller checked them
/// and holds the transaction). A comment's earlier draft is replaced and
/// starts its review again.
#[allow(clippy::too_many_arguments)]
pub(super) fn save_drafts(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    staff: &Actor,
    comments: &[(Comment, Author)],
    decision: &Decision,
    resolved_version: Option<&str>,
    group_id: Option<i32>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    for (c, _) in comments {
        DecisionDraft::save(
            conn,
            &DecisionDraft {
                comment_id: c.id,
                version_id: version.id,
                outcome: decision.outcome.as_str().to_string(),
                rationale: decision.rationale.clone(),
                resolved_version: resolved_version.map(str::to_string),
                resolved_clause_key: decision.resolved_clause_key.clone(),
                group_id,
                state: DraftState::Draft.as_str().to_string(),
                drafted_by: staff.id,
                drafted_at: now,
                ready_by: None,
                approved_by: None,
            },
        )?;
    }
    audit::record_at(
        conn,
        &audit::Event::by(staff, actions::DRAFTED)
            .on_version(standard.id, version.id)
            .target(tracking(comments.iter().map(|(c, _)| c)))
            .detail(format!(
                "{}. {} (draft, not yet public)",
                // Stored with the record: English whatever the editor's language.
                crate::i18n::with(crate::i18n::Lang::En, || decision.outcome.display()),
                decision.rationale
            )),
        now,
    )
}

fn tracking<'a>(comments: impl Iterator<Item = &'a Comment>) -> String {
    let numbers: Vec<&str> = comments.map(|c| c.tracking_number.as_str()).collect();
    match numbers.as_slice() {
        [one] => format!("comment {one}"),
        many => format!("{} comments ({})", many.len(), many.join(", ")),
    }
}

/// A step of review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Ready,
    Approve,
    Withdraw,
}

impl Step {
    pub fn parse(s: &str) -> Result<Step, String> {
        match s {
            "ready" => Ok(Step::Ready),
            "approve" => Ok(Step::Approve),
            "withdraw" => Ok(Step::Withdraw),
            other => Err(t1("decisions-err-review-step", "step", other)),
        }
    }
}

/// Take the drafts on the comments `ids` of `version` one step: all of
/// them, or (with the reason) none. Returns how many moved.
pub fn review(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    staff: &Actor,
    ids: &[i32],
    step: Step,
    now: NaiveDateTime,
) -> Result<usize, DispositionError> {
    let refuse = |m: String| Err(DispositionError::Refused(m));
    write_tx(conn, |conn| {
        let mut moved = Vec::with_capacity(ids.len());
        for &id in ids {
            let draft = DecisionDraft::find(conn, id)?.filter(|d| d.version_id == version.id);
            let Some(draft) = draft else {
                return refuse(t2(
                    "decisions-err-nothing-waiting",
                    "id",
                    id,
                    "version",
                    &version.label,
                ));
            };
            let c = Comment::find(conn, id)?;
            match (step, draft.state()) {
                (Step::Ready, DraftState::Draft) => {
                    DecisionDraft::set_state(conn, id, DraftState::Ready, staff.id)?;
                }
                (Step::Ready, _) => {
                    return refuse(t1(
                        "decisions-err-already-ready",
                        "tracking",
                        &c.tracking_number,
                    ))
                }
                (Step::Approve, DraftState::Ready) => {
                    if draft.ready_by == Some(staff.id) && !staff.is(Role::Admin) {
                        return refuse(t1(
                            "decisions-err-own-ready",
                            "tracking",
                            &c.tracking_number,
                        ));
                    }
                    DecisionDraft::set_state(conn, id, DraftState::Approved, staff.id)?;
                }
                (Step::Approve, DraftState::Draft) => {
                    return refuse(t1(
                        "decisions-err-not-ready",
                        "tracking",
                        &c.tracking_number,
                    ))
                }
                (Step::Approve, DraftState::Approved) => {
                    return refuse(t1(
                        "decisions-err-already-approved",
                        "tracking",
                        &c.tracking_number,
                    ))
                }
                (Step::Withdraw, _) => {
                    DecisionDraft::delete(conn, &[id])?;
                }
            }
            moved.push(c);
        }
        let (action, words) = match step {
            Step::Ready => (actions::MARKED_READY, "Marked ready for approval."),
            Step::Approve => (actions::APPROVED, "Approved for release."),
            Step::Withdraw => (actions::WITHDRAWN, "Draft decision withdrawn."),
        };
        audit::record_at(
            conn,
            &audit::Event::by(staff, action)
                .on_version(standard.id, version.id)
                .target(tracking(moved.iter()))
                .detail(words),
            now,
        )?;
        Ok(moved.len())
    })
}

/// Release every approved decision of `version` in one transaction.
/// Refused when none is approved.
pub fn release(
    conn: &mut DbConn,
    base_url: &str,
    standard: &Standard,
    version: &Version,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<usize, DispositionError> {
    write_tx(conn, |conn| {
        let n = release_approved(conn, base_url, standard, version, staff, now)?;
        if n == 0 {
            return Err(DispositionError::Refused(t1(
                "decisions-err-none-approved",
                "version",
                &version.label,
            )));
        }
        Ok(n)
    })
}

/// Release the approved decisions of `version` inside the caller's
/// transaction (publishing the next version calls this): each becomes
/// public, is added to the ledger and mailed as an immediate decision is.
/// Returns how many were released (none is not an error here).
pub fn release_approved(
    conn: &mut DbConn,
    base_url: &str,
    standard: &Standard,
    version: &Version,
    staff: &Actor,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let approved =
        DecisionDraft::of_version(conn, version.id, Some(DraftState::Approved), i64::MAX)?;
    if approved.is_empty() {
        return Ok(0);
    }
    let next = NextVersion::load(conn, version)?;
    let version_keys = ClauseRow::keys_for_version(conn, version.id)?;
    let mut released = Vec::with_capacity(approved.len());
    for d in &approved {
        let row = Comment::with_author(conn, d.comment_id)?;
        let decision = Decision {
            outcome: d
                .outcome
                .parse()
                .unwrap_or(crate::db::models::Outcome::Noted),
            rationale: d.rationale.clone(),
            resolved_clause_key: d.resolved_clause_key.clone(),
        };
        let applied = Applied {
            editor_id: d.drafted_by,
            resolved_version: d.resolved_version.as_deref(),
            group_id: d.group_id,
            next: &next,
            version_keys: &version_keys,
        };
        apply(
            conn, base_url, standard, version, &row, &decision, &applied, now,
        )?;
        released.push(row.0);
    }
    let ids: Vec<i32> = approved.iter().map(|d| d.comment_id).collect();
    DecisionDraft::delete(conn, &ids)?;
    audit::record_at(
        conn,
        &audit::Event::by(staff, actions::RELEASED)
            .on_version(standard.id, version.id)
            .target(tracking(released.iter()))
            .detail(format!(
                "{} approved decision{} released: now public, mailed and in the ledger.",
                released.len(),
                if released.len() == 1 { "" } else { "s" }
            ))
            .public(),
        now,
    )?;
    Ok(released.len())
}

/// Mark the replies `ids` of `version` as needing no decision (they only
/// agree). Each must be a published reply on the version without a
/// decision; all are marked, or none.
pub fn no_decision_needed(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    staff: &Actor,
    ids: &[i32],
    now: NaiveDateTime,
) -> Result<usize, DispositionError> {
    let refuse = |m: String| Err(DispositionError::Refused(m));
    write_tx(conn, |conn| {
        let mut marked = Vec::with_capacity(ids.len());
        for &id in ids {
            let Some(c) = Comment::find(conn, id).optional()? else {
                return refuse(t1("decisions-err-no-such-comment", "id", id));
            };
            if c.version_id != version.id {
                return refuse(t2(
                    "decisions-err-not-on-version",
                    "tracking",
                    &c.tracking_number,
                    "version",
                    &version.label,
                ));
            }
            if c.parent_id.is_none() {
                return refuse(t1(
                    "decisions-err-not-reply",
                    "tracking",
                    &c.tracking_number,
                ));
            }
            if c.status() != CommentStatus::Published {
                return refuse(t2(
                    "decisions-err-reply-not-published",
                    "tracking",
                    &c.tracking_number,
                    "status",
                    &c.status,
                ));
            }
            marked.push(c);
        }
        let decided = crate::db::models::Disposition::for_comments(conn, ids)?;
        if let Some(d) = decided.first() {
            let c = marked.iter().find(|c| c.id == d.comment_id);
            return refuse(t1(
                "decisions-err-already-decided",
                "tracking",
                c.map_or("", |c| c.tracking_number.as_str()),
            ));
        }
        let n = rows::waive(conn, ids, staff.id, now)?;
        audit::record_at(
            conn,
            &audit::Event::by(staff, actions::NO_DECISION_NEEDED)
                .on_version(standard.id, version.id)
                .target(tracking(marked.iter()))
                .detail("Marked as needing no decision (replies that only agree)."),
            now,
        )?;
        Ok(n)
    })
}

/// One decision waiting for release, as the release page lists it.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub comment_id: i32,
    pub tracking_number: String,
    pub on: String,
    pub outcome: String,
    pub rationale: String,
    /// Where it is resolved, in words: "version 3, clause “custody”,
    /// which is clause 1.1 (Chain of custody) in version 2".
    pub resolved_in: Option<String>,
    pub state: DraftState,
    pub drafted_by: String,
    pub ready_by: Option<String>,
    pub approved_by: Option<String>,
    /// The staff member looking may approve it now.
    pub can_approve: bool,
}

/// What the release page of a version shows.
pub struct Desk {
    pub standard: Standard,
    pub version: Version,
    pub review: bool,
    pub drafts: i64,
    pub ready: i64,
    pub approved: i64,
    /// The first [`LIST_LIMIT`] waiting decisions, by comment.
    pub waiting: Vec<Waiting>,
}

impl Desk {
    pub fn total(&self) -> i64 {
        self.drafts + self.ready + self.approved
    }

    /// The listed decisions in `state`, as a form's list of comment ids.
    pub fn ids(&self, state: DraftState, approvable_only: bool) -> String {
        self.waiting
            .iter()
            .filter(|w| w.state == state && (!approvable_only || w.can_approve))
            .map(|w| w.comment_id.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The release page of a published version, for `staff`.
pub fn desk(conn: &mut DbConn, slug: &str, label: &str, staff: &Actor) -> QueryResult<Desk> {
    let (standard, version) = Version::published_in(conn, slug, label)?;
    let review = is_review(conn, &standard)?;
    let mut count = HashMap::new();
    for (state, n) in DecisionDraft::counts(conn, version.id)? {
        count.insert(state, n);
    }
    let get = |s: DraftState| count.get(s.as_str()).copied().unwrap_or(0);
    let drafts = DecisionDraft::of_version(conn, version.id, None, LIST_LIMIT)?;
    let mut staff_ids: Vec<i32> = drafts
        .iter()
        .flat_map(|d| [Some(d.drafted_by), d.ready_by, d.approved_by])
        .flatten()
        .collect();
    staff_ids.sort_unstable();
    staff_ids.dedup();
    let names: HashMap<i32, String> = rows::staff_names(conn, &staff_ids)?.into_iter().collect();
    let name = |id: i32| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| t1("decisions-staff-fallback", "id", id))
    };
    let clauses = ClauseRow::for_version(conn, version.id)?;
    let ids: Vec<i32> = drafts.iter().map(|d| d.comment_id).collect();
    let comments: HashMap<i32, (String, Option<String>)> = rows::comment_places(conn, &ids)?
        .into_iter()
        .map(|(id, t, k)| (id, (t, k)))
        .collect();
    let waiting = drafts
        .into_iter()
        .filter_map(|d| {
            let (tracking_number, key) = comments.get(&d.comment_id)?;
            let clause = key
                .as_deref()
                .and_then(|k| clauses.iter().find(|cl| cl.clause_key == k));
            let state = d.state();
            Some(Waiting {
                comment_id: d.comment_id,
                tracking_number: tracking_number.clone(),
                on: crate::comments::clause_label_of(key.as_deref(), clause),
                outcome: d
                    .outcome
                    .parse::<crate::db::models::Outcome>()
                    .map_or(d.outcome.clone(), |o| o.display().to_string()),
                rationale: d.rationale.clone(),
                resolved_in: d.resolved_clause_key.as_deref().map(|k| {
                    let place = match &d.resolved_version {
                        Some(l) => t2("decisions-resolved-in", "version", l, "clause", by_key(k)),
                        None => t1("decisions-resolved-next", "clause", by_key(k)),
                    };
                    match clauses.iter().find(|cl| cl.clause_key == k) {
                        Some(cl) => t_with_three(
                            "decisions-resolved-which-is",
                            [
                                ("place", place),
                                ("clause", naming::full(&cl.number, &cl.heading)),
                                ("version", version.label.clone()),
                            ],
                        ),
                        None => place,
                    }
                }),
                state,
                drafted_by: name(d.drafted_by),
                ready_by: d.ready_by.map(name),
                approved_by: d.approved_by.map(name),
                can_approve: state == DraftState::Ready
                    && (d.ready_by != Some(staff.id) || staff.is(Role::Admin)),
            })
        })
        .collect();
    Ok(Desk {
        drafts: get(DraftState::Draft),
        ready: get(DraftState::Ready),
        approved: get(DraftState::Approved),
        standard,
        version,
        review,
        waiting,
    })
}

/// What the workspace shows of decisions not yet public on the listed
/// comments: the state of each one's draft, and those marked as needing
/// no decision.
pub fn pending_for(
    conn: &mut DbConn,
    ids: &[i32],
) -> QueryResult<(HashMap<i32, DecisionDraft>, Vec<i32>)> {
    let drafts = DecisionDraft::for_comments(conn, ids)?
        .into_iter()
        .map(|d| (d.comment_id, d))
        .collect();
    Ok((drafts, rows::waived(conn, ids)?))
}

/// One reply the workspace offers to mark as needing no decision.
#[derive(Debug, Clone)]
pub struct OpenReply {
    pub id: i32,
    pub tracking_number: String,
    pub author: String,
    /// The start of its text.
    pub excerpt: String,
}

/// Up to [`REPLY_LIMIT`] published replies of a version that are still
/// open (no decision, none drafted, not marked).
pub fn open_replies(conn: &mut DbConn, version: &Version) -> QueryResult<Vec<OpenReply>> {
    Ok(rows::open_replies(conn, version.id, REPLY_LIMIT)?
        .into_iter()
        .map(|(id, tracking_number, author, body)| {
            let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
            let excerpt = if flat.chars().count() > 160 {
                format!("{}…", flat.chars().take(160).collect::<String>())
            } else {
                flat
            };
            OpenReply {
                id,
                tracking_number,
                author,
                excerpt,
            }
        })
        .collect())
}

/// How a decision not yet released reads to staff beside its comment.
pub fn pending_text(p: &DecisionDraft) -> String {
    let outcome = p
        .outcome
        .parse::<crate::db::models::Outcome>()
        .map_or(p.outcome.clone(), |o| o.display().to_string());
    crate::i18n::t2(
        "editor-not-yet-released",
        "outcome",
        outcome,
        "state",
        p.state().as_str(),
    )
}
