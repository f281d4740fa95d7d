//! The few lines of a search hit shown under its title, with the words
//! searched for marked. Made here rather than by either engine, so both
//! give the same snippet and every character of the document is escaped
//! before a `<mark>` is added: a comment that contains `<script>` shows
//! it as text.

use crate::standard::markdown::escape;

/// About how many characters a snippet holds.
pub const LENGTH: usize = 240;

/// How far before the first marked word a snippet starts.
const LEAD: usize = 60;

/// A crude English stem, enough to mark "recruiting" for `recruits`: the
/// engines stem properly when they match; this only decides what to mark.
fn stem(word: &str) -> &str {
    for suffix in [
        "ations", "ation", "ings", "ing", "ies", "ed", "es", "ly", "s",
    ] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                return stem;
            }
        }
    }
    word
}

/// Words too common to mark on their own (the engines skip or discount
/// them too): "of" in "chain of custody" is not worth a highlight.
const COMMON: [&str; 20] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
    "or", "that", "the", "to", "with",
];

/// The words worth marking: all but the common ones, unless that is all
/// there is.
fn worth_marking(wanted: &[(String, bool)]) -> Vec<(String, bool)> {
    let kept: Vec<(String, bool)> = wanted
        .iter()
        .filter(|(w, prefix)| *prefix || !COMMON.contains(&w.as_str()))
        .cloned()
        .collect();
    if kept.is_empty() {
        wanted.to_vec()
    } else {
        kept
    }
}

/// Whether a word of the document (lower-cased) is one searched for.
fn marks(word: &str, wanted: &[(String, bool)]) -> bool {
    wanted.iter().any(|(w, prefix)| {
        word == w || (*prefix && word.starts_with(w.as_str())) || stem(word) == stem(w)
    })
}

/// The words of `text` with their byte ranges.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

/// The largest char boundary of `text` at or below `at`.
fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A snippet of `text` as HTML: about [`LENGTH`] characters around the
/// first word searched for (or from the start when none is in the text),
/// whitespace folded, everything escaped, the words searched for in
/// `<mark>`, and an ellipsis where text was cut.
pub fn snippet(text: &str, wanted: &[(String, bool)]) -> String {
    let wanted = &worth_marking(wanted);
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = words(&text).find(|&(s, e)| marks(&text[s..e].to_lowercase(), wanted));
    let mut start = match first {
        Some((s, _)) if s > LEAD => floor(&text, s - LEAD),
        _ => 0,
    };
    // Start at a word, not inside one.
    if start > 0 {
        if let Some(space) = text[start..].find(' ') {
            start += space + 1;
        }
    }
    let mut end = floor(&text, start + LENGTH);
    if end < text.len() {
        if let Some(space) = text[..end].rfind(' ').filter(|&i| i > start) {
            end = space;
        }
    }
    let window = &text[start..end];
    let mut html = String::with_capacity(window.len() + 64);
    if start > 0 {
        html.push('…');
    }
    let mut done = 0;
    for (s, e) in words(window) {
        if marks(&window[s..e].to_lowercase(), wanted) {
            html.push_str(&escape(&window[done..s]));
            html.push_str("<mark>");
            html.push_str(&escape(&window[s..e]));
            html.push_str("</mark>");
            done = e;
        }
    }
    html.push_str(&escape(&window[done..]));
    if end < text.len() {
        html.push('…');
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(words: &[(&str, bool)]) -> Vec<(String, bool)> {
        words.iter().map(|(w, p)| (w.to_string(), *p)).collect()
    }

    #[test]
    fn marks_words_prefixes_and_stems() {
        let s = snippet(
            "Counties recruit poll workers; recruiting starts early.",
            &wanted(&[("recruits", false), ("poll", false)]),
        );
        assert_eq!(
            s,
            "Counties <mark>recruit</mark> <mark>poll</mark> workers; <mark>recruiting</mark> starts early."
        );
        let s = snippet("Provisional ballots", &wanted(&[("prov", true)]));
        assert_eq!(s, "<mark>Provisional</mark> ballots");
    }

    #[test]
    fn common_words_are_not_marked_alone() {
        let w = wanted(&[("chain", false), ("of", false), ("custody", false)]);
        let s = snippet("One of two. The chain of custody form.", &w);
        assert_eq!(
            s,
            "One of two. The <mark>chain</mark> of <mark>custody</mark> form."
        );
        let s = snippet("The end of it.", &wanted(&[("of", false)]));
        assert_eq!(s, "The end <mark>of</mark> it.");
    }

    #[test]
    fn escapes_everything() {
        let s = snippet(
            "<script>alert('x')</script> about ballots & more",
            &wanted(&[("ballots", false), ("script", false)]),
        );
        assert!(!s.contains("<script>"), "{s}");
        assert!(s.contains("&lt;<mark>script</mark>&gt;"), "{s}");
        assert!(s.contains("&amp;"), "{s}");
    }

    #[test]
    fn cuts_around_the_first_match_at_word_and_char_boundaries() {
        let text = format!("{} target {}", "é word ".repeat(100), "tail ".repeat(100));
        let s = snippet(&text, &wanted(&[("target", false)]));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>target</mark>"));
        assert!(s.chars().count() <= LENGTH + 40, "{}", s.chars().count());
        let plain = snippet("short text", &wanted(&[("absent", false)]));
        assert_eq!(plain, "short text");
    }
}
