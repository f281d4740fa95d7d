//! Public search over the clauses of every published version, every
//! published comment and every decision, for the site's `/search` page and
//! the API's `/api/v1/search`.
//!
//! The index is the database's own full-text search (SQLite FTS5 or
//! PostgreSQL `tsvector`, see [`crate::db::models::search_doc`]), kept by
//! triggers in the transaction of each write: a hidden comment is gone from
//! the results the moment it is hidden. What is typed is read by
//! [`query::Query`], never passed to an engine as typed, so any input gives
//! results or a message. A page holds at most [`PER_PAGE`] hits, ranked;
//! the rows behind them are loaded with one query per table.

pub mod query;
pub mod snippet;

use std::collections::HashMap;

use diesel::QueryResult;

use crate::db::models::search_doc::{self, DocFilter, DocHit, DocKind, EngineQuery};
use crate::db::models::{ClauseRow, Comment, CommentKind, Disposition, Standard, Version};
use crate::db::DbConn;
use crate::urls;
pub use query::Query;

/// Hits on a page.
pub const PER_PAGE: i64 = 20;

/// The most comments and decisions one search ranks: the newest that
/// match (with every matching clause). A search that finds more says so
/// and asks to be narrowed; each costs about the same, however common its
/// words.
pub const RANKED: i64 = 5000;

/// The last page a search goes to: enough for every hit ranked.
pub const MAX_PAGE: i64 = 300;

/// What a search is narrowed to, as given in the address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// A standard's slug.
    pub standard: Option<String>,
    /// A version's label (with a standard).
    pub version: Option<String>,
    /// Clauses, comments or decisions only.
    pub what: Option<DocKind>,
    /// Comments of one kind only.
    pub comment_kind: Option<CommentKind>,
    /// Comments with or without a decision only.
    pub decided: Option<bool>,
}

impl Filters {
    /// From the address's values; an unknown value is a message.
    pub fn parse(
        standard: Option<&str>,
        version: Option<&str>,
        what: Option<&str>,
        kind: Option<&str>,
        decided: Option<&str>,
    ) -> Result<Filters, String> {
        let given = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let what = match given(what).as_deref() {
            None => None,
            Some("clauses") => Some(DocKind::Clause),
            Some("comments") => Some(DocKind::Comment),
            Some("decisions") => Some(DocKind::Decision),
            Some(other) => {
                return Err(format!(
                    "`{other}` is not something to search; choose clauses, comments or decisions."
                ))
            }
        };
        let comment_kind = match given(kind) {
            None => None,
            Some(k) => Some(
                CommentKind::ALL
                    .into_iter()
                    .find(|c| c.as_str() == k)
                    .ok_or_else(|| {
                        format!("`{k}` is not a kind of comment; choose general, technical or editorial.")
                    })?,
            ),
        };
        let decided = match given(decided).as_deref() {
            None => None,
            Some("yes") => Some(true),
            Some("no") => Some(false),
            Some(other) => return Err(crate::i18n::t1("search-err-yes-no", "value", other)),
        };
        let standard = given(standard);
        let version = given(version);
        if version.is_some() && standard.is_none() {
            return Err(crate::i18n::t("search-err-version-alone"));
        }
        Ok(Filters {
            standard,
            version,
            what,
            comment_kind,
            decided,
        })
    }

    /// The `what` parameter's value, empty for everything.
    pub fn what_value(&self) -> &'static str {
        match self.what {
            None => "",
            Some(DocKind::Clause) => "clauses",
            Some(DocKind::Comment) => "comments",
            Some(DocKind::Decision) => "decisions",
        }
    }

    /// The `kind` parameter's value, empty for any.
    pub fn kind_value(&self) -> &'static str {
        self.comment_kind.map_or("", |k| k.as_str())
    }

    /// The `decided` parameter's value, empty for either.
    pub fn decided_value(&self) -> &'static str {
        match self.decided {
            None => "",
            Some(true) => "yes",
            Some(false) => "no",
        }
    }
}

