//! Recommendations that read the same to the score.
//!
//! Regions copy each other's wording, and later meetings repeat earlier
//! ones, so a large corpus holds many recommendations whose profiles are
//! identical: the same weighted features and the same sequence of content
//! words (punctuation, case, stop words and letters aside). Such twins score
//! exactly the same against every other recommendation, so the strongest
//! links are searched once per group of twins and then handed to each
//! member (see [`super::Similarity::links`]); nothing is approximated.

use super::score::Profile;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// Groups of recommendations with identical profiles.
#[derive(Debug, Clone, Default)]
pub struct Twins {
    /// Group of each recommendation.
    group_of: Vec<u32>,
    /// Members of each group, ascending; groups numbered by their first
    /// member, so group order is recommendation order.
    members: Vec<Vec<u32>>,
}

/// A profile compared by what the score reads: weights bit for bit, and the
/// word sequence.
struct ScoredAs<'a>(&'a Profile);

impl PartialEq for ScoredAs<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.sequence == other.0.sequence
            && self.0.vector.len() == other.0.vector.len()
            && self
                .0
                .vector
                .iter()
                .zip(&other.0.vector)
                .all(|(x, y)| x.0 == y.0 && x.1.to_bits() == y.1.to_bits())
    }
}

impl Eq for ScoredAs<'_> {}

impl Hash for ScoredAs<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.sequence.hash(state);
        for &(id, w) in &self.0.vector {
            (id, w.to_bits()).hash(state);
        }
    }
}

impl Twins {
    /// Groups from the `profiles` of distinct wordings and the wording of
    /// each recommendation (`wording_of`; wordings numbered in the order
    /// first met). Wordings differing only in what the score ignores
    /// (case, punctuation, stop words) are twins too.
    pub fn of(profiles: &[Profile], wording_of: &[u32]) -> Self {
        let mut groups: FxHashMap<ScoredAs, u32> = FxHashMap::default();
        // Numbered by first wording, so by first member.
        let group_of_wording: Vec<u32> = profiles
            .iter()
            .map(|profile| {
                let next = groups.len() as u32;
                *groups.entry(ScoredAs(profile)).or_insert(next)
            })
            .collect();
        let mut twins = Twins {
            group_of: Vec::with_capacity(wording_of.len()),
            members: vec![Vec::new(); groups.len()],
        };
        for (i, &w) in wording_of.iter().enumerate() {
            let group = group_of_wording[w as usize];
            twins.members[group as usize].push(i as u32);
            twins.group_of.push(group);
        }
        twins
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn group_of(&self, recommendation: usize) -> usize {
        self.group_of[recommendation] as usize
    }

    /// Members of a group, ascending.
    pub fn members(&self, group: usize) -> &[u32] {
        &self.members[group]
    }

    /// The first (lowest) member, which stands for the group.
    pub fn first(&self, group: usize) -> usize {
        self.members[group][0] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(vector: &[(u32, f64)], sequence: &[u32]) -> Profile {
        Profile {
            vector: vector.to_vec(),
            sequence: sequence.to_vec(),
            present: Vec::new(),
            concerned: Vec::new(),
        }
    }

    #[test]
    fn groups_identical_profiles_in_recommendation_order() {
        let profiles = vec![
            profile(&[(1, 0.6), (2, 0.8)], &[1, 2]),
            profile(&[(1, 0.8), (2, 0.6)], &[1, 2]),
            profile(&[(1, 0.6), (2, 0.8)], &[1, 2]),
            // Same features, other word order: scores differ, not twins.
            profile(&[(1, 0.6), (2, 0.8)], &[2, 1]),
            profile(&[(1, 0.6), (2, 0.8)], &[1, 2]),
        ];
        let each_its_own: Vec<u32> = (0..profiles.len() as u32).collect();
        let twins = Twins::of(&profiles, &each_its_own);
        assert_eq!(twins.len(), 3);
        assert_eq!(twins.members(0), &[0, 2, 4]);
        assert_eq!(twins.members(1), &[1]);
        assert_eq!(twins.members(2), &[3]);
        assert_eq!(twins.group_of(4), 0);
        assert_eq!(twins.first(2), 3);
    }

    #[test]
    fn weights_must_agree_bit_for_bit() {
        let a = profile(&[(1, 0.1 + 0.2)], &[1]);
        let b = profile(&[(1, 0.3)], &[1]);
        assert_eq!(Twins::of(&[a, b], &[0, 1]).len(), 2);
    }
}
