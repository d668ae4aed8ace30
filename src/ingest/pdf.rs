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
    // stop the corpus.
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
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
