//! The lettered recommendations `(a)`, `(b)`, … that follow the paragraph
//! introducing them, with OCR letter repairs decided by the sequence.

use super::clean::{
    is_debris, join_fragments, lowercase, remove_footnote_markers, strip_bullet, strip_markup,
};
use crate::model::Diagnostic;
use std::borrow::Cow;
use std::collections::HashSet;

/// One recommendation as read, before it gets its id and provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Lettered {
    /// `a`, … `z`, `aa`, …
    pub letter: String,
    /// 1-based line where the letter stands.
    pub line: usize,
    /// Clean text, without the letter and the list punctuation.
    pub text: String,
    /// The text ended with a full stop before cleaning.
    pub ends_with_full_stop: bool,
}

/// Characters OCR confuses with letters, and the letters they may stand
/// for. A repair is made only when the sequence expects one of them.
const OCR_CONFUSIONS: &[(char, &[char])] = &[
    ('1', &['l', 'i']),
    ('I', &['l', 'i']),
    ('|', &['l', 'i']),
    ('!', &['l', 'i']),
    ('0', &['o']),
    ('O', &['o']),
];

/// Letters OCR reads as two: the pair, and the letter it stands for.
const OCR_PAIRS: [(&str, &str); 3] = [("rn", "m"), ("cl", "d"), ("vv", "w")];

/// Longest bracketed marker looked at: a doubled letter of the longest
/// list (see [`super::letters::MAX_DOUBLED_LEN`]).
const MAX_MARKER_LEN: usize = super::letters::MAX_DOUBLED_LEN;

/// `(x) rest` at the start of a line (after any list bullet): the marker's
/// inside (`a`, `bb`, `iv`, or one OCR-confused character) and the rest.
/// OCR and typists also bracket a letter `[c]`, `{c}` or `(c]`: those read
/// as `(c)` too, and [`odd_brackets`] tells them apart for a warning.
pub fn lettered_start(line: &str) -> Option<(&str, &str)> {
    lettered(line).map(|(marker, rest, _)| (marker, rest))
}

/// The marker as written when its brackets are not `(` and `)` (`[c]`).
fn odd_brackets(line: &str) -> Option<String> {
    lettered(line)
        .filter(|(_, _, odd)| *odd)
        .map(|(marker, rest, _)| {
            let t = super::clean::trim_start_invisible(line).trim_start();
            let end = t.len() - rest.len();
            let written = t[..end].trim_start_matches(|c: char| !"([{".contains(c));
            if written.is_empty() {
                format!("({marker})")
            } else {
                written.trim_end_matches('*').to_string()
            }
        })
}

fn lettered(line: &str) -> Option<(&str, &str, bool)> {
    let mut t = super::clean::trim_start_invisible(line);
    // Bullets and bold markers opening the line (`- **(a)**`), as many as
    // there are.
    loop {
        let before = t.len();
        t = strip_bullet(t.trim_start_matches(['*', '_']));
        t = strip_list_number(t);
        if t.len() == before {
            break;
        }
    }
    let opening = t.chars().next().filter(|c| "([{".contains(*c))?;
    let inner = &t[1..];
    // Room for a letter written bold or spaced inside its brackets
    // (`(**a**)`, `( a )`).
    let close = inner
        .bytes()
        .take(MAX_MARKER_LEN + 5)
        .position(|b| b == b')' || b == b']' || b == b'}')?;
    let odd = opening != '(' || inner.as_bytes()[close] != b')';
    let marker = inner[..close].trim_matches(|c: char| {
        c.is_whitespace() || c == '*' || c == '_' || super::clean::is_invisible(c)
    });
    let single_confusion =
        marker.chars().count() == 1 && OCR_CONFUSIONS.iter().any(|(c, _)| marker.starts_with(*c));
    if !(super::letters::is_letter(marker)
        || single_confusion
        || super::letters::roman_value(marker).is_some())
    {
        return None;
    }
    // Odd brackets only around a plain letter or numeral: `[1]` is a
    // reference.
    if odd && !marker.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // The bold or italic marker closing a letter (`**(a)** Strengthen`,
    // `_(a)_`).
    let rest = inner[close + 1..]
        .trim_start_matches(|c: char| c == '*' || c == '_' || super::clean::is_invisible(c));
    // PDF extraction sometimes loses the space: `(a)Strengthen`.
    let next_ok = rest.is_empty()
        || rest.starts_with(|c: char| c.is_whitespace() || c.is_uppercase() || c == '*');
    if !next_ok || is_cross_reference(rest.trim_start()) {
        return None;
    }
    Some((marker, rest, odd))
}

/// A line ending where a reference to an item goes on (`subparagraph`,
/// `paragraphs (b) to`, `as in`): a letter opening the next line is that
/// reference, wrapped, not an item. `and` and `or` count only inside a
/// clause: `…; and` closes an item before the last.
fn ends_with_reference(previous: &str) -> bool {
    let t = previous.trim_end();
    let word_start = t
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    let word = &t[word_start..];
    let before = t[..word_start].trim_end();
    match word {
        "subparagraph" | "subparagraphs" | "paragraph" | "paragraphs" | "to" | "in" | "of"
        | "under" => true,
        "and" | "or" => !before.ends_with([';', ',', ':']),
        _ => false,
    }
}

