//! A clause as the blocks a reader reads: its heading, then each paragraph,
//! list item, table cell, inner heading and code block of its body, as plain
//! text, with the containers (quotes, lists, items, tables, rows) each sits in.
//!
//! The body is read with the same Markdown dialect as everywhere else
//! ([`crate::standard::markdown::parser`]), so raw HTML counts as the text a
//! reader sees. White space inside a block collapses to single spaces, so
//! re-wrapping is not a change; code blocks keep theirs.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::standard::{markdown, Clause};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The clause's own heading (always the first block).
    Heading,
    Paragraph,
    /// A heading inside the body (in a quote or a list), with its level.
    Subheading(u8),
    Code,
    Cell {
        header: bool,
    },
}

/// A container a block sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    Quote,
    List {
        ordered: bool,
        start: u64,
    },
    Item,
    Table,
    /// The header row of a table.
    Head,
    /// A body row of a table.
    Row,
}

/// One container instance. Ids are unique within one clause body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub kind: FrameKind,
    pub id: u32,
}

/// One block of a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Containers from the outermost in.
    pub path: Vec<Frame>,
    pub text: String,
}

/// Separator between blocks in a clause's text.
pub const SEPARATOR: &str = "\n\n";

/// The clause's blocks: its heading, then its body's blocks.
pub fn clause_blocks(clause: &Clause) -> Vec<Block> {
    let mut out = vec![Block {
        kind: BlockKind::Heading,
        path: Vec::new(),
        text: collapse(&clause.heading),
    }];
    out.extend(body_blocks(&clause.body_md));
    out
}

/// The clause's text: its blocks' texts joined by [`SEPARATOR`].
pub fn clause_text(clause: &Clause) -> String {
    join(&clause_blocks(clause))
}

/// Block texts joined by [`SEPARATOR`].
pub fn join(blocks: &[Block]) -> String {
    let len = blocks.iter().map(|b| b.text.len() + SEPARATOR.len()).sum();
    let mut out = String::with_capacity(len);
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str(SEPARATOR);
        }
        out.push_str(&b.text);
    }
    out
}

/// Runs of white space become one space; the ends are trimmed.
pub fn collapse(text: &str) -> String {
    if is_collapsed(text) {
        text.to_string()
    } else {
        collapse_slow(text)
    }
}

/// [`collapse`], keeping the string when it is already collapsed.
fn collapse_owned(text: String) -> String {
    if is_collapsed(&text) {
        text
    } else {
        collapse_slow(&text)
    }
}

/// Bytes that may be white space other than a single space: ASCII
/// controls that are white space, and the first bytes of the non-ASCII
/// white space characters (U+0085, U+00A0, U+1680, U+2000 to U+205F,
/// U+3000).
const NOT_A_SPACE: [bool; 256] =
    markdown::byte_set(&[b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xC2, 0xE1, 0xE2, 0xE3]);

/// Whether text certainly has single spaces between words and none at the
/// ends. Bytes that may start a non-ASCII space count as "not certain".
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for &b in bytes {
        let space = b == b' ';
        if NOT_A_SPACE[b as usize] || (space && after_space) {
            return false;
        }
        after_space = space;
    }
    true
}

fn collapse_slow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

struct Walker {
    out: Vec<Block>,
    stack: Vec<Frame>,
    /// For each open item, whether a block has been emitted inside it.
    items: Vec<bool>,
    next_id: u32,
    current: Option<(BlockKind, String)>,
}

impl Walker {
    fn begin(&mut self, kind: BlockKind) {
        self.finish();
        self.current = Some((kind, String::new()));
    }

    fn push_text(&mut self, text: &str) {
        match &mut self.current {
            Some((_, buf)) => buf.push_str(text),
            None => self.current = Some((BlockKind::Paragraph, text.to_string())),
        }
    }

    fn finish(&mut self) {
        if let Some((kind, raw)) = self.current.take() {
            let text = match kind {
                BlockKind::Code => raw.replace("\r\n", "\n").trim_end_matches('\n').to_string(),
                _ => collapse_owned(raw),
            };
            self.emit(kind, text);
        }
    }

    fn emit(&mut self, kind: BlockKind, text: String) {
        if let Some(has) = self.items.last_mut() {
            *has = true;
        }
        self.out.push(Block {
            kind,
            path: self.stack.clone(),
            text,
        });
    }

