//! Filters the templates use to word lists and citations, and the Markdown
//! escaping applied to everything a Markdown template prints.
//!
//! Filters that build Markdown (links to the annex) return it marked safe so
//! it is not escaped again; everything else a template prints (recommendation
//! texts, labels) is escaped, so text from the reports can never break the
//! document's structure.

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State};

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("and_list", and_list);
    env.add_filter("regions_phrase", regions_phrase);
    env.add_filter("meetings_phrase", meetings_phrase);
    env.add_filter("count_phrase", count_phrase);
    env.add_filter("number_word", number_word);
    env.add_filter("lower_first", lower_first);
    env.add_filter("upper_first", upper_first);
    env.add_filter("ref", reference);
    env.add_filter("ref_link", reference_link);
    env.add_filter("cite", cite);
    env.add_filter("refs", refs);
    env.add_filter("asks", asks);
    env.add_filter("held", held);
    env.add_filter("plural", plural);
    env.add_filter("md", |v: Value| {
        Value::from_safe_string(escape_markdown(&v.to_string()))
    });
}

/// Prints values escaped for Markdown in Markdown templates, and defers to
/// minijinja's own escaping elsewhere.
pub fn markdown_aware_formatter(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    if matches!(state.auto_escape(), AutoEscape::Custom(ref f) if f == "markdown") {
        let text = value.to_string();
        let printed = if value.is_safe() {
            text
        } else {
            escape_markdown(&text)
        };
        return out.write_str(&printed).map_err(Error::from);
    }
    minijinja::escape_formatter(out, state, value)
}

/// Escapes the characters that Markdown (CommonMark + GFM tables and
/// strikethrough) would read as markup, and folds line breaks into spaces so
/// a value stays inside its paragraph, list item or table cell.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|' | '~' | '&' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn strings(value: &Value) -> Result<Vec<String>, Error> {
    if let Some(s) = value.as_str() {
        return Ok(vec![s.to_string()]);
    }
    Ok(value.try_iter()?.map(|v| v.to_string()).collect())
}

/// Joins words in the UN style: `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[String], joiner: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {joiner} {last}", init.join(", ")),
    }
}

/// `["a", "b", "c"]` → `a, b and c`.
fn and_list(value: Value) -> Result<String, Error> {
    Ok(join_and(&strings(&value)?, "and"))
}

/// Region names as a phrase: `Europe and Western Asia`.
fn regions_phrase(value: Value) -> Result<String, Error> {
    and_list(value)
}

/// `the meeting for Europe`, `the meetings for Europe and for Western Asia`.
fn meetings_phrase(value: Value) -> Result<String, Error> {
    let regions = strings(&value)?;
    Ok(match regions.len() {
        0 => String::new(),
        1 => format!("the meeting for {}", regions[0]),
        _ => {
            let each: Vec<String> = regions.iter().map(|r| format!("for {r}")).collect();
            format!("the meetings {}", join_and(&each, "and"))
        }
    })
}

/// Number in words for small counts, as UN reports write them.
pub fn words(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map(|w| w.to_string())
        .unwrap_or_else(|| n.to_string())
}

fn number_word(n: usize) -> String {
    words(n)
}

/// How many of how many, in words: `all four`, `both`, `three of the four`,
/// `one of the four`.
fn count_phrase(n: usize, total: usize) -> String {
    match (n, total) {
        (n, t) if n == t && t == 2 => "both".to_string(),
        (n, t) if n == t => format!("all {}", words(t)),
        (n, t) => format!("{} of the {}", words(n), words(t)),
    }
}

/// Small words that do not end a name: `Commission on Narcotic Drugs`.
const LINKING_WORDS: &[&str] = &[
    "of", "on", "for", "and", "the", "against", "in", "to", "by", "with",
];

/// Lower-cases the first letter of a label so it reads inside a sentence,
/// unless the label starts with a name: an acronym, a word with an inner
/// capital, or a capitalised word followed (past small linking words) by
/// another capitalised word, as in `United Nations …` or `Commission on
/// Narcotic Drugs`.
fn lower_first(value: Value) -> String {
    let text = value.to_string();
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("");
    let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    let inner_capital = letters.iter().skip(1).any(|c| c.is_uppercase());
    let name = words
        .find(|w| !LINKING_WORDS.contains(w))
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    if acronym || inner_capital || name {
        return text;
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// Upper-cases the first letter only (unlike `capitalize`, which lowers the
/// rest and would spoil region names).
fn upper_first(value: Value) -> Value {
    let text = value.to_string();
    let mut chars = text.chars();
    let upper: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    };
    if value.is_safe() {
        Value::from_safe_string(upper)
    } else {
        Value::from(upper)
    }
}

fn attr(value: &Value, name: &str) -> Result<String, Error> {
    let v = value.get_attr(name)?;
    if v.is_undefined() || v.is_none() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("expected a recommendation with a `{name}` attribute, got {value}"),
        ));
    }
    Ok(v.to_string())
}

