//! `generate`: writes a synthetic corpus, every recommendation a new
//! wording unless `--repeat` asks for the seeds recombined.

use super::GenerateArgs;

pub fn run(args: &GenerateArgs) -> crate::Result<i32> {
    let seeds = crate::ingest::read_corpus(&args.from);
    let reports = if args.repeat {
        crate::dev::synthetic::generate(&seeds, args.recommendations, args.seed)?
    } else {
        crate::dev::synthetic::generate_distinct(&seeds, args.recommendations, args.seed)?
    };
    crate::dev::synthetic::write_reports(&args.output, &reports)?;
    eprintln!(
        "wrote {} recommendations in {} reports to {}",
        args.recommendations,
        reports.len(),
        args.output.display()
    );
    Ok(0)
}
