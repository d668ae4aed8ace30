//! Feature vectors and the combined, explained score of a pair.

use crate::model::{EntityAnnotations, EntityKind, Link, Recommendation};

/// Weight of an entity feature relative to a word: entities are curated
/// names whose aliases are already resolved, so one shared entity says more
/// than one shared word of the same rarity.
pub const ENTITY_BOOST: f64 = 1.6;
/// Weight of a two-word phrase relative to a word.
pub const PHRASE_BOOST: f64 = 0.8;
/// Share of the score given to word order (normalised Levenshtein distance
/// over the content words, see [`super::order`]); the rest is the
/// cosine of the weighted features.
pub const ORDER_WEIGHT: f64 = 0.05;

/// Features held by fewer recommendations are left out of the vectors.
pub const MIN_DOCUMENT_FREQUENCY: u32 = 2;

/// What a feature stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeatureKey {
    /// A stemmed content word.
    Word(String),
    /// Two stemmed content words that follow each other in a clause.
    Phrase(String, String),
    /// A gazetteer entity id.
    Entity(String),
}

/// A feature of an agenda item's vocabulary.
#[derive(Debug, Clone)]
pub struct Feature {
    pub key: FeatureKey,
    /// Readable form: the most frequent written form, or the entity's name.
    pub text: String,
    /// Entity kind, for entity features.
    pub entity_kind: Option<EntityKind>,
    /// Number of recommendations holding the feature.
    pub document_frequency: u32,
    /// Smoothed inverse document frequency, `ln((1 + n) / (1 + df)) + 1`.
    pub idf: f64,
}

impl Feature {
    pub fn is_entity(&self) -> bool {
        matches!(self.key, FeatureKey::Entity(_))
    }
}

/// One recommendation as the score sees it.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// (feature id, weight), sorted by feature id, unit norm.
    pub vector: Vec<(u32, f64)>,
    /// Content word ids in text order, for the word-order part.
    pub sequence: Vec<u32>,
    /// Every feature the recommendation holds, shared or not, sorted,
    /// without repeats (for labels and descriptions, not for scores).
    pub present: Vec<u32>,
    /// Entities the recommendation only implies as what a named entity
    /// concerns (see [`crate::model::BroaderEntity::concerns`]), sorted.
    pub concerned: Vec<u32>,
}

/// The vector and word sequence of each group of twins, packed in flat
/// arrays: choosing one group's links scores dozens of others picked
/// across the whole item, and reaching each through its own profile's
/// separate allocations was a chain of cache misses. A vector's ids and
/// weights are apart, so that telling which features another vector shares
/// reads only the ids (a quarter of the bytes), and the weights only of
/// the shared ones.
#[derive(Debug, Clone)]
pub struct GroupProfiles {
    /// Where each group's vector and sequence start (one more entry, for
    /// the end of the last).
    starts: Vec<(u32, u32)>,
    ids: Vec<u32>,
    weights: Vec<f64>,
    sequences: Vec<u32>,
}

