//! Similarity: one combined, explained score per pair of recommendations,
//! from normalised tokens and shared entities.
//!
//! Each recommendation becomes a vector of weighted features: its content
//! words (Snowball stems, without stop words and the boilerplate every
//! recommendation shares, see [`tokenise`]), the two-word phrases they form,
//! and the gazetteer entities it names (aliases resolved, so `AI` and
//! `artificial intelligence` are one feature; words inside a mention are not
//! counted again as words). Weights are sublinear term frequency times
//! inverse document frequency within the agenda item, so a feature few
//! recommendations share weighs more; entities get a boost
//! ([`score::ENTITY_BOOST`]). The score of a pair is
//! `(1 - w) * cosine + w * order` where `order` is one minus the normalised
//! Levenshtein distance (strsim) between the two sequences of content words
//! and `w` is [`score::ORDER_WEIGHT`]. It is symmetric and in [0, 1]; its
//! lexical part is what words and word order bring, its entity part what
//! shared entities bring, and the two add up to the score.
//!
//! Two recommendations are linked when the score reaches [`LINK_THRESHOLD`].
//! Candidate pairs come from an inverted index ([`candidates`]) that
//! provably holds every pair able to reach the threshold, so no all-pairs
//! comparison is needed.

pub mod candidates;
pub mod score;
pub mod tokenise;

use crate::model::{EntityAnnotations, Link, Recommendation};
use candidates::PrefixIndex;
use rayon::prelude::*;
use score::{FeatureSpace, ORDER_WEIGHT};

/// Score from which two recommendations are linked in the theme graph.
pub const LINK_THRESHOLD: f64 = 0.1;

/// Most links kept per recommendation (its strongest ones; a link stays when
/// either end keeps it), so that graphs of huge corpora full of near
/// duplicates stay linear in size.
pub const MAX_LINKS_PER_RECOMMENDATION: usize = 30;

// The index bound needs the word-order part alone to be unable to link.
const _: () = assert!(ORDER_WEIGHT < LINK_THRESHOLD);

/// Scores between the recommendations of one set (normally one agenda item).
#[derive(Debug, Clone)]
pub struct Similarity {
    space: FeatureSpace,
    index: PrefixIndex,
}

/// A scored pair, by position in the set given to [`Similarity::new`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    pub a: usize,
    pub b: usize,
    pub score: f64,
}

impl Similarity {
    pub fn new(recommendations: &[&Recommendation], annotations: &EntityAnnotations) -> Self {
        let space = FeatureSpace::build(recommendations, annotations);
        let index = PrefixIndex::build(&space);
        Similarity { space, index }
    }

    pub fn space(&self) -> &FeatureSpace {
        &self.space
    }

    pub fn len(&self) -> usize {
        self.space.len()
    }

    pub fn is_empty(&self) -> bool {
        self.space.is_empty()
    }

    /// The combined score of any pair, candidate or not.
    pub fn score(&self, a: usize, b: usize) -> f64 {
        score::round(self.space.parts(a, b).total())
    }

    /// The score of any pair with its evidence.
    pub fn link(&self, a: usize, b: usize) -> Link {
        self.space.link(a, b)
    }

    /// Every pair `(a, b)`, `a < b`, the inverted index proposes.
    pub fn candidate_pairs(&self) -> Vec<(usize, usize)> {
        (0..self.len())
            .into_par_iter()
            .flat_map_iter(|a| {
                self.index
                    .candidates_of(&self.space, a)
                    .into_iter()
                    .filter(move |&b| b as usize > a)
                    .map(move |b| (a, b as usize))
            })
            .collect()
    }

    /// The links of the theme graph: pairs scoring at least
    /// [`LINK_THRESHOLD`], each recommendation keeping its
    /// [`MAX_LINKS_PER_RECOMMENDATION`] strongest. Sorted by `(a, b)`.
    pub fn links(&self) -> Vec<ScoredPair> {
        let mut pairs: Vec<ScoredPair> = (0..self.len())
            .into_par_iter()
            .flat_map_iter(|a| self.strongest_links_of(a))
            .collect();
        pairs.sort_by_key(|p| (p.a, p.b));
        pairs.dedup_by(|x, y| (x.a, x.b) == (y.a, y.b));
        pairs
    }

    fn strongest_links_of(&self, a: usize) -> Vec<ScoredPair> {
        let mut scored: Vec<(f64, usize)> = self
            .index
            .candidates_of(&self.space, a)
            .into_iter()
            .filter_map(|b| {
                let b = b as usize;
                // Skip the word-order part when even a perfect one could
                // not lift the pair to the threshold.
                let (words, entities) = self.space.dot_parts(a, b);
                let best = (1.0 - ORDER_WEIGHT) * (words + entities) + ORDER_WEIGHT;
                if best < LINK_THRESHOLD {
                    return None;
                }
                let s = self.score(a, b);
                (s >= LINK_THRESHOLD).then_some((s, b))
            })
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        scored.truncate(MAX_LINKS_PER_RECOMMENDATION);
        scored
            .into_iter()
            .map(|(score, b)| ScoredPair {
                a: a.min(b),
                b: a.max(b),
                score,
            })
            .collect()
    }

    /// Every pair scoring at least [`LINK_THRESHOLD`], by comparing all
    /// pairs. Quadratic: for tests and small sets only.
    pub fn exact_links(&self) -> Vec<ScoredPair> {
        let n = self.len();
        (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .map(|(a, b)| ScoredPair {
                a,
                b,
                score: self.score(a, b),
            })
            .filter(|p| p.score >= LINK_THRESHOLD)
            .collect()
    }
}
