//! The redline: the engine, its outputs, the site's comparison pages and
//! API, and `docket diff`.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use actix_web::http::{header, StatusCode};
use actix_web::test as web_test;
use docket::redline::{self, blocks, html, text, ClauseDiff, Limits, Op, Redline, Status};
use docket::standard::import::import_dir;
use docket::standard::{parse_clauses, parse_version, Clause};
use docket::web::{app, AppState};
use proptest::prelude::*;

use crate::support::{front, sample_content, two_versions, Content, TestDb};

// ---------------------------------------------------------------------------
// Helpers

fn clauses(md: &str) -> Vec<Clause> {
    parse_clauses(md).expect("parses")
}

fn diff(old: &str, new: &str) -> Redline {
    redline::compare("1", "2", &clauses(old), &clauses(new))
}

fn clause<'a>(r: &'a Redline, key: &str) -> &'a ClauseDiff {
    r.clauses
        .iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no clause {key} in {:?}", keys_of(r)))
}

fn keys_of(r: &Redline) -> Vec<&str> {
    r.clauses.iter().map(|c| c.key.as_str()).collect()
}

fn ops(c: &ClauseDiff) -> Vec<(Op, &str)> {
    c.changes.iter().map(|s| (s.op, s.text.as_str())).collect()
}

/// The redline's central promise, checked for every clause: the spans
/// rebuild both texts exactly, every clause of both versions appears once,
/// and the summary counts what is listed.
fn assert_lossless(r: &Redline, old: &[Clause], new: &[Clause]) {
    let mut seen_old = HashSet::new();
    let mut seen_new = HashSet::new();
    for c in &r.clauses {
        let o = old.iter().find(|x| x.key == c.key);
        let n = new.iter().find(|x| x.key == c.key);
        match c.status {
            Status::Added => assert!(o.is_none() && n.is_some(), "{}", c.key),
            Status::Removed => assert!(o.is_some() && n.is_none(), "{}", c.key),
            _ => assert!(o.is_some() && n.is_some(), "{}", c.key),
        }
        if c.status != Status::Added {
            let o = o.unwrap();
            assert_eq!(
                c.old_text(),
                blocks::clause_text(o),
                "old text of {}",
                c.key
            );
            assert!(seen_old.insert(c.key.clone()), "{} twice", c.key);
        } else {
            assert!(c.changes.iter().all(|s| s.op == Op::Insert));
        }
        if c.status != Status::Removed {
            let n = n.unwrap();
            assert_eq!(
                c.new_text(),
                blocks::clause_text(n),
                "new text of {}",
                c.key
            );
            assert!(seen_new.insert(c.key.clone()), "{} twice", c.key);
        } else {
            assert!(c.changes.iter().all(|s| s.op == Op::Delete));
        }
        assert!(
            c.changes.iter().all(|s| !s.text.is_empty()),
            "no empty spans"
        );
        assert_eq!(
            c.status == Status::Unchanged,
            c.changes.iter().all(|s| s.op == Op::Equal),
            "status of {} matches its spans",
            c.key
        );
        // Block by block, the spans say the same thing.
        let from_blocks: Vec<redline::Change> =
            c.blocks.iter().flat_map(|b| b.spans.clone()).collect();
        assert_eq!(
            redline::spans_text(&from_blocks, Op::Delete).replace("\n\n", ""),
            c.old_text().replace("\n\n", ""),
            "blocks of {}",
            c.key
        );
    }
    assert_eq!(seen_old.len(), old.len());
    assert_eq!(seen_new.len(), new.len());
    let s = r.summary;
    assert_eq!(
        s.added + s.removed + s.modified + s.unchanged,
        r.clauses.len()
    );
    assert_eq!(s.moved, r.clauses.iter().filter(|c| c.moved).count());
}

// ---------------------------------------------------------------------------
// The engine

const BASE: &str = "\
## 1 Scope {#scope}

This standard covers poll workers.

## 2 Recruiting {#recruit}

The office shall recruit widely.

## 3 Training {#training}

Every worker shall be trained.

## 4 Pay {#pay}

Workers shall be paid on time.
";

#[test]
fn clauses_align_by_key_with_removed_ones_where_they_stood() {
    let new = "\
## 1 Scope {#scope}

This standard covers poll workers.

## 2 Oath {#oath}

Every worker shall take an oath.

## 3 Training {#training}

Every worker shall be trained each year.

## 4 Pay {#pay}

Workers shall be paid on time.
";
    let r = diff(BASE, new);
    assert_eq!(
        keys_of(&r),
        vec!["scope", "recruit", "oath", "training", "pay"]
    );
    assert_eq!(clause(&r, "scope").status, Status::Unchanged);
    assert_eq!(clause(&r, "recruit").status, Status::Removed);
    assert_eq!(clause(&r, "oath").status, Status::Added);
    assert_eq!(clause(&r, "training").status, Status::Modified);
    assert_eq!(r.summary.added, 1);
    assert_eq!(r.summary.removed, 1);
    assert_eq!(r.summary.modified, 1);
    assert_eq!(r.summary.unchanged, 2);
    assert_eq!(r.summary.moved, 0);
    assert_eq!(
        ops(clause(&r, "training")),
        vec![
            (Op::Equal, "Training\n\nEvery worker shall be trained"),
            (Op::Insert, " each year"),
            (Op::Equal, "."),
        ]
    );
    let added = clause(&r, "oath");
    assert_eq!(added.from_number, None);
    assert_eq!(added.to_number.as_deref(), Some("2"));
    assert_eq!(
        ops(added),
        vec![(Op::Insert, "Oath\n\nEvery worker shall take an oath.")]
    );
    let removed = clause(&r, "recruit");
    assert_eq!(removed.to_number, None);
    assert_lossless(&r, &clauses(BASE), &clauses(new));
}

