//! One report file's text into a [`Report`]: finds the sections by their
//! headings and numbered paragraphs, then reads each part.

use super::clean::{hyphenated_words, is_debris, join_fragments, strip_markup};
use super::metadata;
use super::recommendations::{self, Lettered};
use super::states::is_member_state;
use crate::model::{Diagnostic, Meeting, Paragraph, Recommendation, Region, Report};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

/// `(17, "The following…")` from `17. The following…` (markup removed),
/// also written `17)` or, as OCR spaces it, `17 .`.
pub fn numbered(plain: &str) -> Option<(u32, &str)> {
    let digits = plain.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let after = &plain[digits..];
    let rest = after
        .strip_prefix('.')
        .or_else(|| after.strip_prefix(" ."))
        .or_else(|| after.strip_prefix(')'))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    // `1. (a) Strengthen…`: a Markdown numbered list around the letters,
    // not a paragraph (no paragraph opens with a letter in brackets).
    if recommendations::lettered_start(rest).is_some() {
        return None;
    }
    Some((plain[..digits].parse().ok()?, rest.trim_start()))
}

/// A short line that is the named heading (possibly with markup).
fn is_heading(plain: &str, name: &str) -> bool {
    if plain.len() > name.len() + 30 {
        return false;
    }
    let plain = plain.to_lowercase();
    plain.contains(name) && plain.len() <= name.len() + 30 && numbered(&plain).is_none()
}

/// Where the parts of a report are, as 0-based line indices.
struct Layout {
    summary: Option<usize>,
    outcome: Option<usize>,
    /// The numbered paragraph introducing the recommendations.
    intro: Option<(usize, u32)>,
    /// First line of the lettered list (or of what follows the intro).
    list_from: Option<usize>,
    /// The numbered line giving the item title (with `(agenda item N)`).
    item_title: Option<usize>,
    /// End of the header (title, speakers) region.
    header_end: usize,
}

/// `plain` holds each line without markup (see [`strip_markup`]).
fn layout(lines: &[&str], plain: &[Cow<str>]) -> Layout {
    let summary = plain
        .iter()
        .position(|l| is_heading(l, "summary of deliberations"));
    let outcome = plain
        .iter()
        .position(|l| is_heading(l, "outcome of deliberations"));
    let (intro, list_from) = find_list(lines, plain, outcome.or(summary).unwrap_or(0));
    let header_end = summary
        .or(outcome)
        .or(intro.map(|(i, _)| i))
        .or(list_from)
        .unwrap_or(lines.len());
    // The item title names the Congress agenda item, or at least the
    // workshop (so that a missing agenda item can be pointed at).
    // The title may wrap anywhere, even inside `(agenda\nitem 5)`.
    let titled = |label: &str| {
        (0..header_end).find(|&i| {
            numbered(&plain[i]).is_some()
                && metadata::bracketed_number(&item_title_text(lines, i), label).is_some()
        })
    };
    let unnumbered = || {
        (0..header_end).find(|&i| metadata::bracketed_number(&plain[i], "agenda item").is_some())
    };
    let item_title = titled("agenda item")
        .or_else(|| titled("workshop"))
        .or_else(unnumbered);
    Layout {
        summary,
        outcome,
        intro,
        list_from,
        item_title,
        header_end,
    }
}

