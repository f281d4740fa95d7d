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
                _ => collapse(&raw),
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
