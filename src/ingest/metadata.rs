//! Document metadata read from the report's header: meeting title and
//! region, venue and dates, rapporteur, document date, agenda items, item
//! title and who made statements.

use super::clean::{is_debris, strip_markup};
use super::states::is_member_state;
use crate::model::{Region, Speakers};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Region named by a meeting title: matches region names and their
/// adjectives ("European", "Latin American", "Asia and Pacific"…).
pub fn region_of_title(title: &str) -> Option<Region> {
    let lower = title.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |stem: &str| words.iter().any(|w| w.starts_with(stem));
    let has_pair = |first: &str, second: &str| {
        words
            .windows(2)
            .any(|p| p[0].starts_with(first) && p[1].starts_with(second))
    };
    if has_pair("western", "asia") || has_pair("west", "asia") {
        Some(Region::WesternAsia)
    } else if has("asia") && has("pacific") {
        Some(Region::AsiaPacific)
    } else if has_pair("latin", "americ") || has("caribbean") {
        Some(Region::LatinAmericaCaribbean)
    } else if has("europe") {
        Some(Region::Europe)
    } else if has("africa") {
        Some(Region::Africa)
    } else {
        None
    }
}

/// Splits `… Vienna, 25–27 March 2025` into (`… Vienna`, `25–27 March 2025`)
/// when the text ends with a date (days, day ranges, months, a year).
pub fn split_trailing_date(s: &str) -> Option<(&str, &str)> {
    let s = s.trim().trim_end_matches('.');
    let tokens: Vec<(usize, &str)> = token_positions(s);
    let (_, last) = *tokens.last()?;
    let last = last.trim_end_matches([',', '.']);
    if !(last.len() == 4 && last.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let mut start = tokens.len() - 1;
    let mut saw_month = false;
    while start > 0 {
        let word = tokens[start - 1].1.trim_end_matches(',');
        match date_word(word) {
            Some(is_month) => {
                saw_month |= is_month;
                start -= 1;
            }
            None => break,
        }
    }
    // A date starts with a day or a month, never with a dash or "and".
    while start < tokens.len() - 1 && !tokens[start].1.starts_with(|c: char| c.is_alphanumeric()) {
        start += 1;
    }
    if !saw_month {
        return None;
    }
    let at = tokens[start].0;
    let before = s[..at].trim_end().trim_end_matches(',').trim_end();
    Some((before, s[at..].trim()))
}

fn token_positions(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(b)) => {
                out.push((b, &s[b..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &s[b..]));
    }
    out
}

/// `Some(true)` for a word made of month names, `Some(false)` for days,
/// day ranges, dashes and "and", `None` for anything else.
fn date_word(word: &str) -> Option<bool> {
    if word == "and" {
        return Some(false);
    }
    let mut month = false;
    for part in word.split(['–', '-', '—']) {
        if part.is_empty() {
            continue;
        }
        if part.len() <= 2 && part.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if MONTHS.contains(&part.to_ascii_lowercase().as_str()) {
            month = true;
            continue;
        }
        return None;
    }
    Some(month)
}

/// A title wraps over a few lines at most; a longer run of text is not
/// all title.
const MAX_TITLE_LINES: usize = 6;

/// The meeting title block: the lines around the first one naming a
/// regional meeting, with where it ends.
pub struct Title {
    pub text: String,
    pub first_line: usize,
    /// Index of the last line of the block.
    pub last_index: usize,
    pub venue: Option<String>,
    pub dates: Option<String>,
}

/// Finds the meeting title among `lines[..end]` (indices), with the venue
/// and dates that follow it (on the next line, or at the end of the title
/// line itself).
pub fn find_title(lines: &[&str], end: usize) -> Option<Title> {
    let hit = (0..end).find(|&i| {
        let lower = lines[i].to_ascii_lowercase();
        lower.contains("regional")
            && (lower.contains("preparatory") || lower.contains("meeting"))
            && !lower.contains("distr")
    })?;
    let mut first = hit;
    while first > 0
        && hit - first < MAX_TITLE_LINES
        && is_title_continuation(lines[first - 1])
        && opens_bold(&lines[first - 1..hit])
    {
        first -= 1;
    }
    let mut last = hit;
    while last + 1 < end
        && last + 1 - first < MAX_TITLE_LINES
        && is_title_continuation(lines[last + 1])
        && split_trailing_date(&strip_markup(lines[last])).is_none()
    {
        last += 1;
    }
    // Wrapped lines joined as a paragraph's are: a word split at a line's
    // end (`Mar-` / `rakech`) is made whole.
    let joined = super::clean::join_fragments(
        &(first..=last)
            .map(|i| strip_markup(lines[i]))
            .collect::<Vec<_>>(),
        &Default::default(),
    );
    let mut title = Title {
        text: joined.clone(),
        first_line: first + 1,
        last_index: last,
        venue: None,
        dates: None,
    };
    if let Some((before, dates)) = split_trailing_date(&joined) {
        // Title and venue run together on one line: the Congress's name
        // ("… Crime Prevention and Criminal Justice") ends the title.
        if let Some(end_of_name) = before.rfind("Criminal Justice") {
            let cut = end_of_name + "Criminal Justice".len();
            title.text = before[..cut].trim().to_string();
            title.venue = non_empty(before[cut..].trim().trim_start_matches(','));
        } else {
            title.text = before.to_string();
        }
        title.dates = non_empty(dates);
        return Some(title);
    }
    if let Some(next) = (last + 1..end).find(|&i| !is_debris(lines[i])) {
        let line = strip_markup(lines[next]);
        if line.chars().count() < 100 {
            if let Some((venue, dates)) = split_trailing_date(&line) {
                title.venue = non_empty(venue);
                title.dates = non_empty(dates);
                title.last_index = next;
            }
        }
    }
    Some(title)
}

/// A previous line belongs to the title only inside one bold run that opens
/// before the line naming the region.
fn opens_bold(lines: &[&str]) -> bool {
    lines
        .first()
        .is_some_and(|l| l.trim_start().starts_with("**") && !l.trim_end().ends_with("**"))
}

fn is_title_continuation(line: &str) -> bool {
    let plain = strip_markup(line);
    let lower = plain.to_ascii_lowercase();
    !is_debris(line)
        && !lower.contains("distr")
        && !lower.contains("rapporteur")
        && !lower.starts_with("draft report")
        && plain.chars().count() < 200
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Date printed with "Distr.: Limited", on the same line or the next one.
pub fn document_date(lines: &[&str], end: usize) -> Option<String> {
    let at = (0..end).find(|&i| lines[i].contains("Distr."))?;
    if let Some((_, date)) = split_trailing_date(&strip_markup(lines[at])) {
        return Some(date.to_string());
    }
    let next = (at + 1..end).find(|&i| !lines[i].trim().is_empty())?;
    match split_trailing_date(&strip_markup(lines[next])) {
        Some(("", date)) => Some(date.to_string()),
        _ => None,
    }
}

/// `Nicolas Karges (France)` from `*Rapporteur:* Nicolas Karges (France)`,
/// also when other headings share the line (`…**Addendum**…`).
pub fn rapporteur(lines: &[&str], end: usize) -> Option<(String, usize)> {
    (0..end).find_map(|i| {
        let segment = lines[i].split("**").find(|s| s.contains("Rapporteur"))?;
        let segment = segment.replace('*', "");
        let plain = strip_markup(&segment);
        let (_, name) = plain.split_once("Rapporteur")?;
        non_empty(name.trim_start_matches([':', ' '])).map(|n| (n, i + 1))
    })
}

/// `5 (d)` from a heading such as `B. Substantive items – Agenda item 5 (d)`.
pub fn meeting_item(lines: &[&str], end: usize) -> Option<String> {
    (0..end).find_map(|i| {
        let line = strip_markup(lines[i]);
        // The heading may wrap inside `Agenda item 5 (d)` (as a converter
        // re-wraps a long glued heading): read on into the next line.
        let next = match i + 1 < end {
            true => strip_markup(lines[i + 1]),
            false => Default::default(),
        };
        let plain = format!("{line} {next}");
        let at = plain.find("Agenda item ").filter(|&at| at < line.len())?;
        if plain[..at].ends_with('(') {
            return None;
        }
        parse_item_number(&plain[at + "Agenda item ".len()..])
    })
}

/// `5 (d)` from `5 (d) …` or `5(d)`; `5` alone when no letter follows.
fn parse_item_number(s: &str) -> Option<String> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = s[digits.len()..].trim_start();
    let mut chars = rest.chars();
    if let (Some('('), Some(letter), Some(')')) = (chars.next(), chars.next(), chars.next()) {
        if letter.is_ascii_lowercase() {
            return Some(format!("{digits} ({letter})"));
        }
    }
    Some(digits)
}

/// The number `N` in `(agenda item N)` or `(workshop N)`, case-insensitive.
pub fn bracketed_number(text: &str, label: &str) -> Option<String> {
    // Justified or OCR text spaces words unevenly: `(agenda  item 6)`.
    let lower = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
        .replace("( ", "(")
        .replace(" )", ")");
    let pattern = format!("({label} ");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&pattern) {
        let start = from + at + pattern.len();
        let digits: String = lower[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if !digits.is_empty() && lower[start + digits.len()..].starts_with(')') {
            return Some(digits);
        }
        from = start;
    }
    None
}

/// Member States and observers named in the "Statements were made by…"
/// sentences of `text`.
pub fn speakers(text: &str) -> Speakers {
    let mut speakers = Speakers::default();
    for sentence in sentences(text) {
        let lower = sentence.to_ascii_lowercase();
        let about_statements = lower.contains("statement")
            && ["made by", "made statement", "made a statement"]
                .iter()
                .any(|m| lower.contains(m));
        if !about_statements {
            continue;
        }
        // "… by the representatives of A and B, and by the observer for C":
        // each "by" clause has its own kind of speaker.
        for clause in by_clauses(&sentence) {
            add_speakers(&mut speakers, clause);
        }
    }
    speakers
}

/// `speakers` with the footnotes the report attaches to their names: a
/// marker such as `<sup>1</sup>` (or `[^1]`) right after a name, and the
/// footnote line starting with the same marker.
pub fn with_notes(mut speakers: Speakers, lines: &[&str]) -> Speakers {
    let marker = |text: &str| -> Option<(String, usize, usize)> {
        for (open, close) in [("<sup>", "</sup>"), ("[^", "]")] {
            if let Some(at) = text.find(open) {
                let rest = &text[at + open.len()..];
                let end = rest.find(close)?;
                let mark = &rest[..end];
                if !mark.is_empty() && mark.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Some((mark.to_string(), at, at + open.len() + end + close.len()));
                }
            }
        }
        None
    };
    // Footnote texts by marker: lines that open with a marker, with the
    // lines a wrap carried their text onto (up to a blank line, another
    // note, or the line that ends the sentence).
    let mut texts: Vec<(String, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if let Some((mark, 0, end)) = marker(line) {
            let mut text = line[end..]
                .trim()
                .trim_start_matches(':')
                .trim()
                .to_string();
            for next in lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .take(super::clean::MAX_NOTE_LINES - 1)
            {
                if text.ends_with('.') || next.is_empty() || marker(next).is_some_and(|m| m.1 == 0)
                {
                    break;
                }
                text.push(' ');
                text.push_str(next);
            }
            if !text.is_empty() {
                texts.push((mark, text));
            }
        }
    }
    let names: Vec<String> = speakers
        .member_states
        .iter()
        .chain(&speakers.observers)
        .cloned()
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let mut rest = *line;
        // A name the wrap split (`… the European` / `Union,<sup>1</sup>`)
        // is read with the line before.
        let previous = if i > 0 { lines[i - 1].trim() } else { "" };
        let mut first = true;
        while let Some((mark, at, end)) = marker(rest) {
            // A line opening with its marker is the note itself.
            if first && rest[..at].trim().is_empty() {
                break;
            }
            let before = rest[..at].trim_end().trim_end_matches([',', ';', '.']);
            let before = match first {
                true => format!("{previous} {}", before.trim_start()),
                false => before.to_string(),
            };
            first = false;
            let named = names.iter().find(|n| before.ends_with(n.as_str()));
            if let (Some(name), Some((_, text))) = (named, texts.iter().find(|(m, _)| *m == mark)) {
                let note = crate::model::SpeakerNote {
                    speaker: name.clone(),
                    text: text.clone(),
                };
                if !speakers.notes.contains(&note) {
                    speakers.notes.push(note);
                }
            }
            rest = &rest[end..];
        }
    }
    speakers
}

