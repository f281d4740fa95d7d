//! The editors' workspace as plain data: one page of a version's comments
//! grouped by clause, with each comment's decision, its campaign and
//! whether a draft can take its proposed text; the counts per clause, per
//! status and per outcome; and the campaigns.
//!
//! The policy a reader must know: nothing here grows with the number of
//! comments. Filters are applied in SQL, counts are `GROUP BY` queries, and
//! a page holds at most [`PAGE`] comments found by keyset (the comment
//! before or after, in clause order then thread order), so page 2,000
//! costs what page 1 does. Campaigns come from the group each comment was
//! given when it arrived, and are shown whatever the filters.

mod campaign_list;
mod overview;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use diesel::QueryResult;
use serde::Deserialize;

pub use campaign_list::{Campaign, Member};
pub use overview::{index, IndexStandard, IndexVersion};

use super::dispositions::{self, NextVersion};
use super::threads::{CommentView, ReplyTo};
use crate::db::models::feedback::{self, CommentFilter, Decided, StatusScope};
use crate::db::models::{
    Author, ClauseRow, Comment, CommentKind, CommentStatus, Disposition, Draft, DraftAcceptance,
    Outcome, Standard, Tallies, Version,
};
use crate::db::DbConn;
use crate::urls::query_value as encode;

/// Comments on one page of the workspace.
pub const PAGE: usize = 50;

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
    /// `yes` (from an election office) or `no`.
    #[serde(default)]
    pub office: String,
    #[serde(default)]
    pub q: String,
    /// How many comments the last form decided.
    #[serde(default)]
    pub done: Option<usize>,
    /// How many replies were just marked as needing no decision.
    #[serde(default)]
    pub waived: Option<usize>,
    /// The comment whose proposed text was just taken into the draft.
    #[serde(default)]
    pub accepted: Option<String>,
    /// Members of one campaign only (its first comment's id).
    #[serde(default)]
    pub campaign: Option<i32>,
    /// The page after this comment.
    #[serde(default)]
    pub after: Option<i32>,
    /// The page before this comment.
    #[serde(default)]
    pub before: Option<i32>,
    /// The page that starts at this clause (`whole` for the whole version).
    #[serde(default)]
    pub from: String,
}

impl Filters {
    fn fields(&self) -> [(&'static str, &String); 7] {
        [
            ("kind", &self.kind),
            ("status", &self.status),
            ("disposition", &self.disposition),
            ("proposed", &self.proposed),
            ("org", &self.org),
            ("office", &self.office),
            ("q", &self.q),
        ]
    }

    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        self.campaign.is_some() || self.fields().iter().any(|(_, v)| !v.trim().is_empty())
    }

    /// The filters as a query string (`?kind=technical&q=seal`), or "".
    pub fn query(&self) -> String {
        let mut pairs: Vec<String> = self
            .fields()
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v.trim())))
            .collect();
        if let Some(c) = self.campaign {
            pairs.push(format!("campaign={c}"));
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// A filter value that names nothing, as a message saying what to use.
    pub fn check(&self) -> Result<(), String> {
        use crate::i18n::{t, t1};
        if !self.kind.is_empty() && self.kind.parse::<CommentKind>().is_err() {
            return Err(t1("decisions-err-filter-type", "value", &self.kind));
        }
        if !self.status.is_empty() && self.status.parse::<CommentStatus>().is_err() {
            return Err(t1("decisions-err-filter-status", "value", &self.status));
        }
        if !["", "none", "any", "open"].contains(&self.disposition.as_str())
            && self.disposition.parse::<Outcome>().is_err()
        {
            let v = &self.disposition;
            return Err(t1("decisions-err-filter-disposition", "value", v));
        }
        if !["", "yes", "no"].contains(&self.proposed.as_str()) {
            return Err(t1("decisions-err-filter-proposed", "value", &self.proposed));
        }
        if !["", "yes", "no"].contains(&self.office.as_str()) {
            return Err(t1("decisions-err-filter-office", "value", &self.office));
        }
        if self.after.is_some() && self.before.is_some() {
            return Err(t("decisions-err-page-both"));
        }
        if !self.from.is_empty()
            && !self
                .from
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(t1("decisions-err-from-key", "key", &self.from));
        }
        Ok(())
    }

    /// These filters with a page position added.
    pub fn query_with(&self, key: &str, value: &str) -> String {
        let q = self.query();
        let sep = if q.is_empty() { '?' } else { '&' };
        format!("{q}{sep}{key}={}", encode(value))
    }

    /// The filters as the database reads them.
    fn filter(&self, version_id: i32) -> CommentFilter<'_> {
        let lower = |s: &str| Some(s.trim().to_lowercase()).filter(|s| !s.is_empty());
        CommentFilter {
            version_id,
            status: self.scope(),
            kind: Some(self.kind.as_str()).filter(|k| !k.is_empty()),
            decided: match self.disposition.as_str() {
                "" => Decided::Either,
                "none" => Decided::No,
                "open" => Decided::Open,
                "any" => Decided::Yes,
                o => Decided::Outcome(o),
            },
            proposed: match self.proposed.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            org: lower(&self.org),
            q: lower(&self.q),
            campaign: self.campaign,
            office: match self.office.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
        }
    }

    /// Unconfirmed submissions are not comments yet: they count only when
    /// asked for by status.
    fn scope(&self) -> StatusScope<'_> {
        if self.status.is_empty() {
            StatusScope::Counted
        } else {
            StatusScope::Only(self.status.as_str())
        }
    }
}

