//! Centroid refinement of the clusters average linkage gives (step 4 of
//! the module documentation).

use super::max_theme_size;
use crate::similarity::score::FeatureSpace;
use crate::similarity::ScoredPair;
use rustc_hash::FxHashMap;

/// Passes of centroid refinement at most.
const REFINE_PASSES: usize = 5;
/// A recommendation moves only when the other theme is closer by this much.
const REFINE_MARGIN: f64 = 0.02;
/// Largest themes × features table kept dense (8 bytes each); beyond it,
/// each centroid is a hash map of its non-zero weights.
const DENSE_CENTROIDS_UP_TO: usize = 1 << 22;

/// Refines clusters by moving each wording (a group of `twins`, which read
/// the same to the score, see [`crate::similarity::Similarity::twin_groups`])
/// to the theme whose centroid (sum of member vectors) it is closest to, when
/// clearly closer than to its own theme without it. Only themes it is linked
/// to are considered, and the size cap still holds. Average linkage decides
/// from pairwise scores; the centroid sees what a theme as a whole is about.
///
/// A wording moves as one: the decision is the one its first member would
/// make alone (its twins stay in its own theme's centroid, so twins anchor
/// each other as they would one by one), and all of them follow it. Twins
/// are never split, and a wording repeated a thousand times costs one
/// decision, not a thousand.
pub fn refine(
    clusters: Vec<Vec<usize>>,
    twins: &[Vec<usize>],
    links: &[ScoredPair],
    space: &FeatureSpace,
) -> Vec<Vec<usize>> {
    refine_with(clusters, twins, links, space, DENSE_CENTROIDS_UP_TO)
}

fn refine_with(
    clusters: Vec<Vec<usize>>,
    twins: &[Vec<usize>],
    links: &[ScoredPair],
    space: &FeatureSpace,
    dense_up_to: usize,
) -> Vec<Vec<usize>> {
    let n = space.len();
    let cap = max_theme_size(n);
    let mut theme_of_node = vec![usize::MAX; n];
    for (t, members) in clusters.iter().enumerate() {
        for &m in members {
            assert_eq!(
                theme_of_node[m],
                usize::MAX,
                "recommendation {m} in two clusters"
            );
            theme_of_node[m] = t;
        }
    }
    assert!(
        theme_of_node.iter().all(|&t| t != usize::MAX),
        "every recommendation is in a cluster"
    );
    let mut group_of = vec![0usize; n];
    for (g, members) in twins.iter().enumerate() {
        for &m in members {
            group_of[m] = g;
        }
    }
    // Clusters hold whole groups (average linkage starts from them).
    let mut theme_of: Vec<usize> = twins.iter().map(|g| theme_of_node[g[0]]).collect();
    debug_assert!(twins
        .iter()
        .zip(&theme_of)
        .all(|(g, &t)| g.iter().all(|&m| theme_of_node[m] == t)));
    let mut sizes: Vec<usize> = clusters.iter().map(Vec::len).collect();
    let mut centroids = Centroids::new(clusters.len(), space.features.len(), dense_up_to);
    for (group, &theme) in twins.iter().zip(&theme_of) {
        let vector = &space.profile(group[0]).vector;
        centroids.add(theme, vector, group.len() as f64);
    }
    // Linked groups of each group, sorted and without repeats.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); twins.len()];
    for p in links {
        let (ga, gb) = (group_of[p.a as usize], group_of[p.b as usize]);
        if ga != gb {
            neighbours[ga].push(gb);
            neighbours[gb].push(ga);
        }
    }
    for list in &mut neighbours {
        list.sort_unstable();
        list.dedup();
    }
    let mut targets: Vec<usize> = Vec::new();
    for _ in 0..REFINE_PASSES {
        let mut moved = false;
        for (g, group) in twins.iter().enumerate() {
            let own = theme_of[g];
            let weight = group.len();
            let vector = &space.profile(group[0]).vector;
            // The first member's view: its own theme without it.
            centroids.add(own, vector, -1.0);
            let own_score = if sizes[own] > 1 {
                centroids.cosine(own, vector)
            } else {
                0.0
            };
            targets.clear();
            targets.extend(neighbours[g].iter().map(|&h| theme_of[h]));
            targets.sort_unstable();
            targets.dedup();
            let best = targets
                .iter()
                .copied()
                .filter(|&t| t != own && sizes[t] + weight <= cap)
                .map(|t| (centroids.cosine(t, vector), t))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            match best {
                Some((score, target)) if score > own_score + REFINE_MARGIN => {
                    if weight > 1 {
                        centroids.add(own, vector, 1.0 - weight as f64);
                    }
                    centroids.add(target, vector, weight as f64);
                    sizes[own] -= weight;
                    sizes[target] += weight;
                    theme_of[g] = target;
                    moved = true;
                }
                _ => centroids.add(own, vector, 1.0),
            }
        }
        if !moved {
            break;
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); clusters.len()];
    for (group, &t) in twins.iter().zip(&theme_of) {
        out[t].extend(group);
    }
    for members in &mut out {
        members.sort_unstable();
    }
    out.retain(|m| !m.is_empty());
    out.sort_by_key(|m| m[0]);
    out
}

