//! Criterion benchmarks of the whole pipeline (after reading) on the seeds
//! and on a generated corpus of 1k recommendations. Kept quick: the scaling
//! figures come from `rapporteur bench`.

use criterion::{criterion_group, criterion_main, Criterion};
use rapporteur::model::Corpus;
use rapporteur::render::{JsonRenderer, Renderer, TemplateSet};
use std::hint::black_box;

/// The seeds and a generated 1k corpus, read once.
fn corpora() -> Vec<(&'static str, Corpus)> {
    let seeds = rapporteur::ingest::read_corpus(&[]);
    let dir = tempfile::tempdir().expect("temporary folder");
    let reports = rapporteur::synthetic::generate(&seeds, 1000, 1).expect("seeds");
    rapporteur::synthetic::write_reports(dir.path(), &reports).expect("writable");
    let generated = rapporteur::ingest::read_corpus(&[dir.path().to_path_buf()]);
    vec![("seeds", seeds), ("generated_1k", generated)]
}

fn pipeline(c: &mut Criterion) {
    let gazetteer = rapporteur::pipeline::gazetteer(None).expect("embedded gazetteer");
    let templates = TemplateSet::load(None).expect("embedded templates");
    let mut group = c.benchmark_group("draft_json");
    group.sample_size(10);
    for (name, corpus) in corpora() {
        group.bench_function(name, |b| {
            b.iter(|| {
                let outcome =
                    rapporteur::pipeline::analyse(corpus.clone(), &gazetteer).expect("pipeline");
                black_box(JsonRenderer.render(&outcome.synthesis, &templates))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
