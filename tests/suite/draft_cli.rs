//! `rapporteur draft` end to end on the seeds: every recommendation lands in
//! the annex and in exactly one theme, the output does not depend on how the
//! corpus is named, and nothing the rapporteur edited is lost.

use crate::common::{command as rapporteur, seed_files, seeds_dir};
use crate::common::{names_in, read};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

const OUTPUTS: [&str; 4] = [
    "synthesis.md",
    "synthesis.html",
    "synthesis.docx",
    "synthesis.json",
];

/// Runs `draft` on `inputs` into `out` and returns its stdout.
fn draft(inputs: &[PathBuf], out: &Path, extra: &[&str]) -> String {
    let output = rapporteur()
        .arg("draft")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "draft failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Every XML part of a .docx, by name.
fn docx_xml(path: &Path) -> BTreeMap<String, String> {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.insert(file.name().to_string(), text);
    }
    parts
}

/// (id, region, reference) of every recommendation in synthesis.json.
fn recommendations(dir: &Path) -> Vec<(String, String, String)> {
    let json: serde_json::Value = serde_json::from_str(&read(dir, "synthesis.json")).unwrap();
    json["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["region"].as_str().unwrap().to_string(),
                format!(
                    "{} ({})",
                    r["paragraph"].as_u64().unwrap(),
                    r["letter"].as_str().unwrap()
                ),
            )
        })
        .collect()
}

/// Theme sections of the Markdown: from a theme heading to the next heading
/// of the same or a higher level.
fn theme_sections(md: &str) -> Vec<String> {
    let mut sections = Vec::new();
    let mut current: Option<String> = None;
    for line in md.lines() {
        let heading = line.starts_with("## ") || line.starts_with("### ");
        if heading {
            if let Some(section) = current.take() {
                sections.push(section);
            }
            if line.starts_with("### <a id=\"theme-") {
                current = Some(String::new());
            }
        }
        if let Some(section) = current.as_mut() {
            section.push_str(line);
            section.push('\n');
        }
    }
    sections.extend(current);
    sections
}

#[test]
fn every_seed_recommendation_is_in_the_annex_and_in_exactly_one_theme() {
    let out = tempfile::tempdir().unwrap();
    draft(&[seeds_dir()], out.path(), &[]);
    let recs = recommendations(out.path());
    assert_eq!(recs.len(), 63, "the seeds hold 63 recommendations");
    let md = read(out.path(), "synthesis.md");
    let annex = &md[md.find("## Annex").expect("annex")..];
    let sections = theme_sections(&md);
    assert!(!sections.is_empty());
    let docx = docx_xml(&out.path().join("synthesis.docx"));
    let document = roxmltree::Document::parse(&docx["word/document.xml"]).unwrap();
    let docx_text: String = document
        .descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect();
    for (id, region, reference) in &recs {
        let anchor = format!("<a id=\"rec-{id}\"></a>**{region} {reference}**");
        assert_eq!(annex.matches(&anchor).count(), 1, "{id} once in the annex");
        // Cited by the theme that holds it (a "see also" line of another
        // theme may cite it too).
        let cited = format!("(#rec-{id})");
        let holding = sections.iter().filter(|s| s.contains(&cited)).count();
        assert!(holding >= 1, "{id} cited in a theme section");
        assert!(
            docx_text.contains(&format!("{region} {reference}")),
            "{id} referenced in the .docx"
        );
    }
}

#[test]
fn markdown_on_the_seeds_is_valid_gfm() {
    use comrak::nodes::NodeValue;
    let out = tempfile::tempdir().unwrap();
    draft(&[seeds_dir()], out.path(), &["--format", "md,json"]);
    assert_eq!(
        names_in(out.path()),
        [
            ".rapporteur-manifest.json",
            ".rapporteur.lock",
            "synthesis.json",
            "synthesis.md"
        ]
    );
    let md = read(out.path(), "synthesis.md");
    let json: serde_json::Value =
        serde_json::from_str(&read(out.path(), "synthesis.json")).unwrap();
    let items = json["agenda_items"].as_array().unwrap().len();
    let themes = json["themes"].as_array().unwrap().len();
    let regions: std::collections::BTreeSet<&str> = json["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["region"].as_str().unwrap())
        .collect();
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.footnotes = true;
    let root = comrak::parse_document(&arena, &md, &options);
    let (mut h1, mut h2, mut h3, mut tables) = (0, 0, 0, 0);
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::Heading(h) if h.level == 1 => h1 += 1,
            NodeValue::Heading(h) if h.level == 2 => h2 += 1,
            NodeValue::Heading(h) if h.level == 3 => h3 += 1,
            NodeValue::Table(_) => tables += 1,
            _ => {}
        }
    }
    assert_eq!(h1, 1, "one title");
    assert_eq!(
        h2,
        items + 3,
        "one heading per agenda item, plus the summary, the notes for the rapporteur and the annex"
    );
    assert_eq!(
        h3,
        themes + items + regions.len(),
        "themes, matrices, annex regions"
    );
    assert_eq!(tables, items, "one matrix per agenda item");
}

