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
use crate::i18n::{t, t2, Lang};
use crate::standard::markdown::escape;

mod words;
use words::Words;
pub use words::{legend, status_name, summary_line};

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

    /// The name shown to readers, in the current language.
    pub fn name(self) -> String {
        t(match self {
            View::Inline => "compare-view-inline",
            View::Side => "compare-view-side",
            View::Changes => "compare-view-changes",
            View::Summary => "compare-view-summary",
        })
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
    let w = Words::current();
    each_clause(out, &r.clauses, |out, c| {
        clause_inline_into(out, c, opts, w)
    });
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
    clause_inline_into(&mut out, c, opts, Words::current());
    out
}

/// Every clause as the old text beside the new.
pub fn side_by_side(r: &Redline, opts: &HtmlOptions) -> String {
    let mut out = String::with_capacity(2 * estimate(r));
    side_by_side_into(&mut out, r, opts);
    out
}

fn side_by_side_into(out: &mut String, r: &Redline, opts: &HtmlOptions) {
    let w = Words::current();
    // Each column's label, and what it says of a clause it lacks.
    let column = |label: &str| {
        let label = escape(label);
        (
            w.lang.t_with("pages-version", &[("label", &label)]),
            w.lang
                .t_with("drafting-redline-absent", &[("version", &label)]),
        )
    };
    let columns = [(column(&r.from), Mode::Old), (column(&r.to), Mode::New)];
    each_clause(out, &r.clauses, |out, c| {
        open_section(out, c, "rl-side-by-side", opts, w);
        out.push_str("<div class=\"rl-columns\">");
        for ((label, absent), mode) in &columns {
            let _ = write!(
                out,
                "<div class=\"rl-col rl-col-{}\"><p class=\"rl-col-label\">{label}</p>",
                if *mode == Mode::Old { "old" } else { "new" },
            );
            let present = match mode {
                Mode::Old => c.status != Status::Added,
                _ => c.status != Status::Removed,
            };
            if present {
                body_into(out, c, *mode, w);
            } else {
                let _ = write!(out, "<p class=\"rl-absent\">{absent}</p>");
            }
            out.push_str("</div>");
        }
        out.push_str("</div></section>\n");
    });
}

/// Changed clauses in full; each run of unchanged clauses collapsed to a
/// list of their headings.
pub fn changes_only(r: &Redline, opts: &HtmlOptions) -> String {
    let w = Words::current();
    let mut out = String::new();
    let mut run: Vec<&ClauseDiff> = Vec::new();
    for c in &r.clauses {
        if c.is_change() {
            collapsed_into(&mut out, &run, opts);
            run.clear();
            clause_inline_into(&mut out, c, opts, w);
        } else {
            run.push(c);
        }
    }
    collapsed_into(&mut out, &run, opts);
    if r.changed().next().is_none() {
        out.insert_str(0, &nothing_changed());
    }
    out
}

/// The note that no clause changed.
fn nothing_changed() -> String {
    format!("<p class=\"rl-none\">{}</p>\n", t("drafting-redline-none"))
}

/// The table of how many clauses changed in each way.
fn counts_into(out: &mut String, r: &Redline) {
    let s = &r.summary;
    let renumbered = r
        .clauses
        .iter()
        .filter(|c| c.renumbered && !c.is_change())
        .count();
    let _ = writeln!(
        out,
        "<table class=\"rl-counts\"><caption>{}</caption>\
         <thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\
         <tbody><tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></tbody></table>",
        t("drafting-redline-counts-caption"),
        t("drafting-redline-count-added"),
        t("drafting-redline-count-removed"),
        t("drafting-redline-count-modified"),
        t("drafting-redline-count-unchanged"),
        t("drafting-redline-count-moved"),
        t("drafting-redline-only-renumbered"),
        s.added, s.removed, s.modified, s.unchanged, s.moved, renumbered
    );
}

