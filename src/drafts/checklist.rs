//! What to settle before a draft is published: comments on the version it
//! revises that have no decision, clause numbers out of sequence, a title
//! or notes carried over unchanged, and clauses removed although people
//! commented on them. Each open item must be fixed or acknowledged on the
//! publish form; [`super::publish`] refuses until it is.

use diesel::QueryResult;

use crate::db::models::feedback::{CommentFilter, Decided};
use crate::db::models::review::{DecisionDraft, DraftState};
use crate::db::models::tally::{StatusScope, Tallies};
use crate::db::models::{Standard, Version};
use crate::db::DbConn;
use crate::standard::parse::ParsedVersion;
use crate::standard::Clause;
use crate::urls;

/// One item of the checklist that is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The form field that acknowledges it is `ack_{id}`.
    pub id: &'static str,
    pub title: String,
    /// The particulars, one a line.
    pub details: Vec<String>,
    /// Where to fix it: (address, words).
    pub link: Option<(String, String)>,
}

/// The open items for publishing `draft` (parsed) as the version after
/// `base`. A few queries, whatever the number of comments (counts come
/// from SQL and the tallies).
pub fn checklist(
    conn: &mut DbConn,
    standard: &Standard,
    base: &Version,
    draft: &ParsedVersion,
) -> QueryResult<Vec<Check>> {
    let mut out = Vec::new();
    let total = CommentFilter::version(base.id, StatusScope::Public).count(conn)?;
    let open = CommentFilter {
        decided: Decided::Open,
        ..CommentFilter::version(base.id, StatusScope::Public)
    }
    .count(conn)?;
    if open > 0 {
        out.push(Check {
            id: "undecided",
            title: format!(
                "{open} of the {total} public comments on version {} have no decision.",
                base.label
            ),
            details: Vec::new(),
            link: Some((
                format!(
                    "{}?disposition=open",
                    urls::editor_feedback(&standard.slug, &base.label)
                ),
                "Open the comments without a decision".to_string(),
            )),
        });
    }
    if let Some(check) = unreleased(conn, standard, base)? {
        out.push(check);
    }
    let problems = numbering_problems(&draft.clauses);
    if !problems.is_empty() {
        out.push(Check {
            id: "numbering",
            title: "Clause numbers are out of sequence.".to_string(),
            details: problems,
            link: None,
        });
    }
    if draft.front.title.trim() == base.title.trim() {
        out.push(Check {
            id: "title",
            title: format!(
                "The title is the same as version {}'s: “{}”.",
                base.label,
                base.title.trim()
            ),
            details: Vec::new(),
            link: None,
        });
    }
    if !base.notes.trim().is_empty() && draft.front.notes.trim() == base.notes.trim() {
        out.push(Check {
            id: "notes",
            title: format!("The notes are the same as version {}'s.", base.label),
            details: Vec::new(),
            link: None,
        });
    }
    let removed = removed_with_comments(conn, base, draft)?;
    if !removed.is_empty() {
        out.push(Check {
            id: "removed",
            title: "Clauses that people commented on are not in the draft.".to_string(),
            details: removed,
            link: None,
        });
    }
    Ok(out)
}

/// Decisions on `base`'s comments saved but not yet released (review and
/// release): approved ones are released with the new version, the others
/// stay drafts for staff.
fn unreleased(
    conn: &mut DbConn,
    standard: &Standard,
    base: &Version,
) -> QueryResult<Option<Check>> {
    let counts = DecisionDraft::counts(conn, base.id)?;
    let n = |s: DraftState| {
        counts
            .iter()
            .find(|(k, _)| k == s.as_str())
            .map_or(0, |(_, n)| *n)
    };
    let (drafts, ready, approved) = (
        n(DraftState::Draft),
        n(DraftState::Ready),
        n(DraftState::Approved),
    );
    let total = drafts + ready + approved;
    if total == 0 {
        return Ok(None);
    }
    let mut details = Vec::new();
    if approved > 0 {
        details.push(format!(
            "{approved} approved: released (made public, mailed and added to the ledger) when this version is published."
        ));
    }
    if ready > 0 {
        details.push(format!(
            "{ready} marked ready, waiting for approval: not released by publishing."
        ));
    }
    if drafts > 0 {
        details.push(format!(
            "{drafts} still drafts: not released by publishing."
        ));
    }
    Ok(Some(Check {
        id: "unreleased",
        title: format!(
            "{total} decision{} on version {} {} not released yet.",
            if total == 1 { "" } else { "s" },
            base.label,
            if total == 1 { "is" } else { "are" }
        ),
        details,
        link: Some((
            urls::editor_release(&standard.slug, &base.label),
            "Review and release the decisions".to_string(),
        )),
    }))
}

