//! The output folder as one set: edited drafts (and edited new drafts)
//! kept, a lock against a second run, a set cut short by a kill recognised
//! and completed, temporary files cleaned, a file where a folder is wanted.

use crate::common::{names_in, read};
use crate::common::{seeds_dir, Rapporteur};
use rapporteur::render::write::{
    lock_folder, write_outputs, write_outputs_cut_short, LOCK, MANIFEST,
};
use rapporteur::render::{FileOutcome, RenderedFile};

fn file(name: &str, text: &str) -> RenderedFile {
    RenderedFile {
        name: name.to_string(),
        contents: text.as_bytes().to_vec(),
    }
}

fn set(tag: &str) -> Vec<RenderedFile> {
    [
        "synthesis.md",
        "synthesis.html",
        "synthesis.docx",
        "synthesis.json",
    ]
    .iter()
    .map(|n| file(n, &format!("{n} {tag}\n")))
    .collect()
}

#[test]
fn an_edited_new_draft_is_kept_like_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_outputs(dir, &[file("synthesis.md", "one\n")], false).unwrap();
    std::fs::write(dir.join("synthesis.md"), "one, edited\n").unwrap();
    write_outputs(dir, &[file("synthesis.md", "two\n")], false).unwrap();
    assert_eq!(read(dir, "synthesis.new.md"), "two\n");
    // The rapporteur now edits the new draft too.
    std::fs::write(dir.join("synthesis.new.md"), "two, edited\n").unwrap();

    let report = write_outputs(dir, &[file("synthesis.md", "three\n")], false).unwrap();
    assert_eq!(read(dir, "synthesis.md"), "one, edited\n");
    assert_eq!(read(dir, "synthesis.new.md"), "two, edited\n", "kept");
    assert_eq!(read(dir, "synthesis.new-2.md"), "three\n");
    assert!(matches!(
        &report.files[0],
        FileOutcome::KeptEdited { new, .. } if new.ends_with("synthesis.new-2.md")
    ));
    // The next new draft replaces the generated one, not the edited one.
    write_outputs(dir, &[file("synthesis.md", "four\n")], false).unwrap();
    assert_eq!(read(dir, "synthesis.new.md"), "two, edited\n");
    assert_eq!(read(dir, "synthesis.new-2.md"), "four\n");
}

#[test]
fn force_leaves_no_old_new_draft_behind() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_outputs(dir, &[file("synthesis.md", "one\n")], false).unwrap();
    std::fs::write(dir.join("synthesis.md"), "edited\n").unwrap();
    write_outputs(dir, &[file("synthesis.md", "two\n")], false).unwrap();
    assert!(dir.join("synthesis.new.md").exists());
    let report = write_outputs(dir, &[file("synthesis.md", "three\n")], true).unwrap();
    assert_eq!(read(dir, "synthesis.md"), "three\n");
    assert_eq!(report.removed, [dir.join("synthesis.new.md")]);
    assert_eq!(names_in(dir), [MANIFEST, LOCK, "synthesis.md"]);
}

#[test]
fn a_second_run_is_told_another_run_holds_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let held = lock_folder(&out).unwrap();
    let run = Rapporteur::new()
        .arg("draft")
        .arg(seeds_dir())
        .arg("-o")
        .arg(&out)
        .run()
        .expect_code(1);
    assert!(
        run.stderr
            .contains("another rapporteur run is writing into this folder"),
        "{}",
        run.stderr
    );
    assert_eq!(names_in(&out), [LOCK], "nothing written while locked");
    drop(held);
    Rapporteur::new()
        .arg("draft")
        .arg(seeds_dir())
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .run()
        .success();
    assert!(out.join("synthesis.md").is_file());
}

#[test]
fn a_set_cut_short_between_renames_is_recognised_and_completed() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_outputs(dir, &set("first"), false).unwrap();
    // Killed after two of the four renames: md and html are new, docx and
    // json old, their new contents left in temporary files.
    write_outputs_cut_short(dir, &set("second"), false, 2).unwrap();
    assert_eq!(read(dir, "synthesis.md"), "synthesis.md second\n");
    assert_eq!(read(dir, "synthesis.docx"), "synthesis.docx first\n");
    let temporaries = names_in(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .count();
    assert_eq!(temporaries, 2);

    let report = write_outputs(dir, &set("third"), false).unwrap();
    assert_eq!(report.kept_edited(), 0, "{report:?}");
    assert_eq!(report.cleaned.len(), 2);
    for name in [
        "synthesis.md",
        "synthesis.html",
        "synthesis.docx",
        "synthesis.json",
    ] {
        assert_eq!(read(dir, name), format!("{name} third\n"));
    }
    assert_eq!(
        names_in(dir),
        [
            MANIFEST,
            LOCK,
            "synthesis.docx",
            "synthesis.html",
            "synthesis.json",
            "synthesis.md"
        ]
    );
    // An edit after the recovery is still seen as an edit.
    std::fs::write(dir.join("synthesis.md"), "edited\n").unwrap();
    let report = write_outputs(dir, &set("fourth"), false).unwrap();
    assert_eq!(report.kept_edited(), 1);
}

