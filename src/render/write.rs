//! Writing the drafts: atomically (a temporary file in the same folder, then
//! a rename), and never over a draft the rapporteur edited by hand.
//!
//! Each generated file's SHA-256 is recorded in `.rapporteur-manifest.json`
//! in the output folder. On the next run, a file whose content no longer
//! matches its recorded hash was edited: the new draft is written beside it
//! (`synthesis.new.md`) and the report says so, unless `force` is given.

use super::RenderedFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// File in the output folder recording what was generated.
pub const MANIFEST: &str = ".rapporteur-manifest.json";
const MANIFEST_SCHEMA: &str = "rapporteur/manifest/1";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    schema: String,
    /// File name → hex SHA-256 of the content generated last.
    files: BTreeMap<String, String>,
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
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.new.{ext}"),
        _ => format!("{name}.new"),
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

/// Writes `bytes` to `path` through a temporary file in the same folder, so
/// readers see either the old file or the whole new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> crate::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".rapporteur-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| crate::Error::io(dir, e))?;
    temp.write_all(bytes)
        .and_then(|_| match permissions_for(path) {
            Some(p) => temp.as_file().set_permissions(p),
            None => Ok(()),
        })
        .and_then(|_| temp.as_file().sync_all())
        .map_err(|e| crate::Error::io(temp.path(), e))?;
    temp.persist(path)
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

/// Writes every file into `dir` (created if missing), keeping drafts edited
/// by hand unless `force`, then records what was generated.
pub fn write_outputs(
    dir: &Path,
    files: &[RenderedFile],
    force: bool,
) -> crate::Result<WriteReport> {
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    let mut manifest = read_manifest(dir)?;
    let mut report = WriteReport::default();
    manifest.schema = MANIFEST_SCHEMA.to_string();
    for file in files {
        let outcome = write_one(dir, file, &mut manifest, force)?;
        // Recorded after each file, so a run cut short never leaves a
        // generated file that looks edited by hand.
        write_manifest(dir, &manifest)?;
        report.files.push(outcome);
    }
    Ok(report)
}

fn write_manifest(dir: &Path, manifest: &Manifest) -> crate::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(manifest)
        .map_err(|e| crate::Error::Other(format!("cannot record generated drafts: {e}")))?;
    bytes.push(b'\n');
    write_atomic(&dir.join(MANIFEST), &bytes)
}

fn write_one(
    dir: &Path,
    file: &RenderedFile,
    manifest: &mut Manifest,
    force: bool,
) -> crate::Result<FileOutcome> {
    let path = dir.join(&file.name);
    // Large drafts take a while to hash: the new content and the file on
    // disk are hashed side by side.
    let (new_hash, on_disk) = rayon::join(
        || crate::content_hash::of_bytes(&file.contents),
        || hash_of_file(&path),
    );
    let on_disk = on_disk?;
    let recorded = manifest.files.get(&file.name).cloned();
    let outcome = match on_disk {
        None => FileOutcome::Written(path.clone()),
        Some(disk) if disk == new_hash => {
            manifest.files.insert(file.name.clone(), new_hash);
            return Ok(FileOutcome::Unchanged(path));
        }
        Some(disk) if recorded.as_deref() == Some(disk.as_str()) => {
            FileOutcome::Written(path.clone())
        }
        Some(_) if force => FileOutcome::Overwritten(path.clone()),
        Some(_) => {
            // Edited by hand, or never generated by us: keep it untouched and
            // keep its recorded hash, so the next run still sees the edit.
            let new = dir.join(beside_name(&file.name));
            write_atomic(&new, &file.contents)?;
            return Ok(FileOutcome::KeptEdited { edited: path, new });
        }
    };
    write_atomic(&path, &file.contents)?;
    manifest.files.insert(file.name.clone(), new_hash);
    Ok(outcome)
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
        assert_eq!(
            names_in(dir.path()),
            [MANIFEST, "synthesis.md", "synthesis.new.md"]
        );
    }

    #[test]
    fn unedited_draft_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        write_outputs(dir.path(), &[file("a.json", "{}\n")], false).unwrap();
        let report = write_outputs(dir.path(), &[file("a.json", "[]\n")], false).unwrap();
        assert!(matches!(report.files[0], FileOutcome::Written(_)));
        let again = write_outputs(dir.path(), &[file("a.json", "[]\n")], false).unwrap();
        assert!(matches!(again.files[0], FileOutcome::Unchanged(_)));
        assert_eq!(names_in(dir.path()), [MANIFEST, "a.json"]);
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
