//! Aligning the clauses of two versions by key.
//!
//! A clause is the same clause in both versions when it has the same key.
//! Clauses are listed in the order of the new version, and removed clauses
//! are placed where they stood: right after the closest clause before them
//! in the old version that kept its place.
//!
//! A clause is *moved* only when its relative order changed. Clauses that
//! merely shifted because others were added or removed are not moved: the
//! common clauses along a longest increasing subsequence of their old
//! positions (taken in new order) kept their order; the others moved. Keys
//! are unique within a version; should a key repeat anyway, its first
//! occurrence is matched and the others count as added or removed.

use std::collections::HashMap;

/// Which version(s) a clause is in, by index into each version's clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// Only in the old version: removed.
    Old(usize),
    /// Only in the new version: added.
    New(usize),
    /// In both.
    Both(usize, usize),
}

/// One clause of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aligned {
    pub pair: Pair,
    /// In both versions, and not on the longest run that kept its order.
    pub moved: bool,
}

/// Align two lists of keys. The result lists every index of both lists
/// exactly once, in the order described in the module documentation.
pub fn align(old: &[&str], new: &[&str]) -> Vec<Aligned> {
    let mut old_index: HashMap<&str, usize> = HashMap::with_capacity(old.len());
    for (i, key) in old.iter().enumerate() {
        old_index.entry(key).or_insert(i);
    }
    // For each new clause, the old clause it matches.
    let mut used = vec![false; old.len()];
    let mut match_of_new: Vec<Option<usize>> = Vec::with_capacity(new.len());
    for key in new {
        let m = old_index.get(key).copied().filter(|&i| !used[i]);
        if let Some(i) = m {
            used[i] = true;
        }
        match_of_new.push(m);
    }

    // Common clauses in new order, by old index; the LIS kept its order.
    let common: Vec<usize> = match_of_new.iter().flatten().copied().collect();
    let mut stable_old = vec![false; old.len()];
    for k in longest_increasing(&common) {
        stable_old[common[k]] = true;
    }

    // Removed clauses, grouped under the closest earlier stable clause.
    let mut at_start: Vec<usize> = Vec::new();
    let mut after: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut anchor: Option<usize> = None;
    for i in 0..old.len() {
        if used[i] {
            if stable_old[i] {
                anchor = Some(i);
            }
        } else {
            match anchor {
                Some(a) => after.entry(a).or_default().push(i),
                None => at_start.push(i),
            }
        }
    }

    let mut out = Vec::with_capacity(old.len() + new.len());
    let removed = |i: usize| Aligned {
        pair: Pair::Old(i),
        moved: false,
    };
    out.extend(at_start.into_iter().map(removed));
    for (j, m) in match_of_new.into_iter().enumerate() {
        match m {
            Some(i) => {
                out.push(Aligned {
                    pair: Pair::Both(i, j),
                    moved: !stable_old[i],
                });
                if let Some(list) = after.remove(&i) {
                    out.extend(list.into_iter().map(removed));
                }
            }
            None => out.push(Aligned {
                pair: Pair::New(j),
                moved: false,
            }),
        }
    }
    out
}

/// Positions (into `seq`) of one longest strictly increasing subsequence,
/// in order. Patience sorting, O(n log n); on ties the earliest-ending run
/// wins, so the result is deterministic.
pub fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    // tails[l] = position in seq of the smallest tail of a run of length l+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (p, &x) in seq.iter().enumerate() {
        let l = tails.partition_point(|&t| seq[t] < x);
        if l > 0 {
            prev[p] = Some(tails[l - 1]);
        }
        if l == tails.len() {
            tails.push(p);
        } else {
            tails[l] = p;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(p) = cur {
        out.push(p);
        cur = prev[p];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis_finds_a_longest_run() {
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), vec![1, 2, 3]);
        assert_eq!(longest_increasing(&[0, 1, 2]), vec![0, 1, 2]);
        assert_eq!(longest_increasing(&[2, 1, 0]).len(), 1);
    }

    #[test]
    fn removed_clauses_stay_where_they_stood() {
        let a = align(&["a", "b", "c"], &["a", "c", "d"]);
        let pairs: Vec<Pair> = a.iter().map(|x| x.pair).collect();
        assert_eq!(
            pairs,
            vec![
                Pair::Both(0, 0),
                Pair::Old(1),
                Pair::Both(2, 1),
                Pair::New(2)
            ]
        );
        assert!(a.iter().all(|x| !x.moved));
    }
}
