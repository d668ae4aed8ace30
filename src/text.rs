//! Word handling shared by every stage: words and their spans, Snowball
//! stems, stop words and the boilerplate of UN drafting, content tokens,
//! and the small phrasing helpers (capitalise, plural, shorten).

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
    for (start, end) in word_spans(text) {
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

/// Splits text into words (runs of letters and digits) with byte spans.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::with_capacity(text.len() / 6);
    for_each_word_span(text, |start, end| spans.push((start, end)));
    spans
}

/// Calls `visit` with the byte span of every word of `text`, in order.
pub fn for_each_word_span(text: &str, mut visit: impl FnMut(usize, usize)) {
    let mut start = None;
    if text.is_ascii() {
        // Letters and digits are single bytes: no need to decode chars.
        for (i, b) in text.bytes().enumerate() {
            if b.is_ascii_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                visit(s, i);
            }
        }
    } else {
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                visit(s, i);
            }
        }
    }
    if let Some(s) = start {
        visit(s, text.len());
    }
}

/// The content words of an agenda item's recommendations, numbered.
///
/// Gives the same words as [`tokenise`] (checked by a test), but judges
/// each distinct spelling once: stemming every occurrence of every word
/// again was most of this stage's time.
#[derive(Default)]
pub struct Lexicon<'a> {
    /// Each spelling met in the texts: its word's number, or `None` for a
    /// word `tokenise` drops.
    spellings: FxHashMap<&'a str, Option<u32>>,
    /// Lower-case content word → number, in the order first met.
    numbers: FxHashMap<String, u32>,
}

impl<'a> Lexicon<'a> {
    /// Numbers of the content words of `text`, outside entity mentions.
    pub fn content_words(&mut self, text: &'a str, mentions: &[EntityMention]) -> Vec<u32> {
        let mut words = Vec::new();
        let mut mention = mentions.iter().peekable();
        for (start, end) in word_spans(text) {
            // Words inside a mention count as the entity, not as terms.
            while mention.peek().is_some_and(|m| m.end <= start) {
                mention.next();
            }
            if mention.peek().is_some_and(|m| m.start <= start) {
                continue;
            }
            if let Some(number) = self.number(&text[start..end]) {
                words.push(number);
            }
        }
        words
    }

    fn number(&mut self, spelling: &'a str) -> Option<u32> {
        if let Some(&number) = self.spellings.get(spelling) {
            return number;
        }
        let word = spelling.to_lowercase();
        let number = is_content_word(&word).then(|| {
            let next = self.numbers.len() as u32;
            *self.numbers.entry(word).or_insert(next)
        });
        self.spellings.insert(spelling, number);
        number
    }

    /// The words, by number.
    pub fn into_words(self) -> Vec<String> {
        let mut words = vec![String::new(); self.numbers.len()];
        for (word, number) in self.numbers {
            words[number as usize] = word;
        }
        words
    }
}

/// Whether [`tokenise`] keeps a lower-case word.
pub fn is_content_word(word: &str) -> bool {
    !(word.len() < 2 || word.chars().all(|c| c.is_ascii_digit()) || is_stop_word(word))
}

/// `s` with its first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `n` and the noun, singular or plural as `n` requires: "1 file read",
/// "2 files read".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// At most `max` characters of `s`, cut on a word boundary where there is
/// one, with an ellipsis when anything was cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rsplit_once(' ') {
        Some((head, _)) if !head.trim().is_empty() => head,
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// One word of a text that is not an English function word, with its stem
/// and byte span: the unit in which wording is compared (unlike
/// [`tokenise`], the drafting vocabulary counts here, since shared wording
/// is shared drafting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordingWord {
    pub stem: String,
    pub start: usize,
    pub end: usize,
    /// Clause number: it grows at each `,` `;` `.` `:` or bracket, so that
    /// a run of words can be kept within one clause.
    pub clause: u32,
}

/// The words of `text` other than English function words, in order.
pub fn wording_words(text: &str) -> Vec<WordingWord> {
    static FUNCTION: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let function = FUNCTION.get_or_init(|| ENGLISH_STOP_WORDS.iter().copied().collect());
    let mut words = Vec::new();
    let (mut clause, mut previous_end) = (0u32, 0usize);
    for_each_word_span(text, |start, end| {
        if text[previous_end..start].contains([',', ';', '.', ':', '(', ')']) {
            clause += 1;
        }
        previous_end = end;
        let word = text[start..end].to_lowercase();
        if !function.contains(word.as_str()) && !word.chars().all(|c| c.is_ascii_digit()) {
            words.push(WordingWord {
                stem: stem(&word),
                start,
                end,
                clause,
            });
        }
    });
    words
}

/// The -ing form of an English verb: `strengthen` → `strengthening`,
/// `promote` → `promoting`, `tie` → `tying`, `commit` → `committing`.
/// Keeps a capital at the start.
pub fn ing_form(verb: &str) -> String {
    // Verbs ending in a stressed consonant-vowel-consonant double it; which
    // ones are stressed there is not written in the word.
    const DOUBLED: &[&str] = &[
        "set", "put", "get", "run", "plan", "stop", "cut", "commit", "admit", "submit", "transmit",
        "permit", "refer", "prefer", "equip", "begin", "regret", "control", "patrol", "ship",
        "map", "bar", "rebut", "outstrip", "confer", "deter", "omit",
    ];
    let lower = verb.to_lowercase();
    let base =
        if lower == "be" || lower.ends_with("ee") || lower.ends_with("ye") || lower.ends_with("oe")
        {
            format!("{verb}ing")
        } else if let Some(stem) = lower.strip_suffix("ie") {
            format!("{}ying", &verb[..stem.len()])
        } else if lower.len() > 2 && lower.ends_with('e') {
            format!("{}ing", &verb[..verb.len() - 1])
        } else if DOUBLED.contains(&lower.as_str()) {
            let last = &verb[verb.len() - 1..];
            format!("{verb}{last}ing")
        } else {
            format!("{verb}ing")
        };
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lexicon's words of each recommendation, and `tokenise`'s.
    fn both_readings(corpus: &crate::model::Corpus) -> Vec<(Vec<String>, Vec<String>)> {
        let recommendations: Vec<crate::model::Recommendation> =
            corpus.recommendations().cloned().collect();
        let annotations = crate::entities::Gazetteer::embedded().annotate(&recommendations);
        let mut lexicon = Lexicon::default();
        let numbers: Vec<Vec<u32>> = recommendations
            .iter()
            .map(|r| lexicon.content_words(&r.text, annotations.of(&r.id)))
            .collect();
        let words = lexicon.into_words();
        recommendations
            .iter()
            .zip(numbers)
            .map(|(r, numbers)| {
                let ours = numbers.iter().map(|&n| words[n as usize].clone()).collect();
                let theirs = tokenise(&r.text, annotations.of(&r.id))
                    .into_iter()
                    .map(|t| t.word)
                    .collect();
                (ours, theirs)
            })
            .collect()
    }

    #[test]
    fn lexicon_reads_the_words_tokenise_keeps_in_the_seeds() {
        let seeds = crate::ingest::read_corpus(&[]);
        let readings = both_readings(&seeds);
        assert!(!readings.is_empty(), "the seeds hold recommendations");
        for (ours, theirs) in readings {
            assert_eq!(ours, theirs);
        }
    }
}