#[test]
fn a_failure_while_writing_the_set_leaves_the_old_set() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_outputs(dir, &set("first"), false).unwrap();
    // The third file cannot be put in place (a folder has its name): the
    // renames stop there, with the pending set recorded, so the files
    // already renamed are not taken for edits by the next run.
    std::fs::remove_file(dir.join("synthesis.docx")).unwrap();
    std::fs::create_dir(dir.join("synthesis.docx")).unwrap();
    std::fs::write(dir.join("synthesis.docx").join("x"), "x").unwrap();
    assert!(write_outputs(dir, &set("second"), false).is_err());
    std::fs::remove_dir_all(dir.join("synthesis.docx")).unwrap();
    let report = write_outputs(dir, &set("third"), false).unwrap();
    assert_eq!(report.kept_edited(), 0, "{report:?}");
    assert!(names_in(dir).iter().all(|n| !n.ends_with(".tmp")));
}

#[test]
fn an_output_path_that_is_a_file_is_refused_before_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let somefile = dir.path().join("somefile");
    std::fs::write(&somefile, "not a folder\n").unwrap();
    for out in [somefile.clone(), somefile.join("drafts")] {
        let run = Rapporteur::new()
            .arg("draft")
            .arg(seeds_dir())
            .arg("-o")
            .arg(&out)
            .run()
            .expect_code(2);
        assert!(
            run.stderr.contains("is a file, expected a folder"),
            "{}",
            run.stderr
        );
        // Said before the pipeline ran: no summary line of the input.
        assert!(!run.stderr.contains("recommendations"), "{}", run.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(&somefile).unwrap(),
        "not a folder\n"
    );
}

/// A disk that fills while the set is written (a file-size limit makes the
/// writes fail as a full disk would): the run fails, and the folder keeps
/// the whole old set, with no temporary file left.
#[cfg(unix)]
#[test]
fn a_full_disk_while_writing_leaves_the_old_set_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    Rapporteur::new()
        .arg("draft")
        .arg(seeds_dir())
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .run()
        .success();
    let before: Vec<(String, Vec<u8>)> = names_in(&out)
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(out.join(&n)).unwrap();
            (n, bytes)
        })
        .collect();
    // Another corpus (one report), written with files limited to 16 KB:
    // the HTML page cannot be staged.
    let one_report = crate::common::seed_files().remove(0);
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 32 && exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin!("rapporteur"))
        .arg("draft")
        .arg(&one_report)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("File too large") || stderr.contains("too large"),
        "{stderr}"
    );
    let after: Vec<(String, Vec<u8>)> = names_in(&out)
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(out.join(&n)).unwrap();
            (n, bytes)
        })
        .collect();
    assert!(
        before == after,
        "the old set is whole and nothing else is there"
    );
}

/// Two drafts of different corpora into one folder at once: each either
/// writes its whole set or is told another run holds the folder; the folder
/// never mixes them, so the next run finds nothing edited.
#[test]
fn two_drafts_at_once_never_mix_their_sets() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let seeds = crate::common::seed_files();
    for _ in 0..3 {
        let spawn = |input: &[std::path::PathBuf]| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin!("rapporteur"))
                .arg("draft")
                .args(input)
                .arg("-o")
                .arg(&out)
                .arg("-q")
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let runs = [spawn(&seeds), spawn(&seeds[..1])];
        for run in runs {
            let output = run.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success() || stderr.contains("another rapporteur run"),
                "{stderr}"
            );
        }
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("synthesis.json")).unwrap()).unwrap();
        let count = json["recommendations"].as_array().unwrap().len();
        let md = read(&out, "synthesis.md");
        assert_eq!(
            md.matches("<a id=\"rec-").count(),
            count,
            "the Markdown's annex and the JSON come from one corpus"
        );
        let next = Rapporteur::new()
            .arg("draft")
            .args(&seeds)
            .arg("-o")
            .arg(&out)
            .run()
            .success();
        assert!(!next.stderr.contains("edited"), "{}", next.stderr);
    }
}
