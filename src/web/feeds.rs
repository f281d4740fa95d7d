//! Atom feeds: a version's published comments, the editors' decisions on
//! them, and a standard's published versions, each newest first and at
//! most [`FEED_ENTRIES`] long. The entries are read by the domain
//! (`crate::comments::published::feed`, `crate::comments::dispositions::decisions`,
//! `crate::releases`); the XML is written by askama templates, which escape
//! every value with [`Xml`] (set for `.atom` templates in `askama.toml`).

use actix_web::http::header::ContentType;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::comments::settings;
use super::respond;
use super::views::window_text;
use super::AppState;
use crate::comments::dispositions::decisions::{self, PublicDecision};
use crate::comments::ledger::rfc3339;
use crate::comments::published::{self, Feed, FEED_ENTRIES};
use crate::db::models::{Standard, Version};
use crate::error::AppError;
use crate::i18n::{t, t1, t2};
use crate::standard::clause::naming;
use crate::standard::markdown::escape;
use crate::{releases, urls};

/// XML escaping for askama: `&`, `<`, `>` and both quotes become entities,
/// so a value is safe in text and in attribute values.
#[derive(Debug, Clone, Copy)]
pub struct Xml;

impl askama::filters::Escaper for Xml {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, text: &str) -> std::fmt::Result {
        dest.write_str(&escape(text))
    }
}

#[derive(Template)]
#[template(path = "feeds/comments.atom")]
struct CommentsFeed {
    feed: Feed,
}

/// A feed answered as Atom, with an ETag.
fn atom(req: &HttpRequest, xml: String) -> Result<HttpResponse, AppError> {
    let content_type: actix_web::mime::Mime = "application/atom+xml; charset=utf-8"
        .parse()
        .map_err(AppError::internal)?;
    Ok(respond::with_etag(
        req,
        ContentType(content_type),
        xml.into_bytes(),
    ))
}

/// `GET /standards/{slug}/{label}/comments.atom`: published comments, newest first.
pub async fn comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let base = settings(&state).base_url;
    let feed = state
        .db(move |conn| {
            let (standard, version) = Version::published_in(conn, &slug, &label)?;
            Ok(published::feed(conn, &standard, &version, &base)?)
        })
        .await?;
    atom(
        &req,
        CommentsFeed { feed }.render().map_err(AppError::internal)?,
    )
}

/// A feed of versions or of decisions, for `feeds/entries.atom`.
struct AtomFeed {
    title: String,
    /// This feed's own address, also its id.
    self_href: String,
    alternate_href: String,
    /// RFC 3339: the newest entry's, or when there is none, the standard's
    /// or the version's.
    updated: String,
    author: String,
    entries: Vec<AtomEntry>,
}

struct AtomEntry {
    title: String,
    id: String,
    href: String,
    published: String,
    updated: String,
    /// HTML, each value in it escaped.
    content_html: String,
}

#[derive(Template)]
#[template(path = "feeds/entries.atom")]
struct EntriesFeed {
    feed: AtomFeed,
}

/// Who a feed of the editors' work is by: never a staff member's name.
fn editors_of(standard: &Standard) -> String {
    crate::i18n::t1("feed-editors", "standard", &standard.title)
}

/// When a version was published, as RFC 3339: its publication date at
/// midnight UTC, or when it was imported if it has no date.
fn published_at(v: &Version) -> String {
    v.published
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or_else(|| rfc3339(v.imported_at), rfc3339)
}