    fn open(&mut self, kind: FrameKind) {
        self.finish();
        self.stack.push(Frame {
            kind,
            id: self.next_id,
        });
        self.next_id += 1;
        if kind == FrameKind::Item {
            self.items.push(false);
        }
    }

    fn close(&mut self) {
        self.finish();
        if let Some(frame) = self.stack.pop() {
            if frame.kind == FrameKind::Item {
                // An empty item is still an item.
                if self.items.pop() == Some(false) {
                    self.stack.push(frame);
                    self.emit(BlockKind::Paragraph, String::new());
                    self.stack.pop();
                }
            }
        }
    }

    fn in_head(&self) -> bool {
        self.stack.last().is_some_and(|f| f.kind == FrameKind::Head)
    }
}

/// The blocks of a Markdown body.
pub fn body_blocks(body_md: &str) -> Vec<Block> {
    plain_paragraphs(body_md).unwrap_or_else(|| parsed_blocks(body_md))
}

/// Most bodies are paragraphs and simple bullet lists of words and
/// punctuation that mean nothing to Markdown. Those are read without the
/// parser, with exactly its result (a property test holds the two to it):
///
/// - a run of non-blank lines is a paragraph whose lines join with a space;
/// - a line `- ` followed by a letter starts a list item (and a list, if
///   none is open); the lines after it, unindented or indented by two
///   spaces and starting with a letter, continue it; a blank line then an
///   unindented line ends the list.
///
/// Anything else sends the body to the parser: a character that can open
/// inline syntax, a tab, a carriage return, NUL, or a line starting with
/// white space, a digit, `#`, `-`, `+` or `=` in any other way.
fn plain_paragraphs(body: &str) -> Option<Vec<Block>> {
    if body.bytes().any(|b| markdown::SYNTAX[b as usize]) {
        return None;
    }
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let mut next_id = 0;
    // The open list and item, and whether a blank line followed the item.
    let mut list: Option<Frame> = None;
    let mut item: Option<Frame> = None;
    let mut blank_in_list = false;
    let flush = |paragraph: &mut String, out: &mut Vec<Block>, path: Vec<Frame>| {
        if !paragraph.is_empty() {
            out.push(Block {
                kind: BlockKind::Paragraph,
                path,
                text: collapse_owned(std::mem::take(paragraph)),
            });
        }
    };
    let path = |list: Option<Frame>, item: Option<Frame>| match (list, item) {
        (Some(l), Some(i)) => vec![l, i],
        _ => Vec::new(),
    };
    for line in body.split('\n') {
        let bytes = line.as_bytes();
        let letter_at = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_alphabetic);
        if bytes.is_empty() {
            flush(&mut paragraph, &mut out, path(list, item));
            blank_in_list = list.is_some();
        } else if line.starts_with("- ") && letter_at(2) {
            flush(&mut paragraph, &mut out, path(list, item));
            if list.is_none() {
                list = Some(Frame {
                    kind: FrameKind::List {
                        ordered: false,
                        start: 1,
                    },
                    id: next_id,
                });
                next_id += 1;
            }
            item = Some(Frame {
                kind: FrameKind::Item,
                id: next_id,
            });
            next_id += 1;
            blank_in_list = false;
            paragraph.push_str(&line[2..]);
        } else if line.starts_with("  ") && letter_at(2) && item.is_some() && !paragraph.is_empty()
        {
            paragraph.push(' ');
            paragraph.push_str(&line[2..]);
        } else if matches!(bytes[0], b' ' | b'#' | b'-' | b'+' | b'=' | b'0'..=b'9') {
            return None;
        } else if !paragraph.is_empty() {
            // A continuation line (of an item too: a lazy one).
            paragraph.push(' ');
            paragraph.push_str(line);
        } else {
            if blank_in_list {
                list = None;
                item = None;
                blank_in_list = false;
            }
            paragraph.push_str(line);
        }
    }
    flush(&mut paragraph, &mut out, path(list, item));
    Some(out)
}