/// One hit, ready to show.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: DocKind,
    /// "2.3 Recruiting poll workers", "Comment PW2-0001-K7QM by …", …
    pub title: String,
    /// Where it is on the site.
    pub url: String,
    pub standard_slug: String,
    pub standard_title: String,
    pub version_label: String,
    /// The clause a clause hit is, or a comment is on.
    pub clause_key: Option<String>,
    /// The comment a comment or decision hit is, or is on.
    pub comment_id: Option<i32>,
    /// A decision's outcome, as it reads.
    pub outcome: Option<String>,
    /// A few lines, escaped, the words searched for in `<mark>`.
    pub snippet_html: String,
    pub score: f64,
}

/// A page of results.
#[derive(Debug, Clone)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// Hits ranked: every clause found, and comments and decisions up to
    /// [`RANKED`].
    pub total: i64,
    /// More comments or decisions match than were ranked.
    pub more: bool,
    /// 1 for the first page.
    pub page: i64,
    pub pages: i64,
    /// What was left out of the query, or why nothing was searched.
    pub notes: Vec<String>,
}

/// Why a search was not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A filter names nothing, or the page is beyond [`MAX_PAGE`]: the
    /// message says what to change.
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// Run a search: page `page` (from 1) of the hits of `query` within
/// `filters`. An empty query gives no hits and a note, not an error.
pub fn search(
    conn: &mut DbConn,
    query: &Query,
    filters: &Filters,
    page: i64,
) -> Result<Results, SearchError> {
    search_ranking(conn, query, filters, page, RANKED)
}

/// [`search`], ranking at most `ranked` comments and decisions.
pub fn search_ranking(
    conn: &mut DbConn,
    query: &Query,
    filters: &Filters,
    page: i64,
    ranked: i64,
) -> Result<Results, SearchError> {
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(SearchError::Invalid(crate::i18n::t1(
            "search-err-pages",
            "max",
            MAX_PAGE,
        )));
    }
    let mut notes = query.notes.clone();
    if query.is_empty() {
        notes.push(crate::i18n::t("search-note-type-words"));
        return Ok(Results {
            hits: Vec::new(),
            total: 0,
            more: false,
            page,
            pages: 0,
            notes,
        });
    }
    let filter = resolve(conn, filters)?;
    let engine = EngineQuery {
        fts5: query.to_fts5(),
        fts5_title: query.to_fts5_title(),
        tsquery: query.to_tsquery(),
        tsquery_title: query.to_tsquery_title(),
    };
    let found = DocHit::search(
        conn,
        &engine,
        &filter,
        (PER_PAGE, (page - 1) * PER_PAGE),
        ranked,
    )?;
    let total = found.first().map_or(0, |h| h.total);
    let more = found.first().is_some_and(|h| h.others >= ranked);
    if more {
        notes.push(crate::i18n::t1("search-note-more", "ranked", ranked));
    }
    let hits = describe(conn, &found, &query.marked_words())?;
    Ok(Results {
        hits,
        total,
        more,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).min(MAX_PAGE),
        notes,
    })
}

/// The filters with the standard and version found.
fn resolve(conn: &mut DbConn, filters: &Filters) -> Result<DocFilter, SearchError> {
    use diesel::OptionalExtension;
    let mut out = DocFilter {
        kind: filters.what,
        comment_kind: filters.comment_kind.map(|k| k.as_str().to_string()),
        decided: filters.decided,
        ..DocFilter::default()
    };
    if let Some(slug) = &filters.standard {
        let standard = Standard::by_slug(conn, slug).optional()?.ok_or_else(|| {
            SearchError::Invalid(crate::i18n::t1("search-err-no-standard", "slug", slug))
        })?;
        out.standard_id = Some(standard.id);
        if let Some(label) = &filters.version {
            let version = Version::published_by_label(conn, standard.id, label)
                .optional()?
                .ok_or_else(|| {
                    SearchError::Invalid(format!(
                        "{} has no published version `{label}`.",
                        standard.title
                    ))
                })?;
            out.version_id = Some(version.id);
        }
    }
    Ok(out)
}

/// The rows behind a page of hits, read in one query per table.
struct Rows {
    versions: HashMap<i32, Version>,
    standards: HashMap<i32, Standard>,
    clauses: HashMap<i32, ClauseRow>,
    comments: HashMap<i32, Comment>,
    decisions: HashMap<i32, Disposition>,
    /// Clauses by version and key, to name what a comment is on.
    clause_names: HashMap<(i32, String), ClauseRow>,
}

