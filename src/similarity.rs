//! Similarity: one combined, explained score per pair of recommendations,
//! from normalised tokens and shared entities.
