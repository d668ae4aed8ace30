//! Similarity: one combined, explained score per pair of recommendations,
//! from normalised tokens and shared entities.
//!
//! Each recommendation becomes a vector of weighted features: its content
//! words (Snowball stems, without stop words and the boilerplate every
//! recommendation shares, see [`tokenise`]), the two-word phrases they form,
//! and the gazetteer entities it names (aliases resolved, so `AI` and
//! `artificial intelligence` are one feature; words inside a mention are not
//! counted again as words), plus the broader entities the gazetteer says
//! they imply (mutual legal assistance implies international cooperation).
//! Weights are sublinear term frequency times inverse document frequency
//! within the agenda item, so a feature few recommendations share weighs
//! more; entities get a boost ([`score::ENTITY_BOOST`]); a feature counts up
//! to twice as much at the start of a recommendation, where its main ask
//! stands, as at the end ([`score::LEAD_BOOST`]); features only one
//! recommendation holds are left out, since they cannot be shared and would
//! only dilute the others. The score of a pair is
//! `(1 - w) * cosine + w * order` where `order` is one minus the normalised
//! Levenshtein distance (strsim) between the two sequences of content words
//! and `w` is [`score::ORDER_WEIGHT`]. It is symmetric and in [0, 1]; its
//! lexical part is what words and word order bring, its entity part what
//! shared entities bring, and the two add up to the score.
//!
//! Two recommendations are linked when the score reaches [`LINK_THRESHOLD`].
//! Candidate pairs come from an inverted index ([`candidates`]) that holds
//! every pair able to reach the threshold (up to a work budget that only
//! very large agenda items reach), so no all-pairs comparison is needed.

mod candidates;
mod features;
pub mod order;
mod score;
mod twins;

use crate::model::{
    natural_cmp, EntityAnnotations, ItemSimilarity, Link, Recommendation, ScoredLink, Term,
    TermKind,
};
use candidates::{Accumulator, FeatureIndex};
use rayon::prelude::*;
pub use score::{ubiquity_bound, CONCEPT_UBIQUITOUS_SHARE, UBIQUITOUS_SHARE};
use score::{EvidenceKind, FeatureKey, FeatureSpace, GroupProfiles, ORDER_WEIGHT};
use std::collections::{BTreeMap, BinaryHeap};
use std::sync::Arc;
use twins::Twins;

/// Score from which two recommendations are linked in the theme graph.
pub const LINK_THRESHOLD: f64 = 0.1;

/// Shared words (not ubiquitous in the item) a link needs to be strong when
/// it shares no entity: one common word is chance, two begin a subject.
pub const MIN_SHARED_WORDS: u32 = 2;

/// Whether a link with this shared evidence (words and entities not
/// ubiquitous in the item, see [`UBIQUITOUS_SHARE`] and
/// [`CONCEPT_UBIQUITOUS_SHARE`]) is strong: a shared
/// entity or concept, or [`MIN_SHARED_WORDS`] pieces of lesser evidence,
/// each a shared word or a *concerned* entity: one that a text only
/// implies as what an entity it names concerns. A text about the
/// Convention against Corruption is about the Convention, not thereby
/// about corruption; alone, that inference is as weak as one common word.
/// (A concept implied as a kind, as training is a form of
/// capacity-building, counts in full.)
pub fn is_strong(words: u32, entities: u32, concerned: u32) -> bool {
    entities >= 1 || words + concerned >= MIN_SHARED_WORDS
}

/// What a pair shares that tells it apart from the rest of its item: the
/// evidence a strong link needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Shared content words not ubiquitous in the item, strongest first.
    pub words: Vec<String>,
    /// Shared entities and concepts not ubiquitous in the item.
    pub entities: Vec<String>,
    /// Shared entities, not ubiquitous in the item, that one of the pair
    /// only implies as what an entity it names concerns.
    pub concerned: Vec<String>,
}

impl Evidence {
    pub fn is_strong(&self) -> bool {
        is_strong(
            self.words.len() as u32,
            self.entities.len() as u32,
            self.concerned.len() as u32,
        )
    }
}

