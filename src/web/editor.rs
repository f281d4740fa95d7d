//! The editors' feedback workspace: every comment of a version grouped by
//! clause, filters and search, near-duplicate campaigns, and the forms that
//! record dispositions (one comment, or a whole campaign at once).
//!
//! Editors and admins only. Filtering happens in memory on one query's
//! rows, so it works the same on both database backends; campaigns are
//! found over every published comment of the version whatever the filter,
//! so a campaign is always shown whole.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use diesel::OptionalExtension;
use serde::Deserialize;

use super::auth::{Role, Staff};
use super::comments::settings;
use super::pages::find_published;
use super::respond::private_page;
use super::staff::see_other;
use super::views::VersionView;
use super::{csrf, AppState};
use crate::comments::campaigns;
use crate::comments::dispositions::{self, Decision, DispositionError, NextVersion};
use crate::comments::threads::{CommentView, ReplyTo};
use crate::db::models::{
    ClauseRow, Comment, CommentKind, CommentStatus, Disposition, Draft, DraftAcceptance, Outcome,
    Standard, Version,
};
use crate::error::AppError;

/// Who may use the workspace, the drafts and the disposition forms.
pub const ROLES: [Role; 2] = [Role::Editor, Role::Admin];

/// One choice in a `<select>`.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn options(choices: &[(&str, &str)], current: &str) -> Vec<Opt> {
    choices
        .iter()
        .map(|(v, l)| Opt {
            value: v.to_string(),
            label: l.to_string(),
            selected: *v == current,
        })
        .collect()
}

fn outcome_options(current: &str) -> Vec<Opt> {
    let mut choices: Vec<(&str, &str)> = vec![("", "Choose an outcome")];
    choices.extend(Outcome::ALL.iter().map(|o| (o.as_str(), o.display())));
    options(&choices, current)
}

/// The workspace's query: filters, and what was just done.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub status: String,
    /// An outcome, `none` (no decision yet) or `any`.
    #[serde(default)]
    pub disposition: String,
    /// `yes` or `no`.
    #[serde(default)]
    pub proposed: String,
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub q: String,
    /// How many comments the last form decided.
    #[serde(default)]
    pub done: Option<usize>,
    /// The comment whose proposed text was just taken into the draft.
    #[serde(default)]
    pub accepted: Option<String>,
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Filters {
    fn is_active(&self) -> bool {
        [
            &self.kind,
            &self.status,
            &self.disposition,
            &self.proposed,
            &self.org,
            &self.q,
        ]
        .iter()
        .any(|f| !f.trim().is_empty())
    }

    /// The filters as a query string (`?kind=technical&q=seal`), or "".
    pub fn query(&self) -> String {
        let pairs: Vec<String> = [
            ("kind", &self.kind),
            ("status", &self.status),
            ("disposition", &self.disposition),
            ("proposed", &self.proposed),
            ("org", &self.org),
            ("q", &self.q),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v.trim())))
        .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    fn check(&self) -> Result<(), AppError> {
        let bad = |what: &str, v: &str, allowed: &str| {
            Err(AppError::BadRequest(format!(
                "“{v}” is not a {what} filter: use {allowed}, or leave it empty."
            )))
        };
        if !self.kind.is_empty() && self.kind.parse::<CommentKind>().is_err() {
            return bad("type", &self.kind, "general, technical or editorial");
        }
        if !self.status.is_empty() && self.status.parse::<CommentStatus>().is_err() {
            return bad(
                "status",
                &self.status,
                "published, pending, hidden, spam or unverified",
            );
        }
        if !["", "none", "any"].contains(&self.disposition.as_str())
            && self.disposition.parse::<Outcome>().is_err()
        {
            return bad(
                "disposition",
                &self.disposition,
                "none, any or one of the outcomes",
            );
        }
        if !["", "yes", "no"].contains(&self.proposed.as_str()) {
            return bad("proposed-text", &self.proposed, "yes or no");
        }
        Ok(())
    }

    fn admits(&self, c: &Comment, org: Option<&str>, decided: Option<&Disposition>) -> bool {
        if self.status.is_empty() {
            // Unconfirmed submissions are not comments yet.
            if c.status() == CommentStatus::Unverified {
                return false;
            }
        } else if c.status != self.status {
            return false;
        }
        if !self.kind.is_empty() && c.kind != self.kind {
            return false;
        }
        match self.disposition.as_str() {
            "" => {}
            "none" if decided.is_some() => return false,
            "any" if decided.is_none() => return false,
            "none" | "any" => {}
            outcome if decided.map(|d| d.outcome.as_str()) != Some(outcome) => return false,
            _ => {}
        }
        match self.proposed.as_str() {
            "yes" if c.proposed_text.is_none() => return false,
            "no" if c.proposed_text.is_some() => return false,
            _ => {}
        }
        let org_filter = self.org.trim().to_lowercase();
        if !org_filter.is_empty()
            && !org
                .map(|o| o.to_lowercase().contains(&org_filter))
                .unwrap_or(false)
        {
            return false;
        }
        let q = self.q.trim().to_lowercase();
        if !q.is_empty() {
            let in_body = c.body_md.to_lowercase().contains(&q);
            let in_proposed = c
                .proposed_text
                .as_deref()
                .is_some_and(|p| p.to_lowercase().contains(&q));
            if !in_body && !in_proposed {
                return false;
            }
        }
        true
    }
}

