//! `rapporteur explain ID ID`: why two recommendations are (or are not) in
//! one theme, and which rule placed each.

use super::ExplainArgs;
use crate::model::{Placement, PlacementRule, Recommendation};
use crate::pipeline::Outcome;
use crate::similarity::{Evidence, Similarity, LINK_THRESHOLD, MIN_SHARED_WORDS};
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

/// The score of a pair of one agenda item with its evidence, as the themes
/// stage computed it (the item's own vocabulary and rarities).
fn link_in_item(
    outcome: &Outcome,
    a: &Recommendation,
    b: &Recommendation,
) -> (crate::model::Link, Evidence) {
    let members =
        crate::similarity::item_members(&outcome.synthesis.recommendations, &a.agenda_item);
    let similarity = Similarity::new(&members, &outcome.annotations);
    let position = |r: &Recommendation| members.iter().position(|m| m.id == r.id);
    let (i, j) = (
        position(a).expect("a recommendation is in its own item"),
        position(b).expect("a recommendation is in its own item"),
    );
    (similarity.link(i, j), similarity.evidence(i, j))
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "none".to_string()
    } else {
        v.join(", ")
    }
}

fn explanation(outcome: &Outcome, a: &Recommendation, b: &Recommendation) -> String {
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
    out.push('\n');
    if a.agenda_item != b.agenda_item {
        let _ = writeln!(
            out,
            "{} is under agenda item {} and {} under agenda item {}: recommendations under different agenda items are never compared and cannot share a theme (regions are compared on the same item).",
            a.id, a.agenda_item, b.id, b.agenda_item
        );
    } else {
        let (link, evidence) = link_in_item(outcome, a, b);
        let linked = link.score >= LINK_THRESHOLD;
        let _ = writeln!(
            out,
            "score {:.3} (lexical {:.3} + entities {:.3}); linking threshold {:.2}: {}",
            link.score,
            link.lexical,
            link.entity,
            LINK_THRESHOLD,
            match (linked, evidence.is_strong()) {
                (true, true) => "linked, strong link",
                (true, false) => "linked, but not a strong link",
                (false, _) => "not linked",
            }
        );
        let _ = writeln!(out, "shared entities: {}", list(&link.shared_entities));
        let _ = writeln!(out, "shared terms: {}", list(&link.shared_terms));
        let _ = writeln!(
            out,
            "evidence (shared, not ubiquitous in the item): entities {}; words {}{}",
            list(&evidence.entities),
            list(&evidence.words),
            if evidence.concerned.is_empty() {
                String::new()
            } else {
                format!(
                    "; only by what a named entity concerns: {}",
                    list(&evidence.concerned)
                )
            }
        );
        if linked && !evidence.is_strong() {
            let _ = writeln!(
                out,
                "a strong link needs a shared entity or concept, or {MIN_SHARED_WORDS} shared words (or entities one text only implies as what a named one concerns), that are not ubiquitous in the item: this pair has {}",
                match (evidence.words.as_slice(), evidence.concerned.as_slice()) {
                    ([], []) => "none".to_string(),
                    ([word], []) => format!("only one common word ({word})"),
                    ([], [entity]) => format!(
                        "only {entity}, which one of them does not name but implies as what an entity it names concerns"
                    ),
                    _ => "too little".to_string(),
                }
            );
        }
    }
    out.push('\n');
    let theme_of = |r: &Recommendation| {
        outcome
            .synthesis
            .themes
            .iter()
            .find(|t| t.theme.recommendations.contains(&r.id))
    };
    for r in [a, b] {
        let placement = outcome.theme_graph.placement(&r.id);
        if let Some(theme) = theme_of(r) {
            let _ = writeln!(
                out,
                "theme of {}: {} {}",
                r.id, theme.theme.id, theme.theme.label
            );
        }
        let height = outcome
            .theme_graph
            .items
            .iter()
            .find(|i| i.agenda_item == *r.agenda_item)
            .map_or(0.0, |i| i.cut_height);
        if let Some(p) = placement {
            let _ = writeln!(out, "  placed: {}", placement_rule(p, height));
            if matches!(&p.rule, PlacementRule::Alone { nearest } if nearest.is_empty()) {
                let weak = weak_links(outcome, r);
                if !weak.is_empty() {
                    let _ = writeln!(out, "  its links, none strong: {}", weak.join("; "));
                }
            }
        }
        let also: Vec<String> = outcome
            .synthesis
            .themes
            .iter()
            .filter(|t| t.theme.see_also.contains(&r.id))
            .map(|t| format!("{} {}", t.theme.id, t.theme.label))
            .collect();
        if !also.is_empty() {
            let _ = writeln!(out, "  also cross-referenced from {}", also.join("; "));
        }
    }
    let (ta, tb) = (theme_of(a), theme_of(b));
    let verdict = if a.agenda_item != b.agenda_item {
        "different agenda items: themes never span agenda items"
    } else if ta.is_some() && ta.map(|t| &t.theme.id) == tb.map(|t| &t.theme.id) {
        "same theme"
    } else {
        "different themes"
    };
    let _ = writeln!(out, "{verdict}");
    out
}

/// The links of `r` in its item (none strong), strongest first, each with
/// the evidence it lacks.
fn weak_links(outcome: &Outcome, r: &Recommendation) -> Vec<String> {
    let members =
        crate::similarity::item_members(&outcome.synthesis.recommendations, &r.agenda_item);
    let similarity = Similarity::new(&members, &outcome.annotations);
    let Some(i) = members.iter().position(|m| m.id == r.id) else {
        return Vec::new();
    };
    let mut links: Vec<(f64, usize)> = similarity
        .links()
        .iter()
        .filter(|p| p.a as usize == i || p.b as usize == i)
        .map(|p| (p.score, (p.a as usize) + (p.b as usize) - i))
        .collect();
    links.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    links
        .iter()
        .take(3)
        .map(|&(score, o)| {
            let evidence = similarity.evidence(i, o);
            let shared = match (evidence.words.as_slice(), evidence.entities.is_empty()) {
                ([], true) => "nothing that is not ubiquitous in the item".to_string(),
                ([word], true) => format!("one common word, {word}"),
                _ => list(&evidence.words),
            };
            format!("{} ({score:.3}, shares {shared})", members[o].id)
        })
        .collect()
}

/// Which rule placed a recommendation, in words.
fn placement_rule(p: &Placement, height: f64) -> String {
    let links = |links: &[crate::model::LinkedTo]| {
        links
            .iter()
            .map(|l| format!("{} ({:.3})", l.id, l.score))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &p.rule {
        PlacementRule::Plan { origin } => format!("by the rapporteur's plan ({origin})"),
        PlacementRule::Linked { links: l } => format!(
            "by its strong links to the theme's members (each merge that formed the theme joined recommendations whose links averaged at least the item's cut height, {height:.3}): {}",
            links(l)
        ),
        PlacementRule::JoinedPlanned { links: l } => format!(
            "not in the plan; joined the planned theme by its strong links to its members: {}",
            links(l)
        ),
        PlacementRule::Alone { nearest } if nearest.is_empty() => {
            "no link strong enough: its own theme".to_string()
        }
        PlacementRule::Alone { nearest } => format!(
            "no link strong enough: its own theme (its strong links, to {}, average below the item's cut height, {height:.3}, with every theme)",
            links(nearest)
        ),
    }
}
