//! Chains the stages: what `draft`, `themes` and `trace` share.