/// The blocks of a Markdown body, read with the parser.
fn parsed_blocks(body_md: &str) -> Vec<Block> {
    let mut w = Walker {
        out: Vec::new(),
        stack: Vec::new(),
        items: Vec::new(),
        next_id: 0,
        current: None,
    };
    for event in markdown::parser(body_md) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::HtmlBlock => w.begin(BlockKind::Paragraph),
                Tag::Heading { level, .. } => w.begin(BlockKind::Subheading(level as u8)),
                Tag::CodeBlock(_) => w.begin(BlockKind::Code),
                Tag::BlockQuote(_) => w.open(FrameKind::Quote),
                Tag::List(start) => w.open(FrameKind::List {
                    ordered: start.is_some(),
                    start: start.unwrap_or(1),
                }),
                Tag::Item => w.open(FrameKind::Item),
                Tag::Table(_) => w.open(FrameKind::Table),
                Tag::TableHead => w.open(FrameKind::Head),
                Tag::TableRow => w.open(FrameKind::Row),
                Tag::TableCell => {
                    let header = w.in_head();
                    w.begin(BlockKind::Cell { header });
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph
                | TagEnd::HtmlBlock
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell => w.finish(),
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow => w.close(),
                _ => {}
            },
            Event::Text(t)
            | Event::Code(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => w.push_text(&t),
            Event::SoftBreak | Event::HardBreak => w.push_text(" "),
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
    w.finish();
    while !w.stack.is_empty() {
        w.close();
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<String> {
        body_blocks(md).into_iter().map(|b| b.text).collect()
    }

    fn body_parts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let plain = proptest::sample::select(vec![
            "a", "word", " ", "  ", "\n", "\n\n", "\n\n\n", ".", ",", ":", "(", ")", "'", "\"",
            "é", "\u{a0}", "\u{3000}", "\u{2003}", "=", "-", "+", "#", "1", "2.", "\n- ", "- ",
            "\n  ", "\n\n- ", "\n\n  ", "\n -", "-x", "\n- a", "\n  b",
        ]);
        let markdown = proptest::sample::select(vec![
            "*", "_", "`", "[", "]", "<", ">", "&", "amp;", "!", "|", "~", "\t", "\r", "\\",
            "\u{0}", "\u{b}", "\u{c}", "\n- ", "\n1. ", "\n    ", "\n#", "\n===",
        ]);
        proptest::collection::vec(prop_oneof![12 => plain, 1 => markdown], 0..40)
            .prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        #[test]
        fn plain_bodies_read_as_the_parser_reads_them(body in body_parts()) {
            if let Some(fast) = plain_paragraphs(&body) {
                proptest::prop_assert_eq!(fast, parsed_blocks(&body), "{:?}", body);
            }
        }
    }

    #[test]
    fn plain_paragraphs_skip_the_parser_only_when_safe() {
        let body = "One two\nthree.\n\nFour, five (six): seven's \"eight\".\n";
        assert_eq!(plain_paragraphs(body), Some(parsed_blocks(body)));
        assert_eq!(plain_paragraphs(body).unwrap().len(), 2);
        let list = "Each:\n- one\n- two words\n  more\nlazy\n\n- three\n\nAfter.\n";
        assert_eq!(plain_paragraphs(list), Some(parsed_blocks(list)));
        assert_eq!(plain_paragraphs(list).unwrap().len(), 5);
        for md in [
            "- 1\n",
            "1. a\n",
            "a *b*\n",
            "    code\n",
            "a\n===\n",
            "a &amp; b\n",
            "- a\n  - b\n",
        ] {
            assert_eq!(plain_paragraphs(md), None, "{md:?}");
        }
    }

    #[test]
    fn collapsing_white_space() {
        for (raw, collapsed) in [
            ("a b", "a b"),
            (" a  b ", "a b"),
            ("a\tb\nc", "a b c"),
            ("a\u{a0}\u{2003}b", "a b"),
            ("", ""),
            ("   ", ""),
            ("a\x0bb", "a b"),
        ] {
            assert_eq!(collapse(raw), collapsed, "{raw:?}");
        }
    }

    #[test]
    fn rewrapping_is_not_a_change() {
        assert_eq!(
            texts("One two\nthree   four.\n"),
            texts("One two three\nfour.\n")
        );
    }

    #[test]
    fn list_items_and_cells_are_blocks() {
        assert_eq!(texts("- a\n- b\n  - c\n"), vec!["a", "b", "c"]);
        let cells = body_blocks("| h1 | h2 |\n|---|---|\n| a | |\n");
        assert_eq!(cells.len(), 4);
        assert_eq!(cells[0].kind, BlockKind::Cell { header: true });
        assert_eq!(cells[3].text, "");
        assert_eq!(texts("-\n- b\n"), vec!["", "b"]);
    }
}