/// What follows a letter that refers to an item rather than opens one,
/// when a wrap puts the reference at a line's start: `(a) above`,
/// `(c) below`, `(a) and (b)`, `(d) to (f)`.
pub(super) fn is_cross_reference(after: &str) -> bool {
    let word: String = after
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    match word.as_str() {
        "above" | "below" | "hereof" | "thereof" => true,
        "and" | "or" | "to" => after[word.len()..].trim_start().starts_with(['(', '[']),
        _ => false,
    }
}

/// A Markdown numbered list's `1. ` before a bracketed letter (`1. (a)`).
fn strip_list_number(t: &str) -> &str {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return t;
    }
    match t[digits..].strip_prefix(['.', ')']) {
        Some(rest)
            if rest.starts_with(char::is_whitespace) && rest.trim_start().starts_with('(') =>
        {
            rest.trim_start()
        }
        _ => t,
    }
}

/// Letter that `printed` stands for when the sequence expects one of
/// `expected`: a single letter always (a gap is the lint's to report), a
/// longer one only in sequence, an OCR confusion only where it fits.
fn resolve(printed: &str, expected: &[String], current: Option<&str>) -> Option<String> {
    if printed.len() == 1 && printed.as_bytes()[0].is_ascii_lowercase() {
        return Some(printed.to_string());
    }
    // OCR reads `m` as `rn`, `d` as `cl`, `w` as `vv`: repaired where due.
    if let Some((_, letter)) = OCR_PAIRS
        .iter()
        .find(|(pair, letter)| *pair == printed && expected.iter().any(|e| e == letter))
    {
        return Some(letter.to_string());
    }
    if super::letters::is_letter(printed) {
        let due = expected.iter().any(|e| e == printed);
        let ahead = current.is_some_and(|c| super::letters::is_shortly_after(c, printed, 3));
        return (due || ahead).then(|| printed.to_string());
    }
    let mut chars = printed.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    OCR_CONFUSIONS
        .iter()
        .find(|(confused, _)| *confused == c)
        .and_then(|(_, letters)| {
            expected
                .iter()
                .find(|e| e.len() == 1 && letters.contains(&(e.as_bytes()[0] as char)))
        })
        .cloned()
}

/// The letter due instead of `letter` when OCR misread it or a typist
/// slipped (`(e)` or `(d)` for `(c)`): the letter is not due, and the next
/// marker is the one that follows the letter due. A real gap (`(b)`,
/// `(d)`, `(e)`) is left to the lint.
fn misread(
    letter: &str,
    expected: &[String],
    next: impl FnOnce() -> Option<String>,
) -> Option<String> {
    if expected.is_empty() || expected.iter().any(|e| e == letter) {
        return None;
    }
    let next = next()?;
    expected
        .iter()
        .find(|due| super::letters::successors(due).contains(&next))
        .cloned()
}

/// The letters that may come next: `(a)` at the start of a list.
fn expected_after(current: Option<&Draft>) -> Vec<String> {
    current.map_or_else(
        || vec!["a".to_string()],
        |d| super::letters::successors(&d.letter),
    )
}

/// An item being collected over lines.
struct Draft {
    letter: String,
    line: usize,
    fragments: Vec<String>,
    /// Value of the last sub-item `(i)`, `(ii)`… read inside it.
    sub_item: Option<u32>,
}

impl Draft {
    fn new(letter: String, line: usize) -> Draft {
        Draft {
            letter,
            line,
            fragments: Vec::new(),
            sub_item: None,
        }
    }

    /// The text so far ends with a colon: what follows may be a sub-list.
    fn ends_with_colon(&self) -> bool {
        self.fragments
            .iter()
            .rev()
            .map(|f| f.trim_end().trim_end_matches('*').trim_end())
            .find(|f| !f.is_empty())
            .is_some_and(|f| f.ends_with(':'))
    }

    /// The last roman numeral of a sub-list written inside the text
    /// (`…: (i) …; (ii) …`), counted in sequence from `(i)`.
    fn inline_sub_item(&self) -> Option<u32> {
        let text = self.fragments.join(" ");
        let mut last = None;
        let mut n = 1;
        let mut from = 0;
        loop {
            let marker = format!("({})", to_roman_lower(n));
            match text[from..].find(&marker) {
                Some(at) => {
                    last = Some(n);
                    from += at + marker.len();
                    n += 1;
                }
                None => return last,
            }
        }
    }
}

fn to_roman_lower(n: u32) -> String {
    super::letters::to_roman(n)
}

