//! Clause numbers: the check run on every save of a draft (gaps, repeats,
//! numbers out of order), and renumbering, which gives the numbered
//! clauses of a draft numbers in sequence and keeps each clause's key.
//!
//! The policy: renumbering rewrites only heading lines whose number
//! changes, each with its key written out as `{#key}`; a clause's depth is
//! the count of parts of its number as the editor wrote it (`3.4` stays a
//! second-level number), and unnumbered headings stay unnumbered.

use chrono::NaiveDateTime;

use super::clause_text::{heading_line, replace_line, HeadingLine};
use super::{refuse, DraftError};
use crate::actor::Actor;
use crate::audit;
use crate::db::models::{ClauseRow, Draft, Standard};
use crate::db::{write_tx, DbConn};
use crate::standard::edit::EditError;
use crate::standard::parse::parse_version;
use crate::standard::Clause;

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
pub fn problems(clauses: &[Clause]) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen: Vec<Vec<u32>> = Vec::new();
    let mut last: Option<Vec<u32>> = None;
    for c in clauses {
        let Some(n) = parts(&c.number) else { continue };
        if seen.contains(&n) {
            out.push(crate::i18n::t2(
                "drafting-numbering-twice",
                "number",
                show(&n),
                "heading",
                &c.heading,
            ));
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
                None => crate::i18n::t1("drafting-numbering-first", "number", show(&n)),
                Some(prev) => crate::i18n::current().t_with(
                    "drafting-numbering-gap",
                    &[
                        ("previous", &show(prev)),
                        ("number", &show(&n)),
                        ("heading", &c.heading),
                        ("expected", &wanted),
                    ],
                ),
            });
        }
        seen.push(n.clone());
        last = Some(n);
    }
    out
}

/// The numbers the numbered clauses would have in sequence, in document
/// order (`None` for an unnumbered clause).
pub fn sequence(clauses: &[Clause]) -> Vec<Option<String>> {
    let mut counters: Vec<u32> = Vec::new();
    clauses
        .iter()
        .map(|c| {
            let depth = parts(&c.number)?.len();
            if counters.len() >= depth {
                counters.truncate(depth);
                counters[depth - 1] += 1;
            } else {
                while counters.len() + 1 < depth {
                    counters.push(1);
                }
                counters.push(1);
            }
            Some(show(&counters))
        })
        .collect()
}

/// One clause whose number renumbering changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub key: String,
    pub from: String,
    pub to: String,
}

/// `source` with its numbered clauses numbered in sequence.
pub fn renumber_source(
    source: &str,
    previous: Option<&[Clause]>,
) -> Result<(String, Vec<Change>), EditError> {
    let parsed = parse_version("draft", source.as_bytes(), previous).map_err(EditError::Parse)?;
    let mut out = source.to_string();
    let mut changes = Vec::new();
    for (c, number) in parsed.clauses.iter().zip(sequence(&parsed.clauses)) {
        let Some(number) = number else { continue };
        if number == c.number {
            continue;
        }
        let old = heading_line(source, c)?;
        let line = HeadingLine {
            number: number.clone(),
            key: Some(c.key.clone()),
            ..old
        };
        out = replace_line(&out, c.line, &line.write());
        changes.push(Change {
            key: c.key.clone(),
            from: c.number.clone(),
            to: number,
        });
    }
    Ok((out, changes))
}

/// What renumbering did.
#[derive(Debug, Clone)]
pub struct Renumbered {
    pub revision: i32,
    pub changes: Vec<Change>,
}

/// Renumber the draft `label`, as it stood at `revision`.
pub fn renumber(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    revision: i32,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<Renumbered, DraftError> {
    write_tx(conn, |conn| {
        let draft = Draft::by_label(conn, standard.id, label)?;
        if draft.is_published() {
            return refuse(super::published_already(label));
        }
        if draft.revision != revision {
            return Err(DraftError::Stale {
                message: crate::i18n::t2(
                    "drafting-renumber-stale",
                    "revision",
                    draft.revision,
                    "by",
                    &draft.updated_by,
                ),
            });
        }
        let previous = ClauseRow::clauses_of(conn, draft.base_version_id)?;
        let (source, changes) = renumber_source(&draft.source, Some(&previous)).map_err(|e| {
            DraftError::Refused(crate::i18n::t1(
                "drafting-renumber-failed",
                "problem",
                e.to_string(),
            ))
        })?;
        if changes.is_empty() {
            return Ok(Renumbered { revision, changes });
        }
        if !Draft::save(conn, draft.id, revision, &source, &staff.name, now)? {
            return refuse(crate::i18n::t("drafting-renumber-changed-meanwhile"));
        }
        audit::record_at(
            conn,
            &audit::Event::by(staff, "draft.renumbered")
                .on_standard(standard.id)
                .target(format!("{} draft of version {label}", standard.slug))
                .detail(format!(
                    "Revision {}: {}.",
                    revision + 1,
                    changes
                        .iter()
                        .map(|c| format!("{} {} → {}", c.key, c.from, c.to))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            now,
        )?;
        Ok(Renumbered {
            revision: revision + 1,
            changes,
        })
    })
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
        assert_eq!(problems(&ok), Vec::<String>::new());
    }

    #[test]
    fn gaps_repeats_and_disorder_are_named() {
        let p = problems(&clauses(&["1", "3.4", "3.6", "3.6", "3.5"]));
        assert_eq!(p.len(), 4, "{p:#?}");
        assert!(p[0].starts_with("1 is followed by 3.4"), "{p:#?}");
        assert!(p[1].starts_with("3.4 is followed by 3.6"), "{p:#?}");
        assert!(p[1].contains("3.4.1, 3.5, 4"), "{p:#?}");
        assert!(p[2].starts_with("3.6 is used twice"), "{p:#?}");
        assert!(p[3].starts_with("3.6 is followed by 3.5"), "{p:#?}");
        assert_eq!(
            problems(&clauses(&["2"])),
            vec!["The first clause is numbered 2, not 1.".to_string()]
        );
    }

    #[test]
    fn renumbering_puts_numbers_in_sequence_at_their_depth() {
        let got = sequence(&clauses(&[
            "1", "3.4", "3.6", "3.6", "", "3.5", "5", "5.1.1",
        ]));
        let want = ["1", "1.1", "1.2", "1.3", "", "1.4", "2", "2.1.1"];
        let got: Vec<String> = got.into_iter().map(Option::unwrap_or_default).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn renumbering_rewrites_only_changed_headings_and_keeps_keys() {
        let src = "+++\nlabel = \"2\"\ntitle = \"T\"\nstatus = \"draft\"\n+++\n\n## 1 Custody\n\nText.\n\n### 1.1 Seals {#seals}\n\nA.\n\n### 1.3 Rooms\n\nB.\n\n## 3 Counting {#counting}\n\nC.\n";
        let (out, changes) = renumber_source(src, None).unwrap();
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(out.contains("## 1 Custody\n\nText.\n\n### 1.1 Seals {#seals}\n"));
        assert!(out.contains("### 1.2 Rooms {#rooms}\n\nB.\n"), "{out}");
        assert!(out.contains("## 2 Counting {#counting}\n\nC.\n"), "{out}");
        let keys = |s: &str| -> Vec<String> {
            parse_version("d", s.as_bytes(), None)
                .unwrap()
                .clauses
                .into_iter()
                .map(|c| c.key)
                .collect()
        };
        assert_eq!(keys(src), keys(&out));
        assert!(problems(&parse_version("d", out.as_bytes(), None).unwrap().clauses).is_empty());
    }
}
