//! UN list structures and hostile input that once lost recommendations or
//! hung: lettering past (z), sub-items, names that display alike, a stray
//! NUL byte, asterisks in text, FIFOs, devices and endless files, control
//! characters in names, odd gazetteers, an unbounded generator.

use crate::common::{command, Rapporteur, Run};
use rapporteur::ingest::{self, parse_report};
use std::fs;
use std::path::Path;
use std::time::Duration;

const LAC: &str = include_str!("../../seeds/004_f29162a344c7f65f.txt");
const EU: &str = include_str!("../../seeds/001_bba04487c98bd190.txt");

/// The Latin American report up to its introducing paragraph, then `list`.
fn report_with_list(list: &str) -> String {
    let intro = LAC.find("were identified:").unwrap() + "were identified:".len();
    format!("{}\n\n{list}", &LAC[..intro])
}

fn items(letters: &[String]) -> String {
    let last = letters.len() - 1;
    letters
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let end = if i == last { "." } else { ";" };
            format!("({l}) Strengthen cooperation number {i}{end}\n\n")
        })
        .collect()
}

fn letters_read(text: &str) -> Vec<String> {
    let (report, _) = parse_report("list.txt", text);
    report
        .unwrap()
        .recommendations
        .iter()
        .map(|r| r.letter.clone())
        .collect()
}

fn doubled(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            ((b'a' + (i % 26) as u8) as char)
                .to_string()
                .repeat(i / 26 + 1)
        })
        .collect()
}

fn counted(n: usize) -> Vec<String> {
    (1..=n)
        .map(|mut i| {
            let mut s = Vec::new();
            while i > 0 {
                i -= 1;
                s.push(b'a' + (i % 26) as u8);
                i /= 26;
            }
            s.reverse();
            String::from_utf8(s).unwrap()
        })
        .collect()
}

#[test]
fn thirty_items_past_z_give_thirty_recommendations_in_both_schemes() {
    for letters in [doubled(30), counted(30)] {
        let text = report_with_list(&items(&letters));
        assert_eq!(letters_read(&text), letters);
        let (report, diagnostics) = parse_report("list.txt", &text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let report = report.unwrap();
        assert_eq!(
            report.recommendations[26].text.as_ref(),
            "Strengthen cooperation number 26"
        );
        assert!(report.recommendations[27]
            .id
            .ends_with(&format!("8{}", letters[27])));
    }
}

#[test]
fn a_thousand_items_give_a_thousand_recommendations() {
    for letters in [doubled(1000), counted(1000)] {
        assert_eq!(letters_read(&report_with_list(&items(&letters))), letters);
    }
}

#[test]
fn a_gap_past_z_is_still_reported() {
    let mut letters = doubled(30);
    letters.remove(27);
    let (_, diagnostics) = parse_report("list.txt", &report_with_list(&items(&letters)));
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message == "gap in lettering: (cc) after (aa) (expected (bb))"),
        "{diagnostics:?}"
    );
}

#[test]
fn sub_items_stay_in_their_recommendation_and_cite_the_right_text() {
    let list = "(a) One;\n\n(b) Two;\n\n(c) Develop guidance on the following:\n\n(i) forensic tools;\n\n(ii) data protection;\n\n(d) Four;\n\n(e) Five;\n\n(f) Six;\n\n(g) Seven;\n\n(h) Eight;\n\n(i) Nine.\n";
    let (report, diagnostics) = parse_report("sub.txt", &report_with_list(list));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let recs = report.unwrap().recommendations;
    let letters: String = recs.iter().map(|r| r.letter.as_str()).collect();
    assert_eq!(letters, "abcdefghi");
    assert_eq!(
        recs[2].text.as_ref(),
        "Develop guidance on the following: (i) forensic tools; (ii) data protection"
    );
    assert_eq!(recs[8].text.as_ref(), "Nine");
    assert_eq!(recs[8].id, "LAC-6-8i");
}

