//! Template errors stop the run with the template's name, line and problem;
//! templates cannot leave their folder or run without end.

use rapporteur::render::{render_all, RenderOptions};
use rapporteur::Error;
use std::path::Path;

fn options(dir: &Path) -> RenderOptions {
    RenderOptions {
        templates: Some(dir.to_path_buf()),
        ..RenderOptions::default()
    }
}

/// Renders the fixture with one template overridden; returns the error.
fn error_with(name: &str, source: &str) -> Error {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), source).unwrap();
    render_all(&super::render_fixture::fixture(), &options(dir.path()))
        .expect_err("the template must fail")
}

fn template_error(e: Error) -> (String, Option<usize>, String) {
    match e {
        Error::Template {
            name,
            line,
            message,
        } => (name, line, message),
        other => panic!("expected a template error, got {other}"),
    }
}

#[test]
fn syntax_error_names_template_and_line() {
    let (name, line, message) = template_error(error_with(
        "theme.md",
        "### {{ theme.label }}\n\n{% if theme.label %}\nno end\n",
    ));
    assert_eq!(name, "theme.md");
    assert!(line.is_some(), "line given");
    assert!(message.contains("syntax error"), "{message}");
}

#[test]
fn unknown_variable_names_template_and_line() {
    let (name, line, message) = template_error(error_with(
        "theme.md",
        "### {{ theme.label }}\n\n{{ theme.lable }}\n",
    ));
    assert_eq!(name, "theme.md");
    assert_eq!(line, Some(3));
    assert!(message.contains("undefined"), "{message}");
}

#[test]
fn unknown_filter_names_template_and_line() {
    let (name, line, message) = template_error(error_with(
        "intro.md",
        "## Item\n\n{{ item.regions|regions_phrse }}\n",
    ));
    assert_eq!(name, "intro.md");
    assert_eq!(line, Some(3));
    assert!(message.contains("regions_phrse"), "{message}");
    let shown = Error::Template {
        name,
        line,
        message,
    }
    .to_string();
    assert!(shown.starts_with("template intro.md, line 3: "), "{shown}");
}

#[test]
fn including_a_file_outside_the_folder_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.md"), "secret").unwrap();
    let dir = outer.path().join("templates");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("annex.md"), "{% include \"../secret.md\" %}\n").unwrap();
    let (name, _, message) =
        template_error(render_all(&super::render_fixture::fixture(), &options(&dir)).unwrap_err());
    assert!(name == "annex.md" || name == "../secret.md", "{name}");
    assert!(message.contains("refused"), "{message}");

    std::fs::write(dir.join("annex.md"), "{% include \"/etc/passwd\" %}\n").unwrap();
    let (_, _, message) =
        template_error(render_all(&super::render_fixture::fixture(), &options(&dir)).unwrap_err());
    assert!(message.contains("refused"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.md"), "secret").unwrap();
    let dir = outer.path().join("templates");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(outer.path().join("secret.md"), dir.join("annex.md")).unwrap();
    let (_, _, message) =
        template_error(render_all(&super::render_fixture::fixture(), &options(&dir)).unwrap_err());
    assert!(
        message.contains("outside the templates folder"),
        "{message}"
    );
}

#[test]
fn endless_loop_is_stopped() {
    let (name, _, message) = template_error(error_with(
        "matrix.md",
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}\n",
    ));
    assert_eq!(name, "matrix.md");
    assert!(message.contains("stopped"), "{message}");
}

#[test]
fn endless_recursion_is_stopped() {
    let (name, _, message) = template_error(error_with(
        "matrix.md",
        "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}\n",
    ));
    assert_eq!(name, "matrix.md");
    assert!(
        message.contains("recursion") || message.contains("stopped"),
        "{message}"
    );
}

#[test]
fn an_override_changes_only_its_own_template() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("theme.md"),
        "### {{ theme.label }}\n\nAgreed by {{ theme.regions|regions_phrase }} ({{ theme.recommendations|cite }}).\n",
    )
    .unwrap();
    let files = render_all(&super::render_fixture::fixture(), &options(dir.path())).unwrap();
    let md = String::from_utf8(files[0].contents.clone()).unwrap();
    assert!(md.contains("Agreed by Europe and Western Asia ([Europe, para. 17 (b)](#rec-EU-6-17b); [Western Asia, para. 8 (g)](#rec-WA-6-8g))."));
    assert!(
        md.contains("## Annex. Recommendations by region"),
        "embedded annex still used"
    );
}
