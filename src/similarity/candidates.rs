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
//! per agenda item) candidate generation is exact; at tens of thousands per
//! item the budget binds for most probes, and an ignored test measures the
//! recall it leaves on a sample of a 100k archive.

use super::score::{Feature, GroupProfiles};

/// Postings a probe visits at most before skipping the remaining, most
/// common, features.
pub const MAX_POSTINGS_VISITED: usize = 8_192;

/// Feature id -> (group of twins, weight) for every group holding it: twins
/// (see [`Twins`]) score alike, so the index holds each group once and
/// probes are by group.
#[derive(Debug, Clone, Default)]
pub struct FeatureIndex {
    postings: Vec<Vec<(u32, f32)>>,
    /// Each feature's largest weight in any group: times the probe's own
    /// weight, the most that feature can add to any cosine.
    max_weight: Vec<f64>,
    /// Each group's features, rarest first.
    probe_order: Vec<Vec<(u32, f64)>>,
}

/// Reusable buffers of one probing thread.
#[derive(Debug, Clone)]
pub struct Accumulator {
    /// Per group reached: the partial dot product, and the squared
    /// norm of its own weights on the features probed (which bounds what
    /// the features not probed can add, see [`Reached`]); in f32 like the
    /// index's weights, which halves the memory a probe scatters into.
    sums: Vec<(f32, f32)>,
    /// The groups reached, in the order first reached: the first `reached`
    /// entries. Sized for every group, so that recording one is a store
    /// and an add rather than a branch the processor cannot predict.
    touched: Vec<u32>,
    reached: usize,
    /// The groups with the largest partial dot products so far (at most
    /// the `keep` of [`FeatureIndex::probe_nearest`]), kept as the probe
    /// adds to them, so that the stopping test costs nothing.
    best: Vec<u32>,
}

impl Accumulator {
    pub fn new(n: usize) -> Self {
        Accumulator {
            sums: vec![(0.0, 0.0); n],
            touched: vec![0; n],
            reached: 0,
            best: Vec::new(),
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
                acc.touched.resize(n, 0);
            }
            f(&mut acc)
        })
    }

    /// Hands out each group the last probe reached, and clears them.
    pub fn drain(&mut self, mut f: impl FnMut(Reached)) {
        for &o in &self.touched[..self.reached] {
            let (dot, probed_sq) = std::mem::take(&mut self.sums[o as usize]);
            f(Reached {
                other: o,
                dot: dot as f64,
                probed_sq: probed_sq as f64,
            });
        }
        self.reached = 0;
    }

    /// The smallest partial dot product among [`Accumulator::best`] once it
    /// holds `keep` groups, else 0: a lower bound of the `keep`-th largest
    /// cosine.
    fn kth_largest(&self, keep: usize) -> f32 {
        if self.best.len() < keep {
            return 0.0;
        }
        self.best
            .iter()
            .map(|&o| self.sums[o as usize].0)
            .fold(f32::INFINITY, f32::min)
    }

    /// Records that `other`'s partial dot product grew to `sum`, above the
    /// current `kth` (see [`Accumulator::kth_largest`]); returns the new one.
    fn rise(&mut self, other: u32, keep: usize) -> f32 {
        if !self.best.contains(&other) {
            if self.best.len() < keep {
                self.best.push(other);
            } else {
                let sums = &self.sums;
                let (at, _) = self
                    .best
                    .iter()
                    .enumerate()
                    .min_by(|x, y| {
                        let (sx, sy) = (sums[*x.1 as usize].0, sums[*y.1 as usize].0);
                        sx.total_cmp(&sy).then(y.1.cmp(x.1))
                    })
                    .expect("keep is at least 1");
                self.best[at] = other;
            }
        }
        self.kth_largest(keep)
    }
}

/// What a probe left out: the features it skipped, as the two bounds of
/// what they can add to a cosine.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Skipped {
    /// Norm of the probing vector on the skipped features.
    pub norm: f64,
    /// Sum over the skipped features of the probe's weight times the
    /// feature's largest weight in any group.
    pub max_score: f64,
}

