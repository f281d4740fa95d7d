//! The single owner of pulldown-cmark options.
//!
//! Every piece of Markdown in Docket (clause bodies, version notes, and later
//! comments) goes through [`parser`], so the dialect is the same everywhere.
//! Policy: raw HTML in a source is never passed through; it is turned into
//! text and therefore shown escaped.

use pulldown_cmark::{html, Event, Options, Parser};

/// The Markdown dialect: CommonMark plus tables, strikethrough and heading
/// attributes (`{#key}`).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A parser over `text` with Docket's options, with raw HTML turned into text.
pub fn parser(text: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(text, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    })
}

/// Render Markdown to HTML. Raw HTML is escaped, never passed through.
pub fn render_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    html::push_html(&mut out, parser(text));
    out
}

/// Plain text of an inline Markdown fragment such as a heading.
pub fn inline_text(text: &str) -> String {
    let mut out = String::new();
    for event in parser(text) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Escape text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The same dialect with source byte ranges, for splitting a document into
/// clauses. Raw HTML is left as events here because nothing is rendered.
pub fn offset_parser(text: &str) -> pulldown_cmark::OffsetIter<'_> {
    Parser::new_ext(text, options()).into_offset_iter()
}
