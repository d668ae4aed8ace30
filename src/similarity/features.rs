//! The vocabulary of a set of recommendations and each one's weighted
//! feature vector (what the module documentation of `similarity` describes).
//!
//! Built in four passes so that no feature's text is copied per occurrence:
//! recommendations are tokenised in parallel; their words, phrases and
//! entities are then numbered in one pass, borrowing their text; only the
//! distinct features get an owned [`FeatureKey`], sorted to give the final
//! ids (words, then phrases, then entities, each alphabetically, so that
//! ids never depend on input order); vectors are weighted in parallel.

use super::score::{
    Feature, FeatureKey, Profile, ENTITY_BOOST, IMPLIED_WEIGHT, LEAD_BOOST, MIN_DOCUMENT_FREQUENCY,
    PHRASE_BOOST,
};
use crate::model::{EntityAnnotations, EntityKind, Recommendation};
use crate::text::{tokenise, Token};
use crate::wordings::Wordings;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// A feature as first met, its text borrowed; phrases name their two words
/// by their numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum KeyRef<'a> {
    Word(&'a str),
    Phrase(u32, u32),
    Entity(&'a str),
}

/// One recommendation's content words, with the written form of each
/// phrase (by the index of its first word).
struct Tokenised<'a> {
    recommendation: &'a Recommendation,
    tokens: Vec<Token>,
    phrases: Vec<(usize, String)>,
}

/// One occurrence of a feature in a recommendation.
#[derive(Debug, Clone, Copy)]
struct Event {
    feature: u32,
    /// Relative position in the text, in [0, 1).
    at: f64,
    /// Only implied by a narrower entity, never named.
    implied: bool,
    /// Implied as what the narrower entity concerns (see
    /// [`crate::model::BroaderEntity::concerns`]).
    concerns: bool,
}

/// How one feature occurs in one recommendation.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    feature: u32,
    count: u32,
    /// Relative position of the first occurrence in the text, in [0, 1).
    first: f64,
    implied: bool,
    /// Only ever implied as what a named entity concerns.
    concerned: bool,
}

/// Numbers features as they are met, and counts their written forms.
#[derive(Default)]
struct Numbering<'a> {
    numbers: FxHashMap<KeyRef<'a>, u32>,
    keys: Vec<KeyRef<'a>>,
    forms: FxHashMap<(u32, &'a str), u32>,
}

impl<'a> Numbering<'a> {
    /// The number of `key`, written `written` by `times` recommendations.
    fn number(&mut self, key: KeyRef<'a>, written: &'a str, times: u32) -> u32 {
        let next = self.keys.len() as u32;
        let number = *self.numbers.entry(key).or_insert(next);
        if number == next {
            self.keys.push(key);
        }
        *self.forms.entry((number, written)).or_insert(0) += times;
        number
    }
}