/// The numbered paragraph announcing the recommendations and the line
/// where their list starts. Preferred: the first paragraph after `from`
/// that mentions recommendations and is followed by a lettered item; else
/// the paragraph (if any) before the first `(a)`; else the first paragraph
/// mentioning recommendations, so that its empty list can be reported.
fn find_list(
    lines: &[&str],
    plain: &[Cow<str>],
    from: usize,
) -> (Option<(usize, u32)>, Option<usize>) {
    let mut current: Option<(usize, u32, bool)> = None;
    let mut first_mention: Option<(usize, u32)> = None;
    let mut before_first_a: Option<(Option<(usize, u32)>, usize)> = None;
    for (i, line) in lines.iter().enumerate().skip(from) {
        if let Some((n, text)) = numbered(&plain[i]) {
            let mentions = text.to_lowercase().contains("recommendation");
            if mentions && first_mention.is_none() {
                first_mention = Some((i, n));
            }
            current = Some((i, n, mentions));
            continue;
        }
        let Some((letter, _)) = recommendations::lettered_start(line) else {
            continue;
        };
        if let Some((at, n, true)) = current {
            return (Some((at, n)), Some(at + 1));
        }
        if letter == "a" && before_first_a.is_none() {
            before_first_a = Some((current.map(|(at, n, _)| (at, n)), i));
        }
    }
    match (before_first_a, first_mention) {
        (Some((Some((at, n)), _)), _) => (Some((at, n)), Some(at + 1)),
        (Some((None, a_line)), _) => (None, Some(a_line)),
        (None, Some((at, n))) => (Some((at, n)), Some(at + 1)),
        (None, None) => (None, None),
    }
}

