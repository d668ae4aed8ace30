//! `rapporteur explain ID ID`: why two recommendations are (or are not) in
//! one theme.

use super::ExplainArgs;
use crate::model::{Link, Recommendation};
use crate::pipeline::Outcome;
use crate::similarity::{Similarity, LINK_THRESHOLD};
use std::fmt::Write as _;

pub fn run(args: &ExplainArgs) -> crate::Result<i32> {
    let outcome = args.input.run_pipeline()?;
    let first = find(&outcome, &args.first)?;
    let second = find(&outcome, &args.second)?;
    print!("{}", explanation(&outcome, first, second));
    Ok(0)
}

fn find<'a>(outcome: &'a Outcome, id: &str) -> crate::Result<&'a Recommendation> {
    outcome
        .synthesis
        .recommendations
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id))
        .ok_or_else(|| {
            crate::Error::NotFound(format!(
                "no recommendation has the id `{id}` (see `rapporteur extract` for the ids)"
            ))
        })
}

/// The score of the pair within its agenda item (or across both items when
/// they differ), with its evidence and the themes of both.
pub fn link_between(outcome: &Outcome, a: &Recommendation, b: &Recommendation) -> Link {
    let recommendations = &outcome.synthesis.recommendations;
    let mut members = crate::themes::item_members(recommendations, &a.agenda_item);
    if a.agenda_item != b.agenda_item {
        members.extend(crate::themes::item_members(recommendations, &b.agenda_item));
    }
    let similarity = Similarity::new(&members, &outcome.annotations);
    let position = |r: &Recommendation| members.iter().position(|m| m.id == r.id);
    match (position(a), position(b)) {
        (Some(i), Some(j)) => similarity.link(i, j),
        _ => Link {
            score: 0.0,
            lexical: 0.0,
            entity: 0.0,
            shared_terms: Vec::new(),
            shared_entities: Vec::new(),
        },
    }
}

fn explanation(outcome: &Outcome, a: &Recommendation, b: &Recommendation) -> String {
    let link = link_between(outcome, a, b);
    let theme_of = |r: &Recommendation| {
        outcome
            .synthesis
            .themes
            .iter()
            .find(|t| t.theme.recommendations.contains(&r.id))
            .map(|t| (t.theme.id.clone(), t.theme.label.clone()))
    };
    let mut out = String::new();
    for r in [a, b] {
        let _ = writeln!(
            out,
            "{} ({}, {}, agenda item {}): {}",
            r.id,
            r.region,
            r.reference(),
            r.agenda_item,
            r.text
        );
    }
    let _ = writeln!(
        out,
        "\nscore {:.3} (lexical {:.3} + entities {:.3}); linking threshold {:.2}: {}",
        link.score,
        link.lexical,
        link.entity,
        LINK_THRESHOLD,
        if link.score >= LINK_THRESHOLD {
            "linked"
        } else {
            "not linked"
        }
    );
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    let _ = writeln!(out, "shared entities: {}", list(&link.shared_entities));
    let _ = writeln!(out, "shared terms: {}", list(&link.shared_terms));
    let (ta, tb) = (theme_of(a), theme_of(b));
    let verdict = if a.agenda_item != b.agenda_item {
        "different agenda items: themes never span agenda items".to_string()
    } else if ta.is_some() && ta == tb {
        "same theme".to_string()
    } else {
        "different themes".to_string()
    };
    for (r, t) in [(a, &ta), (b, &tb)] {
        if let Some((id, label)) = t {
            let _ = writeln!(out, "theme of {}: {} {}", r.id, id, label);
        }
    }
    let _ = writeln!(out, "{verdict}");
    out
}
