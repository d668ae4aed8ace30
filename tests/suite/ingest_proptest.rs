//! Property tests on `parse_report` (the stable-toolchain stand-in for the
//! cargo-fuzz target in `fuzz/`): on mutated seed text and on random
//! report-like token soup it never panics, terminates, is deterministic,
//! and every lettered recommendation has text and a real line.

use proptest::prelude::*;
use rapporteur::ingest::{parse_report, EMBEDDED_SEEDS};

/// Page-break debris and markup that PDF extractions insert.
const DEBRIS: &[&str] = &[
    "",
    "---",
    "Please recycle",
    "<sup>1</sup> A footnote.",
    "A/CONF.248/RPM.4/L.1/Add.2",
    "V.25-01234",
    "12",
    "English only",
    "**",
    "*",
    "# ",
    "(1)",
    "(0) Zero",
    "(a)",
    "(z) Last;",
    "- 4. Title (agenda item 6) (workshop 4)",
    "Outcome of deliberations",
    "Summary of deliberations",
    "17. The following recommendations were identified:",
    "Western Asia Regional Preparatory Meeting",
    "Statements were made by the representatives of Egypt and",
    "; (e) Consider",
    "ﬁ\u{a0}\u{ad}",
    "(Viet Nam)",
    "(",
    ")",
    "[^",
    "\u{fffd}ly-",
    "wrapped on;",
    "İ statements were made by Kenya and Italy",
    "-",
    "cyber-",
    "enabled",
    "\u{212A}",
    "日本-",
    "Vienna, 25–27 March 2025",
    "Distr.: Limited 24 April 2025",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    InsertDebris(usize, usize),
    DuplicateLine(usize),
    ByteNoise(usize, u8),
    Truncate(usize),
    /// Breaks a line in two at a character boundary, with a hyphen at the
    /// end of the first part (a word hyphenated by the line break).
    HyphenateLine(usize, usize, Option<char>),
    /// Inserts a debris token inside a line, at a character boundary.
    InsertInLine(usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), 0..DEBRIS.len()).prop_map(|(at, d)| Mutation::InsertDebris(at, d)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::ByteNoise(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (
            any::<usize>(),
            any::<usize>(),
            prop::option::of(prop::sample::select(vec![
                '\u{fffd}', 'é', '–', '日', '\u{212A}'
            ]))
        )
            .prop_map(|(l, at, glue)| Mutation::HyphenateLine(l, at, glue)),
        (any::<usize>(), any::<usize>(), 0..DEBRIS.len())
            .prop_map(|(l, at, d)| Mutation::InsertInLine(l, at, d)),
    ]
}

fn char_boundary(line: &str, at: usize) -> usize {
    let mut cut = at % (line.len() + 1);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut noise: Vec<(usize, u8)> = Vec::new();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::DeleteLine(at) if !lines.is_empty() => {
                lines.remove(at % n);
            }
            Mutation::InsertDebris(at, d) => {
                lines.insert(at % (lines.len() + 1), DEBRIS[d].to_string())
            }
            Mutation::DuplicateLine(at) if !lines.is_empty() => {
                let line = lines[at % n].clone();
                lines.insert(at % n, line);
            }
            Mutation::ByteNoise(at, b) => noise.push((at, b)),
            Mutation::Truncate(at) if lines.len() > 1 => lines.truncate(1 + at % n),
            Mutation::HyphenateLine(l, at, glue) if !lines.is_empty() => {
                let line = lines[l % n].clone();
                let cut = char_boundary(&line, at);
                // With `glue`, an odd character stands just before the
                // broken word, as OCR leaves them.
                let (head, next) = match glue {
                    Some(c) => (
                        format!("{}{c}wrap-", &line[..cut]),
                        format!("ped {}", &line[cut..]),
                    ),
                    None => (format!("{}-", &line[..cut]), line[cut..].to_string()),
                };
                lines[l % n] = head;
                lines.insert(l % n + 1, next);
            }
            Mutation::InsertInLine(l, at, d) if !lines.is_empty() => {
                let line = &mut lines[l % n];
                let cut = char_boundary(line, at);
                line.insert_str(cut, DEBRIS[d]);
            }
            _ => {}
        }
    }
    let mut bytes = lines.join("\n").into_bytes();
    for (at, b) in noise {
        if !bytes.is_empty() {
            let len = bytes.len();
            bytes[at % len] = b;
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn check_invariants(text: &str) -> Result<(), TestCaseError> {
    let (report, diagnostics) = parse_report("p.txt", text);
    let lines = text.lines().count();
    for d in &diagnostics {
        prop_assert_eq!(&d.file, "p.txt");
        prop_assert!(d.line.is_none_or(|l| (1..=lines).contains(&l)), "{}", d);
    }
    if let Some(report) = &report {
        for rec in &report.recommendations {
            prop_assert!(!rec.text.trim().is_empty(), "{} has no text", rec.id);
            prop_assert!(
                (1..=lines).contains(&rec.line),
                "{} at {}",
                rec.id,
                rec.line
            );
            let letter = rec.letter.chars().next().unwrap();
            prop_assert!(
                rec.letter.len() == 1 && letter.is_ascii_lowercase(),
                "{}",
                rec.letter
            );
        }
    }
    let again = parse_report("p.txt", text);
    prop_assert_eq!(&again.0, &report);
    prop_assert_eq!(&again.1, &diagnostics);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mutated_seeds_parse_safely(seed in 0..EMBEDDED_SEEDS.len(), mutations in prop::collection::vec(mutation(), 0..25)) {
        let text = apply(EMBEDDED_SEEDS[seed].1, &mutations);
        check_invariants(&text)?;
    }

    #[test]
    fn report_like_token_soup_parses_safely(tokens in prop::collection::vec((0..DEBRIS.len(), prop::sample::select(vec!["\n", " ", "\n\n", "", "\r"])), 0..200)) {
        let text: String = tokens.iter().map(|(t, sep)| format!("{}{sep}", DEBRIS[*t])).collect();
        check_invariants(&text)?;
    }

    #[test]
    fn arbitrary_text_parses_safely(text in "\\PC*") {
        check_invariants(&text)?;
    }
}

#[test]
fn unmutated_seeds_keep_every_recommendation() {
    let total: usize = EMBEDDED_SEEDS
        .iter()
        .map(|(name, text)| {
            check_invariants(text).unwrap();
            parse_report(name, &apply(text, &[]))
                .0
                .unwrap()
                .recommendations
                .len()
        })
        .sum();
    assert_eq!(total, 63);
}