/// Whether a line opening with `(printed)` is a sub-item of `current`
/// rather than the next recommendation. The sequence around it decides:
/// `(i)` right after a colon starts a sub-list unless it is the letter due
/// (after `(h)`) and no `(ii)` follows; `(ii)`, `(iii)`… go on a sub-list
/// already open; a numeral that is also the letter due is a sub-item only
/// when the next marker goes on with the numerals.
fn is_sub_item(
    current: &Draft,
    printed: &str,
    expected: &[String],
    next_marker: impl FnOnce() -> Option<String>,
) -> bool {
    let Some(value) = super::letters::roman_value(printed) else {
        return false;
    };
    let is_due = expected.iter().any(|e| e == printed);
    let open = current.sub_item.or_else(|| current.inline_sub_item());
    let continues = match (open, value) {
        (Some(last), v) => v == last + 1,
        (None, 1) => true,
        (None, _) => false,
    };
    if !continues {
        return false;
    }
    if value == 1 && open.is_none() && !current.ends_with_colon() && is_due {
        return false;
    }
    if !is_due && (value > 1 || current.ends_with_colon()) {
        return true;
    }
    // A numeral the next marker goes on from, or the letter due written
    // again next (a sub-list of one `(i)` before the item `(i)`).
    let following = to_roman_lower(value + 1);
    next_marker().is_some_and(|m| m == following || (is_due && m == printed))
}

/// The next marker opening a line after `from` (0-based), looked for over
/// a few lines only.
fn next_marker(lines: &[&str], from: usize) -> Option<String> {
    lines
        .iter()
        .skip(from + 1)
        .take(40)
        .find_map(|l| lettered_start(&remove_footnote_markers(l)).map(|(m, _)| m.to_string()))
}

/// Reads the recommendations from `lines[start..]` (0-based indices) until
/// the next numbered paragraph or heading; `plain` holds the same lines
/// without markup (see [`strip_markup`]), `meeting_title` the report's
/// title as its header gives it. Line numbers in the result and
/// diagnostics are 1-based.
pub fn read(
    file: &str,
    lines: &[&str],
    plain: &[Cow<str>],
    start: usize,
    hyphenated: &HashSet<String>,
    meeting_title: Option<&str>,
) -> (Vec<Lettered>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut stopped_at = None;
    // The meeting's own title, which a page header may repeat inside the
    // list: that ends nothing.
    let own_title = meeting_title
        .map(|title| collapsed_lower(&strip_markup(title)))
        .filter(|title| title.contains(MEETING_TITLE));
    // `17. The following … identified: (a) Strengthen …` on one line: the
    // list starts inside the introducing paragraph's line.
    let intro_tail = start
        .checked_sub(1)
        .and_then(|intro| list_after_colon(lines[intro]).map(|tail| (intro, tail)));
    let rest = lines.iter().copied().enumerate().skip(start);
    for (index, raw) in intro_tail.into_iter().chain(rest) {
        if is_debris(raw) {
            continue;
        }
        // The introduction's tail is only part of its line.
        let plain_line = match index < start {
            true => strip_markup(raw),
            false => Cow::Borrowed(plain[index].as_ref()),
        };
        // The meeting's title repeated as a page header is furniture.
        if is_own_title(&plain_line, own_title.as_deref()) {
            continue;
        }
        if ends_list(raw, &plain_line, own_title.as_deref()) {
            stopped_at = Some(index);
            break;
        }
        let number = index + 1;
        let cleaned = remove_footnote_markers(raw);
        let marker = lettered_start(&cleaned)
            .filter(|_| !(index > start && ends_with_reference(lines[index - 1])));
        // The letters due are worked out only where a marker opens the line.
        let expected = match marker {
            Some(_) => expected_after(drafts.last()),
            None => Vec::new(),
        };
        if let (Some((printed, _)), Some(current)) = (marker, drafts.last_mut()) {
            if is_sub_item(current, printed, &expected, || next_marker(lines, index)) {
                current.sub_item = super::letters::roman_value(printed);
                split_run_together(file, number, cleaned.trim(), &mut drafts, &mut diagnostics);
                continue;
            }
        }
        let opening = marker.and_then(|(printed, rest)| {
            resolve(printed, &expected, drafts.last().map(|d| d.letter.as_str())).map(|letter| {
                let read = misread(&letter, &expected, || next_marker(lines, index));
                let by_place = read.is_some();
                (printed, read.unwrap_or(letter), by_place, rest)
            })
        });
        if let (Some((printed, _)), None) = (marker, &opening) {
            diagnostics.push(not_a_letter(
                file,
                number,
                printed,
                &expected,
                drafts.last(),
            ));
        }
        let rest: &str = match opening {
            Some((printed, letter, by_place, rest)) => {
                if let Some(written) = odd_brackets(&cleaned) {
                    diagnostics.push(restyled(file, number, &written, &letter));
                }
                if by_place {
                    let after = drafts
                        .last()
                        .map_or(String::new(), |d| format!(" after ({})", d.letter));
                    diagnostics.push(Diagnostic::warning(
                        file,
                        Some(number),
                        format!(
                            "letter ({printed}) read as ({letter}), its place in the sequence: the next letter continues from ({letter}) (expected ({letter}){after})"
                        ),
                    ));
                } else if printed != letter {
                    diagnostics.push(repair_warning(
                        file,
                        number,
                        printed,
                        &letter,
                        drafts.last(),
                    ));
                }
                drafts.push(Draft::new(letter, number));
                rest
            }
            None => match drafts
                .last()
                .and_then(|d| letter_due_in_odd_style(&cleaned, d))
            {
                Some((written, letter, text)) => {
                    diagnostics.push(restyled(file, number, written, &letter));
                    drafts.push(Draft::new(letter, number));
                    text
                }
                None => &cleaned,
            },
        };
        match drafts.last_mut() {
            Some(_) => split_run_together(file, number, rest, &mut drafts, &mut diagnostics),
            // Text between the introducing paragraph and `(a)` continues
            // that paragraph.
            None => continue,
        }
    }
    let items = finish(file, drafts, hyphenated, &mut diagnostics);
    if let Some(stop) = stopped_at {
        diagnostics.extend(unread_items(file, lines, stop));
    }
    (items, diagnostics)
}

