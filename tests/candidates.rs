//! Candidate generation loses no link: on a generated 1k corpus, every pair
//! that exact all-pairs scoring puts at or above the linking threshold is
//! among the candidate pairs of the inverted index.

use rapporteur::model::Recommendation;
use rapporteur::similarity::{Similarity, LINK_THRESHOLD};
use std::collections::{BTreeMap, HashSet};

#[test]
fn candidates_recall_every_linked_pair_on_a_1k_corpus() {
    let seeds = rapporteur::ingest::read_corpus(&[]);
    let dir = tempfile::tempdir().unwrap();
    let reports = rapporteur::synthetic::generate(&seeds, 1000, 11).unwrap();
    rapporteur::synthetic::write_reports(dir.path(), &reports).unwrap();
    let corpus = rapporteur::ingest::read_corpus(&[dir.path().to_path_buf()]);
    let recommendations: Vec<Recommendation> = corpus.recommendations().cloned().collect();
    assert_eq!(recommendations.len(), 1000);
    let annotations = rapporteur::pipeline::gazetteer(None)
        .unwrap()
        .annotate(&recommendations);

    let mut items: BTreeMap<&str, Vec<&Recommendation>> = BTreeMap::new();
    for r in &recommendations {
        items.entry(r.agenda_item.as_str()).or_default().push(r);
    }
    let (mut linked, mut found) = (0usize, 0usize);
    for members in items.values() {
        let similarity = Similarity::new(members, &annotations);
        let candidates: HashSet<(usize, usize)> =
            similarity.candidate_pairs().into_iter().collect();
        for pair in similarity.exact_links() {
            assert!(pair.score >= LINK_THRESHOLD);
            linked += 1;
            if candidates.contains(&(pair.a, pair.b)) {
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
