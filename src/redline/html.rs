//! HTML views of a redline: inline, side by side, changes only, and a
//! summary table; and a standalone document for `docket diff --format html`.
//!
//! Insertions are `<ins>` and deletions `<del>`, each opening with visually
//! hidden text ("[inserted: …]", "[deleted: …]") that screen readers
//! announce; the stylesheet underlines and strikes them through as well as
//! colouring them, so no mark relies on colour alone. Modified clauses are
//! rebuilt from their blocks, so lists, tables and quotes keep their shape;
//! added, removed and unchanged clauses show their rendered body as is.
//! Every clause is a section with the id `c-KEY`, the target of links.

use std::fmt::Write as _;

use super::blocks::{BlockKind, Frame, FrameKind};
use super::{BlockDiff, Change, ClauseDiff, Op, Redline, Status};
use crate::standard::markdown::escape;

/// The four ways to read a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Inline,
    Side,
    Changes,
    Summary,
}

impl View {
    pub const ALL: [View; 4] = [View::Inline, View::Side, View::Changes, View::Summary];

    /// The name in addresses and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Inline => "inline",
            View::Side => "side",
            View::Changes => "changes",
            View::Summary => "summary",
        }
    }

    /// The name shown to readers.
    pub fn name(self) -> &'static str {
        match self {
            View::Inline => "Inline",
            View::Side => "Side by side",
            View::Changes => "Changes only",
            View::Summary => "Summary table",
        }
    }

    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Where the views link to.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    /// The page holding every clause's section; the summary table links to
    /// `{link_base}#c-KEY`. Empty: links stay on the same page.
    pub link_base: String,
    /// Clause histories are at `{history_base}/KEY/history`.
    pub history_base: Option<String>,
    /// The new version's page; collapsed unchanged clauses link to
    /// `{to_base}#KEY`.
    pub to_base: Option<String>,
    /// Lowest heading level for clause headings (2 when unset: the page's
    /// title is the only `h1`).
    pub min_level: u8,
}

/// Every clause, with changes marked in place.
pub fn inline(r: &Redline, opts: &HtmlOptions) -> String {
    let mut out = String::with_capacity(estimate(r));
    inline_into(&mut out, r, opts);
    out
}

fn inline_into(out: &mut String, r: &Redline, opts: &HtmlOptions) {
    each_clause(out, &r.clauses, |out, c| clause_inline_into(out, c, opts));
}

/// Fewest clauses worth rendering on a second thread.
const PARALLEL_MIN_CLAUSES: usize = 400;

