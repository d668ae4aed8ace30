//! Recommendations with the same wording: large corpora repeat
//! recommendations word for word, and the stages that read texts
//! (similarity, positions) read each wording once.

use crate::model::{EntityAnnotations, Recommendation};
use std::sync::Arc;

/// Recommendations grouped by wording (the same text with the same entity
/// mentions), so that later stages read each wording once: large corpora
/// repeat recommendations word for word. Wordings are numbered in the order
/// first met. Mentions count as the same when the annotations keep them as
/// one list (as they do for each distinct text): two equal lists kept apart
/// (only annotations made otherwise can do that) make two wordings, which
/// read alike, so nothing but a little time is lost.
pub struct Wordings<'a> {
    /// First recommendation of each wording.
    pub first: Vec<&'a Recommendation>,
    /// How many recommendations have each wording.
    pub count: Vec<u32>,
    /// Wording of each recommendation.
    pub of: Vec<u32>,
}

impl<'a> Wordings<'a> {
    pub fn of(recommendations: &[&'a Recommendation], annotations: &EntityAnnotations) -> Self {
        let mut wordings = Wordings {
            first: Vec::new(),
            count: Vec::new(),
            of: Vec::with_capacity(recommendations.len()),
        };
        // Recommendations are first told apart by their list of mentions
        // (annotations keep one per distinct text, so this is a number, not
        // a comparison), then by text against the list's first wording.
        // Other texts with the same list (possible only with annotations
        // made otherwise, or for recommendations the annotations do not
        // know, which share one list of no mentions) are hashed by text.
        let unknown = annotations.lists() as u32;
        let mut first_with: rustc_hash::FxHashMap<u32, u32> = Default::default();
        let mut more_with: rustc_hash::FxHashMap<(u32, &str), u32> = Default::default();
        for &r in recommendations {
            let list = annotations.list_of(&r.id).unwrap_or(unknown);
            let next = wordings.first.len() as u32;
            let first = *first_with.entry(list).or_insert(next);
            let wording = if first == next {
                next
            } else {
                let first_text = &wordings.first[first as usize].text;
                if Arc::ptr_eq(first_text, &r.text) || **first_text == *r.text {
                    first
                } else {
                    *more_with.entry((list, &*r.text)).or_insert(next)
                }
            };
            if wording == next {
                wordings.first.push(r);
                wordings.count.push(0);
            }
            wordings.count[wording as usize] += 1;
            wordings.of.push(wording);
        }
        wordings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, EntityMention};

    /// Same text and same mentions is one wording; the same text with other
    /// mentions (another gazetteer's annotations) is not.
    #[test]
    fn wordings_group_same_text_and_mentions_in_order_first_met() {
        let corpus = crate::ingest::read_corpus(&[]);
        let seeds: Vec<&Recommendation> = corpus.recommendations().take(2).collect();
        let copy = |r: &Recommendation, id: &str| Recommendation {
            id: id.to_string(),
            ..r.clone()
        };
        let (a, b) = (seeds[0], seeds[1]);
        assert_ne!(a.text, b.text);
        let (a_again, a_unannotated) = (copy(a, "again"), copy(a, "bare"));
        let mention = EntityMention {
            entity: "x".into(),
            name: "x".into(),
            kind: EntityKind::Topic,
            start: 0,
            end: 1,
            matched: "x".into(),
            broader: Vec::new(),
        };
        let annotations = EntityAnnotations::new(
            vec![vec![mention], Vec::new()],
            [
                (a.id.clone(), 0),
                (b.id.clone(), 1),
                ("again".to_string(), 0),
                ("bare".to_string(), 1),
            ],
        );
        let recommendations = [b, a, &a_again, &a_unannotated, b];
        let wordings = Wordings::of(&recommendations, &annotations);
        assert_eq!(wordings.of, [0, 1, 1, 2, 0]);
        assert_eq!(wordings.count, [2, 2, 1]);
        let firsts: Vec<&str> = wordings.first.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(firsts, [b.id.as_str(), a.id.as_str(), "bare"]);
    }
}
