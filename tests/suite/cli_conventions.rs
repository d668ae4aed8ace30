//! What a newcomer meets first: completions, `-q`, exit codes and their
//! table, help texts, the summary line of the embedded seeds.

use crate::common::{root, seeds_dir, Rapporteur};

#[test]
fn completions_for_every_shell_know_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = Rapporteur::new()
            .args(["completions", shell])
            .run()
            .success();
        for word in ["rapporteur", "draft", "themes", "completions", "strict"] {
            assert!(run.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    Rapporteur::new()
        .args(["completions", "tcsh"])
        .run()
        .expect_code(2);
}

#[test]
fn quiet_prints_nothing_but_what_was_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let seeds = seeds_dir();
    let seeds = seeds.to_str().unwrap();
    // Twice: once writing, once finding everything unchanged.
    for _ in 0..2 {
        let run = Rapporteur::new()
            .args(["draft", seeds, "-o", out, "-q"])
            .run()
            .success();
        assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    }
    let templates = dir.path().join("templates");
    let run = Rapporteur::new()
        .args(["templates", "export", "-q"])
        .arg(&templates)
        .run()
        .success();
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    // Commands whose output is what was asked for print it, and nothing on
    // stderr.
    for args in [
        vec!["extract", seeds, "--json", "-q"],
        vec!["themes", seeds, "-q"],
        vec!["themes", seeds, "--dot", "-q"],
        vec!["trace", "EU-6-17l", seeds, "-q"],
        vec!["explain", "EU-6-17m", "AP-6-15l", seeds, "-q"],
        vec!["check", seeds, "--warnings-ok", "-q"],
    ] {
        let run = Rapporteur::new().args(&args).run().success();
        assert_eq!(run.stderr, "", "{args:?}");
        assert!(!run.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn an_unknown_id_exits_1_from_trace_and_from_explain() {
    let seeds = seeds_dir();
    let trace = Rapporteur::new()
        .args(["trace", "XX-9-99z"])
        .arg(&seeds)
        .arg("-q")
        .run()
        .expect_code(1);
    assert!(trace.stderr.contains("XX-9-99z"), "{}", trace.stderr);
    let explain = Rapporteur::new()
        .args(["explain", "EU-6-17m", "XX-9-99z"])
        .arg(&seeds)
        .arg("-q")
        .run()
        .expect_code(1);
    assert!(explain.stderr.contains("XX-9-99z"), "{}", explain.stderr);
    assert!(!explain.stderr.contains("usage"), "{}", explain.stderr);
    // A malformed command line is the usage error.
    Rapporteur::new()
        .args(["explain", "EU-6-17m"])
        .run()
        .expect_code(2);
    Rapporteur::new()
        .args(["draft", "--no-such-flag"])
        .run()
        .expect_code(2);
}

#[test]
fn check_exits_1_on_warnings_unless_warnings_are_ok() {
    // The seeds hold one repaired OCR letter: a warning, no error.
    let run = Rapporteur::new()
        .arg("check")
        .arg(seeds_dir())
        .run()
        .expect_code(1);
    assert!(run.stdout.contains(": warning: "), "{}", run.stdout);
    assert!(!run.stdout.contains(": error: "), "{}", run.stdout);
    Rapporteur::new()
        .args(["check", "--warnings-ok"])
        .arg(seeds_dir())
        .run()
        .success();
    // An error still fails with --warnings-ok.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let run = Rapporteur::new()
        .args(["check", "--warnings-ok"])
        .arg(dir.path().join("empty.txt"))
        .run();
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
}

#[test]
fn help_and_readme_give_the_exit_status_table_and_completions() {
    let help = Rapporteur::new().arg("--help").run().success().stdout;
    for line in [
        "Exit status:",
        "  0  success",
        "  1  errors in the input",
        "  2  usage error",
    ] {
        assert!(help.contains(line), "{help}");
    }
    assert!(help.contains("completions"), "{help}");
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("rapporteur completions bash\\|zsh\\|fish\\|powershell"));
    assert!(
        readme.contains(rapporteur::cli::EXIT_STATUS),
        "README's table differs from --help"
    );
}

#[test]
fn help_texts_describe_what_they_take() {
    let templates = Rapporteur::new()
        .args(["templates", "--help"])
        .run()
        .success()
        .stdout;
    let first = templates.lines().next().unwrap();
    assert!(
        first.contains("export") && first.contains("list"),
        "{first}"
    );
    let bench = Rapporteur::new()
        .args(["bench", "--help"])
        .run()
        .success()
        .stdout;
    assert!(bench.contains("[default: 1000,10000,100000]"), "{bench}");
}

#[test]
fn the_embedded_seeds_are_called_so_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let run = Rapporteur::new()
        .current_dir(dir.path())
        .arg("extract")
        .run()
        .success();
    assert!(
        run.stderr
            .contains("rapporteur: 5 embedded seed reports read, 5 reports, 63 recommendations"),
        "{}",
        run.stderr
    );
    // Read from files, they are files.
    let run = Rapporteur::new()
        .arg("extract")
        .arg(seeds_dir())
        .run()
        .success();
    assert!(
        run.stderr.contains("rapporteur: 5 files read"),
        "{}",
        run.stderr
    );
}
