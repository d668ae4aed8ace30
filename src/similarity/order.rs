//! Word-order similarity: one minus the normalised Levenshtein distance
//! between two sequences of content words.
//!
//! `strsim::generic_levenshtein` defines the distance. It fills a row of
//! the dynamic-programming table per word, and it is the costliest part of
//! scoring a pair, computed for millions of pairs in large corpora; so
//! sequences of up to 64 words (nearly all recommendations) take the
//! bit-parallel algorithm of Myers (1999) in Hyyrö's formulation, which
//! computes the same distance one word per step, 64 table cells at once.
//! A property test checks both agree.

/// Levenshtein distance between two word sequences.
pub fn word_distance(a: &[u32], b: &[u32]) -> usize {
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match Pattern::new(pattern) {
        Some(p) => p.distance(text),
        None => strsim::generic_levenshtein(&a.to_vec(), &b.to_vec()),
    }
}

/// One minus the distance over the longer length, in [0, 1]; 0 for two
/// empty sequences.
pub fn order_similarity(a: &[u32], b: &[u32]) -> f64 {
    similarity_from_distance(a.len(), b.len(), word_distance(a, b))
}

fn similarity_from_distance(a: usize, b: usize, distance: usize) -> f64 {
    let longest = a.max(b);
    if longest == 0 {
        return 0.0;
    }
    1.0 - distance as f64 / longest as f64
}

/// One sequence prepared for comparison with many others (the
/// recommendation whose links are being chosen): where each of its words
/// occurs, as a bit mask per distinct word, sorted by word.
#[derive(Debug, Clone)]
pub struct Pattern {
    occurs: Vec<(u32, u64)>,
    len: usize,
}

impl Pattern {
    /// `None` for sequences longer than 64 words (one machine word of rows).
    pub fn new(words: &[u32]) -> Option<Pattern> {
        if words.len() > 64 {
            return None;
        }
        let mut occurs: Vec<(u32, u64)> = Vec::with_capacity(words.len());
        for (i, &word) in words.iter().enumerate() {
            match occurs.iter_mut().find(|(w, _)| *w == word) {
                Some((_, mask)) => *mask |= 1 << i,
                None => occurs.push((word, 1 << i)),
            }
        }
        occurs.sort_unstable_by_key(|&(w, _)| w);
        Some(Pattern {
            occurs,
            len: words.len(),
        })
    }

    /// Word-order similarity with `text` (see [`order_similarity`]).
    pub fn similarity(&self, text: &[u32]) -> f64 {
        similarity_from_distance(self.len, text.len(), self.distance(text))
    }

    /// Myers' algorithm: bit `i` of each vector stands for row `i` of the
    /// current column of the dynamic-programming table.
    pub fn distance(&self, text: &[u32]) -> usize {
        let m = self.len;
        if m == 0 {
            return text.len();
        }
        let mask_of = |word: u32| {
            self.occurs
                .binary_search_by_key(&word, |&(w, _)| w)
                .map_or(0, |i| self.occurs[i].1)
        };
        let last = 1u64 << (m - 1);
        // Vertical deltas of +1 and -1 between consecutive rows.
        let (mut plus, mut minus) = (u64::MAX, 0u64);
        let mut distance = m;
        for &word in text {
            let matches = mask_of(word);
            let diagonal = (((matches & plus).wrapping_add(plus)) ^ plus) | matches | minus;
            let horizontal_plus = minus | !(diagonal | plus);
            let horizontal_minus = diagonal & plus;
            if horizontal_plus & last != 0 {
                distance += 1;
            }
            if horizontal_minus & last != 0 {
                distance -= 1;
            }
            // Row 0 of every column is one more than the last: a +1 shifted in.
            let horizontal_plus = (horizontal_plus << 1) | 1;
            let horizontal_minus = horizontal_minus << 1;
            plus = horizontal_minus | !(diagonal | horizontal_plus);
            minus = horizontal_plus & diagonal;
        }
        distance
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn agrees_with_strsim(
            a in proptest::collection::vec(0u32..6, 0..80),
            b in proptest::collection::vec(0u32..6, 0..80),
        ) {
            let expected = strsim::generic_levenshtein(&a, &b);
            prop_assert_eq!(word_distance(&a, &b), expected);
            // A prepared pattern may be the longer of the two.
            if let Some(p) = Pattern::new(&a) {
                prop_assert_eq!(p.distance(&b), expected);
            }
        }
    }

    #[test]
    fn known_distances() {
        assert_eq!(word_distance(&[], &[1, 2]), 2);
        assert_eq!(word_distance(&[1, 2, 3], &[1, 2, 3]), 0);
        assert_eq!(word_distance(&[1, 2, 3], &[3, 2, 1]), 2);
        assert_eq!(word_distance(&[1, 2, 3, 4], &[2, 3, 4, 5]), 2);
        let long: Vec<u32> = (0..70).collect();
        let shifted: Vec<u32> = (1..71).collect();
        assert_eq!(word_distance(&long, &shifted), 2);
        assert_eq!(order_similarity(&[1, 2], &[1, 3]), 0.5);
    }
}