/// The sum of each theme's member vectors, with its squared norm kept up to
/// date so that a cosine costs only the vector's features.
///
/// A weight that falls to (almost) zero is dropped, and a cosine adds only
/// the weights present, in the vector's order: dense and sparse storage
/// give the same numbers bit for bit.
struct Centroids {
    weights: Weights,
    norm_sq: Vec<f64>,
}

enum Weights {
    /// `themes × features`, row by theme; a dropped weight is 0.
    Dense { features: usize, values: Vec<f64> },
    /// Only looked up, never iterated, so results do not depend on order.
    Sparse(Vec<FxHashMap<u32, f64>>),
}

impl Centroids {
    fn new(themes: usize, features: usize, dense_up_to: usize) -> Self {
        let weights = if themes.saturating_mul(features) <= dense_up_to {
            Weights::Dense {
                features,
                values: vec![0.0; themes * features],
            }
        } else {
            Weights::Sparse(vec![FxHashMap::default(); themes])
        };
        Centroids {
            weights,
            norm_sq: vec![0.0; themes],
        }
    }

    fn add(&mut self, theme: usize, vector: &[(u32, f64)], sign: f64) {
        let norm_sq = &mut self.norm_sq[theme];
        for &(id, w) in vector {
            let (old, new) = match &mut self.weights {
                Weights::Dense { features, values } => {
                    let slot = &mut values[theme * *features + id as usize];
                    let old = *slot;
                    *slot += sign * w;
                    let new = *slot;
                    if new.abs() < 1e-12 {
                        *slot = 0.0;
                    }
                    (old, new)
                }
                Weights::Sparse(maps) => {
                    let map = &mut maps[theme];
                    let slot = map.entry(id).or_insert(0.0);
                    let old = *slot;
                    *slot += sign * w;
                    let new = *slot;
                    if new.abs() < 1e-12 {
                        map.remove(&id);
                    }
                    (old, new)
                }
            };
            *norm_sq += new * new - old * old;
        }
        *norm_sq = norm_sq.max(0.0);
    }

    fn cosine(&self, theme: usize, vector: &[(u32, f64)]) -> f64 {
        let norm_sq = self.norm_sq[theme];
        if norm_sq <= 1e-12 {
            return 0.0;
        }
        let dot: f64 = match &self.weights {
            Weights::Dense { features, values } => {
                let row = &values[theme * features..(theme + 1) * features];
                vector
                    .iter()
                    .filter_map(|&(id, w)| {
                        let c = row[id as usize];
                        (c != 0.0).then_some(w * c)
                    })
                    .sum()
            }
            Weights::Sparse(maps) => vector
                .iter()
                .filter_map(|(id, w)| maps[theme].get(id).map(|c| w * c))
                .sum(),
        };
        dot / norm_sq.sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::Similarity;

    /// Dense and sparse centroids refine the seeds' agenda items alike,
    /// from the clusters average linkage gives and from a deliberately bad
    /// start (everything in a few themes), where many recommendations move.
    #[test]
    fn dense_and_sparse_centroids_agree() {
        let corpus = crate::ingest::read_corpus(&[]);
        let recommendations: Vec<_> = corpus.recommendations().cloned().collect();
        let annotations = crate::entities::Gazetteer::embedded().annotate(&recommendations);
        let mut items: Vec<&str> = recommendations.iter().map(|r| &*r.agenda_item).collect();
        items.sort_unstable();
        items.dedup();
        let mut moved = 0;
        for item in items {
            let members = super::super::item_members(&recommendations, item);
            let similarity = Similarity::new(&members, &annotations);
            let links = similarity.links();
            let twins = similarity.twin_groups();
            let lumped: Vec<Vec<usize>> = (0..4)
                .map(|t| {
                    let mut theme: Vec<usize> =
                        twins.iter().skip(t).step_by(4).flatten().copied().collect();
                    theme.sort_unstable();
                    theme
                })
                .filter(|theme| !theme.is_empty())
                .collect();
            for start in [super::super::cluster(twins.clone(), &links), lumped.clone()] {
                let refined = |dense_up_to| {
                    refine_with(
                        start.clone(),
                        &twins,
                        &links,
                        similarity.space(),
                        dense_up_to,
                    )
                };
                let (dense, sparse) = (refined(usize::MAX), refined(0));
                assert_eq!(dense, sparse);
                moved += usize::from(dense != start);
            }
        }
        assert!(
            moved > 0,
            "refinement moved nothing: the test compares nothing"
        );
    }
}