impl Skipped {
    pub fn is_none(&self) -> bool {
        self.norm == 0.0
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
    /// Upper bound of the whole dot product, given what the probe
    /// skipped: those features' weights in `other` have norm at most
    /// `sqrt(1 - probed_sq)` (unit vectors), so by Cauchy–Schwarz they add
    /// at most that times the skipped norm; and each adds at most the
    /// probe's weight times the feature's largest weight. The slack covers
    /// the index's f32 weights.
    pub fn upper_dot(&self, skipped: Skipped) -> f64 {
        if skipped.is_none() {
            return self.dot;
        }
        let by_norm = skipped.norm * (1.0 - self.probed_sq + 1e-5).max(0.0).sqrt();
        self.dot + by_norm.min(skipped.max_score + 1e-5)
    }
}

impl FeatureIndex {
    /// The index of the groups' vectors, `features` giving each feature's
    /// document frequency (rarest probed first).
    pub fn build(features: &[Feature], groups: &GroupProfiles) -> Self {
        let mut postings = vec![Vec::new(); features.len()];
        let mut max_weight = vec![0.0f64; features.len()];
        for group in 0..groups.len() {
            let (ids, weights) = groups.vector(group);
            for (&id, &w) in ids.iter().zip(weights) {
                postings[id as usize].push((group as u32, w as f32));
                max_weight[id as usize] = max_weight[id as usize].max(w);
            }
        }
        let probe_order = (0..groups.len())
            .map(|group| {
                let (ids, weights) = groups.vector(group);
                let mut order: Vec<(u32, f64)> =
                    ids.iter().copied().zip(weights.iter().copied()).collect();
                order.sort_by_key(|&(id, _)| (features[id as usize].document_frequency, id));
                order
            })
            .collect();
        FeatureIndex {
            postings,
            max_weight,
            probe_order,
        }
    }

    /// Other groups of twins sharing a feature with `group`, with the part of
    /// the feature cosine the probe accumulated, in no particular order;
    /// and what it skipped (nothing when it stayed within its budget),
    /// which bounds what the rest of the cosine can add.
    pub fn probe(&self, group: usize, acc: &mut Accumulator) -> (Vec<Reached>, Skipped) {
        let probed = self.probe_until(group, acc, None);
        let mut found = Vec::with_capacity(acc.reached);
        acc.drain(|reached| found.push(reached));
        (found, probed.skipped)
    }

    /// As [`FeatureIndex::probe`], but only for the `keep` nearest, and
    /// leaving the groups reached in `acc` ([`Accumulator::drain`] hands
    /// them out): the probe stops once `keep` groups already have a
    /// partial cosine above `margin` plus the most the features not yet
    /// probed can add to the cosine of a group the probe never reached (a
    /// group that shares only those features): the smaller of their norm
    /// (Cauchy–Schwarz, unit vectors) and the sum of each one's weight
    /// times its largest weight in any group. Such a group cannot be among
    /// the `keep` nearest, and the common features, whose postings are the
    /// longest, are not visited at all.
    pub fn probe_nearest(
        &self,
        group: usize,
        acc: &mut Accumulator,
        keep: usize,
        margin: f64,
    ) -> Probed {
        self.probe_until(group, acc, Some((keep.max(1), margin)))
    }

    fn probe_until(
        &self,
        group: usize,
        acc: &mut Accumulator,
        nearest: Option<(usize, f64)>,
    ) -> Probed {
        let features = &self.probe_order[group];
        let mut visited = 0;
        let mut skipped = Skipped::default();
        let mut skipped_sq = 0.0;
        // What the features not probed yet can add, by both bounds
        // (vectors are unit).
        let mut remaining_sq: f64 = features.iter().map(|(_, w)| w * w).sum();
        let mut remaining_max: f64 = features
            .iter()
            .map(|&(id, w)| w * self.max_weight[id as usize])
            .sum();
        let keep = nearest.map_or(usize::MAX, |(keep, _)| keep);
        acc.best.clear();
        let mut kth = 0.0f32;
        for &(id, w) in features {
            let list = &self.postings[id as usize];
            let skipping = skipped_sq > 0.0
                || (visited > 0 && visited + list.len() > MAX_POSTINGS_VISITED)
                || nearest.is_some_and(|(_, margin)| {
                    acc.best.len() >= keep
                        && kth as f64
                            > remaining_sq.max(0.0).sqrt().min(remaining_max.max(0.0)) + margin
                });
            let max_score = w * self.max_weight[id as usize];
            remaining_sq -= w * w;
            remaining_max -= max_score;
            if skipping {
                skipped_sq += w * w;
                skipped.max_score += max_score;
                continue;
            }
            visited += list.len();
            // Counts kept in locals, not read back from `acc` at each
            // posting.
            let mut reached = acc.reached;
            let mut full = acc.best.len() >= keep;
            for &(other, wo) in list {
                if other as usize == group {
                    continue;
                }
                let slot = &mut acc.sums[other as usize];
                acc.touched[reached] = other;
                reached += (slot.1 == 0.0) as usize;
                slot.0 += w as f32 * wo;
                slot.1 += wo * wo;
                if nearest.is_some() && (slot.0 > kth || !full) {
                    kth = acc.rise(other, keep);
                    full = acc.best.len() >= keep;
                }
            }
            acc.reached = reached;
        }
        skipped.norm = skipped_sq.sqrt();
        Probed {
            skipped,
            kth: if acc.best.len() >= keep {
                Some(kth as f64)
            } else {
                None
            },
        }
    }
}

/// What a probe for the nearest found, besides the groups it reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Probed {
    pub skipped: Skipped,
    /// The `keep`-th largest partial cosine among the groups reached, when
    /// it reached that many: a lower bound of the `keep`-th largest cosine.
    pub kth: Option<f64>,
}