/// One comment in the workspace.
pub struct Item {
    pub c: CommentView,
    pub status: String,
    pub published: bool,
    /// The campaign it belongs to (its number on the page).
    pub campaign: Option<usize>,
    pub outcome: String,
    pub rationale: String,
    pub clause_key: String,
    /// Where its proposed text was taken: "the draft of version 2".
    pub accepted_in: Option<String>,
    /// It has proposed text for a clause, and a draft can take it.
    pub can_accept: bool,
    pub outcomes: Vec<Opt>,
}

/// A clause (or the whole version) and its comments.
pub struct Section {
    pub anchor: String,
    pub title: String,
    pub href: String,
    pub total: usize,
    pub items: Vec<Item>,
}

/// One member of a campaign, as listed with it.
pub struct Member {
    pub id: i32,
    pub tracking_number: String,
    pub author: String,
    pub on: String,
    pub outcome: String,
}

/// A group of near-duplicate comments.
pub struct Campaign {
    pub number: usize,
    pub members: Vec<Member>,
    pub ids: String,
    pub excerpt: String,
    pub decided: usize,
    pub clause_key: String,
    pub outcomes: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "editor/feedback.html")]
struct FeedbackPage {
    standard: Standard,
    version: VersionView,
    staff_name: String,
    csrf_token: String,
    action: String,
    return_to: String,
    filters: Filters,
    filtered: bool,
    kind_options: Vec<Opt>,
    status_options: Vec<Opt>,
    disposition_options: Vec<Opt>,
    proposed_options: Vec<Opt>,
    total: usize,
    decided: usize,
    shown: usize,
    campaigns: Vec<Campaign>,
    sections: Vec<Section>,
    notice: Option<String>,
    draft_label: Option<String>,
    draft_href: String,
    next_text: String,
}

fn excerpt(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        all.join(" ")
    } else {
        format!("{} …", all[..words].join(" "))
    }
}

