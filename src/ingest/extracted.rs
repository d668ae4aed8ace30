//! Text as extractors give it (`pdftotext`, with or without `-layout`, a
//! PDF or Word reader, a copy from a browser), made into the lines the
//! report parser reads: page breaks found, running headers and footers
//! removed by their repetition across pages, list markers written `a.` or
//! `a)` made `(a)`. Every line kept remembers the line it came from, so
//! that provenance and diagnostics point into the file as given.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The text to parse and, for each of its lines, the 1-based line of the
/// input it came from (`None`: line for line, the text unchanged).
pub struct Tidied<'a> {
    pub text: Cow<'a, str>,
    pub origin: Option<Vec<usize>>,
    /// 1-based input line where each page starts (one entry per page).
    pub page_starts: Vec<usize>,
}

/// Lines at each end of a page where a running header or footer may stand.
const EDGE_LINES: usize = 4;

/// Longest running header or footer line, in bytes.
const MAX_RUNNING_BYTES: usize = 160;

/// Tidies `text`. Text that needs nothing (the usual Markdown or plain
/// report) comes back line for line.
pub fn tidy(text: &str) -> Tidied<'_> {
    let mut lines: Vec<Cow<str>> = Vec::new();
    // The line of the text each of `lines` comes from.
    let mut source: Vec<usize> = Vec::new();
    let mut page_of: Vec<usize> = Vec::new();
    let mut page_starts = vec![1];
    let mut page = 0;
    let mut rewritten = false;
    for (i, line) in text.lines().enumerate() {
        let mut line = line;
        // A form feed starts a new page; text after it is that page's.
        if line.contains('\u{c}') {
            let parts: Vec<&str> = line.split('\u{c}').collect();
            for _ in 1..parts.len() {
                page += 1;
                page_starts.push(i + 1);
            }
            line = parts.last().copied().unwrap_or("");
            let before: String = parts[..parts.len() - 1].concat();
            if !before.trim().is_empty() {
                // Text before the break ends the previous page; it stays on
                // this line, as the page has no other line to hold it.
                line = parts.last().copied().unwrap_or("");
                lines.push(Cow::Owned(format!("{before} {line}")));
                source.push(i + 1);
                page_of.push(page);
                continue;
            }
        }
        // Word's manual line break, saved as text, is a vertical tab: the
        // lines it parts are lines of their own, from the same line.
        if line.contains('\u{b}') {
            for part in line.split('\u{b}') {
                lines.push(decode_entities(unescape_markdown(markdown_breaks(part))));
                source.push(i + 1);
                page_of.push(page);
            }
            rewritten = true;
            continue;
        }
        let plain = decode_entities(unescape_markdown(markdown_breaks(line)));
        rewritten |= plain.len() != line.len();
        lines.push(plain);
        source.push(i + 1);
        page_of.push(page);
    }
    // Several page breaks on one line give empty pages: keep one start each.
    page_starts.dedup();
    let unsplit = join_soft_hyphens(&mut lines);
    let mut running = running_lines(&lines, &page_of, page + 1);
    let footnoted = footnotes_as_markdown(&mut lines, &mut running);
    let unglued = unglue_furniture(&mut lines, &running);
    let rehyphenated = page > 0 && rehyphenate(&mut lines);
    let (joined_markers, bullets) = lone_markers(&lines, &running);
    let lettering = list_markers(&lines);
    let unchanged = page == 0
        && !unsplit
        && !rewritten
        && !footnoted
        && !unglued
        && !rehyphenated
        && running.is_empty()
        && joined_markers.is_empty()
        && bullets.is_empty()
        && lettering.is_empty();
    if unchanged {
        return Tidied {
            text: Cow::Borrowed(text),
            origin: None,
            page_starts,
        };
    }
    let merged_any = !joined_markers.is_empty();
    for (at, merged) in joined_markers {
        lines[at] = Cow::Owned(merged);
    }
    // A marker joined to its text may open a list written `a.`.
    let lettering = match merged_any {
        true => list_markers(&lines),
        false => lettering,
    };
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if running.contains(&i) || bullets.contains(&i) {
            continue;
        }
        match lettering.get(&i) {
            Some(rewritten) => out.push_str(rewritten),
            None => out.push_str(line),
        }
        out.push('\n');
        origin.push(source[i]);
    }
    Tidied {
        text: Cow::Owned(out),
        origin: Some(origin),
        page_starts,
    }
}