impl GroupProfiles {
    pub fn new<'a>(profiles: impl Iterator<Item = &'a Profile>) -> Self {
        let mut packed = GroupProfiles {
            starts: Vec::new(),
            ids: Vec::new(),
            weights: Vec::new(),
            sequences: Vec::new(),
        };
        for profile in profiles {
            packed
                .starts
                .push((packed.ids.len() as u32, packed.sequences.len() as u32));
            packed.ids.extend(profile.vector.iter().map(|&(id, _)| id));
            packed
                .weights
                .extend(profile.vector.iter().map(|&(_, w)| w));
            packed.sequences.extend_from_slice(&profile.sequence);
        }
        packed
            .starts
            .push((packed.ids.len() as u32, packed.sequences.len() as u32));
        packed
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// A group's vector: its feature ids, ascending, and their weights.
    pub fn vector(&self, group: usize) -> (&[u32], &[f64]) {
        let range = self.starts[group].0 as usize..self.starts[group + 1].0 as usize;
        (&self.ids[range.clone()], &self.weights[range])
    }

    pub fn sequence(&self, group: usize) -> &[u32] {
        &self.sequences[self.starts[group].1 as usize..self.starts[group + 1].1 as usize]
    }

    /// Reads the start of each of `groups`' vector and sequence, so that
    /// they are in cache when scored: these loads do not depend on one
    /// another and overlap, where scoring the groups one after the other
    /// waits for each miss in turn.
    pub fn warm(&self, groups: impl Iterator<Item = usize>) {
        let mut read = 0u64;
        for group in groups {
            let (vector, sequence) = self.starts[group];
            let id = self.ids.get(vector as usize).copied().unwrap_or(0);
            let weight = self.weights.get(vector as usize).map_or(0, |w| w.to_bits());
            let word = self.sequences.get(sequence as usize).copied().unwrap_or(0);
            read = read
                .wrapping_add(id as u64)
                .wrapping_add(weight)
                .wrapping_add(word as u64);
        }
        std::hint::black_box(read);
    }
}

/// The vocabulary and profiles of a set of recommendations (normally one
/// agenda item, so that rarity is judged against the item's own texts).
#[derive(Debug, Clone)]
pub struct FeatureSpace {
    pub features: Vec<Feature>,
    /// Profile of each wording (see [`crate::wordings::Wordings`]): a large
    /// corpus repeats recommendations word for word, and each wording's
    /// profile is kept once.
    wording_profiles: Vec<Profile>,
    /// Wording of each recommendation.
    wording_of: Vec<u32>,
    /// Id of the first entity feature: features are numbered in
    /// [`FeatureKey`] order, words and phrases before entities, so a score
    /// tells entity features apart without looking each one up.
    entities_from: u32,
    /// Whether each feature is evidence ([`FeatureSpace::is_evidence`]):
    /// asked of every shared feature of every link, and a flag per feature
    /// is read faster than the feature itself.
    evidence: Vec<bool>,
}

/// Share of an agenda item above which a word is ubiquitous: held by more
/// recommendations than one theme may hold (a quarter of the item, see
/// `themes::MAX_THEME_SHARE`), it is the item's vocabulary and cannot tell
/// one theme from another, so it is no evidence that two recommendations
/// belong together. Entities and concepts have their own share,
/// [`CONCEPT_UBIQUITOUS_SHARE`].
pub const UBIQUITOUS_SHARE: f64 = 0.25;

/// Most recommendations of an item of `n` a word may be held by and still
/// count as evidence.
pub fn ubiquity_bound(n: usize) -> u32 {
    share_bound(n, UBIQUITOUS_SHARE)
}

/// `share` of `n` recommendations, rounded down, never fewer than three.
fn share_bound(n: usize, share: f64) -> u32 {
    ((n as f64 * share).floor() as u32).max(3)
}

/// Share of an agenda item above which an entity or concept is ubiquitous.
/// A concept is a heading a rapporteur groups by, and the headings an
/// item's title announces (cooperation, training, technologies) are held
/// by many of its recommendations: past a quarter they still tell their
/// theme from the others, and the theme cap splits them by what else the
/// members share. Only a concept held by most of the item tells nothing.
/// (At a quarter, one more mention made a whole theme fall apart.)
pub const CONCEPT_UBIQUITOUS_SHARE: f64 = 0.5;

/// What a shared feature counts as, as evidence of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    /// A word or phrase.
    Word,
    /// An entity or concept.
    Entity,
    /// An entity one of the pair only implies as what a named entity of
    /// another kind concerns.
    Concerned,
}

/// Shared evidence features of a pair, by kind (see
/// [`FeatureSpace::evidence_counts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvidenceCounts {
    pub words: u32,
    pub entities: u32,
    /// Entities one of the pair only implies as what a named entity
    /// concerns.
    pub concerned: u32,
}

