//! The synthetic corpus generator: what it writes reads back cleanly, and
//! the same seed gives the same files.

use rapporteur::dev::synthetic::{generate, write_reports, GeneratedReport};
use rapporteur::model::{Region, Severity};
use std::collections::BTreeSet;

fn seeds() -> rapporteur::model::Corpus {
    rapporteur::ingest::read_corpus(&[])
}

fn generated(count: usize, seed: u64) -> Vec<GeneratedReport> {
    generate(&seeds(), count, seed).expect("the seeds hold recommendations")
}

#[test]
fn three_hundred_recommendations_read_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let reports = generated(300, 42);
    write_reports(dir.path(), &reports).unwrap();
    let corpus = rapporteur::ingest::read_corpus(&[dir.path().to_path_buf()]);
    let errors: Vec<_> = corpus
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "errors: {errors:?}");
    assert_eq!(corpus.recommendations().count(), 300);
    assert_eq!(corpus.reports.len(), reports.len());
    // Every region and both Congress agenda items are covered.
    let regions: BTreeSet<Region> = corpus.reports.iter().map(|r| r.meeting.region).collect();
    assert_eq!(regions.len(), Region::ALL.len());
    let items: BTreeSet<&str> = corpus
        .reports
        .iter()
        .map(|r| r.agenda_item.as_str())
        .collect();
    assert_eq!(items, BTreeSet::from(["5", "6"]));
    let sizes: Vec<usize> = corpus
        .reports
        .iter()
        .map(|r| r.recommendations.len())
        .collect();
    // Reports are of realistic size; only the last one written may be
    // smaller, holding what is left.
    assert!(sizes.iter().all(|&n| (1..=20).contains(&n)));
    assert!(sizes.iter().filter(|&&n| n < 10).count() <= 1);
    // Rapporteur and venue are read as in the seeds.
    assert!(corpus
        .reports
        .iter()
        .all(|r| r.meeting.rapporteur.is_some() && r.meeting.venue.is_some()));
}

#[test]
fn generated_formats_vary_like_the_seeds() {
    let texts: Vec<String> = generated(300, 42).into_iter().map(|r| r.text).collect();
    assert!(texts.iter().any(|t| t.contains("## ")));
    assert!(texts.iter().any(|t| t.contains(" - (a) ")));
    assert!(texts.iter().any(|t| t.contains("Please recycle")));
}

#[test]
fn recommendations_are_perturbed_not_copied() {
    let seed_texts: BTreeSet<String> = seeds()
        .recommendations()
        .map(|r| r.text.to_string())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    write_reports(dir.path(), &generated(300, 5)).unwrap();
    let corpus = rapporteur::ingest::read_corpus(&[dir.path().to_path_buf()]);
    let changed = corpus
        .recommendations()
        .filter(|r| !seed_texts.contains(&*r.text))
        .count();
    assert!(changed > 150, "only {changed} of 300 differ from the seeds");
}

#[test]
fn same_seed_same_files_other_seed_other_files() {
    assert_eq!(generated(300, 9), generated(300, 9));
    assert_ne!(generated(300, 9), generated(300, 10));
}