/// The features (in final id order), the profile of each wording and the
/// wording of each recommendation.
pub(super) fn build(
    recommendations: &[&Recommendation],
    annotations: &EntityAnnotations,
) -> (Vec<Feature>, Vec<Profile>, Vec<u32>) {
    let wordings = Wordings::of(recommendations, annotations);
    let tokenised: Vec<Tokenised> = wordings
        .first
        .par_iter()
        .map(|r| tokenised(r, annotations))
        .collect();
    let mut numbering = Numbering::default();
    let mut events: Vec<Vec<Event>> = Vec::with_capacity(tokenised.len());
    let mut sequences: Vec<Vec<u32>> = Vec::with_capacity(tokenised.len());
    for (t, &times) in tokenised.iter().zip(&wordings.count) {
        let (e, s) = number_features(t, annotations, times, &mut numbering);
        events.push(e);
        sequences.push(s);
    }
    let occurrences: Vec<Vec<Occurrence>> = events.into_par_iter().map(fold_events).collect();

    let Numbering { keys, forms, .. } = numbering;
    let owned: Vec<FeatureKey> = keys
        .iter()
        .map(|k| match *k {
            KeyRef::Word(stem) => FeatureKey::Word(stem.to_string()),
            KeyRef::Phrase(a, b) => FeatureKey::Phrase(stem_of(&keys, a), stem_of(&keys, b)),
            KeyRef::Entity(id) => FeatureKey::Entity(id.to_string()),
        })
        .collect();
    let mut order: Vec<u32> = (0..owned.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| owned[a as usize].cmp(&owned[b as usize]));
    let mut final_id = vec![0u32; owned.len()];
    for (id, &number) in order.iter().enumerate() {
        final_id[number as usize] = id as u32;
    }

    let mut document_frequency = vec![0u32; owned.len()];
    for (occurrences, &times) in occurrences.iter().zip(&wordings.count) {
        for o in occurrences {
            document_frequency[o.feature as usize] += times;
        }
    }
    let texts = most_frequent_forms(&forms, owned.len());
    // Kinds of the entities named (an entity only implied has none).
    let kinds: FxHashMap<&str, EntityKind> = wordings
        .first
        .iter()
        .flat_map(|r| annotations.of(&r.id))
        .map(|m| (m.entity.as_str(), m.kind))
        .collect();
    let n = recommendations.len() as f64;
    // Each key is moved out once, into its place in final order.
    let mut owned: Vec<Option<FeatureKey>> = owned.into_iter().map(Some).collect();
    let features: Vec<Feature> = order
        .iter()
        .map(|&number| {
            let number = number as usize;
            let df = document_frequency[number];
            let key = owned[number].take().expect("each feature once");
            let entity_kind = match &key {
                FeatureKey::Entity(id) => kinds.get(id.as_str()).copied(),
                _ => None,
            };
            Feature {
                key,
                text: texts[number].unwrap_or_default().to_string(),
                entity_kind,
                document_frequency: df,
                idf: ((1.0 + n) / (1.0 + df as f64)).ln() + 1.0,
            }
        })
        .collect();
    let profiles: Vec<Profile> = occurrences
        .par_iter()
        .zip(sequences.par_iter())
        .map(|(occurrences, sequence)| profile(occurrences, sequence, &features, &final_id))
        .collect();
    (features, profiles, wordings.of)
}

/// The stem a word's number stands for.
fn stem_of(keys: &[KeyRef], number: u32) -> String {
    match keys[number as usize] {
        KeyRef::Word(stem) => stem.to_string(),
        _ => unreachable!("phrases are numbered by their words"),
    }
}

fn tokenised<'a>(r: &'a Recommendation, annotations: &EntityAnnotations) -> Tokenised<'a> {
    let tokens = tokenise(&r.text, annotations.of(&r.id));
    let phrases = tokens
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| pair[0].clause == pair[1].clause && pair[0].stem != pair[1].stem)
        .map(|(i, pair)| (i, phrase_text(&r.text, &pair[0], &pair[1])))
        .collect();
    Tokenised {
        recommendation: r,
        tokens,
        phrases,
    }
}

/// Numbers one recommendation's features; returns their occurrences in
/// the order words, phrases, named entities, implied entities (the order
/// [`fold_events`] relies on) and its sequence of word numbers.
fn number_features<'a>(
    t: &'a Tokenised,
    annotations: &'a EntityAnnotations,
    times: u32,
    numbering: &mut Numbering<'a>,
) -> (Vec<Event>, Vec<u32>) {
    let r = t.recommendation;
    let mentions = annotations.of(&r.id);
    let length = r.text.len().max(1) as f64;
    let mut events = Vec::with_capacity(2 * t.tokens.len() + mentions.len());
    let mut sequence = Vec::with_capacity(t.tokens.len());
    for token in &t.tokens {
        let feature = numbering.number(KeyRef::Word(&token.stem), &token.word, times);
        sequence.push(feature);
        events.push(Event {
            feature,
            at: token.start as f64 / length,
            implied: false,
            concerns: false,
        });
    }
    for (i, written) in &t.phrases {
        let key = KeyRef::Phrase(sequence[*i], sequence[*i + 1]);
        events.push(Event {
            feature: numbering.number(key, written, times),
            at: t.tokens[*i].start as f64 / length,
            implied: false,
            concerns: false,
        });
    }
    for m in mentions {
        // Member States named in a recommendation mark who proposed it, not
        // what it is about.
        if m.kind == EntityKind::MemberState {
            continue;
        }
        events.push(Event {
            feature: numbering.number(KeyRef::Entity(&m.entity), &m.name, times),
            at: m.start as f64 / length,
            implied: false,
            concerns: false,
        });
    }
    for m in mentions {
        for b in &m.broader {
            events.push(Event {
                feature: numbering.number(KeyRef::Entity(&b.entity), &b.name, times),
                at: m.start as f64 / length,
                implied: true,
                concerns: b.concerns,
            });
        }
    }
    (events, sequence)
}