/// Render every clause in order with `render`. A long comparison is
/// rendered in two halves at once, the second on another thread.
fn each_clause<F>(out: &mut String, clauses: &[ClauseDiff], render: F)
where
    F: Fn(&mut String, &ClauseDiff) + Sync,
{
    let parallel = clauses.len() >= PARALLEL_MIN_CLAUSES && super::cores() > 1;
    if !parallel {
        for c in clauses {
            render(out, c);
        }
        return;
    }
    let (first, second) = clauses.split_at(clauses.len() / 2);
    let render = &render;
    let room = out.capacity().saturating_sub(out.len()) / 2;
    let rest = std::thread::scope(|scope| {
        let rest = scope.spawn(move || {
            let mut part = String::with_capacity(room);
            for c in second {
                render(&mut part, c);
            }
            part
        });
        for c in first {
            render(out, c);
        }
        rest.join()
    });
    match rest {
        Ok(part) => out.push_str(&part),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// One clause, with changes marked in place.
pub fn clause_inline(c: &ClauseDiff, opts: &HtmlOptions) -> String {
    let mut out = String::new();
    clause_inline_into(&mut out, c, opts);
    out
}

/// Every clause as the old text beside the new.
pub fn side_by_side(r: &Redline, opts: &HtmlOptions) -> String {
    let mut out = String::with_capacity(2 * estimate(r));
    side_by_side_into(&mut out, r, opts);
    out
}

fn side_by_side_into(out: &mut String, r: &Redline, opts: &HtmlOptions) {
    each_clause(out, &r.clauses, |out, c| {
        open_section(out, c, "rl-side-by-side", opts);
        out.push_str("<div class=\"rl-columns\">");
        for (label, mode) in [(&r.from, Mode::Old), (&r.to, Mode::New)] {
            let _ = write!(
                out,
                "<div class=\"rl-col rl-col-{}\"><p class=\"rl-col-label\">Version {}</p>",
                if mode == Mode::Old { "old" } else { "new" },
                escape(label)
            );
            let present = match mode {
                Mode::Old => c.status != Status::Added,
                _ => c.status != Status::Removed,
            };
            if present {
                body_into(out, c, mode);
            } else {
                let _ = write!(
                    out,
                    "<p class=\"rl-absent\">Not in version {}.</p>",
                    escape(label)
                );
            }
            out.push_str("</div>");
        }
        out.push_str("</div></section>\n");
    });
}

/// Changed clauses in full; each run of unchanged clauses collapsed to a
/// list of their headings.
pub fn changes_only(r: &Redline, opts: &HtmlOptions) -> String {
    let mut out = String::new();
    let mut run: Vec<&ClauseDiff> = Vec::new();
    for c in &r.clauses {
        if c.is_change() {
            collapsed_into(&mut out, &run, opts);
            run.clear();
            clause_inline_into(&mut out, c, opts);
        } else {
            run.push(c);
        }
    }
    collapsed_into(&mut out, &run, opts);
    if r.changed().next().is_none() {
        out.insert_str(
            0,
            "<p class=\"rl-none\">No clause changed between these versions.</p>\n",
        );
    }
    out
}

/// Counts, then one row per changed clause linking to its section.
pub fn summary_table(r: &Redline, opts: &HtmlOptions) -> String {
    let s = &r.summary;
    let renumbered = r
        .clauses
        .iter()
        .filter(|c| c.renumbered && !c.is_change())
        .count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<table class=\"rl-counts\"><caption>Clauses by kind of change</caption>\
         <thead><tr><th scope=\"col\">Added</th><th scope=\"col\">Removed</th>\
         <th scope=\"col\">Modified</th><th scope=\"col\">Unchanged</th>\
         <th scope=\"col\">Moved</th><th scope=\"col\">Only renumbered</th></tr></thead>\
         <tbody><tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></tbody></table>",
        s.added, s.removed, s.modified, s.unchanged, s.moved, renumbered
    );
    let changed: Vec<&ClauseDiff> = r.changed().collect();
    if changed.is_empty() {
        out.push_str("<p class=\"rl-none\">No clause changed between these versions.</p>\n");
        return out;
    }
    let _ = writeln!(
        out,
        "<table class=\"rl-summary\"><caption>Changed clauses ({}), in the order of version {}</caption>\
         <thead><tr><th scope=\"col\">Clause</th><th scope=\"col\">Heading</th><th scope=\"col\">Change</th></tr></thead><tbody>",
        changed.len(),
        escape(&r.to)
    );
    for c in changed {
        let number = match (&c.from_number, &c.to_number) {
            (Some(a), Some(b)) if a != b => format!("{} → {}", or_dash(a), or_dash(b)),
            _ => or_dash(c.number()).to_string(),
        };
        let _ = writeln!(
            out,
            "<tr class=\"rl-{}\"><td><a href=\"{}#c-{}\">{}<span class=\"sr-only\"> (go to the change)</span></a></td><td>{}</td><td>{}</td></tr>",
            c.status.as_str(),
            escape(&opts.link_base),
            escape(&c.key),
            escape(&number),
            escape(c.heading()),
            change_words(c)
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// A complete HTML document of one view, with the given stylesheet inline,
/// for `docket diff --format html`. The summary view is followed by the
/// inline view, which its links lead to.
pub fn document(r: &Redline, view: View, opts: &HtmlOptions, css: &str) -> String {
    let title = format!(
        "Changes from version {} to version {}",
        escape(&r.from),
        escape(&r.to)
    );
    let mut out = String::with_capacity(2 * estimate(r) + css.len() + 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n\
         <main id=\"main\"><div class=\"wrap\">\n<h1>{title}</h1>\n\
         <p class=\"summary-line\"><strong>{}</strong></p>\n{}\n\
         <div class=\"redline view-{}\">\n",
        escape(&r.summary_line()),
        legend(),
        view.as_str()
    );
    match view {
        View::Inline => inline_into(&mut out, r, opts),
        View::Side => side_by_side_into(&mut out, r, opts),
        View::Changes => out.push_str(&changes_only(r, opts)),
        View::Summary => {
            out.push_str(&summary_table(r, opts));
            out.push_str("<h2>Every clause</h2>\n");
            let opts = HtmlOptions {
                min_level: 3,
                ..opts.clone()
            };
            inline_into(&mut out, r, &opts);
        }
    }
    out.push_str("</div>\n</div></main>\n</body>\n</html>\n");
    out
}

/// A sentence explaining the marks, itself marked the same way.
pub fn legend() -> String {
    format!(
        "<p class=\"rl-legend\">Inserted text is {} and deleted text is {}; screen readers announce each.</p>",
        mark(Op::Insert, "underlined"),
        mark(Op::Delete, "struck through")
    )
}

/// One span, escaped and marked.
pub fn mark(op: Op, text: &str) -> String {
    let mut out = String::new();
    mark_into(&mut out, op, text);
    out
}

fn mark_into(out: &mut String, op: Op, text: &str) {
    match op {
        Op::Equal => escape_into(out, text),
        Op::Delete => {
            out.push_str("<del><span class=\"sr-only\">[deleted: </span>");
            escape_into(out, text);
            out.push_str("<span class=\"sr-only\">]</span></del>");
        }
        Op::Insert => {
            out.push_str("<ins><span class=\"sr-only\">[inserted: </span>");
            escape_into(out, text);
            out.push_str("<span class=\"sr-only\">]</span></ins>");
        }
    }
}

/// [`escape`] without a new string: text between the characters HTML
/// gives meaning to is copied as it is.
fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// About how long a view of the redline will be, to allocate once.
fn estimate(r: &Redline) -> usize {
    r.clauses
        .iter()
        .map(|c| {
            let text = match &c.html {
                Some(html) => html.len(),
                None => c.changes.iter().map(|s| s.text.len() + 64).sum(),
            };
            text + 400
        })
        .sum()
}

fn or_dash(n: &str) -> &str {
    if n.is_empty() {
        "—"
    } else {
        n
    }
}

/// "Modified, moved, renumbered"
fn change_words(c: &ClauseDiff) -> String {
    let mut words = vec![c.status.title().to_string()];
    if c.moved {
        words.push("moved".to_string());
    }
    if c.renumbered {
        words.push("renumbered".to_string());
    }
    if c.replaced {
        words.push("shown replaced".to_string());
    }
    words.join(", ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Inline,
    Old,
    New,
}

fn clause_inline_into(out: &mut String, c: &ClauseDiff, opts: &HtmlOptions) {
    open_section(out, c, "rl-inline", opts);
    body_into(out, c, Mode::Inline);
    out.push_str("</section>\n");
}

/// The section's opening, the heading with its marks, and the badges.
fn open_section(out: &mut String, c: &ClauseDiff, class: &str, opts: &HtmlOptions) {
    let key = escape(&c.key);
    let level = c.level.clamp(opts.min_level.clamp(2, 6), 6);
    let _ = write!(
        out,
        "<section class=\"rl-clause {class} rl-{}{}\" id=\"c-{key}\" aria-labelledby=\"h-c-{key}\">\n<h{level} id=\"h-c-{key}\">",
        c.status.as_str(),
        if c.moved { " rl-moved" } else { "" },
    );
    match (&c.from_number, &c.to_number) {
        (Some(a), Some(b)) if a != b => {
            out.push_str("<span class=\"num\">");
            if !a.is_empty() {
                mark_into(out, Op::Delete, a);
            }
            if !a.is_empty() && !b.is_empty() {
                out.push(' ');
            }
            if !b.is_empty() {
                mark_into(out, Op::Insert, b);
            }
            out.push_str("</span> ");
        }
        _ if !c.number().is_empty() => {
            let _ = write!(out, "<span class=\"num\">{}</span> ", escape(c.number()));
        }
        _ => {}
    }
    match c.blocks.first() {
        Some(b) => spans_into(out, &b.spans, Mode::Inline),
        None => out.push_str(&escape(c.heading())),
    }
    let _ = writeln!(out, "</h{level}>");
    if c.is_change() || c.renumbered {
        out.push_str("<p class=\"rl-meta\">");
        let _ = write!(
            out,
            "<span class=\"rl-badge rl-badge-{}\">{}</span>",
            c.status.as_str(),
            c.status.title()
        );
        if c.moved {
            out.push_str(" <span class=\"rl-badge rl-badge-moved\">Moved</span>");
        }
        if c.renumbered {
            let _ = write!(
                out,
                " <span class=\"rl-badge\">Renumbered from {}</span>",
                escape(or_dash(c.from_number.as_deref().unwrap_or_default()))
            );
        }
        if c.replaced {
            out.push_str(
                " <span class=\"rl-badge\">Too different to compare word by word: shown replaced</span>",
            );
        }
        if let Some(base) = &opts.history_base {
            let _ = write!(
                out,
                " · <a href=\"{}/{key}/history\">History<span class=\"sr-only\"> of this clause</span></a>",
                escape(base)
            );
        }
        out.push_str("</p>\n");
    }
}

/// The clause's body as the mode shows it.
fn body_into(out: &mut String, c: &ClauseDiff, mode: Mode) {
    out.push_str("<div class=\"body\">");
    match (&c.html, c.status) {
        (Some(html), Status::Added) if !html.is_empty() => {
            out.push_str("<ins class=\"rl-whole\"><span class=\"sr-only\">[inserted: </span>");
            out.push_str(html);
            out.push_str("<span class=\"sr-only\">]</span></ins>");
        }
        (Some(html), Status::Removed) if !html.is_empty() => {
            out.push_str("<del class=\"rl-whole\"><span class=\"sr-only\">[deleted: </span>");
            out.push_str(html);
            out.push_str("<span class=\"sr-only\">]</span></del>");
        }
        (Some(html), _) => out.push_str(html),
        (None, _) => blocks_into(out, c.blocks.get(1..).unwrap_or_default(), mode),
    }
    out.push_str("</div>\n");
}

fn spans_into(out: &mut String, spans: &[Change], mode: Mode) {
    for s in spans {
        match (mode, s.op) {
            (Mode::Old, Op::Insert) | (Mode::New, Op::Delete) => {}
            (_, op) => mark_into(out, op, &s.text),
        }
    }
}

fn open_frame(out: &mut String, f: &Frame) {
    match f.kind {
        FrameKind::Quote => out.push_str("<blockquote>"),
        FrameKind::List { ordered: false, .. } => out.push_str("<ul>"),
        FrameKind::List {
            ordered: true,
            start,
        } => {
            if start == 1 {
                out.push_str("<ol>");
            } else {
                let _ = write!(out, "<ol start=\"{start}\">");
            }
        }
        FrameKind::Item => out.push_str("<li>"),
        FrameKind::Table => out.push_str("<table>"),
        FrameKind::Head => out.push_str("<thead><tr>"),
        FrameKind::Row => out.push_str("<tr>"),
    }
}

fn close_frame(out: &mut String, f: &Frame) {
    out.push_str(match f.kind {
        FrameKind::Quote => "</blockquote>",
        FrameKind::List { ordered: false, .. } => "</ul>",
        FrameKind::List { ordered: true, .. } => "</ol>",
        FrameKind::Item => "</li>",
        FrameKind::Table => "</table>",
        FrameKind::Head => "</tr></thead>",
        FrameKind::Row => "</tr>",
    });
}

/// Blocks with their containers reopened as needed, so lists, tables and
/// quotes come out as lists, tables and quotes.
fn blocks_into(out: &mut String, blocks: &[BlockDiff], mode: Mode) {
    let mut open: Vec<Frame> = Vec::new();
    for b in blocks {
        let (kind, path) = match mode {
            Mode::Inline => (b.kind, &b.path),
            Mode::Old => match &b.old {
                Some(s) => (s.kind, &s.path),
                None => continue,
            },
            Mode::New => match &b.new {
                Some(s) => (s.kind, &s.path),
                None => continue,
            },
        };
        let common = open
            .iter()
            .zip(path.iter())
            .take_while(|(a, b)| a == b)
            .count();
        while open.len() > common {
            if let Some(f) = open.pop() {
                close_frame(out, &f);
            }
        }
        for f in &path[common..] {
            open_frame(out, f);
            open.push(*f);
        }
        let in_row = path
            .last()
            .is_some_and(|f| matches!(f.kind, FrameKind::Row | FrameKind::Head));
        let (start, end) = match kind {
            _ if in_row => {
                if matches!(kind, BlockKind::Cell { header: true }) {
                    ("<th>", "</th>")
                } else {
                    ("<td>", "</td>")
                }
            }
            BlockKind::Code => ("<pre><code>", "</code></pre>"),
            BlockKind::Subheading(_) | BlockKind::Heading => {
                ("<p class=\"rl-subheading\"><strong>", "</strong></p>")
            }
            BlockKind::Paragraph | BlockKind::Cell { .. } => ("<p>", "</p>"),
        };
        out.push_str(start);
        spans_into(out, &b.spans, mode);
        out.push_str(end);
        out.push('\n');
    }
    while let Some(f) = open.pop() {
        close_frame(out, &f);
    }
}

/// A run of unchanged clauses, collapsed.
fn collapsed_into(out: &mut String, run: &[&ClauseDiff], opts: &HtmlOptions) {
    if run.is_empty() {
        return;
    }
    let name = |c: &ClauseDiff| {
        if c.number().is_empty() {
            c.heading().to_string()
        } else {
            format!("{} {}", c.number(), c.heading())
        }
    };
    let range = if run.len() == 1 {
        name(run[0])
    } else {
        format!("{} to {}", name(run[0]), name(run[run.len() - 1]))
    };
    let _ = write!(
        out,
        "<details class=\"rl-collapsed\"><summary>{} unchanged clause{}: {}</summary><ul>",
        run.len(),
        if run.len() == 1 { "" } else { "s" },
        escape(&range)
    );
    for c in run {
        match &opts.to_base {
            Some(base) => {
                let _ = write!(
                    out,
                    "<li><a href=\"{}#{}\">{}</a></li>",
                    escape(base),
                    escape(&c.key),
                    escape(&name(c))
                );
            }
            None => {
                let _ = write!(out, "<li>{}</li>", escape(&name(c)));
            }
        }
    }
    out.push_str("</ul></details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_the_markdown_layer() {
        let text = "a<b>&\"c'é—<";
        let mut out = String::new();
        escape_into(&mut out, text);
        assert_eq!(out, escape(text));
    }
}