/// One comment in the workspace.
pub struct Item {
    pub c: CommentView,
    pub status: String,
    pub published: bool,
    /// The campaign it belongs to, when it has published copies.
    pub campaign: Option<CampaignBadge>,
    /// The outcome decided (`Outcome::as_str`), or "".
    pub outcome: String,
    pub rationale: String,
    /// The resolving clause recorded, or else the comment's own clause when
    /// the next version has it.
    pub clause_key: String,
    /// Where its proposed text was taken: "the draft of version 2".
    pub accepted_in: Option<String>,
    /// It has proposed text for a clause, and a draft can take it.
    pub can_accept: bool,
    /// A decision saved but not released (review and release): where it
    /// stands, in words. The form then shows that decision.
    pub pending: Option<String>,
    /// Marked as needing no decision.
    pub waived: bool,
}

/// How an item names its campaign: by its number when the campaign is
/// listed on the page, else by a link to its members.
pub struct CampaignBadge {
    pub number: Option<usize>,
    pub id: i32,
    pub size: i64,
}

/// A clause (or the whole version): its counts, and its comments on this page.
pub struct Section {
    pub anchor: String,
    pub title: String,
    pub href: String,
    /// Its key, `whole` for the whole version: where `?from=` starts.
    pub from: String,
    /// Comments on it, whatever the filters.
    pub total: i64,
    /// The comments the filters admit.
    pub shown: i64,
    /// The admitted comments on this page.
    pub items: Vec<Item>,
}

/// Where the page sits in the whole list.
#[derive(Default)]
pub struct Paging {
    /// The last comment on the page, when there are more after it.
    pub next_after: Option<i32>,
    /// The first comment on the page, when there are more before it.
    pub prev_before: Option<i32>,
}

/// Everything the feedback page of one version shows.
pub struct Workspace {
    pub standard: Standard,
    pub version: Version,
    /// Comments counted (unconfirmed ones only when filtered by status).
    pub total: i64,
    /// How many of them have a decision.
    pub decided: i64,
    /// How many the filters admit.
    pub shown: i64,
    /// Comments counted (as `total`) that are from election offices.
    pub from_offices: i64,
    /// Comments of every status, by status (`CommentStatus::as_str`).
    pub by_status: Vec<(String, i64)>,
    /// Decided comments by outcome, as shown.
    pub by_outcome: Vec<(String, i64)>,
    pub campaigns: Vec<Campaign>,
    /// Every section with a counted comment, in order: the whole version,
    /// the clauses, then keys this version does not have. Only this page's
    /// comments are in `items`.
    pub sections: Vec<Section>,
    pub paging: Paging,
    /// The open draft that revises this version.
    pub draft: Option<Draft>,
    /// The version resolving clauses are checked against.
    pub next: NextVersion,
    /// The standard holds decisions for review and release.
    pub review: bool,
    /// Decisions of this version waiting for release.
    pub waiting: i64,
    /// Published replies still open, to mark as needing no decision.
    pub open_replies: Vec<dispositions::review::OpenReply>,
}

