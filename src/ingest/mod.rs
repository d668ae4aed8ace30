//! Ingest: report files (Markdown or text extracted from PDF) into a
//! [`Corpus`] of reports and lettered recommendations with provenance.
//!
//! One parser reads every layout: it finds the parts of a report by their
//! headings and numbered paragraphs, never by one file's quirks. Every
//! problem becomes a [`Diagnostic`] naming the file (and line); nothing
//! stops the rest of the corpus from being read.

mod clean;
mod decode;
mod docx;
mod extracted;
mod files;
pub(crate) mod letters;
mod lint;
mod metadata;
mod pdf;
mod recommendations;
mod report;
mod states;

use crate::model::{natural_cmp, Corpus, Diagnostic, FileReader, Report, Severity};
use crate::text::plural;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::path::PathBuf;

pub use files::EMBEDDED_SEEDS;
pub use states::is_member_state;

/// Most findings listed per file; a file with more (a 50 MB run of repeated
/// reports, say) gets one closing line with the count left out.
const MAX_FINDINGS_PER_FILE: usize = 50;

/// Largest file read (256 MiB): a report addendum is a few kilobytes, and
/// corpora of generated reports stay far below this.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads every report under `paths` (files or folders). Never fails: files
/// that cannot be used become diagnostics and the rest are still read.
/// With no paths, reads `seeds/` or, failing that, the embedded seeds.
pub fn read_corpus(paths: &[PathBuf]) -> Corpus {
    let (sources, mut diagnostics) = if paths.is_empty() {
        files::default_sources()
    } else {
        files::collect(paths)
    };
    // Each file is read, decoded, hashed and parsed in one go on some
    // thread, so that its text is freed as soon as it is parsed; which
    // copy of a duplicated text counts is then decided in file order (a
    // duplicate is parsed for nothing: rare, and cheaper than a second
    // parallel pass).
    let read: Vec<ReadFile> = sources.par_iter().map(read_file).collect();
    let mut reports = Vec::new();
    let mut readers = Vec::new();
    let mut first_with: HashMap<String, &str> = HashMap::new();
    for (source, file) in sources.iter().zip(read) {
        let ReadFile {
            mut findings,
            parsed,
            reader,
        } = file;
        readers.extend(reader);
        if let Some((hash, report, notes)) = parsed {
            if let Some(first) = first_with.get(&hash) {
                findings.push(Diagnostic::warning(
                    &source.name,
                    None,
                    format!("duplicate of {first}; not counted again (expected each report once)"),
                ));
            } else {
                first_with.insert(hash, &source.name);
                findings.extend(notes);
                reports.extend(report);
            }
        }
        diagnostics.extend(cap_findings(&source.name, findings));
    }
    sort_reports(&mut reports);
    assign_ids(&mut reports);
    sort_diagnostics(&mut diagnostics);
    Corpus {
        reports,
        diagnostics,
        files_read: sources.len(),
        readers,
    }
}

/// One file as read: the findings made while reading and decoding it,
/// the reader used and, when it could be read, its content hash with what
/// parsing it gave.
struct ReadFile {
    findings: Vec<Diagnostic>,
    parsed: Option<(String, Vec<Report>, Vec<Diagnostic>)>,
    reader: Option<FileReader>,
}

impl ReadFile {
    fn unusable(finding: Diagnostic) -> ReadFile {
        ReadFile {
            findings: vec![finding],
            parsed: None,
            reader: None,
        }
    }
}

/// Which reader a file needs, told by its first bytes (then its name).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Pdf,
    Word,
    Text,
}

fn format_of(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    // The PDF header may follow a little junk (the format allows 1 KiB).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") || lower.ends_with(".pdf") {
        Format::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".docx") {
        Format::Word
    } else {
        Format::Text
    }
}