/// Shared terms, and shared entities, a theme graph's edge carries.
pub const EDGE_EVIDENCE_SHOWN: usize = 1;

/// Most links kept per recommendation (its strongest ones; a link stays when
/// either end keeps it), so that graphs of huge corpora full of near
/// duplicates stay linear in size.
pub const MAX_LINKS_PER_RECOMMENDATION: usize = 15;

/// Most pairs scored exactly (word order included) per recommendation when
/// choosing its links; reached only where hundreds of near duplicates tie on
/// their feature part (large synthetic corpora).
pub const MAX_SCORED_PER_RECOMMENDATION: usize = 4 * MAX_LINKS_PER_RECOMMENDATION;

/// Most prospects a probe scores on their features (a sparse dot product
/// each), the most promising first.
const MAX_PROSPECTS: usize = 4 * MAX_LINKS_PER_RECOMMENDATION;

// The index bound needs the word-order part alone to be unable to link.
const _: () = assert!(ORDER_WEIGHT < LINK_THRESHOLD);

/// Every Congress agenda item of `recommendations`, in natural order, with
/// the places of its recommendations in the list, in node order: the
/// stage's input, one agenda item at a time ([`score_item`]).
pub fn agenda_items(recommendations: &[Recommendation]) -> Vec<(&str, Vec<usize>)> {
    let mut items: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in recommendations.iter().enumerate() {
        items.entry(&*r.agenda_item).or_default().push(i);
    }
    let mut items: Vec<(&str, Vec<usize>)> = items.into_iter().collect();
    items.sort_by(|a, b| natural_cmp(a.0, b.0));
    for (_, members) in &mut items {
        members.sort_by(|&a, &b| node_order(&recommendations[a], &recommendations[b]));
    }
    items
}

/// The recommendations of one agenda item, in node order (as
/// [`agenda_items`] and [`score_item`] number them).
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

/// Node order: region, paragraph, letter (`z` before `aa`), id; so that
/// scores, links and themes never depend on the order of the input.
fn node_order(a: &Recommendation, b: &Recommendation) -> std::cmp::Ordering {
    (a.region, a.paragraph, a.letter.len(), &a.letter, &a.id).cmp(&(
        b.region,
        b.paragraph,
        b.letter.len(),
        &b.letter,
        &b.id,
    ))
}

/// The similarity stage on one agenda item: its `members` (places in
/// `recommendations`, in node order) scored, their links found with their
/// evidence, their twins grouped, and the item's vocabulary handed on.
pub fn score_item(
    agenda_item: &str,
    recommendations: &[Recommendation],
    members: Vec<usize>,
    annotations: &EntityAnnotations,
) -> ItemSimilarity {
    let refs: Vec<&Recommendation> = members.iter().map(|&i| &recommendations[i]).collect();
    let similarity = Similarity::new(&refs, annotations);
    let pairs = similarity.links();
    let evidence = similarity.edge_links(&pairs);
    let links = pairs
        .iter()
        .zip(evidence)
        .map(|(p, evidence)| ScoredLink {
            a: p.a,
            b: p.b,
            score: p.score,
            strong: p.strong,
            evidence,
        })
        .collect();
    let twins = similarity.twin_groups();
    let (features, profiles, wording_of) = similarity.space.into_parts();
    let terms = features
        .into_iter()
        .map(|f| Term {
            heading: match &f.key {
                FeatureKey::Entity(id) => annotations.heading(id).map(str::to_string),
                _ => None,
            },
            kind: match f.key {
                FeatureKey::Word(_) => TermKind::Word,
                FeatureKey::Phrase(..) => TermKind::Phrase,
                FeatureKey::Entity(_) => TermKind::Entity(f.entity_kind),
            },
            text: f.text,
            document_frequency: f.document_frequency,
            idf: f.idf,
        })
        .collect();
    ItemSimilarity {
        agenda_item: agenda_item.to_string(),
        members,
        links,
        twins,
        terms,
        wording_terms: profiles.into_iter().map(|p| p.present).collect(),
        wording_of,
    }
}