impl Rows {
    fn load(conn: &mut DbConn, found: &[DocHit]) -> QueryResult<Rows> {
        let mut ids: HashMap<DocKind, Vec<i32>> = HashMap::new();
        for (kind, id) in found.iter().filter_map(|h| DocKind::of(h.doc)) {
            ids.entry(kind).or_default().push(id);
        }
        let get = |k| ids.get(&k).cloned().unwrap_or_default();
        let decisions = search_doc::dispositions_by_ids(conn, &get(DocKind::Decision))?;
        let mut comment_ids = get(DocKind::Comment);
        comment_ids.extend(decisions.iter().map(|d| d.comment_id));
        let comments = search_doc::comments_by_ids(conn, &comment_ids)?;
        let clauses = search_doc::clauses_by_ids(conn, &get(DocKind::Clause))?;
        let wanted: Vec<(i32, String)> = comments
            .iter()
            .filter_map(|c| Some((c.version_id, c.clause_key.clone()?)))
            .collect();
        let clause_names = search_doc::clauses_by_keys(conn, &wanted)?
            .into_iter()
            .map(|c| ((c.version_id, c.clause_key.clone()), c))
            .collect();
        Ok(Rows {
            versions: Version::all(conn)?.into_iter().map(|v| (v.id, v)).collect(),
            standards: Standard::all(conn)?
                .into_iter()
                .map(|s| (s.id, s))
                .collect(),
            clauses: clauses.into_iter().map(|c| (c.id, c)).collect(),
            comments: comments.into_iter().map(|c| (c.id, c)).collect(),
            decisions: decisions.into_iter().map(|d| (d.id, d)).collect(),
            clause_names,
        })
    }

    /// "clause 2.3 (Recruiting poll workers)" or "the whole version".
    fn place(&self, comment: &Comment) -> String {
        let key = comment.clause_key.as_deref();
        let clause = key.and_then(|k| self.clause_names.get(&(comment.version_id, k.to_string())));
        crate::comments::clause_label_of(key, clause)
    }
}

/// Hits from what the index gave, in its order. A hit whose row is gone
/// (deleted between the two reads) is left out.
fn describe(
    conn: &mut DbConn,
    found: &[DocHit],
    marked: &[(String, bool)],
) -> QueryResult<Vec<Hit>> {
    let rows = Rows::load(conn, found)?;
    let mut hits = Vec::with_capacity(found.len());
    for h in found {
        let Some((kind, id)) = DocKind::of(h.doc) else {
            continue;
        };
        let Some(version) = rows.versions.get(&h.version_id) else {
            continue;
        };
        let Some(standard) = rows.standards.get(&version.standard_id) else {
            continue;
        };
        let mut hit = Hit {
            kind,
            title: String::new(),
            url: String::new(),
            standard_slug: standard.slug.clone(),
            standard_title: standard.title.clone(),
            version_label: version.label.clone(),
            clause_key: None,
            comment_id: None,
            outcome: None,
            snippet_html: String::new(),
            score: h.score,
        };
        match kind {
            DocKind::Clause => {
                let Some(c) = rows.clauses.get(&id) else {
                    continue;
                };
                hit.title = c.numbered_heading();
                hit.snippet_html = snippet::snippet(&c.body_md, marked);
                hit.url = urls::clause(&standard.slug, &version.label, &c.clause_key);
                hit.clause_key = Some(c.clause_key.clone());
            }
            DocKind::Comment => {
                let Some(c) = rows.comments.get(&id) else {
                    continue;
                };
                hit.title = comment_title(c, &rows.place(c));
                let text = match &c.proposed_text {
                    Some(p) => format!("{}\n{p}", c.body_md),
                    None => c.body_md.clone(),
                };
                hit.snippet_html = snippet::snippet(&text, marked);
                hit.url = urls::comment(c.id);
                hit.clause_key = c.clause_key.clone();
                hit.comment_id = Some(c.id);
            }
            DocKind::Decision => {
                let Some(d) = rows.decisions.get(&id) else {
                    continue;
                };
                let Some(c) = rows.comments.get(&d.comment_id) else {
                    continue;
                };
                let outcome = format!("mail-outcome-{}", d.outcome().as_str().replace('_', "-"));
                hit.title = crate::i18n::t2(
                    "search-decision-title",
                    "tracking",
                    c.tracking_number.as_str(),
                    "outcome",
                    crate::i18n::t(&outcome),
                );
                hit.url = urls::comment(c.id);
                hit.clause_key = c.clause_key.clone();
                hit.comment_id = Some(c.id);
                hit.outcome = Some(d.outcome().display().to_string());
                hit.snippet_html = snippet::snippet(&d.rationale, marked);
            }
        }
        hits.push(hit);
    }
    Ok(hits)
}

