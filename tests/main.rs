//! The one integration-test binary: every suite is a module here, so the
//! crate and its dependencies are linked once. `common` holds the shared
//! builders: [`common::Rapporteur`] runs the binary, [`common::seeds_dir`]
//! and [`common::seeds_synthesis`] give the seed fixture,
//! [`common::recommendation`] builds one recommendation.

mod common;
mod suite;
