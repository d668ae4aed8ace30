//! Average-linkage clustering of a sparse similarity graph.
//!
//! The result is the one of the textbook greedy algorithm: again and again,
//! merge the two clusters with the highest average similarity over all
//! their cross pairs (a missing link counts as 0), among the pairs whose
//! merged size stays within the cap, while that average reaches the
//! threshold. Ties go to the pair with the smaller cluster ids. The
//! clusters start as given groups rather than single nodes: the theme
//! graph starts from groups of recommendations that read the same to the
//! score (twins), which belong together whatever else they are near, and
//! a large corpus repeats a wording hundreds of times, so starting from
//! groups also leaves far fewer clusters to merge.
//!
//! It is computed with the nearest-neighbour chain algorithm rather than a
//! priority queue of pairs. A queue goes stale: each merge lowers the
//! average of the grown cluster with every one of its neighbours, and in an
//! agenda item with hundreds of near variants of one recommendation those
//! stale entries are popped and pushed back tens of millions of times. The
//! chain follows nearest neighbours from any cluster until two clusters are
//! each other's nearest, and merges them. Average linkage is *reducible*
//! (a merged cluster is never closer to a third one than the closer of its
//! two parts was), and the cap only ever rules out more pairs as clusters
//! grow, so two mutual nearest neighbours stay each other's best partner
//! until the greedy algorithm would merge them: both give the same
//! clusters. Each step costs one scan of a cluster's neighbours, and there
//! are at most about three steps per merge.

use crate::model::ScoredLink;
use std::cmp::Ordering;

/// Clusters being merged: each alive cluster keeps its members and the sum
/// of link scores to each neighbouring cluster.
pub(super) struct Clustering {
    members: Vec<Vec<usize>>,
    /// `(neighbour, sum of link scores)`, sorted by neighbour. Sorted lists
    /// rather than hash maps: a hundred thousand small maps cost more to
    /// build than the whole merging, and scans of a list are contiguous.
    neighbours: Vec<Vec<(u32, f64)>>,
    alive: Vec<bool>,
    /// Clusters that may not merge with each other (the rapporteur's
    /// planned themes); a cluster that absorbed one is fixed too.
    fixed: Vec<bool>,
}

/// The sum kept for `k` in a sorted neighbour list.
#[cfg(test)]
fn sum_with(list: &[(u32, f64)], k: u32) -> Option<f64> {
    list.binary_search_by_key(&k, |&(id, _)| id)
        .ok()
        .map(|i| list[i].1)
}

/// Sets the sum kept for `k`, adding `k` in its place when missing.
fn set_sum(list: &mut Vec<(u32, f64)>, k: u32, sum: f64) {
    match list.binary_search_by_key(&k, |&(id, _)| id) {
        Ok(i) => list[i].1 = sum,
        Err(i) => list.insert(i, (k, sum)),
    }
}

fn remove(list: &mut Vec<(u32, f64)>, k: u32) {
    if let Ok(i) = list.binary_search_by_key(&k, |&(id, _)| id) {
        list.remove(i);
    }
}

/// A candidate merge, ordered best first: higher average, then the pair of
/// smaller ids (so that the order is total and the result deterministic).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate {
    average: f64,
    pair: (usize, usize),
}

impl Candidate {
    fn new(average: f64, a: usize, b: usize) -> Self {
        Candidate {
            average,
            pair: (a.min(b), a.max(b)),
        }
    }

    /// Whether `self` is a better merge than `other`.
    fn beats(&self, other: &Candidate) -> bool {
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.pair.cmp(&self.pair))
            == Ordering::Greater
    }
}

