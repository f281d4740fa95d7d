//! The single owner of pulldown-cmark options.
//!
//! Every piece of Markdown in Docket (clause bodies, version notes, and later
//! comments) goes through [`parser`], so the dialect is the same everywhere.
//! Policy: raw HTML in a source is never passed through; it is turned into
//! text and therefore shown escaped.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

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
    plain_html(text).unwrap_or_else(|| parsed_html(text))
}

/// Render Markdown to HTML with the parser.
fn parsed_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    html::push_html(&mut out, safe_links(parser(text)));
    out
}

/// Links and images a standard may carry: a link to an http, https or
/// mailto URL, or a relative one; an image from this site only (a relative
/// URL that names no other host). Any other link or image is reduced to
/// its text, so a `javascript:` or `data:` URL never reaches a page or the
/// API, and no page makes a reader's browser fetch from elsewhere.
fn safe_links<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // Whether each open link or image was kept, innermost last (an image
    // may sit inside a link).
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    events.filter(move |event| match event {
        Event::Start(Tag::Link { dest_url, .. }) => {
            let keep = link_allowed(dest_url);
            links.push(keep);
            keep
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(true),
        Event::Start(Tag::Image { dest_url, .. }) => {
            let keep = image_allowed(dest_url);
            images.push(keep);
            keep
        }
        Event::End(TagEnd::Image) => images.pop().unwrap_or(true),
        _ => true,
    })
}

/// A URL as a browser reads it: without the whitespace and control
/// characters it ignores, backslashes as slashes, in lower case.
fn url_as_read(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The scheme of a URL, if it has one.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    let candidate = &url[..end];
    let valid = url[end..].starts_with(':')
        && candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(candidate)
}

/// Whether a standard may link to `url`.
pub fn link_allowed(url: &str) -> bool {
    let url = url_as_read(url);
    match scheme(&url) {
        None => true,
        Some(s) => matches!(s, "http" | "https" | "mailto"),
    }
}

/// Whether a standard may show the image at `url`.
pub fn image_allowed(url: &str) -> bool {
    let url = url_as_read(url);
    scheme(&url).is_none() && !url.starts_with("//")
}

/// A table of the given bytes, for scanning text a byte at a time.
pub(crate) const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// Bytes that may mean something to Markdown anywhere in a line, or that
/// the parser treats specially: text without them can skip the parser
/// (see [`plain_html`] and the redline's block reader).
pub(crate) const SYNTAX: [bool; 256] = byte_set(b"\\`*_[]<>&!|~\t\r\0\x0b\x0c");

