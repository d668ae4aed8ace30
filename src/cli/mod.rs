//! The command line: argument definitions and dispatch. Each command's body
//! lives in its own file and returns an exit status.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

mod check;
mod draft;
mod explain;
mod extract;
mod generate;
mod plan;
mod templates;
mod themes;
mod trace;

/// The exit-status table, shown by `--help` and kept in the README.
pub const EXIT_STATUS: &str = "\
Exit status:
  0  success (for `check`: no findings; with --warnings-ok: no errors)
  1  errors in the input, findings of `check`, an id or phrase not in the
     corpus, a template error, the output folder unusable or held by
     another run
  2  usage error: the command line is malformed (unknown flag or command,
     missing or invalid argument)";

#[derive(Debug, Parser)]
#[command(
    name = "rapporteur",
    version,
    about = "Drafts a cross-regional synthesis of UN regional preparatory meeting reports",
    long_about = "Drafts a cross-regional synthesis of UN regional preparatory meeting reports.\n\nWith no command, runs `draft` (on seeds/ into output/ unless told otherwise): `rapporteur -q` is `rapporteur draft -q`.",
    after_help = EXIT_STATUS,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The draft's arguments, for `rapporteur` without a command.
    #[command(flatten)]
    pub draft: DraftArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the draft synthesis (Markdown, HTML, .docx, JSON)
    Draft(DraftArgs),
    /// List the recommendations read from the reports
    Extract(ExtractArgs),
    /// Lint a corpus: lettering gaps and repeats, unknown regions, unreadable files
    ///
    /// Exits 1 when there is any finding, warnings included (a linter's
    /// convention, unlike `draft`, which exits 0 on warnings); with
    /// --warnings-ok, only errors make it exit 1.
    Check(CheckArgs),
    /// Show the themes with their members and regional positions
    Themes(ThemesArgs),
    /// Explain why two recommendations are (or are not) in one theme
    Explain(ExplainArgs),
    /// Find a recommendation by id or phrase and show its source and theme
    Trace(TraceArgs),
    /// Write the themes as an editable plan file that later runs apply (--plan)
    Plan(PlanArgs),
    /// Export the default templates for editing (`export`), or list where
    /// each template is loaded from (`list`)
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Write a synthetic corpus for benchmarks and tests
    Generate(GenerateArgs),
    /// Time each stage on generated corpora of growing size
    Bench(BenchArgs),
    /// Print a shell completion script (e.g. `rapporteur completions bash >
    /// ~/.local/share/bash-completion/completions/rapporteur`)
    Completions { shell: clap_complete::Shell },
}

/// Where reports come from, shared by every command that reads a corpus.
#[derive(Debug, Clone, Args, Default)]
pub struct InputArgs {
    /// Report files or folders [default: seeds/, or the embedded seeds when
    /// there is no seeds/ folder]
    pub paths: Vec<PathBuf>,
    /// Gazetteer file replacing the embedded one (see `data/entities.toml`)
    #[arg(long, value_name = "FILE")]
    pub entities: Option<PathBuf>,
    /// Stop at the first problem in the input instead of warning and going on
    #[arg(long)]
    pub strict: bool,
    /// The rapporteur's theme plan (see `rapporteur plan`), applied to the themes
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// Print nothing on stdout or stderr but errors (and what was asked for)
    #[arg(long, short)]
    pub quiet: bool,
}

impl InputArgs {
    /// The pipeline's input: a progress bar only when not quiet.
    pub fn pipeline_input(&self) -> crate::pipeline::Input {
        crate::pipeline::Input {
            paths: self.paths.clone(),
            gazetteer: self.entities.clone(),
            strict: self.strict,
            plan: self.plan.clone(),
            progress: !self.quiet,
        }
    }

    /// Runs every stage, then prints the input's diagnostics and summary.
    pub fn run_pipeline(&self) -> crate::Result<crate::pipeline::Outcome> {
        let outcome = crate::pipeline::run(&self.pipeline_input())?;
        self.report(&outcome.corpus);
        Ok(outcome)
    }

    /// Reads the reports only, then prints their diagnostics and summary.
    pub fn read_reports(&self) -> crate::Result<crate::model::Corpus> {
        let corpus = crate::pipeline::read(&self.pipeline_input())?;
        self.report(&corpus);
        Ok(corpus)
    }

    /// Diagnostics and the summary line on stderr, unless quiet.
    fn report(&self, corpus: &crate::model::Corpus) {
        if self.quiet {
            return;
        }
        for d in &corpus.diagnostics {
            eprintln!("{d}");
        }
        eprintln!("rapporteur: {}", self.summary(corpus));
    }

    /// The input's summary line; the embedded seeds are called so, not
    /// "files read" (there are no files).
    pub fn summary(&self, corpus: &crate::model::Corpus) -> String {
        let line = crate::ingest::summary(corpus);
        if !self.paths.is_empty() || std::path::Path::new("seeds").is_dir() {
            return line;
        }
        let count = corpus.files_read;
        let files = crate::text::plural(count, "file read", "files read");
        match line.strip_prefix(&files) {
            Some(rest) => format!(
                "{}{rest}",
                crate::text::plural(
                    count,
                    "embedded seed report read",
                    "embedded seed reports read"
                )
            ),
            None => line,
        }
    }
}

