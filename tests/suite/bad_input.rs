//! The binary on bad corpora written into a temporary folder: every problem
//! gets a message naming the file (and line) and what was expected, the
//! rest of the corpus is still read, and the exit status says so.

use crate::common::{Rapporteur, Run};
use std::fs;
use std::path::{Path, PathBuf};

const LAC: &str = include_str!("../../seeds/004_f29162a344c7f65f.txt");
const EU: &str = include_str!("../../seeds/001_bba04487c98bd190.txt");

fn rapporteur(dir: &Path, args: &[&str]) -> Run {
    Rapporteur::new().current_dir(dir).args(args).run()
}

/// A folder holding one good report (Latin America and the Caribbean, 8
/// recommendations) next to whatever the test adds.
fn corpus_with_good_report() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    fs::write(dir.path().join("corpus/good.txt"), LAC).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join("corpus").join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn json_count(run: &Run) -> usize {
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    value.as_array().unwrap().len()
}

#[test]
fn missing_path_is_named_and_the_rest_is_read() {
    let dir = corpus_with_good_report();
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus", "nowhere.txt"]);
    assert_eq!(run.code, 1);
    assert_eq!(json_count(&run), 8);
    assert_contains(&run.stderr, "nowhere.txt: error: no such file or folder");
    assert_contains(
        &run.stderr,
        "1 file read, 1 report, 8 recommendations, 0 warnings, 1 error",
    );
}

#[test]
fn empty_and_whitespace_files_are_errors() {
    let dir = corpus_with_good_report();
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "blank.md", "  \n\t\n\r\n");
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "corpus/empty.txt: error: empty file (expected a report)",
    );
    assert_contains(
        &run.stdout,
        "corpus/blank.md: error: file holds only whitespace",
    );
    assert_contains(&run.stderr, "3 files read, 1 report, 8 recommendations");
}

#[test]
fn binary_data_is_refused_with_its_line() {
    let dir = corpus_with_good_report();
    write(dir.path(), "scan.txt", b"GIF89a\n\x00\x01\x02\xff");
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(run.code, 1);
    assert_eq!(json_count(&run), 8);
    assert_contains(
        &run.stderr,
        "corpus/scan.txt:2: error: binary data (NUL byte at offset 7)",
    );
}

