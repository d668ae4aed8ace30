//! Regional positions: convergence, strength of asks, nuances.

use rapporteur::model::{AskStrength, Convergence, Nuance, Region};
use rapporteur::positions::{convergence, opening, typical_strength};

#[test]
fn opening_verbs_give_the_strength_of_the_ask() {
    assert_eq!(
        opening("Consider signing and ratifying the Convention"),
        ("Consider".to_string(), AskStrength::Exploratory)
    );
    assert_eq!(
        opening("Seek to promote the responsible use of AI"),
        ("Seek to promote".to_string(), AskStrength::Exploratory)
    );
    assert_eq!(
        opening("Encourage Member States to fully implement"),
        ("Encourage".to_string(), AskStrength::Exploratory)
    );
    assert_eq!(
        opening("Encourage and support national inter-agency coordination"),
        ("Encourage and support".to_string(), AskStrength::Supportive)
    );
    assert_eq!(
        opening("Promote technical assistance"),
        ("Promote".to_string(), AskStrength::Supportive)
    );
    assert_eq!(
        opening("Ensure that the use of artificial intelligence"),
        ("Ensure".to_string(), AskStrength::Directive)
    );
    assert_eq!(
        opening("Establish and strengthen regional networks"),
        (
            "Establish and strengthen".to_string(),
            AskStrength::Directive
        )
    );
    assert_eq!(
        opening("Under the auspices of UNODC, establish appropriate mechanisms"),
        ("Establish".to_string(), AskStrength::Directive)
    );
}

#[test]
fn a_region_asks_at_its_most_frequent_strength_ties_to_the_weaker() {
    use AskStrength::*;
    assert_eq!(
        typical_strength([Directive, Directive, Exploratory].into_iter()),
        Directive
    );
    assert_eq!(
        typical_strength([Supportive, Exploratory].into_iter()),
        Exploratory
    );
    assert_eq!(typical_strength([Directive].into_iter()), Directive);
}

#[test]
fn convergence_compares_contributors_with_the_regions_that_met() {
    let met = [
        Region::AsiaPacific,
        Region::Europe,
        Region::LatinAmericaCaribbean,
        Region::WesternAsia,
    ];
    assert_eq!(convergence(&met, &met), Convergence::Converging);
    assert_eq!(convergence(&met[..2], &met), Convergence::Shared);
    assert_eq!(convergence(&met[..1], &met), Convergence::RegionSpecific);
    assert_eq!(
        convergence(&[Region::WesternAsia], &[Region::WesternAsia]),
        Convergence::RegionSpecific
    );
}

fn seeds() -> &'static rapporteur::model::Synthesis {
    crate::common::seeds_synthesis()
}

#[test]
fn positions_on_the_seeds() {
    let s = seeds();
    let item6 = s
        .agenda_items
        .iter()
        .find(|i| i.agenda_item == "6")
        .unwrap();
    assert_eq!(item6.regions.len(), 4);
    let item5 = s
        .agenda_items
        .iter()
        .find(|i| i.agenda_item == "5")
        .unwrap();
    assert_eq!(item5.regions, [Region::WesternAsia]);
    let mut strength_nuances = 0;
    for t in &s.themes {
        let p = &t.position;
        assert_eq!(p.regions, t.theme.regions);
        assert_eq!(
            convergence(
                &p.regions,
                if t.theme.agenda_item == "6" {
                    &item6.regions
                } else {
                    &item5.regions
                }
            ),
            p.convergence
        );
        if p.regions.len() == 4 {
            assert_eq!(p.convergence, Convergence::Converging);
            assert!(p.absent_regions.is_empty());
        }
        for rp in &p.by_region {
            assert_eq!(rp.recommendations.len(), rp.references.len());
            assert!(!rp.verbs.is_empty());
        }
        for n in &p.nuances {
            let sources = match n {
                Nuance::Strength {
                    stronger,
                    weaker,
                    sources,
                } => {
                    strength_nuances += 1;
                    let strength = |r: &Region| {
                        p.by_region
                            .iter()
                            .find(|b| b.region == *r)
                            .unwrap()
                            .strength
                    };
                    assert!(stronger
                        .iter()
                        .all(|r| weaker.iter().all(|w| strength(r) > strength(w))));
                    sources
                }
                Nuance::Addition {
                    entities,
                    terms,
                    sources,
                    ..
                } => {
                    assert!(!entities.is_empty() || !terms.is_empty());
                    sources
                }
            };
            assert!(!sources.is_empty());
            assert!(
                sources
                    .iter()
                    .all(|id| t.theme.recommendations.contains(id)),
                "{sources:?}"
            );
        }
    }
    assert!(strength_nuances > 0);
    // Item 5 met in one region only: its themes are region-specific.
    assert!(s
        .themes
        .iter()
        .filter(|t| t.theme.agenda_item == "5")
        .all(|t| t.position.convergence == Convergence::RegionSpecific));
    // Converging themes come first in each item's drafting order.
    let first = s
        .themes
        .iter()
        .find(|t| t.theme.agenda_item == "6")
        .unwrap();
    assert_eq!(first.position.convergence, Convergence::Converging);
}

#[test]
fn consider_and_ensure_in_one_theme_give_a_strength_nuance() {
    let s = seeds();
    let theme = s
        .themes
        .iter()
        .find(|t| {
            let strengths: Vec<AskStrength> =
                t.position.by_region.iter().map(|r| r.strength).collect();
            strengths.contains(&AskStrength::Directive)
                && strengths.contains(&AskStrength::Exploratory)
        })
        .expect("a theme where one region only explores and another directs");
    let nuance = theme.position.nuances.iter().find_map(|n| match n {
        Nuance::Strength {
            stronger,
            weaker,
            sources,
        } => Some((stronger, weaker, sources)),
        _ => None,
    });
    let (stronger, weaker, sources) = nuance.expect("strength nuance recorded");
    assert!(!stronger.is_empty() && !weaker.is_empty());
    assert!(sources.iter().any(|id| opening(
        &s.recommendations.iter().find(|r| &r.id == id).unwrap().text
    )
    .1 == AskStrength::Exploratory));
}

#[test]
fn themes_are_drafted_in_the_order_of_their_ids() {
    let s = seeds();
    for item in &s.agenda_items {
        let number = |id: &String| id.rsplit('-').next().unwrap().parse::<u32>().unwrap();
        let mut sorted = item.themes.clone();
        sorted.sort_by_key(number);
        assert_eq!(item.themes, sorted);
    }
}
