//! The readable listing of `rapporteur themes`: per agenda item, each theme
//! with its regions, convergence, members and nuances.

use crate::model::{Nuance, Recommendation, Region, Synthesis};
use crate::text::{plural, shorten};
use std::collections::HashMap;
use std::fmt::Write as _;

fn region_codes(regions: &[Region]) -> String {
    regions
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Readable listing: per agenda item, each theme with its regions,
/// convergence, members and nuances.
pub fn text(synthesis: &Synthesis) -> String {
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
                t.position.convergence.label(),
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