/// Footnotes as an extractor leaves them in the flow: the marker glued to
/// the word it follows (`European Union,1`) and, further on, the note
/// itself on a line of its own (`1 Also on behalf of …`), often in the
/// middle of the text that runs on from the page before. The two confirm
/// each other: a marker counts only when a line opening with its number
/// and a capital follows within a few pages, and such a line is a note
/// only when a marker announced it. The note runs to its first line
/// ending with a full stop (at most [`super::clean::MAX_NOTE_LINES`]); marker and note
/// are rewritten as Markdown writes them (`<sup>1</sup>`, the note on one
/// line), which the readers of the text skip and the speakers' notes
/// read. Footnote rules (`_____`) are dropped. Whether any was.
fn footnotes_as_markdown(lines: &mut [Cow<str>], dropped: &mut HashSet<usize>) -> bool {
    let mut changed = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.len() >= 5 && t.bytes().all(|b| b == b'_') {
            changed |= dropped.insert(i);
        }
    }
    for i in 0..lines.len() {
        let markers = glued_markers(&lines[i]);
        let mut added = 0;
        for (range, number) in markers {
            let note = (i + 1..lines.len().min(i + NOTE_REACH))
                .find(|&j| !dropped.contains(&j) && opens_note(&lines[j], &number));
            let Some(first) = note else {
                continue;
            };
            let last = (first..lines.len().min(first + super::clean::MAX_NOTE_LINES))
                .find(|&k| lines[k].trim_end().ends_with('.'))
                .unwrap_or(first);
            // Written as Markdown writes a note (`<sup>1</sup> …`, one
            // line), which the text's readers skip and the speakers'
            // notes read.
            let note: Vec<&str> = (first..=last).map(|k| lines[k].trim()).collect();
            let note = note.join(" ");
            let body = note[number.len()..].trim_start();
            lines[first] = Cow::Owned(format!("<sup>{number}</sup> {body}"));
            dropped.extend(first + 1..=last);
            let sup = format!("<sup>{number}</sup>");
            let mut edited = lines[i].to_string();
            edited.replace_range(range.start + added..range.end + added, &sup);
            added += sup.len() - range.len();
            lines[i] = Cow::Owned(edited);
            changed = true;
        }
    }
    changed
}

/// Lines after a marker within which its note is looked for (a note
/// stands at the foot of the marker's page or, as extractors give it, a
/// little further on).
const NOTE_REACH: usize = 120;

/// Digits glued to the end of a word as a footnote marker (after a
/// lower-case letter, a comma, a semicolon or a closing bracket, before a
/// space, punctuation or the line's end), with their byte range: not the
/// numbers of symbols and references (`Add.1`, `79/243`, `G20`).
fn glued_markers(line: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 1;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let before = b[start - 1];
        let after = b.get(i).copied();
        let glued = before.is_ascii_lowercase() || matches!(before, b',' | b';' | b')');
        let ends =
            after.is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'.' | b',' | b';' | b':'));
        if glued && ends && i - start <= 2 {
            out.push((start..i, line[start..i].to_string()));
        }
    }
    out
}

/// Whether `line` opens the note numbered `number`: the number, a space
/// and a capital (`1 Also on behalf of …`).
fn opens_note(line: &str, number: &str) -> bool {
    line.trim_start()
        .strip_prefix(number)
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
}

/// `line` without the Markdown that only lays text out: a blockquote's
/// `> ` (its empty line `>` is a blank line) and a `<br>` ending it.
fn markdown_breaks(line: &str) -> &str {
    let t = line.trim_end();
    let quoted = t.trim_start();
    // Quotation marks, nested as mail programs nest them (`>> `, `> > `).
    let unquoted = quoted.trim_start_matches(['>', ' ']);
    if quoted.starts_with('>') && unquoted.is_empty() {
        return "";
    }
    let t = if quoted.starts_with("> ") || quoted.starts_with(">>") {
        unquoted
    } else {
        t
    };
    for br in ["<br>", "<br/>", "<br />"] {
        if let Some(kept) = t.strip_suffix(br) {
            return kept;
        }
    }
    // Markdown's hard line break, as pandoc writes it: a backslash ending
    // the line.
    if let Some(kept) = t.strip_suffix('\\').filter(|k| !k.ends_with('\\')) {
        return kept;
    }
    match t.len() == line.trim_end().len() {
        true => line,
        false => t,
    }
}

/// `line` with Markdown's backslash escapes undone (`\\(a\\)`, `3\\.`, as
/// pandoc writes a Word document's lettering): a report's own text holds
/// no backslash before punctuation.
/// HTML's character references, as a page copied or saved from a browser
/// leaves them in text (`(a)&nbsp;Strengthen`, `23&#8211;25 April`):
/// the named ones text uses and every numbered one.
fn decode_entities(line: Cow<'_, str>) -> Cow<'_, str> {
    if !(line.contains('&') && line.contains(';')) {
        return line;
    }
    let mut out = String::with_capacity(line.len());
    let mut rest: &str = &line;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.bytes().take(10).position(|b| b == b';');
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character an HTML reference's name (`nbsp`, `#8211`, `#x2013`)
/// stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\t');
    }
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "shy" => '\u{ad}',
        "szlig" => 'ß',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        _ => return accented(name),
    })
}

