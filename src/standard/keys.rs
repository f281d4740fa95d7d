//! Settling clause keys.
//!
//! A key is how comments and the redline follow a clause from one version
//! to the next, so it must not change when a heading is renumbered or
//! lightly reworded. In order of precedence:
//!
//! 1. an explicit `{#key}` heading attribute;
//! 2. the key of the previous version's clause with the same heading words
//!    (case and spacing ignored), if that key is not taken in this version;
//! 3. the key of the previous version's clause whose body is most similar,
//!    if the similarity is at least [`BODY_SIMILARITY_THRESHOLD`];
//! 4. a new key made from the heading words (`recruiting-poll-workers`),
//!    with `-2`, `-3`… added if that is already taken.
//!
//! Similarity is the Dice coefficient of the two bodies' word multisets
//! (twice the shared words over the total words): cheap, linear, and
//! insensitive to re-wrapping. 0.6 keeps a clause whose heading and a few
//! words changed, and rejects unrelated clauses that share stock phrases
//! ("the election office shall…").

use std::borrow::Cow;
use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::clause::{Clause, RawClause};
use super::markdown;

/// Minimum body similarity (0–1) for a clause to inherit a key by body.
pub const BODY_SIMILARITY_THRESHOLD: f64 = 0.6;

/// Longest key made from a heading.
const MAX_SLUG_LEN: usize = 60;

/// `[a-z0-9][a-z0-9-]*`
pub fn is_valid_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && key.len() <= 100
}

/// A key made from heading words: lowercase ASCII letters and digits, other
/// runs of characters become one hyphen.
pub fn slugify(heading: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in heading.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
            if out.len() >= MAX_SLUG_LEN {
                break;
            }
        } else {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("clause");
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        other => other,
    }
}

fn normalise_heading(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    for word in h.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// The words of some texts, lowercased, each given a number once, so that
/// a text's words become a sorted list of (number, count) pairs and two
/// texts compare by merging their lists, with no hashing.
#[derive(Default)]
struct Vocabulary<'a> {
    ids: FxHashMap<Cow<'a, str>, u32>,
}

/// A text's words as (word number, count), sorted by number.
struct Bag {
    counts: Vec<(u32, u32)>,
    total: u32,
}

impl<'a> Vocabulary<'a> {
    fn bag(&mut self, text: &'a str) -> Bag {
        let mut ids: Vec<u32> = Vec::new();
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let word: Cow<'a, str> = if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
                Cow::Owned(word.to_lowercase())
            } else {
                Cow::Borrowed(word)
            };
            let next = self.ids.len() as u32;
            ids.push(*self.ids.entry(word).or_insert(next));
        }
        ids.sort_unstable();
        let total = ids.len() as u32;
        let mut counts: Vec<(u32, u32)> = Vec::new();
        for id in ids {
            match counts.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => counts.push((id, 1)),
            }
        }
        Bag { counts, total }
    }
}

/// Dice coefficient of two word multisets (bags of one vocabulary), 0–1.
fn dice(a: &Bag, b: &Bag) -> f64 {
    let total = a.total + b.total;
    if total == 0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0u32);
    while let (Some(&(x, m)), Some(&(y, n))) = (a.counts.get(i), b.counts.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += m.min(n);
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * f64::from(shared) / f64::from(total)
}

/// The highest Dice coefficient bags of these sizes can reach (all of the
/// smaller shared), to skip pairs that cannot reach the threshold.
fn dice_bound(a: &Bag, b: &Bag) -> f64 {
    let total = a.total + b.total;
    if total == 0 {
        return 0.0;
    }
    2.0 * f64::from(a.total.min(b.total)) / f64::from(total)
}

/// Dice coefficient of two texts' word multisets (twice the shared words
/// over all words), 0–1.
pub fn similarity(a: &str, b: &str) -> f64 {
    let mut words = Vocabulary::default();
    let (a, b) = (words.bag(a), words.bag(b));
    dice(&a, &b)
}

