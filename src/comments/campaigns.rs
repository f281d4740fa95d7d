//! Campaigns: near-duplicate comments, found so editors can read and
//! decide them together.
//!
//! Two comments are near-duplicates when the Jaccard similarity of their
//! word-bigram sets is at least [`THRESHOLD`] (the same text give or take
//! a few words, ignoring case and punctuation). Groups are the connected
//! components of that relation (union-find), so a chain of small edits
//! stays one campaign. Grouping only ever adds a label: every member is
//! still listed, counted and decided on its own row.

use std::collections::HashSet;

/// Lowest similarity at which two comments are grouped.
pub const THRESHOLD: f64 = 0.8;

/// The words of a text, lowercased, without punctuation.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The word bigrams of a text (a single word is its own shingle).
pub fn shingles(text: &str) -> HashSet<String> {
    let w = words(text);
    if w.len() < 2 {
        return w.into_iter().collect();
    }
    w.windows(2).map(|p| format!("{} {}", p[0], p[1])).collect()
}

/// |A ∩ B| / |A ∪ B|; two empty sets are not similar.
pub fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let common = small.iter().filter(|s| large.contains(*s)).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The lower index wins, so results do not depend on pair order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// Groups of two or more near-duplicate texts, as the ids given with them.
/// Each group's ids are in ascending order, and groups are ordered by their
/// lowest id.
pub fn group(items: &[(i32, &str)]) -> Vec<Vec<i32>> {
    let sets: Vec<HashSet<String>> = items.iter().map(|(_, t)| shingles(t)).collect();
    // By size, so the size prefilter can stop early: |A|/|B| < THRESHOLD
    // already rules out a Jaccard of THRESHOLD or more.
    let mut order: Vec<usize> = (0..items.len()).filter(|&i| !sets[i].is_empty()).collect();
    order.sort_by_key(|&i| sets[i].len());
    let mut uf = UnionFind::new(items.len());
    for (pos, &i) in order.iter().enumerate() {
        for &j in &order[pos + 1..] {
            if (sets[i].len() as f64) < THRESHOLD * sets[j].len() as f64 {
                break;
            }
            if uf.find(i) != uf.find(j) && jaccard(&sets[i], &sets[j]) >= THRESHOLD {
                uf.union(i, j);
            }
        }
    }
    let mut groups: Vec<Vec<i32>> = Vec::new();
    let mut root_of: Vec<Option<usize>> = vec![None; items.len()];
    for (i, (id, _)) in items.iter().enumerate() {
        let r = uf.find(i);
        match root_of[r] {
            Some(g) => groups[g].push(*id),
            None => {
                root_of[r] = Some(groups.len());
                groups.push(vec![*id]);
            }
        }
    }
    let mut out: Vec<Vec<i32>> = groups.into_iter().filter(|g| g.len() > 1).collect();
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LETTER: &str = "Please require two signatures at every hand-off of ballots. \
        A single signature is not enough to prove the chain of custody was kept, \
        and counties already have two people present at each transfer.";

    #[test]
    fn the_same_text_give_or_take_a_few_words_is_one_group() {
        let edited = LETTER
            .replace("Please require", "Please do require")
            .replace("already", "usually");
        let shouted = LETTER.to_uppercase();
        let items = vec![
            (3, LETTER),
            (
                7,
                "The seal log should be kept for 22 months, as federal law requires.",
            ),
            (9, edited.as_str()),
            (12, shouted.as_str()),
        ];
        assert_eq!(group(&items), vec![vec![3, 9, 12]]);
    }

    #[test]
    fn different_comments_are_not_grouped() {
        let items = vec![
            (1, "Two signatures should be required at every hand-off."),
            (2, "Seals must be numbered and recorded in the log."),
            (3, "Storage rooms need two keys held by different people."),
            (4, ""),
            (5, "!!!"),
        ];
        assert!(group(&items).is_empty());
    }

    #[test]
    fn a_chain_of_small_edits_stays_one_group_and_order_does_not_matter() {
        let base: Vec<String> = (1..=30).map(|i| format!("word{i}")).collect();
        let a = base.join(" ");
        let mut words_b = base.clone();
        words_b[29] = "changed".to_string();
        let b = words_b.join(" ");
        let mut words_c = words_b.clone();
        words_c[9] = "other".to_string();
        words_c[10] = "words".to_string();
        let c = words_c.join(" ");
        // a and c are too far apart on their own; b links them.
        assert!(jaccard(&shingles(&a), &shingles(&c)) < THRESHOLD);
        let (a, b, c) = (a.as_str(), b.as_str(), c.as_str());
        let forward = group(&[(1, a), (2, b), (3, c)]);
        let backward = group(&[(3, c), (2, b), (1, a)]);
        assert_eq!(forward, vec![vec![1, 2, 3]]);
        assert_eq!(forward, backward);
    }

    #[test]
    fn the_size_prefilter_keeps_short_texts_from_matching_long_ones() {
        let long = format!("{LETTER} {LETTER} And more words follow here, many of them.");
        let items = vec![(1, LETTER), (2, long.as_str())];
        let a = shingles(LETTER);
        let b = shingles(&long);
        assert!(jaccard(&a, &b) < THRESHOLD);
        assert!(group(&items).is_empty());
    }

    #[test]
    fn jaccard_is_one_for_equal_sets_and_zero_for_empty_ones() {
        let a = shingles("Ballots shall be logged.");
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(jaccard(&a, &HashSet::new()), 0.0);
        assert_eq!(words("Hand-off, ballots!"), ["hand", "off", "ballots"]);
    }
}