/// How word processors, converters and PDF extractors write a lettered
/// list, each once seen to lose or garble its recommendations: the same
/// three recommendations, with the same texts, from every form.
#[test]
fn lists_as_converters_and_extractors_write_them_read_the_same() {
    let forms: [(&str, &str); 15] = [
        ("Markdown numbered list", "1. (a) One;\n2. (b) Two;\n3. (c) Three.\n"),
        ("Markdown bullets", "- (a) One;\n- (b) Two;\n- (c) Three.\n"),
        ("blockquote", "> (a) One;\n>\n> (b) Two;\n>\n> (c) Three.\n"),
        ("line breaks", "(a) One;<br>\n\n(b) Two;<br />\n\n(c) Three.\n"),
        ("spaced letters", "( a ) One;\n\n( b ) Two;\n\n( c ) Three.\n"),
        ("bold inside brackets", "(**a**) One;\n\n(**b**) Two;\n\n(**c**) Three.\n"),
        ("Word bullet and tab", "\u{2022}\t(a) One;\n\n\u{2022}\t(b) Two;\n\n\u{2022}\t(c) Three.\n"),
        ("Symbol-font bullet", "\u{f0b7}\t(a) One;\n\n\u{f0b7}\t(b) Two;\n\n\u{f0b7}\t(c) Three.\n"),
        ("dash and tab", "-\t(a) One;\n\n-\t(b) Two;\n\n-\t(c) Three.\n"),
        ("bold letters", "**(a)** One;\n\n**(b)** Two;\n\n**(c)** Three.\n"),
        ("bullet, bold letters", "- **(a)** One;\n\n- **(b)** Two;\n\n- **(c)** Three.\n"),
        ("pandoc's escapes", "\\(a\\) One;\n\n\\(b\\) Two;\n\n\\(c\\) Three.\n"),
        ("zero-width space and BOM", "\u{200b}(a) One;\n\n\u{feff}(b) Two;\n\n(c) Three.\n"),
        ("soft hyphen at a line's end", "(a) One;\n\n(b) T\u{ad}\nwo;\n\n(c) Three.\n"),
        (
            "job number with language and barcode, page first",
            "(a) One;\n\nV.25-01234 (E)    *2501234*\n\n(b) Two;\n\n2/2    V.25-01234\n\n(c) Three.\n",
        ),
    ];
    for (name, list) in forms {
        let (report, diagnostics) = parse_report("list.txt", &report_with_list(list));
        let report = report.unwrap_or_else(|| panic!("{name}: {diagnostics:?}"));
        let read: Vec<(String, String)> = report
            .recommendations
            .iter()
            .map(|r| (r.letter.clone(), r.text.to_string()))
            .collect();
        let expected = [("a", "One"), ("b", "Two"), ("c", "Three")]
            .map(|(l, t)| (l.to_string(), t.to_string()));
        assert_eq!(read, expected, "{name}");
    }
    // The introducing paragraph numbered `8)` or, as OCR spaces it, `8 .`.
    for written in ["8)", "8 ."] {
        let text = report_with_list("(a) One;\n\n(b) Two.\n")
            .replace("\n8. The following", &format!("\n{written} The following"));
        let (report, _) = parse_report("list.txt", &text);
        assert_eq!(
            report.unwrap().recommendations_paragraph,
            Some(8),
            "{written}"
        );
    }
    // The paragraph number escaped too (`8\\.`): still paragraph 8.
    let escaped = report_with_list("(a) One;\n\n(b) Two.\n")
        .replace("\n8. The following", "\n8\\. The following");
    assert!(escaped.contains("8\\. The following"));
    let (report, _) = parse_report("list.txt", &escaped);
    assert_eq!(report.unwrap().recommendations_paragraph, Some(8));
}

#[test]
fn asterisks_in_text_are_kept() {
    let text = LAC.replacen(
        "Strengthen mechanisms",
        "Staff units 24*7 and 2*3 teams to strengthen mechanisms",
        1,
    );
    let (report, _) = parse_report("star.txt", &text);
    let first = &report.unwrap().recommendations[0];
    assert!(
        first.text.starts_with("Staff units 24*7 and 2*3 teams"),
        "{}",
        first.text
    );
}

fn in_corpus(dir: &Path, name: impl AsRef<Path>, bytes: impl AsRef<[u8]>) {
    let path = dir.join("corpus").join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Rapporteur::new().current_dir(dir).args(args).run()
}

fn json_count(run: &Run) -> usize {
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    value.as_array().unwrap().len()
}

#[cfg(unix)]
#[test]
fn two_files_whose_names_display_alike_are_both_read() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    in_corpus(dir.path(), OsStr::from_bytes(b"r\xff.txt"), LAC);
    in_corpus(dir.path(), OsStr::from_bytes(b"r\xfe.txt"), EU);
    in_corpus(
        dir.path(),
        "a\\b.txt",
        LAC.replace("Strengthen mechanisms", "Reinforce mechanisms"),
    );
    in_corpus(
        dir.path(),
        "a/b.txt",
        EU.replace("Enhance international", "Improve international"),
    );
    let run = run_in(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json_count(&run), 2 * (8 + 14));
    assert!(
        run.stderr
            .contains("4 files read, 4 reports, 44 recommendations"),
        "{}",
        run.stderr
    );
    for name in [
        "corpus/r\\xff.txt",
        "corpus/r\\xfe.txt",
        "corpus/a\\b.txt",
        "corpus/a/b.txt",
    ] {
        assert!(
            run.stdout.contains(&name.replace('\\', "\\\\")),
            "{name} not in output"
        );
    }
}

