//! Bytes to text: detects byte-order marks, binary data and legacy 8-bit
//! encodings, and normalises line endings so that line numbers are stable.

use crate::model::Diagnostic;
use std::borrow::Cow;

/// Decoded text of one file, or the reason it cannot be used as text.
pub enum Decoded {
    Text(String, Vec<Diagnostic>),
    Unusable(Diagnostic),
}

/// Decodes `bytes` read from `file`. UTF-8 (with or without BOM) and UTF-16
/// with a BOM are decoded silently; anything else that is not UTF-8 is read
/// as Windows-1252 (a superset of Latin-1 for printable text) with a warning.
/// Owned UTF-8 bytes (nearly every file) become the text without a copy.
pub fn decode(file: &str, owned_bytes: Cow<'_, [u8]>) -> Decoded {
    let bytes: &[u8] = &owned_bytes;
    let mut notes = Vec::new();
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Decoded::Unusable(Diagnostic::error(
            file,
            None,
            "UTF-32 text is not read (expected UTF-8, UTF-16 with a BOM or Windows-1252)",
        ));
    }
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
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        notes.push(Diagnostic::warning(
            file,
            None,
            format!(
                "no byte-order mark; decoded as {} (expected UTF-8, or UTF-16 with a BOM)",
                encoding.name()
            ),
        ));
        text.into_owned()
    } else if let Some(offset) = first_nul(bytes) {
        if is_mostly_binary(bytes) {
            return Decoded::Unusable(Diagnostic::error(
                file,
                Some(line_of_offset(bytes, offset)),
                format!(
                    "binary data (NUL byte at offset {offset}); expected a text report (UTF-8, UTF-16 with BOM or Windows-1252)"
                ),
            ));
        }
        // A few stray NUL bytes in a text file (a bad copy, a truncated
        // write) are dropped with a warning; the rest is read.
        let count = bytecount_nul(bytes);
        notes.push(Diagnostic::warning(
            file,
            Some(line_of_offset(bytes, offset)),
            format!("{count} NUL byte(s) removed, the first at offset {offset} (expected text without control bytes)"),
        ));
        let cleaned: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
        match String::from_utf8(cleaned) {
            Ok(s) => s,
            Err(e) => {
                let valid_up_to = e.utf8_error().valid_up_to();
                return with_notes(windows_1252(file, e.as_bytes(), valid_up_to), notes);
            }
        }
    } else {
        match String::from_utf8(owned_bytes.into_owned()) {
            Ok(s) => s,
            Err(e) => {
                let valid_up_to = e.utf8_error().valid_up_to();
                return windows_1252(file, e.as_bytes(), valid_up_to);
            }
        }
    };
    Decoded::Text(normalise_line_endings(text), notes)
}

/// A file is binary, not text with a stray byte, when it holds more than
/// one NUL or other control byte that text never holds, and more than one
/// in a hundred of its bytes is one.
fn is_mostly_binary(bytes: &[u8]) -> bool {
    let odd = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    odd > 1 && odd * 100 > bytes.len()
}

fn bytecount_nul(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == 0).count()
}

/// `decoded` with `notes` made before it in front of its own.
fn with_notes(decoded: Decoded, mut notes: Vec<Diagnostic>) -> Decoded {
    match decoded {
        Decoded::Text(text, more) => {
            notes.extend(more);
            Decoded::Text(text, notes)
        }
        unusable => unusable,
    }
}

/// Offset of the first NUL byte, found with a fast scan (`contains` on
/// bytes uses `memchr`) since text files have none.
fn first_nul(bytes: &[u8]) -> Option<usize> {
    if !bytes.contains(&0) {
        return None;
    }
    bytes.iter().position(|&b| b == 0)
}

/// Text that is not all UTF-8: valid UTF-8 runs are kept (a file may mix
/// both), every invalid byte is read as Windows-1252.
fn windows_1252(file: &str, bytes: &[u8], bad_offset: usize) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let bad = chunk.invalid();
        if !bad.is_empty() {
            invalid += bad.len();
            let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(bad);
            text.push_str(&decoded);
        }
    }
    let warning = Diagnostic::warning(
        file,
        Some(line_of_offset(bytes, bad_offset)),
        format!("not valid UTF-8; {invalid} byte(s) from here on decoded as Windows-1252 (expected UTF-8 text)"),
    );
    Decoded::Text(normalise_line_endings(text), vec![warning])
}

