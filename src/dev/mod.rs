//! Developer tools, outside the stages: the synthetic-corpus generator and
//! the bench. They use only the public pipeline, as any caller would.

pub mod bench;
pub mod synthetic;