/// A letter read from another style than `(x)`, as written.
fn restyled(file: &str, line: usize, written: &str, letter: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        Some(line),
        format!("list letter written `{written}` read as ({letter}) (expected ({letter}) in round brackets)"),
    )
}

/// A line opening with the letter due after `current` in a style not
/// read otherwise (`c -`, `c:`, `<c>`, `(c` without its closing bracket),
/// before a capital: (what was written, the letter, the text after it).
fn letter_due_in_odd_style<'l>(
    line: &'l str,
    current: &Draft,
) -> Option<(&'l str, String, &'l str)> {
    let t = super::clean::strip_bullet(super::clean::trim_start_invisible(line).trim_start());
    let body = t.trim_start_matches(|c: char| c.is_ascii_punctuation());
    let len = body.bytes().take_while(u8::is_ascii_alphabetic).count();
    let letter = body[..len].to_ascii_lowercase();
    if len == 0 || !super::letters::successors(&current.letter).contains(&letter) {
        return None;
    }
    let after = &body[len..];
    let separator = after.chars().next()?;
    let text = after
        .trim_start_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace() || c == '–');
    let spaced =
        after.len() > text.len() && after[..after.len() - text.len()].contains(char::is_whitespace);
    let opens = (separator.is_whitespace() || separator.is_ascii_punctuation() || separator == '–')
        && spaced
        && text.starts_with(char::is_uppercase);
    // Prose may open with a one-letter word (`a`, `I`) and a capital word
    // after it; a sign before the letter or after it tells a marker.
    let bare_word = t.len() == body.len()
        && separator.is_whitespace()
        && after.trim_start().starts_with(char::is_alphabetic);
    (opens && !bare_word).then(|| (t[..t.len() - text.len()].trim_end(), letter, text))
}

/// The recommendations after their introducing paragraph when a converter
/// dropped their letters (Word's automatic lettering saved as plain text by
/// some tools): paragraphs opening with a capital, each ending with `;`
/// (`; and`, `; or`) and the last with a full stop, read in order as `(a)`,
/// `(b)`… with a warning saying so. Nothing unless at least two such
/// paragraphs follow and every one fits; `start` is the line after the
/// introduction (0-based).
pub fn read_unlettered(
    file: &str,
    lines: &[&str],
    plain: &[Cow<str>],
    start: usize,
    hyphenated: &HashSet<String>,
) -> (Vec<Lettered>, Vec<Diagnostic>) {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut open = false;
    let mut closed = false;
    for index in start..lines.len() {
        let raw = lines[index];
        if is_debris(raw) {
            continue;
        }
        let text = plain[index].trim();
        if closed || ends_list(raw, text, None) || lettered_start(raw).is_some() {
            break;
        }
        if !open {
            if !text.starts_with(char::is_uppercase) {
                return (Vec::new(), Vec::new());
            }
            let letter =
                super::letters::letter_at(drafts.len() as u64 + 1, super::letters::Scheme::Doubled);
            drafts.push(Draft::new(letter, index + 1));
            open = true;
        }
        if let Some(current) = drafts.last_mut() {
            current.fragments.push(raw.trim().to_string());
        }
        let end = super::clean::strip_emphasis(text);
        let end = end.trim_end();
        if super::clean::ends_an_item(end) {
            open = false;
        } else if end.ends_with('.') {
            open = false;
            closed = true;
        }
    }
    if drafts.len() < 2 || open || !closed {
        return (Vec::new(), Vec::new());
    }
    let mut diagnostics = Vec::new();
    let items = finish(file, drafts, hyphenated, &mut diagnostics);
    if let (Some(first), Some(last)) = (items.first(), items.last()) {
        diagnostics.insert(
            0,
            Diagnostic::warning(
                file,
                Some(first.line),
                format!(
                    "no letters before the recommendations: {} paragraphs after the introduction read in order as (a) to ({}) (expected lines starting (a), (b), …)",
                    items.len(),
                    last.letter
                ),
            ),
        );
    }
    (items, diagnostics)
}

/// The text from `(a)` on, when a line runs a colon straight into `(a)`.
fn list_after_colon(line: &str) -> Option<&str> {
    let colon = line.find(": (a)").or_else(|| line.find(":(a)"))?;
    let tail = line[colon + 1..].trim_start();
    lettered_start(tail).map(|_| tail)
}