#[test]
fn generate_command_writes_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    assert_cmd::Command::cargo_bin("rapporteur")
        .unwrap()
        .args([
            "generate",
            "--recommendations",
            "50",
            "--seed",
            "3",
            "--repeat",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let corpus = rapporteur::ingest::read_corpus(&[out]);
    assert_eq!(corpus.recommendations().count(), 50);
}

/// The default archive: every recommendation a new wording, read back
/// whole, over all five regions, with a vocabulary that keeps growing.
#[test]
fn distinct_archives_have_no_repeated_wording_and_a_growing_vocabulary() {
    let dir = tempfile::tempdir().unwrap();
    let reports = rapporteur::dev::synthetic::generate_distinct(&seeds(), 3000, 5).unwrap();
    write_reports(dir.path(), &reports).unwrap();
    let corpus = rapporteur::ingest::read_corpus(&[dir.path().to_path_buf()]);
    assert!(
        !corpus
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
        "{:?}",
        corpus.diagnostics
    );
    let texts: Vec<String> = corpus
        .recommendations()
        .map(|r| r.text.to_string())
        .collect();
    assert_eq!(texts.len(), 3000);
    assert_eq!(texts.iter().collect::<BTreeSet<_>>().len(), 3000);
    let regions: BTreeSet<Region> = corpus.reports.iter().map(|r| r.meeting.region).collect();
    assert_eq!(regions.len(), 5);
    let vocabulary = |texts: &[String]| {
        texts
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<BTreeSet<_>>()
            .len()
    };
    let (first, all) = (vocabulary(&texts[..300]), vocabulary(&texts));
    assert!(
        all > first * 2,
        "vocabulary {first} words in 300, {all} in 3000"
    );
    assert_eq!(
        rapporteur::dev::synthetic::generate_distinct(&seeds(), 3000, 5).unwrap(),
        reports,
        "the same seed gives the same archive"
    );
}

/// `bench` measures every stage of a small generated corpus in child
/// processes and prints one table row per size, with both floor ratios.
#[test]
fn bench_prints_a_row_of_stage_times_per_size() {
    let output = assert_cmd::Command::cargo_bin("rapporteur")
        .unwrap()
        .args(["bench", "--sizes", "200", "--runs", "2"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("each time is the best of 2 run(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("| total/floor | total/floor, median run |"),
        "{stdout}"
    );
    let cells_of = |line: &str| -> Vec<String> {
        line.trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().to_string())
            .collect()
    };
    let header = cells_of(
        stdout
            .lines()
            .find(|l| l.starts_with("| recommendations |"))
            .unwrap_or_else(|| panic!("no header: {stdout}")),
    );
    let row = stdout
        .lines()
        .find(|l| l.starts_with("| 200 |"))
        .unwrap_or_else(|| panic!("no row for 200: {stdout}"));
    let cells = cells_of(row);
    assert_eq!(cells.len(), header.len(), "{row}");
    let column = |name: &str| {
        let at = header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?}: {stdout}"));
        cells[at].as_str()
    };
    // Every stage the pipeline names has its column.
    for stage in rapporteur::pipeline::Stage::ALL {
        column(stage.name());
    }
    // Both ratios are numbers above 1 (every stage does more than read the
    // files).
    for name in ["total/floor", "total/floor, median run"] {
        let ratio = column(name);
        let r: f64 = ratio.parse().unwrap_or_else(|_| panic!("{ratio} in {row}"));
        assert!(r > 1.0, "{row}");
    }
    assert_eq!(
        column("distinct wordings"),
        "200",
        "every wording distinct: {row}"
    );
    let floor = column("read+tokenise floor");
    assert!(floor.ends_with("ms") || floor.ends_with(" s"), "{row}");
}

/// `generate -q` prints nothing, as `-q` does on every other command, and
/// writes the same files as without it.
#[test]
fn quiet_generate_prints_nothing_and_writes_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let output = crate::common::command()
            .args(["generate", "--recommendations", "40", "-o"])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        (output, out)
    };
    let (loud, loud_dir) = run("loud", &[]);
    let (quiet, quiet_dir) = run("quiet", &["-q"]);
    assert!(String::from_utf8_lossy(&loud.stderr).contains("wrote 40 recommendations"));
    assert!(
        quiet.stdout.is_empty() && quiet.stderr.is_empty(),
        "{quiet:?}"
    );
    let names = crate::common::names_in(&loud_dir);
    assert!(!names.is_empty());
    assert_eq!(crate::common::names_in(&quiet_dir), names);
    for name in names {
        assert_eq!(
            crate::common::read(&loud_dir, &name),
            crate::common::read(&quiet_dir, &name),
            "{name}"
        );
    }
}
