//! `check` flags to the rapporteur what the draft's notes flag: proposer
//! tags inside a recommendation and reports that bear no date.

use crate::common::{seed_files, Rapporteur};

#[test]
fn check_flags_proposer_tags_and_undated_reports() {
    let dir = tempfile::tempdir().unwrap();
    for file in seed_files() {
        std::fs::copy(&file, dir.path().join(file.file_name().unwrap())).unwrap();
    }
    let run = Rapporteur::new()
        .current_dir(dir.path())
        .args(["check", ".", "-q"])
        .run()
        .expect_code(1);
    // Asia and the Pacific 15 (g) names two States in brackets.
    let tagged: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("proposer"))
        .collect();
    assert_eq!(tagged.len(), 1, "{}", run.stdout);
    assert!(
        tagged[0].contains(
            ": warning: recommendation 15 (g) carries proposers' tags \
             (United Arab Emirates) and (Viet Nam) (expected none in the final text"
        ),
        "{}",
        tagged[0]
    );
    // Its file and line: the line of 15 (g) in that file.
    let (file, rest) = tagged[0].split_once(':').unwrap();
    let line: usize = rest.split(':').next().unwrap().parse().unwrap();
    let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
    assert!(
        text.lines().nth(line - 1).unwrap().contains("(Viet Nam)"),
        "line {line} of {file}"
    );
    // The Asia and the Pacific report is the one without a date.
    let undated: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("bears no date"))
        .collect();
    assert_eq!(undated.len(), 1, "{}", run.stdout);
    assert!(
        undated[0].starts_with(&format!("{file}: warning: ")),
        "{}",
        undated[0]
    );
}
