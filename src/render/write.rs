//! Writing the drafts into the output folder as one set, and never over a
//! draft the rapporteur edited by hand.
//!
//! Each generated file's SHA-256 is recorded in `.rapporteur-manifest.json`
//! in the output folder. On the next run, a file whose content no longer
//! matches its recorded hash was edited: the new draft is written beside it
//! (`synthesis.new.md`, or `synthesis.new-2.md` when that one was edited
//! too) and the report says so, unless `force` is given.
//!
//! A run holds a lock on the folder (`.rapporteur.lock`) while it writes, so
//! two runs never mix their files. The set is written in three steps: every
//! file to a temporary name; the manifest, naming the new hashes as
//! `pending`; then the renames, and the manifest again without `pending`. A
//! run killed among the renames leaves files whose hashes the manifest
//! still knows, so the next run sees them as generated (not edited) and
//! writes the whole set again; temporary files a killed run left behind are
//! removed by the next run.

use super::RenderedFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// File in the output folder recording what was generated.
pub const MANIFEST: &str = ".rapporteur-manifest.json";
/// File in the output folder that a run locks while it writes.
pub const LOCK: &str = ".rapporteur.lock";
const MANIFEST_SCHEMA: &str = "rapporteur/manifest/1";
/// Temporary files are named `.rapporteur-*.tmp`, so a later run can find
/// the ones a killed run left.
const TEMP_PREFIX: &str = ".rapporteur-";
const TEMP_SUFFIX: &str = ".tmp";
/// How many `synthesis.new-N.md` names are tried before giving up.
const BESIDE_NAMES: usize = 100;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    schema: String,
    /// File name → hex SHA-256 of the content generated last.
    files: BTreeMap<String, String>,
    /// File name → hash of the content a run was renaming into place when
    /// it stopped; such a file is generated, not edited.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pending: BTreeMap<String, String>,
}

impl Manifest {
    /// True when `hash` is what rapporteur last generated (or was putting
    /// in place) under `name`.
    fn generated(&self, name: &str, hash: &str) -> bool {
        self.files.get(name).map(String::as_str) == Some(hash)
            || self.pending.get(name).map(String::as_str) == Some(hash)
    }
}

/// What happened to one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    /// Written (new, or replacing an unedited earlier draft).
    Written(PathBuf),
    /// Already held exactly this content; left as is.
    Unchanged(PathBuf),
    /// The file was edited by hand (or not made by rapporteur): kept, and
    /// the new draft written beside it.
    KeptEdited { edited: PathBuf, new: PathBuf },
    /// The file was edited by hand and replaced because of `force`.
    Overwritten(PathBuf),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub files: Vec<FileOutcome>,
    /// Earlier drafts written beside an edited file, removed because they
    /// are no longer needed (the file is written again) or replaced.
    pub removed: Vec<PathBuf>,
    /// Temporary files of an interrupted run, removed.
    pub cleaned: Vec<PathBuf>,
}

impl WriteReport {
    /// Drafts kept because they were edited by hand.
    pub fn kept_edited(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f, FileOutcome::KeptEdited { .. }))
            .count()
    }
}

impl std::fmt::Display for FileOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileOutcome::Written(p) => write!(f, "wrote {}", p.display()),
            FileOutcome::Unchanged(p) => write!(f, "unchanged {}", p.display()),
            FileOutcome::KeptEdited { edited, new } => write!(
                f,
                "kept {} (edited since it was generated); wrote the new draft to {} (use --force to overwrite)",
                edited.display(),
                new.display()
            ),
            FileOutcome::Overwritten(p) => {
                write!(f, "overwrote {} (edited by hand; --force)", p.display())
            }
        }
    }
}

/// Hex SHA-256 of the file at `path`, or `None` when there is none. Read in
/// pieces: a large corpus's draft need not be held twice in memory.
fn hash_of_file(path: &Path) -> crate::Result<Option<String>> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(crate::Error::io(path, e)),
    };
    crate::content_hash::of_reader(&mut file)
        .map(Some)
        .map_err(|e| crate::Error::io(path, e))
}

/// `synthesis.md` → `synthesis.new.md`.
pub fn beside_name(name: &str) -> String {
    numbered_beside_name(name, 1)
}

/// `synthesis.md`, 1 → `synthesis.new.md`; 2 → `synthesis.new-2.md`.
fn numbered_beside_name(name: &str, n: usize) -> String {
    let new = if n == 1 {
        "new".to_string()
    } else {
        format!("new-{n}")
    };
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{new}.{ext}"),
        _ => format!("{name}.{new}"),
    }
}

