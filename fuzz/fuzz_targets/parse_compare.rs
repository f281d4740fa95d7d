//! Parse two Markdown documents into clauses and compare them.
//!
//! The input is split at its first NUL byte into an old and a new document
//! (without one, the new document is the old one with its words reversed).
//! Whatever the input, parsing either fails cleanly or the comparison holds
//! its promises: every clause of both versions appears once, the spans
//! rebuild both texts exactly, and every output renders.

#![no_main]

use docket::redline::{self, blocks, html, text, Op, Status};
use docket::standard::parse_clauses;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (old_md, new_md) = match input.split_once('\0') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (
            input.to_string(),
            input.split(' ').rev().collect::<Vec<_>>().join(" "),
        ),
    };
    let (Ok(old), Ok(new)) = (parse_clauses(&old_md), parse_clauses(&new_md)) else {
        return;
    };
    let r = redline::compare("1", "2", &old, &new);
    let mut listed = 0;
    for c in &r.clauses {
        let o = old.iter().find(|x| x.key == c.key);
        let n = new.iter().find(|x| x.key == c.key);
        if c.status != Status::Added {
            assert_eq!(c.old_text(), blocks::clause_text(o.unwrap()));
            listed += 1;
        }
        if c.status != Status::Removed {
            assert_eq!(c.new_text(), blocks::clause_text(n.unwrap()));
            listed += 1;
        }
        assert_eq!(
            c.status == Status::Unchanged,
            c.changes.iter().all(|s| s.op == Op::Equal)
        );
    }
    assert_eq!(listed, old.len() + new.len());
    let same = redline::compare("1", "1", &old, &old);
    assert!(same.clauses.iter().all(|c| c.status == Status::Unchanged && !c.moved));
    let opts = html::HtmlOptions::default();
    let _ = html::inline(&r, &opts);
    let _ = html::side_by_side(&r, &opts);
    let _ = html::changes_only(&r, &opts);
    let _ = html::summary_table(&r, &opts);
    let _ = text::render(&r, true);
    let _ = r.to_json();
});