/// The feed of a standard's published versions, newest first.
fn versions_feed(base: &str, standard: &Standard, versions: &[Version]) -> AtomFeed {
    let tz = standard.tz();
    let entries: Vec<AtomEntry> = versions
        .iter()
        .map(|v| {
            let href = urls::absolute(base, &urls::version(&standard.slug, &v.label));
            let mut html = format!(
                "<p>{}</p>",
                escape(&t1("feed-status", "status", v.status().display()))
            );
            if let Some(w) = window_text(v, tz) {
                html.push_str(&format!(
                    "<p>{}</p>",
                    escape(&t2(
                        "feed-comment-period",
                        "window",
                        w,
                        "zone",
                        &standard.time_zone
                    ))
                ));
            }
            if !v.notes.is_empty() {
                html.push_str(&format!("<p>{}</p>", escape(&v.notes)));
            }
            html.push_str(&format!(
                "<p>{} <code>{}</code></p>",
                escape(&t("feed-sha")),
                escape(&v.sha256)
            ));
            AtomEntry {
                title: crate::i18n::t_with_three(
                    "feed-version-entry",
                    [
                        ("label", v.label.clone()),
                        ("title", v.title.clone()),
                        ("status", v.status().display()),
                    ],
                ),
                id: href.clone(),
                href,
                published: published_at(v),
                updated: published_at(v),
                content_html: html,
            }
        })
        .collect();
    AtomFeed {
        title: t1("feed-versions-title", "standard", &standard.title),
        self_href: urls::absolute(base, &urls::versions_feed(&standard.slug)),
        alternate_href: urls::absolute(base, &urls::standard(&standard.slug)),
        updated: entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .unwrap_or_else(|| rfc3339(standard.updated_at)),
        author: editors_of(standard),
        entries,
    }
}

/// `GET /standards/{slug}/versions.atom`: the standard's published
/// versions, newest first (none yet is an empty feed).
pub async fn versions(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let base = settings(&state).base_url;
    let feed = state
        .db(move |conn| {
            let (standard, versions) = releases::newest(conn, &slug, FEED_ENTRIES as usize)?;
            Ok(versions_feed(&base, &standard, &versions))
        })
        .await?;
    atom(
        &req,
        EntriesFeed { feed }.render().map_err(AppError::internal)?,
    )
}

/// One decision as a feed entry, linking to the comment it decides.
fn decision_entry(base: &str, d: &PublicDecision) -> AtomEntry {
    let on = match (&d.clause_key, &d.clause_number, &d.clause_heading) {
        (Some(_), Some(n), Some(h)) => naming::short(n, h),
        (Some(k), _, _) => naming::by_key(k),
        (None, _, _) => naming::whole_version(),
    };
    let href = urls::absolute(base, &urls::comment(d.comment_id));
    let mut html = format!(
        "<p><strong>{}</strong>. {}</p>",
        escape(&d.outcome.display()),
        escape(&d.rationale)
    );
    if let Some(r) = &d.resolved_in {
        html.push_str(&format!(
            "<p>{}</p>",
            escape(&t1("feed-resolved-in", "clause", r))
        ));
    }
    AtomEntry {
        title: crate::i18n::t_with_three(
            "feed-decision-entry",
            [
                ("outcome", d.outcome.display()),
                ("tracking", d.tracking_number.clone()),
                ("clause", on),
            ],
        ),
        // A comment has one decision; recorded again, the entry is updated.
        id: format!("{href}#decision"),
        href,
        published: rfc3339(d.decided_at),
        updated: rfc3339(d.decided_at),
        content_html: html,
    }
}

/// `GET /standards/{slug}/{label}/decisions.atom`: the editors' decisions
/// on the version's public comments, newest first.
pub async fn decisions(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let base = settings(&state).base_url;
    let feed = state
        .db(move |conn| {
            let (standard, version) = Version::published_in(conn, &slug, &label)?;
            let list = decisions::latest(conn, &standard, &version, FEED_ENTRIES)?;
            let entries: Vec<AtomEntry> = list.iter().map(|d| decision_entry(&base, d)).collect();
            Ok(AtomFeed {
                title: t2(
                    "feed-decisions-title",
                    "standard",
                    &standard.title,
                    "label",
                    &version.label,
                ),
                self_href: urls::absolute(&base, &urls::decisions_feed(&slug, &label)),
                alternate_href: urls::absolute(&base, &urls::dispositions(&slug, &label)),
                updated: list
                    .first()
                    .map_or_else(|| rfc3339(version.imported_at), |d| rfc3339(d.decided_at)),
                author: editors_of(&standard),
                entries,
            })
        })
        .await?;
    atom(
        &req,
        EntriesFeed { feed }.render().map_err(AppError::internal)?,
    )
}
