//! `.ci/run` runs the README's commands exactly, installs Graphviz only when
//! it is missing, and says loudly when a step is skipped.

use crate::common::root;

fn ci_script() -> String {
    std::fs::read_to_string(root().join(".ci/run")).unwrap()
}

#[test]
fn ci_runs_the_readmes_commands_exactly() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let block = readme
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let commands: Vec<&str> = block
        .lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(commands, ["cargo run --release", "cargo test"]);
    let script = ci_script();
    for command in commands {
        assert!(
            script.lines().any(|l| l.trim() == command),
            ".ci/run lacks the README's `{command}`"
        );
    }
}

#[test]
fn ci_installs_graphviz_only_when_missing_and_says_what_it_skipped() {
    let script = ci_script();
    let check = script.find("command -v dot").expect("looks for dot first");
    let install = script.find("apt-get install").expect("installs graphviz");
    assert!(check < install);
    assert!(script.contains("sudo -n"), "uses sudo when not root");
    // Every skip goes through one loud function, repeated at the end.
    assert!(script.contains("echo \"!! SKIPPED: $*\""));
    assert!(script.contains("skip \"gold score:"));
    assert!(script.contains("skip \"Graphviz could not be installed"));
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(root().join(".ci/run"))
        .status()
        .unwrap();
    assert!(status.success(), ".ci/run parses");
}