fn read_manifest(dir: &Path) -> crate::Result<Manifest> {
    let path = dir.join(MANIFEST);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| crate::Error::Input {
            file: path.display().to_string(),
            line: Some(e.line()),
            message: format!("cannot read the record of generated drafts ({e}); fix or delete it"),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
        Err(e) => Err(crate::Error::io(path, e)),
    }
}

/// A temporary file in `dir` holding `bytes`, synced, with the permissions
/// `target` should end with; deleted if dropped before it is persisted.
fn staged(dir: &Path, target: &Path, bytes: &[u8]) -> crate::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| crate::Error::io(dir, e))?;
    // Through the file itself, so an error is the system's own, without the
    // temporary name tempfile would add.
    temp.as_file_mut()
        .write_all(bytes)
        .and_then(|_| match permissions_for(target) {
            Some(p) => temp.as_file().set_permissions(p),
            None => Ok(()),
        })
        .and_then(|_| temp.as_file().sync_all())
        .map_err(|e| {
            crate::Error::Other(format!(
                "{}: cannot write the new version ({}); the old one is left in place",
                target.display(),
                e
            ))
        })?;
    Ok(temp)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so
/// readers see either the old file or the whole new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> crate::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    staged(dir, path, bytes)?
        .persist(path)
        .map_err(|e| crate::Error::io(path, e.error))?;
    Ok(())
}