#[test]
fn same_corpus_in_any_order_gives_the_same_draft() {
    let by_folder = tempfile::tempdir().unwrap();
    let in_order = tempfile::tempdir().unwrap();
    let reversed = tempfile::tempdir().unwrap();
    let again = tempfile::tempdir().unwrap();
    let mut files = seed_files();
    draft(&[seeds_dir()], by_folder.path(), &[]);
    draft(&files, in_order.path(), &[]);
    files.reverse();
    draft(&files, reversed.path(), &[]);
    draft(&[seeds_dir()], again.path(), &[]);
    for other in [in_order.path(), reversed.path(), again.path()] {
        for name in ["synthesis.md", "synthesis.html", "synthesis.json"] {
            assert!(
                read(by_folder.path(), name) == read(other, name),
                "{name} differs between runs"
            );
        }
        assert_eq!(
            docx_xml(&by_folder.path().join("synthesis.docx")),
            docx_xml(&other.join("synthesis.docx")),
            "the .docx XML differs between runs"
        );
    }
}

#[test]
fn docx_parts_are_well_formed_xml() {
    let out = tempfile::tempdir().unwrap();
    draft(&[seeds_dir()], out.path(), &["--format", "docx"]);
    let parts = docx_xml(&out.path().join("synthesis.docx"));
    assert!(parts.contains_key("word/document.xml"));
    assert!(parts.contains_key("word/styles.xml"));
    for (name, xml) in parts
        .iter()
        .filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert!(parts["docProps/core.xml"].contains("2000-01-01T00:00:00Z"));
}

#[test]
fn an_edited_draft_is_kept_unless_forced() {
    let out = tempfile::tempdir().unwrap();
    let first = draft(&[seeds_dir()], out.path(), &[]);
    assert_eq!(first.matches("wrote ").count(), 4, "{first}");
    let generated = read(out.path(), "synthesis.md");
    let edited = format!("{generated}\nA paragraph added by the rapporteur.\n");
    std::fs::write(out.path().join("synthesis.md"), &edited).unwrap();

    let output = rapporteur()
        .arg("draft")
        .arg(seeds_dir())
        .arg("-o")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("synthesis.md") && stderr.contains("edited"),
        "{stderr}"
    );
    assert!(stderr.contains("synthesis.new.md"), "{stderr}");
    assert_eq!(read(out.path(), "synthesis.md"), edited, "the edit is kept");
    assert_eq!(
        read(out.path(), "synthesis.new.md"),
        generated,
        "the new draft is written beside the edited one"
    );

    draft(&[seeds_dir()], out.path(), &["--force"]);
    assert_eq!(read(out.path(), "synthesis.md"), generated);
    // The new draft beside the edited one has done its work: no old
    // synthesis.new.md is left behind.
    let mut expected = vec![
        ".rapporteur-manifest.json".to_string(),
        ".rapporteur.lock".to_string(),
    ];
    expected.extend(OUTPUTS.iter().map(|s| s.to_string()));
    expected.sort();
    assert_eq!(names_in(out.path()), expected, "no temporary files left");
}

#[test]
fn a_template_error_stops_the_run_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(
        templates.path().join("theme.md"),
        "### {{ theme.label }}\n\n{{ theme.labell }}\n",
    )
    .unwrap();
    let output = rapporteur()
        .arg("draft")
        .arg(seeds_dir())
        .arg("-o")
        .arg(out.path().join("drafts"))
        .arg("--templates")
        .arg(templates.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("template theme.md, line 3:"), "{stderr}");
    assert!(!out.path().join("drafts").exists(), "nothing written");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    rapporteur()
        .arg("draft")
        .arg(seeds_dir())
        .arg("-o")
        .arg(out.path())
        .args(["--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown format \"pdf\""));
    assert!(names_in(out.path()).is_empty());
}

