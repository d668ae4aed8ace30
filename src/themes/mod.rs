//! Themes: a graph per Congress agenda item, clustered into themes.
//!
//! How themes are formed:
//!
//! 1. Within each agenda item, every recommendation is a node; two nodes are
//!    linked when their similarity (see [`crate::similarity`]: weighted
//!    shared words, phrases and gazetteer entities, plus word order) reaches
//!    [`LINK_THRESHOLD`]. Candidate pairs come from an inverted index, never
//!    from comparing all pairs.
//! 2. The graph is clustered by average linkage: starting from one theme per
//!    wording (recommendations that read the same to the score, "twins",
//!    belong together whatever else they are near, and are never split),
//!    the two themes with the highest *average* similarity over all their
//!    cross pairs (a missing link counts as 0) are merged, again and again,
//!    while that average is at least [`MERGE_THRESHOLD`].
//!    Averaging over all pairs, not just linked ones, keeps a theme coherent:
//!    one strong link cannot chain unrelated recommendations together. A
//!    merge that would give a theme more than a quarter of the item's
//!    recommendations ([`MAX_THEME_SHARE`]) is refused: a section that large
//!    is not a synthesis.
//! 3. A recommendation left alone (a wording of one; repeated wordings left
//!    alone stay a theme of their own) joins the theme it is closest to on
//!    average when that reaches [`ATTACH_THRESHOLD`]; otherwise it stays a
//!    theme of its own (nothing else is close).
//! 4. Refinement ([`refine`]): each wording moves to the linked theme
//!    whose centroid (the sum of its members' feature vectors) it is clearly
//!    closer to than to its own theme's, within the size cap, for a few
//!    passes. Pairwise averages see each pair alone; the centroid sees what a
//!    theme as a whole is about, so a recommendation on, say, asset recovery
//!    among competent authorities ends up with international cooperation
//!    rather than with another text that happens to share its wording.
//! 5. Each theme is labelled from its most characteristic features: the
//!    entities and phrases most of its members share, weighted by how rare
//!    they are in the agenda item ("Artificial intelligence and human
//!    rights").
//! 6. Theme ids are `{agenda item}-{NN}`, numbered in drafting order: themes
//!    more regions share first, then larger first, then by first member.
//!
//! Everything is deterministic and independent of input order: nodes are
//! sorted by region, paragraph and letter, ties are broken by node order,
//! and no hash map is iterated.

use crate::model::{
    natural_cmp, AgendaItemGraph, EntityAnnotations, EntityKind, Recommendation, Region, Theme,
    ThemeGraph, ThemeSource,
};
use crate::similarity::score::{FeatureKey, FeatureSpace, ENTITY_BOOST};
use crate::similarity::{ScoredPair, Similarity};
use crate::text::capitalise;
use petgraph::graph::{NodeIndex, UnGraph};
use std::cmp::Ordering;
use std::collections::BTreeMap;

mod linkage;
mod refine;
use linkage::Clustering;
pub use refine::refine;

pub use crate::similarity::LINK_THRESHOLD;

/// Average similarity two themes need to be merged.
pub const MERGE_THRESHOLD: f64 = 0.06;
/// Average similarity a lone recommendation needs to join a theme.
pub const ATTACH_THRESHOLD: f64 = 0.04;
/// Largest share of an agenda item's recommendations one theme may hold
/// (themes of three or fewer are always allowed).
pub const MAX_THEME_SHARE: f64 = 0.25;

pub fn build_theme_graph(
    recommendations: &[Recommendation],
    annotations: &EntityAnnotations,
) -> ThemeGraph {
    let mut items: BTreeMap<&str, Vec<&Recommendation>> = BTreeMap::new();
    for r in recommendations {
        items.entry(&*r.agenda_item).or_default().push(r);
    }
    let mut items: Vec<(&str, Vec<&Recommendation>)> = items.into_iter().collect();
    items.sort_by(|a, b| natural_cmp(a.0, b.0));
    use rayon::prelude::*;
    let items = items
        .into_par_iter()
        .map(|(item, mut members)| {
            members.sort_by(|a, b| node_order(a, b));
            item_graph(item, &members, annotations)
        })
        .collect();
    ThemeGraph { items }
}

/// The recommendations of one agenda item, in node order.
pub fn item_members<'a>(
    recommendations: &'a [Recommendation],
    item: &str,
) -> Vec<&'a Recommendation> {
    let mut members: Vec<&Recommendation> = recommendations
        .iter()
        .filter(|r| &*r.agenda_item == item)
        .collect();
    members.sort_by(|a, b| node_order(a, b));
    members
}