/// `uuml`, `eacute`, `ccedil`…: a letter and its accent, composed.
fn accented(name: &str) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    let mut chars = name.chars();
    let base = chars.next().filter(char::is_ascii_alphabetic)?;
    let mark = match chars.as_str() {
        "grave" => '\u{300}',
        "acute" => '\u{301}',
        "circ" => '\u{302}',
        "tilde" => '\u{303}',
        "uml" => '\u{308}',
        "ring" => '\u{30a}',
        "cedil" => '\u{327}',
        _ => return None,
    };
    let mut composed = [base, mark].into_iter().nfc();
    match (composed.next(), composed.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn unescape_markdown(line: &str) -> Cow<'_, str> {
    if !line.contains('\\') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// A word broken at a line's end by a soft hyphen (U+00AD, which an
/// extractor keeps where the layout broke the word) is made whole on the
/// first line, the rest of the next line staying where it was, so that
/// lines keep their numbers. Whether any was.
fn join_soft_hyphens(lines: &mut [Cow<str>]) -> bool {
    let mut changed = false;
    for i in 0..lines.len().saturating_sub(1) {
        let Some(head) = lines[i].trim_end().strip_suffix('\u{AD}') else {
            continue;
        };
        let next = lines[i + 1].trim_start();
        let end = next.find(char::is_whitespace).unwrap_or(next.len());
        let (tail, rest) = next.split_at(end);
        let (joined, rest) = (format!("{head}{tail}"), rest.trim_start().to_string());
        lines[i] = Cow::Owned(joined);
        lines[i + 1] = Cow::Owned(rest);
        changed = true;
    }
    changed
}

/// A word of page furniture: a job number (`V.25-03143`), a symbol
/// (`A/CONF.248/RPM.1/L.1/Add.1`) or a page count (`5/9`): digits joined by
/// `/`, `-` or `.`, and no word of prose in it.
fn is_furniture_token(t: &str) -> bool {
    let has_digit = t.bytes().any(|b| b.is_ascii_digit());
    let joined = t.contains(['/', '-', '.']);
    let mut run = 0;
    let prose = t.chars().any(|c| {
        run = if c.is_lowercase() { run + 1 } else { 0 };
        run >= 3
    });
    has_digit && joined && !prose && !t.starts_with('(') && !t.ends_with([';', ',', ':'])
}

/// Runs of furniture words inside lines of text, as (line, byte range):
/// two words at least, or one of eight characters or more.
fn furniture_runs(line: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut current: Option<(usize, usize, usize)> = None;
    for word in line.split_whitespace() {
        // The word is a slice of the line: its offset is the distance.
        let start = word.as_ptr() as usize - line.as_ptr() as usize;
        let end = start + word.len();
        if is_furniture_token(word) {
            current = Some(match current {
                Some((s, _, n)) => (s, end, n + 1),
                None => (start, end, 1),
            });
        } else if let Some(run) = current.take() {
            runs.push(run);
        }
    }
    runs.extend(current);
    runs.into_iter()
        .filter(|&(s, e, n)| n >= 2 || e - s >= 8)
        .map(|(s, e, _)| (s, e))
        .collect()
}

/// A running footer an extractor pasted into the flow of the text (`… the
/// methods and V.25-03143 5/9 scams …`): runs of furniture words whose
/// shape (digits alike) recurs three times or more in the document are cut
/// out of the lines holding other text. Returns whether a line changed.
fn unglue_furniture(lines: &mut [Cow<str>], running: &HashSet<usize>) -> bool {
    let mut found: Vec<(usize, usize, usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if running.contains(&i) || !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        for (s, e) in furniture_runs(line) {
            let key: String = line[s..e]
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect();
            found.push((i, s, e, key));
        }
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, _, _, key) in &found {
        *counts.entry(key).or_default() += 1;
    }
    let mut cut: Vec<(usize, usize, usize)> = found
        .iter()
        .filter(|(i, s, e, key)| {
            counts[key.as_str()] >= 3
                && lines[*i][..*s].trim().len() + lines[*i][*e..].trim().len() > 0
        })
        .map(|&(i, s, e, _)| (i, s, e))
        .collect();
    if cut.is_empty() {
        return false;
    }
    // Cut from the end of each line so earlier ranges stay valid.
    cut.sort_by(|a, b| b.cmp(a));
    for (i, s, e) in cut {
        let line = &lines[i];
        let joined = format!("{} {}", line[..s].trim_end(), line[e..].trim_start());
        lines[i] = Cow::Owned(joined.trim_end().to_string());
    }
    true
}

/// A glyph that only marks a list item, alone on its line (see
/// [`super::clean::is_bullet`]; Word's second-level `o` too).
fn is_lone_bullet(t: &str) -> bool {
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c == 'o' || (c != '>' && super::clean::is_bullet(c)),
        _ => false,
    }
}

/// A list marker or paragraph number alone on its line (`8.`, `(a)`,
/// `a.`), as extractors give automatic numbering set off by a tab, is
/// joined to the text that follows it; a bullet alone is dropped. Returns
/// the merged lines by index and the lines to drop (bullets, and the text
/// lines merged into their marker).
fn lone_markers(
    lines: &[Cow<str>],
    running: &HashSet<usize>,
) -> (HashMap<usize, String>, HashSet<usize>) {
    let mut merged = HashMap::new();
    let mut dropped = HashSet::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if is_lone_bullet(t) {
            dropped.insert(i);
            i += 1;
            continue;
        }
        if is_lone_marker(t) {
            let next = (i + 1..lines.len().min(i + 4))
                .find(|&j| !lines[j].trim().is_empty() && !running.contains(&j));
            if let Some(j) = next.filter(|&j| !is_lone_marker(lines[j].trim())) {
                merged.insert(i, format!("{t} {}", lines[j].trim()));
                dropped.insert(j);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    (merged, dropped)
}

/// `8.`, `(a)`, `a.`, `a)`, `(ii)` with nothing after.
fn is_lone_marker(t: &str) -> bool {
    let inner = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| t.strip_suffix('.'))
        .or_else(|| t.strip_suffix(')'));
    inner.is_some_and(|m| {
        (!m.is_empty() && m.len() <= 3 && m.bytes().all(|b| b.is_ascii_digit()))
            || super::letters::is_letter(m)
            || super::letters::roman_value(m).is_some()
    })
}

/// Extractors such as `pdftotext` join a word broken at a line-end hyphen
/// without asking whether the hyphen was real, so `cyber-|enabled` comes out
/// `cyberenabled`. Where the document writes the compound with its hyphen
/// elsewhere (both parts of four letters or more), the joined form gets the
/// hyphen back. Only paged (extracted) text is repaired.
fn rehyphenate(lines: &mut [Cow<str>]) -> bool {
    let text = lines
        .iter()
        .map(|l| l.as_ref())
        .collect::<Vec<_>>()
        .join("\n");
    let compounds = super::clean::hyphenated_words(&text);
    let joined: HashMap<String, String> = compounds
        .iter()
        .filter_map(|c| {
            let (a, b) = c.split_once('-')?;
            (!b.contains('-') && a.chars().count() >= 4 && b.chars().count() >= 4)
                .then(|| (format!("{a}{b}"), c.clone()))
        })
        .collect();
    if joined.is_empty() {
        return false;
    }
    let mut changed = false;
    for line in lines.iter_mut() {
        if !line
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| joined.contains_key(&w.to_lowercase()))
        {
            continue;
        }
        let mut out = String::with_capacity(line.len() + 4);
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            match joined.get(&word.to_lowercase()) {
                // Keep the case of the written word, adding the hyphen at
                // the same place.
                Some(compound) => {
                    let at = compound.find('-').unwrap_or(0);
                    let split = word
                        .char_indices()
                        .nth(compound[..at].chars().count())
                        .map_or(word.len(), |(i, _)| i);
                    out.push_str(&word[..split]);
                    out.push('-');
                    out.push_str(&word[split..]);
                }
                None => out.push_str(word),
            }
            word.clear();
        };
        for c in line.chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        changed |= out != *line;
        *line = Cow::Owned(out);
    }
    changed
}