/// Give every clause its key and render its body (unless rendered already). Errors carry the line of
/// the offending heading.
pub fn assign(
    raw: Vec<RawClause>,
    previous: Option<&[Clause]>,
) -> Result<Vec<Clause>, (usize, String)> {
    let mut taken: FxHashMap<String, usize> = FxHashMap::default();
    for c in &raw {
        if let Some(key) = &c.explicit_key {
            if let Some(first) = taken.insert(key.clone(), c.line) {
                return Err((
                    c.line,
                    crate::i18n::t2("drafting-duplicate-key", "key", key.as_str(), "line", first),
                ));
            }
        }
    }

    let mut keys: Vec<Option<String>> = raw.iter().map(|c| c.explicit_key.clone()).collect();
    let prev = previous.unwrap_or(&[]);

    // 2. Same heading words.
    if !prev.is_empty() {
        let mut by_heading: FxHashMap<String, &str> = FxHashMap::default();
        for p in prev {
            by_heading
                .entry(normalise_heading(&p.heading))
                .or_insert(&p.key);
        }
        for (i, c) in raw.iter().enumerate() {
            if keys[i].is_some() {
                continue;
            }
            if let Some(key) = by_heading.get(&normalise_heading(&c.heading)) {
                if !taken.contains_key(*key) {
                    taken.insert(key.to_string(), c.line);
                    keys[i] = Some(key.to_string());
                }
            }
        }
    }

    // 3. Most similar body among previous clauses whose key is still free.
    let unkeyed: Vec<usize> = (0..raw.len()).filter(|&i| keys[i].is_none()).collect();
    if !prev.is_empty() && !unkeyed.is_empty() {
        // Only clauses whose key is still free can be matched: skip the
        // others' bags, which for a large standard are nearly all of them.
        let mut words = Vocabulary::default();
        let prev_bags: Vec<Option<Bag>> = prev
            .iter()
            .map(|p| (!taken.contains_key(&p.key)).then(|| words.bag(&p.body_md)))
            .collect();
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for &i in &unkeyed {
            let bag = words.bag(&raw[i].body_md);
            // `taken` does not change in this loop: a clause has a bag
            // exactly when its key is free.
            for (j, prev_bag) in prev_bags.iter().enumerate() {
                let Some(prev_bag) = prev_bag else {
                    continue;
                };
                if dice_bound(&bag, prev_bag) < BODY_SIMILARITY_THRESHOLD {
                    continue;
                }
                let score = dice(&bag, prev_bag);
                if score >= BODY_SIMILARITY_THRESHOLD {
                    candidates.push((score, i, j));
                }
            }
        }
        // Best pairs first, so two new clauses never share one old key.
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut used_new = HashSet::new();
        for (_, i, j) in candidates {
            if keys[i].is_some() || used_new.contains(&i) || taken.contains_key(&prev[j].key) {
                continue;
            }
            taken.insert(prev[j].key.clone(), raw[i].line);
            keys[i] = Some(prev[j].key.clone());
            used_new.insert(i);
        }
    }

    // 4. New keys from headings.
    for (i, c) in raw.iter().enumerate() {
        if keys[i].is_some() {
            continue;
        }
        let base = slugify(&c.heading);
        let mut key = base.clone();
        let mut n = 2;
        while taken.contains_key(&key) {
            key = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(key.clone(), c.line);
        keys[i] = Some(key);
    }

    // Parents: the nearest earlier clause of a lower level.
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut out = Vec::with_capacity(raw.len());
    for (c, key) in raw.into_iter().zip(keys) {
        let key = key.unwrap_or_default();
        while stack.last().is_some_and(|(level, _)| *level >= c.level) {
            stack.pop();
        }
        let parent_key = stack.last().map(|(_, k)| k.clone());
        stack.push((c.level, key.clone()));
        out.push(Clause {
            html: c.html.unwrap_or_else(|| markdown::render_html(&c.body_md)),
            key,
            number: c.number,
            heading: c.heading,
            level: c.level,
            body_md: c.body_md,
            parent_key,
            line: c.line,
        });
    }
    Ok(out)
}