/// The version's clauses and the next version: how keys are named.
struct Names {
    clauses: Vec<ClauseRow>,
    next: NextVersion,
}

impl Names {
    fn clause(&self, key: &str) -> Option<&ClauseRow> {
        self.clauses.iter().find(|c| c.clause_key == key)
    }

    /// The key, if the next version has that clause.
    fn in_next(&self, key: Option<&str>) -> String {
        let next_keys = self.next.keys.as_deref().unwrap_or_default();
        key.filter(|k| next_keys.iter().any(|(n, _, _)| n == k))
            .unwrap_or_default()
            .to_string()
    }

    fn clause_name(&self, key: Option<&str>) -> String {
        use crate::standard::clause::naming;
        match key {
            None => naming::whole_version(),
            Some(k) => self
                .clause(k)
                .map(|c| naming::full(&c.number, &c.heading))
                .unwrap_or_else(|| naming::by_key(k)),
        }
    }

    /// Every section with counted comments, in listing order.
    fn sections(
        &self,
        standard: &Standard,
        version: &Version,
        totals: &HashMap<Option<String>, i64>,
        shown: &HashMap<Option<String>, i64>,
    ) -> Vec<Section> {
        let count = |k: Option<&str>| {
            let k = k.map(str::to_string);
            (
                totals.get(&k).copied().unwrap_or(0),
                shown.get(&k).copied().unwrap_or(0),
            )
        };
        let mut out = Vec::new();
        let (total, n) = count(None);
        out.push(Section {
            anchor: "whole-version".to_string(),
            title: crate::i18n::t("decisions-section-whole"),
            href: crate::urls::version(&standard.slug, &version.label),
            from: "whole".to_string(),
            total,
            shown: n,
            items: Vec::new(),
        });
        for c in &self.clauses {
            let (total, n) = count(Some(&c.clause_key));
            out.push(Section {
                anchor: format!("clause-{}", c.clause_key),
                title: crate::i18n::t1("decisions-section-clause", "clause", c.numbered_heading()),
                href: crate::urls::clause(&standard.slug, &version.label, &c.clause_key),
                from: c.clause_key.clone(),
                total,
                shown: n,
                items: Vec::new(),
            });
        }
        let mut extra: Vec<&String> = totals
            .keys()
            .flatten()
            .filter(|k| self.clause(k).is_none())
            .collect();
        extra.sort();
        for k in extra {
            let (total, n) = count(Some(k));
            out.push(Section {
                anchor: format!("clause-{k}"),
                title: crate::i18n::t1("decisions-section-gone", "key", k),
                href: String::new(),
                from: k.clone(),
                total,
                shown: n,
                items: Vec::new(),
            });
        }
        out.retain(|s| s.total > 0);
        out
    }
}

fn sum(rows: &[(Option<String>, i64)]) -> i64 {
    rows.iter().map(|(_, n)| n).sum()
}

/// The section a page starts in, and the path it starts after (or ends
/// before). `NotFound` for a cursor on another version.
fn start(
    conn: &mut DbConn,
    version: &Version,
    f: &Filters,
    sections: &[Section],
) -> QueryResult<(usize, Option<String>, bool)> {
    let section_of = |key: Option<&str>| {
        let from = key.unwrap_or("whole");
        sections.iter().position(|s| s.from == from).unwrap_or(0)
    };
    let cursor = f
        .after
        .map(|id| (id, false))
        .or(f.before.map(|id| (id, true)));
    if let Some((id, backwards)) = cursor {
        let (v, key, path) = feedback::position(conn, id)?.ok_or(diesel::NotFound)?;
        if v != version.id {
            return Err(diesel::NotFound);
        }
        return Ok((section_of(key.as_deref()), Some(path), backwards));
    }
    let idx = if f.from.is_empty() {
        0
    } else {
        section_of(Some(f.from.as_str()).filter(|k| *k != "whole"))
    };
    Ok((idx, None, false))
}

/// One page of admitted comments: `(section index, comment, author,
/// campaign)` in listing order, and its paging.
type Row = (usize, Comment, Author, Option<i32>);

