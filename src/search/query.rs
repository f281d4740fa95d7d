//! What a person types into the search box, read by Docket itself and
//! written out again for each engine, so no input reaches an engine's own
//! query syntax: only words (runs of letters and digits) survive, each
//! quoted for SQLite's FTS5 or PostgreSQL's `to_tsquery`.
//!
//! The syntax:
//! - words: every word must appear (`poll workers`);
//! - `"chain of custody"`: the words side by side, in that order; a quote
//!   left open runs to the end;
//! - `recruit*`: any word beginning so (at least two letters before `*`);
//! - `ballots OR envelopes`: either;
//! - `-provisional`: leave out what has that word (only beside a word that
//!   must appear);
//! - a word joined by punctuation (`3.17`, `e-mail`) is read as a phrase.
//!
//! Anything else is ignored, and at most [`MAX_TERMS`] terms are used; the
//! reader says so in [`Query::notes`].

/// The most terms one query uses; the rest are dropped with a note.
pub const MAX_TERMS: usize = 16;

/// The longest word kept; longer runs of letters are cut.
pub const MAX_WORD: usize = 64;

/// One thing to find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word, lower-cased; `prefix` for `word*`.
    Word { word: String, prefix: bool },
    /// Words side by side, in order.
    Phrase(Vec<String>),
}

/// A query: every group must match (AND); a group matches when any of its
/// terms does (OR); nothing in `excluded` may match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
    pub excluded: Vec<Term>,
    /// What was left out of the input, for the reader.
    pub notes: Vec<String>,
}

/// One piece of the input before grouping.
enum Piece {
    Term { term: Term, negated: bool },
    Or,
}

impl Query {
    /// Read what was typed. Never fails: input with no word in it gives a
    /// query for which [`Query::is_empty`] is true.
    pub fn parse(input: &str) -> Query {
        let mut notes = Vec::new();
        let mut pieces = Vec::new();
        let mut rest = input;
        while let Some(c) = rest.chars().next() {
            if c.is_whitespace() {
                rest = &rest[c.len_utf8()..];
            } else if c == '"' {
                let inner = &rest[1..];
                let (quoted, after) = match inner.find('"') {
                    Some(end) => (&inner[..end], &inner[end + 1..]),
                    None => (inner, ""),
                };
                let words = words_of(quoted);
                if let Some(term) = term_of(words, false) {
                    pieces.push(Piece::Term {
                        term,
                        negated: false,
                    });
                }
                rest = after;
            } else {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '"')
                    .unwrap_or(rest.len());
                let chunk = &rest[..end];
                rest = &rest[end..];
                if chunk == "OR" {
                    pieces.push(Piece::Or);
                    continue;
                }
                if chunk == "AND" {
                    continue;
                }
                let negated = chunk.starts_with('-') && chunk.len() > 1;
                let prefix = chunk.ends_with('*');
                if let Some(term) = term_of(words_of(chunk), prefix) {
                    pieces.push(Piece::Term { term, negated });
                }
            }
        }
        let mut query = Query::default();
        let mut joining = false;
        let mut used = 0;
        for piece in pieces {
            match piece {
                Piece::Or => joining = !query.groups.is_empty(),
                Piece::Term { term, negated } => {
                    if used == MAX_TERMS {
                        notes.push(crate::i18n::t1("search-note-max-terms", "max", MAX_TERMS));
                        break;
                    }
                    used += 1;
                    if negated && !joining {
                        query.excluded.push(term);
                    } else if joining {
                        if let Some(last) = query.groups.last_mut() {
                            last.push(term);
                        }
                    } else {
                        query.groups.push(vec![term]);
                    }
                    joining = false;
                }
            }
        }
        if query.groups.is_empty() && !query.excluded.is_empty() {
            notes.push(crate::i18n::t("search-note-only-excluded"));
            query.excluded.clear();
        }
        query.notes = notes;
        query
    }

    /// No word to look for.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The words to mark in snippets: every word of every term looked for,
    /// with whether it was a prefix.
    pub fn marked_words(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for term in self.groups.iter().flatten() {
            match term {
                Term::Word { word, prefix } => out.push((word.clone(), *prefix)),
                Term::Phrase(words) => out.extend(words.iter().map(|w| (w.clone(), false))),
            }
        }
        out
    }

    /// The query in FTS5's syntax: every word in double quotes (a word
    /// holds only letters and digits, so no quote can appear inside).
    pub fn to_fts5(&self) -> String {
        fn term(t: &Term) -> String {
            match t {
                Term::Word {
                    word,
                    prefix: false,
                } => format!("\"{word}\""),
                Term::Word { word, prefix: true } => format!("\"{word}\"*"),
                Term::Phrase(words) => format!("\"{}\"", words.join(" ")),
            }
        }
        let mut out = self
            .groups
            .iter()
            .map(|g| format!("({})", g.iter().map(term).collect::<Vec<_>>().join(" OR ")))
            .collect::<Vec<_>>()
            .join(" AND ");
        for t in &self.excluded {
            out.push_str(" NOT ");
            out.push_str(&term(t));
        }
        out
    }

    /// The same query, matched against the `title` column only.
    pub fn to_fts5_title(&self) -> String {
        format!("{{title}} : ({})", self.to_fts5())
    }

    /// The query in the syntax of PostgreSQL's `to_tsquery`: every word in
    /// single quotes (again, nothing but letters and digits inside).
    pub fn to_tsquery(&self) -> String {
        self.tsquery_weighted("")
    }

    /// The same query, matched against the title only (weight `A`).
    pub fn to_tsquery_title(&self) -> String {
        self.tsquery_weighted("A")
    }

    fn tsquery_weighted(&self, weight: &str) -> String {
        let term = |t: &Term| -> String {
            let w = if weight.is_empty() {
                String::new()
            } else {
                format!(":{weight}")
            };
            match t {
                Term::Word {
                    word,
                    prefix: false,
                } => format!("'{word}'{w}"),
                Term::Word { word, prefix: true } => {
                    format!("'{word}':*{weight}")
                }
                Term::Phrase(words) => format!(
                    "({})",
                    words
                        .iter()
                        .map(|x| format!("'{x}'{w}"))
                        .collect::<Vec<_>>()
                        .join(" <-> ")
                ),
            }
        };
        let mut out = self
            .groups
            .iter()
            .map(|g| format!("({})", g.iter().map(term).collect::<Vec<_>>().join(" | ")))
            .collect::<Vec<_>>()
            .join(" & ");
        for t in &self.excluded {
            out.push_str(" & !");
            out.push_str(&term(t));
        }
        out
    }
}

