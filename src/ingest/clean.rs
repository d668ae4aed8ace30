//! Removes what PDF extraction and Markdown conversion leave in the text:
//! markup, footnote markers, page-break debris, ligatures, odd spaces.

use std::borrow::Cow;
use std::collections::HashSet;

/// Text of a line without Markdown markup: heading hashes, list bullets,
/// bold/italic asterisks and footnote markers. Borrows from `line` when
/// only trimming is needed, as for most lines.
pub fn strip_markup(line: &str) -> Cow<'_, str> {
    if is_plain_text(line) {
        return strip_line_markup(line);
    }
    let normalised = normalise_chars(line);
    let without_notes = remove_footnote_markers(&normalised);
    Cow::Owned(strip_line_markup(&without_notes).into_owned())
}

/// Heading hashes, a bullet and asterisks removed from clean text.
fn strip_line_markup(s: &str) -> Cow<'_, str> {
    let mut s = s.trim();
    s = s.trim_start_matches('#').trim_start();
    s = strip_bullet(s);
    match strip_emphasis(s) {
        Cow::Owned(t) => Cow::Owned(t.trim().to_string()),
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
    }
}

/// Markdown emphasis markers (`*`, `**`) removed where they are markup: a
/// run of asterisks that opens or closes a word (space or line edge on one
/// side only). Asterisks inside a word or between spaces (`24*7`, `2 * 3`)
/// are text and are kept.
pub fn strip_emphasis(s: &str) -> Cow<'_, str> {
    if !has_byte(s, b'*') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut kept_from = 0;
    while i < bytes.len() {
        if bytes[i] != b'*' {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < bytes.len() && bytes[i] == b'*' {
            i += 1;
        }
        let before = s[..run_start].chars().next_back();
        let after = s[i..].chars().next();
        let open_side = |c: Option<char>| c.is_none_or(|c| c.is_whitespace());
        let word_side = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
        let opens = open_side(before) && word_side(after);
        let closes = word_side(before) && open_side(after);
        // Between punctuation and a word (`(a)**Text`, `**(a)`) a run is
        // markup too; between two letters or digits it is text.
        let glued = word_side(before)
            && word_side(after)
            && !(before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric));
        let alone = before.is_none() && after.is_none();
        if opens || closes || glued || alone {
            out.push_str(&s[kept_from..run_start]);
            kept_from = i;
        }
    }
    if kept_from == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[kept_from..]);
    Cow::Owned(out)
}

/// Drops a leading `- ` or `* ` list bullet (one level).
pub fn strip_bullet(s: &str) -> &str {
    let t = trim_start_invisible(s);
    let mut chars = t.chars();
    let first = chars.next();
    let rest = chars.as_str();
    // Word's second-level bullet is a letter `o`: only before a tab or a
    // bracketed letter.
    let letter_o = first == Some('o')
        && (rest.starts_with('\t')
            || (rest.starts_with(char::is_whitespace) && rest.trim_start().starts_with('(')));
    let is_bullet = first.is_some_and(is_bullet) || letter_o;
    // Any space after it: Word pastes a tab (`•\t(a)`), converters a
    // figure or no-break space.
    if is_bullet && rest.starts_with(char::is_whitespace) {
        return trim_start_invisible(rest);
    }
    t
}

/// What opens a list item before its letter: Markdown's `-`, `*`, `+` and
/// quotation mark `>`; dashes and minus signs; and any other sign that is
/// no letter, digit, bracket or quotation mark: the bullets of word
/// processors and mail programs (`•`, `·`, `▪`, `■`, `➢`, `✓`, `♦`), and
/// the private characters of the Symbol and Wingdings fonts, which
/// copy-paste from Word keeps (`\u{f0b7}`, `\u{f0a7}`, `\u{f0d8}`).
pub fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '-' | '*' | '+' | '>' | '–' | '—' | '\u{2010}' | '\u{2011}' | '\u{2212}'
    ) || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || (!c.is_ascii()
            && !c.is_alphanumeric()
            && !c.is_whitespace()
            && !is_invisible(c)
            && !"“‘«„‚‹¿¡（［｛〔【「『§¶©®".contains(c))
}

/// `s` without the spaces and the invisible characters (zero-width space,
/// byte-order mark, word joiner) before its first visible one.
pub fn trim_start_invisible(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

/// Most lines one footnote's text is wrapped over, wherever a note is read.
pub const MAX_NOTE_LINES: usize = 4;

/// Zero-width space, byte-order mark, word joiner: characters that take
/// no room on the page.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
}