fn page(
    conn: &mut DbConn,
    version: &Version,
    f: &Filters,
    sections: &[Section],
) -> QueryResult<(Vec<Row>, Paging)> {
    let (first, mut path, backwards) = start(conn, version, f, sections)?;
    let filter = f.filter(version.id);
    let mut rows: Vec<Row> = Vec::new();
    let mut idx = first;
    while rows.len() <= PAGE && idx < sections.len() {
        let s = &sections[idx];
        if s.shown > 0 {
            let key = (s.from != "whole").then_some(s.from.as_str());
            let want = (PAGE + 1 - rows.len()) as i64;
            let got = filter.page_in_clause(conn, key, path.as_deref(), backwards, want)?;
            rows.extend(got.into_iter().map(|(c, a, g)| (idx, c, a, g)));
        }
        path = None;
        if backwards {
            if idx == 0 {
                break;
            }
            idx -= 1;
        } else {
            idx += 1;
        }
    }
    let more = rows.len() > PAGE;
    rows.truncate(PAGE);
    let started_mid = f.after.is_some() || f.before.is_some() || !f.from.is_empty();
    if backwards {
        rows.reverse();
    }
    let first_id = rows.first().map(|r| r.1.id);
    let last_id = rows.last().map(|r| r.1.id);
    let paging = if backwards {
        Paging {
            next_after: last_id,
            prev_before: first_id.filter(|_| more),
        }
    } else {
        Paging {
            next_after: last_id.filter(|_| more),
            prev_before: first_id.filter(|_| started_mid),
        }
    };
    Ok((rows, paging))
}

/// What the page's comments need beside themselves, each in one query.
struct Extras {
    decided: HashMap<i32, Disposition>,
    accepted: HashMap<i32, String>,
    notes: HashMap<i32, dispositions::DispositionNote>,
    names: HashMap<i32, String>,
    /// Published members of each campaign on the page.
    sizes: HashMap<i32, i64>,
    /// Decisions not yet released, and replies needing none.
    pending: HashMap<i32, crate::db::models::review::DecisionDraft>,
    waived: Vec<i32>,
}

impl Extras {
    fn load(
        conn: &mut DbConn,
        standard: &Standard,
        version: &Version,
        rows: &[Row],
    ) -> QueryResult<Extras> {
        let ids: Vec<i32> = rows.iter().map(|r| r.1.id).collect();
        let parents: Vec<i32> = rows.iter().filter_map(|r| r.1.parent_id).collect();
        let mut campaigns: Vec<i32> = rows.iter().filter_map(|r| r.3).collect();
        campaigns.sort_unstable();
        campaigns.dedup();
        let drafts: HashMap<i32, String> = Draft::for_standard(conn, standard.id)?
            .into_iter()
            .map(|d| (d.id, d.label))
            .collect();
        let (pending, waived) = dispositions::review::pending_for(conn, &ids)?;
        Ok(Extras {
            pending,
            waived,
            decided: Disposition::for_comments(conn, &ids)?
                .into_iter()
                .map(|d| (d.comment_id, d))
                .collect(),
            accepted: DraftAcceptance::for_comments(conn, &ids)?
                .into_iter()
                .map(|a| {
                    let label = drafts.get(&a.draft_id).cloned().unwrap_or_default();
                    (a.comment_id, label)
                })
                .collect(),
            notes: dispositions::notes_for(conn, standard, &ids)?,
            names: feedback::names(conn, &parents)?
                .into_iter()
                .map(|(id, _, name)| (id, name))
                .collect(),
            sizes: CommentFilter::version(version.id, StatusScope::Only("published"))
                .count_in_campaigns(conn, &campaigns)?
                .into_iter()
                .filter_map(|(c, n)| Some((c?, n)))
                .collect(),
        })
    }
}