fn by_clauses(sentence: &str) -> Vec<&str> {
    let lower = sentence.to_ascii_lowercase();
    let mut cuts: Vec<usize> = [", and by ", " and by ", "; and by "]
        .iter()
        .flat_map(|m| lower.match_indices(m).map(|(i, _)| i))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut clauses = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            clauses.push(&sentence[start..cut]);
            // The clause goes on from the "by" after the cut.
            start = cut + lower[cut..].find("by ").unwrap_or(0);
        }
    }
    clauses.push(&sentence[start..]);
    clauses
}

fn add_speakers(speakers: &mut Speakers, clause: &str) {
    let lower = clause.to_ascii_lowercase();
    let observer = lower.contains("observer");
    let Some(list) = speaker_list(clause) else {
        return;
    };
    let singular = lower.starts_with("a statement")
        || lower.contains("observer for ")
        || lower.contains("representative of ");
    let names =
        if singular && !lower.contains("observers for") && !lower.contains("representatives of") {
            vec![strip_article(list).to_string()]
        } else {
            split_names(list, !observer)
        };
    let target = if observer {
        &mut speakers.observers
    } else {
        &mut speakers.member_states
    };
    for name in names {
        if !name.is_empty() && !target.contains(&name) {
            target.push(name);
        }
    }
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if c == '.' && chars.peek().is_none_or(|n| n.is_whitespace()) {
            out.push(std::mem::take(&mut current).trim().to_string());
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// The names part of a statement sentence: after "made by", "the
/// representatives of", "the observer(s) for"; before "also made
/// statements", "in her capacity…" or the full stop.
fn speaker_list(sentence: &str) -> Option<&str> {
    let lower = sentence.to_ascii_lowercase();
    let markers = [
        "observers for ",
        "observer for ",
        "representatives of ",
        "representative of ",
        "made by ",
    ];
    let (at, len) = markers
        .iter()
        .filter_map(|m| lower.find(m).map(|i| (i, m.len())))
        .min_by_key(|&(i, _)| i)?;
    let mut list = &sentence[at + len..];
    loop {
        let trimmed = strip_article(list);
        let l = trimmed.to_ascii_lowercase();
        let next = markers
            .iter()
            .find(|m| l.starts_with(*m))
            .map(|m| &trimmed[m.len()..]);
        match next {
            Some(rest) => list = rest,
            None => break,
        }
    }
    let lower_list = list.to_ascii_lowercase();
    let end = [
        " also made statement",
        " made statement",
        " also made a statement",
        " made a statement",
        " in her capacity",
        " in his capacity",
        " in their capacity",
        " in its capacity",
    ]
    .iter()
    .filter_map(|m| lower_list.find(m))
    .min()
    .unwrap_or(list.len());
    let list = list[..end].trim().trim_end_matches(['.', ',', ';']).trim();
    (!list.is_empty()).then_some(list)
}

fn strip_article(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s)
        .trim()
}

/// Splits `A, B and the C` into names. A comma before the last "and" (serial
/// comma) marks the last name; otherwise the last segment is split at "and",
/// trying the Member State list first so that "Saint Kitts and Nevis" holds.
fn split_names(list: &str, states: bool) -> Vec<String> {
    let segments: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut names = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        if let Some(rest) = segment.strip_prefix("and ") {
            names.push(strip_article(rest).to_string());
        } else if i + 1 == segments.len() {
            names.extend(split_last_segment(segment, states));
        } else {
            names.push(strip_article(segment).to_string());
        }
    }
    names
}