#[test]
fn a_nul_byte_is_a_warning_at_its_line_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = LAC.replacen("extradition,", "extra\0dition,", 1);
    let line = text[..text.find('\0').unwrap()].lines().count();
    in_corpus(dir.path(), "nul.txt", text);
    let run = run_in(dir.path(), &["extract", "--json", "corpus"]);
    assert_eq!(json_count(&run), 8);
    assert!(run.stdout.contains("extradition,"));
    assert!(
        run.stderr.contains(&format!(
            "corpus/nul.txt:{line}: warning: 1 NUL byte(s) removed"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn control_characters_in_file_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    in_corpus(dir.path(), "bad\nname\u{1b}[31m.txt", "");
    let run = run_in(dir.path(), &["check", "corpus"]);
    assert!(
        run.stdout
            .contains("corpus/bad\\nname\\u{1b}[31m.txt: error: empty file"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
}

#[cfg(unix)]
fn fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

/// A FIFO named as a report or as the gazetteer is refused at once (it
/// would block the open for ever).
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    fifo(&dir.path().join("pipe.txt"));
    fifo(&dir.path().join("pipe.toml"));
    let timeout = Duration::from_secs(30);
    let out = command()
        .current_dir(dir.path())
        .args(["extract", "pipe.txt"])
        .timeout(timeout)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pipe.txt: error: not a regular file"),
        "{stderr}"
    );
    let out = command()
        .current_dir(dir.path())
        .args(["themes", "--entities", "pipe.toml"])
        .timeout(timeout)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn endless_and_device_files_are_capped_or_refused() {
    let run = Rapporteur::new()
        .args(["themes", "--entities", "/dev/zero"])
        .run();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    // A /proc file reports a size it does not hold (this one also refuses
    // to be read whole): either way it ends in an error naming it.
    if Path::new("/proc/self/pagemap").exists() {
        let run = Rapporteur::new()
            .args(["themes", "--entities", "/proc/self/pagemap"])
            .run();
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("/proc/self/pagemap"), "{}", run.stderr);
    }
}

#[test]
fn an_empty_gazetteer_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.toml"), "# nothing yet\n").unwrap();
    let run = Rapporteur::new()
        .args(["themes", "--entities"])
        .arg(dir.path().join("empty.toml"))
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("empty.toml: the gazetteer holds no entity"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_windows_1252_gazetteer_gets_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"[[entity]]\nid = \"x\"\nname = \"Bogot".to_vec();
    bytes.extend(b"\xe1\"\nkind = \"body\"\naliases = []\n");
    fs::write(dir.path().join("latin.toml"), bytes).unwrap();
    let run = Rapporteur::new()
        .args(["themes", "--entities"])
        .arg(dir.path().join("latin.toml"))
        .run();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("latin.toml:3:"), "{}", run.stderr);
    assert!(run.stderr.contains("not valid UTF-8"), "{}", run.stderr);
}

#[test]
fn generate_refuses_an_unbounded_count() {
    let dir = tempfile::tempdir().unwrap();
    let run = Rapporteur::new()
        .args([
            "generate",
            "--recommendations",
            "18446744073709551615",
            "-o",
        ])
        .arg(dir.path().join("out"))
        .run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("more than the 10000000"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_large_gazetteer_is_read() {
    // 20,000 entities: the line of each is found by binary search, not by
    // a rescan of the file (which made this quadratic).
    let mut source = String::new();
    for i in 0..20_000 {
        source.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nname = \"Place number {i}\"\nkind = \"topic\"\naliases = []\n\n"
        ));
    }
    source.push_str("[[entity]]\nid = \"e0\"\nname = \"Again\"\nkind = \"topic\"\naliases = []\n");
    let error = rapporteur::entities::Gazetteer::parse(&source, "big.toml").unwrap_err();
    assert!(error.to_string().contains("big.toml:120002"), "{error}");
}

#[test]
fn the_corpus_reader_reads_pdf_docx_and_text_side_by_side() {
    let fixtures = crate::common::root().join("tests/fixtures/reports");
    let corpus = ingest::read_corpus(&[
        fixtures.join("libreoffice-pdf/001_bba04487c98bd190.pdf"),
        fixtures.join("pandoc-docx/004_f29162a344c7f65f.docx"),
        crate::common::seeds_dir().join("000_8ac773325e8acdc6.txt"),
    ]);
    assert_eq!(corpus.recommendations().count(), 14 + 8 + 17);
    let readers: Vec<&str> = corpus.readers.iter().map(|r| r.reader).collect();
    assert_eq!(readers, ["Markdown", "PDF", "Word"]);
}

/// Lists as mail programs, word processors, OCR and typists leave them,
/// found by restyling the seeds: each reads as typed, `(a)` to `(c)` with
/// the same texts, and says in a warning where it had to guess.
#[test]
fn lists_as_they_arrive_read_as_typed() {
    let want = [
        "Strengthen mechanisms",
        "Develop protocols",
        "Encourage coordination",
    ];
    let cases: [(&str, String, usize); 14] = [
        ("Word's middle-dot bullets", "·\t(a) Strengthen mechanisms;\n·\t(b) Develop protocols;\n·\t(c) Encourage coordination.".into(), 0),
        ("mixed symbol bullets", "➢ (a) Strengthen mechanisms;\n■ (b) Develop protocols;\n\u{f0d8} (c) Encourage coordination.".into(), 0),
        ("Word's second-level o", "o\t(a) Strengthen mechanisms;\no\t(b) Develop protocols;\no\t(c) Encourage coordination.".into(), 0),
        ("AutoCorrect's ©", "(a) Strengthen mechanisms;\n(b) Develop protocols;\n© Encourage coordination.".into(), 0),
        ("nested mail quoting", ">> (a) Strengthen mechanisms;\n>>\n> > (b) Develop protocols;\n> >\n>> (c) Encourage coordination.".into(), 0),
        ("items ended by a full stop, run in", "(a) Strengthen mechanisms.\n(b) Develop protocols. (c) Encourage coordination.".into(), 0),
        ("a letter ending its line", "(a) Strengthen mechanisms;\n(b) Develop protocols; (c)\nEncourage coordination.".into(), 0),
        ("page numbers between items", "(a) Strengthen mechanisms;\n\n- 3 -\n\n(b) Develop\n\nPage 4 of 5\n\nprotocols;\n(c) Encourage coordination.".into(), 0),
        ("a word broken over a page number", "(a) Strengthen mecha-\n\n- 3 -\n\nnisms;\n(b) Develop protocols;\n(c) Encourage coordination.".into(), 0),
        ("pandoc's hard line break", "(a) Strengthen\\\nmechanisms;\n(b) Develop protocols; or\n(c) Encourage coordination.".into(), 0),
        ("invisible marks in the marker", "(a)\u{200b} Strengthen mechanisms;\n(b\u{a0}) Develop protocols;\n\u{200e}(c)\u{200e} Encourage coordination.".into(), 0),
        ("OCR's (e) for (c), (d) next", "(a) Strengthen mechanisms;\n(b) Develop protocols;\n(e) Encourage coordination;\n(d) Promote training.".into(), 1),
        ("a bracket lost", "(a) Strengthen mechanisms;\n(b) Develop protocols;\n(c Encourage coordination.".into(), 1),
        ("a dash after the letter", "(a) Strengthen mechanisms;\n(b) Develop protocols;\nc - Encourage coordination.".into(), 1),
    ];
    for (name, list, warnings) in cases {
        let (report, notes) = parse_report("list.txt", &report_with_list(&list));
        let report = report.unwrap_or_else(|| panic!("{name}: {notes:?}"));
        let read: Vec<(String, String)> = report
            .recommendations
            .iter()
            .take(3)
            .map(|r| (r.letter.clone(), r.text.to_string()))
            .collect();
        let expected: Vec<(String, String)> = ["a", "b", "c"]
            .iter()
            .zip(want)
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect();
        assert_eq!(read, expected, "{name}: {notes:?}");
        assert_eq!(notes.len(), warnings, "{name}: {notes:?}");
    }
}

/// A Congress agenda item spaced as justified text or OCR spaces it.
#[test]
fn an_agenda_item_spaced_unevenly_is_read() {
    let spaced = LAC.replace("(agenda item 6)", "(agenda  item 6 )");
    assert_ne!(spaced, LAC);
    let (report, notes) = parse_report("spaced.txt", &spaced);
    let report = report.unwrap_or_else(|| panic!("{notes:?}"));
    assert_eq!(report.agenda_item.as_str(), "6");
    assert_eq!(report.recommendations.len(), 8);
}