impl Clustering {
    /// Clusters that start as `groups` (a partition of the nodes, each
    /// group ascending), over links between nodes. A group's internal links
    /// are never needed: a group is never split.
    pub(super) fn new<'l>(
        groups: Vec<Vec<usize>>,
        links: impl IntoIterator<Item = &'l ScoredLink>,
    ) -> Self {
        let n: usize = groups.iter().map(Vec::len).sum();
        let mut group_of = vec![u32::MAX; n];
        for (g, members) in groups.iter().enumerate() {
            for &m in members {
                group_of[m] = g as u32;
            }
        }
        debug_assert!(group_of.iter().all(|&g| g != u32::MAX), "not a partition");
        // The sum of link scores between each two groups, added in the
        // order the links come (so the same, bit for bit, whichever group
        // it is read from); far fewer pairs of groups than links.
        let mut sums: rustc_hash::FxHashMap<(u32, u32), f64> = Default::default();
        for p in links {
            let (ga, gb) = (group_of[p.a as usize], group_of[p.b as usize]);
            if ga != gb {
                *sums.entry((ga.min(gb), ga.max(gb))).or_insert(0.0) += p.score;
            }
        }
        let mut neighbours: Vec<Vec<(u32, f64)>> = vec![Vec::new(); groups.len()];
        for (&(ga, gb), &sum) in &sums {
            neighbours[ga as usize].push((gb, sum));
            neighbours[gb as usize].push((ga, sum));
        }
        for list in &mut neighbours {
            // Each neighbour once: the map's order is lost here.
            list.sort_unstable_by_key(|&(id, _)| id);
        }
        Clustering {
            alive: vec![true; groups.len()],
            fixed: vec![false; groups.len()],
            members: groups,
            neighbours,
        }
    }

    /// Marks the first `count` groups as fixed: no two of them will merge.
    pub(super) fn fix_first(&mut self, count: usize) {
        for f in self.fixed.iter_mut().take(count) {
            *f = true;
        }
    }

    /// Each node a cluster of its own.
    #[cfg(test)]
    fn singletons(n: usize, links: &[ScoredLink]) -> Self {
        Self::new((0..n).map(|i| vec![i]).collect(), links)
    }

    #[cfg(test)]
    fn average(&self, a: usize, b: usize) -> f64 {
        let sum = sum_with(&self.neighbours[a], b as u32).unwrap_or(0.0);
        sum / (self.members[a].len() * self.members[b].len()) as f64
    }

    /// The best merge for cluster `a`: its neighbour of highest average
    /// among those it may merge with, when that average reaches `threshold`.
    fn nearest(&self, a: usize, threshold: f64, max_size: usize) -> Option<usize> {
        let size = self.members[a].len();
        let mut best: Option<Candidate> = None;
        for &(k, sum) in &self.neighbours[a] {
            let k = k as usize;
            let other = self.members[k].len();
            if size + other > max_size || (self.fixed[a] && self.fixed[k]) {
                continue;
            }
            let candidate = Candidate::new(sum / (size * other) as f64, a, k);
            if candidate.average >= threshold && best.is_none_or(|b| candidate.beats(&b)) {
                best = Some(candidate);
            }
        }
        best.map(|c| if c.pair.0 == a { c.pair.1 } else { c.pair.0 })
    }

    /// Merges while the best pair's average reaches `threshold`, never
    /// making a cluster larger than `max_size`.
    pub(super) fn merge_while(&mut self, threshold: f64, max_size: usize) {
        let n = self.members.len();
        // A cluster with no partner left can never get one: its averages
        // only fall as its neighbours grow, and the cap only rules out more.
        let mut finished = vec![false; n];
        let mut chain: Vec<usize> = Vec::new();
        for start in 0..n {
            // A cluster that absorbed its partner may have more to merge.
            while self.alive[start] && !finished[start] {
                chain.push(start);
                while let Some(&top) = chain.last() {
                    let previous = chain.len().checked_sub(2).map(|i| chain[i]);
                    match self.nearest(top, threshold, max_size) {
                        None => {
                            finished[top] = true;
                            chain.pop();
                        }
                        Some(next) if Some(next) == previous => {
                            chain.truncate(chain.len() - 2);
                            self.merge(top, next);
                        }
                        Some(next) => chain.push(next),
                    }
                }
            }
        }
    }

    /// Merges the smaller cluster into the larger (ties: into the lower id).
    fn merge(&mut self, a: usize, b: usize) {
        let (big, small) = match self.members[a].len().cmp(&self.members[b].len()) {
            Ordering::Less => (b, a),
            Ordering::Greater => (a, b),
            Ordering::Equal => (a.min(b), a.max(b)),
        };
        // A planned theme keeps its slot, so that it is found again.
        let (big, small) = if self.fixed[small] {
            (small, big)
        } else {
            (big, small)
        };
        self.fixed[big] |= self.fixed[small];
        self.alive[small] = false;
        let moved = std::mem::take(&mut self.members[small]);
        self.members[big].extend(moved);
        let small_neighbours = std::mem::take(&mut self.neighbours[small]);
        let big_neighbours = std::mem::take(&mut self.neighbours[big]);
        // Both lists merged in id order; a neighbour of both gets the sum
        // of its two sums (big's first, as a running total would).
        let mut merged = Vec::with_capacity(big_neighbours.len() + small_neighbours.len());
        let (mut i, mut j) = (0, 0);
        while i < big_neighbours.len() || j < small_neighbours.len() {
            let from_big = big_neighbours.get(i).copied();
            let from_small = small_neighbours.get(j).copied();
            let (k, sum, in_small) = match (from_big, from_small) {
                (Some(x), Some(y)) if x.0 == y.0 => {
                    i += 1;
                    j += 1;
                    (x.0, x.1 + y.1, true)
                }
                (Some(x), Some(y)) if x.0 < y.0 => {
                    i += 1;
                    (x.0, x.1, false)
                }
                (Some(x), None) => {
                    i += 1;
                    (x.0, x.1, false)
                }
                (_, Some(y)) => {
                    j += 1;
                    (y.0, y.1, true)
                }
                (None, None) => unreachable!("loop condition"),
            };
            if k as usize == big || k as usize == small {
                continue;
            }
            merged.push((k, sum));
            if in_small {
                let theirs = &mut self.neighbours[k as usize];
                remove(theirs, small as u32);
                set_sum(theirs, big as u32, sum);
            }
        }
        self.neighbours[big] = merged;
    }

    /// The clusters, each sorted, in order of first member.
    #[cfg(test)]
    fn clusters(self) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = self.slotted().into_iter().map(|(_, m)| m).collect();
        out.sort_by_key(|m| m[0]);
        out
    }

    /// Each cluster with the slot it holds (the number of one of its
    /// starting groups; a fixed group's own), each sorted, in slot order.
    pub(super) fn slotted(mut self) -> Vec<(usize, Vec<usize>)> {
        (0..self.members.len())
            .filter(|&i| self.alive[i])
            .map(|i| {
                let mut m = std::mem::take(&mut self.members[i]);
                m.sort_unstable();
                (i, m)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::synthetic::SplitMix64;

    fn pair(a: usize, b: usize, score: f64) -> ScoredLink {
        ScoredLink {
            a: a as u32,
            b: b as u32,
            score,
            strong: true,
            evidence: std::sync::Arc::new(crate::model::Link {
                score,
                lexical: score,
                entity: 0.0,
                shared_terms: Vec::new(),
                shared_entities: Vec::new(),
            }),
        }
    }

    /// The greedy algorithm as the definition states it, quadratic per merge:
    /// the reference the chain must agree with.
    fn greedy_from(mut state: Clustering, threshold: f64, max_size: usize) -> Vec<Vec<usize>> {
        let n = state.members.len();
        loop {
            let mut best: Option<Candidate> = None;
            for a in (0..n).filter(|&a| state.alive[a]) {
                for &(k, _) in &state.neighbours[a] {
                    let k = k as usize;
                    if k <= a || state.members[a].len() + state.members[k].len() > max_size {
                        continue;
                    }
                    let c = Candidate::new(state.average(a, k), a, k);
                    if c.average >= threshold && best.is_none_or(|b| c.beats(&b)) {
                        best = Some(c);
                    }
                }
            }
            match best {
                Some(c) => state.merge(c.pair.0, c.pair.1),
                None => break,
            }
        }
        state.clusters()
    }

    fn chained(n: usize, links: &[ScoredLink], threshold: f64, max_size: usize) -> Vec<Vec<usize>> {
        let mut state = Clustering::singletons(n, links);
        state.merge_while(threshold, max_size);
        state.clusters()
    }

    /// A random sparse graph: `n` nodes in a few dense groups (as near
    /// variants of one recommendation are), with some links across groups.
    fn random_graph(random: &mut SplitMix64, n: usize) -> Vec<ScoredLink> {
        let groups = 1 + random.below(4);
        let mut links = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let same_group = a % groups == b % groups;
                let percent = if same_group { 45 } else { 8 };
                if random.chance(percent) {
                    let score = 0.1 + (random.next_u64() % 1_000_000) as f64 / 1_111_111.0;
                    links.push(pair(a, b, score));
                }
            }
        }
        links
    }

    /// Nodes `0..n` in random groups (as twins are), each ascending.
    fn random_groups(random: &mut SplitMix64, n: usize) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in 0..n {
            match random.below(groups.len() + 2) {
                g if g < groups.len() => groups[g].push(i),
                _ => groups.push(vec![i]),
            }
        }
        groups
    }

    /// On 300 random graphs, starting from single nodes or from random
    /// groups, the chain gives the greedy algorithm's clusters and never
    /// splits a group. Returns in how many rounds clusters formed.
    fn chain_agrees_with_greedy(seed: u64, grouped: bool) -> usize {
        let mut random = SplitMix64::new(seed);
        let mut merged_somewhere = 0;
        for round in 0..300 {
            let n = 2 + random.below(40);
            let links = random_graph(&mut random, n);
            let groups = match grouped {
                true => random_groups(&mut random, n),
                false => (0..n).map(|i| vec![i]).collect(),
            };
            let threshold = [0.06, 0.1, 0.2][round % 3];
            let cap = [3, n / 4, n / 2, n][round % 4].max(3);
            let expected = greedy_from(Clustering::new(groups.clone(), &links), threshold, cap);
            let mut state = Clustering::new(groups.clone(), &links);
            state.merge_while(threshold, cap);
            assert_eq!(
                state.clusters(),
                expected,
                "round {round}: n {n}, threshold {threshold}, cap {cap}"
            );
            for group in &groups {
                let holder = expected.iter().find(|c| c.contains(&group[0])).unwrap();
                assert!(group.iter().all(|m| holder.contains(m)), "{group:?} split");
            }
            merged_somewhere += usize::from(expected.len() < groups.len());
        }
        merged_somewhere
    }

    #[test]
    fn the_chain_gives_the_clusters_of_the_greedy_algorithm() {
        // The comparison means something only if clusters did form.
        let merged_somewhere = chain_agrees_with_greedy(7, false);
        assert!(merged_somewhere > 200, "{merged_somewhere}");
    }

    #[test]
    fn starting_from_groups_the_chain_agrees_and_never_splits_a_group() {
        let merged_somewhere = chain_agrees_with_greedy(11, true);
        assert!(merged_somewhere > 150, "{merged_somewhere}");
    }

    #[test]
    fn links_between_two_groups_add_up() {
        // Groups {0, 1} and {2}: average (0.3 + 0.5) / 2 = 0.4.
        let links = [pair(0, 2, 0.3), pair(1, 2, 0.5), pair(0, 1, 1.0)];
        let state = Clustering::new(vec![vec![0, 1], vec![2]], &links);
        assert!((state.average(0, 1) - 0.4).abs() < 1e-12);
        assert_eq!(state.neighbours[0], vec![(1, 0.8)]);
    }

    #[test]
    fn clusters_never_exceed_the_cap() {
        // A clique of 10 equally linked nodes with a cap of 4.
        let links: Vec<ScoredLink> = (0..10)
            .flat_map(|a| (a + 1..10).map(move |b| pair(a, b, 0.9)))
            .collect();
        let clusters = chained(10, &links, 0.06, 4);
        assert!(clusters.iter().all(|c| c.len() <= 4), "{clusters:?}");
        assert_eq!(clusters.iter().map(Vec::len).sum::<usize>(), 10);
        // Equal averages: the pairs of smaller ids merge first.
        assert_eq!(clusters[0], vec![0, 1, 2, 3]);
    }

    /// Planned themes (fixed groups) never merge with each other, however
    /// close, and keep their slot when they absorb a larger cluster.
    #[test]
    fn fixed_groups_never_merge_with_each_other() {
        let links = [
            pair(0, 1, 0.9),
            pair(1, 2, 0.8),
            pair(2, 3, 0.8),
            pair(3, 4, 0.8),
            pair(2, 4, 0.8),
        ];
        let mut state = Clustering::new(vec![vec![0], vec![1], vec![2], vec![3], vec![4]], &links);
        state.fix_first(2);
        state.merge_while(0.1, 5);
        let slotted = state.slotted();
        let holder = |m: usize| slotted.iter().find(|(_, c)| c.contains(&m)).unwrap().0;
        assert_ne!(holder(0), holder(1));
        // {2, 3, 4} is larger than fixed {1}, yet {1} keeps its slot.
        assert_eq!(holder(1), 1);
        assert_eq!(holder(2), 1);
    }

    #[test]
    fn nothing_merges_below_the_threshold() {
        let links = [pair(0, 1, 0.05), pair(1, 2, 0.5)];
        assert_eq!(chained(3, &links, 0.06, 3), vec![vec![0], vec![1, 2]]);
    }
}
