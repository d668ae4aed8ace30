//! `rapporteur trace`: finds a recommendation by id or phrase and shows its
//! source, its theme and the other regions' recommendations in that theme.

use super::TraceArgs;
use crate::render::provenance::{self, Trace};

pub fn run(args: &TraceArgs) -> crate::Result<i32> {
    let outcome = args.input.run_pipeline()?;
    let traces = provenance::find(&outcome.synthesis, &args.query);
    if args.json {
        let json = serde_json::to_string_pretty(&traces)
            .map_err(|e| crate::Error::Other(format!("cannot write JSON: {e}")))?;
        println!("{json}");
    } else {
        for (i, trace) in traces.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print!("{}", describe(trace));
        }
    }
    if traces.is_empty() {
        eprintln!(
            "rapporteur: no recommendation has the id or contains the phrase {:?}",
            args.query
        );
        return Ok(1);
    }
    if traces.len() > 1 && !args.input.quiet {
        eprintln!("{} recommendations match {:?}", traces.len(), args.query);
    }
    Ok(0)
}

fn describe(trace: &Trace) -> String {
    let r = &trace.recommendation;
    let mut out = format!(
        "{}  {}  (agenda item {})\n",
        r.id, trace.citation, r.agenda_item
    );
    match r.page {
        Some(page) => out.push_str(&format!("  source: {}:{} (page {page})\n", r.file, r.line)),
        None => out.push_str(&format!("  source: {}:{}\n", r.file, r.line)),
    }
    out.push_str(&format!("  region: {}\n", r.region));
    out.push_str(&format!("  text:   {}\n", r.text));
    match &trace.theme {
        None => out.push_str("  theme:  none\n"),
        Some(theme) => {
            let regions: Vec<&str> = theme.regions.iter().map(|r| r.name()).collect();
            out.push_str(&format!(
                "  theme:  {} {} ({}; {})\n",
                theme.id,
                theme.label,
                theme.convergence.label(),
                regions.join(", ")
            ));
            let others = [
                ("other regions in this theme", &theme.other_regions),
                ("same region in this theme", &theme.same_region),
            ];
            for (title, list) in others {
                if list.is_empty() {
                    continue;
                }
                out.push_str(&format!("  {title}:\n"));
                for o in list.iter() {
                    out.push_str(&format!(
                        "    {} {}  {}  {}:{}\n      {}\n",
                        o.region,
                        o.reference(),
                        o.id,
                        o.file,
                        o.line,
                        o.text
                    ));
                }
            }
        }
    }
    out
}
