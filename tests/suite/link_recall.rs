//! Recall of the link search against exact all-pairs scoring, on archives
//! where every recommendation is a new wording (no twins to fall back on):
//! the kept links must hold at least 99% of the links all-pairs scoring
//! keeps under the same rule (each recommendation its strongest links at or
//! above the threshold, ties to the lower index).

use rapporteur::model::Recommendation;
use rapporteur::similarity::{Similarity, MAX_LINKS_PER_RECOMMENDATION};
use std::collections::{BTreeMap, HashSet};

fn recall_on_distinct_corpus(size: usize, seed: u64) -> f64 {
    let seeds = rapporteur::ingest::read_corpus(&[]);
    let dir = tempfile::tempdir().unwrap();
    let reports = rapporteur::dev::synthetic::generate_distinct(&seeds, size, seed).unwrap();
    rapporteur::dev::synthetic::write_reports(dir.path(), &reports).unwrap();
    let corpus = rapporteur::ingest::read_corpus(&[dir.path().to_path_buf()]);
    let recommendations: Vec<Recommendation> = corpus.recommendations().cloned().collect();
    assert_eq!(recommendations.len(), size);
    let annotations = rapporteur::entities::Gazetteer::embedded().annotate(&recommendations);
    let mut items: BTreeMap<&str, Vec<&Recommendation>> = BTreeMap::new();
    for r in &recommendations {
        items.entry(&*r.agenda_item).or_default().push(r);
    }
    let (mut expected_total, mut found_total) = (0usize, 0usize);
    for members in items.values() {
        let similarity = Similarity::new(members, &annotations);
        let mut best: Vec<Vec<(f64, usize)>> = vec![Vec::new(); members.len()];
        for p in similarity.exact_links() {
            let (a, b) = (p.a as usize, p.b as usize);
            best[a].push((p.score, b));
            best[b].push((p.score, a));
        }
        let mut expected: HashSet<(usize, usize)> = HashSet::new();
        for (a, list) in best.iter_mut().enumerate() {
            list.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            list.truncate(MAX_LINKS_PER_RECOMMENDATION);
            expected.extend(list.iter().map(|&(_, b)| (a.min(b), a.max(b))));
        }
        let actual: HashSet<(usize, usize)> = similarity
            .links()
            .iter()
            .map(|p| (p.a as usize, p.b as usize))
            .collect();
        expected_total += expected.len();
        found_total += expected.intersection(&actual).count();
    }
    assert!(expected_total > size, "only {expected_total} links to find");
    let recall = found_total as f64 / expected_total as f64;
    eprintln!("link recall on {size} distinct wordings: {recall:.4} of {expected_total}");
    recall
}

#[test]
fn link_recall_on_2k_distinct_wordings_is_at_least_99_percent() {
    assert!(recall_on_distinct_corpus(2000, 11) >= 0.99);
}

/// All-pairs scoring of 5k takes a while in a debug build: run in release
/// (`cargo test --release -- --ignored link_recall`), as CI does.
#[test]
#[ignore]
fn link_recall_on_5k_distinct_wordings_is_at_least_99_percent() {
    assert!(recall_on_distinct_corpus(5000, 12) >= 0.99);
}