/// A list in a form not read (letters in angle brackets) is pointed at: the
/// warning names the introducing paragraph's line and quotes the line
/// after it, so the cause is seen, not only that nothing was found.
#[test]
fn a_list_in_a_form_not_read_is_quoted_in_the_warning() {
    let dir = corpus_with_good_report();
    let intro = LAC
        .lines()
        .position(|l| l.contains("were identified"))
        .unwrap()
        + 1;
    let angled: String = LAC
        .lines()
        .map(|l| {
            let t = l.trim_start_matches([' ', '-']);
            match t.strip_prefix('(').and_then(|r| r.split_once(") ")) {
                Some((x, rest)) if x.len() == 1 => format!("<{x}> {rest}"),
                _ => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    write(dir.path(), "angled.txt", angled);
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(json_count(&run), 8);
    assert_contains(
        &run.stderr,
        &format!("corpus/angled.txt:{intro}: warning: no recommendations found after the paragraph introducing them (expected lines starting (a), (b), …; line {} reads `<a> Strengthen", intro + 1),
    );
}

#[test]
fn utf16_with_bom_is_decoded_silently() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in EU.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    write(dir.path(), "eu-utf16.txt", bytes);
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_contains(
        &run.stderr,
        "1 report, 14 recommendations, 0 warnings, 0 errors",
    );
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(LAC);
    assert!(std::str::from_utf8(&bytes).is_err());
    write(dir.path(), "lac-1252.txt", &bytes);
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json_count(&run), 8);
    assert!(
        run.stdout.contains("San José, 4–6 February 2025") || run.stdout.contains("San Jos\u{e9}"),
        "{}",
        run.stdout
    );
    assert_contains(
        &run.stderr,
        "corpus/lac-1252.txt:14: warning: not valid UTF-8; ",
    );
}

#[test]
fn crlf_and_cr_line_endings_give_the_same_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lf/r.txt", LAC);
    write(dir.path(), "crlf/r.txt", LAC.replace('\n', "\r\n"));
    write(dir.path(), "cr/r.txt", LAC.replace('\n', "\r"));
    let lines = |sub: &str| {
        let run = rapporteur(dir.path(), &["extract", "--json", &format!("corpus/{sub}")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["line"].as_u64().unwrap(),
                    r["text"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let lf = lines("lf");
    assert_eq!(lf.len(), 8);
    assert_eq!(lines("crlf"), lf);
    assert_eq!(lines("cr"), lf);
}

#[test]
fn a_50_mb_file_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    // The Latin America report with its summary of deliberations padded to
    // 50 MB of numbered paragraphs and page-break debris.
    let (head, tail) = LAC.split_at(LAC.find("Outcome of deliberations").unwrap());
    let mut big = String::with_capacity(52_000_000);
    big.push_str(head);
    let filler = "Several speakers emphasized the importance of international cooperation in criminal matters and of capacity-building for practitioners, noting that such cooperation must respect human rights.\n\nPlease recycle\n\n";
    let mut n = 8;
    while big.len() < 50_000_000 {
        big.push_str(&format!("{n}. {filler}"));
        n += 1;
    }
    big.push_str(tail);
    write(dir.path(), "big.txt", &big);
    // Speed is measured by the benchmark; here the run only has to finish
    // (the helper's process timeout guards against a quadratic hang).
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json_count(&run), 8);
}

#[test]
fn a_file_too_large_for_a_report_is_refused_without_reading_it() {
    let dir = corpus_with_good_report();
    let path = write(dir.path(), "disk-image.txt", "");
    // Sparse: no disk space used, and never read.
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "corpus/disk-image.txt: error: cannot read file: file is 314572800 bytes or more, more than the 268435456 bytes read at most");
    assert_contains(&run.stderr, "2 files read, 1 report, 8 recommendations");
}

#[test]
fn a_truncated_report_warns_at_the_last_recommendation() {
    let dir = corpus_with_good_report();
    let cut = LAC.find("(h) Develop accountability mechanisms").unwrap() + 80;
    write(dir.path(), "truncated.txt", &LAC[..cut]);
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "corpus/truncated.txt:58: warning: last recommendation (h) lacks its final '.'"
        ),
        "{}",
        run.stdout
    );
    // Same text as good.txt up to (h): not a duplicate, both counted.
    assert_contains(&run.stderr, "2 files read, 2 reports, 16 recommendations");
}

#[test]
fn letters_out_of_order_or_repeated_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let shuffled = LAC
        .replace("(c) Encourage", "(d) Encourage")
        .replace("(f) Foster", "(e) Foster");
    write(dir.path(), "lettering.txt", shuffled);
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    // A slip the next letter corrects (`(d)` where `(c)` is due, then
    // `(d)`) is read by its place in the sequence, and said.
    assert!(
        out.contains(
            "corpus/lettering.txt:48: warning: letter (d) read as (c), its place in the sequence: the next letter continues from (c) (expected (c) after (b))"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "corpus/lettering.txt:54: warning: letter (e) read as (f), its place in the sequence: the next letter continues from (f) (expected (f) after (e))"
        ),
        "{out}"
    );
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(json_count(&run), 8);
    assert_contains(&run.stdout, "\"LAC-6-8c\"");
    // A gap and a repeat that no next letter explains are reported, and
    // nothing is lost: every lettered item is listed, with distinct ids.
    let gapped = LAC
        .replace("(c) Encourage", "(d) Encourage")
        .replace("(d) Implement", "(e) Implement")
        .replace("(h) Develop", "(g) Develop");
    write(dir.path(), "lettering.txt", gapped);
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(
        out.contains(
            "corpus/lettering.txt:48: warning: gap in lettering: (d) after (b) (expected (c))"
        ),
        "{out}"
    );
    assert!(
        out.contains("corpus/lettering.txt:58: warning: letter (g) repeated (expected (h))"),
        "{out}"
    );
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(json_count(&run), 8);
    assert_contains(&run.stdout, "\"LAC-6-8g-2\"");
}

