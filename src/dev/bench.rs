//! `rapporteur bench`: times each stage on generated corpora of growing
//! size, against the floor of merely reading and tokenising the files, and
//! optionally against the scikit-learn baseline script.
//!
//! Each size is measured in a fresh child process (this same binary with
//! the hidden `--measure`), so its peak memory (VmHWM) is its own.

use crate::cli::BenchArgs;
use crate::pipeline::{Input, Stage};
use crate::render::{Format, RenderOptions};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Seconds per stage for one corpus, and the peak memory of the process.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Measurement {
    recommendations: usize,
    /// Distinct recommendation texts: what the similarity really works on.
    #[serde(default)]
    distinct: usize,
    files: usize,
    floor: f64,
    ingest: f64,
    entities: f64,
    /// Links scored, agenda items in parallel, as `draft`.
    #[serde(default)]
    similarity: f64,
    /// Themes formed from the links, agenda items in parallel.
    #[serde(default)]
    themes: f64,
    positions: f64,
    render_json: f64,
    /// ingest + entities + similarity + themes + positions + render, as
    /// `draft`.
    total: f64,
    /// total / floor of each run: a ratio of two times taken in the same
    /// run, where the best total and the best floor may come from runs
    /// the machine treated differently.
    #[serde(default)]
    run_ratios: Vec<f64>,
    peak_mib: Option<f64>,
    /// Wall time of the whole `rapporteur draft --format json` command on
    /// the corpus (start-up, reading, every stage, writing the file): what
    /// is compared with the baseline script, which is timed the same way.
    #[serde(default)]
    draft_command: f64,
    /// Wall time of the default `rapporteur draft`: all four formats.
    #[serde(default)]
    full_draft_command: f64,
}

impl Measurement {
    /// Each time the best of two runs on the same corpus (and the higher
    /// peak memory, to stay on the safe side).
    fn best_with(&self, other: &Measurement) -> Measurement {
        Measurement {
            recommendations: self.recommendations,
            distinct: self.distinct,
            files: self.files,
            floor: self.floor.min(other.floor),
            ingest: self.ingest.min(other.ingest),
            entities: self.entities.min(other.entities),
            similarity: self.similarity.min(other.similarity),
            themes: self.themes.min(other.themes),
            positions: self.positions.min(other.positions),
            render_json: self.render_json.min(other.render_json),
            total: self.total.min(other.total),
            run_ratios: [self.run_ratios.as_slice(), &other.run_ratios].concat(),
            peak_mib: match (self.peak_mib, other.peak_mib) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            },
            draft_command: self.draft_command.min(other.draft_command),
            full_draft_command: self.full_draft_command.min(other.full_draft_command),
        }
    }
}

/// What the baseline script did on one corpus.
#[derive(Debug, Clone)]
enum BaselineOutcome {
    Seconds(f64),
    Failed(String),
}

pub fn run(args: &BenchArgs) -> crate::Result<i32> {
    if let Some(dir) = &args.measure {
        let measurement = measure(dir)?;
        let line = serde_json::to_string(&measurement)
            .map_err(|e| crate::Error::Other(format!("cannot encode measurement: {e}")))?;
        println!("{line}");
        return Ok(0);
    }
    if args.sizes.is_empty() {
        return Err(crate::Error::Usage(
            "--sizes needs at least one size (e.g. --sizes 1000,10000)".into(),
        ));
    }
    let seeds = crate::ingest::read_corpus(&[]);
    let mut rows = Vec::new();
    for &size in &args.sizes {
        let dir = tempfile::tempdir().map_err(|e| crate::Error::io(std::env::temp_dir(), e))?;
        let reports = if args.repeat {
            super::synthetic::generate(&seeds, size, args.seed)?
        } else {
            super::synthetic::generate_distinct(&seeds, size, args.seed)?
        };
        super::synthetic::write_reports(dir.path(), &reports)?;
        eprintln!("bench: {size} recommendations in {} files", reports.len());
        let mut measurement = measure_in_child(dir.path())?;
        measurement.draft_command = time_draft_command(dir.path(), Some("json"))?;
        measurement.full_draft_command = time_draft_command(dir.path(), None)?;
        let mut baseline = args
            .baseline
            .then(|| run_baseline(&args.baseline_script, dir.path()));
        for _ in 1..args.runs {
            let mut again = measure_in_child(dir.path())?;
            again.draft_command = time_draft_command(dir.path(), Some("json"))?;
            again.full_draft_command = time_draft_command(dir.path(), None)?;
            measurement = measurement.best_with(&again);
            if let Some(BaselineOutcome::Seconds(best)) = baseline {
                if let BaselineOutcome::Seconds(s) = run_baseline(&args.baseline_script, dir.path())
                {
                    baseline = Some(BaselineOutcome::Seconds(best.min(s)));
                }
            }
        }
        rows.push((measurement, baseline));
    }
    println!(
        "Machine: {}, {} threads; each time is the best of {} run(s); \"median run\" is the median of each run's own total/floor.\n",
        machine(),
        rayon::current_num_threads(),
        args.runs
    );
    print!("{}", table(&rows));
    Ok(0)
}

