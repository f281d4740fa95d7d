//! Saving one clause of the draft: its number, heading and body, and
//! nothing else of the file.
//!
//! The policy: a save names the revision it was made from and carries the
//! clause's text as it was then. If the draft moved on meanwhile, the
//! editor's change and the other save are merged three ways (the text
//! the editor started from is the base) with `redline::merge`; changes to
//! different words combine, and changes to the same words are a
//! [`ClauseConflict`] that changes nothing and keeps everything typed.
//! No save ever overwrites another unseen.

use chrono::NaiveDateTime;
use diesel::OptionalExtension;

use super::clause_text::{self, ClauseText};
use super::{numbering, refuse, DraftError};
use crate::actor::Actor;
use crate::audit;
use crate::db::models::{ClauseRow, Draft, Standard, Version};
use crate::db::{write_tx, DbConn};
use crate::i18n::{t, t1, t2};
use crate::redline::merge::{merge3, merge_whole, Merged};
use crate::standard::clause::naming;
use crate::standard::edit::EditError;
use crate::standard::parse::parse_version;

/// Two saves of the same clause that changed the same words.
#[derive(Debug, Clone)]
pub struct ClauseConflict {
    pub key: String,
    /// "clause 1.2 (Chain of custody)".
    pub clause_name: String,
    /// The draft's revision now, which a resolution is saved against.
    pub revision: i32,
    pub updated_by: String,
    pub base_label: String,
    /// The clause as published in the version the draft revises.
    pub published: Option<ClauseText>,
    /// The clause as the other save left it (empty if it removed it).
    pub current: ClauseText,
    /// What this editor typed.
    pub mine: ClauseText,
    pub message: String,
}

/// What a clause save did.
#[derive(Debug, Clone)]
pub struct Saved {
    pub revision: i32,
    /// Whether another save came first and the two were combined.
    pub merged: bool,
    /// Numbering problems of the whole draft after the save.
    pub warnings: Vec<String>,
}

/// The editor's text merged with a save made since `base` was read;
/// `Err` names the first place both changed.
fn merge_text(
    base: &ClauseText,
    current: &ClauseText,
    mine: &ClauseText,
) -> Result<ClauseText, String> {
    let Some(number) = merge_whole(&base.number, &current.number, &mine.number) else {
        return Err(t2(
            "drafting-merge-number",
            "current",
            &current.number,
            "mine",
            &mine.number,
        ));
    };
    let heading = match merge3(&base.heading, &current.heading, &mine.heading) {
        Merged::Clean(h) => h,
        Merged::Conflicts(_) => {
            return Err(t2(
                "drafting-merge-heading",
                "current",
                &current.heading,
                "mine",
                &mine.heading,
            ))
        }
    };
    let body = match merge3(&base.body, &current.body, &mine.body) {
        Merged::Clean(b) => b,
        Merged::Conflicts(c) => {
            let first = &c[0];
            return Err(crate::i18n::t_with_three(
                "drafting-merge-body",
                [
                    ("base", first.base.trim().to_string()),
                    ("current", first.ours.trim().to_string()),
                    ("mine", first.theirs.trim().to_string()),
                ],
            ));
        }
    };
    Ok(ClauseText {
        number,
        heading,
        body,
    })
}

fn edit_refused(e: EditError) -> DraftError {
    DraftError::Refused(t1("drafting-not-saved-because", "problem", e.to_string()))
}