#[test]
fn a_shift_is_not_a_move() {
    // A clause inserted at the top shifts every other one: nothing moved.
    let new = format!("## 0 Purpose {{#purpose}}\n\nWhy this exists.\n\n{BASE}");
    let r = diff(BASE, &new);
    assert_eq!(r.summary.moved, 0, "{:?}", r.clauses);
    assert!(r.clauses.iter().all(|c| !c.moved));
    // Removing the first clause shifts the rest back: still nothing moved.
    let r = diff(&new, BASE);
    assert_eq!(r.summary.moved, 0);
}

#[test]
fn a_move_is_flagged_on_the_clause_that_moved_only() {
    let new = "\
## 1 Pay {#pay}

Workers shall be paid on time.

## 2 Scope {#scope}

This standard covers poll workers.

## 3 Recruiting {#recruit}

The office shall recruit widely.

## 4 Training {#training}

Every worker shall be trained.
";
    let r = diff(BASE, new);
    assert_eq!(keys_of(&r), vec!["pay", "scope", "recruit", "training"]);
    let moved: Vec<&str> = r
        .clauses
        .iter()
        .filter(|c| c.moved)
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(moved, vec!["pay"]);
    assert_eq!(r.summary.moved, 1);
    let pay = clause(&r, "pay");
    assert_eq!(pay.status, Status::Unchanged, "moving is not modifying");
    assert!(pay.renumbered);
    assert!(pay.is_change());
}

#[test]
fn renumbering_is_flagged_and_is_not_a_modification() {
    let new = BASE
        .replace("## 2 Recruiting", "## 2.1 Recruiting")
        .replace("## 3 Training", "## 2.2 Training");
    let r = diff(BASE, &new);
    let recruit = clause(&r, "recruit");
    assert_eq!(recruit.status, Status::Unchanged);
    assert!(recruit.renumbered);
    assert_eq!(recruit.from_number.as_deref(), Some("2"));
    assert_eq!(recruit.to_number.as_deref(), Some("2.1"));
    assert!(!clause(&r, "scope").renumbered);
    assert!(!recruit.is_change(), "renumbering alone is nothing to read");
    assert_eq!(r.summary.unchanged, 4);
}

#[test]
fn rewrapping_a_paragraph_is_not_a_change() {
    let old = "## 1 Seals {#seals}\n\nEvery container shall be sealed with a numbered seal,\nrecorded on the log.\n";
    let new = "## 1 Seals {#seals}\n\nEvery container shall be\nsealed with a   numbered seal, recorded\non the log.\n";
    let r = diff(old, new);
    assert_eq!(r.clauses[0].status, Status::Unchanged);
    assert_eq!(
        ops(&r.clauses[0]),
        vec![(
            Op::Equal,
            "Seals\n\nEvery container shall be sealed with a numbered seal, recorded on the log."
        )]
    );
}

#[test]
fn lists_and_tables_survive_in_the_html() {
    let old = "\
## 1 Supplies {#supplies}

Each location shall hold:

- ballots for every precinct;
- seals and a seal log;
- a first-aid kit.

| Item | Count |
|---|---|
| Pens | 20 |
| Booths | 6 |
";
    let new = "\
## 1 Supplies {#supplies}

Each location shall hold:

- ballots for every precinct;
- a first-aid kit;
- a charged phone.

| Item | Count |
|---|---|
| Pens | 30 |
| Booths | 6 |
";
    let r = diff(old, new);
    let c = &r.clauses[0];
    assert_eq!(c.status, Status::Modified);
    let out = html::inline(&r, &html::HtmlOptions::default());
    // One list, with the deleted item still inside it.
    assert_eq!(out.matches("<ul>").count(), 1, "{out}");
    assert!(
        out.contains("<li><p><del><span class=\"sr-only\">[deleted: </span>seals and a seal log;"),
        "{out}"
    );
    assert!(
        out.contains("<li><p>ballots for every precinct;</p>"),
        "{out}"
    );
    assert!(
        out.contains("<li><p><ins><span class=\"sr-only\">[inserted: </span>a charged phone."),
        "{out}"
    );
    // One table, with a header row and the changed cell marked in its cell.
    assert_eq!(out.matches("<table>").count(), 1, "{out}");
    assert!(out.contains("<thead><tr><th>Item</th>"), "{out}");
    assert!(
        out.contains("<td><del><span class=\"sr-only\">[deleted: </span>20<span class=\"sr-only\">]</span></del><ins><span class=\"sr-only\">[inserted: </span>30<span class=\"sr-only\">]</span></ins></td>"),
        "{out}"
    );
    assert!(out.contains("<tr><td>Booths</td>\n<td>6</td>"), "{out}");
    // Balanced markup.
    for tag in [
        "ul", "li", "table", "tr", "td", "th", "p", "ins", "del", "section",
    ] {
        assert_eq!(
            out.matches(&format!("<{tag}>")).count() + out.matches(&format!("<{tag} ")).count(),
            out.matches(&format!("</{tag}>")).count(),
            "<{tag}> balanced in {out}"
        );
    }
    // Side by side: the old column keeps the old list, the new the new.
    let side = html::side_by_side(&r, &html::HtmlOptions::default());
    let (old_col, new_col) = side.split_once("rl-col-new").unwrap();
    assert!(old_col.contains("seals and a seal log") && !old_col.contains("charged phone"));
    assert!(new_col.contains("charged phone") && !new_col.contains("seals and a seal log"));
    assert_lossless(&r, &clauses(old), &clauses(new));
}

