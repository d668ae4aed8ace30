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
//! Features are probed rarest first. In very large corpora, the most
//! common features can have posting lists of tens of thousands; a probe
//! visits at most [`MAX_POSTINGS_VISITED`] postings, which keeps the cost
//! per recommendation bounded. Each list is ordered heaviest first, so the
//! list that would pass the budget is visited for the groups it weighs most
//! in, and only the features after it (the most common, which weigh least
//! after IDF) are skipped whole; the bounds count a list cut short as at
//! most as heavy in any group as its first posting left. Below that size
//! (a few thousand recommendations per agenda item) candidate generation
//! is exact; at tens of thousands per item the budget binds for most
//! probes, and an ignored test measures the recall it leaves on a sample
//! of a 100k archive.

use super::score::{Feature, GroupProfiles};

/// Postings a probe visits at most: the heaviest of the list that would
/// pass it, then none of the remaining, most common, features.
pub const MAX_POSTINGS_VISITED: usize = 4_096;

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
        // Heaviest first: a list too long for what is left of a probe's
        // budget is visited for the groups it weighs most in.
        for list in &mut postings {
            list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
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
            let mut list = &self.postings[id as usize][..];
            let skipping = skipped_sq > 0.0
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
            if visited > 0 && visited + list.len() > MAX_POSTINGS_VISITED {
                // The budget binds: the heaviest postings that fit are
                // visited, and the feature counts as skipped for the bounds,
                // at most as heavy in any group as its first posting left.
                let room = MAX_POSTINGS_VISITED.saturating_sub(visited);
                skipped_sq += w * w;
                skipped.max_score += w * list.get(room).map_or(0.0, |p| p.1 as f64);
                list = &list[..room];
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::score::{Feature, FeatureKey, Profile};

    /// More groups hold the common features than the budget allows, so
    /// probes cut a list short and skip the rest: whatever was left out,
    /// no group's true dot product exceeds its bound (reached groups), nor
    /// the bound of a group the probe never reached.
    #[test]
    fn bounds_hold_when_the_budget_cuts_a_list_short() {
        let groups = MAX_POSTINGS_VISITED + 1500;
        let features = 40u32;
        // A small deterministic generator: no two runs differ.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let profiles: Vec<Profile> = (0..groups)
            .map(|_| {
                // Features 0 and 1 in every group, with weights that vary
                // (so that heaviest-first is an order); a few rarer ones.
                let mut vector: Vec<(u32, f64)> = vec![
                    (0, 0.2 + (next() % 100) as f64 / 100.0),
                    (1, 0.1 + (next() % 100) as f64 / 200.0),
                ];
                for _ in 0..3 {
                    let id = 2 + (next() % u64::from(features - 2)) as u32;
                    if !vector.iter().any(|&(f, _)| f == id) {
                        vector.push((id, 0.5 + (next() % 100) as f64 / 100.0));
                    }
                }
                vector.sort_by_key(|&(id, _)| id);
                let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                for (_, w) in &mut vector {
                    *w /= norm;
                }
                Profile {
                    present: vector.iter().map(|&(id, _)| id).collect(),
                    vector,
                    sequence: Vec::new(),
                    concerned: Vec::new(),
                }
            })
            .collect();
        let mut document_frequency = vec![0u32; features as usize];
        for p in &profiles {
            for &(id, _) in &p.vector {
                document_frequency[id as usize] += 1;
            }
        }
        let feature_list: Vec<Feature> = (0..features)
            .map(|id| Feature {
                key: FeatureKey::Word(format!("w{id:02}")),
                text: format!("w{id:02}"),
                entity_kind: None,
                document_frequency: document_frequency[id as usize],
                idf: 1.0,
            })
            .collect();
        let group_profiles = GroupProfiles::new(profiles.iter());
        let index = FeatureIndex::build(&feature_list, &group_profiles);
        let dot = |a: usize, b: usize| -> f64 {
            let (ia, wa) = group_profiles.vector(a);
            let (ib, wb) = group_profiles.vector(b);
            ia.iter()
                .zip(wa)
                .filter_map(|(i, w)| ib.iter().position(|j| j == i).map(|k| w * wb[k]))
                .sum()
        };
        let mut acc = Accumulator::new(groups);
        let mut cut_short = 0;
        for probe in (0..groups).step_by(97) {
            let (reached, skipped) = index.probe(probe, &mut acc);
            if skipped.is_none() {
                continue;
            }
            cut_short += 1;
            let mut seen = vec![false; groups];
            for r in &reached {
                seen[r.other as usize] = true;
                let exact = dot(probe, r.other as usize);
                assert!(
                    exact <= r.upper_dot(skipped) + 1e-6,
                    "probe {probe}, group {}: {exact} above {}",
                    r.other,
                    r.upper_dot(skipped)
                );
                assert!(r.dot <= exact + 1e-5, "the probed part is a lower bound");
            }
            let unreached_bound = skipped.norm.min(skipped.max_score) + 1e-5;
            for other in (0..groups).filter(|&o| o != probe && !seen[o]) {
                assert!(
                    dot(probe, other) <= unreached_bound,
                    "probe {probe}, group {other}"
                );
            }
        }
        assert!(cut_short > 10, "the budget bound only {cut_short} probes");
    }
}
