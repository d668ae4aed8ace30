//! The rapporteur's theme plan: a TOML file of `[[theme]]` tables that holds
//! their decisions (labels, members, order) and is applied on every run.
//!
//! [`read`] checks a plan against the corpus and gives the plain
//! [`Plan`] the themes stage applies; [`write`] turns the themes of a run
//! back into a plan file. Errors point at the plan's file and line and
//! nothing is written when a plan is refused.

use crate::model::{
    natural_cmp, Corpus, Diagnostic, Plan, PlannedMember, PlannedTheme, Recommendation, ThemeGraph,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    #[serde(default)]
    theme: Vec<Spanned<RawTheme>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    agenda_item: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    pinned_label: bool,
    recommendations: Vec<Spanned<String>>,
    #[serde(default)]
    see_also: Vec<Spanned<String>>,
}

/// Byte offsets of line starts, to turn spans into line numbers.
struct Lines(Vec<usize>);

impl Lines {
    fn of(source: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

/// Reads the plan at `path` and checks it against `corpus`.
///
/// Refused (an error naming the file and line): malformed TOML, an unknown
/// field, an id in two themes, a theme whose members belong to another
/// agenda item, an empty label. Reported as warnings and left out: ids
/// the corpus does not hold, and themes that have no member left.
pub fn read(path: &Path, corpus: &Corpus) -> crate::Result<(Plan, Vec<Diagnostic>)> {
    let source = read_text(path)?;
    parse(&source, &path.display().to_string(), corpus)
}

/// The text of a plan file: a regular file of at most 64 MiB, in UTF-8.
fn read_text(path: &Path) -> crate::Result<String> {
    const MAX_PLAN_BYTES: u64 = 64 << 20;
    let bytes = crate::reading::read_regular_file(path, MAX_PLAN_BYTES).map_err(|e| {
        crate::Error::Input {
            file: path.display().to_string(),
            line: None,
            message: format!("{e} (expected a TOML theme plan)"),
        }
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.into_bytes()[..offset]).into_owned();
        crate::Error::Input {
            file: path.display().to_string(),
            line: Some(Lines::of(&text).line(offset)),
            message: "not UTF-8 text (expected a TOML theme plan)".into(),
        }
    })
}

/// Parses and checks plan TOML; `file` names it in messages.
pub fn parse(source: &str, file: &str, corpus: &Corpus) -> crate::Result<(Plan, Vec<Diagnostic>)> {
    let lines = Lines::of(source);
    let at = |offset: usize| format!("{file}:{}", lines.line(offset));
    let error = |offset: usize, message: String| crate::Error::Input {
        file: file.to_string(),
        line: Some(lines.line(offset)),
        message,
    };
    let raw: RawPlan = toml::from_str(source).map_err(|e| crate::Error::Input {
        file: file.to_string(),
        line: e.span().map(|s| lines.line(s.start)),
        message: format!(
            "invalid theme plan: {} (expected [[theme]] tables with agenda_item, label, \
             recommendations and optionally pinned_label, see_also)",
            e.message().trim()
        ),
    })?;
    let by_id: HashMap<&str, &Recommendation> = corpus
        .recommendations()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let mut placed: HashMap<String, usize> = HashMap::new();
    let mut diagnostics = Vec::new();
    let mut plan = Plan::default();
    for spanned in &raw.theme {
        let theme = spanned.get_ref();
        let item = theme.agenda_item.get_ref().trim().to_string();
        let label = theme.label.get_ref().trim().to_string();
        if label.is_empty() {
            return Err(error(
                theme.label.span().start,
                "the theme's label is empty (expected the heading to draft it under)".into(),
            ));
        }
        let mut members = Vec::new();
        for id in &theme.recommendations {
            let offset = id.span().start;
            let text = id.get_ref().trim();
            if let Some(first) = placed.insert(text.to_string(), lines.line(offset)) {
                return Err(error(
                    offset,
                    format!(
                        "`{text}` is already placed at line {first} (expected each \
                         recommendation in one theme; use see_also to cross-reference it)"
                    ),
                ));
            }
            match by_id.get(text) {
                None => diagnostics.push(Diagnostic::warning(
                    file,
                    Some(lines.line(offset)),
                    format!(
                        "the plan names `{text}`, which no report read holds; left out \
                         (expected an id that `rapporteur extract` lists)"
                    ),
                )),
                Some(r) if *r.agenda_item != *item => {
                    return Err(error(
                        offset,
                        format!(
                            "`{text}` is under agenda item {} but this theme is under agenda \
                             item {item} (expected the members of a theme to share its agenda \
                             item)",
                            r.agenda_item
                        ),
                    ))
                }
                Some(r) => members.push(PlannedMember {
                    id: r.id.clone(),
                    origin: at(offset),
                }),
            }
        }
        let mut see_also = Vec::new();
        for id in &theme.see_also {
            let text = id.get_ref().trim();
            if by_id.contains_key(text) {
                see_also.push(text.to_string());
            } else {
                diagnostics.push(Diagnostic::warning(
                    file,
                    Some(lines.line(id.span().start)),
                    format!("see_also names `{text}`, which no report read holds; left out"),
                ));
            }
        }
        if members.is_empty() {
            diagnostics.push(Diagnostic::warning(
                file,
                Some(lines.line(spanned.span().start)),
                format!("theme \"{label}\" has no recommendation of the corpus left; dropped"),
            ));
            continue;
        }
        plan.themes.push(PlannedTheme {
            agenda_item: item,
            label,
            pinned_label: theme.pinned_label,
            recommendations: members,
            see_also,
            origin: at(spanned.span().start),
        });
    }
    Ok((plan, diagnostics))
}

/// The recommendations of `corpus` that `plan` does not place, in corpus
/// order.
pub fn unplanned<'a>(plan: &Plan, corpus: &'a Corpus) -> Vec<&'a Recommendation> {
    let planned: std::collections::HashSet<&str> = plan
        .themes
        .iter()
        .flat_map(|t| t.recommendations.iter().map(|m| m.id.as_str()))
        .collect();
    corpus
        .recommendations()
        .filter(|r| !planned.contains(r.id.as_str()))
        .collect()
}