#[test]
fn findings_per_file_are_capped_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    // 120 times (a): 119 repeats, 50 listed, 69 counted.
    let (head, _) = LAC.split_at(LAC.find(" - (a)").unwrap());
    let mut text = head.to_string();
    for n in 0..120 {
        text.push_str(&format!("(a) Repeat {n};\n"));
    }
    text.push_str("(b) End.\n");
    write(dir.path(), "repeats.txt", text);
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 51, "{}", run.stdout);
    assert_contains(
        &run.stdout,
        "corpus/repeats.txt: warning: 69 more findings in this file not listed",
    );
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(json_count(&run), 121);
}

#[test]
fn the_same_report_twice_is_a_duplicate_counted_once() {
    let dir = corpus_with_good_report();
    write(dir.path(), "copy/again.txt", LAC);
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "corpus/good.txt: warning: duplicate of corpus/copy/again.txt",
    );
    assert_contains(&run.stderr, "2 files read, 1 report, 8 recommendations");
}

/// One file reached three ways (inside its folder, named again, through a
/// link in the folder) is one file read: not three, not a duplicate.
#[test]
fn a_file_reached_several_ways_is_read_once() {
    let dir = corpus_with_good_report();
    std::os::unix::fs::symlink("good.txt", dir.path().join("corpus/link.txt")).unwrap();
    let run = rapporteur(dir.path(), &["check", "corpus", "corpus/good.txt"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("duplicate"), "{}", run.stdout);
    assert_contains(&run.stderr, "1 file read, 1 report, 8 recommendations");
}

#[test]
fn no_region_header_is_an_error_and_the_report_is_not_used() {
    let dir = corpus_with_good_report();
    let start = LAC.find("San José").unwrap();
    write(dir.path(), "anonymous.txt", &LAC[start..]);
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "corpus/anonymous.txt: error: no region header");
    assert_contains(
        &run.stderr,
        "2 files read, 1 report, 8 recommendations, 0 warnings, 1 error",
    );
    let strict = rapporteur(dir.path(), &["extract", "--strict", "corpus"]);
    assert_eq!(strict.code, 1);
    assert!(strict.stdout.is_empty(), "{}", strict.stdout);
    assert!(
        strict
            .stderr
            .contains("corpus/anonymous.txt: no region header"),
        "{}",
        strict.stderr
    );
}

#[test]
fn a_report_without_recommendations_is_named() {
    let dir = corpus_with_good_report();
    let end = LAC.find("Outcome of deliberations").unwrap();
    write(dir.path(), "no-outcome.txt", &LAC[..end]);
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "corpus/no-outcome.txt: warning: no recommendations found (expected",
    );
}

#[test]
fn nested_folders_are_walked_and_other_files_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/b/c/lac.md", LAC);
    write(dir.path(), "a/eu.txt", EU);
    write(dir.path(), "a/b/notes.png", "\u{89}PNG");
    write(dir.path(), "a/.hidden.txt", "not a report");
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json_count(&run), 22);
    assert!(run.stdout.contains("corpus/a/b/c/lac.md"));
    assert_contains(
        &run.stderr,
        "corpus/a/b/notes.png: warning: skipped: not a report file",
    );
    assert!(!run.stderr.contains("hidden"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang() {
    let dir = corpus_with_good_report();
    std::os::unix::fs::symlink("..", dir.path().join("corpus/loop")).unwrap();
    std::os::unix::fs::symlink("self", dir.path().join("corpus/self")).unwrap();
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(json_count(&run), 8);
    assert_contains(
        &run.stderr,
        "corpus/self: error: broken or looping symbolic link",
    );
    assert_contains(&run.stderr, "1 file read, 1 report");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus_with_good_report();
    let path = write(dir.path(), "locked.txt", EU);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading; the file is read.
        assert_contains(&run.stderr, "2 files read, 2 reports, 22 recommendations");
        return;
    }
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "corpus/locked.txt: error: cannot read file");
    assert_contains(&run.stderr, "2 files read, 1 report, 8 recommendations");
}