#[derive(Debug, Clone, Args, Default)]
pub struct DraftArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    /// Folder of templates overriding the embedded ones
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Overwrite drafts edited by hand since they were generated
    #[arg(long)]
    pub force: bool,
    /// Write only these formats (comma-separated: md, html, docx, json)
    #[arg(long, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Exit 0 when the findings are only warnings
    #[arg(long)]
    pub warnings_ok: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print a JSON array of recommendations instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ThemesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print JSON (`{"recommendations": [...], "themes": [...]}`)
    #[arg(long, conflicts_with_all = ["dot", "svg"])]
    pub json: bool,
    /// Print the theme map in Graphviz DOT (lay it out with
    /// `dot -Tsvg > themes.svg`)
    #[arg(long, conflicts_with = "svg")]
    pub dot: bool,
    /// Print the theme map as SVG, laid out by Graphviz's `dot` (needs
    /// Graphviz installed)
    #[arg(long)]
    pub svg: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Plan file to write [default: stdout; with --update, the --plan file]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
    /// Write the --plan file back with the recommendations it does not name
    /// added where the clustering placed them
    #[arg(long, requires = "plan")]
    pub update: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// First recommendation id (e.g. EU-6-17l)
    pub first: String,
    /// Second recommendation id
    pub second: String,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Args)]
pub struct TraceArgs {
    /// A recommendation id (e.g. EU-6-17l) or a phrase from its text
    pub query: String,
    #[command(flatten)]
    pub input: InputArgs,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Subcommand)]
pub enum TemplatesCommand {
    /// Write the default templates into DIR
    Export {
        dir: PathBuf,
        /// Overwrite files already there
        #[arg(long)]
        force: bool,
        /// Print nothing but errors
        #[arg(long, short)]
        quiet: bool,
    },
    /// List the templates and where each would be loaded from
    List {
        /// Folder of overriding templates
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Output folder
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Number of recommendations to write (spread over reports)
    #[arg(long, default_value_t = 1000)]
    pub recommendations: usize,
    /// Random seed, for reproducible corpora
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Seed corpus to take words and layouts from [default: the embedded seeds]
    #[arg(long = "from", value_name = "PATH")]
    pub from: Vec<PathBuf>,
    /// Recombine the seed recommendations, so that wordings repeat, instead
    /// of writing every recommendation as a new wording
    #[arg(long)]
    pub repeat: bool,
    /// Print nothing but errors
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// Corpus sizes, in recommendations (comma-separated)
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    pub sizes: Vec<usize>,
    /// Also time the scikit-learn baseline script on each corpus
    #[arg(long)]
    pub baseline: bool,
    /// The baseline script
    #[arg(
        long,
        value_name = "FILE",
        default_value = "../shared/bench/baseline_sklearn.py"
    )]
    pub baseline_script: PathBuf,
    /// Random seed of the generated corpora
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Corpora of recombined seed recommendations (wordings repeat) instead
    /// of every recommendation a new wording
    #[arg(long)]
    pub repeat: bool,
    /// Runs per size: every time reported (each stage, the floor, the
    /// `draft` command, the baseline) is the best of these runs, so that a
    /// busy moment of the machine does not decide a ratio
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
    /// Measure the corpus in DIR in this process and print JSON (used per
    /// size, so each size's peak memory is its own)
    #[arg(long, value_name = "DIR", hide = true)]
    pub measure: Option<PathBuf>,
}

/// Parses the process arguments and runs; returns the exit status
/// (0 success, 1 findings or errors in the input, 2 usage error).
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    if let Some(e) = mistyped_command(&cli) {
        let _ = e.print();
        return 2;
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rapporteur: {e}");
            e.exit_code()
        }
    }
}

/// Without a command, a first path that does not exist and reads like a
/// command misspelled (`rapporteur drfat`) is a usage error naming the
/// command meant, not a missing report.
fn mistyped_command(cli: &Cli) -> Option<clap::Error> {
    if cli.command.is_some() {
        return None;
    }
    let first = cli.draft.input.paths.first()?;
    let word = first.to_str().filter(|w| !w.contains(['/', '.', '\\']))?;
    if first.exists() {
        return None;
    }
    let mut command = <Cli as clap::CommandFactory>::command();
    let meant = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| strsim::levenshtein(word, name) <= 2)
        .min_by_key(|name| strsim::levenshtein(word, name))?;
    Some(command.error(
        clap::error::ErrorKind::InvalidSubcommand,
        format!("unrecognized command '{word}' (no such file or folder either); did you mean '{meant}'?"),
    ))
}

pub fn run(cli: Cli) -> crate::Result<i32> {
    match cli.command.unwrap_or(Command::Draft(cli.draft)) {
        Command::Draft(a) => draft::run(&a),
        Command::Extract(a) => extract::run(&a),
        Command::Check(a) => check::run(&a),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "rapporteur", &mut std::io::stdout());
            Ok(0)
        }
        Command::Themes(a) => themes::run(&a),
        Command::Explain(a) => explain::run(&a),
        Command::Plan(a) => plan::run(&a),
        Command::Trace(a) => trace::run(&a),
        Command::Templates(c) => templates::run(&c),
        Command::Generate(a) => generate::run(&a),
        Command::Bench(a) => crate::dev::bench::run(&a),
    }
}
