//! Builders shared by every suite: the binary under test, the seed
//! fixture and a recommendation.
#![allow(dead_code)]

use rapporteur::model::{EntityAnnotations, Recommendation, Region, Synthesis};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// The project's root, where `seeds/` and `templates/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed reports' folder.
pub fn seeds_dir() -> PathBuf {
    root().join("seeds")
}

/// The seed files, sorted by name.
pub fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The text of one seed report, by its file name.
pub fn seed_text(name: &str) -> String {
    std::fs::read_to_string(seeds_dir().join(name)).unwrap()
}

/// The text of `name` in `dir`.
pub fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// The names of the entries of `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The synthesis of the seeds, computed once for the whole test binary.
pub fn seeds_synthesis() -> &'static Synthesis {
    static SYNTHESIS: OnceLock<Synthesis> = OnceLock::new();
    SYNTHESIS.get_or_init(|| {
        rapporteur::pipeline::run(&rapporteur::pipeline::Input::paths(vec![seeds_dir()]))
            .expect("the pipeline runs on the seeds")
            .synthesis
    })
}

/// A recommendation of agenda item 6, paragraph 1, lettered by `index`
/// (`a`…`z`, then `aa`…).
pub fn recommendation(region: Region, index: usize, text: &str) -> Recommendation {
    let letter = ((b'a' + (index % 26) as u8) as char)
        .to_string()
        .repeat(index / 26 + 1);
    Recommendation {
        id: format!("{}-6-1{}", region.code(), letter),
        region,
        agenda_item: "6".into(),
        meeting_item: None,
        meeting: None,
        paragraph: 1,
        letter,
        text: text.into(),
        attributed_states: Vec::new(),
        file: "test.txt".into(),
        line: index + 1,
        page: None,
    }
}

/// The binary as a plain `assert_cmd` command, run from the project's root
/// with a timeout: for suites that want `assert()` and predicates.
pub fn command() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("rapporteur").unwrap();
    command
        .current_dir(root())
        .timeout(Duration::from_secs(300));
    command
}

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the run's output unless it exited with `code`.
    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "exit status\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Panics with the run's output unless it succeeded.
    pub fn success(self) -> Self {
        self.expect_code(0)
    }
}

/// The binary under test, run from the project's root unless told
/// otherwise: `Rapporteur::new().args(["themes", "--json"]).run()`.
pub struct Rapporteur {
    command: assert_cmd::Command,
}

impl Rapporteur {
    pub fn new() -> Self {
        Rapporteur { command: command() }
    }

    /// Runs in `dir` instead of the project's root.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.current_dir(dir.as_ref());
        self
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.command.write_stdin(input);
        self
    }

    pub fn run(mut self) -> Run {
        let output = self.command.output().unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Generated reports written to files and read back, as a user's folder
/// would be: their recommendations (as many as `size`) and entities.
pub fn read_generated(
    reports: &[rapporteur::dev::synthetic::GeneratedReport],
    size: usize,
) -> (Vec<Recommendation>, EntityAnnotations) {
    let dir = tempfile::tempdir().unwrap();
    rapporteur::dev::synthetic::write_reports(dir.path(), reports).unwrap();
    let corpus = rapporteur::ingest::read_corpus(&[dir.path().to_path_buf()]);
    let recommendations: Vec<Recommendation> = corpus.recommendations().cloned().collect();
    assert_eq!(recommendations.len(), size);
    let annotations = rapporteur::entities::Gazetteer::embedded().annotate(&recommendations);
    (recommendations, annotations)
}

/// Recommendations grouped by Congress agenda item, in input order.
pub fn by_agenda_item(recommendations: &[Recommendation]) -> BTreeMap<&str, Vec<&Recommendation>> {
    let mut items: BTreeMap<&str, Vec<&Recommendation>> = BTreeMap::new();
    for r in recommendations {
        items.entry(&*r.agenda_item).or_default().push(r);
    }
    items
}
