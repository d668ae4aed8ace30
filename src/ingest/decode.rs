//! Bytes to text: detects byte-order marks, binary data and legacy 8-bit
//! encodings, and normalises line endings so that line numbers are stable.

use crate::model::Diagnostic;

/// Decoded text of one file, or the reason it cannot be used as text.
pub enum Decoded {
    Text(String, Vec<Diagnostic>),
    Unusable(Diagnostic),
}

/// Decodes `bytes` read from `file`. UTF-8 (with or without BOM) and UTF-16
/// with a BOM are decoded silently; anything else that is not UTF-8 is read
/// as Windows-1252 (a superset of Latin-1 for printable text) with a warning.
pub fn decode(file: &str, bytes: &[u8]) -> Decoded {
    let mut notes = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(e) => return windows_1252(file, rest, e.valid_up_to()),
        }
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes[2..]);
        if had_errors {
            notes.push(Diagnostic::warning(
                file,
                None,
                format!(
                    "invalid {} sequences replaced by U+FFFD (expected well-formed UTF-16)",
                    encoding.name()
                ),
            ));
        }
        text.into_owned()
    } else if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Decoded::Unusable(Diagnostic::error(
            file,
            Some(line_of_offset(bytes, offset)),
            format!(
                "binary data (NUL byte at offset {offset}); expected a text report (UTF-8, UTF-16 with BOM or Windows-1252)"
            ),
        ));
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => return windows_1252(file, bytes, e.valid_up_to()),
        }
    };
    Decoded::Text(normalise_line_endings(text), notes)
}

fn windows_1252(file: &str, bytes: &[u8], bad_offset: usize) -> Decoded {
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    let warning = Diagnostic::warning(
        file,
        Some(line_of_offset(bytes, bad_offset)),
        "not valid UTF-8; decoded as Windows-1252 (expected UTF-8 text)",
    );
    Decoded::Text(normalise_line_endings(text.into_owned()), vec![warning])
}

/// 1-based line holding byte `offset`, counting CRLF, CR and LF as one break.
fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let head = &bytes[..offset.min(bytes.len())];
    let mut line = 1;
    let mut i = 0;
    while i < head.len() {
        match head[i] {
            b'\n' => line += 1,
            b'\r' if head.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
        i += 1;
    }
    line
}

/// CRLF and lone CR become LF, so every platform's file gives the same lines.
pub fn normalise_line_endings(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decoded) -> (String, usize) {
        match d {
            Decoded::Text(t, n) => (t, n.len()),
            Decoded::Unusable(d) => panic!("unexpected: {d}"),
        }
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Vienna\r\né".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(text(decode("f", &bytes)), ("Vienna\né".to_string(), 0));
    }

    #[test]
    fn latin1_is_decoded_with_a_warning() {
        let (t, notes) = text(decode("f", b"ok\nSan Jos\xe9"));
        assert_eq!(t, "ok\nSan José");
        assert_eq!(notes, 1);
    }

    #[test]
    fn nul_bytes_are_binary() {
        match decode("f", b"abc\n\x00\x01") {
            Decoded::Unusable(d) => {
                assert_eq!(d.line, Some(2));
                assert!(d.message.contains("binary"));
            }
            Decoded::Text(..) => panic!("binary accepted"),
        }
    }

    #[test]
    fn cr_and_crlf_become_lf() {
        assert_eq!(normalise_line_endings("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }
}
