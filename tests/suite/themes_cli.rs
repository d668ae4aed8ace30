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
