//! Themes on the seed reports: the dev gold, the size cap, determinism.

use rapporteur::model::{PlacementRule, Synthesis};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use crate::common::{root as crate_root, seed_files, seeds_synthesis};
use rapporteur::pipeline::Input;

/// The evaluation script and dev gold, where this checkout has them.
fn evaluation() -> Option<(PathBuf, PathBuf)> {
    let dir = crate_root().join("../shared/eval");
    let (script, gold) = (dir.join("score_themes.py"), dir.join("seeds-dev-gold.json"));
    (script.is_file() && gold.is_file()).then_some((script, gold))
}

fn python() -> Option<&'static str> {
    Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
}

#[test]
fn dev_gold_scores_one_with_no_theme_too_large() {
    let (Some((script, gold)), Some(python)) = (evaluation(), python()) else {
        eprintln!("note: score_themes.py or python3 not found; dev gold not checked");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("themes.json");
    std::fs::write(
        &json,
        serde_json::to_string_pretty(&seeds_synthesis()).unwrap(),
    )
    .unwrap();
    let out = Command::new(python)
        .arg(&script)
        .arg(&json)
        .arg(&gold)
        .arg("--min")
        .arg("1.0")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "score_themes.py failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("score 1.000"), "{stdout}");
    assert!(!stdout.contains("too large"), "{stdout}");
}

#[test]
fn every_seed_recommendation_is_in_exactly_one_theme_within_the_cap() {
    let s = seeds_synthesis();
    assert!(s.recommendations.len() >= 60);
    let mut seen = BTreeSet::new();
    for t in &s.themes {
        let item_size = s
            .recommendations
            .iter()
            .filter(|r| *r.agenda_item == *t.theme.agenda_item)
            .count();
        let size = t.theme.recommendations.len();
        assert!(
            size <= 3 || size * 4 <= item_size,
            "theme {} holds {size} of {item_size}",
            t.theme.id
        );
        for id in &t.theme.recommendations {
            assert!(seen.insert(id.clone()), "{id} in two themes");
            let r = s.recommendations.iter().find(|r| &r.id == id).unwrap();
            assert_eq!(&*r.agenda_item, t.theme.agenda_item.as_str());
        }
    }
    assert_eq!(seen.len(), s.recommendations.len());
}

/// Replaces "seed themes are few" (at most 15 themes, 3 singletons), which
/// encoded the old coarse cut: now a theme of one is a lone ask, placed
/// alone, and every member of a larger theme is there by its strong links.
#[test]
fn seed_themes_of_one_are_lone_asks_and_larger_ones_are_linked() {
    let outcome = rapporteur::pipeline::run(&Input::paths(vec![crate::common::seeds_dir()]))
        .expect("the pipeline runs on the seeds");
    for t in outcome.theme_graph.themes() {
        for id in &t.recommendations {
            let placement = outcome.theme_graph.placement(id).unwrap();
            assert_eq!(placement.theme, t.id);
            match (&placement.rule, t.recommendations.len()) {
                (PlacementRule::Alone { .. }, 1) => assert_eq!(t.regions.len(), 1),
                (PlacementRule::Linked { links }, n) if n > 1 => {
                    assert!(!links.is_empty(), "{id} in {} without a link", t.id);
                    assert!(links.iter().all(|l| t.recommendations.contains(&l.id)));
                }
                (rule, n) => panic!("{id} in a theme of {n}: {rule:?}"),
            }
        }
    }
}

#[test]
fn same_synthesis_whatever_the_order_of_input_files() {
    let mut files = seed_files();
    let forward = rapporteur::pipeline::run(&Input::paths(files.clone()))
        .unwrap()
        .synthesis;
    files.reverse();
    let backward = rapporteur::pipeline::run(&Input::paths(files))
        .unwrap()
        .synthesis;
    let json = |s: &Synthesis| {
        let mut s = s.clone();
        // File names are given in a different order; everything else must match.
        s.diagnostics.clear();
        serde_json::to_string(&s.themes).unwrap()
    };
    assert_eq!(json(&forward), json(&backward));
}