#[test]
fn a_clause_past_its_deadline_is_shown_replaced_and_stays_lossless() {
    let old = clauses(BASE);
    let new = clauses(&BASE.replace("recruit widely", "recruit in many places"));
    let limits = Limits {
        clause: std::time::Duration::ZERO,
        total: std::time::Duration::ZERO,
    };
    let r = redline::compare_with("1", "2", &old, &new, limits);
    let c = clause(&r, "recruit");
    assert_eq!(c.status, Status::Modified);
    assert!(c.replaced);
    assert_eq!(
        ops(c),
        vec![
            (Op::Equal, "Recruiting\n\n"),
            (Op::Delete, "The office shall recruit widely."),
            (Op::Insert, "The office shall recruit in many places."),
        ]
    );
    assert_eq!(clause(&r, "scope").status, Status::Unchanged);
    assert_lossless(&r, &old, &new);
}

#[test]
fn a_rewritten_paragraph_is_shown_replaced_not_shredded() {
    let old = "## 1 Pay {#pay}\n\nWorkers shall be paid on time.\n";
    let new = "## 1 Pay {#pay}\n\nCompensation arrives within thirty days of service.\n";
    let r = diff(old, new);
    assert_eq!(
        ops(&r.clauses[0]),
        vec![
            (Op::Equal, "Pay\n\n"),
            (Op::Delete, "Workers shall be paid on time."),
            (
                Op::Insert,
                "Compensation arrives within thirty days of service."
            ),
        ]
    );
}

#[test]
fn comparing_a_version_with_itself_is_all_unchanged() {
    let c = clauses(BASE);
    let r = redline::compare("1", "1", &c, &c);
    assert!(r
        .clauses
        .iter()
        .all(|x| x.status == Status::Unchanged && !x.moved && !x.renumbered));
    assert_eq!(r.summary.unchanged, 4);
    assert!(html::changes_only(&r, &html::HtmlOptions::default()).contains("No clause changed"));
}

#[test]
fn json_matches_the_contract() {
    let new = BASE
        .replace("## 2 Recruiting {#recruit}", "## 3 Recruiting {#recruit}")
        .replace(
            "## 3 Training {#training}\n\nEvery worker shall be trained.",
            "## 2 Oath {#oath}\n\nAn oath.",
        );
    let r = diff(BASE, &new);
    let json = r.to_json();
    // Field order as in DESIGN.md.
    assert!(
        json.starts_with(
            "{\"from\":\"1\",\"to\":\"2\",\"summary\":{\"added\":1,\"removed\":1,\"modified\":0,\"unchanged\":3,\"moved\":0},\"clauses\":[{\"key\":\"scope\",\"status\":\"unchanged\",\"moved\":false,\"renumbered\":false,\"from_number\":\"1\",\"to_number\":\"1\",\"changes\":[{\"op\":\"equal\",\"text\":\"Scope\\n\\nThis standard covers poll workers.\"}]}"
        ),
        "{json}"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let top: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top.len(), 4);
    for c in v["clauses"].as_array().unwrap() {
        let obj = c.as_object().unwrap();
        assert_eq!(obj.len(), 7, "exactly the contract's fields: {c}");
        for field in [
            "key",
            "status",
            "moved",
            "renumbered",
            "from_number",
            "to_number",
            "changes",
        ] {
            assert!(obj.contains_key(field), "{field} in {c}");
        }
        assert!(
            ["added", "removed", "modified", "unchanged"].contains(&c["status"].as_str().unwrap())
        );
        for s in c["changes"].as_array().unwrap() {
            assert_eq!(s.as_object().unwrap().len(), 2);
            assert!(["equal", "delete", "insert"].contains(&s["op"].as_str().unwrap()));
        }
    }
    let oath = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "oath")
        .unwrap();
    assert_eq!(oath["from_number"], serde_json::Value::Null);
    assert_eq!(oath["status"], "added");
    let training = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "training")
        .unwrap();
    assert_eq!(training["to_number"], serde_json::Value::Null);
    let recruit = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "recruit")
        .unwrap();
    assert_eq!(recruit["renumbered"], true);
}