fn split_last_segment(segment: &str, states: bool) -> Vec<String> {
    let joints: Vec<usize> = segment.match_indices(" and ").map(|(i, _)| i).collect();
    if joints.is_empty() {
        return vec![strip_article(segment).to_string()];
    }
    if states {
        if is_member_state(segment) {
            return vec![strip_article(segment).to_string()];
        }
        for &j in &joints {
            let (a, b) = (&segment[..j], &segment[j + 5..]);
            if is_member_state(a) && is_member_state(b) {
                return vec![strip_article(a).to_string(), strip_article(b).to_string()];
            }
        }
    }
    // "A and the B" marks the joint; otherwise the first "and" (names of
    // organisations hold "and" more often at their end than their start).
    let j = segment.find(" and the ").unwrap_or(joints[0]);
    vec![
        strip_article(&segment[..j]).to_string(),
        strip_article(&segment[j + 5..]).to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name and its note each wrapped over two lines, as a re-wrap
    /// leaves them; a note line never names its own speaker.
    #[test]
    fn a_note_and_a_name_split_by_a_wrap_are_read_whole() {
        let speakers = Speakers {
            member_states: vec!["France".into()],
            observers: vec!["European Union".into()],
            notes: Vec::new(),
        };
        let lines = [
            "3. A statement was made by the representative of the European",
            "Union,<sup>1</sup> in her capacity as observer.",
            "France",
            "<sup>1</sup> Also on behalf of the States Members that",
            "are members of the European Union.",
            "",
        ];
        let read = with_notes(speakers, &lines);
        assert_eq!(read.notes.len(), 1, "{:?}", read.notes);
        assert_eq!(read.notes[0].speaker, "European Union");
        assert_eq!(
            read.notes[0].text,
            "Also on behalf of the States Members that are members of the European Union."
        );
    }

    #[test]
    fn a_meeting_item_heading_wrapped_inside_its_number_is_read() {
        let lines = [
            "Recommendations (*continued*)B. Substantive items – Agenda",
            "item 5 (d)**",
            "",
            "1. Text.",
        ];
        assert_eq!(meeting_item(&lines, 4).as_deref(), Some("5 (d)"));
        let one = ["B. Substantive items – Agenda item 5 (c)", "(a) One."];
        assert_eq!(meeting_item(&one, 2).as_deref(), Some("5 (c)"));
        assert_eq!(meeting_item(&["(Agenda item 5)"], 1), None);
    }

    #[test]
    fn regions_from_titles() {
        let cases = [
            (
                "Western Asia Regional Preparatory Meeting",
                Region::WesternAsia,
            ),
            ("European Regional Preparatory Meeting", Region::Europe),
            (
                "Asia and Pacific Regional Preparatory Meeting",
                Region::AsiaPacific,
            ),
            (
                "Latin American and Caribbean Regional Preparatory Meeting",
                Region::LatinAmericaCaribbean,
            ),
            ("African Regional Preparatory Meeting", Region::Africa),
        ];
        for (title, region) in cases {
            assert_eq!(region_of_title(title), Some(region), "{title}");
        }
        assert_eq!(region_of_title("Regional Preparatory Meeting"), None);
    }

    #[test]
    fn trailing_dates() {
        assert_eq!(
            split_trailing_date("Marrakech, Morocco, 23–25 April 2025"),
            Some(("Marrakech, Morocco", "23–25 April 2025"))
        );
        assert_eq!(
            split_trailing_date("Distr.: Limited 24 April 2025"),
            Some(("Distr.: Limited", "24 April 2025"))
        );
        assert_eq!(
            split_trailing_date("30 March–2 April 2025"),
            Some(("", "30 March–2 April 2025"))
        );
        assert_eq!(split_trailing_date("held in 2025"), None);
    }

    #[test]
    fn speakers_from_statements() {
        let s = speakers(
            "Statements were made by the representatives of Egypt, Morocco and the United Arab Emirates. \
             A statement was made by the observer for Canada. The observers for INTERPOL and OSCE also made statements. \
             Statements were made by Peru, Saint Kitts and Nevis and Chile.",
        );
        assert_eq!(
            s.member_states,
            [
                "Egypt",
                "Morocco",
                "United Arab Emirates",
                "Peru",
                "Saint Kitts and Nevis",
                "Chile"
            ]
        );
        assert_eq!(s.observers, ["Canada", "INTERPOL", "OSCE"]);
        let s = speakers(
            "Statements were made by the representatives of Chile and Peru, and by the observer for the Holy See. \
             The representative of Japan made a statement.",
        );
        assert_eq!(s.member_states, ["Chile", "Peru", "Japan"]);
        assert_eq!(s.observers, ["Holy See"]);
    }

    #[test]
    fn non_ascii_case_changes_do_not_shift_offsets() {
        // 'İ' grows from 2 to 3 bytes when lower-cased with full Unicode
        // rules: offsets found in such a copy would cut "Kenya" short.
        let s =
            speakers("İ statements were made by Kenya and Italy. \u{212A} made a statement by İ.");
        assert_eq!(s.member_states, ["Kenya", "Italy"]);
        assert_eq!(
            bracketed_number("İİ (agenda item 6)", "agenda item").as_deref(),
            Some("6")
        );
        assert_eq!(
            split_trailing_date("İİİ \u{212A} 3 March 2025"),
            Some(("İİİ \u{212A}", "3 March 2025"))
        );
    }

    #[test]
    fn bracketed_numbers() {
        assert_eq!(
            bracketed_number("x (agenda item 6); y (workshop 4)", "agenda item").as_deref(),
            Some("6")
        );
        assert_eq!(
            bracketed_number("x (agenda item 6); y (workshop 4)", "workshop").as_deref(),
            Some("4")
        );
        assert_eq!(bracketed_number("(agenda item x)", "agenda item"), None);
        assert_eq!(
            bracketed_number("Title (agenda  item\u{a0} 6 )", "agenda item").as_deref(),
            Some("6")
        );
    }
}
