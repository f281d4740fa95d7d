//! The redline as plain text, for terminals.
//!
//! Only clauses with something to see are shown, block by block. Without
//! colour, deletions read `[-old-]` and insertions `{+new+}` (as in
//! `git diff --word-diff`); with colour (only when writing to a terminal,
//! the caller decides), deletions are red and struck through and insertions
//! green and underlined, so neither relies on colour alone.

use std::fmt::Write as _;

use super::blocks::{BlockKind, FrameKind};
use super::{ClauseDiff, Op, Redline, Status};

const RED_STRIKE: &str = "\x1b[31;9m";
const GREEN_UNDERLINE: &str = "\x1b[32;4m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The whole redline as text.
pub fn render(r: &Redline, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Changes from version {} to version {}: {}",
        printable(&r.from),
        printable(&r.to),
        r.summary_line()
    );
    let mut quiet = 0usize;
    for c in &r.clauses {
        if c.is_change() {
            out.push('\n');
            clause_into(&mut out, c, color);
        } else {
            quiet += 1;
        }
    }
    if quiet > 0 {
        let _ = writeln!(
            out,
            "\n{quiet} unchanged clause{} not shown.",
            if quiet == 1 { "" } else { "s" }
        );
    }
    out
}

fn marker(status: Status) -> char {
    match status {
        Status::Added => '+',
        Status::Removed => '-',
        Status::Modified => '~',
        Status::Unchanged => '=',
    }
}

fn clause_into(out: &mut String, c: &ClauseDiff, color: bool) {
    let mut flags = vec![c.status.as_str().to_string()];
    if c.moved {
        flags.push("moved".to_string());
    }
    if c.renumbered {
        flags.push(format!(
            "renumbered from {}",
            c.from_number.as_deref().unwrap_or_default()
        ));
    }
    if c.replaced {
        flags.push("shown replaced".to_string());
    }
    let number = if c.number().is_empty() {
        String::new()
    } else {
        format!("{} ", printable(c.number()))
    };
    let (b, r) = if color { (BOLD, RESET) } else { ("", "") };
    let _ = write!(out, "{b}{} {number}", marker(c.status));
    match c.blocks.first() {
        Some(h) => spans_into(out, &h.spans, color),
        None => out.push_str(&printable(c.heading())),
    }
    let _ = writeln!(
        out,
        "{r}  ({}; key {})",
        printable(&flags.join(", ")),
        printable(&c.key)
    );
    if c.status == Status::Unchanged {
        return;
    }

    let mut last_row: Option<u32> = None;
    for block in c.blocks.iter().skip(1) {
        let depth = block
            .path
            .iter()
            .filter(|f| matches!(f.kind, FrameKind::List { .. } | FrameKind::Quote))
            .count();
        let row = block
            .path
            .last()
            .filter(|f| matches!(f.kind, FrameKind::Row | FrameKind::Head))
            .map(|f| f.id);
        if row.is_some() && row == last_row {
            out.push_str(" | ");
        } else {
            if last_row.is_some() || !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("    ");
            for _ in 0..depth.saturating_sub(1) {
                out.push_str("  ");
            }
            let quoted = block.path.iter().any(|f| f.kind == FrameKind::Quote);
            if quoted {
                out.push_str("> ");
            }
            if block.path.last().is_some_and(|f| f.kind == FrameKind::Item) {
                out.push_str("- ");
            } else if row.is_some() {
                out.push_str("| ");
            }
        }
        if matches!(block.kind, BlockKind::Code) {
            let mut code = String::new();
            spans_into(&mut code, &block.spans, color);
            out.push_str(&code.replace('\n', "\n    "));
        } else {
            spans_into(out, &block.spans, color);
        }
        last_row = row;
        if row.is_none() {
            out.push('\n');
        }
    }
    if last_row.is_some() {
        out.push('\n');
    }
}

fn spans_into(out: &mut String, spans: &[super::Change], color: bool) {
    for s in spans {
        let text = printable(&s.text);
        match (s.op, color) {
            (Op::Equal, _) => out.push_str(&text),
            (Op::Delete, true) => {
                let _ = write!(out, "{RED_STRIKE}{text}{RESET}");
            }
            (Op::Insert, true) => {
                let _ = write!(out, "{GREEN_UNDERLINE}{text}{RESET}");
            }
            (Op::Delete, false) => {
                let _ = write!(out, "[-{text}-]");
            }
            (Op::Insert, false) => {
                let _ = write!(out, "{{+{text}+}}");
            }
        }
    }
}

/// Control characters in a source (an escape sequence, say) must not reach
/// the terminal; they are shown as U+FFFD.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| c.is_control() && c != '\n') {
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}