/// `GET /editor/standards/{slug}/{label}/feedback`
pub async fn feedback(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    query: web::Query<Filters>,
) -> Result<HttpResponse, AppError> {
    staff.require(&ROLES)?;
    let (slug, label) = path.into_inner();
    let filters = query.into_inner();
    filters.check()?;
    let f = filters.clone();
    let page = state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let tz = standard.tz();
            let clauses = ClauseRow::for_version(conn, version.id)?;
            let rows = Comment::all_for_version(conn, version.id)?;
            let decided: HashMap<i32, Disposition> = Disposition::for_version(conn, version.id)?
                .into_iter()
                .map(|d| (d.comment_id, d))
                .collect();
            let ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
            let drafts: HashMap<i32, String> = Draft::for_standard(conn, standard.id)?
                .into_iter()
                .map(|d| (d.id, d.label))
                .collect();
            let accepted: HashMap<i32, String> = DraftAcceptance::for_comments(conn, &ids)?
                .into_iter()
                .map(|a| {
                    let label = drafts.get(&a.draft_id).cloned().unwrap_or_default();
                    (a.comment_id, label)
                })
                .collect();
            let draft = Draft::open_for_base(conn, version.id)?;
            let next = NextVersion::load(conn, &version)?;
            let next_keys: Vec<String> = next.keys.clone().unwrap_or_default();
            let mut notes = dispositions::notes_for(conn, &standard, &ids)?;

            // Campaigns, over every published comment whatever the filter.
            let published: Vec<&(Comment, crate::db::models::Author)> = rows
                .iter()
                .filter(|(c, _)| c.status() == CommentStatus::Published)
                .collect();
            let texts: Vec<(i32, String)> = published
                .iter()
                .map(|(c, _)| {
                    (
                        c.id,
                        format!("{}\n{}", c.body_md, c.proposed_text.as_deref().unwrap_or("")),
                    )
                })
                .collect();
            let refs: Vec<(i32, &str)> = texts.iter().map(|(i, t)| (*i, t.as_str())).collect();
            let groups = campaigns::group(&refs);
            let mut campaign_of: HashMap<i32, usize> = HashMap::new();
            let clause_name = |key: Option<&str>| match key {
                None => "the whole version".to_string(),
                Some(k) => clauses
                    .iter()
                    .find(|c| c.clause_key == k)
                    .map(|c| format!("clause {}", c.numbered_heading()))
                    .unwrap_or_else(|| format!("clause “{k}”")),
            };
            let mut campaign_views = Vec::with_capacity(groups.len());
            for (i, g) in groups.iter().enumerate() {
                let number = i + 1;
                let mut members = Vec::with_capacity(g.len());
                for id in g {
                    campaign_of.insert(*id, number);
                    if let Some((c, a)) = rows.iter().find(|(c, _)| c.id == *id) {
                        members.push(Member {
                            id: c.id,
                            tracking_number: c.tracking_number.clone(),
                            author: a.display_name.clone(),
                            on: clause_name(c.clause_key.as_deref()),
                            outcome: decided
                                .get(&c.id)
                                .map(|d| d.outcome().display().to_string())
                                .unwrap_or_default(),
                        });
                    }
                }
                let first = rows.iter().find(|(c, _)| Some(&c.id) == g.first());
                campaign_views.push(Campaign {
                    number,
                    decided: members.iter().filter(|m| !m.outcome.is_empty()).count(),
                    ids: g
                        .iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                    excerpt: first.map(|(c, _)| excerpt(&c.body_md, 40)).unwrap_or_default(),
                    clause_key: first
                        .and_then(|(c, _)| c.clause_key.clone())
                        .filter(|k| next_keys.contains(k))
                        .unwrap_or_default(),
                    members,
                    outcomes: outcome_options(""),
                });
            }

            // Sections: the whole version first, then clauses in order.
            let mut sections: Vec<Section> = Vec::with_capacity(clauses.len() + 1);
            sections.push(Section {
                anchor: "whole-version".to_string(),
                title: "The whole version".to_string(),
                href: format!("/standards/{}/{}", standard.slug, version.label),
                total: 0,
                items: Vec::new(),
            });
            for c in &clauses {
                sections.push(Section {
                    anchor: format!("clause-{}", c.clause_key),
                    title: format!("Clause {}", c.numbered_heading()),
                    href: format!(
                        "/standards/{}/{}/clauses/{}",
                        standard.slug, version.label, c.clause_key
                    ),
                    total: 0,
                    items: Vec::new(),
                });
            }
            let names: HashMap<i32, String> = rows
                .iter()
                .map(|(c, a)| (c.id, a.display_name.clone()))
                .collect();
            let (mut total, mut decided_count, mut shown) = (0, 0, 0);
            for (c, a) in &rows {
                if c.status() == CommentStatus::Unverified && f.status.is_empty() {
                    continue;
                }
                let idx = match c.clause_key.as_deref() {
                    None => 0,
                    Some(k) => match clauses.iter().position(|cl| cl.clause_key == k) {
                        Some(i) => i + 1,
                        None => {
                            sections.push(Section {
                                anchor: format!("clause-{k}"),
                                title: format!("Clause “{k}” (not in this version)"),
                                href: String::new(),
                                total: 0,
                                items: Vec::new(),
                            });
                            sections.len() - 1
                        }
                    },
                };
                total += 1;
                sections[idx].total += 1;
                let d = decided.get(&c.id);
                if d.is_some() {
                    decided_count += 1;
                }
                if !f.admits(c, a.organization.as_deref(), d) {
                    continue;
                }
                shown += 1;
                let clause = c
                    .clause_key
                    .as_deref()
                    .and_then(|k| clauses.iter().find(|cl| cl.clause_key == k));
                let reply = c.parent_id.map(|id| ReplyTo {
                    id,
                    name: names
                        .get(&id)
                        .cloned()
                        .unwrap_or_else(|| "an earlier comment".to_string()),
                });
                let mut view = CommentView::new(c, a, tz, clause, reply);
                view.disposition = notes.remove(&c.id);
                let is_published = c.status() == CommentStatus::Published;
                sections[idx].items.push(Item {
                    status: c.status.clone(),
                    published: is_published,
                    campaign: campaign_of.get(&c.id).copied(),
                    outcome: d.map(|d| d.outcome.clone()).unwrap_or_default(),
                    outcomes: outcome_options(d.map_or("", |d| d.outcome.as_str())),
                    rationale: d.map(|d| d.rationale.clone()).unwrap_or_default(),
                    clause_key: match d {
                        Some(d) => d.resolved_clause_key.clone().unwrap_or_default(),
                        None => c
                            .clause_key
                            .clone()
                            .filter(|k| next_keys.contains(k))
                            .unwrap_or_default(),
                    },
                    accepted_in: accepted
                        .get(&c.id)
                        .map(|l| format!("the draft of version {l}")),
                    can_accept: is_published
                        && draft.is_some()
                        && c.clause_key.is_some()
                        && c.proposed_text.is_some()
                        && !accepted.contains_key(&c.id),
                    c: view,
                });
            }
            sections.retain(|s| !s.items.is_empty());
            let next_text = match (&next.label, next.published) {
                (Some(l), true) => format!(
                    "Resolving clauses are checked against version {l}, which is published."
                ),
                (Some(l), false) => format!(
                    "Resolving clauses are checked against the draft of version {l}."
                ),
                (None, _) => "There is no draft of the next version yet: resolving clauses are checked against this version's clauses.".to_string(),
            };
            Ok(FeedbackPage {
                version: VersionView::new(&version, tz),
                staff_name: String::new(),
                csrf_token: String::new(),
                action: format!(
                    "/editor/standards/{}/{}/dispositions",
                    standard.slug, version.label
                ),
                return_to: f.query(),
                filtered: f.is_active(),
                kind_options: options(
                    &[
                        ("", "Any type"),
                        ("general", "General"),
                        ("technical", "Technical"),
                        ("editorial", "Editorial"),
                    ],
                    &f.kind,
                ),
                status_options: options(
                    &[
                        ("", "Any (except unconfirmed)"),
                        ("published", "Published"),
                        ("pending", "Waiting for a moderator"),
                        ("hidden", "Hidden"),
                        ("spam", "Spam"),
                        ("unverified", "Unconfirmed by their author"),
                    ],
                    &f.status,
                ),
                disposition_options: {
                    let mut d: Vec<(&str, &str)> = vec![
                        ("", "Any"),
                        ("none", "No decision yet"),
                        ("any", "Decided"),
                    ];
                    d.extend(Outcome::ALL.iter().map(|o| (o.as_str(), o.display())));
                    options(&d, &f.disposition)
                },
                proposed_options: options(
                    &[
                        ("", "Either"),
                        ("yes", "With proposed text"),
                        ("no", "Without proposed text"),
                    ],
                    &f.proposed,
                ),
                notice: match (f.done, &f.accepted) {
                    (Some(1), _) => Some("Disposition recorded; the commenter will be emailed.".to_string()),
                    (Some(n), _) => Some(format!(
                        "Disposition recorded for {n} comments; each commenter will be emailed."
                    )),
                    (None, Some(t)) => Some(format!(
                        "The proposed text of comment {t} is now in the draft."
                    )),
                    _ => None,
                },
                draft_href: match &draft {
                    Some(d) => format!("/editor/standards/{}/drafts/{}", standard.slug, d.label),
                    None => "/editor/feedback".to_string(),
                },
                draft_label: draft.map(|d| d.label),
                next_text,
                filters: f,
                total,
                decided: decided_count,
                shown,
                campaigns: campaign_views,
                sections,
                standard,
            })
        })
        .await?;
    let page = FeedbackPage {
        staff_name: staff.name,
        csrf_token: csrf::token(&req),
        ..page
    };
    private_page(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct DispositionForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    comment_ids: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    rationale: String,
    #[serde(default)]
    clause_key: String,
    /// The workspace's filters, to return to.
    #[serde(default)]
    return_to: String,
}

