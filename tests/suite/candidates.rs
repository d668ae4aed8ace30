//! Candidate generation loses no link: on a generated 1k corpus, every pair
//! that exact all-pairs scoring puts at or above the linking threshold is
//! among the candidate pairs of the inverted index.

use crate::common::{by_agenda_item, read_generated};
use rapporteur::model::{EntityAnnotations, Recommendation};
use rapporteur::similarity::{Similarity, LINK_THRESHOLD};
use std::collections::HashSet;

/// The recommendations of a generated 1k corpus, read back from its files,
/// with their entities.
fn generated_corpus(seed: u64) -> (Vec<Recommendation>, EntityAnnotations) {
    generated_corpus_of(1000, seed)
}

fn generated_corpus_of(size: usize, seed: u64) -> (Vec<Recommendation>, EntityAnnotations) {
    let seeds = rapporteur::ingest::read_corpus(&[]);
    let reports = rapporteur::dev::synthetic::generate(&seeds, size, seed).unwrap();
    read_generated(&reports, size)
}

#[test]
fn candidates_recall_every_linked_pair_on_a_1k_corpus() {
    let (recommendations, annotations) = generated_corpus(11);
    let items = by_agenda_item(&recommendations);
    let (mut linked, mut found) = (0usize, 0usize);
    for members in items.values() {
        let similarity = Similarity::new(members, &annotations);
        let candidates: HashSet<(usize, usize)> =
            similarity.candidate_pairs().into_iter().collect();
        for pair in similarity.exact_links() {
            assert!(pair.score >= LINK_THRESHOLD);
            linked += 1;
            if candidates.contains(&(pair.a as usize, pair.b as usize)) {
                found += 1;
            }
        }
        // The index does prune: fewer candidates than all pairs.
        let n = members.len();
        assert!(candidates.len() < n * (n - 1) / 2);
    }
    // Not vacuous: a 1k corpus of near variants has many linked pairs.
    assert!(linked > 1000, "only {linked} linked pairs");
    let recall = found as f64 / linked as f64;
    eprintln!("candidate recall: {found} of {linked} linked pairs");
    assert_eq!(
        recall, 1.0,
        "{found} of {linked} linked pairs were candidates"
    );
}

/// The links of the theme graph are exactly what all-pairs scoring gives
/// under the same rule (each recommendation keeps its strongest links at or
/// above the threshold, ties to the lower index; a link stays when either
/// end keeps it): the early stops of the probe and of exact scoring lose
/// nothing.
#[test]
fn links_equal_the_strongest_links_of_all_pairs_scoring_on_a_1k_corpus() {
    links_equal_the_strongest_links_of_all_pairs_scoring(1000, 5);
}

/// The same at 10k, where agenda items hold thousands of near duplicates
/// (all-pairs scoring takes minutes: run with `--ignored` in release).
#[test]
#[ignore]
fn links_equal_the_strongest_links_of_all_pairs_scoring_on_a_10k_corpus() {
    links_equal_the_strongest_links_of_all_pairs_scoring(10_000, 5);
}

fn links_equal_the_strongest_links_of_all_pairs_scoring(size: usize, seed: u64) {
    use rapporteur::similarity::MAX_LINKS_PER_RECOMMENDATION;
    let (recommendations, annotations) = generated_corpus_of(size, seed);
    let items = by_agenda_item(&recommendations);
    let mut compared = 0;
    for members in items.values() {
        let similarity = Similarity::new(members, &annotations);
        let n = members.len();
        let mut best: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
        for p in similarity.exact_links() {
            let (a, b) = (p.a as usize, p.b as usize);
            best[a].push((p.score, b));
            best[b].push((p.score, a));
        }
        let mut expected: Vec<(usize, usize, f64)> = Vec::new();
        for (a, list) in best.iter_mut().enumerate() {
            list.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            list.truncate(MAX_LINKS_PER_RECOMMENDATION);
            expected.extend(list.iter().map(|&(s, b)| (a.min(b), a.max(b), s)));
        }
        expected.sort_by_key(|&(a, b, _)| (a, b));
        expected.dedup_by_key(|&mut (a, b, _)| (a, b));
        let actual: Vec<(usize, usize, f64)> = similarity
            .links()
            .iter()
            .map(|p| (p.a as usize, p.b as usize, p.score))
            .collect();
        assert_eq!(actual.len(), expected.len());
        assert_eq!(actual, expected);
        compared += actual.len();
    }
    assert!(compared > 1000, "only {compared} links");
}