/// `Europe 17 (l)`, as the annex labels it.
fn reference(rec: Value) -> Result<String, Error> {
    Ok(format!(
        "{} {}",
        attr(&rec, "region")?,
        attr(&rec, "reference")?
    ))
}

fn link(text: &str, anchor: &str) -> String {
    format!("[{}](#{anchor})", escape_markdown(text))
}

/// `[Europe 17 (l)](#rec-EU-6-17l)`, linking to the annex.
fn reference_link(rec: Value) -> Result<Value, Error> {
    let text = reference(rec.clone())?;
    Ok(Value::from_safe_string(link(&text, &attr(&rec, "anchor")?)))
}

/// One region's references, grouped by paragraph: `17 (l)`, `(m)`, `18 (a)`,
/// each linked to the annex; `with_region` puts the region name and
/// `para.` (or `paras.`) in front, as UN reports cite: `Europe, para. 17
/// (l)`.
fn region_references(recs: &[Value], with_region: bool) -> Result<String, Error> {
    let mut parts = Vec::new();
    let mut last_paragraph = None;
    let mut paragraphs: Vec<String> = Vec::new();
    for rec in recs {
        let p = attr(rec, "paragraph")?;
        if !paragraphs.contains(&p) {
            paragraphs.push(p);
        }
    }
    let para = if paragraphs.len() > 1 {
        "paras."
    } else {
        "para."
    };
    for (i, rec) in recs.iter().enumerate() {
        let paragraph = attr(rec, "paragraph")?;
        let letter = attr(rec, "letter")?;
        let mut text = if last_paragraph.as_deref() == Some(paragraph.as_str()) {
            format!("({letter})")
        } else {
            format!("{paragraph} ({letter})")
        };
        if i == 0 && with_region {
            text = format!("{}, {para} {text}", attr(rec, "region")?);
        }
        parts.push(link(&text, &attr(rec, "anchor")?));
        last_paragraph = Some(paragraph);
    }
    Ok(parts.join(", "))
}

/// Splits recommendations into runs of the same region, keeping order.
fn by_region(value: &Value) -> Result<Vec<Vec<Value>>, Error> {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for rec in value.try_iter()? {
        let region = attr(&rec, "region")?;
        match groups.iter_mut().find(|(r, _)| *r == region) {
            Some((_, recs)) => recs.push(rec),
            None => groups.push((region, vec![rec])),
        }
    }
    Ok(groups.into_iter().map(|(_, recs)| recs).collect())
}

/// A citation of recommendations grouped by region:
/// `Europe 17 (l), (m); Western Asia 8 (a)`, each reference linked.
/// `cite(sep=", ")` changes what separates regions.
fn cite(value: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let separator: Option<String> = kwargs.get("sep")?;
    kwargs.assert_all_used()?;
    let groups = by_region(&value)?
        .iter()
        .map(|recs| region_references(recs, true))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::from_safe_string(
        groups.join(separator.as_deref().unwrap_or("; ")),
    ))
}

/// References without region names (for a region's column or row):
/// `17 (l), (m)`, each linked.
fn refs(value: Value) -> Result<Value, Error> {
    let recs: Vec<Value> = value.try_iter()?.collect();
    Ok(Value::from_safe_string(region_references(&recs, false)?))
}

/// Asks with their sources: `strengthening X (Europe, para. 17 (a)), Y
/// (…) and Z (…)`. Each ask is `{phrase, recommendations}`; phrases are
/// escaped, citations linked.
fn asks(value: Value) -> Result<Value, Error> {
    let mut parts = Vec::new();
    for ask in value.try_iter()? {
        let phrase = ask.get_attr("phrase")?.to_string();
        let recs = ask.get_attr("recommendations")?;
        let cited = cite(recs, Kwargs::from_iter(std::iter::empty::<(&str, Value)>()))?;
        parts.push(format!("{} ({})", escape_markdown(&phrase), cited));
    }
    Ok(Value::from_safe_string(join_and(&parts, "and")))
}