/// What a running line is recognised by: its words with every digit made
/// `#`, so that `V.25-03143 5/9` and `V.25-03143 6/9` are the same line.
fn running_key(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || t.len() > MAX_RUNNING_BYTES {
        return None;
    }
    // Spaces are left out too: extractors space out the glyphs of page
    // furniture unevenly (`1 2 /2 /2 6`).
    let key: String = t
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    Some(key)
}

/// Whether a repeated line may be a running header or footer: not a list
/// item or numbered paragraph, and not a sentence (page furniture has
/// no full stop and no lower-case words of prose).
fn may_be_running(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('(') || super::report::numbered(t).is_some() || t.starts_with('#') {
        return false;
    }
    let prose_words = t
        .split_whitespace()
        .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_lowercase()))
        .count();
    prose_words <= 1 && !t.ends_with(['.', ';', ':', ','])
}

/// Indices of running header and footer lines. With page breaks, a line
/// at the edge of a page whose key stands at the edge of at least half the
/// pages (two at least; without a number, two thirds and three at least);
/// without, a short line holding a number whose key
/// repeats three times or more (a footer pasted between lines).
fn running_lines(lines: &[Cow<str>], page_of: &[usize], pages: usize) -> HashSet<usize> {
    let mut out = HashSet::new();
    let key_at = |i: usize| running_key(&lines[i]).filter(|_| may_be_running(&lines[i]));
    // Keys of the lines the rule without page breaks looks at: short lines
    // holding a digit (nearly all lines of a report are skipped unkeyed).
    let numbered: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.len() <= MAX_RUNNING_BYTES && l.bytes().any(|b| b.is_ascii_digit()))
        .filter_map(|(i, _)| key_at(i).map(|k| (i, k)))
        .collect();
    if pages >= 2 {
        let mut edges: Vec<usize> = Vec::new();
        let mut start = 0;
        while start < lines.len() {
            let page = page_of[start];
            let end = (start..lines.len())
                .find(|&i| page_of[i] != page)
                .unwrap_or(lines.len());
            let filled: Vec<usize> = (start..end)
                .filter(|&i| !lines[i].trim().is_empty())
                .collect();
            edges.extend(filled.iter().take(EDGE_LINES));
            edges.extend(filled.iter().rev().take(EDGE_LINES));
            start = end;
        }
        edges.sort_unstable();
        edges.dedup();
        let keys: HashMap<usize, String> = edges
            .iter()
            .filter_map(|&i| key_at(i).map(|k| (i, k)))
            .collect();
        let mut pages_with: HashMap<&str, HashSet<usize>> = HashMap::new();
        for (&i, key) in &keys {
            pages_with.entry(key).or_default().insert(page_of[i]);
        }
        // A line without a number (a title, a heading) must stand on more
        // pages to count: a report's own headings may open two pages.
        let needed = |key: &str| match key.contains('#') {
            true => pages.div_ceil(2).max(2),
            false => (pages * 2).div_ceil(3).max(3),
        };
        for (&i, key) in &keys {
            if pages_with
                .get(key.as_str())
                .is_some_and(|p| p.len() >= needed(key))
            {
                out.insert(i);
            }
        }
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, key) in &numbered {
        *counts.entry(key).or_default() += 1;
    }
    for (i, key) in &numbered {
        if counts.get(key.as_str()).is_some_and(|&n| n >= 3) || is_job_number_line(&lines[*i]) {
            out.insert(*i);
        }
    }
    out
}