/// The replaced file's permissions, or those of an ordinary new file (the
/// temporary file is created readable by its owner only).
fn permissions_for(path: &Path) -> Option<std::fs::Permissions> {
    if let Ok(meta) = std::fs::metadata(path) {
        return Some(meta.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Checks, before any work is done, that `dir` is a folder or can be made
/// one: it, or its nearest existing parent, must not be a file.
pub fn check_output_folder(dir: &Path) -> crate::Result<()> {
    for place in dir.ancestors().filter(|p| !p.as_os_str().is_empty()) {
        match std::fs::metadata(place) {
            Ok(meta) if meta.is_dir() => return Ok(()),
            Ok(_) => {
                return Err(crate::Error::Usage(if place == dir {
                    format!("output {} is a file, expected a folder", dir.display())
                } else {
                    format!(
                        "output {}: {} is a file, expected a folder",
                        dir.display(),
                        place.display()
                    )
                }))
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                continue
            }
            Err(e) => return Err(crate::Error::io(place, e)),
        }
    }
    Ok(())
}

/// The lock on an output folder, held until dropped.
pub struct FolderLock {
    _file: std::fs::File,
}

/// Locks `dir` for this run, or says that another run holds it. The lock
/// file stays (removing it could let a third run lock a different file).
pub fn lock_folder(dir: &Path) -> crate::Result<FolderLock> {
    let path = dir.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| crate::Error::io(&path, e))?;
    // A lock released a moment ago can still be held for a few
    // milliseconds by a child process this one forked meanwhile (until it
    // execs, it shares the lock's open file), so a held lock is tried
    // again briefly before another run is blamed.
    let mut tries = LOCK_TRIES;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(FolderLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if tries > 1 => {
                tries -= 1;
                std::thread::sleep(LOCK_RETRY);
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(crate::Error::Locked(dir.to_path_buf()))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(crate::Error::io(&path, e)),
        }
    }
}

/// Tries at a held folder lock, [`LOCK_RETRY`] apart.
const LOCK_TRIES: u32 = 20;
const LOCK_RETRY: std::time::Duration = std::time::Duration::from_millis(10);

/// Removes the temporary files a killed run left in `dir` (only called
/// with the folder locked, so none of them is being written).
fn clean_temporaries(dir: &Path) -> crate::Result<Vec<PathBuf>> {
    let mut cleaned = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| crate::Error::io(dir, e))? {
        let entry = entry.map_err(|e| crate::Error::io(dir, e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if is_file && name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            std::fs::remove_file(entry.path()).map_err(|e| crate::Error::io(entry.path(), e))?;
            cleaned.push(entry.path());
        }
    }
    cleaned.sort();
    Ok(cleaned)
}

/// Writes every file into `dir` (created if missing) as one set, keeping
/// drafts edited by hand unless `force`, and records what was generated.
pub fn write_outputs(
    dir: &Path,
    files: &[RenderedFile],
    force: bool,
) -> crate::Result<WriteReport> {
    write_set(dir, files, force, None)
}

/// As [`write_outputs`], but stops after `renames` renames as a killed run
/// would (temporary files and the pending manifest left behind), to test
/// that the next run recovers.
#[doc(hidden)]
pub fn write_outputs_cut_short(
    dir: &Path,
    files: &[RenderedFile],
    force: bool,
    renames: usize,
) -> crate::Result<WriteReport> {
    write_set(dir, files, force, Some(renames))
}

/// One file of the set: where its content goes and what the report says.
struct Planned<'a> {
    file: &'a RenderedFile,
    target: String,
    hash: String,
    outcome: FileOutcome,
}

fn write_set(
    dir: &Path,
    files: &[RenderedFile],
    force: bool,
    cut_after: Option<usize>,
) -> crate::Result<WriteReport> {
    check_output_folder(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    let _lock = lock_folder(dir)?;
    let mut report = WriteReport {
        cleaned: clean_temporaries(dir)?,
        ..WriteReport::default()
    };
    let mut manifest = read_manifest(dir)?;
    manifest.schema = MANIFEST_SCHEMA.to_string();

    let mut planned = Vec::new();
    let mut stale = Vec::new();
    for file in files {
        let (plan, old_beside) = plan_one(dir, file, &manifest, force)?;
        planned.push(plan);
        stale.extend(old_beside);
    }
    let to_write: Vec<&Planned> = planned.iter().filter(|p| p.writes()).collect();

    // 1. Every new content under a temporary name: a full disk or any
    // failure here leaves the folder as it was.
    let mut temps = Vec::new();
    for p in &to_write {
        temps.push(staged(dir, &dir.join(&p.target), &p.file.contents)?);
    }
    // 2. The manifest names the set about to be renamed into place.
    manifest.pending = planned
        .iter()
        .map(|p| (p.target.clone(), p.hash.clone()))
        .collect();
    write_manifest(dir, &manifest)?;
    // 3. The renames, then the manifest without `pending`.
    for (i, (p, temp)) in to_write.iter().zip(temps).enumerate() {
        if cut_after.is_some_and(|n| i >= n) {
            let _ = temp.keep();
            continue;
        }
        let path = dir.join(&p.target);
        temp.persist(&path)
            .map_err(|e| crate::Error::io(&path, e.error))?;
    }
    if cut_after.is_some() {
        return Ok(report);
    }
    let pending = std::mem::take(&mut manifest.pending);
    manifest.files.extend(pending);
    for name in stale {
        let path = dir.join(&name);
        match std::fs::remove_file(&path) {
            Ok(()) => report.removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(crate::Error::io(&path, e)),
        }
        manifest.files.remove(&name);
    }
    write_manifest(dir, &manifest)?;
    report.files = planned.into_iter().map(|p| p.outcome).collect();
    Ok(report)
}

impl Planned<'_> {
    /// False for a file already on disk as it would be written.
    fn writes(&self) -> bool {
        !matches!(self.outcome, FileOutcome::Unchanged(_))
    }
}

/// What to do with one rendered file, and which earlier drafts beside it
/// are no longer needed.
fn plan_one<'a>(
    dir: &Path,
    file: &'a RenderedFile,
    manifest: &Manifest,
    force: bool,
) -> crate::Result<(Planned<'a>, Vec<String>)> {
    let path = dir.join(&file.name);
    // Large drafts take a while to hash: the new content and the file on
    // disk are hashed side by side.
    let (hash, on_disk) = rayon::join(
        || crate::content_hash::of_bytes(&file.contents),
        || hash_of_file(&path),
    );
    let on_disk = on_disk?;
    let besides = generated_besides(dir, &file.name, manifest)?;
    let planned = |target: String, outcome| Planned {
        file,
        target,
        hash: hash.clone(),
        outcome,
    };
    let plan = match on_disk {
        Some(disk) if disk == hash => planned(file.name.clone(), FileOutcome::Unchanged(path)),
        None => planned(file.name.clone(), FileOutcome::Written(path)),
        Some(disk) if manifest.generated(&file.name, &disk) => {
            planned(file.name.clone(), FileOutcome::Written(path))
        }
        Some(_) if force => planned(file.name.clone(), FileOutcome::Overwritten(path)),
        Some(_) => {
            // Edited by hand, or never generated by us: keep it untouched
            // (its recorded hash too, so the next run still sees the edit),
            // and write the new draft to the first name beside it that is
            // free or holds an earlier generated draft.
            let target = free_beside_name(dir, &file.name, manifest)?;
            let stale = besides.into_iter().filter(|n| *n != target).collect();
            let new = dir.join(&target);
            return Ok((
                planned(target, FileOutcome::KeptEdited { edited: path, new }),
                stale,
            ));
        }
    };
    Ok((plan, besides))
}

