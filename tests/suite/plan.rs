//! The rapporteur's theme plan end to end: exported, edited (rename, move,
//! merge, split), applied with a new report added, updated, and refused
//! when it cannot be applied.

use crate::common::{seed_files, Rapporteur};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The Latin America and the Caribbean seed: the report that arrives late.
const LATE: &str = "004_f29162a344c7f65f.txt";

fn corpus_without_the_late_report(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for file in seed_files() {
        if !file.ends_with(LATE) {
            std::fs::copy(&file, corpus.join(file.file_name().unwrap())).unwrap();
        }
    }
    corpus
}

fn themes_of(plan: &toml::Table) -> Vec<toml::Table> {
    plan["theme"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_table().unwrap().clone())
        .collect()
}

fn ids(theme: &toml::Table) -> Vec<String> {
    theme["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn set_ids(theme: &mut toml::Table, ids: &[String]) {
    theme.insert(
        "recommendations".into(),
        toml::Value::Array(ids.iter().map(|s| toml::Value::String(s.clone())).collect()),
    );
}

fn synthesis(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("synthesis.json")).unwrap()).unwrap()
}

#[test]
fn every_decision_of_an_edited_plan_survives_a_rerun_with_a_new_report() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_without_the_late_report(dir.path());
    let plan_path = dir.path().join("themes.toml");
    Rapporteur::new()
        .current_dir(dir.path())
        .args(["plan", "corpus", "-o", "themes.toml", "-q"])
        .run()
        .success();
    let written = std::fs::read_to_string(&plan_path).unwrap();
    assert!(written.contains("    # Europe 17 (a): "), "{written}");

    // The rapporteur's edits, on agenda item 6: rename the first theme and
    // pin its label, move a recommendation into it, merge the next two
    // themes, split the last one.
    let mut plan: toml::Table = written.parse().unwrap();
    let mut themes = themes_of(&plan);
    let item6: Vec<usize> = (0..themes.len())
        .filter(|&i| themes[i]["agenda_item"].as_str() == Some("6"))
        .collect();
    assert!(item6.len() >= 4, "item 6 needs four themes to edit");
    let (first, second, third, last) = (item6[0], item6[1], item6[2], *item6.last().unwrap());
    let mut first_ids = ids(&themes[first]);
    let mut second_ids = ids(&themes[second]);
    let moved = second_ids.remove(0);
    first_ids.push(moved.clone());
    set_ids(&mut themes[first], &first_ids);
    themes[first].insert(
        "label".into(),
        "Cooperation as the rapporteur sees it".into(),
    );
    themes[first].insert("pinned_label".into(), true.into());
    let merged: Vec<String> = second_ids
        .iter()
        .chain(&ids(&themes[third]))
        .cloned()
        .collect();
    set_ids(&mut themes[second], &merged);
    themes[second].insert("label".into(), "Merged theme".into());
    let mut last_ids = ids(&themes[last]);
    let split_off = if last_ids.len() > 1 {
        vec![last_ids.pop().unwrap()]
    } else {
        // A singleton cannot be split: take one from the merged theme.
        let mut m = merged.clone();
        let taken = vec![m.pop().unwrap()];
        set_ids(&mut themes[second], &m);
        taken
    };
    set_ids(&mut themes[last], &last_ids);
    let mut split = toml::Table::new();
    split.insert("agenda_item".into(), "6".into());
    split.insert("label".into(), "Split theme".into());
    set_ids(&mut split, &split_off);
    themes.remove(third);
    themes.push(split);
    plan.insert(
        "theme".into(),
        toml::Value::Array(themes.iter().cloned().map(toml::Value::Table).collect()),
    );
    std::fs::write(&plan_path, toml::to_string(&plan).unwrap()).unwrap();

    // The late report arrives; the draft is run again with the plan.
    std::fs::copy(crate::common::seeds_dir().join(LATE), corpus.join(LATE)).unwrap();
    let run = Rapporteur::new()
        .current_dir(dir.path())
        .args(["draft", "corpus", "--plan", "themes.toml", "-o", "out"])
        .run()
        .success();
    let json = synthesis(&dir.path().join("out"));
    let planned: Vec<&Value> = json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["source"] == "plan")
        .collect();
    assert_eq!(planned.len(), themes.len(), "every planned theme is kept");
    for (expected, got) in themes
        .iter()
        .filter(|t| t["agenda_item"].as_str() == Some("6"))
        .zip(planned.iter().filter(|t| t["agenda_item"] == "6"))
    {
        assert_eq!(got["label"].as_str(), expected["label"].as_str());
        let got_ids: Vec<&str> = got["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let want = ids(expected);
        // Planned members come in the plan's order; a new recommendation
        // that clearly belongs may follow them.
        assert_eq!(&got_ids[..want.len()], want.as_slice(), "{}", got["label"]);
        for extra in &got_ids[want.len()..] {
            assert!(extra.starts_with("LAC-"), "{extra} was not in the plan");
        }
    }
    // Every late recommendation is in the output, flagged once.
    let late: Vec<&str> = json["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .filter(|id| id.starts_with("LAC-"))
        .collect();
    assert_eq!(late.len(), 8);
    for id in &late {
        assert_eq!(
            run.stderr
                .matches(&format!("{id} is new since the plan"))
                .count(),
            1,
            "{}",
            run.stderr
        );
    }
    let new_since: Vec<&str> = json["plan"]["new_since_plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(new_since, late);

    // `--update` writes them into the plan; the next run has nothing new.
    Rapporteur::new()
        .current_dir(dir.path())
        .args(["plan", "corpus", "--plan", "themes.toml", "--update", "-q"])
        .run()
        .success();
    let updated = std::fs::read_to_string(&plan_path).unwrap();
    for id in &late {
        assert!(
            updated.contains(&format!("\"{id}\"")),
            "{id} missing from\n{updated}"
        );
    }
    assert!(updated.contains("Cooperation as the rapporteur sees it"));
    assert!(updated.contains("pinned_label = true"));
    let again = Rapporteur::new()
        .current_dir(dir.path())
        .args(["themes", "corpus", "--plan", "themes.toml", "--json"])
        .run()
        .success();
    assert!(
        !again.stderr.contains("new since the plan"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_plan_with_an_id_twice_is_refused_with_both_lines_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("themes.toml"),
        "[[theme]]\nagenda_item = \"6\"\nlabel = \"One\"\nrecommendations = [\"EU-6-17a\"]\n\n[[theme]]\nagenda_item = \"6\"\nlabel = \"Two\"\nrecommendations = [\n  \"EU-6-17b\",\n  \"EU-6-17a\",\n]\n",
    )
    .unwrap();
    let run = Rapporteur::new()
        .current_dir(dir.path())
        .args(["draft", "--plan", "themes.toml", "-o", "out"])
        .run()
        .expect_code(1);
    assert!(run.stderr.contains("themes.toml:11"), "{}", run.stderr);
    assert!(
        run.stderr.contains("already placed at line 4"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("out").exists(), "nothing is written");
}

#[test]
fn an_existing_plan_is_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("themes.toml");
    std::fs::write(&plan, "# my edits\n").unwrap();
    let run = Rapporteur::new()
        .current_dir(dir.path())
        .args(["plan", "-o", "themes.toml"])
        .run()
        .expect_code(2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "# my edits\n");
    Rapporteur::new()
        .current_dir(dir.path())
        .args(["plan", "-o", "themes.toml", "--force", "-q"])
        .run()
        .success();
    assert!(std::fs::read_to_string(&plan)
        .unwrap()
        .contains("[[theme]]"));
}