/// A line of a United Nations document's page furniture wherever it
/// stands and however few pages there are: its job number (`V.25-03143`)
/// with, in any order, the page (`5/9`), the language (`(E)`) and the
/// barcode (`*2503143*`); the barcode alone; or a page count alone
/// (`2/2`, where the page number is printed once).
fn is_job_number_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_job = |w: &str| {
        let b = w.as_bytes();
        b.len() == 10
            && b[0].is_ascii_uppercase()
            && b[1] == b'.'
            && b[2..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..].iter().all(u8::is_ascii_digit)
    };
    let is_page = |w: &str| {
        w.split_once('/')
            .is_some_and(|(n, m)| is_number(n) && is_number(m) && n.len() <= 3 && m.len() <= 3)
    };
    let is_barcode = |w: &str| {
        w.len() > 2 && w.starts_with('*') && w.ends_with('*') && is_number(&w[1..w.len() - 1])
    };
    let is_language = |w: &str| {
        w.len() == 3
            && w.starts_with('(')
            && w.ends_with(')')
            && w.as_bytes()[1].is_ascii_uppercase()
    };
    match words.as_slice() {
        [] => false,
        [one] => is_barcode(one) || is_page(one),
        _ => {
            words.iter().any(|w| is_job(w))
                && words.iter().all(|w| {
                    is_job(w) || is_page(w) || is_barcode(w) || is_language(w) || is_number(w)
                })
        }
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A list marker written `a.`, `a)`, `ii.` or `ii)` at the start of a line:
/// (indentation, marker, style, rest).
fn bare_marker(line: &str) -> Option<(&str, &str, char, &str)> {
    let t = super::clean::strip_bullet(line.trim_start());
    let indent = &line[..line.len() - line.trim_start().len()];
    let len = t.bytes().take_while(u8::is_ascii_lowercase).count();
    if len == 0 || len > super::letters::MAX_DOUBLED_LEN {
        return None;
    }
    let marker = &t[..len];
    let style = t[len..].chars().next()?;
    if style != '.' && style != ')' {
        return None;
    }
    let rest = &t[len + 1..];
    if !rest.starts_with(char::is_whitespace)
        || rest.trim().is_empty()
        || super::recommendations::is_cross_reference(rest.trim_start())
    {
        return None;
    }
    if !(super::letters::is_letter(marker) || super::letters::roman_value(marker).is_some()) {
        return None;
    }
    Some((indent, marker, style, rest.trim_start()))
}

/// A list letter written in capitals, `(C)` or `C)`, at the start of a
/// line before a capitalised text: (indentation, the letter in lower case,
/// rest). One letter, or one doubled (`(AA)`): a capital pair such as
/// `(UN)` is an abbreviation. `C.` is not taken: it is how section
/// headings are lettered (`B. Attendance`).
fn capital_marker(line: &str) -> Option<(&str, String, &str)> {
    let t = super::clean::strip_bullet(line.trim_start());
    let indent = &line[..line.len() - line.trim_start().len()];
    let inner = t.strip_prefix('(').unwrap_or(t);
    let len = inner.bytes().take_while(u8::is_ascii_uppercase).count();
    if len == 0 || len > 3 || inner.bytes().take(len).any(|b| b != inner.as_bytes()[0]) {
        return None;
    }
    let rest = inner[len..].strip_prefix(')')?;
    let text = rest.trim_start();
    if !rest.starts_with(char::is_whitespace) || !text.starts_with(char::is_uppercase) {
        return None;
    }
    Some((indent, inner[..len].to_ascii_lowercase(), text))
}

/// `© Text` or `® Text`: the letter `(c)` or `(r)` as Word's AutoCorrect
/// turns it into a sign: (indentation, the letter, rest).
fn autocorrected_marker(line: &str) -> Option<(&str, String, &str)> {
    let indent = &line[..line.len() - line.trim_start().len()];
    let t = super::clean::strip_bullet(line.trim_start());
    let mut chars = t.chars();
    let letter = match chars.next()? {
        '©' => "c",
        '®' => "r",
        _ => return None,
    };
    let rest = chars.as_str();
    let text = rest.trim_start();
    (rest.starts_with(char::is_whitespace) && text.starts_with(char::is_uppercase))
        .then(|| (indent, letter.to_string(), text))
}

/// Lines whose list markers are written `a.` or `a)` (as automatic lists
/// print and some extractors give `(a)`), rewritten `(a) …`. A style is
/// taken for a list only where its markers run in sequence from `a` (or
/// `i`) to the next, so that a line of prose opening with `a.` is left.
fn list_markers(lines: &[Cow<str>]) -> HashMap<usize, String> {
    let mut out = HashMap::new();
    for style in ['.', ')'] {
        let found: Vec<(usize, &str, &str, &str)> = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                bare_marker(l)
                    .filter(|(_, _, s, _)| *s == style)
                    .map(|(indent, m, _, rest)| (i, indent, m, rest))
            })
            .collect();
        let in_sequence = found
            .windows(2)
            .any(|pair| (pair[0].2 == "a" || pair[0].2 == "i") && follows(pair[0].2, pair[1].2));
        if !in_sequence {
            continue;
        }
        for (i, indent, marker, rest) in found {
            out.insert(i, format!("{indent}({marker}) {rest}"));
        }
    }
    // A list lettered in capitals, `(A)`, `(B)` … or `A)`, `B)` …, from `(A)`
    // on in sequence.
    let capitals: Vec<(usize, &str, String, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| capital_marker(l).map(|(indent, m, rest)| (i, indent, m, rest)))
        .collect();
    if capitals
        .windows(2)
        .any(|pair| pair[0].2 == "a" && follows(&pair[0].2, &pair[1].2))
    {
        for (i, indent, marker, rest) in capitals {
            out.insert(i, format!("{indent}({marker}) {rest}"));
        }
    }
    // A bare or capital marker right after the marker its letter follows,
    // whatever the style of that one: a list the author or the extractor
    // wrote partly `(a)`, partly `c)` or `(C)` is one list still.
    let mut previous: Option<String> = None;
    for (i, line) in lines.iter().enumerate() {
        let capital = capital_marker(line)
            .or_else(|| autocorrected_marker(line))
            .filter(|(_, marker, _)| previous.as_deref().is_some_and(|p| follows(p, marker)));
        if let Some(rewritten) = out.get(&i) {
            previous =
                super::recommendations::lettered_start(rewritten).map(|(m, _)| m.to_string());
        } else if let Some((indent, marker, rest)) = capital {
            // Before the bracketed reading, which takes `(I)` and `(O)` for
            // OCR confusions.
            out.insert(i, format!("{indent}({marker}) {rest}"));
            previous = Some(marker);
        } else if let Some((marker, _)) = super::recommendations::lettered_start(line) {
            previous = Some(marker.to_string());
        } else if let Some((indent, marker, _, rest)) = bare_marker(line) {
            if previous.as_deref().is_some_and(|p| follows(p, marker)) {
                out.insert(i, format!("{indent}({marker}) {rest}"));
                previous = Some(marker.to_string());
            }
        } else if let Some((printed, rest)) = ocr_bare_marker(line) {
            // `1.` where `l.` is due, while the list is still open (the
            // line before ends with `;`): an OCR `l`, which the bracketed
            // reading repairs with a warning; anything else is a paragraph.
            let due = previous.as_deref().and_then(|p| {
                super::letters::successors(p)
                    .into_iter()
                    .find(|s| s == "l" || s == "i")
            });
            let open = lines[..i]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim_end().ends_with(';') || l.trim_end().ends_with("; and"));
            if let (Some(due), true) = (due, open) {
                out.insert(i, format!("({printed}) {rest}"));
                previous = Some(due);
            }
        }
    }
    for line in out.values_mut() {
        bracket_run_together(line);
    }
    numbered_list_letters(lines, &mut out);
    out
}