/// Clauses of `base` the draft no longer has, with their public comments.
fn removed_with_comments(
    conn: &mut DbConn,
    base: &Version,
    draft: &ParsedVersion,
) -> QueryResult<Vec<String>> {
    let tallies = Tallies::of_version(conn, base.id)?;
    let clauses = crate::db::models::ClauseRow::for_version(conn, base.id)?;
    let mut out = Vec::new();
    for (key, n) in tallies.by_clause(base.id, StatusScope::Public) {
        let Some(key) = key else { continue };
        if n == 0 || draft.clauses.iter().any(|c| c.key == key) {
            continue;
        }
        let name = clauses
            .iter()
            .find(|c| c.clause_key == key)
            .map_or_else(|| key.clone(), |c| c.numbered_heading());
        out.push(format!(
            "{name} ({n} comment{})",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok(out)
}

/// A clause number as numbers: "3.4" is [3, 4]; `None` for numbers that
/// are not dotted integers ("A.1").
fn parts(number: &str) -> Option<Vec<u32>> {
    let n = number.trim().trim_end_matches('.');
    if n.is_empty() {
        return None;
    }
    n.split('.').map(|p| p.parse().ok()).collect()
}

fn show(p: &[u32]) -> String {
    p.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

/// Gaps, repeats and numbers out of order among the clauses' numbers, in
/// words. After `3.4` may come `3.4.1`, `3.5` or `4`.
pub fn numbering_problems(clauses: &[Clause]) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen: Vec<Vec<u32>> = Vec::new();
    let mut last: Option<Vec<u32>> = None;
    for c in clauses {
        let Some(n) = parts(&c.number) else { continue };
        if seen.contains(&n) {
            out.push(format!("{} is used twice (“{}”).", show(&n), c.heading));
            continue;
        }
        let expected: Vec<Vec<u32>> = match &last {
            None => vec![vec![1]],
            Some(prev) => {
                let mut e = vec![[prev.as_slice(), &[1]].concat()];
                for k in (1..=prev.len()).rev() {
                    let mut s = prev[..k].to_vec();
                    s[k - 1] += 1;
                    e.push(s);
                }
                e
            }
        };
        if !expected.contains(&n) {
            let wanted = expected
                .iter()
                .map(|e| show(e))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(match &last {
                None => format!("The first clause is numbered {}, not 1.", show(&n)),
                Some(prev) => format!(
                    "{} is followed by {} (“{}”); the next number would be one of {wanted}.",
                    show(prev),
                    show(&n),
                    c.heading
                ),
            });
        }
        seen.push(n.clone());
        last = Some(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(numbers: &[&str]) -> Vec<Clause> {
        numbers
            .iter()
            .map(|n| Clause {
                key: format!("k{n}"),
                number: n.to_string(),
                heading: format!("Heading {n}"),
                level: 2,
                body_md: String::new(),
                html: String::new(),
                parent_key: None,
                line: 1,
            })
            .collect()
    }

    #[test]
    fn a_sequence_in_order_has_no_problem() {
        let ok = clauses(&["1", "1.1", "1.2", "1.2.1", "2", "2.1", "", "A.1", "3"]);
        assert_eq!(numbering_problems(&ok), Vec::<String>::new());
    }

    #[test]
    fn gaps_repeats_and_disorder_are_named() {
        let p = numbering_problems(&clauses(&["1", "3.4", "3.6", "3.6", "3.5"]));
        assert_eq!(p.len(), 4, "{p:#?}");
        assert!(p[0].starts_with("1 is followed by 3.4"), "{p:#?}");
        assert!(p[1].starts_with("3.4 is followed by 3.6"), "{p:#?}");
        assert!(p[1].contains("3.4.1, 3.5, 4"), "{p:#?}");
        assert!(p[2].starts_with("3.6 is used twice"), "{p:#?}");
        assert!(p[3].starts_with("3.6 is followed by 3.5"), "{p:#?}");
        assert_eq!(
            numbering_problems(&clauses(&["2"])),
            vec!["The first clause is numbered 2, not 1.".to_string()]
        );
    }
}
