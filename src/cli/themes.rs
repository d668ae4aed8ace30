//! `rapporteur themes`: the themes of each agenda item with their members
//! and regional positions, as text, JSON, Graphviz DOT or SVG. The
//! renderings live in `render::listing` and `render::graph`.

use super::ThemesArgs;
use crate::render::{graph, listing};
use std::io::Write;

pub fn run(args: &ThemesArgs) -> crate::Result<i32> {
    let outcome = args.input.run_pipeline()?;
    let out = if args.json {
        let json = serde_json::to_string_pretty(&outcome.synthesis)
            .map_err(|e| crate::Error::Other(format!("cannot write JSON: {e}")))?;
        (json + "\n").into_bytes()
    } else if args.dot {
        graph::dot(&outcome.theme_graph, &outcome.synthesis).into_bytes()
    } else if args.svg {
        graph::svg(&graph::dot(&outcome.theme_graph, &outcome.synthesis))?
    } else {
        listing::text(&outcome.synthesis).into_bytes()
    };
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| crate::Error::io("standard output", e))?;
    Ok(if outcome.corpus.has_errors() { 1 } else { 0 })
}