/// Reads, decodes, hashes and parses one file.
fn read_file(source: &files::Source) -> ReadFile {
    let name = source.name.as_str();
    let bytes: std::borrow::Cow<[u8]> = match &source.location {
        files::Location::Embedded(text) => text.as_bytes().into(),
        files::Location::Disk(path) => match read_bounded(path) {
            Ok(bytes) => bytes.into(),
            Err(e) => {
                return ReadFile::unusable(Diagnostic::error(
                    name,
                    None,
                    format!("cannot read file: {e} (expected a readable report file)"),
                ));
            }
        },
    };
    let mut reader = FileReader {
        file: name.to_string(),
        ..FileReader::default()
    };
    let (text, notes) = match format_of(name, &bytes) {
        Format::Pdf => match pdf::read(name, &bytes) {
            Ok(pages) => {
                reader.reader = "PDF";
                reader.unplaced_pages = pages.blank_pages();
                (pages.text(), Vec::new())
            }
            Err(d) => return ReadFile::unusable(d),
        },
        Format::Word => match docx::read(name, &bytes) {
            Ok(text) => {
                reader.reader = "Word";
                (text, Vec::new())
            }
            Err(d) => return ReadFile::unusable(d),
        },
        Format::Text => match decode::decode(name, bytes) {
            decode::Decoded::Text(text, notes) => {
                reader.reader = if is_markdown(name, &text) {
                    "Markdown"
                } else {
                    "text"
                };
                (text, notes)
            }
            decode::Decoded::Unusable(d) => return ReadFile::unusable(d),
        },
    };
    let hash = report::content_hash(&text);
    let (mut report, parse_notes, page_starts) = parse_text(name, &text, || hash.clone());
    drop(text);
    if reader.reader == "PDF" {
        // Each recommendation's page: the last page starting at or before
        // its line.
        for r in report.iter_mut().flat_map(|r| r.recommendations.iter_mut()) {
            r.page = Some(page_starts.partition_point(|&start| start <= r.line).max(1) as u32);
        }
    }
    let mut findings = notes;
    if reader.reader == "PDF" {
        for &page in &reader.unplaced_pages {
            findings.push(Diagnostic::warning(
                name,
                page_starts.get(page - 1).copied(),
                format!("page {page} has no text that could be placed (a scanned image?); the other pages are read (expected a text layer on every page)"),
            ));
        }
        reader.page_starts = page_starts;
    }
    ReadFile {
        findings,
        parsed: Some((hash, report, parse_notes)),
        reader: Some(reader),
    }
}

/// Tidies text as any extractor gives it (see [`extracted`]), parses it,
/// and points every line back at the text as given. Also returns the line
/// each page starts at.
fn parse_text(
    name: &str,
    text: &str,
    hash: impl FnOnce() -> String,
) -> (Vec<Report>, Vec<Diagnostic>, Vec<usize>) {
    let tidied = extracted::tidy(text);
    let hash = hash();
    let mut reports = Vec::new();
    let mut notes = Vec::new();
    for section in report::sections(&tidied.text) {
        let (report, section_notes) = report::parse_hashed(name, &section, || hash.clone());
        reports.extend(report);
        notes.extend(section_notes);
    }
    let origin = |line: usize| match &tidied.origin {
        Some(origin) => origin.get(line.wrapping_sub(1)).copied().unwrap_or(line),
        None => line,
    };
    for d in &mut notes {
        d.line = d.line.map(origin);
    }
    for report in &mut reports {
        for rec in &mut report.recommendations {
            rec.line = origin(rec.line);
        }
        for paragraph in &mut report.deliberations {
            paragraph.line = origin(paragraph.line);
        }
    }
    (reports, notes, tidied.page_starts)
}

/// Markdown by its name, or by headings written with `#`.
fn is_markdown(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md")
        || lower.ends_with(".markdown")
        || text
            .lines()
            .take(200)
            .any(|l| l.starts_with("# ") || l.starts_with("## "))
}

/// Reads a file unless it is larger than any report could be, so that a
/// stray disk image cannot exhaust memory.
fn read_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    crate::reading::read_regular_file(path, MAX_FILE_BYTES)
}

/// Parses one report's text. Pure: the same text gives the same result.
/// Returns `None` when the report cannot be used (no region header, no
/// Congress agenda item, empty), with the reason among the diagnostics.
/// Recommendation ids are provisional (`EU-6-17l`) until [`read_corpus`]
/// resolves collisions across the corpus.
pub fn parse_report(file: &str, text: &str) -> (Option<Report>, Vec<Diagnostic>) {
    let (reports, notes) = parse_reports(file, text);
    (reports.into_iter().next(), notes)
}

/// Every report one text holds: one per meeting agenda item when a report
/// gives several, each with its own list (see [`report::sections`]).
pub fn parse_reports(file: &str, text: &str) -> (Vec<Report>, Vec<Diagnostic>) {
    let (reports, notes, _) = parse_text(file, text, || report::content_hash(text));
    (reports, notes)
}

/// Lints a corpus: lettering gaps and repeats, repaired OCR letters, unknown
/// regions, files without recommendations, unreadable files.
pub fn check(corpus: &Corpus) -> Vec<Diagnostic> {
    lint::check(corpus)
}

