//! Lint rules: lettering gaps, repeats and disorder; reports without
//! recommendations; for the rapporteur, proposer tags and undated reports. Messages are built here only, so that a finding made
//! while reading and the same finding made by `check` are identical.

use crate::model::{Corpus, Diagnostic, Report};
use std::collections::{BTreeSet, HashSet};

pub fn no_recommendations(file: &str, line: Option<usize>) -> Diagnostic {
    Diagnostic::warning(
        file,
        line,
        "no recommendations found (expected a numbered paragraph 'The following recommendations … were identified:' followed by (a), (b), …)",
    )
}

/// The paragraph introducing the recommendations was found, but no
/// lettered item follows it: says so, with the first line after it, so
/// that a list written in a form not read (`(A)`, `1. (a)`, `> (a)`) is
/// seen for what it is.
pub fn no_lettered_items(file: &str, intro_line: usize, next: Option<(usize, &str)>) -> Diagnostic {
    let found = match next {
        Some((line, text)) => {
            let excerpt: String = text.trim().chars().take(40).collect();
            format!("; line {line} reads `{excerpt}`")
        }
        None => String::new(),
    };
    Diagnostic::warning(
        file,
        Some(intro_line),
        format!(
            "no recommendations found after the paragraph introducing them (expected lines starting (a), (b), …{found})"
        ),
    )
}

/// Gaps, repeats and disorder in a report's lettering, each at the line of
/// the offending letter.
pub fn lettering(report: &Report) -> Vec<Diagnostic> {
    use crate::ingest::letters::{letter_at, ordinal, scheme_of};
    let scheme = scheme_of(report.recommendations.iter().map(|r| r.letter.as_str()));
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut highest: Option<u64> = None;
    for rec in &report.recommendations {
        let letter = rec.letter.as_str();
        if letter.is_empty() {
            continue;
        }
        let place = ordinal(letter, scheme);
        let expected = letter_at(highest.map_or(1, |h| h + 1), scheme);
        let message = if seen.contains(&place) {
            Some(format!(
                "letter ({letter}) repeated (expected ({expected}))"
            ))
        } else if place > highest.map_or(1, |h| h + 1) {
            let after = highest.map_or("at the start of the list".to_string(), |h| {
                format!("after ({})", letter_at(h, scheme))
            });
            Some(format!(
                "gap in lettering: ({letter}) {after} (expected ({expected}))"
            ))
        } else if place < highest.map_or(1, |h| h + 1) {
            Some(format!(
                "letter ({letter}) out of order (expected ({expected}))"
            ))
        } else {
            None
        };
        if let Some(message) = message {
            out.push(Diagnostic::warning(
                &report.meeting.file,
                Some(rec.line),
                message,
            ));
        }
        seen.insert(place);
        highest = Some(highest.map_or(place, |h| h.max(place)));
    }
    out
}

/// A Member State's name in brackets inside a recommendation marks its
/// proposal; editors usually remove such tags from the final text, but
/// need to know of each one.
pub fn proposer_tags(report: &Report) -> Vec<Diagnostic> {
    report
        .recommendations
        .iter()
        .filter(|r| !r.attributed_states.is_empty())
        .map(|r| {
            let tags: Vec<String> = r
                .attributed_states
                .iter()
                .map(|s| format!("({s})"))
                .collect();
            let (kind, list) = match tags.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    ("proposers' tags", format!("{} and {last}", rest.join(", ")))
                }
                _ => ("a proposer's tag", tags.concat()),
            };
            Diagnostic::warning(
                &report.meeting.file,
                Some(r.line),
                format!(
                    "recommendation {} carries {kind} {list} (expected none in the final text: such tags are usually removed)",
                    r.reference(),
                ),
            )
        })
        .collect()
}

/// A report without a document date cannot be cited by date.
pub fn undated(report: &Report) -> Option<Diagnostic> {
    report.meeting.document_date.is_none().then(|| {
        Diagnostic::warning(
            &report.meeting.file,
            None,
            "the report bears no date (expected a document date such as '24 April 2025' in its heading)",
        )
    })
}

/// Every finding about the corpus: those recorded while reading plus the
/// lint rules run again on the reports, without duplicates, sorted by file
/// and line.
pub fn check(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut all: BTreeSet<Diagnostic> = corpus.diagnostics.iter().cloned().collect();
    // Files whose findings were capped while reading keep that cap: running
    // the rules again would list everything the cap left out.
    let capped: HashSet<&str> = corpus
        .diagnostics
        .iter()
        .filter(|d| is_cap_note(d))
        .map(|d| d.file.as_str())
        .collect();
    for report in corpus
        .reports
        .iter()
        .filter(|r| !capped.contains(r.meeting.file.as_str()))
    {
        all.extend(lettering(report));
        all.extend(proposer_tags(report));
        all.extend(undated(report));
        let noted = corpus
            .diagnostics
            .iter()
            .any(|d| d.file == report.meeting.file && d.message.starts_with("no recommendations"));
        if report.recommendations.is_empty() && !noted {
            all.insert(no_recommendations(&report.meeting.file, None));
        }
    }
    let mut out: Vec<Diagnostic> = all.into_iter().collect();
    super::super::sort_diagnostics(&mut out);
    out
}

/// The closing line of a file whose findings were too many to list.
pub fn cap_note(file: &str, left_out: usize) -> Diagnostic {
    Diagnostic::warning(
        file,
        None,
        format!("{left_out} more findings in this file not listed"),
    )
}

fn is_cap_note(d: &Diagnostic) -> bool {
    d.line.is_none() && d.message.ends_with("more findings in this file not listed")
}