/// A query string of our own making, or nothing.
fn safe_query(q: &str) -> &str {
    let ok = q.starts_with('?')
        && q.chars()
            .all(|c| c.is_ascii_alphanumeric() || "?&=%-._~+".contains(c));
    if ok {
        q
    } else {
        ""
    }
}

/// `POST /editor/standards/{slug}/{label}/dispositions`: decide one
/// comment, or every comment of a campaign.
pub async fn record(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<DispositionForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(&ROLES)?;
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let form = form.into_inner();
    let ids = dispositions::parse_ids(&form.comment_ids).map_err(AppError::BadRequest)?;
    let decision = Decision::parse(&form.outcome, &form.rationale, &form.clause_key)
        .map_err(|m| AppError::BadRequest(format!("{m} Nothing was recorded.")))?;
    let settings = settings(&state);
    let back = format!(
        "/editor/standards/{slug}/{label}/feedback{}",
        safe_query(&form.return_to)
    );
    let first = ids[0];
    let n = state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            match dispositions::record(
                conn,
                &settings,
                &standard,
                &version,
                &staff,
                &ids,
                &decision,
                Utc::now().naive_utc(),
            ) {
                Ok(n) => Ok(n),
                Err(DispositionError::Refused(m)) => {
                    Err(AppError::BadRequest(format!("{m} Nothing was recorded.")))
                }
                Err(DispositionError::Db(e)) => Err(e.into()),
            }
        })
        .await?;
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!("{back}{sep}done={n}#item-{first}")))
}