#[test]
fn trace_finds_by_id_and_by_phrase() {
    let out = tempfile::tempdir().unwrap();
    draft(&[seeds_dir()], out.path(), &["--format", "json"]);
    let (id, region, reference) = recommendations(out.path())[0].clone();
    let by_id = rapporteur()
        .args(["trace", &id.to_lowercase()])
        .arg(seeds_dir())
        .output()
        .unwrap();
    assert!(by_id.status.success());
    let text = String::from_utf8(by_id.stdout).unwrap();
    assert!(
        text.contains(&format!("{id}  {region} {reference}")),
        "{text}"
    );
    assert!(
        text.contains("source: ") && text.contains("theme:  "),
        "{text}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&read(out.path(), "synthesis.json")).unwrap();
    let phrase: String = json["recommendations"][0]["text"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase();
    let by_phrase = rapporteur()
        .args(["trace", &phrase, "--json"])
        .arg(seeds_dir())
        .output()
        .unwrap();
    assert!(by_phrase.status.success());
    let found: serde_json::Value = serde_json::from_slice(&by_phrase.stdout).unwrap();
    assert!(found
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["recommendation"]["id"] == id.as_str()));

    rapporteur()
        .args(["trace", "no recommendation says this, surely"])
        .arg(seeds_dir())
        .assert()
        .code(1);
}

#[test]
fn templates_export_then_list_and_draft_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    rapporteur()
        .args(["templates", "export"])
        .arg(&templates)
        .assert()
        .success();
    assert!(templates.join("synthesis.md").is_file());
    rapporteur()
        .args(["templates", "export"])
        .arg(&templates)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "already holds 8 templates (synthesis.md,",
        ))
        .stderr(predicates::str::contains("--force"));

    let theme = read(&templates, "theme.md").replace("also recommended", "also addressed");
    std::fs::write(templates.join("theme.md"), theme).unwrap();
    let listed = rapporteur()
        .args(["templates", "list", "--templates"])
        .arg(&templates)
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("theme.md\t") && l.contains("templates")),
        "{listed}"
    );

    let out = dir.path().join("out");
    draft(
        &[seeds_dir()],
        &out,
        &["--format", "md", "--templates", templates.to_str().unwrap()],
    );
    let md = read(&out, "synthesis.md");
    assert!(md.contains(" also addressed "));
    assert!(!md.contains("also recommended"));
}

#[test]
fn no_command_drafts_seeds_into_output() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for file in seed_files() {
        std::fs::copy(&file, seeds.join(file.file_name().unwrap())).unwrap();
    }
    rapporteur()
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("synthesis.md"));
    let mut expected = vec![
        ".rapporteur-manifest.json".to_string(),
        ".rapporteur.lock".to_string(),
    ];
    expected.extend(OUTPUTS.iter().map(|s| s.to_string()));
    expected.sort();
    assert_eq!(names_in(&dir.path().join("output")), expected);
}

#[test]
fn an_input_without_recommendations_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "Nothing to see here.\n").unwrap();
    let out = dir.path().join("out");
    rapporteur()
        .arg("draft")
        .arg(dir.path().join("notes.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nothing written"));
    assert!(!out.exists());
}

/// `rapporteur` without a command is `draft` with the same flags: the same
/// files from the same inputs, and `-q` as quiet as the command's.
#[test]
fn without_a_command_the_draft_flags_apply() {
    let dir = tempfile::tempdir().unwrap();
    let (bare, named) = (dir.path().join("bare"), dir.path().join("named"));
    let output = rapporteur()
        .arg(seeds_dir())
        .arg("-o")
        .arg(&bare)
        .args(["--format", "json", "-q"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        output.stdout.is_empty() && output.stderr.is_empty(),
        "{output:?}"
    );
    draft(&[seeds_dir()], &named, &["--format", "json"]);
    assert_eq!(names_in(&bare), names_in(&named));
    assert_eq!(
        read(&bare, "synthesis.json"),
        read(&named, "synthesis.json")
    );
}

/// A misspelled command that is no file either is a usage error that names
/// the command meant; a missing report path stays an input error.
#[test]
fn a_misspelled_command_is_a_usage_error_naming_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let output = rapporteur()
        .current_dir(dir.path())
        .arg("drfat")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean 'draft'"), "{stderr}");
    let output = rapporteur()
        .current_dir(dir.path())
        .arg("reports")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("reports: error: no such file or folder"),
        "{stderr}"
    );
}