/// Where and when a meeting was held, in the UN style: `in Bangkok from 21
/// to 23 January 2025`, `in Vienna on 24 April 2025`. Dates not in a form
/// it reads are kept as written, after a comma.
fn held(venue: Value, dates: Value) -> String {
    let venue = (!venue.is_none() && !venue.is_undefined()).then(|| venue.to_string());
    let dates = (!dates.is_none() && !dates.is_undefined()).then(|| dates.to_string());
    let when = dates.as_deref().map(un_dates);
    match (venue, when) {
        // "in Marrakech, Morocco, from 23 to 25 April 2025".
        (Some(v), Some(Ok(w))) if v.contains(',') => format!("in {v}, {w}"),
        (Some(v), Some(Ok(w))) => format!("in {v} {w}"),
        (Some(v), Some(Err(d))) => format!("in {v}, {d}"),
        (Some(v), None) => format!("in {v}"),
        (None, Some(Ok(w))) => w,
        (None, Some(Err(d))) => d,
        (None, None) => String::new(),
    }
}

/// `21–23 January 2025` → `from 21 to 23 January 2025`; `30 March–1 April
/// 2025` → `from 30 March to 1 April 2025`; `24 April 2025` → `on 24 April
/// 2025`. `Err` holds the text as given when it is none of these.
pub fn un_dates(dates: &str) -> Result<String, String> {
    let d = dates.trim();
    let parts: Vec<&str> = d.split(['–', '—', '-']).map(str::trim).collect();
    let is_day = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    let is_date = |s: &str| {
        let w: Vec<&str> = s.split_whitespace().collect();
        (w.len() == 3 || w.len() == 2) && is_day(w[0]) && w[1].chars().all(char::is_alphabetic)
    };
    match parts[..] {
        [one] if is_date(one) && one.split_whitespace().count() == 3 => Ok(format!("on {one}")),
        [from, to]
            if (is_day(from) || is_date(from))
                && is_date(to)
                && to.split_whitespace().count() == 3 =>
        {
            Ok(format!("from {from} to {to}"))
        }
        _ => Err(d.to_string()),
    }
}

/// `n|plural("observer", "observers")`: the noun as the count requires.
fn plural(n: usize, one: String, many: String) -> String {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_un_prose() {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&list(&["Europe"]), "and"), "Europe");
        assert_eq!(
            join_and(&list(&["Europe", "Western Asia"]), "and"),
            "Europe and Western Asia"
        );
        assert_eq!(
            join_and(&list(&["Africa", "Europe", "Western Asia"]), "and"),
            "Africa, Europe and Western Asia"
        );
        assert_eq!(count_phrase(4, 4), "all four");
        assert_eq!(count_phrase(2, 2), "both");
        assert_eq!(count_phrase(3, 4), "three of the four");
        assert_eq!(
            meetings_phrase(Value::from(vec!["Europe", "Western Asia"])).unwrap(),
            "the meetings for Europe and for Western Asia"
        );
    }

    #[test]
    fn labels_lower_only_common_words() {
        assert_eq!(
            lower_first(Value::from("Responsible use of AI")),
            "responsible use of AI"
        );
        assert_eq!(
            lower_first(Value::from("United Nations Convention against Cybercrime")),
            "United Nations Convention against Cybercrime"
        );
        assert_eq!(lower_first(Value::from("UNODC support")), "UNODC support");
        assert_eq!(
            lower_first(Value::from("Commission on Narcotic Drugs and decisions")),
            "Commission on Narcotic Drugs and decisions"
        );
        assert_eq!(
            lower_first(Value::from("Organized crime and terrorism")),
            "organized crime and terrorism"
        );
    }

    #[test]
    fn dates_read_in_un_style() {
        assert_eq!(
            un_dates("21–23 January 2025").unwrap(),
            "from 21 to 23 January 2025"
        );
        assert_eq!(
            un_dates("30 March–1 April 2025").unwrap(),
            "from 30 March to 1 April 2025"
        );
        assert_eq!(un_dates("24 April 2025").unwrap(), "on 24 April 2025");
        assert!(un_dates("spring 2025").is_err());
    }

    #[test]
    fn markdown_markup_is_escaped() {
        assert_eq!(escape_markdown("a *b* [c]\nd | e"), r"a \*b\* \[c\] d \| e");
        assert_eq!(escape_markdown("<script>"), r"\<script\>");
    }
}
