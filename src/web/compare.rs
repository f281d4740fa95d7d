//! Comparing versions: the redline views, a clause's history, and the same
//! comparison as JSON.
//!
//! Any two published versions compare, in either direction. A comparison of
//! two published versions never changes, so each rendered view is kept in
//! the page cache until a version or its standard changes.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::views::VersionOption;
use super::AppState;
use super::{reading, respond};
use crate::comparison::{self, Appearance, History, Pair};
use crate::db::models::{Standard, VersionTranslation};
use crate::error::AppError;
use crate::redline::html::{self as rhtml, View};
use crate::redline::Redline;
use crate::standard::translation as tr;

#[derive(Debug, Deserialize)]
pub struct ViewQuery {
    #[serde(default)]
    view: Option<String>,
    /// `?text=es`: compare the versions' translations.
    #[serde(default)]
    text: Option<String>,
}

/// Which texts a comparison compares.
pub struct CompareText {
    /// The language of the texts compared.
    pub shown: &'static str,
    /// A translation asked for, when one of the versions lacks it (the
    /// English texts are compared instead).
    pub missing_tag: Option<&'static str>,
    /// The labels of the versions that lack it.
    pub missing: Vec<String>,
    /// A translation both versions have, to offer beside the English.
    pub offer: Option<&'static str>,
    /// ` lang="…"` for the redline, when not in the page's language.
    pub lang_attr: String,
    /// The `text=` the view links keep.
    asked: Option<&'static str>,
}

impl CompareText {
    pub fn translated(&self) -> bool {
        self.shown != tr::OFFICIAL
    }

    pub fn shown_name(&self) -> String {
        reading::language_name(self.shown)
    }

    pub fn name_of(&self, tag: &str) -> String {
        reading::language_name(tag)
    }

    pub fn missing_name(&self) -> String {
        self.missing_tag
            .map(reading::language_name)
            .unwrap_or_default()
    }

    pub fn missing_list(&self) -> String {
        self.missing
            .join(&format!(" {} ", crate::i18n::t("compare-and")))
    }
}

/// The redline of the texts asked for: both translations into the
/// language asked when both versions have one, else the English texts.
fn redline_for(
    conn: &mut crate::db::DbConn,
    pair: &Pair,
    page: &'static str,
    asked: Option<&'static str>,
) -> Result<(Redline, CompareText), AppError> {
    let mut text = CompareText {
        shown: tr::OFFICIAL,
        missing_tag: None,
        missing: Vec::new(),
        offer: None,
        lang_attr: String::new(),
        asked,
    };
    let r = match asked.filter(|t| *t != tr::OFFICIAL) {
        Some(tag) => match pair.translated_redline(conn, tag)? {
            Ok(r) => {
                text.shown = tag;
                r
            }
            Err(missing) => {
                text.missing_tag = Some(tag);
                text.missing = missing;
                pair.redline(conn)?
            }
        },
        None => pair.redline(conn)?,
    };
    if !text.translated() && text.missing.is_empty() {
        let (a, b) = (
            VersionTranslation::langs_of(conn, pair.from.id)?,
            VersionTranslation::langs_of(conn, pair.to.id)?,
        );
        text.offer = tr::LANGUAGES
            .iter()
            .copied()
            .find(|t| a.iter().any(|x| x == t) && b.iter().any(|x| x == t));
    }
    text.lang_attr = reading::lang_attr((text.shown != page).then_some(text.shown));
    Ok((r, text))
}

fn parse_view(view: Option<&str>) -> Result<View, AppError> {
    match view {
        None | Some("") => Ok(View::Inline),
        Some(v) => View::parse(v)
            .ok_or_else(|| AppError::BadRequest(crate::i18n::t1("err-compare-view", "view", v))),
    }
}

/// `1...2` → ("1", "2").
pub fn split_range(range: &str) -> Result<(String, String), AppError> {
    match range.split_once("...") {
        Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains("...") => {
            Ok((a.to_string(), b.to_string()))
        }
        _ => Err(AppError::BadRequest(crate::i18n::t1(
            "err-compare-range",
            "range",
            range,
        ))),
    }
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    standard: Standard,
    from: VersionOption,
    to: VersionOption,
    view: View,
    /// Each view with its address.
    views: Vec<(View, String)>,
    /// Every published version, for the form.
    options: Vec<VersionOption>,
    summary_line: String,
    legend: String,
    body: String,
    base: String,
    reverse: String,
    json: String,
    /// Which texts are compared.
    text: CompareText,
    /// This comparison of the translations both versions have.
    offer_href: String,
    /// This comparison of the official English texts.
    official_href: String,
}

/// `GET /standards/{slug}/compare/{from}...{to}?view=inline|side|changes|summary`
pub async fn compare(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<ViewQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, range) = path.into_inner();
    let (from, to) = split_range(&range)?;
    let view = parse_view(query.view.as_deref())?;
    let (page_lang, asked) = (reading::page_lang(), reading::asked(query.text.as_deref())?);
    let variant = query.view.is_some().then(|| view.as_str().to_string());
    let key = super::cache::key(&req, reading::cache_variant(asked, variant));
    super::cache::page(&state, &req, key, move |conn| {
        let pair = Pair::find(conn, &slug, &from, &to)?;
        let (r, text) = redline_for(conn, &pair, page_lang, asked)?;
        let html = ComparePage::new(pair, &r, view, text)
            .render()
            .map_err(AppError::internal)?;
        // The texts of two published versions: nothing here changes with
        // comments or with the clock.
        Ok(super::cache::Rendered {
            html,
            until: None,
            lively: false,
        })
    })
    .await
}