/// Runs this binary on one corpus and reads back its measurement.
fn measure_in_child(dir: &Path) -> crate::Result<Measurement> {
    let exe = std::env::current_exe().map_err(|e| crate::Error::io("current executable", e))?;
    let output = Command::new(&exe)
        .arg("bench")
        .arg("--measure")
        .arg(dir)
        .output()
        .map_err(|e| crate::Error::io(&exe, e))?;
    if !output.status.success() {
        return Err(crate::Error::Other(format!(
            "measuring {} failed: {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| {
        crate::Error::Other(format!(
            "cannot read the measurement of {}: {e}",
            dir.display()
        ))
    })
}

/// Runs `rapporteur draft` on the corpus (with `--format` when given) and
/// times it.
fn time_draft_command(dir: &Path, format: Option<&str>) -> crate::Result<f64> {
    let exe = std::env::current_exe().map_err(|e| crate::Error::io("current executable", e))?;
    // Written apart from the corpus, so that it is never read as input.
    let out = tempfile::tempdir().map_err(|e| crate::Error::io(std::env::temp_dir(), e))?;
    let start = Instant::now();
    let status = Command::new(&exe)
        .arg("draft")
        .arg(dir)
        .args(format.map(|f| ["--format", f]).into_iter().flatten())
        .args(["--quiet", "--force", "--output"])
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| crate::Error::io(&exe, e))?;
    let seconds = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(crate::Error::Other(format!(
            "`rapporteur draft` failed on {}",
            dir.display()
        )));
    }
    Ok(seconds)
}

/// Seconds taken by `f`, with its result.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed().as_secs_f64())
}

/// Times every stage on the corpus in `dir`, in this process, through the
/// pipeline every command uses.
fn measure(dir: &Path) -> crate::Result<Measurement> {
    let paths = report_files(dir)?;
    // Once untimed first, so that the floor, like ingest after it, reads
    // files the system already holds in memory: a floor that includes disk
    // reads ingest does not pay would flatter the ratio.
    read_and_tokenise(&paths);
    let (_, floor) = timed(|| read_and_tokenise(&paths));
    let mut stages = [0.0; Stage::ALL.len()];
    let outcome = crate::pipeline::run_observed(
        &Input::paths(vec![dir.to_path_buf()]),
        &mut |stage, took| {
            stages[stage as usize] = took.as_secs_f64();
        },
    )?;
    let options = RenderOptions {
        templates: None,
        formats: vec![Format::Json],
    };
    let (json, render_json) = timed(|| crate::render::render_all(&outcome.synthesis, &options));
    json?;
    let [ingest, entities, similarity, themes, positions] = stages;
    let total = ingest + entities + similarity + themes + positions + render_json;
    Ok(Measurement {
        recommendations: outcome.synthesis.recommendations.len(),
        distinct: outcome
            .synthesis
            .recommendations
            .iter()
            .map(|r| &*r.text)
            .collect::<std::collections::HashSet<_>>()
            .len(),
        files: paths.len(),
        floor,
        ingest,
        entities,
        similarity,
        themes,
        positions,
        render_json,
        total,
        run_ratios: vec![total / floor.max(1e-9)],
        peak_mib: peak_memory_mib(),
        // Timed by the parent, in a process of its own.
        draft_command: 0.0,
        full_draft_command: 0.0,
    })
}

/// The report files of a generated corpus, sorted.
fn report_files(dir: &Path) -> crate::Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| crate::Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The floor any tool pays: read every file and split it into lowercase
/// word tokens. Returns the token count so the work is not optimised away.
fn read_and_tokenise(paths: &[PathBuf]) -> usize {
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|bytes| {
            let text = String::from_utf8_lossy(&bytes);
            let tokens: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            tokens.len()
        })
        .sum()
}