/// The reports one text holds. A meeting's full report (not one addendum)
/// gives each of its agenda items a heading (`B. Substantive items and
/// workshops – Agenda item 5 (c)`) with its own deliberations and list:
/// when two or more such headings name different items and each section
/// holds a lettered list, each section is read as a report of its own,
/// with the document's header before the first heading. Lines of the
/// other sections are blanked, not removed, so that line numbers stay
/// those of the text. Otherwise the text is one report.
pub fn sections(text: &str) -> Vec<Cow<'_, str>> {
    let documents = documents(text);
    if documents.len() < 2 {
        return item_sections(text);
    }
    documents
        .iter()
        .flat_map(|document| {
            item_sections(document)
                .into_iter()
                .map(|section| Cow::Owned(section.into_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Several meetings' reports pasted or printed into one file, one after
/// the other: a new report starts at a meeting title naming another region
/// than the report before, once that report's list has begun, with the
/// short header lines just above the title (symbol, date, `Distr.`). Each
/// is given whole, the others' lines blanked so that line numbers stay
/// those of the text. One report gives an empty list.
fn documents(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut starts = vec![0];
    let mut region = None;
    let mut list_begun = false;
    for (i, line) in lines.iter().enumerate() {
        let lower = line.to_lowercase();
        if lower.contains("regional") && lower.contains("preparatory") && !lower.contains("distr") {
            if let Some(this) = metadata::region_of_title(line) {
                if list_begun && region.is_some_and(|r| r != this) {
                    starts.push(header_start(&lines, i, *starts.last().unwrap_or(&0)));
                    list_begun = false;
                }
                region = Some(this);
            }
        }
        list_begun |= recommendations::lettered_start(line).is_some_and(|(m, _)| m == "a");
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(lines.len());
            let mut document = String::with_capacity(text.len());
            for (i, line) in lines.iter().enumerate() {
                if (start..end).contains(&i) {
                    document.push_str(line);
                }
                document.push('\n');
            }
            document
        })
        .collect()
}

/// Where the header of a report whose title is at `title` begins: the
/// blank and short lines just above it (a symbol, a date, `Distr.:
/// Limited`) that end no sentence, not before `floor`.
fn header_start(lines: &[&str], title: usize, floor: usize) -> usize {
    let mut start = title;
    while start > floor + 1 {
        let above = lines[start - 1].trim();
        // The end of the report before (a wrapped item's last words end
        // with a full stop) is not header.
        let header_like = above.is_empty()
            || (above.len() <= 60
                && recommendations::lettered_start(above).is_none()
                && !above.ends_with([';', ':', '.']));
        if !header_like {
            break;
        }
        start -= 1;
    }
    start
}

/// The agenda-item sections of one report (see [`sections`]).
fn item_sections(text: &str) -> Vec<Cow<'_, str>> {
    let lines: Vec<&str> = text.lines().collect();
    let headings: Vec<(usize, String)> = (0..lines.len())
        .filter_map(|i| metadata::meeting_item(&lines[i..], 1).map(|item| (i, item)))
        .collect();
    let distinct: std::collections::HashSet<&str> =
        headings.iter().map(|(_, item)| item.as_str()).collect();
    if headings.len() < 2 || distinct.len() != headings.len() {
        return vec![Cow::Borrowed(text)];
    }
    let bounds: Vec<(usize, usize)> = headings
        .iter()
        .enumerate()
        .map(|(k, (start, _))| {
            (
                *start,
                headings.get(k + 1).map_or(lines.len(), |(next, _)| *next),
            )
        })
        .collect();
    let has_list = |&(start, end): &(usize, usize)| {
        lines[start..end]
            .iter()
            .any(|l| recommendations::lettered_start(l).is_some_and(|(m, _)| m == "a"))
    };
    if !bounds.iter().all(has_list) {
        return vec![Cow::Borrowed(text)];
    }
    let header_end = bounds[0].0;
    bounds
        .iter()
        .map(|&(start, end)| {
            let mut section = String::with_capacity(text.len());
            for (i, line) in lines.iter().enumerate() {
                if i < header_end || (start..end).contains(&i) {
                    section.push_str(line);
                }
                section.push('\n');
            }
            Cow::Owned(section)
        })
        .collect()
}

/// Parses one report, with the content hash supplied by a caller that
/// already has it (hashing 50 MB twice is noticeable). Returns `None` (with
/// an error) when the report cannot be used: no region header, no Congress
/// agenda item.
pub fn parse_hashed(
    file: &str,
    text: &str,
    hash: impl FnOnce() -> String,
) -> (Option<Report>, Vec<Diagnostic>) {
    let lines: Vec<&str> = text.lines().collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return (None, vec![blank_file(file, text)]);
    }
    let plain: Vec<Cow<str>> = lines.iter().map(|l| strip_markup(l)).collect();
    let layout = layout(&lines, &plain);
    let title_end = layout.item_title.unwrap_or(layout.header_end);
    let mut diagnostics = Vec::new();
    let titled = titled_region(file, metadata::find_title(&lines, title_end));
    let item_title = layout.item_title.map(|i| item_title_text(&lines, i));
    let agenda_item = congress_item(file, &lines, &layout, item_title.as_deref());
    let (title, region, agenda_item) = match (titled, agenda_item) {
        (Ok((title, region)), Ok(item)) => (title, region, item),
        (titled, item) => {
            diagnostics.extend(titled.err());
            diagnostics.extend(item.err());
            return (None, diagnostics);
        }
    };
    let hyphenated = hyphenated_words(text);
    let shared = Shared {
        file: file.into(),
        region,
        agenda_item: agenda_item.as_str().into(),
        meeting_item: metadata::meeting_item(&lines, layout.header_end).map(Arc::from),
        venue_and_dates: venue_and_dates(&title).map(Arc::from),
        paragraph: layout.intro.map_or(0, |(_, n)| n),
    };
    let recommendations = read_recommendations(
        &shared,
        &lines,
        &plain,
        &layout,
        &hyphenated,
        &title.text,
        &mut diagnostics,
    );
    // One space between words, as an extractor's trailing spaces would
    // otherwise double them inside a speaker's name.
    let header_text = super::clean::collapse_spaces(
        plain[..layout.header_end]
            .iter()
            .skip(title.last_index + 1)
            .map(|p| p.as_ref())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let report = Report {
        meeting: Meeting {
            region,
            file: file.to_string(),
            meeting_title: Some(title.text),
            venue: title.venue,
            meeting_dates: title.dates,
            rapporteur: metadata::rapporteur(&lines, layout.header_end).map(|(r, _)| r),
            document_date: metadata::document_date(&lines, title_end),
            meeting_item: shared.meeting_item.as_deref().map(String::from),
            workshop: item_title
                .as_deref()
                .and_then(|t| metadata::bracketed_number(t, "workshop"))
                .and_then(|n| n.parse().ok()),
            speakers: metadata::with_notes(metadata::speakers(&header_text), &lines),
        },
        content_hash: hash(),
        agenda_item,
        item_title,
        deliberations: read_deliberations(&lines, &plain, &layout, &hyphenated),
        recommendations_paragraph: layout.intro.map(|(_, n)| n),
        recommendations_intro: layout
            .intro
            .and_then(|(i, _)| numbered(&plain[i]).map(|(_, t)| t.trim().to_string())),
        recommendations,
    };
    diagnostics.extend(super::lint::lettering(&report));
    (Some(report), diagnostics)
}

fn blank_file(file: &str, text: &str) -> Diagnostic {
    let what = if text.is_empty() {
        "empty file"
    } else {
        "file holds only whitespace"
    };
    Diagnostic::error(file, None, format!("{what} (expected a report)"))
}

/// The meeting title and the region it names, or why the report cannot be
/// placed in a region.
fn titled_region(
    file: &str,
    title: Option<metadata::Title>,
) -> Result<(metadata::Title, Region), Diagnostic> {
    let Some(title) = title else {
        return Err(Diagnostic::error(
            file,
            None,
            "no region header; the report is not used (expected a meeting title such as 'European Regional Preparatory Meeting for the Fifteenth United Nations Congress…' before the agenda item)",
        ));
    };
    match metadata::region_of_title(&title.text) {
        Some(region) => Ok((title, region)),
        None => Err(Diagnostic::error(
            file,
            Some(title.first_line),
            format!(
                "unknown region in meeting title '{}'; the report is not used (expected a title naming one of: Africa, Asia and the Pacific, Europe, Latin America and the Caribbean, Western Asia)",
                title.text
            ),
        )),
    }
}

/// The Congress agenda item: `(agenda item N)` in the item title, else
/// anywhere in the header.
fn congress_item(
    file: &str,
    lines: &[&str],
    layout: &Layout,
    item_title: Option<&str>,
) -> Result<String, Diagnostic> {
    item_title
        .and_then(|t| metadata::bracketed_number(t, "agenda item"))
        .or_else(|| metadata::bracketed_number(&lines[..layout.header_end].join(" "), "agenda item"))
        .ok_or_else(|| {
            Diagnostic::error(
                file,
                layout.item_title.map(|i| i + 1),
                "no Congress agenda item; the report is not used (expected '(agenda item N)' in the item title)",
            )
        })
}

/// `Vienna, 25–27 March 2025`, or whichever part the report gives.
fn venue_and_dates(title: &metadata::Title) -> Option<String> {
    match (&title.venue, &title.dates) {
        (Some(v), Some(d)) => Some(format!("{v}, {d}")),
        (v, d) => v.clone().or(d.clone()),
    }
}

/// What every recommendation of a report shares (each shared, not copied,
/// by each recommendation).
struct Shared {
    file: Arc<str>,
    region: Region,
    agenda_item: Arc<str>,
    meeting_item: Option<Arc<str>>,
    venue_and_dates: Option<Arc<str>>,
    paragraph: u32,
}

fn read_recommendations(
    shared: &Shared,
    lines: &[&str],
    plain: &[Cow<str>],
    layout: &Layout,
    hyphenated: &HashSet<String>,
    meeting_title: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Recommendation> {
    let file: &str = &shared.file;
    let (mut lettered, mut notes) = match layout.list_from {
        Some(from) => {
            recommendations::read(file, lines, plain, from, hyphenated, Some(meeting_title))
        }
        None => (Vec::new(), Vec::new()),
    };
    if let (true, Some((at, _))) = (lettered.is_empty(), layout.intro) {
        let (unlettered, unlettered_notes) =
            recommendations::read_unlettered(file, lines, plain, at + 1, hyphenated);
        if !unlettered.is_empty() {
            (lettered, notes) = (unlettered, unlettered_notes);
        }
    }
    diagnostics.extend(notes);
    if let (None, Some(first)) = (layout.intro, lettered.first()) {
        diagnostics.push(Diagnostic::warning(
            file,
            Some(first.line),
            "no numbered paragraph introduces the recommendations; paragraph 0 is used in their ids (expected 'N. The following recommendations … were identified:' before (a))",
        ));
    }
    if lettered.is_empty() {
        diagnostics.push(match layout.intro {
            Some((at, _)) => {
                let next = (at + 1..lines.len())
                    .find(|&i| !lines[i].trim().is_empty())
                    .map(|i| (i + 1, lines[i]));
                super::lint::no_lettered_items(file, at + 1, next)
            }
            None => super::lint::no_recommendations(file, layout.outcome.map(|i| i + 1)),
        });
    }
    lettered
        .into_iter()
        .map(|l| recommendation(shared, l))
        .collect()
}

pub fn content_hash(text: &str) -> String {
    crate::content_hash::of_bytes(text.as_bytes())
}

/// The item title from its numbered line, joined with wrapped lines.
fn item_title_text(lines: &[&str], at: usize) -> String {
    let first = strip_markup(lines[at]);
    let mut parts =
        vec![numbered(&first).map_or_else(|| first.to_string(), |(_, t)| t.to_string())];
    for line in lines.iter().skip(at + 1).take(4) {
        let plain = strip_markup(line);
        if line.trim().is_empty()
            || numbered(&plain).is_some()
            || plain.to_lowercase().contains("summary of deliberations")
        {
            break;
        }
        parts.push(plain.into_owned());
    }
    parts
        .join(" ")
        .trim()
        .trim_end_matches('.')
        .trim()
        .to_string()
}

/// Numbered paragraphs between the summary heading and the outcome.
fn read_deliberations(
    lines: &[&str],
    plain: &[Cow<str>],
    layout: &Layout,
    hyphenated: &HashSet<String>,
) -> Vec<Paragraph> {
    let Some(start) = layout.summary else {
        return Vec::new();
    };
    let end = layout
        .outcome
        .or(layout.intro.map(|(i, _)| i))
        .unwrap_or(lines.len())
        .max(start);
    let mut paragraphs: Vec<(u32, usize, Vec<&str>)> = Vec::new();
    for (i, raw) in lines.iter().enumerate().take(end).skip(start + 1) {
        if is_debris(raw) {
            continue;
        }
        match numbered(&plain[i]) {
            Some((n, text)) => paragraphs.push((n, i + 1, vec![text])),
            None => {
                if let Some(p) = paragraphs.last_mut() {
                    p.2.push(&plain[i]);
                }
            }
        }
    }
    paragraphs
        .into_iter()
        .map(|(number, line, fragments)| Paragraph {
            number,
            line,
            text: join_fragments(&fragments, hyphenated),
        })
        .collect()
}

fn recommendation(shared: &Shared, item: Lettered) -> Recommendation {
    let mut recommendation = Recommendation {
        id: String::new(),
        region: shared.region,
        agenda_item: Arc::clone(&shared.agenda_item),
        meeting_item: shared.meeting_item.clone(),
        meeting: shared.venue_and_dates.clone(),
        paragraph: shared.paragraph,
        letter: item.letter,
        attributed_states: attributions(&item.text),
        text: item.text.into(),
        file: Arc::clone(&shared.file),
        line: item.line,
        page: None,
    };
    // Provisional until `assign_ids` settles repeats across the corpus.
    recommendation.id = recommendation.place_id();
    recommendation
}

/// Member States named in brackets after a clause: `(Viet Nam)`. Single
/// letters such as `(a)` are never States, so they are never attributions.
pub fn attributions(text: &str) -> Vec<String> {
    let mut states = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find([')', '(']) else {
            break;
        };
        let inner = after[..close].trim();
        if after[close..].starts_with(')') && inner.chars().count() > 1 && is_member_state(inner) {
            let name = inner.to_string();
            if !states.contains(&name) {
                states.push(name);
            }
        }
        rest = &after[close..];
    }
    states
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_paragraphs() {
        assert_eq!(numbered("15) The following"), Some((15, "The following")));
        assert_eq!(numbered("15 . The following"), Some((15, "The following")));
        assert_eq!(numbered("15 The following"), None);
        assert_eq!(numbered("1. (a) Strengthen"), None);
        assert_eq!(numbered("17. The following"), Some((17, "The following")));
        assert_eq!(numbered("2025. x"), None);
        assert_eq!(numbered("5(c) x"), None);
    }

    #[test]
    fn attributions_are_states_in_brackets() {
        assert_eq!(
            attributions("tools (United Arab Emirates) for (a) removal (Viet Nam) and (PNI)"),
            ["United Arab Emirates", "Viet Nam"]
        );
    }
}
