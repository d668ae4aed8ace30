//! Snapshot of the Markdown draft on the seeds: any change to the wording,
//! the themes or the order shows up as a reviewable diff.
//! Update with `INSTA_UPDATE=always cargo test draft_snapshot` and
//! review the diff of `tests/snapshots/` before committing.

use rapporteur::render::{render_all, Format, RenderOptions};

#[test]
fn synthesis_md_on_the_seeds() {
    let files = render_all(
        crate::common::seeds_synthesis(),
        &RenderOptions {
            templates: None,
            formats: vec![Format::Markdown],
        },
    )
    .unwrap();
    let md = String::from_utf8(files[0].contents.clone()).unwrap();
    insta::assert_snapshot!("synthesis_md", md);
}
