//! PDF reports: the text layer of each page, in reading order, with the
//! page breaks kept (as form feeds, as `pdftotext` writes them) so that
//! running headers and footers can be told by their repetition across
//! pages and every line keeps its page.

use crate::model::Diagnostic;

/// The pages' text, or why the file cannot be read.
pub struct Pages {
    pub pages: Vec<String>,
}

impl Pages {
    /// All pages, each ended by a form feed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for page in &self.pages {
            out.push_str(page.trim_end_matches('\n'));
            out.push_str("\n\u{c}");
        }
        out
    }

    /// 1-based numbers of the pages without any text.
    pub fn blank_pages(&self) -> Vec<usize> {
        self.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.trim().is_empty())
            .map(|(i, _)| i + 1)
            .collect()
    }
}

thread_local! {
    /// Set while this thread runs the extractor, whose panics are reported
    /// as a damaged file instead of printed.
    static EXTRACTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic; the panic hook stays silent for panics on
/// this thread while `f` runs, and prints every other panic as before.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !EXTRACTING.with(|e| e.get()) {
                previous(info);
            }
        }));
    });
    EXTRACTING.with(|e| e.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    EXTRACTING.with(|e| e.set(false));
    result
}

/// Reads the text layer of a PDF held in `bytes`.
pub fn read(file: &str, bytes: &[u8]) -> Result<Pages, Diagnostic> {
    let unreadable = |what: String| {
        Diagnostic::error(
            file,
            None,
            format!("cannot read PDF: {what} (expected a PDF with a text layer, as word processors and browsers print)"),
        )
    };
    // The extractor may panic on malformed files: one bad file must not
    // stop the corpus, and its panic message is replaced by ours.
    let extracted = quietly(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    let pages = match extracted {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => {
            let message = e.to_string();
            let what = if message.to_lowercase().contains("encrypt")
                || message.to_lowercase().contains("password")
                || message.to_lowercase().contains("decrypt")
            {
                format!("the file is encrypted ({message})")
            } else {
                format!("the file is damaged or not a PDF ({message})")
            };
            return Err(unreadable(what));
        }
        Err(_) => {
            return Err(unreadable(
                "the file is damaged (its content could not be decoded)".into(),
            ))
        }
    };
    if pages.is_empty() {
        return Err(unreadable("the file has no pages".into()));
    }
    let pages = Pages { pages };
    if pages.blank_pages().len() == pages.pages.len() {
        return Err(unreadable(format!(
            "none of its {} page(s) has a text layer (scanned images? run OCR first)",
            pages.pages.len()
        )));
    }
    Ok(pages)
}