/// A list numbered `1)`, `2)` … (or `1.`) right after the paragraph that
/// introduces it (a numbered paragraph ending with `:`), as a converter
/// writes Word's automatic lettering when it loses the letters: its items
/// are the lettered ones, `1)` being `(a)`. The numbers must start at 1
/// after a higher paragraph number and run on one by one; the first that
/// does not ends the list.
fn numbered_list_letters(lines: &[Cow<str>], out: &mut HashMap<usize, String>) {
    // A numbered line opening with a capital: its number and where its
    // text starts.
    let number_of = |line: &str| -> Option<(u32, usize)> {
        let (n, text) = super::report::numbered(line.trim_start())?;
        text.starts_with(|c: char| c.is_uppercase())
            .then(|| (n, line.len() - text.len()))
    };
    let mut i = 0;
    while i < lines.len() {
        let Some((intro, _)) = number_of(&lines[i]) else {
            i += 1;
            continue;
        };
        // The introducing paragraph's last line: the last before a blank
        // line or the next numbered one.
        let mut end = i;
        while end + 1 < lines.len()
            && !lines[end + 1].trim().is_empty()
            && number_of(&lines[end + 1]).is_none()
        {
            end += 1;
        }
        if intro <= 1 || !lines[end].trim_end().ends_with(':') {
            i = end + 1;
            continue;
        }
        let mut expected = 1;
        let mut j = end + 1;
        while j < lines.len() {
            let line = &lines[j];
            let t = line.trim();
            if t.is_empty() || t.starts_with("<!--") {
                j += 1;
                continue;
            }
            match number_of(line) {
                Some((n, at)) if n == expected => {
                    let letter =
                        super::letters::letter_at(u64::from(n), super::letters::Scheme::Counted);
                    out.insert(j, format!("({letter}) {}", &line[at..]));
                    expected += 1;
                }
                Some(_) => break,
                None if expected == 1 => break,
                None => {}
            }
            j += 1;
        }
        i = j.max(end + 1);
    }
}

/// In a rewritten line `(d) …; e. Next…`, the items run together after it
/// in the bare style, bracketed in turn (`; (e) Next…`), so that the split
/// of run-together items finds them: each must be the letter after the one
/// before and open with a capital.
fn bracket_run_together(line: &mut String) {
    let Some((first, _)) = super::recommendations::lettered_start(line) else {
        return;
    };
    let mut current = first.to_string();
    let mut from = 0;
    loop {
        let next = super::letters::successors(&current);
        let found = next.iter().find_map(|letter| {
            [".", ")"].iter().find_map(|style| {
                let pattern = format!("; {letter}{style}");
                let at = from + line[from..].find(&pattern)?;
                let gap = line[at + pattern.len()..]
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .map(char::len_utf8)
                    .sum::<usize>();
                (gap > 0).then(|| (at, letter.clone(), pattern.len() + gap))
            })
        });
        let Some((at, letter, len)) = found else {
            return;
        };
        if !line[at + len..].starts_with(|c: char| c.is_uppercase()) {
            return;
        }
        line.replace_range(at..at + len, &format!("; ({letter}) "));
        from = at + 2;
        current = letter;
    }
}

/// `1. Text` or `I) Text`: a bare marker whose one character OCR confuses
/// with `l` or `i`, followed by a capital.
fn ocr_bare_marker(line: &str) -> Option<(char, &str)> {
    let t = super::clean::strip_bullet(line.trim_start());
    let mut chars = t.chars();
    let printed = chars.next().filter(|c| matches!(c, '1' | 'I' | '|'))?;
    let style = chars.next()?;
    let rest = chars.as_str();
    let starts_text = rest.starts_with(char::is_whitespace)
        && rest.trim_start().starts_with(|c: char| c.is_uppercase());
    (matches!(style, '.' | ')') && starts_text).then_some((printed, rest.trim_start()))
}

