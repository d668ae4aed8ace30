//! The `themes` and `explain` commands on the seeds.

use crate::common::{command as rapporteur, seeds_dir as seeds};
use predicates::prelude::*;

#[test]
fn themes_json_has_recommendations_and_themes() {
    let out = rapporteur()
        .arg("themes")
        .arg(seeds())
        .arg("--json")
        .arg("-q")
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let recs = json["recommendations"].as_array().unwrap();
    let themes = json["themes"].as_array().unwrap();
    assert!(recs.len() >= 60);
    let members: usize = themes
        .iter()
        .map(|t| t["recommendations"].as_array().unwrap().len())
        .sum();
    assert_eq!(members, recs.len());
    for t in themes {
        assert!(t["id"].as_str().unwrap().contains('-'));
        assert!(!t["label"].as_str().unwrap().is_empty());
        assert!(t["position"]["convergence"].is_string());
    }
}

#[test]
fn themes_text_lists_items_themes_and_references() {
    rapporteur()
        .arg("themes")
        .arg(seeds())
        .arg("-q")
        .assert()
        .success()
        .stdout(predicate::str::contains("Agenda item 6"))
        .stdout(predicate::str::contains("6-01"))
        .stdout(predicate::str::contains("converging (AP, EU, LAC, WA)"))
        .stdout(predicate::str::contains("17 (m)"));
}

#[test]
fn themes_dot_is_a_graphviz_graph_with_theme_clusters() {
    rapporteur()
        .arg("themes")
        .arg(seeds())
        .arg("--dot")
        .arg("-q")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("graph themes {"))
        .stdout(predicate::str::contains("subgraph \"cluster_6-01\""))
        .stdout(predicate::str::contains(" -- "))
        .stdout(predicate::str::ends_with("}\n"));
}

fn dot_of_seeds() -> String {
    let out = rapporteur()
        .args(["themes", "--dot", "-q"])
        .arg(seeds())
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The theme map draws what a reviewer reads: a labelled cluster per theme,
/// within a theme only the links that hold it (a spanning forest: fewer
/// than its members), from each theme at most one dashed link out, every
/// recommendation filled with its region's colour.
#[test]
fn the_theme_map_draws_clusters_holding_links_and_regions() {
    let dot = dot_of_seeds();
    let synthesis = crate::common::seeds_synthesis();
    let clusters = dot.matches("subgraph \"cluster_").count();
    assert_eq!(clusters, synthesis.themes.len(), "one cluster per theme");
    assert!(
        dot.contains("subgraph cluster_regions"),
        "a legend of regions"
    );
    assert!(dot.contains("newrank=true"));
    let theme_of: std::collections::HashMap<&str, &str> = synthesis
        .themes
        .iter()
        .flat_map(|t| {
            t.theme
                .recommendations
                .iter()
                .map(move |r| (r.as_str(), t.theme.id.as_str()))
        })
        .collect();
    let mut within: std::collections::HashMap<&str, usize> = Default::default();
    let mut dashed = 0;
    for line in dot.lines().filter(|l| l.contains(" -- ")) {
        let ends: Vec<&str> = line
            .trim()
            .split(" -- ")
            .map(|e| e.split('"').nth(1).unwrap())
            .collect();
        let (ta, tb) = (theme_of[ends[0]], theme_of[ends[1]]);
        if line.contains("style=dashed") {
            assert_ne!(ta, tb, "{line}");
            dashed += 1;
        } else {
            assert_eq!(ta, tb, "a solid link holds one theme: {line}");
            *within.entry(ta).or_default() += 1;
        }
    }
    for t in &synthesis.themes {
        let drawn = within.get(t.theme.id.as_str()).copied().unwrap_or(0);
        assert!(
            drawn < t.theme.recommendations.len().max(1),
            "{}",
            t.theme.id
        );
    }
    assert!(dashed > 0 && dashed <= synthesis.themes.len());
    for r in &synthesis.recommendations {
        let colour = rapporteur::render::graph::region_colour(r.region);
        assert!(
            dot.contains(&format!("\"{}\" [fillcolor=\"{colour}\"]", r.id)),
            "{}",
            r.id
        );
    }
}

fn dot_installed() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The SVG plain `dot` makes of `source`, which it must lay out without a
/// word on stderr.
fn lay_out(source: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let source = source.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.trim().is_empty(), "dot complained: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_theme_map_lays_out_with_plain_dot() {
    if !dot_installed() {
        println!("skipped: Graphviz `dot` is not installed (apt install graphviz)");
        return;
    }
    let svg = lay_out(&dot_of_seeds());
    assert!(svg.contains("<svg") && svg.contains("6&#45;01 International cooperation"));
    // Another corpus than the seeds: a generated one of 300
    // recommendations, five regions, more themes.
    let dir = tempfile::tempdir().unwrap();
    crate::common::Rapporteur::new()
        .args(["generate", "--recommendations", "300", "-o"])
        .arg(dir.path())
        .run()
        .success();
    let generated = crate::common::Rapporteur::new()
        .args(["themes", "--dot", "-q"])
        .arg(dir.path())
        .run()
        .success();
    assert!(lay_out(&generated.stdout).contains("<svg"));

    let run = crate::common::Rapporteur::new()
        .args(["themes", "--svg", "-q"])
        .arg(seeds())
        .run()
        .success();
    assert!(run.stdout.contains("<svg"), "--svg runs dot");
}

#[test]
fn svg_without_graphviz_says_how_to_install_it() {
    let run = crate::common::Rapporteur::new()
        .env("PATH", "/nonexistent")
        .args(["themes", "--svg", "-q"])
        .arg(seeds())
        .run()
        .expect_code(1);
    assert!(
        run.stderr.contains("apt install graphviz"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("rapporteur themes --dot | dot -Tsvg"),
        "{}",
        run.stderr
    );
}

#[test]
fn explain_gives_score_evidence_and_verdict() {
    rapporteur()
        .args(["explain", "EU-6-17m", "AP-6-15l"])
        .arg(seeds())
        .arg("-q")
        .assert()
        .success()
        .stdout(predicate::str::contains("linking threshold"))
        .stdout(
            predicate::str::contains("shared entities: ")
                .and(predicate::str::contains("artificial intelligence")),
        )
        .stdout(predicate::str::contains("same theme"));
    rapporteur()
        .args(["explain", "AP-6-15e", "EU-6-17g"])
        .arg(seeds())
        .arg("-q")
        .assert()
        .success()
        .stdout(predicate::str::contains("different themes"));
}

#[test]
fn explain_unknown_id_is_not_a_usage_error() {
    rapporteur()
        .args(["explain", "EU-6-17m", "XX-9-99z"])
        .arg(seeds())
        .arg("-q")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("XX-9-99z"));
}

#[test]
fn a_bad_gazetteer_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entities.toml");
    std::fs::write(
        &path,
        "[[entity]]\nid = \"x\"\nname = \"X\"\nkind = \"galaxy\"\n",
    )
    .unwrap();
    rapporteur()
        .arg("themes")
        .arg(seeds())
        .arg("--entities")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("entities.toml:4:"));
}
