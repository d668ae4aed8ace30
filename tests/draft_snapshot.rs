//! Snapshot of the Markdown draft on the seeds: any change to the wording,
//! the themes or the order shows up as a reviewable diff.
//! Update with `INSTA_UPDATE=always cargo test --test draft_snapshot` and
//! review the diff of `tests/snapshots/` before committing.

use rapporteur::render::{render_all, Format, RenderOptions};
use std::path::PathBuf;

#[test]
fn synthesis_md_on_the_seeds() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let outcome = rapporteur::pipeline::run(&[seeds], None).unwrap();
    let files = render_all(
        &outcome.synthesis,
        &RenderOptions {
            templates: None,
            formats: vec![Format::Markdown],
        },
    )
    .unwrap();
    let md = String::from_utf8(files[0].contents.clone()).unwrap();
    insta::assert_snapshot!("synthesis_md", md);
}