/// The words (runs of letters and digits) of a piece of text, lower-cased
/// and cut to [`MAX_WORD`] characters.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_WORD).collect::<String>().to_lowercase())
        .collect()
}

/// A term from the words of one piece: none gives nothing, one a word,
/// several a phrase. A prefix needs at least two letters, and applies to
/// a single word only.
fn term_of(mut words: Vec<String>, prefix: bool) -> Option<Term> {
    match words.len() {
        0 => None,
        1 => {
            let word = words.remove(0);
            let prefix = prefix && word.chars().count() >= 2;
            Some(Term::Word { word, prefix })
        }
        _ => Some(Term::Phrase(words)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Term {
        Term::Word {
            word: w.into(),
            prefix: false,
        }
    }

    #[test]
    fn words_phrases_and_prefixes() {
        let q = Query::parse(r#"Poll "chain of custody" recruit*"#);
        assert_eq!(
            q.groups,
            vec![
                vec![word("poll")],
                vec![Term::Phrase(vec![
                    "chain".into(),
                    "of".into(),
                    "custody".into()
                ])],
                vec![Term::Word {
                    word: "recruit".into(),
                    prefix: true
                }],
            ]
        );
        assert_eq!(
            q.to_fts5(),
            r#"("poll") AND ("chain of custody") AND ("recruit"*)"#
        );
        assert_eq!(
            q.to_tsquery(),
            "('poll') & (('chain' <-> 'of' <-> 'custody')) & ('recruit':*)"
        );
    }

    #[test]
    fn or_and_not() {
        let q = Query::parse("ballots OR envelopes -provisional");
        assert_eq!(q.groups, vec![vec![word("ballots"), word("envelopes")]]);
        assert_eq!(q.excluded, vec![word("provisional")]);
        assert_eq!(
            q.to_fts5(),
            r#"("ballots" OR "envelopes") NOT "provisional""#
        );
        assert_eq!(q.to_tsquery(), "('ballots' | 'envelopes') & !'provisional'");
    }

    /// Splits `out` at `quote`: the quoted parts must hold only letters,
    /// digits and spaces; what is outside only the engine's operators.
    fn only_quoted_words(out: &str, quote: char, operators: &str) {
        for (i, part) in out.split(quote).enumerate() {
            if i % 2 == 1 {
                assert!(
                    part.chars().all(|c| c.is_alphanumeric() || c == ' '),
                    "{out:?}"
                );
            } else {
                let bare = part.replace("AND", "").replace("OR", "").replace("NOT", "");
                assert!(bare.chars().all(|c| operators.contains(c)), "{out:?}");
            }
        }
    }

    #[test]
    fn nothing_of_the_engines_syntax_gets_through() {
        for input in [
            "\"unbalanced",
            "a\" OR \"b",
            "NEAR(a b) title:x ^y {z} col:*",
            "'; DROP TABLE comments; --",
            "!! & | <-> :* ( ) it's",
            "OR OR AND - x* -y*",
        ] {
            let q = Query::parse(input);
            only_quoted_words(&q.to_fts5(), '"', "()* ");
            only_quoted_words(&q.to_tsquery(), '\'', "()&|!<->:* ");
            let title = q.to_fts5_title();
            only_quoted_words(title.strip_prefix("{title} : ").unwrap(), '"', "()* ");
            only_quoted_words(&q.to_tsquery_title(), '\'', "()&|!<->:*A ");
        }
    }

    #[test]
    fn punctuation_joins_words_into_a_phrase() {
        let q = Query::parse("3.17 e-mail");
        assert_eq!(
            q.groups,
            vec![
                vec![Term::Phrase(vec!["3".into(), "17".into()])],
                vec![Term::Phrase(vec!["e".into(), "mail".into()])],
            ]
        );
    }

    #[test]
    fn only_a_minus_or_nothing_is_empty_with_a_note() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("  !!! ").is_empty());
        let q = Query::parse("-provisional");
        assert!(q.is_empty());
        assert_eq!(q.notes.len(), 1);
        assert!(Query::parse("a*").groups[0][0] == word("a"));
    }

    #[test]
    fn long_input_is_cut_with_a_note() {
        let input = "word ".repeat(2000);
        let q = Query::parse(&input);
        assert_eq!(q.groups.len(), MAX_TERMS);
        assert_eq!(q.notes.len(), 1);
        let long = "x".repeat(10_000);
        let q = Query::parse(&long);
        assert_eq!(q.marked_words()[0].0.len(), MAX_WORD);
    }
}