/// UTF-16 without a byte-order mark: an even length with NUL bytes only in
/// the high byte of each unit and mostly ASCII text, as written by some
/// Windows tools.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    // Most units must hold a NUL byte: a sample without one is not UTF-16.
    if !sample.contains(&0) {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let units = sample.len() / 2;
    if odd * 10 >= units * 7 && even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= units * 7 && odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
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
    let text = compose_accents(text);
    // The Unicode line and paragraph separators are line ends too.
    let text = if text.contains(['\u{2028}', '\u{2029}']) {
        text.replace(['\u{2028}', '\u{2029}'], "\n")
    } else {
        text
    };
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Letters written as a base and a combining accent (Unicode NFD, as Mac
/// file systems and some PDFs give them) composed into one (NFC).
fn compose_accents(text: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Combining diacritical marks (U+0300 to U+036F) start with these
    // bytes in UTF-8; text without them is left as it is.
    if !text.bytes().any(|b| b == 0xCC || b == 0xCD) {
        return text;
    }
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_bytes(file: &str, bytes: &[u8]) -> Decoded {
        decode(file, Cow::Borrowed(bytes))
    }

    fn text(d: Decoded) -> (String, usize) {
        match d {
            Decoded::Text(t, n) => (t, n.len()),
            Decoded::Unusable(d) => panic!("unexpected: {d}"),
        }
    }

    #[test]
    fn accents_are_composed_and_unicode_line_separators_end_lines() {
        assert_eq!(
            normalise_line_endings("Tu\u{308}rkiye\u{2028}Co\u{302}te\u{2029}x".to_string()),
            "Türkiye\nCôte\nx"
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Vienna\r\né".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            text(decode_bytes("f", &bytes)),
            ("Vienna\né".to_string(), 0)
        );
    }

    #[test]
    fn latin1_is_decoded_with_a_warning() {
        let (t, notes) = text(decode_bytes("f", b"ok\nSan Jos\xe9"));
        assert_eq!(t, "ok\nSan José");
        assert_eq!(notes, 1);
    }

    #[test]
    fn mixed_utf8_and_latin1_keeps_both() {
        let (t, _) = text(decode_bytes(
            "f",
            "21–23 January, San Jos"
                .bytes()
                .chain([0xe9])
                .collect::<Vec<_>>()
                .as_slice(),
        ));
        assert_eq!(t, "21–23 January, San José");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let bytes: Vec<u8> = "Vienna, 25 March\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            text(decode_bytes("f", &bytes)),
            ("Vienna, 25 March\n".to_string(), 1)
        );
        let be: Vec<u8> = "Vienna".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(decode_bytes("f", &be)).0, "Vienna");
    }

    #[test]
    fn a_stray_nul_byte_is_a_warning_at_its_line() {
        let (t, notes) = text(decode_bytes(
            "f",
            b"first line of a report\nsec\x00ond line, and more text here\nthird",
        ));
        assert_eq!(
            t,
            "first line of a report\nsecond line, and more text here\nthird"
        );
        assert_eq!(notes, 1);
    }

    #[test]
    fn nul_bytes_are_binary() {
        match decode_bytes("f", b"abc\n\x00\x01") {
            Decoded::Unusable(d) => {
                assert_eq!(d.line, Some(2));
                assert!(d.message.contains("binary"));
            }
            Decoded::Text(..) => panic!("binary accepted"),
        }
    }

    #[test]
    fn utf32_is_named_not_misread() {
        match decode_bytes("f", b"\xFF\xFE\x00\x00V\x00\x00\x00") {
            Decoded::Unusable(d) => assert!(d.message.starts_with("UTF-32")),
            Decoded::Text(..) => panic!("UTF-32 read as text"),
        }
    }

    #[test]
    fn cr_and_crlf_become_lf() {
        assert_eq!(normalise_line_endings("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }
}
