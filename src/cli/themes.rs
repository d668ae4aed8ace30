//! `rapporteur themes`: the themes of each agenda item with their members
//! and regional positions, as text, JSON or Graphviz DOT.

use super::ThemesArgs;
use crate::model::{Convergence, Nuance, Recommendation, Region, ThemeGraph};
use crate::pipeline::Outcome;
use crate::text::{plural, shorten};
use std::collections::HashMap;
use std::fmt::Write as _;

pub fn run(args: &ThemesArgs) -> crate::Result<i32> {
    let outcome = args.input.run_pipeline()?;
    let out = if args.json {
        serde_json::to_string_pretty(&outcome.synthesis)
            .map_err(|e| crate::Error::Other(format!("cannot write JSON: {e}")))?
            + "\n"
    } else if args.dot {
        dot(&outcome.theme_graph)
    } else {
        text(&outcome)
    };
    print!("{out}");
    Ok(if outcome.corpus.has_errors() { 1 } else { 0 })
}

fn convergence_name(c: Convergence) -> &'static str {
    c.label()
}

fn region_codes(regions: &[Region]) -> String {
    regions
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Readable listing: per agenda item, each theme with its regions,
/// convergence, members and nuances.
pub fn text(outcome: &Outcome) -> String {
    let synthesis = &outcome.synthesis;
    let by_id: HashMap<&str, &Recommendation> = synthesis
        .recommendations
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let themes: HashMap<&str, _> = synthesis
        .themes
        .iter()
        .map(|t| (t.theme.id.as_str(), t))
        .collect();
    let mut out = String::new();
    for item in &synthesis.agenda_items {
        let _ = writeln!(
            out,
            "Agenda item {}{} ({}: {})",
            item.agenda_item,
            item.title
                .as_deref()
                .map(|t| format!(": {}", shorten(t, 80)))
                .unwrap_or_default(),
            plural(item.regions.len(), "meeting", "meetings"),
            region_codes(&item.regions)
        );
        for id in &item.themes {
            let t = themes[id.as_str()];
            let _ = writeln!(
                out,
                "\n  {}  {}\n      {} ({}), {}",
                t.theme.id,
                t.theme.label,
                convergence_name(t.position.convergence),
                region_codes(&t.position.regions),
                plural(
                    t.theme.recommendations.len(),
                    "recommendation",
                    "recommendations"
                )
            );
            for rid in &t.theme.recommendations {
                if let Some(r) = by_id.get(rid.as_str()) {
                    let _ = writeln!(
                        out,
                        "      {:<4}{:<9}{:<10} {}",
                        r.region.code(),
                        r.reference(),
                        r.id,
                        shorten(&r.text, 70)
                    );
                }
            }
            for n in &t.position.nuances {
                let _ = writeln!(out, "      - {}", nuance_text(n));
            }
        }
        out.push('\n');
    }
    out
}

fn nuance_text(n: &Nuance) -> String {
    match n {
        Nuance::Hedge {
            hedged,
            operative,
            hedged_sources,
            operative_sources,
            ..
        } => format!(
            "hedged asks from {} ({}) beside operative ones from {} ({})",
            region_codes(hedged),
            hedged_sources.join(", "),
            region_codes(operative),
            operative_sources.join(", ")
        ),
        Nuance::SharedWording {
            regions,
            sources,
            phrase,
            ..
        } => format!(
            "shared wording between {}: \"{}\" ({})",
            region_codes(regions),
            phrase,
            sources.join(", ")
        ),
    }
}

fn dot_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Graphviz DOT: one cluster per theme, nodes labelled with recommendation
/// ids, edges with their scores.
pub fn dot(graph: &ThemeGraph) -> String {
    let mut out = String::from("graph themes {\n  node [shape=box, fontsize=10];\n");
    for item in &graph.items {
        for theme in &item.themes {
            let _ = writeln!(
                out,
                "  subgraph {} {{\n    label={};",
                dot_quote(&format!("cluster_{}", theme.id)),
                dot_quote(&format!("{} {}", theme.id, theme.label))
            );
            for id in &theme.recommendations {
                let _ = writeln!(out, "    {};", dot_quote(id));
            }
            out.push_str("  }\n");
        }
        for e in item.graph.edge_indices() {
            if let Some((a, b)) = item.graph.edge_endpoints(e) {
                let _ = writeln!(
                    out,
                    "  {} -- {} [label=\"{:.2}\"];",
                    dot_quote(&item.graph[a]),
                    dot_quote(&item.graph[b]),
                    item.graph[e].score
                );
            }
        }
    }
    out.push_str("}\n");
    out
}