/// Scores between the recommendations of one set (normally one agenda item).
#[derive(Debug, Clone)]
pub struct Similarity {
    space: FeatureSpace,
    twins: Twins,
    index: FeatureIndex,
    groups: GroupProfiles,
}

/// A scored pair, by position in the set given to [`Similarity::new`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    /// 32-bit positions: a large agenda item has millions of pairs, and
    /// smaller pairs are less memory to fill, sort and read.
    pub a: u32,
    pub b: u32,
    pub score: f64,
    /// The word-order part of the score (so that the graph's edges need
    /// not compute it again).
    pub order: f64,
    /// Whether the pair shares the evidence a strong link needs
    /// ([`is_strong`]).
    pub strong: bool,
}

/// A pair of groups of twins to score exactly, with an upper bound of its
/// score; the heap yields the highest bound first (ties: lower group
/// first).
#[derive(Debug, Clone, Copy)]
struct Prospect {
    upper: f64,
    b: usize,
    /// The probed part of the cosine, a lower bound of it.
    lower: f64,
}

impl PartialEq for Prospect {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Prospect {}

impl Ord for Prospect {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.upper
            .total_cmp(&other.upper)
            .then(other.b.cmp(&self.b))
    }
}

impl PartialOrd for Prospect {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Slack for bounds compared with scores rounded to 4 decimals and with the
/// index's f32 weights.
const ROUNDING_SLACK: f64 = 1e-4;

impl Similarity {
    pub fn new(recommendations: &[&Recommendation], annotations: &EntityAnnotations) -> Self {
        let space = FeatureSpace::build(recommendations, annotations);
        let (profiles, wording_of) = space.wordings();
        let twins = Twins::of(profiles, wording_of);
        let groups = GroupProfiles::new((0..twins.len()).map(|g| space.profile(twins.first(g))));
        let index = FeatureIndex::build(&space.features, &groups);
        Similarity {
            space,
            twins,
            index,
            groups,
        }
    }

    /// Groups of recommendations that read the same to the score (twins:
    /// same weighted features, same word sequence), each ascending, in
    /// order of first member; every recommendation is in exactly one.
    pub fn twin_groups(&self) -> Vec<Vec<usize>> {
        (0..self.twins.len())
            .map(|g| self.twins.members(g).iter().map(|&m| m as usize).collect())
            .collect()
    }

    /// The evidence pair `(a, b)` shares (what makes a link strong).
    pub fn evidence(&self, a: usize, b: usize) -> Evidence {
        let mut evidence = Evidence::default();
        for (_, id) in self.space.evidence_shared(a, b) {
            let text = self.space.features[id as usize].text.clone();
            match self.space.evidence_kind(a, b, id) {
                EvidenceKind::Word => evidence.words.push(text),
                EvidenceKind::Entity => evidence.entities.push(text),
                EvidenceKind::Concerned => evidence.concerned.push(text),
            }
        }
        evidence
    }