/// `s` in lower case (full Unicode rules), borrowed when it has no
/// capital to change.
pub fn lowercase(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Printable ASCII: what [`normalise_chars`] leaves as it is.
fn is_plain_ascii(s: &str) -> bool {
    // A fold without early exit, which the compiler vectorises: lines are
    // short and nearly always plain.
    s.bytes()
        .fold(true, |plain, b| plain & is_printable_ascii(b))
}

fn is_printable_ascii(b: u8) -> bool {
    b.wrapping_sub(0x20) < 0x5f
}

/// Printable ASCII without `<` or `[`, so without footnote markers either:
/// text that only markup stripping can change.
fn is_plain_text(s: &str) -> bool {
    s.bytes().fold(true, |plain, b| {
        plain & is_printable_ascii(b) & (b != b'<') & (b != b'[')
    })
}

/// A `<sup>` or `[^` footnote marker, found without building a substring
/// searcher for the many lines that hold neither `<` nor `[`.
fn has_footnote_marker(s: &str) -> bool {
    let (angle, square) = s.bytes().fold((false, false), |(angle, square), b| {
        (angle | (b == b'<'), square | (b == b'['))
    });
    (angle && s.contains("<sup>")) || (square && s.contains("[^"))
}

/// Whether `s` holds the byte `b`: a fold the compiler vectorises, quicker
/// than a `memchr` call on lines this short.
pub fn has_byte(s: &str, b: u8) -> bool {
    s.bytes().fold(false, |found, c| found | (c == b))
}

/// Ligatures, no-break and other odd spaces, soft hyphens: replaced by what
/// a reader sees.
pub fn normalise_chars(s: &str) -> Cow<'_, str> {
    // Fast path for the common case: printable ASCII needs no change.
    if is_plain_ascii(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\t' => out.push(' '),
            // Hyphens Word and typesetters use (non-breaking, typographic)
            // and a minus sign set for one.
            '\u{2010}' | '\u{2011}' | '\u{2212}' => out.push('-'),
            '\u{00AD}' => {}
            c if is_invisible(c) => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

const SUPERSCRIPT_DIGITS: [char; 10] = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];

/// Removes `<sup>…</sup>` markers and superscript digits.
pub fn remove_footnote_markers(s: &str) -> Cow<'_, str> {
    if !has_footnote_marker(s) && (s.is_ascii() || !s.contains(SUPERSCRIPT_DIGITS)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("<sup>") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</sup>") {
            Some(end) => rest = &rest[start + end + "</sup>".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let mut out = remove_markdown_footnote_refs(out);
    if out.is_ascii() {
        return Cow::Owned(out);
    }
    out.retain(|c| !SUPERSCRIPT_DIGITS.contains(&c));
    Cow::Owned(out)
}

/// Removes Markdown footnote references such as `[^1]`.
fn remove_markdown_footnote_refs(s: String) -> String {
    if !s.contains("[^") {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(start) = rest.find("[^") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find(']') {
            Some(end) if end <= 10 && !after[..end].contains(char::is_whitespace) => {
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("[^");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// True for a line that carries no report text: page-break rules, running
/// headers and footers, page numbers, job numbers, footnote bodies.
pub fn is_debris(raw: &str) -> bool {
    // Debris lines are short, except rules and footnote bodies.
    let head = raw.trim_start();
    if head.len() > 200
        && !head.starts_with(['<', '[', '-', '=', '_', '*'])
        && !head.starts_with(['¹', '²', '³'])
    {
        return false;
    }
    let t = normalise_chars(raw);
    let t = t.trim();
    if t.is_empty() {
        return true;
    }
    if t.starts_with("<sup>")
        || t.starts_with("[^")
        || t.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'])
    {
        return true;
    }
    let plain = if has_byte(t, b'_') {
        Cow::Owned(strip_emphasis(t).replace('_', ""))
    } else {
        strip_emphasis(t)
    };
    let plain = plain.trim();
    if plain.is_empty() || plain.chars().all(|c| c == '-' || c == '=' || c == ' ') {
        return true;
    }
    if is_boilerplate(plain) {
        return true;
    }
    if is_page_line(plain) {
        return true;
    }
    // Running headers and footers: symbol, job number, page number, alone
    // or together on one line.
    plain.split_whitespace().all(|w| {
        w == "(E)" || w == "Page" || is_page_number(w) || is_document_symbol(w) || is_job_number(w)
    })
}

/// Lines printed on every UN document: "Please recycle", "English only"…
const BOILERPLATE: [&str; 4] = [
    "please recycle",
    "english only",
    "general assembly",
    "united nations",
];

/// One of the [`BOILERPLATE`] lines, in any case, with any recycling marks.
fn is_boilerplate(plain: &str) -> bool {
    // Only an ASCII letter lower-cases to an ASCII letter, so a line whose
    // first character starts no boilerplate line is not one; most lines
    // end here without being lower-cased.
    let Some(first) = plain.chars().next() else {
        return false;
    };
    let first = first.to_ascii_lowercase();
    if !BOILERPLATE.iter().any(|p| p.starts_with(first)) {
        return false;
    }
    let lower = plain.to_lowercase();
    BOILERPLATE
        .iter()
        .any(|p| lower == *p || lower.trim_end_matches(['♲', ' ']) == *p)
}

/// A page number as word processors print it: `- 5 -`, `– 5 –`, `Page 5
/// of 9`.
fn is_page_line(plain: &str) -> bool {
    let words: Vec<&str> = plain.split_whitespace().collect();
    let dash = |w: &str| matches!(w, "-" | "–" | "—");
    match words.as_slice() {
        [a, n, b] => dash(a) && is_page_number(n) && dash(b),
        [one] => one
            .strip_prefix(['-', '–', '—'])
            .and_then(|r| r.strip_suffix(['-', '–', '—']))
            .is_some_and(is_page_number),
        [page, n, of, m] => {
            page.eq_ignore_ascii_case("page")
                && is_page_number(n)
                && of.eq_ignore_ascii_case("of")
                && is_page_number(m)
        }
        _ => false,
    }
}

fn is_page_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit())
}

/// `A/CONF.248/RPM.4/L.1/Add.2` and similar, alone on a line.
fn is_document_symbol(s: &str) -> bool {
    !s.contains(' ')
        && s.matches('/').count() >= 2
        && s.starts_with(|c: char| c.is_ascii_uppercase())
}

/// `V.25-01234` or `25-01234 (E)`: the job number printed on each page.
fn is_job_number(s: &str) -> bool {
    let s = s.trim_end_matches("(E)").trim();
    let s = match s.split_once('.') {
        Some((prefix, rest))
            if prefix.len() == 1 && prefix.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            rest
        }
        _ => s,
    };
    match s.split_once('-') {
        Some((a, b)) => {
            a.len() == 2
                && (4..=6).contains(&b.len())
                && a.chars().all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// What a document says about the words it breaks at a hyphen ending a
/// line: the lower-cased words it writes with an inner hyphen elsewhere
/// (`cyber-enabled`) and, of the words on either side of such a break,
/// those it writes elsewhere as words of their own (`enabled`, or the
/// joined `organized`). [`join_fragments`] keeps the hyphen of
/// `cyber-|enabled` and drops that of `organ-|ized` by them.
pub fn hyphenated_words(text: &str) -> HashSet<String> {
    let mut words = compound_words(text);
    let breaks = line_end_breaks(text);
    if breaks.is_empty() {
        return words;
    }
    let mut wanted: HashSet<String> = HashSet::new();
    for (stem, first) in &breaks {
        wanted.insert(first.to_lowercase());
        wanted.insert(format!("{stem}{first}").to_lowercase());
    }
    let mut after_break = false;
    for line in text.lines() {
        let t = line.trim();
        let mut pieces = t
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty());
        // The word carried over a break is not evidence for itself.
        if after_break {
            pieces.next();
        }
        for piece in pieces {
            for word in std::iter::once(piece.trim_matches('-')).chain(piece.split('-')) {
                let lower = lowercase(word);
                if !word.is_empty() && wanted.contains(lower.as_ref()) {
                    words.insert(lower.into_owned());
                }
            }
        }
        after_break = ends_with_break(t);
    }
    words
}

/// A line ending in a letter and a hyphen: a word may be broken there.
fn ends_with_break(line: &str) -> bool {
    line.strip_suffix('-')
        .is_some_and(|head| head.ends_with(|c: char| c.is_alphabetic()))
}

/// (word before, word after) of every hyphen ending a line before a line
/// that opens in lower case.
fn line_end_breaks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(before) = previous.filter(|p| ends_with_break(p)) {
            if t.starts_with(|c: char| c.is_lowercase()) {
                let head = &before[..before.len() - 1];
                let stem = head
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                let first: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
                out.push((stem.to_string(), first));
            }
        }
        previous = Some(t);
    }
    out
}

/// Lower-cased words written with an inner hyphen somewhere in a document.
fn compound_words(text: &str) -> HashSet<String> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut words = HashSet::new();
    let mut next_from = 0;
    // Visit each hyphen once, widening to its word; linear in the text.
    for (at, _) in text.match_indices('-') {
        if at < next_from {
            continue;
        }
        let start = text[..at].rfind(|c: char| !is_word(c)).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let end = text[at..]
            .find(|c: char| !is_word(c))
            .map_or(text.len(), |i| at + i);
        next_from = end;
        let word = text[start..end].trim_matches('-');
        if word.contains('-') {
            words.insert(word.to_lowercase());
        }
    }
    words
}

/// Prefixes English (and UN editorial style) always writes with a hyphen:
/// `non-governmental`, `self-assessment`, `cross-border`.
const HYPHENATED_PREFIXES: [&str; 4] = ["non", "self", "cross", "quasi"];

/// Second parts that make an English compound (`evidence-based`,
/// `high-level`, `people-centred`, `gender-sensitive`, and in UN style
/// `follow-up`, `well-being`, `money-laundering`, `multi-stakeholder`,
/// `inter-agency`, `ever-changing`, `public-private`, `anti-corruption`,
/// `counter-terrorism`): a line-end hyphen
/// before one of them is the compound's own, whereas hyphenation for the
/// line breaks a word at a syllable, which is none of these.
const COMPOUND_HEADS: [&str; 32] = [
    "up",
    "private",
    "trafficking",
    "corruption",
    "terrorism",
    "being",
    "laundering",
    "stakeholder",
    "stakeholders",
    "agency",
    "changing",
    "based",
    "level",
    "centred",
    "centered",
    "related",
    "specific",
    "sensitive",
    "oriented",
    "led",
    "driven",
    "making",
    "building",
    "term",
    "scale",
    "wide",
    "friendly",
    "free",
    "bound",
    "sharing",
    "enabled",
    "dependent",
];

/// Joins wrapped fragments into one paragraph: single spaces, and a word
/// split by a line-end hyphen rejoined unless the document writes it with a
/// hyphen elsewhere.
pub fn join_fragments(fragments: &[impl AsRef<str>], hyphenated: &HashSet<String>) -> String {
    let mut out = String::new();
    for fragment in fragments {
        let fragment = fragment.as_ref().trim();
        if fragment.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(fragment);
            continue;
        }
        let broken = out.ends_with('-')
            && out[..out.len() - 1].ends_with(|c: char| c.is_alphabetic())
            && fragment.starts_with(|c: char| c.is_lowercase());
        if broken {
            let head = &out[..out.len() - 1];
            let stem_start = head
                .char_indices()
                .rev()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let stem = &out[stem_start..out.len() - 1];
            let first_word: String = fragment
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            let compound = format!("{stem}-{first_word}").to_lowercase();
            let joined = format!("{stem}{first_word}").to_lowercase();
            let head = first_word.to_lowercase();
            let keep = hyphenated.contains(&compound)
                || (!hyphenated.contains(&joined)
                    && (COMPOUND_HEADS.contains(&head.as_str())
                        || (first_word.chars().count() > 2
                            && (hyphenated.contains(&head)
                                || HYPHENATED_PREFIXES.contains(&stem.to_lowercase().as_str())))));
            if !keep {
                out.pop();
            }
            out.push_str(fragment);
        } else {
            out.push(' ');
            out.push_str(fragment);
        }
    }
    collapse_spaces(out)
}

/// Runs of whitespace as one space, none at the ends.
pub fn collapse_spaces(s: String) -> String {
    if has_single_spaces_only(&s) {
        return s;
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ASCII text whose words are parted by single spaces, none at the ends:
/// text [`collapse_spaces`] would not change.
fn has_single_spaces_only(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Folds without early exit, which the compiler vectorises.
    let plain = bytes.iter().fold(true, |plain, &b| {
        plain & b.is_ascii() & (b != b'\t') & (b != b'\n') & (b != b'\r')
    });
    let double_space = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    plain && !double_space
}

/// Whether `s` (trailing spaces trimmed) ends as a list item before the
/// last does: `;`, `; and`, `; or`.
pub fn ends_an_item(s: &str) -> bool {
    s.ends_with(';') || s.ends_with("; and") || s.ends_with("; or")
}

/// Removes the list punctuation ending a recommendation: `;`, `; and`, `; or`, `.`.
pub fn strip_list_end(s: &str) -> &str {
    let mut t = s.trim_end();
    if let Some(rest) = t.strip_suffix(" and").or_else(|| t.strip_suffix(" or")) {
        if rest.trim_end().ends_with([';', ',']) {
            t = rest.trim_end();
        }
    }
    t.trim_end_matches([';', '.', ',', ' '])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_notes_are_removed() {
        assert_eq!(
            strip_markup("### **Outcome of deliberations**"),
            "Outcome of deliberations"
        );
        assert_eq!(
            strip_markup("Union,<sup>1</sup> in her\u{a0}capacity"),
            "Union, in her capacity"
        );
        assert_eq!(
            strip_markup(" - (a) Strengthen ﬁnancial"),
            "(a) Strengthen financial"
        );
    }

    #[test]
    fn asterisks_are_removed_only_where_they_are_markup() {
        assert_eq!(strip_markup("**(a)** Work 24*7;"), "(a) Work 24*7;");
        assert_eq!(
            strip_markup("2 * 3 and *this* and **that**"),
            "2 * 3 and this and that"
        );
        assert_eq!(strip_emphasis("*(b)*Text"), "(b)Text");
        assert_eq!(strip_emphasis("a 2*3 grid"), "a 2*3 grid");
    }

    #[test]
    fn debris_lines_are_recognised() {
        for line in [
            "Please recycle",
            "---",
            "A/CONF.248/RPM.4/L.1/Add.2",
            "V.25-01234",
            "12",
            "English only",
            "<sup>1</sup> Also on behalf",
        ] {
            assert!(is_debris(line), "{line}");
        }
        for line in ["(a) Strengthen", "in order to increase", "2025 was a year"] {
            assert!(!is_debris(line), "{line}");
        }
    }

    #[test]
    fn line_end_hyphens_are_rejoined_but_real_hyphens_kept() {
        let doc = "cyber-enabled crimes";
        let words = hyphenated_words(doc);
        let joined = join_fragments(
            &["to counter cyber-", "enabled and organ-", "ized crime"],
            &words,
        );
        assert_eq!(joined, "to counter cyber-enabled and organized crime");
    }

    #[test]
    fn a_compound_broken_at_a_line_end_keeps_its_hyphen_when_its_parts_are_words() {
        let doc =
            "adjudicate cyber-\nenabled crimes\nwhere crime is enabled by organ-\nized groups";
        let words = hyphenated_words(doc);
        assert_eq!(
            join_fragments(&["adjudicate cyber-", "enabled crimes"], &words),
            "adjudicate cyber-enabled crimes"
        );
        assert_eq!(
            join_fragments(&["by organ-", "ized groups"], &words),
            "by organized groups"
        );
    }

    /// A compound's second part tells a compound (`evidence-based`) from a
    /// word hyphenated for the line (`extra-dition`), with no help from
    /// the rest of the document.
    #[test]
    fn a_compound_head_keeps_the_hyphen_a_syllable_does_not() {
        let none = HashSet::new();
        for (head, tail, joined) in [
            (
                "develop evidence-",
                "based guidance",
                "develop evidence-based guidance",
            ),
            ("a high-", "level meeting", "a high-level meeting"),
            ("people-", "centred tools", "people-centred tools"),
            ("improve ex-", "tradition", "improve extradition"),
            ("ex-", "acerbate", "exacerbate"),
            ("inter-", "agency work", "inter-agency work"),
            ("counter money-", "laundering", "counter money-laundering"),
            ("ensure follow-", "up", "ensure follow-up"),
            ("well-", "being", "well-being"),
            ("public-", "private", "public-private"),
            ("set-", "ting", "setting"),
            ("inter-", "national", "international"),
        ] {
            assert_eq!(join_fragments(&[head, tail], &none), joined);
        }
    }

    #[test]
    fn a_multibyte_character_before_a_broken_word_is_kept_whole() {
        let joined = join_fragments(&["a \u{fffd}ly-", "wrapped"], &HashSet::new());
        assert_eq!(joined, "a \u{fffd}lywrapped");
        let joined = join_fragments(&["nati o\u{97}ly-", "-", "x"], &HashSet::new());
        assert!(joined.starts_with("nati o"));
    }

    #[test]
    fn list_endings_are_stripped() {
        assert_eq!(strip_list_end("design; and"), "design");
        assert_eq!(strip_list_end("crime;"), "crime");
        assert_eq!(strip_list_end("threats."), "threats");
    }
}
