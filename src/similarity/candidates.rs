//! Candidate pairs without comparing all pairs: an inverted index from each
//! feature to the recommendations holding it, with their weights.
//!
//! Probing the index with one recommendation's features accumulates its
//! feature cosine with every recommendation that shares a feature, touching
//! only those. Why it finds every pair that can link: the word-order part of
//! a score is at most [`ORDER_WEIGHT`](super::score::ORDER_WEIGHT), below
//! [`LINK_THRESHOLD`](super::LINK_THRESHOLD), so a
//! linked pair shares at least one feature, and every feature is indexed.
//!
//! Features are probed rarest first. In very large corpora full of near
//! duplicates, the most common features can have posting lists of tens of
//! thousands; a probe stops adding postings once it has visited
//! [`MAX_POSTINGS_VISITED`] of them, skipping only the most common features
//! (those that weigh least after IDF), which keeps the cost per
//! recommendation bounded. Below that size (a few thousand recommendations
//! per agenda item) candidate generation is exact.

use super::score::FeatureSpace;
use super::twins::Twins;

/// Postings a probe visits at most before skipping the remaining, most
/// common, features.
pub const MAX_POSTINGS_VISITED: usize = 8_192;

/// Feature id -> (group of twins, weight) for every group holding it: twins
/// (see [`Twins`]) score alike, so the index holds each group once and
/// probes are by group.
#[derive(Debug, Clone, Default)]
pub struct FeatureIndex {
    postings: Vec<Vec<(u32, f32)>>,
    /// Each group's features, rarest first.
    probe_order: Vec<Vec<(u32, f64)>>,
}

/// Reusable buffers of one probing thread.
#[derive(Debug, Clone)]
pub struct Accumulator {
    /// Per group reached: the partial dot product, and the squared
    /// norm of its own weights on the features probed (which bounds what
    /// the features not probed can add, see [`Reached`]).
    sums: Vec<(f64, f64)>,
    touched: Vec<u32>,
    /// Scratch space for [`Accumulator::kth_largest`].
    scratch: Vec<f64>,
}

impl Accumulator {
    pub fn new(n: usize) -> Self {
        Accumulator {
            sums: vec![(0.0, 0.0); n],
            touched: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Runs `f` with this thread's accumulator, sized for `n`
    /// groups (allocated once per thread, not per probe).
    pub fn with<T>(n: usize, f: impl FnOnce(&mut Accumulator) -> T) -> T {
        thread_local! {
            static ACCUMULATOR: std::cell::RefCell<Accumulator> =
                std::cell::RefCell::new(Accumulator::new(0));
        }
        ACCUMULATOR.with(|cell| {
            let mut acc = cell.borrow_mut();
            if acc.sums.len() < n {
                acc.sums.resize(n, (0.0, 0.0));
            }
            f(&mut acc)
        })
    }
}

/// A group of twins a probe reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reached {
    pub other: u32,
    /// The part of the dot product over the features probed.
    pub dot: f64,
    /// Squared norm of `other`'s weights on the features probed.
    pub probed_sq: f64,
}

impl Reached {
    /// Upper bound of the whole dot product, when the features the probe
    /// skipped have norm `skipped` in the probing vector: those features'
    /// weights in `other` have norm at most `sqrt(1 - probed_sq)` (unit
    /// vectors), so by Cauchy–Schwarz they add at most the product. The
    /// slack covers the index's f32 weights.
    pub fn upper_dot(&self, skipped: f64) -> f64 {
        if skipped == 0.0 {
            return self.dot;
        }
        self.dot + skipped * (1.0 - self.probed_sq + 1e-5).max(0.0).sqrt()
    }
}

impl Accumulator {
    /// The `k`-th largest sum reached so far (`k` ≥ 1, at most as many as
    /// were reached).
    fn kth_largest(&mut self, k: usize) -> f64 {
        self.scratch.clear();
        self.scratch
            .extend(self.touched.iter().map(|&o| self.sums[o as usize].0));
        let (_, kth, _) = self
            .scratch
            .select_nth_unstable_by(k - 1, |x, y| y.total_cmp(x));
        *kth
    }
}

impl FeatureIndex {
    pub fn build(space: &FeatureSpace, twins: &Twins) -> Self {
        let profiles = || (0..twins.len()).map(|g| space.profile(twins.first(g)));
        let mut postings = vec![Vec::new(); space.features.len()];
        for (group, profile) in profiles().enumerate() {
            for &(id, w) in &profile.vector {
                postings[id as usize].push((group as u32, w as f32));
            }
        }
        let probe_order = profiles()
            .map(|p| {
                let mut features = p.vector.clone();
                features
                    .sort_by_key(|&(id, _)| (space.features[id as usize].document_frequency, id));
                features
            })
            .collect();
        FeatureIndex {
            postings,
            probe_order,
        }
    }

    /// Other groups of twins sharing a feature with `group`, with the part of
    /// the feature cosine the probe accumulated, in no particular order;
    /// and the norm of the features it skipped (0 when it stayed within its
    /// budget), which bounds what the rest of the cosine can add.
    pub fn probe(&self, group: usize, acc: &mut Accumulator) -> (Vec<Reached>, f64) {
        self.probe_until(group, acc, None)
    }

    /// As [`FeatureIndex::probe`], but only for the `keep` nearest: the
    /// probe stops once `keep` groups already have a partial
    /// cosine above `margin` plus the norm of the features not yet probed.
    /// A group the probe never reached shares only those features,
    /// so its cosine is at most that norm (Cauchy–Schwarz, unit vectors):
    /// it cannot be among the `keep` nearest, and the common features,
    /// whose postings are the longest, are not visited at all.
    pub fn probe_nearest(
        &self,
        group: usize,
        acc: &mut Accumulator,
        keep: usize,
        margin: f64,
    ) -> (Vec<Reached>, f64) {
        self.probe_until(group, acc, Some((keep, margin)))
    }

    fn probe_until(
        &self,
        group: usize,
        acc: &mut Accumulator,
        nearest: Option<(usize, f64)>,
    ) -> (Vec<Reached>, f64) {
        let mut visited = 0;
        let mut skipped_sq = 0.0;
        // Squared norm of the features not probed yet (vectors are unit).
        let mut remaining_sq: f64 = self.probe_order[group].iter().map(|(_, w)| w * w).sum();
        for &(id, w) in &self.probe_order[group] {
            let list = &self.postings[id as usize];
            let skipping = skipped_sq > 0.0
                || (visited > 0 && visited + list.len() > MAX_POSTINGS_VISITED)
                || nearest.is_some_and(|(keep, margin)| {
                    // The check costs one pass over those reached so far:
                    // worth it only before a list at least as long.
                    acc.touched.len() >= keep
                        && list.len() >= acc.touched.len()
                        && acc.kth_largest(keep) > remaining_sq.max(0.0).sqrt() + margin
                });
            remaining_sq -= w * w;
            if skipping {
                skipped_sq += w * w;
                continue;
            }
            visited += list.len();
            for &(other, wo) in list {
                if other as usize == group {
                    continue;
                }
                let slot = &mut acc.sums[other as usize];
                if slot.1 == 0.0 {
                    acc.touched.push(other);
                }
                let wo = wo as f64;
                slot.0 += w * wo;
                slot.1 += wo * wo;
            }
        }
        let found: Vec<Reached> = acc
            .touched
            .drain(..)
            .map(|o| {
                let (dot, probed_sq) = std::mem::take(&mut acc.sums[o as usize]);
                Reached {
                    other: o,
                    dot,
                    probed_sq,
                }
            })
            .collect();
        (found, skipped_sq.sqrt())
    }
}