/// Names beside `name` (`synthesis.new.md`, `synthesis.new-2.md`, …) that
/// hold a draft exactly as generated: safe to remove or replace.
fn generated_besides(dir: &Path, name: &str, manifest: &Manifest) -> crate::Result<Vec<String>> {
    let mut out = Vec::new();
    for n in 1..=BESIDE_NAMES {
        let beside = numbered_beside_name(name, n);
        if let Some(hash) = hash_of_file(&dir.join(&beside))? {
            if manifest.generated(&beside, &hash) {
                out.push(beside);
            }
        }
    }
    Ok(out)
}

/// The first name beside `name` that is free or holds a generated draft: a
/// `synthesis.new.md` edited by hand is kept like the draft itself.
fn free_beside_name(dir: &Path, name: &str, manifest: &Manifest) -> crate::Result<String> {
    for n in 1..=BESIDE_NAMES {
        let beside = numbered_beside_name(name, n);
        match hash_of_file(&dir.join(&beside))? {
            None => return Ok(beside),
            Some(hash) if manifest.generated(&beside, &hash) => return Ok(beside),
            Some(_) => {}
        }
    }
    Err(crate::Error::Other(format!(
        "{}: {} and {BESIDE_NAMES} new drafts beside it were all edited by hand; \
         nothing written (move some away, or use --force)",
        dir.display(),
        name
    )))
}

fn write_manifest(dir: &Path, manifest: &Manifest) -> crate::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(manifest)
        .map_err(|e| crate::Error::Other(format!("cannot record generated drafts: {e}")))?;
    bytes.push(b'\n');
    write_atomic(&dir.join(MANIFEST), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> RenderedFile {
        RenderedFile {
            name: name.to_string(),
            contents: text.as_bytes().to_vec(),
        }
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn edited_draft_is_kept_and_new_one_written_beside() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_outputs(dir.path(), &[file("synthesis.md", "one\n")], false).unwrap();
        assert!(matches!(first.files[0], FileOutcome::Written(_)));
        std::fs::write(dir.path().join("synthesis.md"), "one, edited\n").unwrap();

        let second = write_outputs(dir.path(), &[file("synthesis.md", "two\n")], false).unwrap();
        assert_eq!(second.kept_edited(), 1);
        let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
        assert_eq!(read("synthesis.md"), "one, edited\n");
        assert_eq!(read("synthesis.new.md"), "two\n");

        // Still edited on the next run: still kept.
        let third = write_outputs(dir.path(), &[file("synthesis.md", "three\n")], false).unwrap();
        assert_eq!(third.kept_edited(), 1);
        assert_eq!(read("synthesis.md"), "one, edited\n");

        let forced = write_outputs(dir.path(), &[file("synthesis.md", "four\n")], true).unwrap();
        assert!(matches!(forced.files[0], FileOutcome::Overwritten(_)));
        assert_eq!(read("synthesis.md"), "four\n");
        // The new draft beside it is no longer needed: removed.
        assert_eq!(names_in(dir.path()), [MANIFEST, LOCK, "synthesis.md"]);
    }

    #[test]
    fn unedited_draft_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        write_outputs(dir.path(), &[file("a.json", "{}\n")], false).unwrap();
        let report = write_outputs(dir.path(), &[file("a.json", "[]\n")], false).unwrap();
        assert!(matches!(report.files[0], FileOutcome::Written(_)));
        let again = write_outputs(dir.path(), &[file("a.json", "[]\n")], false).unwrap();
        assert!(matches!(again.files[0], FileOutcome::Unchanged(_)));
        assert_eq!(names_in(dir.path()), [MANIFEST, LOCK, "a.json"]);
    }

    #[test]
    fn a_file_not_made_by_rapporteur_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("synthesis.md"), "my notes\n").unwrap();
        let report = write_outputs(dir.path(), &[file("synthesis.md", "draft\n")], false).unwrap();
        assert_eq!(report.kept_edited(), 1);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("synthesis.md")).unwrap(),
            "my notes\n"
        );
    }

    #[test]
    fn beside_names_keep_the_extension() {
        assert_eq!(beside_name("synthesis.md"), "synthesis.new.md");
        assert_eq!(beside_name("README"), "README.new");
    }
}