/// Words of a recommendation shown in the plan's comment lines.
const COMMENT_WORDS: usize = 12;

/// The themes of `graph` as a plan file, in drafting order: one `[[theme]]`
/// table each, with a comment line per recommendation giving its region,
/// reference and first words, so that the file reads without the draft.
/// `pinned` keeps the `pinned_label` of themes an earlier plan pinned.
pub fn write(graph: &ThemeGraph, recommendations: &[Recommendation], pinned: &Plan) -> String {
    let by_id: HashMap<&str, &Recommendation> =
        recommendations.iter().map(|r| (r.id.as_str(), r)).collect();
    let pinned_labels: std::collections::HashSet<(&str, &str)> = pinned
        .themes
        .iter()
        .filter(|t| t.pinned_label)
        .map(|t| (t.agenda_item.as_str(), t.label.as_str()))
        .collect();
    let mut out = String::from(
        "# Theme plan for `rapporteur`: every run with `--plan` applies it.\n\
         # Rename a theme by editing its label (pinned_label = true marks it as yours),\n\
         # move a recommendation by moving its id, merge themes by joining their lists,\n\
         # split one by writing a new [[theme]]. An id may stand in one theme only;\n\
         # see_also = [ids] cross-references recommendations homed elsewhere.\n\
         # Recommendations the plan does not name are placed by the clustering and\n\
         # reported; `rapporteur plan --plan FILE --update` writes them in.\n",
    );
    let mut themes: Vec<_> = graph.themes().collect();
    themes.sort_by(|a, b| natural_cmp(&a.agenda_item, &b.agenda_item));
    for theme in themes {
        out.push_str("\n[[theme]]\n");
        let _ = writeln!(out, "agenda_item = {}", quoted(&theme.agenda_item));
        let _ = writeln!(out, "label = {}", quoted(&theme.label));
        if pinned_labels.contains(&(theme.agenda_item.as_str(), theme.label.as_str())) {
            out.push_str("pinned_label = true\n");
        }
        out.push_str("recommendations = [\n");
        for id in &theme.recommendations {
            match by_id.get(id.as_str()) {
                Some(r) => {
                    let _ = writeln!(
                        out,
                        "    # {} {}: {}",
                        r.region,
                        r.reference(),
                        first_words(&r.text, COMMENT_WORDS)
                    );
                }
                None => {
                    let _ = writeln!(out, "    # (not in this corpus)");
                }
            }
            let _ = writeln!(out, "    {},", quoted(id));
        }
        out.push_str("]\n");
        if !theme.see_also.is_empty() {
            let ids: Vec<String> = theme.see_also.iter().map(|id| quoted(id)).collect();
            let _ = writeln!(out, "see_also = [{}]", ids.join(", "));
        }
    }
    out
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The first `n` words of `text`, with an ellipsis when there are more;
/// on one line whatever the text holds.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut shown = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Corpus {
        crate::ingest::read_corpus(&[])
    }

    fn refused(source: &str) -> (Option<usize>, String) {
        match parse(source, "themes.toml", &seeds()) {
            Err(crate::Error::Input { line, message, .. }) => (line, message),
            other => panic!("expected a refusal, got {:?}", other.map(|(p, _)| p)),
        }
    }

    #[test]
    fn lines_are_counted_from_one() {
        let lines = Lines::of("a\nbc\n\nd");
        assert_eq!(
            [0, 1, 2, 4, 5, 6].map(|o| lines.line(o)),
            [1, 1, 2, 2, 3, 4]
        );
    }

    #[test]
    fn a_plan_keeps_labels_members_and_order() {
        let source = "[[theme]]\nagenda_item = \"6\"\nlabel = \"Second\"\nrecommendations = [\n  \"EU-6-17b\",\n  \"EU-6-17a\",\n]\n\n[[theme]]\nagenda_item = \"5\"\nlabel = \"First\"\npinned_label = true\nrecommendations = [\"WA-5-18a\"]\nsee_also = [\"WA-5-18b\"]\n";
        let (plan, diagnostics) = parse(source, "themes.toml", &seeds()).unwrap();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let labels: Vec<&str> = plan.themes.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Second", "First"]);
        let ids: Vec<(&str, &str)> = plan.themes[0]
            .recommendations
            .iter()
            .map(|m| (m.id.as_str(), m.origin.as_str()))
            .collect();
        assert_eq!(
            ids,
            [("EU-6-17b", "themes.toml:5"), ("EU-6-17a", "themes.toml:6")]
        );
        assert_eq!(plan.themes[0].origin, "themes.toml:1");
        assert!(plan.themes[1].pinned_label);
        assert_eq!(plan.themes[1].see_also, ["WA-5-18b"]);
    }

    #[test]
    fn an_id_in_two_themes_is_refused_with_both_lines() {
        let (line, message) = refused(
            "[[theme]]\nagenda_item = \"6\"\nlabel = \"A\"\nrecommendations = [\"EU-6-17a\"]\n[[theme]]\nagenda_item = \"6\"\nlabel = \"B\"\nrecommendations = [\"EU-6-17b\",\n \"EU-6-17a\"]\n",
        );
        assert_eq!(line, Some(9));
        assert!(message.contains("already placed at line 4"), "{message}");
    }

    #[test]
    fn malformed_toml_unknown_fields_and_mixed_items_are_refused_at_their_line() {
        let (line, message) =
            refused("[[theme]]\nagenda_item = \"6\"\nlabel = \"A\nrecommendations = []\n");
        assert_eq!(line, Some(3), "{message}");
        let (line, message) = refused(
            "[[theme]]\nagenda_item = \"6\"\nlabel = \"A\"\ncolour = \"red\"\nrecommendations = [\"EU-6-17a\"]\n",
        );
        assert_eq!(line, Some(4), "{message}");
        assert!(message.contains("colour"), "{message}");
        let (line, message) = refused(
            "[[theme]]\nagenda_item = \"6\"\nlabel = \"A\"\nrecommendations = [\"EU-6-17a\",\n\"WA-5-18a\"]\n",
        );
        assert_eq!(line, Some(5));
        assert!(message.contains("agenda item 5"), "{message}");
        let (line, _) = refused(
            "[[theme]]\nagenda_item = \"6\"\nlabel = \"  \"\nrecommendations = [\"EU-6-17a\"]\n",
        );
        assert_eq!(line, Some(3));
    }

    #[test]
    fn unknown_ids_are_warned_and_a_theme_left_empty_is_dropped() {
        let source = "[[theme]]\nagenda_item = \"6\"\nlabel = \"Gone\"\nrecommendations = [\"XX-6-1a\"]\n[[theme]]\nagenda_item = \"6\"\nlabel = \"Kept\"\nrecommendations = [\"EU-6-17a\", \"EU-6-99z\"]\n";
        let (plan, diagnostics) = parse(source, "themes.toml", &seeds()).unwrap();
        assert_eq!(plan.themes.len(), 1);
        assert_eq!(plan.themes[0].label, "Kept");
        let lines: Vec<Option<usize>> = diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(4), Some(1), Some(8)], "{diagnostics:?}");
        assert!(diagnostics[1].message.contains("dropped"));
    }

    #[test]
    fn first_words_stay_on_one_line() {
        assert_eq!(first_words("a  b\nc", 2), "a b…");
        assert_eq!(first_words("a b", 5), "a b");
    }
}