    fn strong(&self, a: usize, b: usize) -> bool {
        let c = self.space.evidence_counts(a, b);
        is_strong(c.words, c.entities, c.concerned)
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

    /// The score of any pair with its full evidence (what `explain` shows).
    pub fn link(&self, a: usize, b: usize) -> Link {
        self.space.link(a, b)
    }

    /// The score of a pair with only its strongest shared term and strongest
    /// shared entity as evidence: what a theme graph's edges carry, since a
    /// graph of a large corpus has millions of edges and full evidence on
    /// each would dominate memory. [`Similarity::link`] gives the rest.
    pub fn edge_link(&self, pair: &ScoredPair) -> Link {
        self.space.link_with_order(
            pair.a as usize,
            pair.b as usize,
            EDGE_EVIDENCE_SHOWN,
            pair.order,
        )
    }

    /// [`Similarity::edge_link`] of each pair, computed once per pair of
    /// groups of twins and shared (twins show the same evidence, whichever
    /// of them a link joins).
    pub fn edge_links(&self, pairs: &[ScoredPair]) -> Vec<Arc<Link>> {
        let mut distinct: Vec<&ScoredPair> = Vec::new();
        let mut seen: rustc_hash::FxHashMap<(usize, usize), u32> = Default::default();
        let which: Vec<u32> = pairs
            .iter()
            .map(|p| {
                let (ga, gb) = (
                    self.twins.group_of(p.a as usize),
                    self.twins.group_of(p.b as usize),
                );
                *seen.entry((ga.min(gb), ga.max(gb))).or_insert_with(|| {
                    distinct.push(p);
                    distinct.len() as u32 - 1
                })
            })
            .collect();
        let links: Vec<Arc<Link>> = distinct
            .par_iter()
            .map(|p| Arc::new(self.edge_link(p)))
            .collect();
        which
            .iter()
            .map(|&i| Arc::clone(&links[i as usize]))
            .collect()
    }

    /// Every pair `(a, b)`, `a < b`, the inverted index proposes: the
    /// members of the groups of twins a probe reaches, and twins among
    /// themselves (they share every feature). Can be quadratic in the size
    /// of large groups: for tests and `explain`, not for linking.
    pub fn candidate_pairs(&self) -> Vec<(usize, usize)> {
        let groups = self.twins.len();
        let mut pairs: Vec<(usize, usize)> = (0..groups)
            .into_par_iter()
            .flat_map_iter(|g| {
                let (found, _) = Accumulator::with(groups, |acc| self.index.probe(g, acc));
                let mut others: Vec<usize> = found
                    .into_iter()
                    .map(|reached| reached.other as usize)
                    .collect();
                if !self.space.profile(self.twins.first(g)).vector.is_empty() {
                    others.push(g);
                }
                let members = self.twins.members(g);
                let mut pairs = Vec::new();
                for other in others {
                    for &a in members {
                        for &b in self.twins.members(other) {
                            if a < b {
                                pairs.push((a as usize, b as usize));
                            }
                        }
                    }
                }
                pairs
            })
            .collect();
        pairs.sort_unstable();
        pairs
    }

    /// The links of the theme graph: pairs scoring at least
    /// [`LINK_THRESHOLD`], each recommendation keeping its
    /// [`MAX_LINKS_PER_RECOMMENDATION`] strongest, ties to the lower index (a
    /// link stays when either end keeps it). Sorted by `(a, b)`.
    ///
    /// Searched once per group of twins ([`twins`]): the strongest links of
    /// a recommendation lie among its own twins and the members of the
    /// [`MAX_LINKS_PER_RECOMMENDATION`] strongest other groups (groups
    /// ranked by score, ties to the lower first member), since each of those
    /// groups already holds one recommendation ranked before any member of
    /// a group outside them.
    pub fn links(&self) -> Vec<ScoredPair> {
        let groups = self.twins.len();
        let handed: Vec<Vec<ScoredPair>> = (0..groups)
            .into_par_iter()
            .map(|g| {
                let strongest = Accumulator::with(groups, |acc| self.strongest_groups_of(g, acc));
                self.hand_out(g, &strongest)
            })
            .collect();
        // A pair kept by both ends comes twice, the same both times.
        let mut placed: Vec<ScoredPair> = handed.into_iter().flatten().collect();
        placed.sort_unstable_by_key(|p| (p.a, p.b));
        placed.dedup_by_key(|p| (p.a, p.b));
        placed
    }

    /// The strongest links of each member of group `g`, from the group's
    /// own twins and the members of its `strongest` other groups
    /// (`(score, group, word order, strong)`, best first).
    fn hand_out(&self, g: usize, strongest: &[(f64, usize, f64, bool)]) -> Vec<ScoredPair> {
        let k = MAX_LINKS_PER_RECOMMENDATION;
        let members = self.twins.members(g);
        // (score, recommendation, word order), best first; no group can
        // give more than k (k + 1 for the own group, which includes the
        // member itself).
        // (score, recommendation, word order, strong), best first.
        let mut ranked: Vec<(f64, u32, f64, bool)> = Vec::new();
        if let [a, b, ..] = *members {
            let parts = self.space.parts(a as usize, b as usize);
            let score = score::round(parts.total());
            if score >= LINK_THRESHOLD {
                let strong = self.strong(a as usize, b as usize);
                ranked.extend(
                    members
                        .iter()
                        .take(k + 1)
                        .map(|&m| (score, m, parts.order, strong)),
                );
            }
        }
        for &(score, other, order, strong) in strongest {
            let others = self.twins.members(other);
            ranked.extend(others.iter().take(k).map(|&m| (score, m, order, strong)));
        }
        ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        members
            .iter()
            .flat_map(|&a| {
                ranked
                    .iter()
                    .filter(move |&&(_, b, _, _)| b != a)
                    .take(k)
                    .map(move |&(score, b, order, strong)| ScoredPair {
                        a: a.min(b),
                        b: a.max(b),
                        score,
                        order,
                        strong,
                    })
            })
            .collect()
    }

    /// The strongest other groups of twins of group `g`: its
    /// [`MAX_LINKS_PER_RECOMMENDATION`] best scores at or above the
    /// threshold, ties to the lower group, as `(score, group, word order,
    /// strong)`, best first.
    ///
    /// Exact scores (with the word-order part, a Levenshtein distance) are
    /// computed best prospect first and only while a pair can still enter
    /// the kept set: its upper bound (the probed part of the cosine plus
    /// what the features the probe skipped and word order can add) is
    /// compared with the weakest score kept so far.
    fn strongest_groups_of(&self, g: usize, acc: &mut Accumulator) -> Vec<(f64, usize, f64, bool)> {
        let w = ORDER_WEIGHT;
        let k = MAX_LINKS_PER_RECOMMENDATION;
        // A pair the probe never reached scores at most (1 - w) * skipped + w;
        // the probe may stop once k pairs are surely above that, with room
        // for rounding to 4 decimals and the f32 weights of the index.
        let margin = (w + ROUNDING_SLACK) / (1.0 - w);
        let probed = self.index.probe_nearest(g, acc, k, margin);
        let skipped = probed.skipped;
        // The probed part of a cosine is a lower bound of it (weights are
        // positive), so k pairs surely score at least the k-th largest lower
        // bound: once that reaches the threshold, no pair whose upper bound
        // stays below it can be kept. Such pairs would be popped only after
        // those k, when the weakest kept score already rules them out; left
        // out here, they cost no place in the heap. With a few thousand
        // groups of near variants, that is most of them.
        let bar = probed.kth.map_or(LINK_THRESHOLD, |kth| {
            ((1.0 - w) * kth - ROUNDING_SLACK).max(LINK_THRESHOLD)
        });
        // The work per probe is bounded by what can still enter the kept
        // set: at most MAX_PROSPECTS are scored exactly, the most promising
        // first. With every feature probed the bounds are tight and the
        // cap is rarely reached; when the probe skipped the most common
        // features, the bounds are loose for everyone alike, and the
        // probed part of the cosine (what the rarer, heavier features
        // give) ranks the prospects instead. Recall against all-pairs
        // scoring is measured by a test on corpora of distinct wordings.
        let rank = |p: &Prospect| if skipped.is_none() { p.upper } else { p.lower };
        let best_first =
            |x: &Prospect, y: &Prospect| rank(y).total_cmp(&rank(x)).then(x.b.cmp(&y.b));
        // Trimmed to the best MAX_PROSPECTS whenever it holds twice that:
        // a group ranked after the last one kept then has MAX_PROSPECTS
        // before it, and is not even stored.
        let mut prospects: Vec<Prospect> = Vec::with_capacity(2 * MAX_PROSPECTS);
        let mut floor: Option<Prospect> = None;
        let trim = |prospects: &mut Vec<Prospect>| {
            prospects.select_nth_unstable_by(MAX_PROSPECTS - 1, best_first);
            prospects.truncate(MAX_PROSPECTS);
        };
        let by_lower = !skipped.is_none();
        acc.drain(|reached| {
            // Ranked by the probed part (as `best_first` does), a group
            // after the floor is ruled out before its bound, which costs a
            // square root, is computed: most groups reached are.
            let b = reached.other as usize;
            if by_lower
                && floor.is_some_and(|f| f.lower.total_cmp(&reached.dot).then(b.cmp(&f.b)).is_gt())
            {
                return;
            }
            let upper = (1.0 - w) * reached.upper_dot(skipped) + w;
            if upper + ROUNDING_SLACK < bar {
                return;
            }
            let prospect = Prospect {
                upper,
                b,
                lower: reached.dot,
            };
            if floor.is_some_and(|f| best_first(&prospect, &f).is_gt()) {
                return;
            }
            prospects.push(prospect);
            if prospects.len() == 2 * MAX_PROSPECTS {
                trim(&mut prospects);
                floor = Some(prospects[MAX_PROSPECTS - 1]);
            }
        });
        if prospects.len() > MAX_PROSPECTS {
            trim(&mut prospects);
        }
        self.groups.warm(prospects.iter().map(|p| p.b));
        // A heap, not a sorted list: usually only a few of the prospects
        // are taken before the bound stops the loop.
        let mut prospects: BinaryHeap<Prospect> = prospects.into();
        // Kept links, best first: (score, b, word order).
        let mut kept: Vec<(f64, usize, f64)> = Vec::with_capacity(k + 1);
        let weakest_kept = |kept: &Vec<(f64, usize, f64)>| {
            if kept.len() < k {
                LINK_THRESHOLD
            } else {
                kept[k - 1].0
            }
        };
        let mut ordered = 0;
        let a = self.twins.first(g);
        let own_sequence = self.groups.sequence(g);
        let pattern = order::Pattern::new(own_sequence);
        self.space.with_spread(a, |spread| {
            while let Some(Prospect { upper, b, .. }) = prospects.pop() {
                if upper + ROUNDING_SLACK < weakest_kept(&kept) {
                    break; // prospects are sorted: none after can enter
                }
                let (words, entities) = spread.dot_parts(self.groups.vector(b));
                if (1.0 - w) * (words + entities) + w + ROUNDING_SLACK < weakest_kept(&kept) {
                    continue;
                }
                if ordered == MAX_SCORED_PER_RECOMMENDATION {
                    // Only in dense regions of very large items: hundreds of near
                    // duplicates tie on their feature part.
                    break;
                }
                ordered += 1;
                let order = match &pattern {
                    Some(p) => p.similarity(self.groups.sequence(b)),
                    None => order::order_similarity(own_sequence, self.groups.sequence(b)),
                };
                let parts = score::ScoreParts {
                    words,
                    entities,
                    order,
                };
                let score = score::round(parts.total());
                if score < LINK_THRESHOLD {
                    continue;
                }
                let at = kept.partition_point(|&(s, kb, _)| s > score || (s == score && kb < b));
                if at < k {
                    kept.insert(at, (score, b, order));
                    kept.truncate(k);
                }
            }
            // Whether each kept link is strong, while the spread vector
            // is at hand.
            kept.iter()
                .map(|&(score, b, order)| {
                    let other = self.twins.first(b);
                    let shared = spread.shared(self.groups.vector(b).0);
                    let c = self.space.evidence_counts_of(a, other, shared);
                    (score, b, order, is_strong(c.words, c.entities, c.concerned))
                })
                .collect()
        })
    }

    /// Every pair scoring at least [`LINK_THRESHOLD`], by comparing all
    /// pairs. Quadratic: for tests and small sets only.
    pub fn exact_links(&self) -> Vec<ScoredPair> {
        let n = self.len();
        (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .map(|(a, b)| {
                let parts = self.space.parts(a, b);
                ScoredPair {
                    a: a as u32,
                    b: b as u32,
                    score: score::round(parts.total()),
                    order: parts.order,
                    strong: self.strong(a, b),
                }
            })
            .filter(|p| p.score >= LINK_THRESHOLD)
            .collect()
    }
}
