//! Candidate pairs without comparing all pairs: an inverted index over the
//! rarest features of each recommendation ("prefix filtering").
//!
//! Why it finds every pair that can link: feature vectors have unit norm, so
//! the part of a vector left out of the index, with norm `r`, adds at most
//! `r` to a dot product with any other vector (Cauchy-Schwarz). Each vector
//! indexes its features from the rarest up until what is left has norm below
//! [`min_cosine`], the cosine any linked pair must reach. So a pair whose
//! cosine reaches it shares at least one indexed feature of each side, and
//! probing the index with all of one side's features finds it. Very common
//! features are usually left out (they carry little weight after IDF), which
//! keeps posting lists short.

use super::score::{FeatureSpace, ORDER_WEIGHT};
use super::LINK_THRESHOLD;

/// The smallest feature cosine a pair needs to reach [`LINK_THRESHOLD`]
/// even with identical word order.
pub fn min_cosine() -> f64 {
    (LINK_THRESHOLD - ORDER_WEIGHT) / (1.0 - ORDER_WEIGHT)
}

/// Recommendations whose indexed prefix holds each feature.
#[derive(Debug, Clone, Default)]
pub struct PrefixIndex {
    postings: Vec<Vec<u32>>,
}

impl PrefixIndex {
    pub fn build(space: &FeatureSpace) -> Self {
        // Rarest first; ties by id so the index does not depend on hashing.
        let rank = |id: u32| (space.features[id as usize].document_frequency, id);
        let bound = min_cosine() - 1e-9;
        let mut postings = vec![Vec::new(); space.features.len()];
        for (doc, profile) in space.profiles.iter().enumerate() {
            let mut features = profile.vector.clone();
            features.sort_by_key(|&(id, _)| rank(id));
            let mut left_sq: f64 = features.iter().map(|(_, w)| w * w).sum();
            for (id, w) in features {
                if left_sq.max(0.0).sqrt() < bound {
                    break;
                }
                postings[id as usize].push(doc as u32);
                left_sq -= w * w;
            }
        }
        PrefixIndex { postings }
    }

    /// Every other recommendation sharing a feature with `doc`'s features
    /// in its indexed prefix, sorted.
    pub fn candidates_of(&self, space: &FeatureSpace, doc: usize) -> Vec<u32> {
        let mut found: Vec<u32> = space.profiles[doc]
            .vector
            .iter()
            .flat_map(|&(id, _)| self.postings[id as usize].iter().copied())
            .filter(|&other| other as usize != doc)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}