/// Canonical node order: region, paragraph, letter (`z` before `aa`), id.
pub fn node_order(a: &Recommendation, b: &Recommendation) -> Ordering {
    (a.region, a.paragraph, a.letter.len(), &a.letter, &a.id).cmp(&(
        b.region,
        b.paragraph,
        b.letter.len(),
        &b.letter,
        &b.id,
    ))
}

/// The graph and themes of one agenda item; `members` in node order.
pub fn item_graph(
    item: &str,
    members: &[&Recommendation],
    annotations: &EntityAnnotations,
) -> AgendaItemGraph {
    let similarity = Similarity::new(members, annotations);
    let links = similarity.links();
    // The graph with its evidence and the themes need only the links, not
    // each other: built side by side.
    let (graph, themes) = rayon::join(
        || {
            let mut graph = UnGraph::<String, std::sync::Arc<crate::model::Link>>::with_capacity(
                members.len(),
                links.len(),
            );
            let nodes: Vec<NodeIndex> = members
                .iter()
                .map(|r| graph.add_node(r.id.clone()))
                .collect();
            let evidence = similarity.edge_links(&links);
            for (p, link) in links.iter().zip(evidence) {
                graph.add_edge(nodes[p.a as usize], nodes[p.b as usize], link);
            }
            graph
        },
        || {
            let twins = similarity.twin_groups();
            let clusters = cluster(twins.clone(), &links);
            let clusters = refine(clusters, &twins, &links, similarity.space());
            name_themes(item, members, &clusters, similarity.space())
        },
    );
    AgendaItemGraph {
        agenda_item: item.to_string(),
        graph,
        themes,
    }
}

/// Largest theme allowed in an item of `n` recommendations.
pub fn max_theme_size(n: usize) -> usize {
    ((n as f64 * MAX_THEME_SHARE).floor() as usize).max(3)
}

/// Average-linkage clustering over sparse `links`, starting from `groups`
/// (a partition of the nodes, each ascending; see
/// [`Similarity::twin_groups`]); returns clusters of node indices, each
/// sorted, in order of first node.
pub fn cluster(groups: Vec<Vec<usize>>, links: &[ScoredPair]) -> Vec<Vec<usize>> {
    let n = groups.iter().map(Vec::len).sum();
    let mut state = Clustering::new(groups, links);
    state.merge_while(MERGE_THRESHOLD, max_theme_size(n));
    state.attach_singletons(ATTACH_THRESHOLD, max_theme_size(n));
    state.clusters()
}

/// Turns clusters into numbered, labelled themes.
fn name_themes(
    item: &str,
    members: &[&Recommendation],
    clusters: &[Vec<usize>],
    space: &FeatureSpace,
) -> Vec<Theme> {
    let regions_of = |cluster: &[usize]| -> Vec<Region> {
        let mut regions: Vec<Region> = cluster.iter().map(|&m| members[m].region).collect();
        regions.sort();
        regions.dedup();
        regions
    };
    let mut ordered: Vec<(Vec<Region>, &Vec<usize>)> =
        clusters.iter().map(|c| (regions_of(c), c)).collect();
    // Drafting order: most regions first, then largest, then first member.
    ordered.sort_by(|(ra, a), (rb, b)| {
        rb.len()
            .cmp(&ra.len())
            .then(b.len().cmp(&a.len()))
            .then(a[0].cmp(&b[0]))
    });
    use rayon::prelude::*;
    ordered
        .into_par_iter()
        .enumerate()
        .map(|(i, (regions, cluster))| {
            let profile = characterise(cluster, space);
            Theme {
                id: format!("{item}-{:02}", i + 1),
                agenda_item: item.to_string(),
                label: profile.label(),
                regions,
                recommendations: cluster.iter().map(|&m| members[m].id.clone()).collect(),
                key_entities: profile
                    .entities
                    .iter()
                    .take(5)
                    .map(|c| c.text.clone())
                    .collect(),
                key_terms: profile
                    .terms
                    .iter()
                    .take(5)
                    .map(|c| c.text.clone())
                    .collect(),
                source: ThemeSource::Clustering,
            }
        })
        .collect()
}

/// A feature that characterises a theme.
#[derive(Debug, Clone)]
struct Characteristic {
    text: String,
    weight: f64,
    kind: Option<EntityKind>,
}