/// The processor's model name (Linux), for the results table.
fn machine() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, name)| name.trim().to_string())
        })
        .unwrap_or_else(|| "unknown processor".to_string())
}

/// Peak resident memory of this process (Linux `VmHWM`), in MiB.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Runs the scikit-learn script on the corpus in `dir` and times it.
fn run_baseline(script: &Path, dir: &Path) -> BaselineOutcome {
    let files = match report_files(dir) {
        Ok(files) => files,
        Err(e) => return BaselineOutcome::Failed(e.to_string()),
    };
    let out = dir.join("baseline.json");
    let start = Instant::now();
    let result = Command::new("python3")
        .arg(script)
        .arg(&out)
        .arg("0.8")
        .args(&files)
        .output();
    let seconds = start.elapsed().as_secs_f64();
    match result {
        Ok(output) if output.status.success() => BaselineOutcome::Seconds(seconds),
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().last().unwrap_or("").trim().to_string();
            let killed = output.status.code().is_none() || last.contains("MemoryError");
            BaselineOutcome::Failed(if killed {
                format!("out of memory/failed ({last})")
            } else {
                format!("failed: {last}")
            })
        }
        Err(e) => BaselineOutcome::Failed(format!("failed to start python3: {e}")),
    }
}

/// The Markdown results table, then growth ratios between sizes.
fn table(rows: &[(Measurement, Option<BaselineOutcome>)]) -> String {
    let with_baseline = rows.iter().any(|(_, b)| b.is_some());
    let mut out = String::from(
        "| recommendations | distinct wordings | files | read+tokenise floor | ingest | entities | similarity | themes | positions | render JSON | total | total/floor | total/floor, median run | peak memory | `draft --format json` | `draft` (4 formats) |",
    );
    if with_baseline {
        out.push_str(" baseline (sklearn) | speed-up |");
    }
    out.push('\n');
    let columns = if with_baseline { 18 } else { 16 };
    out.push_str(&format!("|{}\n", "---|".repeat(columns)));
    for (m, baseline) in rows {
        let peak = m
            .peak_mib
            .map_or("n/a".to_string(), |p| format!("{p:.0} MiB"));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.1} | {:.1} | {} | {} | {} |",
            m.recommendations,
            m.distinct,
            m.files,
            seconds(m.floor),
            seconds(m.ingest),
            seconds(m.entities),
            seconds(m.similarity),
            seconds(m.themes),
            seconds(m.positions),
            seconds(m.render_json),
            seconds(m.total),
            m.total / m.floor.max(1e-9),
            median(&m.run_ratios),
            peak,
            seconds(m.draft_command),
            seconds(m.full_draft_command)
        ));
        match baseline {
            Some(BaselineOutcome::Seconds(s)) => out.push_str(&format!(
                " {} | {:.1}x |",
                seconds(*s),
                s / m.draft_command.max(1e-9)
            )),
            Some(BaselineOutcome::Failed(why)) => out.push_str(&format!(" {why} | n/a |")),
            None if with_baseline => out.push_str(" not run | n/a |"),
            None => {}
        }
        out.push('\n');
    }
    out.push_str(
        "\ntotal = ingest + entities + similarity (links scored) + themes \
         (clustering and naming) + positions + render JSON, timed through the \
         pipeline `draft` uses.\n",
    );
    for (m, _) in rows {
        out.push_str(&format!(
            "\nFour formats against JSON only at {}: x{:.1}",
            m.recommendations,
            m.full_draft_command / m.draft_command.max(1e-9)
        ));
    }
    out.push('\n');
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0].0, &pair[1].0);
        out.push_str(&format!(
            "\nGrowth {} -> {} recommendations ({:.0}x more): total time x{:.1}, `draft --format json` x{:.1}, four-format `draft` x{:.1}, floor x{:.1}",
            a.recommendations,
            b.recommendations,
            b.recommendations as f64 / a.recommendations.max(1) as f64,
            b.total / a.total.max(1e-9),
            b.draft_command / a.draft_command.max(1e-9),
            b.full_draft_command / a.full_draft_command.max(1e-9),
            b.floor / a.floor.max(1e-9),
        ));
    }
    if rows.len() > 1 {
        out.push('\n');
    }
    out
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Seconds with a precision suited to their size.
fn seconds(s: f64) -> String {
    if s < 1.0 {
        format!("{:.1} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}
