//! XML character data, one way for every XML the drafts hold (the .docx
//! body and the region × theme matrix in SVG).

/// Text as XML character data: markup characters escaped, carriage returns
/// dropped (LibreOffice trips on them) and characters XML 1.0 does not allow
/// left out, so no report text can break the document.
pub fn escape_into(x: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => x.push_str("&amp;"),
            '<' => x.push_str("&lt;"),
            '>' => x.push_str("&gt;"),
            '"' => x.push_str("&quot;"),
            '\'' => x.push_str("&apos;"),
            '\n' => x.push_str("&#xA;"),
            '\t' => x.push('\t'),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => x.push(c),
        }
    }
}

/// [`escape_into`] a new string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_escaped_and_characters_xml_forbids_are_left_out() {
        assert_eq!(
            super::escape("A & B <c> \"d\" 'e'\u{1}\u{fffe}\tf"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;\tf"
        );
    }
}