#[test]
fn text_output_marks_changes_without_colour_unless_asked() {
    let r = diff(
        BASE,
        &BASE.replace("recruit widely", "recruit \u{1b}[31mwidely"),
    );
    let plain = text::render(&r, false);
    assert!(plain.contains("~ 2 Recruiting"), "{plain}");
    assert!(plain.contains("{+"), "{plain}");
    assert!(
        !plain.contains('\u{1b}'),
        "no escape sequences, not even the source's: {plain}"
    );
    assert!(plain.contains("3 unchanged clauses not shown"), "{plain}");
    let coloured = text::render(&r, true);
    assert!(coloured.contains("\u{1b}[32;4m"), "{coloured}");
}

#[test]
fn views_link_and_announce() {
    let new = BASE.replace("recruit widely", "recruit in many places");
    let r = diff(BASE, &new);
    let opts = html::HtmlOptions {
        link_base: "/x/compare/1...2".to_string(),
        history_base: Some("/x/clauses".to_string()),
        to_base: Some("/x/2".to_string()),
        min_level: 2,
    };
    let inline = html::inline(&r, &opts);
    assert!(inline.contains("<section class=\"rl-clause rl-inline rl-modified\" id=\"c-recruit\""));
    assert!(
        inline.contains("<span class=\"sr-only\">[deleted: </span>widely"),
        "{inline}"
    );
    assert!(inline.contains("href=\"/x/clauses/recruit/history\""));
    let summary = html::summary_table(&r, &opts);
    assert!(
        summary.contains("href=\"/x/compare/1...2#c-recruit\""),
        "{summary}"
    );
    assert!(
        !summary.contains("#c-scope"),
        "only changed clauses are listed"
    );
    assert!(
        summary.contains("<tr><td>0</td><td>0</td><td>1</td><td>3</td><td>0</td><td>0</td></tr>"),
        "{summary}"
    );
    let changes = html::changes_only(&r, &opts);
    assert!(changes.contains("id=\"c-recruit\""));
    assert!(
        !changes.contains("id=\"c-scope\""),
        "unchanged clauses are collapsed"
    );
    assert!(
        changes.contains(
            "<details class=\"rl-collapsed\"><summary>1 unchanged clause: 1 Scope</summary>"
        ),
        "{changes}"
    );
    assert!(
        changes.contains("<a href=\"/x/2#pay\">4 Pay</a>"),
        "{changes}"
    );
    let doc = html::document(&r, html::View::Side, &opts, "body{}");
    assert!(doc.starts_with("<!DOCTYPE html>"));
    assert!(doc.contains("<style>\nbody{}\n</style>"));
    assert!(doc.contains("rl-columns"));
}

// ---------------------------------------------------------------------------
// Sample standards, generated pairs, hostile input

#[test]
fn the_sample_standards_compare_losslessly() {
    let dir = sample_content();
    let mut pairs = 0;
    for entry in std::fs::read_dir(&dir).expect("content directory") {
        let path = entry.unwrap().path();
        if !path.join("standard.toml").is_file() {
            continue;
        }
        let standard = docket::standard::import::load_standard(&path).expect("loads");
        let versions = &standard.versions;
        for a in versions {
            for b in versions {
                let r = redline::compare(&a.front.label, &b.front.label, &a.clauses, &b.clauses);
                assert_lossless(&r, &a.clauses, &b.clauses);
                if a.front.label == b.front.label {
                    assert_eq!(r.summary.unchanged, a.clauses.len());
                }
                let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
                assert_eq!(v["clauses"].as_array().unwrap().len(), r.clauses.len());
                pairs += 1;
            }
        }
    }
    assert!(
        pairs >= 4,
        "the sample content has standards with two versions or more"
    );
}

/// Markdown that exercises blocks: paragraphs, lists, tables, quotes, code,
/// emphasis and characters that mean something to Markdown or HTML.
fn body_strategy() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "ballot", "seal", "the", "shall", "office", "worker", "*", "[", "<b>", "&", "`x`", "_y_",
        "voter's", "2.3", "—", "é",
    ]);
    let words = prop::collection::vec(word, 1..12).prop_map(|w| w.join(" "));
    let block = prop_oneof![
        4 => words.clone().prop_map(|w| format!("{w}\n")),
        1 => prop::collection::vec(words.clone(), 1..4)
            .prop_map(|items| items.iter().map(|i| format!("- {i}\n")).collect::<String>()),
        1 => prop::collection::vec(words.clone(), 1..4).prop_map(|items| items
            .iter()
            .enumerate()
            .map(|(n, i)| format!("{}. {i}\n   - {i}\n", n + 1))
            .collect::<String>()),
        1 => (words.clone(), words.clone()).prop_map(|(a, b)| format!(
            "| h | {a} |\n|---|---|\n| {b} | x |\n| | {a} |\n"
        )),
        1 => words.clone().prop_map(|w| format!("> {w}\n>\n> - {w}\n")),
        1 => words.prop_map(|w| format!("```\n{w}\n  {w}\n```\n")),
    ];
    prop::collection::vec(block, 0..4).prop_map(|b| b.join("\n"))
}

