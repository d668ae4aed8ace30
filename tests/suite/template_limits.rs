//! Template errors that help (the undefined name and the nearest known
//! one), a work budget sized by the output the corpus needs, and files in
//! the templates folder that are not files.

use super::render_fixture::fixture;
use rapporteur::render::{render_all, RenderOptions};
use rapporteur::Error;
use std::path::Path;

fn render_with(dir: &Path, synthesis: &rapporteur::model::Synthesis) -> Result<(), Error> {
    let options = RenderOptions {
        templates: Some(dir.to_path_buf()),
        ..RenderOptions::default()
    };
    render_all(synthesis, &options).map(|_| ())
}

fn message_with(name: &str, source: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), source).unwrap();
    match render_with(dir.path(), &fixture()) {
        Err(e @ Error::Template { .. }) => e.to_string(),
        other => panic!("expected a template error, got {other:?}"),
    }
}

#[test]
fn an_undefined_variable_is_named_with_the_nearest_known_name() {
    let message = message_with("theme.md", "### {{ theme.label }}\n\n{{ theme.lable }}\n");
    assert!(
        message.starts_with("template theme.md, line 3: "),
        "{message}"
    );
    assert!(
        message.contains("`theme.lable`: `lable` is not defined; did you mean `label`?"),
        "{message}"
    );
    // A loop variable of the template is known; the misspelt field is not.
    let message = message_with(
        "theme.md",
        "{% for rec in theme.recommendations %}{{ rec.txt }}{% endfor %}\n",
    );
    assert!(
        message.contains("`txt` is not defined; did you mean `text`?"),
        "{message}"
    );
    // A top-level name.
    let message = message_with("annex.md", "{{ anex }}\n");
    assert!(
        message.contains("`anex` is not defined; did you mean `annex`?"),
        "{message}"
    );
    // Nothing near: named, no guess.
    let message = message_with("annex.md", "{{ zqxwv }}\n");
    assert!(message.contains("`zqxwv` is not defined"), "{message}");
    assert!(!message.contains("did you mean"), "{message}");
}

#[test]
fn the_work_budget_grows_with_the_text_not_only_the_recommendations() {
    // A template walking every character of every recommendation does
    // work in proportion to the text. One recommendation of 2,000,000
    // characters: far past a budget per recommendation, within one sized
    // by the text.
    let mut synthesis = fixture();
    synthesis.recommendations[0].text = "cooperation ".repeat(170_000).into();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("annex.md"),
        "{% for region in annex %}{% for part in region.items %}{% for rec in part.recommendations %}\
         {% for c in rec.text %}{% if c == 'z' %}z{% endif %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    render_with(dir.path(), &synthesis).expect("renders within the budget");
}

#[test]
fn a_runaway_loop_is_still_stopped() {
    let message = message_with(
        "matrix.md",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
    );
    assert!(message.contains("stopped"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_templates_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("theme.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    match render_with(dir.path(), &fixture()) {
        Err(e) => {
            let message = e.to_string();
            assert!(message.contains("theme.md"), "{message}");
            assert!(
                message.contains("named pipe (FIFO), not a file"),
                "{message}"
            );
        }
        Ok(()) => panic!("a FIFO among the templates went unreported"),
    }
}
