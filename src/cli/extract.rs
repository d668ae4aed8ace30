//! `rapporteur extract`: the recommendations read from the reports, as an
//! aligned table or a JSON array.

use super::ExtractArgs;
use crate::model::Recommendation;
use crate::text::shorten;

/// Characters of recommendation text shown in the table.
const TEXT_WIDTH: usize = 60;

pub fn run(args: &ExtractArgs) -> crate::Result<i32> {
    let corpus = args.input.read_reports()?;
    let recommendations: Vec<&Recommendation> = corpus.recommendations().collect();
    if args.json {
        let json = serde_json::to_string_pretty(&recommendations)
            .map_err(|e| crate::Error::Other(format!("cannot write JSON: {e}")))?;
        println!("{json}");
    } else {
        print!("{}", table(&recommendations));
    }
    Ok(if corpus.has_errors() { 1 } else { 0 })
}

fn table(recommendations: &[&Recommendation]) -> String {
    let header = ["id", "region", "item", "ref", "source", "text"].map(String::from);
    let rows: Vec<[String; 6]> = recommendations
        .iter()
        .map(|r| {
            [
                r.id.clone(),
                r.region.code().to_string(),
                r.agenda_item.to_string(),
                r.reference(),
                format!("{}:{}", r.file, r.line),
                shorten(&r.text, TEXT_WIDTH),
            ]
        })
        .collect();
    let mut widths = [0usize; 6];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, w))| {
                if i == 5 {
                    cell.clone()
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
