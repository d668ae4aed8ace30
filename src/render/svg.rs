//! The region × theme matrix of each agenda item as a small inline SVG for
//! the HTML page, drawn here (no Graphviz needed): one row per theme, linked
//! to its section, one column per region that met on the item, a cell
//! filled with the region's colour and the number of its recommendations
//! where the region contributed, left empty where it did not.

use super::graph::region_colour;
use crate::model::{AgendaItemSynthesis, Region, Synthesis};
use std::collections::HashMap;
use std::fmt::Write as _;

const LABEL_WIDTH: usize = 300;
const CELL_WIDTH: usize = 64;
const ROW_HEIGHT: usize = 22;
const HEADER_HEIGHT: usize = 26;
/// Characters of a theme label shown before it is shortened.
const LABEL_CHARS: usize = 44;

/// One SVG per agenda item, in the synthesis's order: (agenda item, SVG).
pub fn matrices(synthesis: &Synthesis) -> Vec<(String, String)> {
    let region_of: HashMap<&str, Region> = synthesis
        .recommendations
        .iter()
        .map(|r| (r.id.as_str(), r.region))
        .collect();
    // Items and regions in their canonical order, whatever order the
    // synthesis holds them in.
    let mut items: Vec<&AgendaItemSynthesis> = synthesis.agenda_items.iter().collect();
    items.sort_by(|a, b| crate::model::natural_cmp(&a.agenda_item, &b.agenda_item));
    items
        .into_iter()
        .map(|item| {
            (
                item.agenda_item.clone(),
                matrix(item, synthesis, &region_of),
            )
        })
        .collect()
}

fn matrix(
    item: &AgendaItemSynthesis,
    synthesis: &Synthesis,
    region_of: &HashMap<&str, Region>,
) -> String {
    let themes: HashMap<&str, _> = synthesis
        .themes
        .iter()
        .map(|t| (t.theme.id.as_str(), t))
        .collect();
    let mut regions = item.regions.clone();
    regions.sort();
    let width = LABEL_WIDTH + CELL_WIDTH * regions.len();
    let height = HEADER_HEIGHT + ROW_HEIGHT * item.themes.len();
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"matrix\" role=\"img\" \
         viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\">\
         <title>Regions and themes under agenda item {}</title>",
        super::xml::escape(&item.agenda_item)
    );
    for (column, region) in regions.iter().enumerate() {
        let x = LABEL_WIDTH + column * CELL_WIDTH + CELL_WIDTH / 2;
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{}\">\
             <title>{}</title>{}</text>",
            HEADER_HEIGHT - 8,
            region_colour(*region),
            super::xml::escape(region.name()),
            region.code()
        );
    }
    for (row, id) in item.themes.iter().enumerate() {
        let Some(theme) = themes.get(id.as_str()) else {
            continue;
        };
        let y = HEADER_HEIGHT + row * ROW_HEIGHT;
        if row % 2 == 0 {
            let _ = write!(
                out,
                "<rect x=\"0\" y=\"{y}\" width=\"{width}\" height=\"{ROW_HEIGHT}\" fill=\"#f4f4f4\"/>"
            );
        }
        let number = format!("{}.{}", item.agenda_item, row + 1);
        let label = crate::text::shorten(&theme.theme.label, LABEL_CHARS);
        let _ = write!(
            out,
            "<a href=\"#{}\"><text x=\"4\" y=\"{}\" fill=\"#1f4e79\"><title>{} {}</title>{} {}</text></a>",
            super::context::anchor("theme", id),
            y + ROW_HEIGHT - 7,
            super::xml::escape(&number),
            super::xml::escape(&theme.theme.label),
            super::xml::escape(&number),
            super::xml::escape(&label)
        );
        let mut counts: HashMap<Region, usize> = HashMap::new();
        for rid in &theme.theme.recommendations {
            if let Some(region) = region_of.get(rid.as_str()) {
                *counts.entry(*region).or_default() += 1;
            }
        }
        for (column, region) in regions.iter().enumerate() {
            let x = LABEL_WIDTH + column * CELL_WIDTH + 4;
            let (w, h) = (CELL_WIDTH - 8, ROW_HEIGHT - 6);
            match counts.get(region) {
                Some(&n) => {
                    let _ = write!(
                        out,
                        "<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{h}\" rx=\"3\" fill=\"{}\">\
                         <title>{}: {} {}</title></rect>\
                         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#fff\">{n}</text>",
                        y + 3,
                        region_colour(*region),
                        super::xml::escape(region.name()),
                        n,
                        if n == 1 { "recommendation" } else { "recommendations" },
                        x + w / 2,
                        y + ROW_HEIGHT - 7,
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{h}\" rx=\"3\" fill=\"none\" \
                         stroke=\"#ccc\"><title>{}: none</title></rect>",
                        y + 3,
                        super::xml::escape(region.name())
                    );
                }
            }
        }
    }
    out.push_str("</svg>");
    out
}
