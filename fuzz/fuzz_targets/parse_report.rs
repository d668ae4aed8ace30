//! Fuzzes the ingest parser: any bytes, read as text, must parse without a
//! panic or an endless loop, and every lettered recommendation it returns
//! must have text and point at a line of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (report, diagnostics) = rapporteur::ingest::parse_report("fuzz.txt", &text);
    let lines = text.lines().count();
    for d in &diagnostics {
        assert_eq!(d.file, "fuzz.txt");
        assert!(d.line.is_none_or(|l| l >= 1 && l <= lines), "{d}");
    }
    if let Some(report) = report {
        for rec in &report.recommendations {
            assert!(!rec.text.trim().is_empty(), "{} has no text", rec.id);
            assert!(
                rec.line >= 1 && rec.line <= lines,
                "{} at line {}",
                rec.id,
                rec.line
            );
            assert!(
                !rec.letter.is_empty() && rec.letter.bytes().all(|b| b.is_ascii_lowercase()),
                "{}",
                rec.letter
            );
        }
    }
});