/// Counts, then one row per changed clause linking to its section.
pub fn summary_table(r: &Redline, opts: &HtmlOptions) -> String {
    let mut out = String::new();
    counts_into(&mut out, r);
    let changed: Vec<&ClauseDiff> = r.changed().collect();
    if changed.is_empty() {
        out.push_str(&nothing_changed());
        return out;
    }
    let _ = writeln!(
        out,
        "<table class=\"rl-summary\"><caption>{}</caption>\
         <thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t2(
            "drafting-redline-changed-caption",
            "count",
            changed.len(),
            "version",
            escape(&r.to)
        ),
        t("drafting-redline-col-clause"),
        t("drafting-redline-col-heading"),
        t("drafting-redline-col-change"),
    );
    let (w, go) = (Words::current(), t("drafting-redline-go-to-change"));
    for c in changed {
        let number = match (&c.from_number, &c.to_number) {
            (Some(a), Some(b)) if a != b => format!("{} → {}", or_dash(a), or_dash(b)),
            _ => or_dash(c.number()).to_string(),
        };
        let _ = writeln!(
            out,
            "<tr class=\"rl-{}\"><td><a href=\"{}#c-{}\">{}<span class=\"sr-only\"> {go}</span></a></td><td>{}</td><td>{}</td></tr>",
            c.status.as_str(),
            escape(&opts.link_base),
            escape(&c.key),
            escape(&number),
            escape(c.heading()),
            change_words(c, w)
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
        escape(&summary_line(r)),
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

/// One span, escaped and marked, in English whatever the page's language:
/// a comment stores the redline of its proposed text made with this, so it
/// must depend on the two texts alone.
pub fn mark(op: Op, text: &str) -> String {
    let mut out = String::new();
    mark_into(&mut out, op, text, Words::get(Lang::En));
    out
}

/// A redline made by [`mark`] (a comment's stored proposal), with its
/// screen-reader marks in the current language instead of English.
pub fn marks_here(html: &str) -> String {
    let here = Words::current();
    if here.lang == Lang::En {
        return html.to_string();
    }
    let en = Words::get(Lang::En);
    let open = |tag: &str, word: &str| format!("<{tag}><span class=\"sr-only\">{word}</span>");
    html.replace(&open("del", &en.deleted), &open("del", &here.deleted))
        .replace(&open("ins", &en.inserted), &open("ins", &here.inserted))
}

fn mark_into(out: &mut String, op: Op, text: &str, w: &Words) {
    match op {
        Op::Equal => escape_into(out, text),
        Op::Delete => {
            out.push_str("<del><span class=\"sr-only\">");
            out.push_str(&w.deleted);
            out.push_str("</span>");
            escape_into(out, text);
            out.push_str("<span class=\"sr-only\">]</span></del>");
        }
        Op::Insert => {
            out.push_str("<ins><span class=\"sr-only\">");
            out.push_str(&w.inserted);
            out.push_str("</span>");
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
fn change_words(c: &ClauseDiff, w: &Words) -> String {
    let mut words = vec![w.status(c.status)];
    if c.moved {
        words.push(&w.change_moved);
    }
    if c.renumbered {
        words.push(&w.change_renumbered);
    }
    if c.replaced {
        words.push(&w.change_replaced);
    }
    words.join(", ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Inline,
    Old,
    New,
}

fn clause_inline_into(out: &mut String, c: &ClauseDiff, opts: &HtmlOptions, w: &Words) {
    open_section(out, c, "rl-inline", opts, w);
    body_into(out, c, Mode::Inline, w);
    out.push_str("</section>\n");
}

/// The section's opening, the heading with its marks, and the badges.
fn open_section(out: &mut String, c: &ClauseDiff, class: &str, opts: &HtmlOptions, w: &Words) {
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
                mark_into(out, Op::Delete, a, w);
            }
            if !a.is_empty() && !b.is_empty() {
                out.push(' ');
            }
            if !b.is_empty() {
                mark_into(out, Op::Insert, b, w);
            }
            out.push_str("</span> ");
        }
        _ if !c.number().is_empty() => {
            let _ = write!(out, "<span class=\"num\">{}</span> ", escape(c.number()));
        }
        _ => {}
    }
    match c.blocks.first() {
        Some(b) => spans_into(out, &b.spans, Mode::Inline, w),
        None => out.push_str(&escape(c.heading())),
    }
    let _ = writeln!(out, "</h{level}>");
    if c.is_change() || c.renumbered {
        out.push_str("<p class=\"rl-meta\">");
        let _ = write!(
            out,
            "<span class=\"rl-badge rl-badge-{}\">{}</span>",
            c.status.as_str(),
            w.status(c.status)
        );
        if c.moved {
            let _ = write!(
                out,
                " <span class=\"rl-badge rl-badge-moved\">{}</span>",
                w.moved
            );
        }
        if c.renumbered {
            let from = escape(or_dash(c.from_number.as_deref().unwrap_or_default()));
            let _ = write!(
                out,
                " <span class=\"rl-badge\">{}</span>",
                w.lang
                    .t_with("drafting-redline-renumbered-from", &[("number", &from)])
            );
        }
        if c.replaced {
            let _ = write!(out, " <span class=\"rl-badge\">{}</span>", w.replaced);
        }
        if let Some(base) = &opts.history_base {
            let _ = write!(
                out,
                " · <a href=\"{}/{key}/history\">{}<span class=\"sr-only\"> {}</span></a>",
                escape(base),
                w.history,
                w.of_this_clause
            );
        }
        out.push_str("</p>\n");
    }
}

/// The clause's body as the mode shows it.
fn body_into(out: &mut String, c: &ClauseDiff, mode: Mode, w: &Words) {
    out.push_str("<div class=\"body\">");
    match (&c.html, c.status) {
        (Some(html), Status::Added) if !html.is_empty() => {
            out.push_str("<ins class=\"rl-whole\"><span class=\"sr-only\">");
            out.push_str(&w.inserted);
            out.push_str("</span>");
            out.push_str(html);
            out.push_str("<span class=\"sr-only\">]</span></ins>");
        }
        (Some(html), Status::Removed) if !html.is_empty() => {
            out.push_str("<del class=\"rl-whole\"><span class=\"sr-only\">");
            out.push_str(&w.deleted);
            out.push_str("</span>");
            out.push_str(html);
            out.push_str("<span class=\"sr-only\">]</span></del>");
        }
        (Some(html), _) => out.push_str(html),
        (None, _) => blocks_into(out, c.blocks.get(1..).unwrap_or_default(), mode, w),
    }
    out.push_str("</div>\n");
}

fn spans_into(out: &mut String, spans: &[Change], mode: Mode, w: &Words) {
    for s in spans {
        match (mode, s.op) {
            (Mode::Old, Op::Insert) | (Mode::New, Op::Delete) => {}
            (_, op) => mark_into(out, op, &s.text, w),
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
fn blocks_into(out: &mut String, blocks: &[BlockDiff], mode: Mode, w: &Words) {
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
        spans_into(out, &b.spans, mode, w);
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
        t2(
            "drafting-redline-range",
            "first",
            name(run[0]),
            "last",
            name(run[run.len() - 1]),
        )
    };
    let _ = write!(
        out,
        "<details class=\"rl-collapsed\"><summary>{}</summary><ul>",
        t2(
            "drafting-redline-unchanged-run",
            "count",
            run.len(),
            "range",
            escape(&range)
        )
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