/// Whether list marker `next` is the one right after `first` (letters, or
/// roman numerals).
fn follows(first: &str, next: &str) -> bool {
    super::letters::successors(first).iter().any(|s| s == next)
        || matches!(
            (super::letters::roman_value(first), super::letters::roman_value(next)),
            (Some(a), Some(b)) if b == a + 1
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_footers_are_removed_by_repetition_across_pages() {
        let page = |n: usize, body: &str| {
            format!("A/CONF.248/RPM.1/L.1/Add.1\n\n{body}\n\nV.25-03143\t{n}/3\n")
        };
        let text = format!(
            "{}\u{c}{}\u{c}{}",
            page(1, "First page text."),
            page(2, "Second page text."),
            page(3, "Third page text.")
        );
        let tidied = tidy(&text);
        assert!(!tidied.text.contains("V.25"), "{}", tidied.text);
        assert!(!tidied.text.contains("A/CONF"));
        assert!(tidied.text.contains("Second page text."));
        assert_eq!(tidied.page_starts.len(), 3);
    }

    #[test]
    fn a_footer_pasted_between_lines_is_removed_without_page_breaks() {
        let text = "(a) One of the methods and\nV.25-03143 5/9\nscams;\n(b) Two\nV.25-03143 6/9\nmore;\n(c) Three\nV.25-03143 7/9\nend.\n";
        let tidied = tidy(text);
        assert_eq!(
            tidied.text,
            "(a) One of the methods and\nscams;\n(b) Two\nmore;\n(c) Three\nend.\n"
        );
        assert_eq!(tidied.origin.unwrap(), [1, 3, 4, 6, 7, 9]);
    }

    #[test]
    fn a_number_alone_on_its_line_joins_its_text_and_lone_bullets_go() {
        let text = "Outcome of deliberations\n8.\n\nThe following were identified:\n\n•\n(a) One;\n•\n(b) Two.\n";
        assert_eq!(
            tidy(text).text,
            "Outcome of deliberations\n8. The following were identified:\n\n\n(a) One;\n(b) Two.\n"
        );
    }

    #[test]
    fn a_hyphen_an_extractor_dropped_is_restored_from_the_document() {
        let text = "cyber-enabled crime\n\u{c}to adjudicate cyberenabled crimes\nand cooperation\n";
        assert_eq!(
            tidy(text).text,
            "cyber-enabled crime\nto adjudicate cyber-enabled crimes\nand cooperation\n"
        );
    }

    #[test]
    fn a_footer_glued_into_lines_is_cut_out() {
        let text = "(a) Counter the methods and V.25-03143 5/9 scams used by;\n(b) Two V.25-03143 6/9 more;\n(c) Three and V.25-03143 7/9 end, costing 2.5 and 24*7.\n";
        assert_eq!(
            tidy(text).text,
            "(a) Counter the methods and scams used by;\n(b) Two more;\n(c) Three and end, costing 2.5 and 24*7.\n"
        );
    }

    /// A footnote as pdftotext leaves it: the marker glued to a word, the
    /// note spliced into the next paragraph. Both are written as Markdown
    /// writes them; numbers that are no marker (`Add.1`, `79/243`) or
    /// lines that no marker announced (`2 March was…`) stay.
    #[test]
    fn a_footnote_in_the_flow_and_its_marker_are_written_as_markdown() {
        let text = "A statement by the European Union,1\nin her capacity.\n6. Several speakers noted areas\n1 Also on behalf of the States that are\nmembers of the European Union.\nincluding joint investigations.\nA/CONF.248/Add.1 and resolution 79/243 were cited; 2 March was the date.\n2 March was the date.\n";
        assert_eq!(
            tidy(text).text,
            "A statement by the European Union,<sup>1</sup>\nin her capacity.\n6. Several speakers noted areas\n<sup>1</sup> Also on behalf of the States that are members of the European Union.\nincluding joint investigations.\nA/CONF.248/Add.1 and resolution 79/243 were cited; 2 March was the date.\n2 March was the date.\n"
        );
        let noted = "(b) Ratify the Convention1 early;\n(c) Develop guidance.\n__________________\n1 General Assembly resolution 79/243, annex.\n";
        assert_eq!(
            tidy(noted).text,
            "(b) Ratify the Convention<sup>1</sup> early;\n(c) Develop guidance.\n<sup>1</sup> General Assembly resolution 79/243, annex.\n"
        );
    }

    /// Word's automatic lettering as a converter writes it without the
    /// letters: a list numbered from 1 right after the paragraph that
    /// introduces it; a numbered paragraph after it is not taken.
    #[test]
    fn a_list_numbered_after_its_introduction_is_lettered() {
        let text = "8.  The following were\n    identified:\n\n<!-- -->\n\n1)  Strengthen mechanisms,\n    including extradition;\n\n2)  Develop protocols.\n\n9.  Another paragraph.\n";
        assert_eq!(
            tidy(text).text,
            "8.  The following were\n    identified:\n\n<!-- -->\n\n(a) Strengthen mechanisms,\n    including extradition;\n\n(b) Develop protocols.\n\n9.  Another paragraph.\n"
        );
        let paragraphs = "7. Speakers said:\n\n8. A paragraph that follows.\n";
        assert_eq!(tidy(paragraphs).text, paragraphs);
    }

    #[test]
    fn a_job_number_line_is_furniture_even_when_it_stands_twice() {
        let text = "(a) One of the methods;\nV.25-01234 3/7\n(b) Two more;\nV.25-01234\t4/7\n(c) Three.\nV.25-01234 *2501234*\n";
        let tidied = tidy(text).text;
        assert!(!tidied.contains("V.25"), "{tidied}");
        assert!(tidied.contains("(b) Two more;"));
        for line in [
            "V.25-01234 (E)      *2501234*",
            "2/3                 V.25-01234",
            "*2501234*",
            "2/2",
        ] {
            assert!(is_job_number_line(line), "{line}");
        }
        for line in [
            "V.25-01234 5 and more",
            "V.25 is a word",
            "AV.25-01234",
            "24/7 support",
            "1/2/3",
        ] {
            assert!(!is_job_number_line(line), "{line}");
        }
    }

    /// Bare markers in sequence are lettering, and so is one right after
    /// the marker it follows in another style (a list that changes style
    /// midway); prose that only opens with a letter is left.
    #[test]
    fn a_vertical_tab_parts_lines_that_keep_their_line() {
        let tidied = tidy("intro:\n - (a) One;\u{b} - (b) Two;\u{b}(c) Three.\nend\n");
        assert_eq!(
            tidied.text,
            "intro:\n - (a) One;\n - (b) Two;\n(c) Three.\nend\n"
        );
        assert_eq!(tidied.origin, Some(vec![1, 2, 2, 2, 3]));
    }

    #[test]
    fn html_references_left_in_text_are_characters() {
        assert_eq!(
            tidy("(a)&nbsp;Cooperate with T&uuml;rkiye, 23&#8211;25 April &amp; 1&#x2013;2 May;\n")
                .text,
            "(a)\u{a0}Cooperate with Türkiye, 23–25 April & 1–2 May;\n"
        );
        // Not a reference: kept as written.
        assert_eq!(
            tidy("R&D; &unknown; & co.\n").text,
            "R&D; &unknown; & co.\n"
        );
    }

    #[test]
    fn mail_quotation_and_markdown_line_breaks_are_layout() {
        assert_eq!(
            tidy(">> (a) One and\\\n> > two;\n>>\n> (b) Three.<br>\n").text,
            "(a) One and\ntwo;\n\n(b) Three.\n"
        );
    }

    #[test]
    fn capital_letters_become_lower_case_in_a_list_only() {
        for (text, expected) in [
            // A list in capitals, bracketed or not, from `(A)` on.
            (
                "(A) One;\n(B) Two;\n(C) Three.\n",
                "(a) One;\n(b) Two;\n(c) Three.\n",
            ),
            ("A) One;\nB) Two.\n", "(a) One;\n(b) Two.\n"),
            // Restyled halfway: `(I)` is the letter after `(h)` here, not an
            // OCR slip or a numeral.
            (
                "(g) Seven;\n(h) Eight;\n(I) Nine;\n(J) Ten.\n",
                "(g) Seven;\n(h) Eight;\n(i) Nine;\n(j) Ten.\n",
            ),
        ] {
            assert_eq!(tidy(text).text, expected);
        }
        // Section headings, abbreviations and letters out of sequence stay.
        for text in [
            "A. Opening of the meeting\nB. Attendance\n",
            "(UN) One;\n(UO) Two.\n",
            "(B) One;\n(C) Two.\n",
            "(a) One, as in\n(A) above;\n(b) Two.\n",
        ] {
            assert_eq!(tidy(text).text, text, "{text}");
        }
    }

    #[test]
    fn bare_letters_in_sequence_become_bracketed() {
        for (text, expected) in [
            (
                "a. One;\nb. Two, on:\n   i. first;\n   ii. second;\nc. Three.\n",
                "(a) One;\n(b) Two, on:\n   (i) first;\n   (ii) second;\n(c) Three.\n",
            ),
            (
                "(a) One;\n(b) Two;\nc) Three;\nd) Four.\n",
                "(a) One;\n(b) Two;\n(c) Three;\n(d) Four.\n",
            ),
            // Items run together on one line, in the bare style.
            (
                "a. One;\nb. Two; c.\tThree; d. Four.\n",
                "(a) One;\n(b) Two; (c) Three; (d) Four.\n",
            ),
        ] {
            assert_eq!(tidy(text).text, expected);
        }
        // An OCR `1` where `l` is due and the list is open; not after a
        // full stop, where a paragraph 1 may begin.
        let eleven: String = ('a'..='k').map(|c| format!("{c}. Item;\n")).collect();
        let tidied = tidy(&format!("{eleven}1. Twelve.\n")).text.into_owned();
        assert!(tidied.ends_with("(k) Item;\n(1) Twelve.\n"), "{tidied}");
        let closed = eleven.replace("k. Item;", "k. Item.");
        let tidied = tidy(&format!("{closed}1. A new paragraph.\n"))
            .text
            .into_owned();
        assert!(
            tidied.ends_with("(k) Item.\n1. A new paragraph.\n"),
            "{tidied}"
        );
        let prose = "c) one line of prose.\ne) and another that does not follow.\n";
        assert_eq!(tidy(prose).text, prose);
        let prose = "a. word at the start of a line, once.\n";
        assert_eq!(tidy(prose).text, prose);
    }
}
