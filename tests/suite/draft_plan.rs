//! The draft's side of the rapporteur's plan: the introduction says how
//! many themes the plan set and how many recommendations were placed
//! automatically, and each recommendation new since the plan is marked, in
//! the notes, in its theme and in the annex, in Markdown, HTML and .docx.

use crate::common::{seed_files, Rapporteur};
use std::io::Read;
use std::path::Path;

/// The Latin America and the Caribbean seed arrives after the plan.
const LATE: &str = "004_f29162a344c7f65f.txt";

fn docx_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn a_draft_under_a_plan_says_what_the_plan_set_and_marks_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for file in seed_files() {
        if !file.ends_with(LATE) {
            std::fs::copy(&file, corpus.join(file.file_name().unwrap())).unwrap();
        }
    }
    Rapporteur::new()
        .current_dir(dir.path())
        .args(["plan", "corpus", "-o", "themes.toml", "-q"])
        .run()
        .success();
    // The late report arrives; the draft is made under the plan.
    std::fs::copy(
        seed_files().iter().find(|f| f.ends_with(LATE)).unwrap(),
        corpus.join(LATE),
    )
    .unwrap();
    Rapporteur::new()
        .current_dir(dir.path())
        .args([
            "draft",
            "corpus",
            "--plan",
            "themes.toml",
            "-o",
            "out",
            "-q",
        ])
        .run()
        .success();
    let md = std::fs::read_to_string(dir.path().join("out/synthesis.md")).unwrap();
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/synthesis.json")).unwrap(),
    )
    .unwrap();

    // What the plan decided, from the JSON, against what the draft says.
    let new: Vec<&str> = json["plan"]["new_since_plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(new.len(), 8, "the late report's eight recommendations");
    assert!(new.iter().all(|id| id.starts_with("LAC-")), "{new:?}");
    let themes = json["themes"].as_array().unwrap();
    let planned = themes.iter().filter(|t| t["source"] == "plan").count();
    assert!(planned > 0);
    let intro = md.lines().find(|l| l.starts_with("This draft")).unwrap();
    let said = if planned == themes.len() {
        format!("All {planned} themes follow the rapporteur's plan (themes.toml)")
    } else {
        format!("Of the {} themes, {planned}", themes.len())
    };
    assert!(intro.contains(&said), "{intro}");
    assert!(
        intro.contains(
            "eight recommendations not in the plan were placed automatically \
             and are marked as new since the plan"
        ),
        "{intro}"
    );

    // The notes name each new recommendation and its theme.
    let notes = &md[md.find("## Notes for the rapporteur").unwrap()..md.find("## Annex").unwrap()];
    for id in &new {
        let line = notes
            .lines()
            .find(|l| l.contains(&format!("(#rec-{id})")))
            .unwrap_or_else(|| panic!("{id} in the notes:\n{notes}"));
        assert!(
            line.contains("is new since the plan (themes.toml): it was placed automatically in ["),
            "{line}"
        );
    }

    // Each theme holding new recommendations says so, citing exactly them.
    let marked: usize = md
        .lines()
        .filter(|l| l.starts_with("New since the plan and placed here automatically: "))
        .map(|l| l.matches("](#rec-").count())
        .sum();
    assert_eq!(marked, new.len());

    // The annex marks the new recommendations and no other.
    let annex = &md[md.find("## Annex").unwrap()..];
    let entries = annex
        .lines()
        .filter(|l| l.starts_with("- <a id=\"rec-"))
        .count();
    assert_eq!(entries, 63, "one annex line per recommendation");
    for line in annex.lines().filter(|l| l.starts_with("- <a id=\"rec-")) {
        let is_new = new
            .iter()
            .any(|id| line.starts_with(&format!("- <a id=\"rec-{id}\"")));
        assert_eq!(line.ends_with(" (new since the plan)"), is_new, "{line}");
    }

    // The HTML and the .docx carry the same text.
    let html = std::fs::read_to_string(dir.path().join("out/synthesis.html")).unwrap();
    let docx = docx_text(&dir.path().join("out/synthesis.docx"));
    for text in [&html, &docx] {
        assert!(text.contains("follow the rapporteur's plan (themes.toml)"));
        assert_eq!(
            text.matches("(new since the plan)").count(),
            new.len(),
            "one annex marker per new recommendation"
        );
        assert!(text.contains("New since the plan and placed here automatically: "));
    }
}

#[test]
fn without_a_plan_the_draft_says_nothing_of_one() {
    let dir = tempfile::tempdir().unwrap();
    Rapporteur::new()
        .current_dir(dir.path())
        .args(["draft", "-o", "out", "-q", "--format", "md"])
        .run()
        .success();
    let md = std::fs::read_to_string(dir.path().join("out/synthesis.md")).unwrap();
    for phrase in ["the rapporteur's plan", "new since the plan"] {
        assert!(!md.contains(phrase), "no plan, no word of one: {phrase}");
    }
}
