//! Backslash escapes in very long lines, folded before comrak parses the
//! draft for the HTML page and the .docx.
//!
//! The templates escape every Markdown punctuation character a report's
//! text holds (`\>`, `\*`, …). comrak makes two tree nodes of each escape,
//! and its arena keeps them until the parse ends: about half a kilobyte per
//! escaped character, so a recommendation of a few megabytes of punctuation
//! took gigabytes. In a line longer than [`LONG_LINE`], each escape `\X` is
//! replaced before parsing by one private-use character standing for `X`
//! (plain text to comrak, so the line stays one text node), and turned back
//! into `X` in the output. Shorter lines, which is every line of an ordinary
//! draft, are parsed exactly as written. Code spans, raw HTML and link
//! destinations, where a backslash is not an escape or must stay as is,
//! are left untouched, and a draft that already holds one of the stand-in
//! characters is not folded at all.

use std::borrow::Cow;

/// Lines longer than this (in bytes) have their escapes folded.
pub const LONG_LINE: usize = 4096;

/// The stand-in for ASCII character `c` is `STAND_IN_BASE + c`.
const STAND_IN_BASE: u32 = 0xF700;

fn stand_in(c: u8) -> char {
    char::from_u32(STAND_IN_BASE + c as u32).expect("a private-use character")
}

/// The ASCII punctuation character `c` stands for, if it is a stand-in.
fn stood_for(c: char) -> Option<char> {
    let code = (c as u32).checked_sub(STAND_IN_BASE)?;
    u8::try_from(code)
        .ok()
        .filter(u8::is_ascii_punctuation)
        .map(char::from)
}

/// The Markdown with the escapes of its long lines folded (borrowed as is
/// when there is nothing to fold).
#[cfg(test)]
pub fn fold(markdown: &str) -> Cow<'_, str> {
    if !foldable(markdown) {
        return Cow::Borrowed(markdown);
    }
    fold_long_lines(markdown)
}

/// False when the draft already holds a stand-in character: then no part
/// of it is folded.
pub fn foldable(markdown: &str) -> bool {
    !markdown.chars().any(|c| stood_for(c).is_some())
}

/// The escapes of the long lines of a part of a draft found [`foldable`]
/// as a whole folded (borrowed as is when there is nothing to fold).
pub fn fold_long_lines(markdown: &str) -> Cow<'_, str> {
    let long = markdown.split('\n').any(|l| l.len() > LONG_LINE);
    if !long {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    let mut in_fence = false;
    for (i, line) in markdown.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        in_fence ^= fence;
        if line.len() > LONG_LINE && !in_fence && !fence {
            fold_line(line, &mut out);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// Folds the escapes of one line into `out`; a line with a code span is
/// copied as it is (a backslash there is not an escape).
fn fold_line(line: &str, out: &mut String) {
    if line.contains("```") || is_code_line(line) {
        out.push_str(line);
        return;
    }
    let bytes = line.as_bytes();
    let start = out.len();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push_str(&line[copied..i]);
                out.push(stand_in(bytes[i + 1]));
                i += 2;
                copied = i;
            }
            b'`' => {
                out.truncate(start);
                out.push_str(line);
                return;
            }
            // Raw HTML or an autolink: up to its `>`, as written.
            b'<' => i = line[i..].find('>').map_or(bytes.len(), |e| i + e + 1),
            // A link destination: up to its `)`, as written.
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                i = line[i..].find(')').map_or(bytes.len(), |e| i + e + 1)
            }
            _ => i += 1,
        }
    }
    out.push_str(&line[copied..]);
}

/// An indented code line (four spaces or a tab before any text).
fn is_code_line(line: &str) -> bool {
    line.starts_with('\t')
        || line.starts_with("    ") && !line.trim_start().starts_with(['-', '*', '+'])
}

/// Text with every stand-in turned back into its character.
pub fn unfold(text: &str) -> Cow<'_, str> {
    unfold_with(text, |c, out| out.push(c))
}

/// HTML with every stand-in turned back into its character, escaped for
/// HTML where it must be.
pub fn unfold_html(html: &str) -> Cow<'_, str> {
    unfold_with(html, |c, out| match c {
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '&' => out.push_str("&amp;"),
        '"' => out.push_str("&quot;"),
        c => out.push(c),
    })
}

fn unfold_with(text: &str, mut put: impl FnMut(char, &mut String)) -> Cow<'_, str> {
    if !text.chars().any(|c| stood_for(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match stood_for(c) {
            Some(original) => put(original, &mut out),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_left_as_written() {
        let md = "# A\n\nText with \\> and \\*.\n";
        assert!(matches!(fold(md), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_of_long_lines_fold_and_unfold() {
        let line = format!(
            "- <a id=\"rec-x\"></a>**Europe 1 (a)** {} (theme: [6.1 A\\_b](#theme-6-01))",
            "\\> \\* \\\\ ".repeat(LONG_LINE)
        );
        let folded = fold(&line);
        assert!(!folded.contains("\\>") && !folded.contains("\\*"));
        assert!(
            folded.contains("<a id=\"rec-x\"></a>"),
            "raw HTML as written"
        );
        assert!(
            folded.contains("](#theme-6-01)"),
            "link destination as written"
        );
        let expected = line
            .replace("\\>", ">")
            .replace("\\*", "*")
            .replace("\\\\", "\\")
            .replace("\\_", "_");
        assert_eq!(unfold(&folded), expected);
        assert!(unfold_html(&folded).contains("&gt; * \\ "));
    }

    #[test]
    fn a_long_line_with_a_code_span_is_left_as_written() {
        let line = format!("{} `a\\>b`", "x\\> ".repeat(LONG_LINE));
        assert_eq!(fold(&line), line);
    }

    #[test]
    fn a_long_line_in_a_fenced_code_block_is_left_as_written() {
        let md = format!("```\n{}\n```\n", "x\\> ".repeat(LONG_LINE));
        assert_eq!(fold(&md), md);
    }

    #[test]
    fn a_draft_holding_a_stand_in_is_not_folded() {
        let line = format!("{}{}", stand_in(b'>'), "\\> ".repeat(LONG_LINE));
        assert_eq!(fold(&line), line);
    }
}
