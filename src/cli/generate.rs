//! `generate`: writes a synthetic corpus, every recommendation a new
//! wording unless `--repeat` asks for the seeds recombined.

use super::GenerateArgs;

/// Most recommendations a generated corpus may hold: ten times the largest
/// corpus the bench measures, and a few gigabytes of text at most.
const MAX_RECOMMENDATIONS: usize = 10_000_000;

pub fn run(args: &GenerateArgs) -> crate::Result<i32> {
    if args.recommendations > MAX_RECOMMENDATIONS {
        return Err(crate::Error::Usage(format!(
            "--recommendations {} is more than the {MAX_RECOMMENDATIONS} a generated corpus may hold (expected a number up to {MAX_RECOMMENDATIONS})",
            args.recommendations
        )));
    }
    let seeds = crate::ingest::read_corpus(&args.from);
    let reports = if args.repeat {
        crate::dev::synthetic::generate(&seeds, args.recommendations, args.seed)?
    } else {
        crate::dev::synthetic::generate_distinct(&seeds, args.recommendations, args.seed)?
    };
    crate::dev::synthetic::write_reports(&args.output, &reports)?;
    if args.quiet {
        return Ok(0);
    }
    eprintln!(
        "wrote {} recommendations in {} reports to {}",
        args.recommendations,
        reports.len(),
        args.output.display()
    );
    Ok(0)
}