/// The characteristic entities and terms of a theme, strongest first.
#[derive(Debug, Clone, Default)]
struct ThemeProfile {
    size: usize,
    entities: Vec<Characteristic>,
    terms: Vec<Characteristic>,
}

/// Features ranked by how many members hold them, times their rarity in the
/// item. In themes of several members, a feature must be held by two.
fn characterise(cluster: &[usize], space: &FeatureSpace) -> ThemeProfile {
    // Every member's features in one sorted list: a feature's run is the
    // number of members holding it (each member lists a feature once).
    // Costs what the members hold, whatever the size of the vocabulary.
    let mut held: Vec<u32> = cluster
        .iter()
        .flat_map(|&m| space.profile(m).present.iter().copied())
        .collect();
    held.sort_unstable();
    let coverage = held.chunk_by(|a, b| a == b).map(|run| (run[0], run.len()));
    let needed = if cluster.len() > 1 { 2 } else { 1 };
    let mut profile = ThemeProfile {
        size: cluster.len(),
        ..ThemeProfile::default()
    };
    for (id, count) in coverage {
        let f = &space.features[id as usize];
        if count < needed || f.entity_kind == Some(EntityKind::MemberState) {
            continue;
        }
        let share = count as f64 / cluster.len() as f64;
        let c = Characteristic {
            text: f.text.clone(),
            weight: share * f.idf,
            kind: f.entity_kind,
        };
        match f.key {
            FeatureKey::Entity(_) => profile.entities.push(Characteristic {
                weight: c.weight * ENTITY_BOOST,
                ..c
            }),
            // A phrase reads better than its words: prefer it at equal
            // coverage by giving it its full weight.
            FeatureKey::Phrase(..) | FeatureKey::Word(_) => profile.terms.push(c),
        }
    }
    let by_weight = |a: &Characteristic, b: &Characteristic| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.text.cmp(&b.text))
    };
    profile.entities.sort_by(by_weight);
    profile.terms.sort_by(by_weight);
    profile
}

/// Single words read worse in a label than names and phrases.
const WORD_LABEL_WEIGHT: f64 = 0.6;
/// A label's second part must weigh at least this share of the first's.
const SECOND_PART_SHARE: f64 = 0.35;

impl ThemeProfile {
    /// "A and B" from the two strongest characteristics whose words do not
    /// repeat each other: entity names and two-word phrases first, single
    /// words only when they are much stronger.
    fn label(&self) -> String {
        let mut all: Vec<(f64, &Characteristic)> = self
            .entities
            .iter()
            .chain(&self.terms)
            .map(|c| {
                let single_word = c.kind.is_none() && !c.text.contains(' ');
                let factor = if single_word { WORD_LABEL_WEIGHT } else { 1.0 };
                (c.weight * factor, c)
            })
            .collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.text.cmp(&b.1.text)));
        // A lone recommendation is best named by the entities it names.
        if self.size == 1 && all.iter().any(|(_, c)| c.kind.is_some()) {
            all.retain(|(_, c)| c.kind.is_some());
        }
        // Single words only when no name or phrase characterises the theme.
        if all
            .iter()
            .any(|(_, c)| c.kind.is_some() || c.text.contains(' '))
        {
            all.retain(|(_, c)| c.kind.is_some() || c.text.contains(' '));
        }
        let strongest = all.first().map(|(w, _)| *w).unwrap_or(0.0);
        let mut parts: Vec<String> = Vec::new();
        for (weight, c) in all {
            // A second part must be at least half as characteristic.
            if parts.len() == 2 || (!parts.is_empty() && weight < SECOND_PART_SHARE * strongest) {
                break;
            }
            let text = display_name(c);
            if parts.iter().any(|p| overlaps(p, &text)) {
                continue;
            }
            parts.push(text);
        }
        match parts.len() {
            0 => "Other recommendations".to_string(),
            1 => capitalise(&parts[0]),
            _ => capitalise(&format!("{} and {}", parts[0], parts[1])),
        }
    }
}

/// Instruments with a short title in brackets ("… (the Nelson Mandela
/// Rules)") go by it; other names read as they are.
fn display_name(c: &Characteristic) -> String {
    if let Some(short) = c
        .text
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .filter(|s| s.starts_with("the "))
    {
        return short.to_string();
    }
    c.text.clone()
}

/// Whether two label parts share a word (so one would repeat the other).
fn overlaps(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(crate::text::stem)
            .collect()
    };
    let wa = words(&a.to_lowercase());
    words(&b.to_lowercase()).iter().any(|w| wa.contains(w))
}
