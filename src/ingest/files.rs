//! Which files make up a corpus: paths given (files or folders walked
//! recursively), or the default corpus.

use crate::model::Diagnostic;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Extensions of report files picked up when walking a folder. A file
/// named on the command line is read whatever its extension.
const REPORT_EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "text", "pdf", "docx"];

/// The five seed reports, embedded for use where there is no `seeds/`.
pub const EMBEDDED_SEEDS: [(&str, &str); 5] = [
    (
        "000_8ac773325e8acdc6.txt",
        include_str!("../../seeds/000_8ac773325e8acdc6.txt"),
    ),
    (
        "001_bba04487c98bd190.txt",
        include_str!("../../seeds/001_bba04487c98bd190.txt"),
    ),
    (
        "002_fb9608fcd46e22f9.txt",
        include_str!("../../seeds/002_fb9608fcd46e22f9.txt"),
    ),
    (
        "003_cc5942ef62d09ba8.txt",
        include_str!("../../seeds/003_cc5942ef62d09ba8.txt"),
    ),
    (
        "004_f29162a344c7f65f.txt",
        include_str!("../../seeds/004_f29162a344c7f65f.txt"),
    ),
];

/// A file to read, under the name reports and diagnostics will use.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub enum Location {
    Disk(PathBuf),
    Embedded(&'static str),
}

/// Display name of a path: `/` separators, no leading `./`, control
/// characters and bytes that are not UTF-8 escaped (`\n`, `\u{1b}`,
/// `\xff`), so that every finding stays on one line and two different
/// names never display alike.
pub fn normalise_name(path: &Path) -> String {
    let mut name = escaped(path);
    if cfg!(windows) {
        name = name.replace('\\', "/");
    }
    while name.contains("//") {
        name = name.replace("//", "/");
    }
    while let Some(rest) = name.strip_prefix("./") {
        name = rest.to_string();
    }
    name
}

/// The path's bytes as text, escaping what cannot be shown as it is.
fn escaped(path: &Path) -> String {
    #[cfg(unix)]
    let bytes: std::borrow::Cow<[u8]> = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().into()
    };
    #[cfg(not(unix))]
    let bytes: std::borrow::Cow<[u8]> = path.to_string_lossy().into_owned().into_bytes().into();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() {
                out.extend(c.escape_debug());
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// Files under `paths`, sorted by name, each file once; problems with the
/// paths themselves become diagnostics.
pub fn collect(paths: &[PathBuf]) -> (Vec<Source>, Vec<Diagnostic>) {
    let mut walk = Walk::default();
    for path in paths {
        walk.visit_given(path);
    }
    let sources = walk
        .files
        .into_iter()
        .map(|(name, path)| Source {
            name,
            location: Location::Disk(path),
        })
        .collect();
    (sources, walk.diagnostics)
}

/// The default corpus: `seeds/` in the current folder, else the embedded seeds.
pub fn default_sources() -> (Vec<Source>, Vec<Diagnostic>) {
    let seeds = Path::new("seeds");
    if seeds.is_dir() {
        return collect(&[seeds.to_path_buf()]);
    }
    let sources = EMBEDDED_SEEDS
        .iter()
        .map(|(name, text)| Source {
            name: format!("seeds/{name}"),
            location: Location::Embedded(text),
        })
        .collect();
    (sources, Vec::new())
}

#[derive(Default)]
struct Walk {
    /// Files by display name, then real path (sorted), so the order paths
    /// were given in does not matter and two files whose names display
    /// alike are both kept.
    files: BTreeSet<(String, PathBuf)>,
    /// Canonical paths already taken, so a file reached twice (named twice,
    /// or through a link) is read once.
    seen_files: HashSet<PathBuf>,
    /// Canonical folders already walked: a symlink loop ends here.
    seen_dirs: HashSet<PathBuf>,
    diagnostics: Vec<Diagnostic>,
}

impl Walk {
    fn visit_given(&mut self, path: &Path) {
        let name = normalise_name(path);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = self.files.len();
                let first_visit =
                    !fs::canonicalize(path).is_ok_and(|c| self.seen_dirs.contains(&c));
                self.walk_dir(path);
                if first_visit && self.files.len() == before {
                    self.diagnostics.push(Diagnostic::warning(
                        name,
                        None,
                        "no report files in this folder (expected .txt, .md, .pdf or .docx files)",
                    ));
                }
            }
            Ok(meta) if meta.is_file() => self.add_file(path),
            Ok(_) => self.diagnostics.push(Diagnostic::error(
                name,
                None,
                "not a regular file or folder (expected a report file or a folder of reports)",
            )),
            Err(e) => {
                self.diagnostics
                    .push(Diagnostic::error(name, None, missing_message(path, &e)))
            }
        }
    }

    fn walk_dir(&mut self, dir: &Path) {
        let name = normalise_name(dir);
        let canonical = match fs::canonicalize(dir) {
            Ok(c) => c,
            Err(e) => {
                self.diagnostics.push(Diagnostic::error(
                    name,
                    None,
                    format!("cannot open folder: {e} (expected a readable folder)"),
                ));
                return;
            }
        };
        if !self.seen_dirs.insert(canonical.clone()) {
            self.diagnostics.push(Diagnostic::warning(
                name,
                None,
                "folder already read (symlink loop or folder named twice); not read again (expected each folder once)",
            ));
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.diagnostics.push(Diagnostic::error(
                    name,
                    None,
                    format!("cannot read folder: {e} (expected a readable folder)"),
                ));
                return;
            }
        };
        let mut children: Vec<(PathBuf, Option<fs::FileType>)> = entries
            .filter_map(Result::ok)
            .filter(|e| !is_system_file(&e.file_name().to_string_lossy()))
            .map(|e| (e.path(), e.file_type().ok()))
            .collect();
        children.sort_by(|a, b| a.0.cmp(&b.0));
        // The file system is asked about every child in parallel (a corpus
        // folder may hold many thousand reports); what is kept is still
        // decided one child at a time, in name order.
        let probes: Vec<Probe> = children
            .into_par_iter()
            .map(|(path, file_type)| Probe::new(path, file_type, &canonical))
            .collect();
        for probe in probes {
            self.visit_child(probe);
        }
    }

    fn visit_child(&mut self, probe: Probe) {
        let path = probe.path.as_path();
        match &probe.kind {
            Ok(Kind::Folder) => self.walk_dir(path),
            Ok(Kind::File) if has_report_extension(path) => {
                self.add_canonical(path, probe.canonical)
            }
            Ok(_) => self.diagnostics.push(Diagnostic::warning(
                normalise_name(path),
                None,
                "skipped: not a report file (expected a regular .txt, .md, .pdf or .docx file)",
            )),
            Err(e) => self.diagnostics.push(Diagnostic::error(
                normalise_name(path),
                None,
                missing_message(path, e),
            )),
        }
    }

    fn add_file(&mut self, path: &Path) {
        let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.add_canonical(path, canonical);
    }

    fn add_canonical(&mut self, path: &Path, canonical: PathBuf) {
        if self.seen_files.insert(canonical) {
            self.files
                .insert((normalise_name(path), path.to_path_buf()));
        }
    }
}