/// A version: a selection of keys k0..k7 in some order, each with a body.
fn version_strategy() -> impl Strategy<Value = String> {
    let clause = (0u8..8, 1u8..4, body_strategy(), prop::bool::ANY);
    prop::collection::vec(clause, 1..7).prop_map(|cs| {
        let mut seen = HashSet::new();
        let mut out = String::new();
        for (n, (k, level, body, reword)) in cs.into_iter().enumerate() {
            if !seen.insert(k) {
                continue;
            }
            let hashes = "#".repeat(level as usize);
            let heading = if reword { "Revised heading" } else { "Heading" };
            out.push_str(&format!(
                "{hashes} {} {heading} {k} {{#k{k}}}\n\n{body}\n",
                n + 1
            ));
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_pairs_are_lossless(old in version_strategy(), new in version_strategy()) {
        let a = clauses(&old);
        let b = clauses(&new);
        let r = redline::compare("a", "b", &a, &b);
        assert_lossless(&r, &a, &b);
        // Every view renders.
        let opts = html::HtmlOptions::default();
        let _ = html::inline(&r, &opts);
        let _ = html::side_by_side(&r, &opts);
        let _ = text::render(&r, false);
    }

    #[test]
    fn a_version_compared_with_itself_is_unchanged(doc in version_strategy()) {
        let a = clauses(&doc);
        let r = redline::compare("a", "a", &a, &a);
        prop_assert!(r.clauses.iter().all(|c| c.status == Status::Unchanged && !c.moved && !c.renumbered));
        prop_assert_eq!(r.summary.unchanged, a.len());
        prop_assert_eq!(r.clauses.len(), a.len());
    }

    #[test]
    fn rewrapping_never_counts(doc in version_strategy()) {
        let a = clauses(&doc);
        let b = clauses(&rewrap(&doc));
        let r = redline::compare("a", "b", &a, &b);
        prop_assert_eq!(r.summary.modified, 0, "{:?}", r.clauses.iter().filter(|c| c.status == Status::Modified).map(|c| &c.changes).collect::<Vec<_>>());
    }
}

/// Spread the words of every paragraph, list item and quote line apart, as
/// re-wrapping does; headings, tables and code are left alone, and so is
/// each line's indentation and block marker.
fn rewrap(doc: &str) -> String {
    let mut in_code = false;
    let mut out = Vec::new();
    for line in doc.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code || line.starts_with("```") || line.starts_with('#') || line.starts_with('|') {
            out.push(line.to_string());
            continue;
        }
        let mut rest = line;
        let mut prefix = String::new();
        loop {
            let trimmed = rest.trim_start_matches(' ');
            prefix.push_str(&rest[..rest.len() - trimmed.len()]);
            rest = trimmed;
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            let marker = ["- ", "* ", "> ", ">"]
                .iter()
                .find(|m| rest.starts_with(*m))
                .map(|m| m.len())
                .or_else(|| (digits > 0 && rest[digits..].starts_with(". ")).then_some(digits + 2));
            match marker {
                Some(n) => {
                    prefix.push_str(&rest[..n]);
                    rest = &rest[n..];
                }
                None => break,
            }
        }
        out.push(format!("{prefix}{}", rest.replace(' ', "  ")));
    }
    out.join("\n")
}

#[test]
fn hostile_inputs_give_sane_results() {
    let huge_old: String = (0..40_000).map(|i| format!("w{} ", i % 997)).collect();
    let huge_new: String = (0..40_000).map(|i| format!("v{} ", i % 991)).collect();
    let tiny: String = (0..3000).map(|i| format!("# c{i}\nx\n")).collect();
    let tiny_shuffled: String = (0..3000).rev().map(|i| format!("# c{i}\ny\n")).collect();
    let dup: String = (0..500)
        .map(|_| "## Same heading\n\nSame body.\n\n")
        .collect();
    let nested: String = (0..200)
        .map(|d| format!("{}- level {d}\n", "  ".repeat(d)))
        .collect();
    let cases: Vec<(&str, String, String)> = vec![
        (
            "huge single paragraph",
            format!("# Big\n\n{huge_old}\n"),
            format!("# Big\n\n{huge_new}\n"),
        ),
        (
            "huge paragraph, one word changed",
            format!("# Big\n\n{huge_old}\n"),
            format!("# Big\n\n{}\n", huge_old.replacen("w500", "CHANGED", 1)),
        ),
        ("thousands of tiny clauses", tiny.clone(), tiny_shuffled),
        (
            "duplicate headings",
            dup.clone(),
            dup.replacen("Same body.", "Other body.", 3),
        ),
        (
            "deeply nested lists",
            format!("# N\n\n{nested}"),
            format!("# N\n\n{}", nested.replace("level 1", "LEVEL 1")),
        ),
        (
            "run of asterisks",
            format!("# A\n\n{}\n", "*".repeat(20_000)),
            format!("# A\n\n{}\n", "*_".repeat(10_000)),
        ),
        (
            "run of brackets",
            format!("# B\n\n{}\n", "[".repeat(20_000)),
            format!("# B\n\n{}x\n", "[](".repeat(5_000)),
        ),
        (
            "run of angle brackets",
            format!("# C\n\n{}\n", "<".repeat(20_000)),
            format!("# C\n\n{}\n", "<a ".repeat(5_000)),
        ),
        (
            "empty bodies",
            "# A\n# B\n".to_string(),
            "# B\n# A\n".to_string(),
        ),
    ];
    for (name, old, new) in cases {
        let a = clauses(&old);
        let b = clauses(&new);
        let r = redline::compare("1", "2", &a, &b);
        assert_lossless(&r, &a, &b);
        let _ = html::inline(&r, &html::HtmlOptions::default());
        let _ = r.to_json();
        assert!(!r.clauses.is_empty(), "{name}");
        if name == "thousands of tiny clauses" {
            assert_eq!(r.summary.modified, 3000, "{name}");
            // Reversed order: all but one clause moved.
            assert_eq!(r.summary.moved, 2999, "{name}");
        }
        if name == "huge paragraph, one word changed" {
            let c = &r.clauses[0];
            assert!(
                c.replaced
                    || c.changes
                        .iter()
                        .any(|s| s.op == Op::Insert && s.text == "CHANGED"),
                "{name}: either word by word or shown replaced"
            );
        }
        if name == "duplicate headings" {
            assert_eq!(r.summary.modified, 3, "{name}");
        }
    }
}

// ---------------------------------------------------------------------------
// The site

fn seeded() -> (TestDb, Content) {
    let db = TestDb::new();
    let content = two_versions();
    content.version(
        "ballots",
        "3",
        &format!(
            "{}## 1 Integrity {{#integrity}}\n\n### 1.1 Training {{#training}}\n\nStaff who handle ballots shall be trained each year.\n\n### 1.2 Chain of custody {{#custody}}\n\nBallots shall be logged at every hand-off, with two signatures.\n\n### 1.3 Seals\n\nEvery container shall be sealed with a numbered seal, recorded on the log.\n\n### 1.4 Secure storage\n\nBallots are stored in a locked room with two keys held by two different people.\n\n### 1.5 Draft notes {{#notes}}\n\nNot yet public.\n",
            front("3", "draft")
        ),
    );
    import_dir(&mut db.conn(), content.path()).unwrap();
    (db, content)
}

macro_rules! service {
    ($db:expr) => {
        web_test::init_service(app(AppState::new(
            $db.pool.clone(),
            crate::support::site_config(),
        )))
        .await
    };
}

async fn get<B: actix_web::body::MessageBody>(
    svc: &impl actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    uri: &str,
) -> (StatusCode, String, Option<String>) {
    let resp =
        web_test::call_service(svc, web_test::TestRequest::get().uri(uri).to_request()).await;
    let status = resp.status();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string());
    let body = web_test::read_body(resp).await;
    (status, String::from_utf8(body.to_vec()).unwrap(), location)
}

#[actix_web::test]
async fn compare_page_has_every_view_in_either_direction() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, page, _) = get(&svc, "/standards/ballots/compare/1...2").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(!page.contains("<script"));
    assert!(page.contains("Changes from version 1 to version 2"));
    assert!(
        page.contains("1 added, 0 removed, 2 modified, 2 unchanged; 0 moved."),
        "{page}"
    );
    assert!(page.contains("id=\"c-custody\""));
    assert!(
        page.contains("<span class=\"sr-only\">[inserted: </span>, with two signatures"),
        "{page}"
    );
    assert!(
        page.contains("<ins class=\"rl-whole\">"),
        "the added clause: {page}"
    );
    // Links between the views, the reverse direction and the JSON; no script needed.
    for href in [
        "href=\"/standards/ballots/compare/1...2?view=side\"",
        "href=\"/standards/ballots/compare/1...2?view=changes\"",
        "href=\"/standards/ballots/compare/1...2?view=summary\"",
        "href=\"/standards/ballots/compare/2...1\"",
        "href=\"/api/v1/standards/ballots/compare/1...2\"",
        "href=\"/standards/ballots/clauses/custody/history\"",
    ] {
        assert!(page.contains(href), "{href} in {page}");
    }
    assert!(page
        .contains("<a href=\"/standards/ballots/compare/1...2\" aria-current=\"page\">Inline</a>"));

    let (status, side, _) = get(&svc, "/standards/ballots/compare/1...2?view=side").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        side.contains("rl-columns") && side.contains("Not in version 1."),
        "{side}"
    );
    let (status, changes, _) = get(&svc, "/standards/ballots/compare/1...2?view=changes").await;
    assert_eq!(status, StatusCode::OK);
    assert!(changes.contains("unchanged clause"), "{changes}");
    assert!(!changes.contains("id=\"c-seals\""));
    let (status, summary, _) = get(&svc, "/standards/ballots/compare/1...2?view=summary").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        summary.contains("href=\"/standards/ballots/compare/1...2#c-custody\""),
        "{summary}"
    );
    assert!(summary.contains("href=\"/standards/ballots/compare/1...2#c-training\""));

    // The other direction: what was added is now removed.
    let (status, back, _) = get(&svc, "/standards/ballots/compare/2...1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(back.contains("0 added, 1 removed, 2 modified"), "{back}");
    assert!(back.contains("<del class=\"rl-whole\">"));
    // A version against itself.
    let (status, same, _) = get(&svc, "/standards/ballots/compare/2...2?view=changes").await;
    assert_eq!(status, StatusCode::OK);
    assert!(same.contains("No clause changed"));
}

