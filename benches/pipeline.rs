//! Criterion benchmarks of the whole pipeline (reading included) and the
//! JSON rendering, on the seeds and on a generated corpus of 1k
//! recommendations. Kept quick: the scaling figures come from
//! `rapporteur bench`.

use criterion::{criterion_group, criterion_main, Criterion};
use rapporteur::pipeline::Input;
use rapporteur::render::{Draft, JsonRenderer, Renderer, TemplateSet};
use std::hint::black_box;

fn pipeline(c: &mut Criterion) {
    let seeds = rapporteur::ingest::read_corpus(&[]);
    let dir = tempfile::tempdir().expect("temporary folder");
    let reports = rapporteur::dev::synthetic::generate(&seeds, 1000, 1).expect("seeds");
    rapporteur::dev::synthetic::write_reports(dir.path(), &reports).expect("writable");
    let templates = TemplateSet::load(None).expect("embedded templates");
    let mut group = c.benchmark_group("draft_json");
    group.sample_size(10);
    for (name, paths) in [
        ("seeds", vec![]),
        ("generated_1k", vec![dir.path().to_path_buf()]),
    ] {
        let input = Input::paths(paths);
        group.bench_function(name, |b| {
            b.iter(|| {
                let outcome = rapporteur::pipeline::run(&input).expect("pipeline");
                black_box(JsonRenderer.render(&Draft::new(&outcome.synthesis, &templates)))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