/// The parts of a score, before evidence is attached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreParts {
    pub words: f64,
    pub entities: f64,
    pub order: f64,
}

impl ScoreParts {
    pub fn lexical(&self) -> f64 {
        (1.0 - ORDER_WEIGHT) * self.words + ORDER_WEIGHT * self.order
    }
    pub fn entity(&self) -> f64 {
        (1.0 - ORDER_WEIGHT) * self.entities
    }
    pub fn total(&self) -> f64 {
        (self.lexical() + self.entity()).clamp(0.0, 1.0)
    }
}

/// A vector spread over all feature ids (see [`FeatureSpace::with_spread`]).
pub struct Spread<'a> {
    weights: &'a [f64],
    /// One bit per feature id, set for the spread vector's features: a
    /// 64th the size of `weights`, so that the many ids another vector does
    /// not share are ruled out from cache.
    present: &'a [u64],
    entities_from: u32,
}

impl Spread<'_> {
    fn holds(&self, id: u32) -> bool {
        self.present[id as usize / 64] & (1 << (id % 64)) != 0
    }

    /// Dot product with a vector (its ids, ascending, and their weights),
    /// split into word and entity parts, as [`FeatureSpace::dot_parts`]
    /// gives it.
    pub fn dot_parts(&self, (ids, weights): (&[u32], &[f64])) -> (f64, f64) {
        let mut sums = SharedSums::default();
        for (i, &id) in ids.iter().enumerate() {
            if self.holds(id) {
                sums.add(
                    id,
                    self.entities_from,
                    weights[i] * self.weights[id as usize],
                );
            }
        }
        (sums.words, sums.entities)
    }

    /// The ids of `ids` the spread vector shares, in order.
    pub fn shared<'v>(&'v self, ids: &'v [u32]) -> impl Iterator<Item = u32> + 'v {
        ids.iter().copied().filter(move |&id| self.holds(id))
    }
}

/// Products of shared feature weights, summed apart for words (and
/// phrases) and for entities, since a score reports the two parts; always
/// summed in feature order, so every way of computing a score agrees.
#[derive(Debug, Clone, Copy, Default)]
struct SharedSums {
    words: f64,
    entities: f64,
}

impl SharedSums {
    fn add(&mut self, id: u32, entities_from: u32, product: f64) {
        if id >= entities_from {
            self.entities += product;
        } else {
            self.words += product;
        }
    }
}

/// Weight of a feature by where it first occurs: recommendations state
/// their main ask first and add details after, so a feature at the start
/// counts up to `1 + LEAD_BOOST` times one at the end.
pub const LEAD_BOOST: f64 = 1.0;
/// Weight of an entity only implied by a narrower one (a mention of mutual
/// legal assistance implies international cooperation), relative to one the
/// text names.
pub const IMPLIED_WEIGHT: f64 = 1.0;

impl FeatureSpace {
    pub fn build(recommendations: &[&Recommendation], annotations: &EntityAnnotations) -> Self {
        let (features, wording_profiles, wording_of) =
            super::features::build(recommendations, annotations);
        let entities_from = features
            .iter()
            .position(Feature::is_entity)
            .unwrap_or(features.len()) as u32;
        let words_above = ubiquity_bound(wording_of.len());
        let concepts_above = share_bound(wording_of.len(), CONCEPT_UBIQUITOUS_SHARE);
        let evidence = features
            .iter()
            .map(|f| match f.key {
                FeatureKey::Phrase(..) => false,
                FeatureKey::Word(_) => f.document_frequency <= words_above,
                FeatureKey::Entity(_) => f.document_frequency <= concepts_above,
            })
            .collect();
        FeatureSpace {
            features,
            evidence,
            wording_profiles,
            wording_of,
            entities_from,
        }
    }

    /// Number of recommendations.
    pub fn len(&self) -> usize {
        self.wording_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.wording_of.is_empty()
    }

    /// The profile of recommendation `i`.
    pub fn profile(&self, i: usize) -> &Profile {
        &self.wording_profiles[self.wording_of[i] as usize]
    }