/// Files a folder of reports holds that no one wrote as a report, passed
/// over in silence: hidden files (`.DS_Store`), the owner file Word and
/// Excel keep beside an open document (`~$port.docx`, which is no Word
/// document) and Windows' folder files (`Thumbs.db`, `desktop.ini`).
fn is_system_file(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// What the file system says about one child of a folder: what it is
/// (links followed) and, for a report file, its canonical path.
struct Probe {
    path: PathBuf,
    kind: std::io::Result<Kind>,
    canonical: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Folder,
    File,
    Other,
}

impl Probe {
    /// Probes `path`, a child of the canonical folder `folder`, whose type
    /// the folder listing gave as `listed`. A child that is not a link is
    /// what the listing says and its canonical path is its name in the
    /// canonical folder: a corpus of thousands of reports costs no system
    /// call per file. Links (and unknown types) are asked about.
    fn new(path: PathBuf, listed: Option<fs::FileType>, folder: &Path) -> Probe {
        let plain = listed.filter(|t| !t.is_symlink());
        let kind = match plain {
            Some(t) if t.is_dir() => Ok(Kind::Folder),
            Some(t) if t.is_file() => Ok(Kind::File),
            Some(_) => Ok(Kind::Other),
            None => fs::metadata(&path).map(|m| {
                if m.is_dir() {
                    Kind::Folder
                } else if m.is_file() {
                    Kind::File
                } else {
                    Kind::Other
                }
            }),
        };
        let is_report = kind
            .as_ref()
            .is_ok_and(|&k| k == Kind::File && has_report_extension(&path));
        let canonical = match (is_report, plain, path.file_name()) {
            (false, _, _) => PathBuf::new(),
            (true, Some(_), Some(name)) => folder.join(name),
            (true, _, _) => fs::canonicalize(&path).unwrap_or_else(|_| path.clone()),
        };
        Probe {
            path,
            kind,
            canonical,
        }
    }
}

fn has_report_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|r| r.eq_ignore_ascii_case(e)))
}

fn missing_message(path: &Path, e: &std::io::Error) -> String {
    if fs::symlink_metadata(path).is_ok() {
        format!("broken or looping symbolic link: {e} (expected a link to a report file or folder)")
    } else if e.kind() == std::io::ErrorKind::NotFound {
        "no such file or folder (expected a report file or a folder of reports)".to_string()
    } else {
        format!("cannot open: {e} (expected a readable report file or folder)")
    }
}