/// One version in the editors' index.
pub struct IndexVersion {
    pub label: String,
    pub status: &'static str,
    pub comments: i64,
    pub decided: usize,
    pub feedback_href: String,
    pub report_href: String,
}

/// One standard in the editors' index.
pub struct IndexStandard {
    pub slug: String,
    pub title: String,
    pub versions: Vec<IndexVersion>,
    /// The open draft: (label, address).
    pub draft: Option<(String, String)>,
    /// The label a new draft would get, when one can be started.
    pub next_label: Option<String>,
}

#[derive(Template)]
#[template(path = "editor/index.html")]
struct IndexPage {
    standards: Vec<IndexStandard>,
    csrf_token: String,
    staff_name: String,
}

/// `GET /editor/feedback`: every standard's versions, with how many
/// comments are decided, and its draft.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
) -> Result<HttpResponse, AppError> {
    staff.require(&ROLES)?;
    let standards = state
        .db(|conn| {
            let mut out = Vec::new();
            for s in Standard::all(conn)? {
                let mut versions = Vec::new();
                for v in Version::for_standard(conn, s.id)?.into_iter().rev() {
                    if !v.status().is_published() {
                        continue;
                    }
                    let comments: i64 = Comment::published_counts(conn, v.id)?
                        .into_iter()
                        .map(|(_, n)| n)
                        .sum();
                    let decided = Disposition::for_version(conn, v.id)?.len();
                    versions.push(IndexVersion {
                        feedback_href: format!("/editor/standards/{}/{}/feedback", s.slug, v.label),
                        report_href: format!("/standards/{}/{}/dispositions", s.slug, v.label),
                        status: v.status().display(),
                        label: v.label,
                        comments,
                        decided,
                    });
                }
                let latest = crate::drafts::latest_published(conn, s.id)?;
                let draft = match &latest {
                    Some(v) => Draft::open_for_base(conn, v.id)?,
                    None => None,
                };
                let next_label = match (&latest, &draft) {
                    (Some(v), None) => {
                        let l = crate::standard::edit::next_label(&v.label);
                        Version::by_label(conn, s.id, &l)
                            .optional()?
                            .is_none()
                            .then_some(l)
                    }
                    _ => None,
                };
                out.push(IndexStandard {
                    draft: draft.map(|d| {
                        let href = format!("/editor/standards/{}/drafts/{}", s.slug, d.label);
                        (d.label, href)
                    }),
                    next_label,
                    slug: s.slug,
                    title: s.title,
                    versions,
                });
            }
            Ok(out)
        })
        .await?;
    private_page(
        StatusCode::OK,
        &IndexPage {
            standards,
            csrf_token: csrf::token(&req),
            staff_name: staff.name,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_query_string() {
        let f = Filters {
            kind: "technical".into(),
            q: "two keys & seals".into(),
            ..Filters::default()
        };
        assert_eq!(f.query(), "?kind=technical&q=two%20keys%20%26%20seals");
        assert_eq!(safe_query(&f.query()), f.query());
        assert_eq!(safe_query("?x=1\r\nLocation: //evil"), "");
        assert_eq!(safe_query("//evil.example"), "");
        assert_eq!(Filters::default().query(), "");
    }
}