/// Save `mine` as clause `key` of the draft `label`; `revision` and
/// `base` are the draft's revision and the clause's text when the editor
/// opened it.
#[allow(clippy::too_many_arguments)]
pub fn save(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    key: &str,
    revision: i32,
    base: &ClauseText,
    mine: &ClauseText,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<Saved, DraftError> {
    if let Some(p) = mine.problem() {
        return refuse(t1("drafting-not-saved", "problem", p));
    }
    write_tx(conn, |conn| {
        let draft = Draft::by_label(conn, standard.id, label)?;
        if draft.is_published() {
            return refuse(super::published_already(label));
        }
        let previous = ClauseRow::clauses_of(conn, draft.base_version_id)?;
        let now_text = clause_text::read(&draft.source, Some(&previous), key);
        let current = match (&now_text, draft.revision == revision) {
            (Ok((_, t)), _) => t.clone(),
            (Err(EditError::NoSuchClause(_)), false) => {
                let why = t("drafting-clause-removed-meanwhile");
                return Err(conflict(
                    conn,
                    &draft,
                    &previous,
                    key,
                    ClauseText::default(),
                    mine,
                    why,
                ));
            }
            (Err(e), _) => return Err(edit_refused(e.clone())),
        };
        let stale = draft.revision != revision;
        let text = if stale {
            match merge_text(base, &current, mine) {
                Ok(t) => t,
                Err(why) => return Err(conflict(conn, &draft, &previous, key, current, mine, why)),
            }
        } else {
            mine.clone()
        };
        let keys_before = keys(&draft.source, &previous);
        let mut source =
            clause_text::write(&draft.source, Some(&previous), key, &text).map_err(edit_refused)?;
        let mut keys_after = keys(&source, &previous);
        if keys_after.len() == keys_before.len() && keys_after != keys_before {
            // The clause's inherited key would follow its old text elsewhere:
            // write the key out in its heading.
            source = clause_text::write_keyed(&draft.source, Some(&previous), key, &text)
                .map_err(edit_refused)?;
            keys_after = keys(&source, &previous);
        }
        if keys_after.is_empty() {
            return refuse(t("drafting-clause-would-not-parse"));
        }
        if keys_after.len() != keys_before.len() {
            return refuse(t("drafting-clause-heading-line"));
        }
        if keys_after != keys_before {
            return refuse(t("drafting-clause-keys-change"));
        }
        let Ok(parsed) = parse_version("draft", source.as_bytes(), Some(&previous)) else {
            return refuse(t("drafting-clause-would-not-parse"));
        };
        let warnings = numbering::problems(&parsed.clauses);
        if source == draft.source {
            return Ok(Saved {
                revision: draft.revision,
                merged: stale,
                warnings,
            });
        }
        if !Draft::save(conn, draft.id, draft.revision, &source, &staff.name, now)? {
            return refuse(t("drafting-clause-changed-meanwhile"));
        }
        let merged = if stale {
            format!(
                " Merged with revision {} by {}.",
                draft.revision, draft.updated_by
            )
        } else {
            String::new()
        };
        audit::record_at(
            conn,
            &audit::Event::by(staff, "draft.clause_saved")
                .on_standard(standard.id)
                .target(format!("{} draft of version {label}", standard.slug))
                .detail(format!(
                    "Clause “{key}”, revision {}.{merged}",
                    draft.revision + 1
                )),
            now,
        )?;
        Ok(Saved {
            revision: draft.revision + 1,
            merged: stale,
            warnings,
        })
    })
}

/// The draft's clause keys in order; empty when it does not parse.
fn keys(source: &str, previous: &[crate::standard::Clause]) -> Vec<String> {
    crate::standard::edit::clause_keys(source, Some(previous)).unwrap_or_default()
}

/// The conflict of a late save, for the editor to settle.
fn conflict(
    conn: &mut DbConn,
    draft: &Draft,
    previous: &[crate::standard::Clause],
    key: &str,
    current: ClauseText,
    mine: &ClauseText,
    why: String,
) -> DraftError {
    let published = previous.iter().find(|c| c.key == key);
    let base_label = match Version::by_id(conn, draft.base_version_id).optional() {
        Ok(Some(v)) => v.label,
        Ok(None) => String::new(),
        Err(e) => return DraftError::Db(e),
    };
    let clause_name = if current.heading.is_empty() {
        naming::by_key(key)
    } else {
        naming::full(&current.number, &current.heading)
    };
    DraftError::ClauseConflict(Box::new(ClauseConflict {
        message: crate::i18n::current().t_with(
            "drafting-clause-conflict",
            &[
                ("by", &draft.updated_by),
                ("revision", &draft.revision),
                ("clause", &clause_name),
                ("why", &why),
            ],
        ),
        key: key.to_string(),
        clause_name,
        revision: draft.revision,
        updated_by: draft.updated_by.clone(),
        base_label,
        published: published.map(|c| ClauseText {
            number: c.number.clone(),
            heading: c.heading.clone(),
            body: crate::standard::edit::tidy_body(&c.body_md),
        }),
        current,
        mine: mine.clone(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(number: &str, heading: &str, body: &str) -> ClauseText {
        ClauseText::from_form(number, heading, body)
    }

    #[test]
    fn edits_to_different_words_combine() {
        let base = t("1.2", "Seals", "Every container is sealed with a seal.");
        let current = t(
            "1.2",
            "Seals",
            "Every ballot container is sealed with a seal.",
        );
        let mine = t(
            "1.3",
            "Seals",
            "Every container is sealed with a numbered seal.",
        );
        let m = merge_text(&base, &current, &mine).unwrap();
        assert_eq!(m.number, "1.3");
        assert_eq!(
            m.body,
            "Every ballot container is sealed with a numbered seal."
        );
    }

    #[test]
    fn edits_to_the_same_words_conflict() {
        let base = t("1.2", "Seals", "Sealed within 30 seconds.");
        let current = t("1.2", "Seals", "Sealed within 60 seconds.");
        let mine = t("1.2", "Seals", "Sealed within 90 seconds.");
        let why = merge_text(&base, &current, &mine).unwrap_err();
        assert!(why.contains("60") && why.contains("90"), "{why}");
        let renumbered = t("1.4", "Seals", "Sealed within 30 seconds.");
        let mine = t("1.5", "Seals", "Sealed within 30 seconds.");
        assert!(merge_text(&base, &renumbered, &mine).is_err());
    }
}