    /// The profile of each wording, and the wording of each recommendation.
    pub fn wordings(&self) -> (&[Profile], &[u32]) {
        (&self.wording_profiles, &self.wording_of)
    }

    /// The vocabulary, the profile of each wording and the wording of each
    /// recommendation, given up when the scores are all computed.
    pub fn into_parts(self) -> (Vec<Feature>, Vec<Profile>, Vec<u32>) {
        (self.features, self.wording_profiles, self.wording_of)
    }

    /// Dot product of the feature vectors, split into word and entity parts.
    pub fn dot_parts(&self, a: usize, b: usize) -> (f64, f64) {
        let mut sums = SharedSums::default();
        for_shared(
            &self.profile(a).vector,
            &self.profile(b).vector,
            |id, wa, wb| sums.add(id, self.entities_from, wa * wb),
        );
        (sums.words, sums.entities)
    }

    /// Runs `f` with `a`'s vector spread over all feature ids, so that its
    /// dot product with each of many others costs only their length (the
    /// buffer is the thread's own, allocated once).
    pub fn with_spread<T>(&self, a: usize, f: impl FnOnce(&Spread) -> T) -> T {
        thread_local! {
            static WEIGHTS: std::cell::RefCell<(Vec<f64>, Vec<u64>)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        WEIGHTS.with(|cell| {
            let (weights, present) = &mut *cell.borrow_mut();
            if weights.len() < self.features.len() {
                weights.resize(self.features.len(), 0.0);
                present.resize(self.features.len().div_ceil(64), 0);
            }
            let vector = &self.profile(a).vector;
            for &(id, w) in vector {
                weights[id as usize] = w;
                present[id as usize / 64] |= 1 << (id % 64);
            }
            let value = f(&Spread {
                weights,
                present,
                entities_from: self.entities_from,
            });
            for &(id, _) in vector {
                weights[id as usize] = 0.0;
                present[id as usize / 64] = 0;
            }
            value
        })
    }

    /// Whether a feature is evidence that its holders belong together: a
    /// word held by at most a quarter of the item, or an entity or concept
    /// held by at most half of it (phrases are made of words, and count
    /// through them).
    pub fn is_evidence(&self, id: u32) -> bool {
        self.evidence[id as usize]
    }

    /// The shared features that are evidence ([`FeatureSpace::is_evidence`]),
    /// as `(product of weights, feature id)`, strongest first.
    pub fn evidence_shared(&self, a: usize, b: usize) -> Vec<(f64, u32)> {
        let mut shared = Vec::new();
        for_shared(
            &self.profile(a).vector,
            &self.profile(b).vector,
            |id, wa, wb| {
                if self.is_evidence(id) {
                    shared.push((wa * wb, id));
                }
            },
        );
        shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        shared
    }

    /// How many shared evidence features are of each [`EvidenceKind`].
    pub fn evidence_counts(&self, a: usize, b: usize) -> EvidenceCounts {
        let mut counts = EvidenceCounts::default();
        for_shared(
            &self.profile(a).vector,
            &self.profile(b).vector,
            |id, _, _| self.count_evidence(a, b, id, &mut counts),
        );
        counts
    }

    /// [`FeatureSpace::evidence_counts`] from the features the pair
    /// shares.
    pub fn evidence_counts_of(
        &self,
        a: usize,
        b: usize,
        shared: impl Iterator<Item = u32>,
    ) -> EvidenceCounts {
        let mut counts = EvidenceCounts::default();
        for id in shared {
            self.count_evidence(a, b, id, &mut counts);
        }
        counts
    }

    /// Counts shared feature `id` of the pair `(a, b)` by its kind, if it
    /// is evidence.
    fn count_evidence(&self, a: usize, b: usize, id: u32, counts: &mut EvidenceCounts) {
        if !self.is_evidence(id) {
            return;
        }
        match self.evidence_kind(a, b, id) {
            EvidenceKind::Word => counts.words += 1,
            EvidenceKind::Entity => counts.entities += 1,
            EvidenceKind::Concerned => counts.concerned += 1,
        }
    }

    /// What shared feature `id` of the pair `(a, b)` counts as, as evidence.
    pub fn evidence_kind(&self, a: usize, b: usize, id: u32) -> EvidenceKind {
        let concerned = |i: usize| self.profile(i).concerned.binary_search(&id).is_ok();
        if id < self.entities_from {
            EvidenceKind::Word
        } else if concerned(a) || concerned(b) {
            EvidenceKind::Concerned
        } else {
            EvidenceKind::Entity
        }
    }

    /// Similarity of word order: 1 - normalised Levenshtein distance over the
    /// content words.
    pub fn order_similarity(&self, a: usize, b: usize) -> f64 {
        super::order::order_similarity(&self.profile(a).sequence, &self.profile(b).sequence)
    }

    pub fn parts(&self, a: usize, b: usize) -> ScoreParts {
        let (words, entities) = self.dot_parts(a, b);
        ScoreParts {
            words,
            entities,
            order: self.order_similarity(a, b),
        }
    }

    /// The combined score with its evidence (up to [`MAX_TERMS_SHOWN`]
    /// shared terms and as many shared entities).
    pub fn link(&self, a: usize, b: usize) -> Link {
        self.link_showing(a, b, MAX_TERMS_SHOWN)
    }

    /// The combined score with at most `shown` shared terms and `shown`
    /// shared entities as evidence, strongest first.
    pub fn link_showing(&self, a: usize, b: usize, shown: usize) -> Link {
        self.link_with_order(a, b, shown, self.order_similarity(a, b))
    }

    /// As [`FeatureSpace::link_showing`], with the word-order part already
    /// computed (it is the costly part of a score).
    pub fn link_with_order(&self, a: usize, b: usize, shown: usize, order: f64) -> Link {
        let mut shared: Vec<(f64, u32)> = Vec::new();
        for_shared(
            &self.profile(a).vector,
            &self.profile(b).vector,
            |id, wa, wb| shared.push((wa * wb, id)),
        );
        let mut sums = SharedSums::default();
        for &(product, id) in &shared {
            sums.add(id, self.entities_from, product);
        }
        let parts = ScoreParts {
            words: sums.words,
            entities: sums.entities,
            order,
        };
        // Strongest evidence first; ties in feature order.
        shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let mut shared_terms = Vec::new();
        let mut shared_entities = Vec::new();
        for (_, id) in shared {
            if shared_terms.len() == shown && shared_entities.len() == shown {
                break;
            }
            let f = &self.features[id as usize];
            if f.is_entity() {
                if shared_entities.len() < shown {
                    shared_entities.push(f.text.clone());
                }
            } else if shared_terms.len() < shown
                && !shared_terms
                    .iter()
                    .any(|t: &String| contains_word(t, &f.text))
            {
                shared_terms.push(f.text.clone());
            }
        }
        Link {
            score: round(parts.total()),
            lexical: round(parts.lexical()),
            entity: round(parts.entity()),
            shared_terms,
            shared_entities,
        }
    }
}

/// Shared terms, and shared entities, shown as evidence of a link (the
/// strongest ones).
pub const MAX_TERMS_SHOWN: usize = 6;

/// Whether the phrase `outer` already shows the word or phrase `inner`.
fn contains_word(outer: &str, inner: &str) -> bool {
    let words: Vec<&str> = outer.split(' ').collect();
    inner.split(' ').all(|w| words.contains(&w))
}

/// Scores are reported to 4 decimals so that output is stable across
/// platforms and summation orders.
pub fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Calls `f(id, weight_a, weight_b)` for each feature both sorted vectors hold.
pub fn for_shared(a: &[(u32, f64)], b: &[(u32, f64)], mut f: impl FnMut(u32, f64, f64)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i].0, a[i].1, b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
}
