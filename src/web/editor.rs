//! The editors' feedback pages in the browser: the overview of every
//! standard, the workspace of one version (built by
//! `crate::comments::workspace`) with its filters, and the forms that record
//! dispositions (one comment, or a whole campaign at once). Editors and
//! admins only; this file checks, calls the domain and renders.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::auth::Staff;
use super::comments::settings;
use super::pages::find_published;
use super::respond::private_page;
use super::staff::see_other;
use super::views::VersionView;
use super::{csrf, AppState};
use crate::comments::dispositions::{self, Decision, DispositionError, NextVersion};
use crate::comments::workspace::{self, Campaign, Filters, IndexStandard, Section, Workspace};
use crate::db::models::{Outcome, Standard};
use crate::error::AppError;

/// One choice in a `<select>`.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn options(choices: &[(&str, String)], current: &str) -> Vec<Opt> {
    choices
        .iter()
        .map(|(v, l)| Opt {
            value: v.to_string(),
            label: l.clone(),
            selected: *v == current,
        })
        .collect()
}

/// Choices whose labels are catalogue keys, in the current language.
fn keyed<'a>(choices: &[(&'a str, &str)]) -> Vec<(&'a str, String)> {
    choices
        .iter()
        .map(|(v, key)| (*v, crate::i18n::t(key)))
        .collect()
}

/// Every outcome, as (value, label).
fn outcome_choices() -> impl Iterator<Item = (&'static str, String)> {
    Outcome::ALL.iter().map(|o| (o.as_str(), o.display()))
}

fn outcome_options(current: &str) -> Vec<Opt> {
    let mut choices = keyed(&[("", "editor-choose-outcome")]);
    choices.extend(outcome_choices());
    options(&choices, current)
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
    office_options: Vec<Opt>,
    from_offices: i64,
    total: i64,
    decided: i64,
    shown: i64,
    by_status: Vec<(String, i64)>,
    by_outcome: Vec<(String, i64)>,
    campaigns: Vec<Campaign>,
    sections: Vec<Section>,
    /// The feedback page's own address, without a query.
    base: String,
    first_href: Option<String>,
    prev_href: Option<String>,
    next_href: Option<String>,
    notice: Option<String>,
    draft_label: Option<String>,
    draft_href: String,
    next_text: String,
    /// Decisions are held for review and release.
    review: bool,
    /// Decisions of this version waiting for release.
    waiting: i64,
    release_href: String,
    open_replies: Vec<crate::comments::dispositions::review::OpenReply>,
    no_decision_action: String,
    /// Moderators and admins also get the moderation forms.
    can_moderate: bool,
}

impl FeedbackPage {
    /// This page, at comment `id`: where a moderation form comes back to.
    fn back_to(&self, id: &i32) -> String {
        format!("{}{}#item-{id}", self.base, self.return_to)
    }

    /// A campaign's heading: its number, size and how many are decided.
    fn campaign_heading(&self, g: &Campaign) -> String {
        crate::i18n::current().t_with(
            "editor-campaign-heading",
            &[
                ("number", &g.number),
                ("size", &g.size),
                ("decided", &g.decided),
            ],
        )
    }

    /// The outcomes of a decision form, `current` chosen.
    fn outcomes(&self, current: &str) -> Vec<Opt> {
        outcome_options(current)
    }

    fn new(w: Workspace, f: Filters, staff_name: String, csrf_token: String) -> FeedbackPage {
        let (standard, version) = (w.standard, w.version);
        let base = crate::urls::editor_feedback(&standard.slug, &version.label);
        let page = |key: &str, id: Option<i32>| {
            id.map(|id| format!("{base}{}", f.query_with(key, &id.to_string())))
        };
        let prev_href = page("before", w.paging.prev_before);
        let next_href = page("after", w.paging.next_after);
        let first_href = prev_href.as_ref().map(|_| format!("{base}{}", f.query()));
        let mut disposition = keyed(&[
            ("", "editor-filter-any"),
            ("none", "editor-filter-no-decision"),
            ("open", "editor-filter-still-open"),
            ("any", "editor-filter-decided"),
        ]);
        disposition.extend(outcome_choices());
        FeedbackPage {
            version: VersionView::new(&version, standard.tz()),
            staff_name,
            csrf_token,
            action: crate::urls::editor_dispositions(&standard.slug, &version.label),
            return_to: match (f.after, f.before, f.from.as_str()) {
                (Some(id), _, _) => f.query_with("after", &id.to_string()),
                (_, Some(id), _) => f.query_with("before", &id.to_string()),
                (_, _, "") => f.query(),
                (_, _, from) => f.query_with("from", from),
            },
            filtered: f.is_active(),
            kind_options: options(&keyed(KIND_CHOICES), &f.kind),
            status_options: options(&keyed(STATUS_CHOICES), &f.status),
            disposition_options: options(&disposition, &f.disposition),
            proposed_options: options(&keyed(PROPOSED_CHOICES), &f.proposed),
            office_options: options(&keyed(OFFICE_CHOICES), &f.office),
            from_offices: w.from_offices,
            notice: notice(&f, w.review),
            draft_href: match &w.draft {
                Some(d) => crate::urls::editor_draft(&standard.slug, &d.label),
                None => "/editor/feedback".to_string(),
            },
            draft_label: w.draft.map(|d| d.label),
            next_text: next_text(&w.next),
            review: w.review,
            waiting: w.waiting,
            release_href: crate::urls::editor_release(&standard.slug, &version.label),
            open_replies: w.open_replies,
            no_decision_action: crate::urls::editor_no_decision(&standard.slug, &version.label),
            can_moderate: false,
            filters: f,
            total: w.total,
            decided: w.decided,
            shown: w.shown,
            by_status: w.by_status,
            by_outcome: w.by_outcome,
            base,
            first_href,
            prev_href,
            next_href,
            campaigns: w.campaigns,
            sections: w.sections,
            standard,
        }
    }
}