/// Lettered items after the end of the list (a second agenda item or a
/// second report in one file) are not read: say so rather than drop them.
fn unread_items(file: &str, lines: &[&str], stop: usize) -> Option<Diagnostic> {
    let mut unread = lines[stop..]
        .iter()
        .enumerate()
        .filter(|(_, l)| lettered_start(l).is_some());
    let (first, _) = unread.next()?;
    let count = 1 + unread.count();
    Some(Diagnostic::warning(
        file,
        Some(stop + first + 1),
        format!(
            "{count} lettered item(s) from here on are not read: the list ended at line {} (expected one agenda item per file)",
            stop + 1
        ),
    ))
}

/// A numbered paragraph, a heading or the header of another report ends
/// the list, so that what follows is not glued onto the last item.
/// What every meeting title says.
const MEETING_TITLE: &str = "regional preparatory meeting";

/// Lower case, words parted by single spaces.
fn collapsed_lower(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn ends_list(raw: &str, plain: &str, own_title: Option<&str>) -> bool {
    if lettered_start(raw).is_some() {
        return false;
    }
    let t = raw.trim();
    let lower = lowercase(plain);
    let bold_line = t.len() > 4 && t.starts_with("**") && t.ends_with("**");
    t.starts_with('#')
        || bold_line
        || super::report::numbered(plain).is_some()
        || is_lettered_heading(plain)
        || lower.starts_with("distr.")
        || (lower.contains(MEETING_TITLE) && !is_own_title(plain, own_title))
        || lower.contains("rapporteur:")
        || [
            "summary of deliberations",
            "outcome of deliberations",
            "draft report",
            "addendum",
        ]
        .iter()
        .any(|h| lower.trim_end_matches(':') == *h)
}

/// A line giving the meeting's own title, or the start of it, as a page
/// header repeats it.
fn is_own_title(plain: &str, own_title: Option<&str>) -> bool {
    let Some(title) = own_title else {
        return false;
    };
    let line = collapsed_lower(plain);
    line.contains(MEETING_TITLE) && (title.starts_with(&line) || line.starts_with(title))
}

/// `B. Substantive items…` or `II. Recommendations`: a section heading.
fn is_lettered_heading(plain: &str) -> bool {
    // The label is a run of capitals (the first `. ` cannot come earlier):
    // found without a substring search, as this runs on every list line.
    let label_len = plain.bytes().take_while(u8::is_ascii_uppercase).count();
    let (label, rest) = plain.split_at(label_len);
    let Some(rest) = rest.strip_prefix(". ") else {
        return false;
    };
    let roman = !label.is_empty() && label.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let capital = label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase());
    (roman || capital) && rest.starts_with(|c: char| c.is_uppercase())
}