/// One occurrence per feature: named occurrences are counted and the
/// earliest kept; a feature only implied counts 0 and keeps where it was
/// first implied.
fn fold_events(mut events: Vec<Event>) -> Vec<Occurrence> {
    // Stable: a feature's events stay in text-processing order.
    events.sort_by_key(|e| e.feature);
    let mut out: Vec<Occurrence> = Vec::new();
    for e in events {
        let o = match out.last_mut() {
            Some(o) if o.feature == e.feature => o,
            _ => {
                out.push(Occurrence {
                    feature: e.feature,
                    count: 0,
                    first: e.at,
                    implied: e.implied,
                    concerned: e.concerns,
                });
                out.last_mut().expect("just pushed")
            }
        };
        if e.implied {
            o.concerned &= e.concerns;
            continue;
        }
        o.count += 1;
        o.first = o.first.min(e.at);
        o.implied = false;
        o.concerned = false;
    }
    out
}

/// Each feature's most frequent written form (ties: the first in
/// alphabetical order).
fn most_frequent_forms<'a>(
    forms: &FxHashMap<(u32, &'a str), u32>,
    n: usize,
) -> Vec<Option<&'a str>> {
    let mut best: Vec<Option<(u32, &str)>> = vec![None; n];
    for (&(feature, form), &count) in forms {
        let slot = &mut best[feature as usize];
        let better = match slot {
            None => true,
            Some((c, f)) => count > *c || (count == *c && form < *f),
        };
        if better {
            *slot = Some((count, form));
        }
    }
    best.into_iter().map(|b| b.map(|(_, f)| f)).collect()
}

/// How a phrase reads: the text as written when only a short function word
/// stands between its words ("coordination and partnerships"), else its two
/// words.
fn phrase_text(text: &str, a: &Token, b: &Token) -> String {
    let end = b.start + b.word.len();
    let written = text.get(a.start..end).unwrap_or_default();
    let words = written.split_whitespace().count();
    if words <= 3
        && written
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
    {
        written.to_lowercase()
    } else {
        format!("{} {}", a.word, b.word)
    }
}

/// Weight of a feature by where it first occurs: recommendations state
/// their main ask first and add details after, so a feature at the start
/// counts up to `1 + LEAD_BOOST` times one at the end.
fn lead_weight(first: f64) -> f64 {
    1.0 + LEAD_BOOST * (1.0 - first.clamp(0.0, 1.0)).powi(2)
}

fn profile(
    occurrences: &[Occurrence],
    sequence: &[u32],
    features: &[Feature],
    final_id: &[u32],
) -> Profile {
    let mut vector: Vec<(u32, f64)> = occurrences
        .iter()
        .filter_map(|o| {
            let id = final_id[o.feature as usize];
            let feature = &features[id as usize];
            // A feature no other recommendation holds cannot be shared;
            // left in, it would only dilute the weights of those that can.
            if feature.document_frequency < MIN_DOCUMENT_FREQUENCY {
                return None;
            }
            let boost = match feature.key {
                FeatureKey::Word(_) => 1.0,
                FeatureKey::Phrase(..) => PHRASE_BOOST,
                FeatureKey::Entity(_) if o.implied => ENTITY_BOOST * IMPLIED_WEIGHT,
                FeatureKey::Entity(_) => ENTITY_BOOST,
            };
            let tf = 1.0 + (o.count.max(1) as f64).ln();
            Some((id, boost * tf * feature.idf * lead_weight(o.first)))
        })
        .collect();
    vector.sort_by_key(|&(id, _)| id);
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut vector {
            *w /= norm;
        }
    }
    let mut present: Vec<u32> = occurrences
        .iter()
        .map(|o| final_id[o.feature as usize])
        .collect();
    present.sort_unstable();
    present.dedup();
    let mut concerned: Vec<u32> = occurrences
        .iter()
        .filter(|o| o.concerned)
        .map(|o| final_id[o.feature as usize])
        .collect();
    concerned.sort_unstable();
    concerned.dedup();
    Profile {
        concerned,
        vector,
        sequence: sequence.iter().map(|&w| final_id[w as usize]).collect(),
        present,
    }
}