/// Most clause bodies are paragraphs of prose and tight bullet lists,
/// with nothing in them that Markdown reads. Those are rendered without the
/// parser, to exactly the parser's HTML (a property test holds the two to
/// it). Accepted, line by line:
///
/// - a line starting with an ASCII letter opens a paragraph, or continues
///   the one open;
/// - `- ` then a letter starts a list item (and a list, if none is open;
///   it may interrupt a paragraph);
/// - two spaces then a letter continue the open list item;
/// - a blank line closes a paragraph; after a list, the next line must
///   start a paragraph (a list item there would make the list loose).
///
/// Anything else, including a line ending in a space (a hard break) and a
/// byte in [`SYNTAX`], sends the text to the parser. With no `<`, `>` or
/// `&` in it, the text needs no escaping (the parser leaves quotes as they
/// are in body text).
fn plain_html(text: &str) -> Option<String> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum At {
        Start,
        Paragraph,
        Item,
        AfterList,
        Between,
    }
    if text.bytes().any(|b| SYNTAX[b as usize]) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 16);
    let mut at = At::Start;
    for line in text.split('\n') {
        let bytes = line.as_bytes();
        if bytes.is_empty() {
            at = match at {
                At::Paragraph => {
                    out.push_str("</p>\n");
                    At::Between
                }
                At::Item | At::AfterList => At::AfterList,
                other => other,
            };
            continue;
        }
        if bytes.last() == Some(&b' ') {
            return None;
        }
        let letter_at = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_alphabetic);
        if bytes.starts_with(b"- ") && letter_at(2) {
            match at {
                At::Paragraph => out.push_str("</p>\n<ul>\n<li>"),
                At::Item => out.push_str("</li>\n<li>"),
                At::AfterList => return None,
                At::Start | At::Between => out.push_str("<ul>\n<li>"),
            }
            at = At::Item;
            out.push_str(&line[2..]);
        } else if bytes.starts_with(b"  ") && letter_at(2) {
            if at != At::Item {
                return None;
            }
            out.push('\n');
            out.push_str(&line[2..]);
        } else if letter_at(0) {
            match at {
                At::Paragraph => out.push('\n'),
                At::Item => return None,
                At::AfterList => out.push_str("</li>\n</ul>\n<p>"),
                At::Start | At::Between => out.push_str("<p>"),
            }
            at = At::Paragraph;
            out.push_str(line);
        } else {
            return None;
        }
    }
    match at {
        At::Paragraph => out.push_str("</p>\n"),
        At::Item | At::AfterList => out.push_str("</li>\n</ul>\n"),
        At::Start | At::Between => {}
    }
    Some(out)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lines of prose and bullet lists, now and then with something
    /// Markdown reads.
    fn body() -> impl Strategy<Value = String> {
        let start = prop_oneof![
            8 => proptest::sample::select(vec!["", "", "", "- ", "- ", "  "]),
            1 => proptest::sample::select(vec!["   ", " ", "1. ", "* ", "> ", "# ", "    ", "-"]),
        ];
        let common = proptest::sample::select(vec![
            "word", "Word", "a", "b", "x.", "y,", "(z)", "\"q\"", "it's", "é", "x\u{a0}y",
        ]);
        let odd = proptest::sample::select(vec!["1", "2.", "=", "-", "#", "+", "{k}", ""]);
        let rare = proptest::sample::select(vec![
            "*", "_", "`", "[", "]", "<", ">", "&", "!", "|", "~", "\t", "\r", "\\", "\u{0}",
            "===", "---",
        ]);
        let word = prop_oneof![50 => common, 5 => odd, 1 => rare];
        let line = (start, proptest::collection::vec(word, 0..8))
            .prop_map(|(start, words)| format!("{start}{}", words.join(" ")));
        proptest::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
    }

    static PLAIN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]
        #[test]
        fn plain_text_renders_as_the_parser_renders_it(text in body()) {
            if let Some(fast) = plain_html(&text) {
                PLAIN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                prop_assert_eq!(fast, parsed_html(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn the_property_test_exercises_the_fast_path() {
        plain_text_renders_as_the_parser_renders_it();
        let plain = PLAIN.load(std::sync::atomic::Ordering::Relaxed);
        eprintln!("PLAIN {plain}");
        assert!(plain > 500, "{plain}");
    }

    #[test]
    fn only_safe_links_and_local_images_are_rendered() {
        let html = render_html(
            "[a](javascript:alert(1)) [b](<JaVa\tScRiPt:x>) [c](data:text/html,x) \
             [d](https://example.org/) [e](mailto:x@example.org) [f](/standards/x) \
             [g](&#106;avascript:alert(1)) <javascript:alert(2)> <https://example.org/auto>\n\n\
             ![local](/static/seal.png) ![remote](https://evil.example/p.png) \
             ![proto](//evil.example/p.png) ![slash](/\\evil.example/p.png) ![data](data:image/png;base64,AA)",
        );
        let mut urls = Vec::new();
        for attr in ["href=\"", "src=\""] {
            for (at, _) in html.match_indices(attr) {
                let rest = &html[at + attr.len()..];
                urls.push(rest[..rest.find('"').unwrap()].to_string());
            }
        }
        assert_eq!(
            urls,
            [
                "https://example.org/",
                "mailto:x@example.org",
                "/standards/x",
                "https://example.org/auto",
                "/static/seal.png",
            ],
            "{html}"
        );
        // The text of a refused link or image stays, as text.
        assert!(html.contains("<p>a b c <a href"), "{html}");
        assert!(html.contains(" g javascript:alert(2) <a"), "{html}");
        assert!(html.contains("remote proto slash data"), "{html}");
    }

    #[test]
    fn prose_and_lists_take_the_fast_path() {
        let body = "One \"two\"\nthree.\n\nList:\n- a b\n  c\n- d\n\nAfter.\n";
        let fast = plain_html(body).expect("plain prose is rendered without the parser");
        assert_eq!(fast, parsed_html(body));
        assert!(fast.contains("<li>a b\nc</li>"), "{fast}");
        for text in [
            "a *b*\n",
            "- a\n\n- b\n",
            "a  \nb\n",
            "<b>x</b>\n",
            "1. a\n",
        ] {
            assert_eq!(plain_html(text), None, "{text:?}");
            assert_eq!(render_html(text), parsed_html(text));
        }
    }
}