#[actix_web::test]
async fn compare_errors_are_clear() {
    let (db, _c) = seeded();
    let svc = service!(db);
    for uri in [
        "/standards/ballots/compare/1...9",
        "/standards/ballots/compare/9...1",
        "/standards/nope/compare/1...2",
        "/standards/ballots/compare/1...3",
        "/standards/ballots/clauses/nope/history",
        "/standards/ballots/clauses/notes/history",
        "/standards/nope/clauses/custody/history",
    ] {
        let (status, _, _) = get(&svc, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
    for uri in [
        "/standards/ballots/compare/1..2",
        "/standards/ballots/compare/1...",
        "/standards/ballots/compare/...2",
        "/standards/ballots/compare/1...2...3",
        "/standards/ballots/compare/1...2?view=sideways",
    ] {
        let (status, page, _) = get(&svc, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            page.contains("for example 1...2")
                || page.contains("Choose inline, side, changes or summary"),
            "{uri}: {page}"
        );
    }
    for uri in [
        "/api/v1/standards/ballots/compare/1..2",
        "/api/v1/standards/ballots/compare/1...9",
        "/api/v1/standards/ballots/compare/1...3",
    ] {
        let (status, body, _) = get(&svc, uri).await;
        assert!(status.is_client_error(), "{uri}");
        let _: serde_json::Value =
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("{uri}: JSON error, got {body}"));
    }
}

#[actix_web::test]
async fn the_form_picks_two_versions_without_script() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, page, _) = get(&svc, "/standards/ballots").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<form class=\"compare-form no-print\" method=\"get\" action=\"/standards/ballots/compare\">"), "{page}");
    assert!(page.contains("<option value=\"1\" selected>"), "{page}");
    assert!(page.contains("<option value=\"2\" selected>"), "{page}");
    assert!(
        !page.contains("<option value=\"3\""),
        "drafts are not offered"
    );
    let (status, _, location) = get(&svc, "/standards/ballots/compare?from=2&to=1&view=side").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/standards/ballots/compare/2...1?view=side")
    );
    let (status, _, location) =
        get(&svc, "/standards/ballots/compare?from=1&to=2&view=inline").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/standards/ballots/compare/1...2")
    );
    let (status, _, _) = get(&svc, "/standards/ballots/compare?from=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = get(&svc, "/standards/ballots/compare?from=1&to=%3Cx%3E").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn each_clause_links_to_its_changes_and_history() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (_, page, _) = get(&svc, "/standards/ballots/2").await;
    assert!(
        page.contains("href=\"/standards/ballots/compare/1...2#c-custody\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/standards/ballots/clauses/custody/history\""),
        "{page}"
    );
    // The target of that link exists on the comparison page.
    let (_, cmp, _) = get(&svc, "/standards/ballots/compare/1...2").await;
    assert!(cmp.contains("id=\"c-custody\""));

    let (status, history, _) = get(&svc, "/standards/ballots/clauses/custody/history").await;
    assert_eq!(status, StatusCode::OK, "{history}");
    assert_eq!(history.matches("<h1").count(), 1);
    assert!(
        history.contains("History of “Chain of custody”"),
        "{history}"
    );
    assert!(
        history.contains("Version 1 to version 2: Modified, renumbered from 1.1 to 1.2"),
        "{history}"
    );
    assert!(
        history.contains("[inserted: </span>, with two signatures"),
        "{history}"
    );
    assert!(history.contains("href=\"/standards/ballots/compare/1...2#c-custody\""));
    assert!(
        !history.contains("Version 3"),
        "drafts stay private: {history}"
    );

    let (status, history, _) = get(&svc, "/standards/ballots/clauses/training/history").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        history.contains("<td>Not in this version</td>"),
        "{history}"
    );
    assert!(
        history.contains("Version 1 to version 2: Added"),
        "{history}"
    );
}