impl ComparePage {
    fn new(pair: Pair, r: &Redline, view: View, text: CompareText) -> ComparePage {
        let (s, a, b) = (&pair.standard, &pair.from, &pair.to);
        let with = |from: &str, to: &str, v: View, lang: Option<&str>| {
            let mut query = Vec::new();
            if v != View::Inline {
                query.push(format!("view={}", v.as_str()));
            }
            if let Some(lang) = lang {
                query.push(format!("text={lang}"));
            }
            let base = crate::urls::compare(&s.slug, from, to);
            match query.is_empty() {
                true => base,
                false => format!("{base}?{}", query.join("&")),
            }
        };
        let address = |from: &str, to: &str, v: View| with(from, to, v, text.asked);
        let offer_href = text
            .offer
            .map(|t| with(&a.label, &b.label, view, Some(t)))
            .unwrap_or_default();
        let base = address(&a.label, &b.label, View::Inline);
        let opts = rhtml::HtmlOptions {
            // The summary links into the full inline view.
            link_base: match view {
                View::Summary => base.clone(),
                other => address(&a.label, &b.label, other),
            },
            history_base: Some(crate::urls::clause_histories(&s.slug)),
            to_base: Some(crate::urls::version(&s.slug, &b.label)),
            min_level: 2,
        };
        let body = match view {
            View::Inline => rhtml::inline(r, &opts),
            View::Side => rhtml::side_by_side(r, &opts),
            View::Changes => rhtml::changes_only(r, &opts),
            View::Summary => rhtml::summary_table(r, &opts),
        };
        ComparePage {
            from: VersionOption::of(a),
            to: VersionOption::of(b),
            views: View::ALL
                .iter()
                .map(|v| (*v, address(&a.label, &b.label, *v)))
                .collect(),
            view,
            options: pair.published.iter().map(VersionOption::of).collect(),
            summary_line: rhtml::summary_line(r),
            legend: rhtml::legend(),
            body,
            json: crate::urls::api_compare(&s.slug, &a.label, &b.label),
            reverse: address(&b.label, &a.label, view),
            base,
            official_href: with(&a.label, &b.label, view, None),
            text,
            offer_href,
            standard: pair.standard,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PickForm {
    from: Option<String>,
    to: Option<String>,
    view: Option<String>,
}

/// `GET /standards/{slug}/compare?from=1&to=2&view=side`: the version picker
/// submits here (a plain GET form, no script) and is redirected to the
/// comparison's own address.
pub async fn pick(
    path: web::Path<String>,
    form: web::Query<PickForm>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let (Some(from), Some(to)) = (form.from.as_deref(), form.to.as_deref()) else {
        return Err(AppError::BadRequest(crate::i18n::t("err-compare-pick")));
    };
    let view = parse_view(form.view.as_deref())?;
    let label_like = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    if !label_like(from) || !label_like(to) || !label_like(&slug) {
        return Err(AppError::BadRequest(crate::i18n::t("err-compare-label")));
    }
    let mut location = crate::urls::compare(&slug, from, to);
    if view != View::Inline {
        location.push_str("?view=");
        location.push_str(view.as_str());
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish())
}

/// What happened to the clause from one published version to the next.
pub struct HistoryStep {
    pub from_label: String,
    pub to_label: String,
    /// "Modified, moved, renumbered"
    pub description: String,
    pub body: String,
    pub compare_href: String,
}

impl HistoryStep {
    /// "Version 1.0 to version 2.0: Modified, moved"
    pub fn title(&self) -> String {
        crate::i18n::t_with_three(
            "history-step",
            [
                ("from", self.from_label.clone()),
                ("to", self.to_label.clone()),
                ("change", self.description.clone()),
            ],
        )
    }
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    standard: Standard,
    key: String,
    heading: String,
    appearances: Vec<Appearance>,
    steps: Vec<HistoryStep>,
    legend: String,
}

impl HistoryPage {
    fn new(h: History) -> HistoryPage {
        let opts = rhtml::HtmlOptions {
            min_level: 3,
            ..Default::default()
        };
        let steps = h
            .steps
            .iter()
            .map(|step| HistoryStep {
                from_label: step.from_label.clone(),
                to_label: step.to_label.clone(),
                description: step.description(),
                body: rhtml::clause_inline(&step.diff, &opts),
                compare_href: crate::urls::compare_clause(
                    &h.standard.slug,
                    &step.from_label,
                    &step.to_label,
                    &h.key,
                ),
            })
            .collect();
        HistoryPage {
            standard: h.standard,
            key: h.key,
            heading: h.heading,
            appearances: h.appearances,
            steps,
            legend: rhtml::legend(),
        }
    }
}

/// `GET /standards/{slug}/clauses/{key}/history`
pub async fn history(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, key) = path.into_inner();
    let h = state
        .db(move |conn| Ok(comparison::history(conn, &slug, &key)?))
        .await?;
    let body = HistoryPage::new(h).render().map_err(AppError::internal)?;
    Ok(respond::html(&req, body))
}