#[test]
fn clean_corpus_checks_clean_and_table_is_aligned() {
    let dir = corpus_with_good_report();
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.is_empty());
    let run = rapporteur(dir.path(), &["extract", "corpus"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 9);
    assert!(lines[0].starts_with("id "));
    let column = lines[0].find("text").unwrap();
    for line in &lines[1..] {
        assert!(line.starts_with("LAC-6-8"), "{line}");
        assert_eq!(line.chars().take(column).count(), column);
        assert!(line.chars().nth(column - 1) == Some(' '), "{line}");
    }
    let quiet = rapporteur(dir.path(), &["extract", "--quiet", "corpus"]);
    assert!(quiet.stderr.is_empty());
}

#[test]
fn a_folder_without_reports_is_named() {
    let dir = corpus_with_good_report();
    fs::create_dir(dir.path().join("nothing")).unwrap();
    let run = rapporteur(dir.path(), &["check", "corpus", "nothing"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "nothing: warning: no report files in this folder",
    );
}

/// Two meetings' reports in one file are two reports: neither runs into
/// the other, and each recommendation keeps its line in the file.
#[test]
fn two_reports_in_one_file_are_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "both.txt", format!("{LAC}\n{EU}"));
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(json_count(&run), 8 + 14, "{}", run.stderr);
    let h: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let read = h.as_array().unwrap();
    let by_id = |id: &str| read.iter().find(|r| r["id"] == id).unwrap().clone();
    let last = by_id("LAC-6-8h")["text"].as_str().unwrap().to_string();
    assert!(
        last.ends_with("such as case file management systems"),
        "{last}"
    );
    // LAC ends with a newline, the join adds a blank line, EU (a) is its line 74.
    let lac_lines = LAC.lines().count();
    assert_eq!(by_id("EU-6-17a")["line"], lac_lines + 1 + 74);
    assert!(!run.stderr.contains("not read"), "{}", run.stderr);
    // The last item's last words, wrapped to a short line of their own
    // right above the next report's header, stay with it.
    let wrapped = LAC.replacen(
        " such as case file management systems.",
        "\nsuch as case file management systems.",
        1,
    );
    assert_ne!(wrapped, LAC);
    write(dir.path(), "both.txt", format!("{wrapped}\n{EU}"));
    let run = rapporteur(dir.path(), &["extract", "--json", "corpus"]);
    let h: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let last = h
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "LAC-6-8h")
        .unwrap();
    assert!(
        last["text"]
            .as_str()
            .unwrap()
            .ends_with("such as case file management systems"),
        "{last}"
    );
}

#[test]
fn a_report_without_congress_agenda_item_is_an_error() {
    let dir = corpus_with_good_report();
    write(
        dir.path(),
        "no-item.txt",
        LAC.replace("(agenda item 6)", "(item six)"),
    );
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "corpus/no-item.txt:26: error: no Congress agenda item; the report is not used (expected '(agenda item N)'");
}