fn item(
    names: &Names,
    extras: &mut Extras,
    draft: Option<&Draft>,
    listed: &HashMap<i32, usize>,
    tz: chrono_tz::Tz,
    (c, a, campaign): (Comment, Author, Option<i32>),
) -> Item {
    let note = extras.notes.remove(&c.id);
    let reply = c.parent_id.map(|id| ReplyTo {
        id,
        name: extras
            .names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| crate::i18n::t("decisions-earlier-comment")),
    });
    let clause = c.clause_key.as_deref().and_then(|k| names.clause(k));
    let mut view = CommentView::new(&c, &a, tz, clause, reply);
    view.disposition = note;
    let d = extras.decided.get(&c.id);
    let published = c.status() == CommentStatus::Published;
    let accepted = extras.accepted.get(&c.id);
    let campaign = campaign.and_then(|id| {
        let size = extras.sizes.get(&id).copied().unwrap_or(0);
        (published && size > 1).then(|| CampaignBadge {
            number: listed.get(&id).copied(),
            id,
            size,
        })
    });
    let pending = extras.pending.remove(&c.id);
    let (outcome, rationale, resolved) = match (&pending, d) {
        (Some(p), _) => (
            p.outcome.clone(),
            p.rationale.clone(),
            Some(p.resolved_clause_key.clone()),
        ),
        (None, Some(d)) => (
            d.outcome.clone(),
            d.rationale.clone(),
            Some(d.resolved_clause_key.clone()),
        ),
        (None, None) => (String::new(), String::new(), None),
    };
    Item {
        waived: extras.waived.contains(&c.id),
        pending: pending.as_ref().map(dispositions::review::pending_text),
        c: view,
        status: c.status.clone(),
        published,
        campaign,
        outcome,
        rationale,
        clause_key: match resolved {
            Some(k) => k.unwrap_or_default(),
            None => names.in_next(c.clause_key.as_deref()),
        },
        accepted_in: accepted.map(|l| crate::i18n::t1("decisions-accepted-in", "version", l)),
        can_accept: published
            && draft.is_some()
            && c.clause_key.is_some()
            && c.proposed_text.is_some()
            && accepted.is_none(),
    }
}

/// One page of the feedback of a published version, filtered. `NotFound`
/// for a draft, a version that does not exist, or a cursor on another
/// version.
pub fn load(conn: &mut DbConn, slug: &str, label: &str, f: &Filters) -> QueryResult<Workspace> {
    let (standard, version) = Version::published_in(conn, slug, label)?;
    let names = Names {
        clauses: ClauseRow::for_version(conn, version.id)?,
        next: NextVersion::load(conn, &version)?,
    };
    // The unfiltered counts, by clause and by status, from one read of the
    // version's tallies.
    let tallies = Tallies::of_version(conn, version.id)?;
    let totals = tallies.by_clause(version.id, f.scope());
    let by_outcome = feedback::outcome_counts(conn, version.id)?;
    let shown = if f.is_active() {
        f.filter(version.id).count_by_clause(conn)?
    } else {
        totals.clone()
    };
    let mut sections = names.sections(
        &standard,
        &version,
        &totals.iter().cloned().collect(),
        &shown.iter().cloned().collect(),
    );
    let (rows, paging) = page(conn, &version, f, &sections)?;
    let campaigns = campaign_list::load(
        conn,
        &version,
        f.campaign,
        &|k| names.clause_name(k),
        &|k| names.in_next(k),
    )?;
    let listed: HashMap<i32, usize> = campaigns.iter().map(|g| (g.id, g.number)).collect();
    let mut extras = Extras::load(conn, &standard, &version, &rows)?;
    let draft = Draft::open_for_base(conn, version.id)?;
    let tz = standard.tz();
    for (idx, c, a, g) in rows {
        let it = item(&names, &mut extras, draft.as_ref(), &listed, tz, (c, a, g));
        sections[idx].items.push(it);
    }
    let mut by_status = tallies.by_status(version.id, StatusScope::Any);
    by_status.sort();
    let mut by_outcome: Vec<(String, i64)> = by_outcome
        .into_iter()
        .map(|(o, n)| {
            (
                o.parse::<Outcome>()
                    .map(|o| o.display().to_string())
                    .unwrap_or(o),
                n,
            )
        })
        .collect();
    by_outcome.sort();
    let waiting = crate::db::models::review::DecisionDraft::counts(conn, version.id)?;
    let from_offices = CommentFilter {
        office: Some(true),
        ..CommentFilter::version(version.id, f.scope())
    }
    .count(conn)?;
    Ok(Workspace {
        review: dispositions::review::is_review(conn, &standard)?,
        waiting: waiting.iter().map(|(_, n)| n).sum(),
        open_replies: dispositions::review::open_replies(conn, &version)?,
        total: sum(&totals),
        decided: by_outcome.iter().map(|(_, n)| n).sum(),
        shown: sum(&shown),
        from_offices,
        by_status,
        by_outcome,
        campaigns,
        sections,
        paging,
        draft,
        next: names.next,
        standard,
        version,
    })
}