/// One line for the end of every command: files read, reports,
/// recommendations, warnings, errors.
pub fn summary(corpus: &Corpus) -> String {
    let count = |severity| {
        corpus
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    format!(
        "{}, {}, {}, {}, {}",
        plural(corpus.files_read, "file read", "files read"),
        plural(corpus.reports.len(), "report", "reports"),
        plural(
            corpus.recommendations().count(),
            "recommendation",
            "recommendations"
        ),
        plural(count(Severity::Warning), "warning", "warnings"),
        plural(count(Severity::Error), "error", "errors"),
    )
}

/// `file: read as PDF (9 pages)`: which reader read a file.
pub fn reader_line(read: &FileReader) -> String {
    let pages = match read.page_starts.len() {
        0 => String::new(),
        n => format!(" ({})", plural(n, "page", "pages")),
    };
    let unplaced = match read.unplaced_pages.as_slice() {
        [] => String::new(),
        pages => format!(
            "; no text could be placed on page(s) {}",
            pages
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("{}: read as {}{pages}{unplaced}", read.file, read.reader)
}

/// With `strict`, the first error in the input stops the run as an
/// [`crate::Error::Input`]; without, the corpus is passed on as read.
pub fn strict(corpus: Corpus, strict: bool) -> crate::Result<Corpus> {
    if !strict {
        return Ok(corpus);
    }
    match corpus
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        Some(d) => Err(crate::Error::Input {
            file: d.file.clone(),
            line: d.line,
            message: d.message.clone(),
        }),
        None => Ok(corpus),
    }
}

/// Canonical report order: Congress agenda item (natural order), region,
/// file name.
fn sort_reports(reports: &mut [Report]) {
    // Agenda items are few: rank them once instead of comparing their
    // text in every comparison of the sort.
    let mut items: Vec<&str> = reports.iter().map(|r| r.agenda_item.as_str()).collect();
    items.sort_unstable_by(|a, b| natural_cmp(a, b));
    items.dedup();
    let rank: FxHashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.to_string(), i))
        .collect();
    reports.sort_by_cached_key(|r| {
        (
            rank[&r.agenda_item],
            r.meeting.region,
            r.meeting.file.clone(),
        )
    });
}

/// Gives every recommendation its final id, in canonical order: the first
/// holder of an id keeps it, later ones get `-2`, `-3`… (checked against
/// every id given so far, since a letter may itself end in a number).
fn assign_ids(reports: &mut [Report]) {
    let mut taken: FxHashSet<String> = FxHashSet::default();
    let mut next_suffix: FxHashMap<String, usize> = FxHashMap::default();
    for rec in reports
        .iter_mut()
        .flat_map(|r| r.recommendations.iter_mut())
    {
        let base = rec.place_id();
        let id = match taken.contains(&base) {
            false => base,
            true => {
                let suffix = next_suffix.entry(base.clone()).or_insert(2);
                loop {
                    let id = format!("{base}-{suffix}");
                    *suffix += 1;
                    if !taken.contains(&id) {
                        break id;
                    }
                }
            }
        };
        taken.insert(id.clone());
        rec.id = id;
    }
}

/// Sorted by file, then line, then severity and message; exact repeats gone.
pub(crate) fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort();
    diagnostics.dedup();
}

fn cap_findings(file: &str, mut findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if findings.len() <= MAX_FINDINGS_PER_FILE {
        return findings;
    }
    // Keep errors first so that a cap never hides why a file was not used.
    findings.sort_by_key(|d| std::cmp::Reverse(d.severity));
    let left_out = findings.len() - MAX_FINDINGS_PER_FILE;
    findings.truncate(MAX_FINDINGS_PER_FILE);
    findings.push(lint::cap_note(file, left_out));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first seed report twice (as two files would give it), with
    /// its first two recommendations only.
    fn twice_the_same_report() -> Vec<Report> {
        let mut report = read_corpus(&[]).reports.remove(0);
        report.recommendations.truncate(2);
        vec![report.clone(), report]
    }

    fn ids(reports: &[Report]) -> Vec<&str> {
        reports
            .iter()
            .flat_map(|r| &r.recommendations)
            .map(|r| r.id.as_str())
            .collect()
    }

    #[test]
    fn later_holders_of_an_id_get_numbered_suffixes() {
        let mut reports = twice_the_same_report();
        reports.push(twice_the_same_report().remove(0));
        assign_ids(&mut reports);
        let [a, b] = [0, 1].map(|i| reports[0].recommendations[i].id.clone());
        let expected = [
            a.clone(),
            b.clone(),
            format!("{a}-2"),
            format!("{b}-2"),
            format!("{a}-3"),
            format!("{b}-3"),
        ];
        assert_eq!(ids(&reports), expected);
    }

    #[test]
    fn provisional_ids_that_are_not_the_base_are_replaced() {
        let mut reports = twice_the_same_report();
        let [a, b] = [0, 1].map(|i| reports[0].recommendations[i].id.clone());
        // Provisional ids are not final ids: they neither keep nor block.
        reports[0].recommendations[0].id = "provisional".into();
        reports[1].recommendations[1].id = format!("{a}-2");
        assign_ids(&mut reports);
        assert_eq!(
            ids(&reports),
            [a.clone(), b.clone(), format!("{a}-2"), format!("{b}-2")]
        );
    }
}
