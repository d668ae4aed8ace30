//! Normalised tokens: lower case, punctuation dropped, Snowball English
//! stems, stop words and recommendation boilerplate removed, and the words
//! inside entity mentions left to the entity features.

use crate::model::EntityMention;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Common English function words.
#[rustfmt::skip]
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "again", "against", "all", "also", "an", "and",
    "any", "are", "as", "at", "be", "been", "being", "between", "both", "but", "by", "can",
    "could", "do", "does", "each", "either", "etc", "for", "from", "further", "had", "has",
    "have", "how", "however", "if", "in", "into", "is", "it", "its", "itself", "may", "might",
    "more", "most", "much", "must", "no", "nor", "not", "of", "on", "once", "only", "or",
    "other", "others", "our", "out", "over", "own", "same", "shall", "should", "so", "some",
    "such", "than", "that", "the", "their", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "through", "thereby", "to", "too", "under", "until", "up", "upon",
    "very", "via", "was", "were", "what", "when", "where", "whether", "which", "while", "who",
    "whom", "why", "will", "with", "within", "without", "would", "well", "s",
];

/// Words every recommendation shares, which say nothing about its subject:
/// the verbs of asking that open recommendations (and their other forms,
/// since stems are compared), the name of the field itself, scope words and
/// connectives of UN drafting ("in accordance with", "with a focus on").
#[rustfmt::skip]
const BOILERPLATE: &[&str] = &[
    // verbs of asking
    "strengthen", "promote", "ensure", "develop", "consider", "enhance", "support", "foster",
    "facilitate", "encourage", "establish", "adopt", "implement", "invest", "update",
    "integrate", "provide", "recognize", "recognise", "seek", "explore", "continue", "show",
    "harness", "leverage", "create", "conduct", "take", "make", "improve", "increase",
    "address", "include", "including", "reaffirm", "underscore", "enable", "advance", "apply",
    "study", "use", "using", "utilize", "utilise", "prevent", "counter", "combat", "tackle",
    "respond", "response", "effort", "measure", "approach",
    // the field every recommendation is about
    "crime", "crimes", "criminal", "justice", "prevention", "member", "states",
    // scope and drafting connectives
    "relevant", "particular", "particularly", "especially", "appropriate", "necessary",
    "national", "regional", "international", "global", "domestic", "subregional", "level",
    "regard", "order", "way", "manner", "aim", "view", "area", "field", "issue", "various",
    "new", "specific", "possible", "effective", "effectively", "among", "towards", "toward",
    "accordance", "line", "focus", "basis", "respect", "means", "end", "light",
];

/// A content word of a recommendation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Snowball stem, e.g. `programm`.
    pub stem: String,
    /// The word in lower case as written, e.g. `programmes`.
    pub word: String,
    /// Clause number: bigrams never join words of different clauses or
    /// words on either side of an entity mention.
    pub clause: u32,
    /// Byte offset of the word in the text.
    pub start: usize,
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Stems of stop words and boilerplate, so that every form is dropped.
fn stop_stems() -> &'static HashSet<String> {
    static STOP: OnceLock<HashSet<String>> = OnceLock::new();
    STOP.get_or_init(|| {
        ENGLISH_STOP_WORDS
            .iter()
            .chain(BOILERPLATE)
            .flat_map(|w| [w.to_string(), stem(w)])
            .collect()
    })
}

/// Snowball English stem of a lower-case word.
pub fn stem(word: &str) -> String {
    // The same few thousand words recur across thousands of
    // recommendations: each thread remembers the stems it has computed.
    thread_local! {
        static STEMS: std::cell::RefCell<FxHashMap<Box<str>, Box<str>>> =
            std::cell::RefCell::new(FxHashMap::default());
    }
    STEMS.with(|cell| {
        let mut stems = cell.borrow_mut();
        if let Some(stem) = stems.get(word) {
            return stem.to_string();
        }
        let stem = stemmer().stem(word).into_owned();
        stems.insert(word.into(), stem.as_str().into());
        stem
    })
}

/// Whether a lower-case word is a stop word or boilerplate.
pub fn is_stop_word(word: &str) -> bool {
    let stops = stop_stems();
    stops.contains(word) || stops.contains(&stem(word))
}

/// Content tokens of `text`, skipping the words inside `mentions` (which
/// count as entity features instead).
pub fn tokenise(text: &str, mentions: &[EntityMention]) -> Vec<Token> {
    let stops = stop_stems();
    let mut tokens = Vec::new();
    let mut clause = 0u32;
    let mut previous_end = 0;
    let mut mention = mentions.iter().peekable();
    for (start, end) in crate::entities::word_spans(text) {
        let gap = &text[previous_end..start];
        previous_end = end;
        if gap
            .chars()
            .any(|c| matches!(c, ';' | '.' | ':' | ',' | '(' | ')'))
        {
            clause += 1;
        }
        while mention.peek().is_some_and(|m| m.end <= start) {
            mention.next();
        }
        if mention.peek().is_some_and(|m| m.start <= start) {
            // Inside an entity mention: a break for bigrams.
            clause += 1;
            continue;
        }
        let word = text[start..end].to_lowercase();
        if word.len() < 2 || word.chars().all(|c| c.is_ascii_digit()) || stops.contains(&word) {
            continue;
        }
        let stem = stem(&word);
        if stops.contains(&stem) {
            continue;
        }
        tokens.push(Token {
            stem,
            word,
            clause,
            start,
        });
    }
    tokens
}
