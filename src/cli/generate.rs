//! `generate`: writes a synthetic corpus recombined from the seeds.

use super::GenerateArgs;

pub fn run(args: &GenerateArgs) -> crate::Result<i32> {
    let seeds = crate::ingest::read_corpus(&args.from);
    let reports = crate::dev::synthetic::generate(&seeds, args.recommendations, args.seed)?;
    crate::dev::synthetic::write_reports(&args.output, &reports)?;
    eprintln!(
        "wrote {} recommendations in {} reports to {}",
        args.recommendations,
        reports.len(),
        args.output.display()
    );
    Ok(0)
}