/// How the letters due are named in a message: `(b)`, or `(bb) or (ab)`.
fn named(expected: &[String]) -> String {
    if expected.is_empty() {
        return "no further letter".to_string();
    }
    expected
        .iter()
        .map(|e| format!("({e})"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// A `(x)` that cannot be the next letter: kept as text of the current
/// item, or, before the first item, not read.
fn not_a_letter(
    file: &str,
    line: usize,
    printed: &str,
    expected: &[String],
    current: Option<&Draft>,
) -> Diagnostic {
    let expected = named(expected);
    let fate = match current {
        Some(d) => format!("kept as text of ({})", d.letter),
        None => "this line is not read".to_string(),
    };
    Diagnostic::warning(
        file,
        Some(line),
        format!("({printed}) does not continue the lettering; {fate} (expected {expected})"),
    )
}

fn repair_warning(
    file: &str,
    line: usize,
    printed: &str,
    letter: &str,
    previous: Option<&Draft>,
) -> Diagnostic {
    let after = previous.map_or("at the start of the list".to_string(), |d| {
        format!("after ({})", d.letter)
    });
    Diagnostic::warning(
        file,
        Some(line),
        format!("OCR letter ({printed}) repaired to ({letter}) (expected ({letter}) {after})"),
    )
}

/// Appends `text` to the current item, starting a new item wherever the
/// next letter of the sequence follows a `;` on the same line
/// (`…; (e) Consider …`).
fn split_run_together(
    file: &str,
    line: usize,
    text: &str,
    drafts: &mut Vec<Draft>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut rest = text;
    loop {
        let Some(current) = drafts.last_mut() else {
            return;
        };
        // Only a `(` can open a run-together item.
        if !rest.contains('(') {
            current.fragments.push(rest.to_string());
            return;
        }
        let expected = super::letters::successors(&current.letter);
        match find_inline_letter(rest, &expected) {
            Some((at, printed, letter, after)) => {
                current.fragments.push(rest[..at].to_string());
                if printed != letter {
                    diagnostics.push(repair_warning(file, line, printed, &letter, Some(current)));
                }
                drafts.push(Draft::new(letter, line));
                rest = &rest[after..];
            }
            None => {
                current.fragments.push(rest.to_string());
                return;
            }
        }
    }
}

/// Position of `; (x) Capital…` where `x` is a letter due: returns (end of
/// the text before, printed letter, letter, start of the new text).
fn find_inline_letter<'a>(
    text: &'a str,
    expected: &[String],
) -> Option<(usize, &'a str, String, usize)> {
    if expected.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(found) = text[from..].find('(') {
        let open = from + found;
        from = open + 1;
        // A bold letter's markers or an invisible character may stand
        // between the `;` and the `(`.
        let before = text[..open].trim_end_matches(|c: char| {
            c.is_whitespace() || c == '*' || super::clean::is_invisible(c)
        });
        // An item ends with `;` (`; and`, `; or`), or with a full stop when
        // its author ended each so.
        if !(super::clean::ends_an_item(before) || before.ends_with('.')) {
            continue;
        }
        let Some((printed, rest)) = lettered_start(&text[open..]) else {
            continue;
        };
        let Some(letter) = resolve(printed, expected, None).filter(|l| expected.contains(l)) else {
            continue;
        };
        // Its text opens with a capital, or on the next line when the
        // letter ends this one.
        let rest_trimmed = rest.trim();
        if !(rest_trimmed.is_empty() || rest_trimmed.starts_with(|c: char| c.is_uppercase())) {
            continue;
        }
        let after = text.len() - rest.len();
        return Some((before.len(), printed, letter, after));
    }
    None
}

fn finish(
    file: &str,
    drafts: Vec<Draft>,
    hyphenated: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Lettered> {
    let mut items = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let fragments: Vec<Cow<str>> = draft
            .fragments
            .iter()
            .map(|f| strip_markup_inline(f))
            .collect();
        let mut text = join_fragments(&fragments, hyphenated);
        let ends_with_full_stop = text.ends_with('.');
        // The list end is cut off the end only, so the text keeps its start.
        text.truncate(super::clean::strip_list_end(&text).len());
        if text.chars().all(|c| !c.is_alphanumeric()) {
            diagnostics.push(Diagnostic::warning(
                file,
                Some(draft.line),
                format!("recommendation ({}) has no text; it is left out (expected text after the letter)", draft.letter),
            ));
            continue;
        }
        items.push(Lettered {
            letter: draft.letter,
            line: draft.line,
            text,
            ends_with_full_stop,
        });
    }
    if let Some(last) = items.last() {
        if !last.ends_with_full_stop {
            diagnostics.push(Diagnostic::warning(
                file,
                Some(last.line),
                format!(
                    "last recommendation ({}) lacks its final '.'; the report may be truncated (expected the list to end with a full stop)",
                    last.letter
                ),
            ));
        }
    }
    items
}

/// Markup inside a fragment (bold, italics), keeping the words.
fn strip_markup_inline(fragment: &str) -> Cow<'_, str> {
    let normalised = super::clean::normalise_chars(fragment);
    match super::clean::strip_emphasis(&normalised) {
        Cow::Borrowed(_) => normalised,
        Cow::Owned(t) => Cow::Owned(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_lines(lines: &[&str], start: usize) -> (Vec<Lettered>, Vec<Diagnostic>) {
        let plain: Vec<Cow<str>> = lines.iter().map(|l| strip_markup(l)).collect();
        read("f", lines, &plain, start, &HashSet::new(), None)
    }

    fn letters(text: &str) -> (String, Vec<Diagnostic>) {
        let lines: Vec<&str> = text.lines().collect();
        let (items, d) = read_lines(&lines, 0);
        (items.iter().map(|i| i.letter.as_str()).collect(), d)
    }

    /// `(a) Do a;` … up to `last`, one a line.
    fn list_through(last: char) -> String {
        ('a'..=last).map(|c| format!("({c}) Do {c};\n")).collect()
    }

    #[test]
    fn a_one_is_repaired_only_where_l_is_expected() {
        let text = list_through('k') + "(1) Do l.\n";
        let (l, d) = letters(&text);
        assert_eq!(l, "abcdefghijkl");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("(1) repaired to (l)"));
        let (l, _) = letters("(a) Do a;\n(1) Not a letter here.\n");
        assert_eq!(l, "a");
    }

    #[test]
    fn a_letter_due_in_another_style_is_read_with_a_warning() {
        let (l, d) = letters(
            "(a) Do a;\n[b] Do b;\n{c} Do c;\n(d] Do d;\ne - Do e;\nf: Do f;\n<g> Do g;\n(h Do h.\n",
        );
        assert_eq!(l, "abcdefgh");
        let written: Vec<&str> = d
            .iter()
            .map(|d| {
                let m = d.message.strip_prefix("list letter written `").unwrap();
                &m[..m.find('`').unwrap()]
            })
            .collect();
        assert_eq!(written, ["[b]", "{c}", "(d]", "e -", "f:", "<g>", "(h"]);
        assert_eq!(
            d[3].message,
            "list letter written `e -` read as (e) (expected (e) in round brackets)"
        );
        assert_eq!(d[3].line, Some(5));
        // A bracketed number is a reference, not a letter.
        assert_eq!(lettered_start("[1] Ibid."), None);
        assert_eq!(d[0].line, Some(2));
        // Wrapped prose goes on in lower case or with another word.
        for text in [
            "(a) Do a;\n(b) Do b, with\nc and d.\n",
            "(a) Do a;\n(b) Do b, with\nCommission support.\n",
            "(a) Do a;\n(b) Do b, as in\nc) above.\n",
        ] {
            let (l, d) = letters(text);
            assert_eq!(l, "ab", "{text}");
            assert!(d.is_empty(), "{text}: {d:?}");
        }
    }

    #[test]
    fn a_reference_wrapped_to_a_line_start_is_no_item() {
        let (l, d) = letters(
            "(a) Do a;\n(b) Do b, as in subparagraph\n(a) above and paragraphs (b) to\n(d) of resolution 1;\n(c) Do c; and\n(d) Do d.\n",
        );
        assert_eq!(l, "abcd");
        assert!(d.is_empty(), "{d:?}");
        let lines: Vec<&str> = "(a) Do a, as in\n(b) below;\n(b) Do b.\n".lines().collect();
        let (items, _) = read_lines(&lines, 0);
        assert_eq!(items[0].text, "Do a, as in (b) below");
        assert_eq!(lettered_start("(c) below, the"), None);
        assert_eq!(lettered_start("(a) and (b) of"), None);
        assert!(lettered_start("(a) And the rest").is_some());
    }

    #[test]
    fn letters_ocr_reads_as_two_are_repaired_where_due() {
        let text = list_through('l') + "(rn) Do m;\n(n) Do n.\n";
        let (l, d) = letters(&text);
        assert_eq!(l, "abcdefghijklmn");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("(rn) repaired to (m)"),
            "{}",
            d[0].message
        );
        let (l, d) = letters("(a) Do a;\n(b) Do b;\n(cl) Do d?\n");
        assert_eq!(l, "ab", "{d:?}");
    }

    #[test]
    fn a_list_whose_letters_a_converter_dropped_is_read_in_order() {
        let lines: Vec<&str> =
            "Strengthen cooperation\nacross borders;\n\nDevelop protocols; and\nEncourage coordination.\n\n9. Next paragraph."
                .lines()
                .collect();
        let plain: Vec<Cow<str>> = lines.iter().map(|l| strip_markup(l)).collect();
        let (items, d) = read_unlettered("f", &lines, &plain, 0, &HashSet::new());
        let read: Vec<(&str, &str)> = items
            .iter()
            .map(|i| (i.letter.as_str(), i.text.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                ("a", "Strengthen cooperation across borders"),
                ("b", "Develop protocols"),
                ("c", "Encourage coordination")
            ]
        );
        assert_eq!(items[0].line, 1);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .starts_with("no letters before the recommendations: 3 paragraphs"),
            "{}",
            d[0].message
        );
        // Prose, a paragraph in lower case or a list that never ends is no list.
        for text in [
            "The meeting noted this.\n",
            "Strengthen cooperation;\nand then more.\n",
            "Strengthen cooperation;\nDevelop protocols;\n",
        ] {
            let lines: Vec<&str> = text.lines().collect();
            let plain: Vec<Cow<str>> = lines.iter().map(|l| strip_markup(l)).collect();
            let (items, _) = read_unlettered("f", &lines, &plain, 0, &HashSet::new());
            assert!(items.is_empty(), "{text}");
        }
    }

    #[test]
    fn zero_is_o_only_after_n() {
        let mut text = String::new();
        for c in 'a'..='n' {
            text.push_str(&format!("({c}) Do {c};\n"));
        }
        text.push_str("(0) Do o;\n(p) Do p.\n");
        let (l, d) = letters(&text);
        assert_eq!(l, "abcdefghijklmnop");
        assert!(d[0].message.contains("(0) repaired to (o)"));
        let (l, d) = letters("(a) One;\n(0) Two.\n");
        assert_eq!(l, "a");
        assert!(
            d[0].message.contains(
                "(0) does not continue the lettering; kept as text of (a) (expected (b))"
            ),
            "{d:?}"
        );
    }

    #[test]
    fn a_lost_space_after_the_letter_is_tolerated() {
        let (l, _) = letters("(a)Strengthen one;\n(b)Two.\n");
        assert_eq!(l, "ab");
        assert_eq!(lettered_start("(a)b"), None);
    }

    #[test]
    fn run_together_items_are_split_only_in_sequence() {
        let (l, _) = letters("(a) One; (b) Two; (d) Not four.\n");
        assert_eq!(l, "ab");
        let lines = ["(a) One; **(b)** Two; \u{200b}(c) Three."];
        let texts: Vec<String> = read_lines(&lines, 0)
            .0
            .into_iter()
            .map(|i| i.text)
            .collect();
        assert_eq!(texts, ["One", "Two", "Three"]);
        let lines = ["(a) One; (b) Two."];
        let (items, _) = read_lines(&lines, 0);
        assert_eq!(items[0].text, "One");
        assert_eq!(items[1].text, "Two");
    }

    #[test]
    fn another_report_header_ends_the_list() {
        let (l, d) = letters("(a) One;\n(b) Two.\nDistr.: Limited\nEuropean Regional Preparatory Meeting\n(a) Again;\n(b) Again.");
        assert_eq!(l, "ab");
        assert!(
            d[0].message
                .starts_with("2 lettered item(s) from here on are not read"),
            "{d:?}"
        );
        assert_eq!(d[0].line, Some(5));
    }

    #[test]
    fn bold_items_do_not_end_the_list() {
        let (l, d) = letters("**(a) One;**\n**(b) Two.**\n");
        assert_eq!(l, "ab");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_list_may_start_on_the_line_of_its_introduction() {
        let lines = [
            "17. The following were identified: (a) One; (b) Two;",
            "(c) Three.",
        ];
        let (items, d) = read_lines(&lines, 1);
        let letters: String = items.iter().map(|i| i.letter.as_str()).collect();
        assert_eq!(letters, "abc");
        assert_eq!((items[0].line, items[2].line), (1, 2));
        assert_eq!(items[0].text, "One");
        assert!(d.is_empty(), "{d:?}");
    }

    fn list_of(letters: &[String]) -> String {
        let last = letters.len() - 1;
        letters
            .iter()
            .enumerate()
            .map(|(i, l)| format!("({l}) Do {l}{}\n", if i == last { "." } else { ";" }))
            .collect()
    }

    #[test]
    fn lettering_goes_on_past_z_in_both_schemes() {
        use crate::ingest::letters::{letter_at, Scheme};
        for scheme in [Scheme::Doubled, Scheme::Counted] {
            let letters: Vec<String> = (1..=1000).map(|n| letter_at(n, scheme)).collect();
            let lines_text = list_of(&letters);
            let lines: Vec<&str> = lines_text.lines().collect();
            let (items, d) = read_lines(&lines, 0);
            assert!(d.is_empty(), "{scheme:?}: {:?}", &d[..d.len().min(3)]);
            let read: Vec<&str> = items.iter().map(|i| i.letter.as_str()).collect();
            assert_eq!(read, letters, "{scheme:?}");
            assert_eq!(items[26].text, "Do aa");
        }
    }

    #[test]
    fn sub_items_stay_in_their_recommendation() {
        let text = "(a) One;\n(b) Two;\n(c) Develop guidance on the following:\n(i) first;\n(ii) second;\n(iii) third;\n(d) Four.\n";
        let lines: Vec<&str> = text.lines().collect();
        let (items, d) = read_lines(&lines, 0);
        let letters: Vec<&str> = items.iter().map(|i| i.letter.as_str()).collect();
        assert_eq!(letters, ["a", "b", "c", "d"]);
        assert_eq!(
            items[2].text,
            "Develop guidance on the following: (i) first; (ii) second; (iii) third"
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn i_after_h_is_a_letter_unless_a_sub_list_follows() {
        let mut text = String::new();
        for c in 'a'..='h' {
            text.push_str(&format!("({c}) Do {c};\n"));
        }
        let plain = format!("{text}(i) Do i;\n(j) Do j.\n");
        let (l, d) = letters(&plain);
        assert_eq!(l, "abcdefghij");
        assert!(d.is_empty(), "{d:?}");
        let sub = text.replace("(h) Do h;", "(h) Do the following:")
            + "(i) first;\n(ii) second;\n(i) Do i;\n(j) Do j.\n";
        let lines: Vec<&str> = sub.lines().collect();
        let (items, d) = read_lines(&lines, 0);
        let l: String = items.iter().map(|i| i.letter.as_str()).collect();
        assert_eq!(l, "abcdefghij");
        assert_eq!(items[7].text, "Do the following: (i) first; (ii) second");
        assert_eq!(items[8].text, "Do i");
        assert!(d.is_empty(), "{d:?}");
        // A sub-list of one: the `(i)` right before the item `(i)` is its.
        let one = text.replace("(h) Do h;", "(h) Do the following:")
            + "(i) only this;\n(i) Do i;\n(j) Do j.\n";
        let lines: Vec<&str> = one.lines().collect();
        let (items, d) = read_lines(&lines, 0);
        let l: String = items.iter().map(|i| i.letter.as_str()).collect();
        assert_eq!(l, "abcdefghij");
        assert_eq!(items[7].text, "Do the following: (i) only this");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn inline_sub_items_go_on_over_lines() {
        let lines = [
            "(a) Develop guidance on: (i) first;",
            "(ii) second;",
            "(b) Two.",
        ];
        let (items, _) = read_lines(&lines, 0);
        let l: String = items.iter().map(|i| i.letter.as_str()).collect();
        assert_eq!(l, "ab");
        assert_eq!(items[0].text, "Develop guidance on: (i) first; (ii) second");
    }

    #[test]
    fn truncated_list_is_reported() {
        let (_, d) = letters("(a) One;\n(b) Two and then");
        assert!(d.iter().any(|d| d.message.contains("lacks its final '.'")));
    }
}