#[test]
fn output_does_not_depend_on_the_order_of_paths() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lac.txt", LAC);
    write(dir.path(), "eu.txt", EU);
    write(dir.path(), "copy-of-eu.txt", EU);
    write(
        dir.path(),
        "lettering.txt",
        LAC.replace("(c) Encourage", "(b) Encourage"),
    );
    let forward = rapporteur(
        dir.path(),
        &[
            "extract",
            "--json",
            "corpus/lac.txt",
            "corpus/eu.txt",
            "corpus/copy-of-eu.txt",
            "./corpus/lettering.txt",
        ],
    );
    let backward = rapporteur(
        dir.path(),
        &[
            "extract",
            "--json",
            "corpus/lettering.txt",
            "corpus/copy-of-eu.txt",
            "corpus/eu.txt",
            "corpus/lac.txt",
        ],
    );
    assert_eq!(forward.stdout, backward.stdout);
    assert_eq!(forward.stderr, backward.stderr);
    assert_eq!(json_count(&forward), 8 + 14 + 8);
    assert!(
        forward
            .stderr
            .contains("corpus/eu.txt: warning: duplicate of corpus/copy-of-eu.txt"),
        "{}",
        forward.stderr
    );
    assert!(forward.stdout.contains("\"LAC-6-8b-2\""));
}

#[test]
fn strict_stops_at_the_first_error_but_not_at_warnings() {
    let dir = corpus_with_good_report();
    write(dir.path(), "truncated.txt", &LAC[..LAC.len() - 20]);
    // Warnings only: --strict goes on.
    let run = rapporteur(dir.path(), &["extract", "--strict", "--json", "corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json_count(&run), 16);
    write(dir.path(), "empty.txt", "");
    let run = rapporteur(dir.path(), &["check", "--strict", "corpus"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        run.stderr.trim(),
        "rapporteur: corpus/empty.txt: empty file (expected a report)"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = rapporteur(dir.path(), &["check", "--no-such-flag"]);
    assert_eq!(run.code, 2);
}

/// Asserts that a command's output holds `needle`, showing the whole output
/// when it does not.
fn assert_contains(output: &str, needle: &str) {
    assert!(output.contains(needle), "expected {needle:?} in:\n{output}");
}

#[test]
fn every_command_stops_at_an_empty_file_under_strict() {
    let dir = corpus_with_good_report();
    write(dir.path(), "empty.txt", "");
    for command in [
        &["draft", "-o", "out"][..],
        &["extract"],
        &["check"],
        &["themes"],
        &["trace", "LAC-6-8a"],
        &["explain", "LAC-6-8a", "LAC-6-8b"],
    ] {
        let mut args = command.to_vec();
        args.extend(["corpus", "--strict"]);
        let run = rapporteur(dir.path(), &args);
        assert_eq!(run.code, 1, "{command:?}: {run:?}");
        assert!(
            run.stderr.contains("empty.txt") && run.stderr.contains("empty file"),
            "{command:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{command:?} printed {}", run.stdout);
    }
    assert!(
        !dir.path().join("out").exists(),
        "a stopped draft writes nothing"
    );
}

#[test]
fn quiet_draft_prints_nothing() {
    let dir = corpus_with_good_report();
    let run = rapporteur(dir.path(), &["draft", "corpus", "-o", "out", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    assert!(dir.path().join("out/synthesis.md").is_file());
}

/// A folder as a desktop leaves it: Word's owner file beside an open
/// report, Windows' and macOS's folder files. They are passed over without
/// a word (before, the owner file was an error and the run exited 1).
#[test]
fn system_and_lock_files_in_a_folder_are_passed_over() {
    let dir = corpus_with_good_report();
    write(dir.path(), "~$good.docx", "\u{7}owner");
    write(dir.path(), "Thumbs.db", "\0\0");
    write(dir.path(), "desktop.ini", "[.ShellClassInfo]");
    write(dir.path(), ".DS_Store", "\0");
    let run = rapporteur(dir.path(), &["check", "corpus"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        !run.stderr.contains("warning:") && !run.stderr.contains("error:"),
        "{}",
        run.stderr
    );
    assert_contains(&run.stderr, "1 file read, 1 report, 8 recommendations");
}
