//! A very long recommendation (megabytes of escaped punctuation) is warned
//! about and still rendered, in memory proportional to its size.

use crate::common::{seed_text, Rapporteur};

/// A seed report whose first recommendation holds `pairs` times "> ".
fn report_with_long_recommendation(dir: &std::path::Path, pairs: usize) -> std::path::PathBuf {
    let text = seed_text("000_8ac773325e8acdc6.txt");
    let first = "(a) Strengthen regional";
    assert!(text.contains(first));
    let long = text.replacen(
        first,
        &format!("(a) Strengthen {}regional", "> ".repeat(pairs)),
        1,
    );
    let path = dir.join("long.txt");
    std::fs::write(&path, long).unwrap();
    path
}

#[test]
fn a_long_recommendation_is_warned_about_and_rendered_in_bounded_memory() {
    // 2 MB of "> " took about 1.1 GB in the HTML and .docx path (half a
    // kilobyte per escaped character); under a 800 MB address-space limit
    // the draft must still be written whole.
    draft_under_limit(1_000_000, 800_000);
}

/// The full size: 4.5 MB of "> " took 2.2 GB.
#[test]
#[ignore = "full size, about a minute in a debug build"]
fn a_recommendation_of_four_and_a_half_megabytes_renders_under_one_gigabyte() {
    draft_under_limit(2_250_000, 1_000_000);
}

fn draft_under_limit(pairs: usize, limit_kb: usize) {
    let dir = tempfile::tempdir().unwrap();
    let report = report_with_long_recommendation(dir.path(), pairs);
    let out = dir.path().join("out");
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {limit_kb} && exec \"$0\" \"$@\""))
        .arg(assert_cmd::cargo::cargo_bin!("rapporteur"))
        .args([
            "draft",
            report.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("long.txt:50: warning: recommendation WA-6-")
            && stderr.contains("characters long")
            && stderr.contains("rendered in full"),
        "{stderr}"
    );
    // Quiet, the warning is not printed.
    let quiet = Rapporteur::new()
        .args([
            "draft",
            report.to_str().unwrap(),
            "--format",
            "md",
            "-q",
            "-o",
        ])
        .arg(dir.path().join("quiet"))
        .run()
        .success();
    assert_eq!(quiet.stderr, "");
    let html = std::fs::read_to_string(out.join("synthesis.html")).unwrap();
    assert!(
        html.contains(&"&gt; ".repeat(1000)),
        "the text is in the page"
    );
    assert!(!html.contains('\u{F73E}'), "no stand-in left");
    let docx = std::fs::read(out.join("synthesis.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        xml.contains(&"&gt; ".repeat(1000)),
        "the text is in the .docx"
    );
}