fn comment_title(c: &Comment, place: &str) -> String {
    let by = match &c.author_organization {
        Some(org) if !org.is_empty() => format!("{} ({org})", c.author_name),
        _ => c.author_name.clone(),
    };
    let by = match &c.office_name {
        Some(office) => crate::i18n::t2("search-by-office", "by", by, "office", office.as_str()),
        None => by,
    };
    let kind = crate::i18n::t(&format!("search-kind-{}", c.kind().as_str()));
    crate::i18n::current().t_with(
        "search-comment-title",
        &[
            ("kind", &kind),
            ("tracking", &c.tracking_number),
            ("by", &by),
            ("place", &place),
        ],
    )
}

/// A standard that can be searched, with its published versions' labels,
/// for the search form's choices.
#[derive(Debug, Clone)]
pub struct Scope {
    pub slug: String,
    pub title: String,
    pub versions: Vec<String>,
}

/// Every standard with a published version, in the site's order.
pub fn scopes(conn: &mut DbConn) -> QueryResult<Vec<Scope>> {
    let versions = Version::all(conn)?;
    Ok(Standard::all(conn)?
        .into_iter()
        .map(|s| Scope {
            versions: versions
                .iter()
                .filter(|v| v.standard_id == s.id && v.status().is_published())
                .map(|v| v.label.clone())
                .collect(),
            slug: s.slug,
            title: s.title,
        })
        .filter(|s| !s.versions.is_empty())
        .collect())
}

/// The address of page `page` of a search, on `path` (`/search` or
/// `/api/v1/search`).
pub fn address(path: &str, q: &str, filters: &Filters, page: i64) -> String {
    let page = if page > 1 {
        page.to_string()
    } else {
        String::new()
    };
    urls::search(
        path,
        &[
            ("q", q),
            ("standard", filters.standard.as_deref().unwrap_or("")),
            ("version", filters.version.as_deref().unwrap_or("")),
            ("what", filters.what_value()),
            ("kind", filters.kind_value()),
            ("decided", filters.decided_value()),
            ("page", &page),
        ],
    )
}

impl DocKind {
    /// The name of the kind in the API and the address.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Clause => "clause",
            DocKind::Comment => "comment",
            DocKind::Decision => "decision",
        }
    }
}

/// A page of results as the API gives it.
pub fn to_json(results: &Results, q: &str, filters: &Filters, base: &str) -> serde_json::Value {
    let next = (results.page < results.pages).then(|| {
        urls::absolute(
            base,
            &address("/api/v1/search", q, filters, results.page + 1),
        )
    });
    let hits: Vec<serde_json::Value> = results
        .hits
        .iter()
        .map(|h| {
            serde_json::json!({
                "type": h.kind.name(),
                "title": h.title,
                "url": urls::absolute(base, &h.url),
                "standard": h.standard_slug,
                "standard_title": h.standard_title,
                "version": h.version_label,
                "clause_key": h.clause_key,
                "comment_id": h.comment_id,
                "outcome": h.outcome,
                "snippet_html": h.snippet_html,
                "score": h.score,
            })
        })
        .collect();
    serde_json::json!({
        "query": q,
        "total": results.total,
        "more": results.more,
        "page": results.page,
        "pages": results.pages,
        "per_page": PER_PAGE,
        "notes": results.notes,
        "hits": hits,
        "next": next,
    })
}
