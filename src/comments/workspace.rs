//! The editors' workspace as plain data: every comment of a version grouped
//! by clause, with its decision, its campaign and whether a draft can take
//! its proposed text; and the overview of every standard's versions.
//!
//! The policy a reader must know: the feedback of a version costs a fixed
//! number of queries, whatever the number of comments. Filtering happens in
//! memory on one query's rows, so it works the same on both database
//! backends; campaigns are found over every published comment of the
//! version whatever the filter, so a campaign is always shown whole.

use std::collections::HashMap;

use diesel::QueryResult;
use serde::Deserialize;

use super::campaigns;
use super::dispositions::{self, NextVersion};
use super::threads::{CommentView, ReplyTo};
use crate::db::models::{
    Author, ClauseRow, Comment, CommentKind, CommentStatus, Disposition, Draft, DraftAcceptance,
    Outcome, Standard, Version,
};
use crate::db::DbConn;

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
    fn fields(&self) -> [(&'static str, &String); 6] {
        [
            ("kind", &self.kind),
            ("status", &self.status),
            ("disposition", &self.disposition),
            ("proposed", &self.proposed),
            ("org", &self.org),
            ("q", &self.q),
        ]
    }

    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        self.fields().iter().any(|(_, v)| !v.trim().is_empty())
    }

    /// The filters as a query string (`?kind=technical&q=seal`), or "".
    pub fn query(&self) -> String {
        let pairs: Vec<String> = self
            .fields()
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

    /// A filter value that names nothing, as a message saying what to use.
    pub fn check(&self) -> Result<(), String> {
        let bad = |what: &str, v: &str, allowed: &str| {
            Err(format!(
                "“{v}” is not a {what} filter: use {allowed}, or leave it empty."
            ))
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

    /// Unconfirmed submissions are not comments yet: they count only when
    /// asked for by status.
    fn counts(&self, c: &Comment) -> bool {
        !(self.status.is_empty() && c.status() == CommentStatus::Unverified)
    }

    fn admits(&self, c: &Comment, org: Option<&str>, decided: Option<&Disposition>) -> bool {
        if !self.status.is_empty() && c.status != self.status {
            return false;
        }
        if !self.kind.is_empty() && c.kind != self.kind {
            return false;
        }
        let admitted_by_decision = match self.disposition.as_str() {
            "" => true,
            "none" => decided.is_none(),
            "any" => decided.is_some(),
            outcome => decided.map(|d| d.outcome.as_str()) == Some(outcome),
        };
        if !admitted_by_decision {
            return false;
        }
        match self.proposed.as_str() {
            "yes" if c.proposed_text.is_none() => return false,
            "no" if c.proposed_text.is_some() => return false,
            _ => {}
        }
        let org_filter = self.org.trim().to_lowercase();
        if !org_filter.is_empty() && !org.is_some_and(|o| o.to_lowercase().contains(&org_filter)) {
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
}

/// A clause (or the whole version) and its comments.
pub struct Section {
    pub anchor: String,
    pub title: String,
    pub href: String,
    /// Comments on it, whatever the filters.
    pub total: usize,
    /// The comments the filters admit.
    pub items: Vec<Item>,
}

/// One member of a campaign, as listed with it.
pub struct Member {
    pub id: i32,
    pub tracking_number: String,
    pub author: String,
    pub on: String,
    /// The outcome decided, as shown, or "".
    pub outcome: String,
}

/// A group of near-duplicate comments.
pub struct Campaign {
    pub number: usize,
    pub members: Vec<Member>,
    /// The members' ids, comma-separated, for the form that decides them all.
    pub ids: String,
    pub excerpt: String,
    pub decided: usize,
    /// The first member's clause, when the next version has it.
    pub clause_key: String,
}

/// Everything the feedback page of one version shows.
pub struct Workspace {
    pub standard: Standard,
    pub version: Version,
    /// Comments counted (unconfirmed ones only when filtered by status).
    pub total: usize,
    /// How many of them have a decision.
    pub decided: usize,
    /// How many the filters admit.
    pub shown: usize,
    pub campaigns: Vec<Campaign>,
    /// Sections with at least one admitted comment: the whole version
    /// first, then clauses in order, then keys this version does not have.
    pub sections: Vec<Section>,
    /// The open draft that revises this version.
    pub draft: Option<Draft>,
    /// The version resolving clauses are checked against.
    pub next: NextVersion,
}

fn excerpt(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        all.join(" ")
    } else {
        format!("{} …", all[..words].join(" "))
    }
}

/// What the workspace reads, each in one query (or a fixed few).
struct Rows {
    clauses: Vec<ClauseRow>,
    comments: Vec<(Comment, Author)>,
    decided: HashMap<i32, Disposition>,
    /// Comment id → label of the draft that took its proposed text.
    accepted: HashMap<i32, String>,
    notes: HashMap<i32, dispositions::DispositionNote>,
    draft: Option<Draft>,
    next: NextVersion,
}

impl Rows {
    fn load(conn: &mut DbConn, standard: &Standard, version: &Version) -> QueryResult<Rows> {
        let clauses = ClauseRow::for_version(conn, version.id)?;
        let comments = Comment::all_for_version(conn, version.id)?;
        let decided = Disposition::for_version(conn, version.id)?
            .into_iter()
            .map(|d| (d.comment_id, d))
            .collect();
        let ids: Vec<i32> = comments.iter().map(|(c, _)| c.id).collect();
        let drafts: HashMap<i32, String> = Draft::for_standard(conn, standard.id)?
            .into_iter()
            .map(|d| (d.id, d.label))
            .collect();
        let accepted = DraftAcceptance::for_comments(conn, &ids)?
            .into_iter()
            .map(|a| {
                let label = drafts.get(&a.draft_id).cloned().unwrap_or_default();
                (a.comment_id, label)
            })
            .collect();
        Ok(Rows {
            notes: dispositions::notes_for(conn, standard, &ids)?,
            draft: Draft::open_for_base(conn, version.id)?,
            next: NextVersion::load(conn, version)?,
            clauses,
            comments,
            decided,
            accepted,
        })
    }

    fn clause(&self, key: &str) -> Option<&ClauseRow> {
        self.clauses.iter().find(|c| c.clause_key == key)
    }

    /// The key, if the next version has that clause.
    fn in_next(&self, key: Option<&str>) -> String {
        let next_keys = self.next.keys.as_deref().unwrap_or_default();
        key.filter(|k| next_keys.iter().any(|n| n == k))
            .unwrap_or_default()
            .to_string()
    }

    fn clause_name(&self, key: Option<&str>) -> String {
        use crate::standard::clause::naming;
        match key {
            None => naming::WHOLE_VERSION.to_string(),
            Some(k) => self
                .clause(k)
                .map(|c| naming::full(&c.number, &c.heading))
                .unwrap_or_else(|| naming::by_key(k)),
        }
    }

    /// Near-duplicate groups among the published comments, whatever the
    /// filters, and each comment's campaign number.
    fn campaigns(&self) -> (Vec<Campaign>, HashMap<i32, usize>) {
        let texts: Vec<(i32, String)> = self
            .comments
            .iter()
            .filter(|(c, _)| c.status() == CommentStatus::Published)
            .map(|(c, _)| {
                let proposed = c.proposed_text.as_deref().unwrap_or("");
                (c.id, format!("{}\n{proposed}", c.body_md))
            })
            .collect();
        let refs: Vec<(i32, &str)> = texts.iter().map(|(i, t)| (*i, t.as_str())).collect();
        let by_id: HashMap<i32, &(Comment, Author)> =
            self.comments.iter().map(|row| (row.0.id, row)).collect();
        let mut campaign_of = HashMap::new();
        let mut out = Vec::new();
        for (i, group) in campaigns::group(&refs).iter().enumerate() {
            let number = i + 1;
            let members: Vec<Member> = group
                .iter()
                .filter_map(|id| by_id.get(id))
                .map(|(c, a)| Member {
                    id: c.id,
                    tracking_number: c.tracking_number.clone(),
                    author: a.display_name.clone(),
                    on: self.clause_name(c.clause_key.as_deref()),
                    outcome: self
                        .decided
                        .get(&c.id)
                        .map(|d| d.outcome().display().to_string())
                        .unwrap_or_default(),
                })
                .collect();
            campaign_of.extend(group.iter().map(|id| (*id, number)));
            let first = group.first().and_then(|id| by_id.get(id)).map(|(c, _)| c);
            out.push(Campaign {
                number,
                decided: members.iter().filter(|m| !m.outcome.is_empty()).count(),
                ids: group
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
                excerpt: first.map(|c| excerpt(&c.body_md, 40)).unwrap_or_default(),
                clause_key: self.in_next(first.and_then(|c| c.clause_key.as_deref())),
                members,
            });
        }
        (out, campaign_of)
    }

    /// The whole version, then each clause in order.
    fn empty_sections(&self, standard: &Standard, version: &Version) -> Vec<Section> {
        let whole = Section {
            anchor: "whole-version".to_string(),
            title: "The whole version".to_string(),
            href: crate::urls::version(&standard.slug, &version.label),
            total: 0,
            items: Vec::new(),
        };
        let clauses = self.clauses.iter().map(|c| Section {
            anchor: format!("clause-{}", c.clause_key),
            title: format!("Clause {}", c.numbered_heading()),
            href: crate::urls::clause(&standard.slug, &version.label, &c.clause_key),
            total: 0,
            items: Vec::new(),
        });
        std::iter::once(whole).chain(clauses).collect()
    }

    fn item(
        &mut self,
        c: &Comment,
        a: &Author,
        tz: chrono_tz::Tz,
        names: &HashMap<i32, String>,
        campaign: Option<usize>,
    ) -> Item {
        let note = self.notes.remove(&c.id);
        let reply = c.parent_id.map(|id| ReplyTo {
            id,
            name: names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| "an earlier comment".to_string()),
        });
        let clause = c.clause_key.as_deref().and_then(|k| self.clause(k));
        let mut view = CommentView::new(c, a, tz, clause, reply);
        view.disposition = note;
        let d = self.decided.get(&c.id);
        let published = c.status() == CommentStatus::Published;
        let accepted = self.accepted.get(&c.id);
        Item {
            c: view,
            status: c.status.clone(),
            published,
            campaign,
            outcome: d.map(|d| d.outcome.clone()).unwrap_or_default(),
            rationale: d.map(|d| d.rationale.clone()).unwrap_or_default(),
            clause_key: match d {
                Some(d) => d.resolved_clause_key.clone().unwrap_or_default(),
                None => self.in_next(c.clause_key.as_deref()),
            },
            accepted_in: accepted.map(|l| format!("the draft of version {l}")),
            can_accept: published
                && self.draft.is_some()
                && c.clause_key.is_some()
                && c.proposed_text.is_some()
                && accepted.is_none(),
        }
    }
}

/// The feedback of a published version, filtered. `NotFound` for a draft
/// or a version that does not exist.
pub fn load(conn: &mut DbConn, slug: &str, label: &str, f: &Filters) -> QueryResult<Workspace> {
    let (standard, version) = Version::published_in(conn, slug, label)?;
    let mut rows = Rows::load(conn, &standard, &version)?;
    let (campaigns, campaign_of) = rows.campaigns();
    let mut sections = rows.empty_sections(&standard, &version);
    let names: HashMap<i32, String> = rows
        .comments
        .iter()
        .map(|(c, a)| (c.id, a.display_name.clone()))
        .collect();
    let tz = standard.tz();
    let (mut total, mut decided, mut shown) = (0, 0, 0);
    for (c, a) in std::mem::take(&mut rows.comments) {
        if !f.counts(&c) {
            continue;
        }
        let idx = match c.clause_key.as_deref() {
            None => 0,
            Some(k) => match rows.clauses.iter().position(|cl| cl.clause_key == k) {
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
        let d = rows.decided.get(&c.id);
        decided += usize::from(d.is_some());
        if !f.admits(&c, a.organization.as_deref(), d) {
            continue;
        }
        shown += 1;
        let item = rows.item(&c, &a, tz, &names, campaign_of.get(&c.id).copied());
        sections[idx].items.push(item);
    }
    sections.retain(|s| !s.items.is_empty());
    Ok(Workspace {
        standard,
        version,
        total,
        decided,
        shown,
        campaigns,
        sections,
        draft: rows.draft,
        next: rows.next,
    })
}

/// One version in the editors' overview.
pub struct IndexVersion {
    pub label: String,
    pub status: &'static str,
    /// Published comments.
    pub comments: i64,
    /// Comments with a decision.
    pub decided: usize,
    pub feedback_href: String,
    pub report_href: String,
}

/// One standard in the editors' overview.
pub struct IndexStandard {
    pub slug: String,
    pub title: String,
    /// Published versions, newest first.
    pub versions: Vec<IndexVersion>,
    /// The open draft: (label, address).
    pub draft: Option<(String, String)>,
    /// The label a new draft would get, when one can be started.
    pub next_label: Option<String>,
}

fn index_version(conn: &mut DbConn, s: &Standard, v: Version) -> QueryResult<IndexVersion> {
    let comments: i64 = Comment::published_counts(conn, v.id)?
        .into_iter()
        .map(|(_, n)| n)
        .sum();
    let decided = Disposition::for_version(conn, v.id)?.len();
    Ok(IndexVersion {
        feedback_href: crate::urls::editor_feedback(&s.slug, &v.label),
        report_href: crate::urls::dispositions(&s.slug, &v.label),
        status: v.status().display(),
        label: v.label,
        comments,
        decided,
    })
}

/// Every standard with its published versions (how many comments each has,
/// and how many are decided) and its draft. A few queries per version:
/// the overview grows with the number of versions, never with comments.
pub fn index(conn: &mut DbConn) -> QueryResult<Vec<IndexStandard>> {
    let mut out = Vec::new();
    for s in Standard::all(conn)? {
        let mut versions = Vec::new();
        for v in Version::for_standard(conn, s.id)?.into_iter().rev() {
            if v.status().is_published() {
                versions.push(index_version(conn, &s, v)?);
            }
        }
        let latest = crate::drafts::latest_published(conn, s.id)?;
        let draft = match &latest {
            Some(v) => Draft::open_for_base(conn, v.id)?,
            None => None,
        };
        let next_label = match (&latest, &draft) {
            (Some(v), None) => {
                let l = crate::standard::edit::next_label(&v.label);
                Version::find_by_label(conn, s.id, &l)?
                    .is_none()
                    .then_some(l)
            }
            _ => None,
        };
        out.push(IndexStandard {
            draft: draft.map(|d| {
                let href = crate::urls::editor_draft(&s.slug, &d.label);
                (d.label, href)
            }),
            next_label,
            slug: s.slug,
            title: s.title,
            versions,
        });
    }
    Ok(out)
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
        assert_eq!(Filters::default().query(), "");
        assert!(f.is_active());
        assert!(!Filters::default().is_active());
    }
}