const KIND_CHOICES: &[(&str, &str)] = &[
    ("", "editor-kind-any"),
    ("general", "editor-kind-general"),
    ("technical", "editor-kind-technical"),
    ("editorial", "editor-kind-editorial"),
];

const STATUS_CHOICES: &[(&str, &str)] = &[
    ("", "editor-status-any"),
    ("published", "editor-status-published"),
    ("pending", "editor-status-pending"),
    ("hidden", "editor-status-hidden"),
    ("spam", "editor-status-spam"),
    ("unverified", "editor-status-unverified"),
];

const OFFICE_CHOICES: &[(&str, &str)] = &[
    ("", "editor-office-any"),
    ("yes", "editor-office-yes"),
    ("no", "editor-office-no"),
];

const PROPOSED_CHOICES: &[(&str, &str)] = &[
    ("", "editor-proposed-any"),
    ("yes", "editor-proposed-yes"),
    ("no", "editor-proposed-no"),
];

/// What the last form did, from the address it returned to.
fn notice(f: &Filters, review: bool) -> Option<String> {
    if let Some(n) = f.waived {
        return Some(crate::i18n::t1("editor-notice-waived", "count", n));
    }
    match (f.done, &f.accepted) {
        (Some(n), _) if review => Some(crate::i18n::t1("editor-notice-draft-saved", "count", n)),
        (Some(n), _) => Some(crate::i18n::t1("editor-notice-recorded", "count", n)),
        (None, Some(t)) => Some(crate::i18n::t1("editor-notice-accepted", "tracking", t)),
        _ => None,
    }
}

fn next_text(next: &NextVersion) -> String {
    match (&next.label, next.published) {
        (Some(l), true) => crate::i18n::t1("editor-next-published", "version", l),
        (Some(l), false) => crate::i18n::t1("editor-next-draft", "version", l),
        (None, _) => crate::i18n::t("editor-next-none"),
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
    let (slug, label) = path.into_inner();
    let filters = query.into_inner();
    filters.check().map_err(AppError::BadRequest)?;
    let f = filters.clone();
    let w = state
        .db(move |conn| Ok(workspace::load(conn, &slug, &label, &f)?))
        .await?;
    let can_moderate = staff.require(&super::auth::MODERATORS).is_ok();
    let mut page = FeedbackPage::new(w, filters, staff.name, csrf::token(&req));
    page.can_moderate = can_moderate;
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
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let form = form.into_inner();
    let ids = dispositions::parse_ids(&form.comment_ids).map_err(AppError::BadRequest)?;
    let decision =
        Decision::parse(&form.outcome, &form.rationale, &form.clause_key).map_err(|m| {
            AppError::BadRequest(crate::i18n::t1("editor-nothing-recorded", "message", m))
        })?;
    let settings = settings(&state);
    let back = format!(
        "{}{}",
        crate::urls::editor_feedback(&slug, &label),
        safe_query(&form.return_to)
    );
    let first = ids[0];
    let n =
        state
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
                    Err(DispositionError::Refused(m)) => Err(AppError::BadRequest(
                        crate::i18n::t1("editor-nothing-recorded", "message", m),
                    )),
                    Err(DispositionError::Db(e)) => Err(e.into()),
                }
            })
            .await?;
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!("{back}{sep}done={n}#item-{first}")))
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
    let standards = state.db(|conn| Ok(workspace::index(conn)?)).await?;
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
    fn only_query_strings_of_our_own_making_are_returned_to() {
        let f = Filters {
            kind: "technical".into(),
            q: "two keys & seals".into(),
            ..Filters::default()
        };
        assert_eq!(safe_query(&f.query()), f.query());
        assert_eq!(safe_query("?x=1\r\nLocation: //evil"), "");
        assert_eq!(safe_query("//evil.example"), "");
    }
}