#[actix_web::test]
async fn api_gives_the_json_contract() {
    let (db, _c) = seeded();
    let svc = service!(db);
    let (status, body, _) = get(&svc, "/api/v1/standards/ballots/compare/1...2").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["from"], "1");
    assert_eq!(v["to"], "2");
    assert_eq!(v["summary"]["added"], 1);
    assert_eq!(v["summary"]["modified"], 2);
    let list = v["clauses"].as_array().unwrap();
    let keys: Vec<&str> = list.iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        vec!["integrity", "training", "custody", "seals", "storage-rooms"]
    );
    let custody = &list[2];
    assert_eq!(custody["status"], "modified");
    assert_eq!(custody["renumbered"], true);
    assert_eq!(custody["from_number"], "1.1");
    assert_eq!(custody["to_number"], "1.2");
    let old: String = custody["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["op"] != "insert")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        old,
        "Chain of custody\n\nBallots shall be logged at every hand-off."
    );
    let (status, body, _) = get(&svc, "/api/v1/standards/ballots/compare/2...1").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["summary"]["removed"], 1);
}

// ---------------------------------------------------------------------------
// The command line

fn docket() -> Command {
    Command::new(env!("CARGO_BIN_EXE_docket"))
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn cli_diffs_two_files_without_a_database() {
    let dir = tempfile::tempdir().unwrap();
    // NEW has no explicit keys: they are inherited from OLD as on import.
    let old = write(
        dir.path(),
        "1.md",
        &format!(
            "{}## 1 Scope {{#scope}}\n\nCovers workers.\n\n## 2 Oath\n\nWorkers take an oath.\n",
            front("1", "final")
        ),
    );
    let new = write(
        dir.path(),
        "2.md",
        &format!(
            "{}## 1 Scope\n\nCovers all workers.\n\n## 2 Oath\n\nWorkers take an oath.\n",
            front("2", "open")
        ),
    );
    let out = docket()
        .args(["--data"])
        .arg(dir.path().join("nodata"))
        .args(["diff", "--files"])
        .arg(&old)
        .arg(&new)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["from"], "1");
    assert_eq!(v["to"], "2");
    assert_eq!(v["summary"]["modified"], 1);
    assert_eq!(v["summary"]["unchanged"], 1);
    assert_eq!(v["clauses"][0]["key"], "scope", "key inherited by heading");
    assert!(
        !dir.path().join("nodata").exists(),
        "no database was created"
    );

    // Plain Markdown without front matter works too, labelled by file name.
    let a = write(dir.path(), "old.md", "# A {#a}\n\nOne.\n");
    let b = write(dir.path(), "new.md", "# A {#a}\n\nTwo.\n");
    let out = docket()
        .args(["diff", "--files"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Changes from version old to version new"),
        "{text}"
    );
    assert!(text.contains("[-One-]{+Two+}."), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");

    let out = docket()
        .args(["diff", "--format", "html", "--view", "summary", "--files"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>") && page.contains("rl-summary"),
        "{page}"
    );
    assert!(page.contains(".sr-only"), "the stylesheet is inlined");
}

#[test]
fn cli_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.md", "# A\n\nOne.\n");
    let missing = dir.path().join("missing.md");
    let out = docket()
        .args(["diff", "--files"])
        .arg(&a)
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read") && err.contains("missing.md"),
        "{err}"
    );

    let empty = write(dir.path(), "empty.md", "just text, no headings\n");
    let out = docket()
        .args(["diff", "--files"])
        .arg(&a)
        .arg(&empty)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no clauses"));

    let out = docket().args(["diff", "ballots"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("docket diff STANDARD FROM TO"));

    let out = docket()
        .arg("--data")
        .arg(dir.path().join("none"))
        .args(["diff", "ballots", "1", "2"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no database"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn cli_diffs_imported_versions() {
    let (db, _c) = seeded();
    let out = docket()
        .args([
            "--database-url",
            &db.url,
            "diff",
            "ballots",
            "1",
            "3",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["to"], "3", "drafts can be compared from the command line");
    assert_eq!(v["summary"]["added"], 2);

    let out = docket()
        .args(["--database-url", &db.url, "diff", "ballots", "1", "9"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no version `9`") && err.contains("1, 2, 3"),
        "{err}"
    );
    let out = docket()
        .args(["--database-url", &db.url, "diff", "nope", "1", "2"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no standard `nope`"));
}

#[test]
fn key_inheritance_in_file_diffs_matches_import() {
    // The same two files, parsed as import parses them, give the same keys.
    let old_src = format!(
        "{}## 1 Seals\n\nEvery container shall be sealed.\n",
        front("1", "final")
    );
    let new_src = format!(
        "{}## 1 Sealing containers\n\nEvery container shall be sealed at once.\n",
        front("2", "final")
    );
    let a = parse_version("1.md", old_src.as_bytes(), None).unwrap();
    let b = parse_version("2.md", new_src.as_bytes(), Some(&a.clauses)).unwrap();
    assert_eq!(b.clauses[0].key, "seals", "inherited by body");
    let dir = tempfile::tempdir().unwrap();
    let pa = write(dir.path(), "1.md", &old_src);
    let pb = write(dir.path(), "2.md", &new_src);
    let r = docket::cli::diff::compare_files(&pa, &pb).unwrap();
    assert_eq!(r.clauses.len(), 1);
    assert_eq!(r.clauses[0].key, "seals");
    assert_eq!(r.clauses[0].status, Status::Modified);
}
