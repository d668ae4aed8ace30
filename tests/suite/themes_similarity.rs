//! Tokenisation, pair scores, candidate generation and clustering on
//! hand-built recommendations (texts copied from the seed reports).

use crate::common::recommendation;
use proptest::prelude::*;
use rapporteur::entities::Gazetteer;
use rapporteur::model::{EntityAnnotations, Plan, Recommendation, Region};
use rapporteur::similarity::item_members;
use rapporteur::similarity::{Similarity, LINK_THRESHOLD};
use rapporteur::text::{is_stop_word, stem, tokenise};
use rapporteur::themes::{build_theme_graph, max_theme_size};
use std::collections::{BTreeSet, HashSet};

/// Recommendation texts from the seeds (agenda item 6), by region.
const TEXTS: &[(Region, &str)] = &[
    (Region::WesternAsia, "Strengthen regional and international mechanisms, both formal and informal ones, to promote international cooperation in criminal matters"),
    (Region::WesternAsia, "Develop guidance for the collection and use of digital evidence and the use of artificial intelligence, and provide technical assistance in this area to countries requiring support"),
    (Region::WesternAsia, "Strengthen the capacity of criminal justice agencies to collect and utilize digital evidence to be able to better track, investigate and prosecute cyber-enabled crimes, particularly crimes committed by organized criminal groups and terrorist groups"),
    (Region::WesternAsia, "Ensure that the use of artificial intelligence in criminal justice respects the fundamental human rights of individuals, particularly the one to privacy, and develop safeguards and accountability mechanisms for the use of digital technologies in criminal justice systems, including by making sure that the use of artificial intelligence in criminal justice is supervised by human beings"),
    (Region::WesternAsia, "Recognize and support the role of civil society organizations, academia and private sector organizations in the development as well as in the implementation of national crime prevention and criminal justice policies and strategies"),
    (Region::WesternAsia, "Provide continuous learning, education programmes and awareness initiatives on specific forms of crimes for relevant sectors of the society, including media, civil society organizations and academia"),
    (Region::Europe, "Foster closer cooperation between international research agencies, and also between academia and the private sector to enhance understanding of evolving criminal threats and challenges in crime prevention and criminal justice; and encourage governments to strengthen cooperation with civil society, including academia, for an enhanced interdisciplinary approach to crime and criminal justice issues"),
    (Region::Europe, "Strengthen the capacities of judicial systems to adjudicate cyber-enabled crimes, including as they relate to crimes that enable the financing of criminal and/or terrorist networks; and take adequate measures to improve electronic evidence collection and analysis, cyber incident response policies and procedures, and cybercrime intelligence collection and sharing"),
    (Region::Europe, "Promote the strengthening of the international legal framework on artificial intelligence, ensuring human oversight and explainability; and develop uniform standards for the use of artificial intelligence in law enforcement, paying special attention to the minimization of possible threats and the prerogative of final decision-making by human beings"),
    (Region::Europe, "Ensure the active international exchange of information related to the prevention, detection, disclosure and investigation of crimes that affect the environment, thereby promoting the improvement of transboundary cooperation, including the exchange of experiences and implementation of specific projects"),
    (Region::AsiaPacific, "Seek to promote the responsible use of artificial intelligence technologies in law enforcement efforts to combat and prevent crime, in accordance with a cautious approach that includes the development of unified standards for such use, with the requirement that final decisions are made by humans and ensuring particular attention to the minimization of possible threats"),
    (Region::AsiaPacific, "Continue to mainstream a gender perspective into crime prevention and underscore the importance of addressing violence against women and children; and promote gender-sensitive treatment of women in the criminal justice system in line with the Bangkok Rules"),
    (Region::LatinAmericaCaribbean, "Develop unified protocols on the collection, handling, and standardization of digital evidence, consider the creation of a regional technological innovation centre for criminal investigation and analysis"),
    (Region::LatinAmericaCaribbean, "Implement continuous learning and education programmes for crime prevention and criminal justice practitioners, promote sustainable capacity-building to increase international responses to crime, as well as strengthen civil society engagement in community, national, and international capacity-building, particularly as it pertains to protecting human rights, promoting gender equality, and ensuring transparency and the rule of law"),
    (Region::LatinAmericaCaribbean, "Develop accountability mechanisms for the use of digital technologies in criminal justice systems, conduct regular reviews that include consultations with diverse stakeholders to ensure the effectiveness, accuracy, compliance with the principle of do no harm, considering the potential risks of such technologies to exacerbate existing biases and discrimination"),
];

fn seed_recommendations() -> Vec<Recommendation> {
    TEXTS
        .iter()
        .enumerate()
        .map(|(i, (region, text))| recommendation(*region, i, text))
        .collect()
}

fn annotate(recs: &[Recommendation]) -> EntityAnnotations {
    Gazetteer::embedded().annotate(recs)
}

/// A deterministic pseudo-random sequence (no dependency needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// `n` recommendations recombining clauses of the seed texts.
fn recombined(n: usize, seed: u64) -> Vec<Recommendation> {
    let clauses: Vec<&str> = TEXTS
        .iter()
        .flat_map(|(_, t)| t.split([',', ';']))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let mut rng = Lcg(seed);
    (0..n)
        .map(|i| {
            let parts = 1 + rng.next(4);
            let text: Vec<&str> = (0..parts)
                .map(|_| clauses[rng.next(clauses.len())])
                .collect();
            let region = Region::ALL[rng.next(4)];
            recommendation(region, i, &text.join(", "))
        })
        .collect()
}

#[test]
fn plurals_and_word_forms_share_a_stem() {
    assert_eq!(stem("programmes"), stem("programme"));
    assert_eq!(stem("investigations"), stem("investigation"));
    assert_eq!(stem("standards"), stem("standard"));
    assert_eq!(stem("partnerships"), stem("partnership"));
}

#[test]
fn stop_words_and_boilerplate_are_dropped() {
    for word in [
        "the",
        "strengthen",
        "strengthening",
        "promote",
        "ensure",
        "including",
        "relevant",
        "member",
        "states",
        "criminal",
        "justice",
    ] {
        assert!(is_stop_word(word), "{word} should be a stop word");
    }
    let tokens = tokenise("Strengthen the capacities of Member States, including relevant criminal justice programmes", &[]);
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    assert_eq!(words, ["capacities", "programmes"]);
}

#[test]
fn words_inside_entity_mentions_are_not_counted_twice() {
    let text = "Develop guidance for the collection and use of digital evidence and AI";
    let mentions = Gazetteer::embedded().find(text);
    let words: Vec<String> = tokenise(text, &mentions)
        .into_iter()
        .map(|t| t.word)
        .collect();
    assert_eq!(words, ["guidance", "collection"]);
}

#[test]
fn related_recommendations_score_higher_than_unrelated_ones() {
    let recs = seed_recommendations();
    let ann = annotate(&recs);
    let refs: Vec<&Recommendation> = recs.iter().collect();
    let sim = Similarity::new(&refs, &ann);
    // Europe's AI standards vs Asia-Pacific's AI standards.
    let ai = sim.link(8, 10);
    assert!(ai.score >= LINK_THRESHOLD, "{ai:?}");
    assert!(ai
        .shared_entities
        .contains(&"artificial intelligence".to_string()));
    assert!(
        ai.shared_terms.iter().any(|t| t.contains("minimization")),
        "{ai:?}"
    );
    // AI standards vs gender mainstreaming.
    assert!(sim.score(8, 11) < LINK_THRESHOLD);
    assert!(ai.score > sim.score(8, 11));
    // Electronic evidence (Europe) and digital evidence (Western Asia) are one entity.
    let evidence = sim.link(2, 7);
    assert!(
        evidence
            .shared_entities
            .contains(&"digital evidence".to_string()),
        "{evidence:?}"
    );
}

#[test]
fn score_parts_add_up() {
    let recs = seed_recommendations();
    let ann = annotate(&recs);
    let refs: Vec<&Recommendation> = recs.iter().collect();
    let sim = Similarity::new(&refs, &ann);
    for a in 0..recs.len() {
        for b in 0..recs.len() {
            let l = sim.link(a, b);
            assert!((l.lexical + l.entity - l.score).abs() < 1e-3, "{l:?}");
            assert!((0.0..=1.0).contains(&l.score));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn scores_are_symmetric_and_bounded(seed in 0u64..10_000, n in 2usize..40) {
        let recs = recombined(n, seed);
        let ann = annotate(&recs);
        let refs: Vec<&Recommendation> = recs.iter().collect();
        let sim = Similarity::new(&refs, &ann);
        let mut rng = Lcg(seed ^ 0x5eed);
        for _ in 0..20 {
            let (a, b) = (rng.next(n), rng.next(n));
            let (ab, ba) = (sim.link(a, b), sim.link(b, a));
            prop_assert_eq!(ab.score, ba.score);
            prop_assert_eq!(ab.lexical, ba.lexical);
            prop_assert_eq!(ab.entity, ba.entity);
            prop_assert!((0.0..=1.0).contains(&ab.score));
            prop_assert!((0.0..=1.0).contains(&ab.lexical));
            prop_assert!((0.0..=1.0).contains(&ab.entity));
        }
    }
}

#[test]
fn candidates_hold_every_pair_exact_scoring_links() {
    let recs = recombined(1000, 7);
    let ann = annotate(&recs);
    let refs: Vec<&Recommendation> = recs.iter().collect();
    let sim = Similarity::new(&refs, &ann);
    let candidates: HashSet<(usize, usize)> = sim.candidate_pairs().into_iter().collect();
    let exact = sim.exact_links();
    assert!(!exact.is_empty());
    let missed: Vec<_> = exact
        .iter()
        .filter(|p| !candidates.contains(&(p.a as usize, p.b as usize)))
        .collect();
    assert!(
        missed.is_empty(),
        "{} of {} linked pairs missed, e.g. {:?}",
        missed.len(),
        exact.len(),
        missed.first()
    );
    // The index prunes: far fewer candidates than all pairs.
    assert!(candidates.len() < 1000 * 999 / 2);
}

#[test]
fn every_recommendation_is_in_exactly_one_theme_and_no_theme_is_too_large() {
    let recs = recombined(300, 11);
    let ann = annotate(&recs);
    let graph = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &ann),
        &Plan::default(),
    );
    // Groups of twins (recommendations that read the same to the score),
    // as sets of ids: a theme may pass the cap only by being one of them.
    let members = item_members(&recs, "6");
    assert_eq!(members.len(), recs.len());
    let twins: Vec<BTreeSet<&str>> = Similarity::new(&members, &ann)
        .twin_groups()
        .iter()
        .map(|group| group.iter().map(|&m| members[m].id.as_str()).collect())
        .collect();
    let mut seen = BTreeSet::new();
    for theme in graph.themes() {
        let ids: BTreeSet<&str> = theme.recommendations.iter().map(String::as_str).collect();
        assert!(
            theme.recommendations.len() <= max_theme_size(recs.len()) || twins.contains(&ids),
            "{} too large",
            theme.id
        );
        for id in &theme.recommendations {
            assert!(seen.insert(id.clone()), "{id} in two themes");
        }
    }
    assert_eq!(seen.len(), recs.len());
}

/// Recommendations worded alike (here: the same text, so the same
/// entities) read the same to the score and always share a theme, however
/// many there are: clustering starts from them as one.
#[test]
fn recommendations_worded_alike_share_a_theme() {
    let recs = recombined(400, 5);
    let ann = annotate(&recs);
    let graph = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &ann),
        &Plan::default(),
    );
    let theme_of: std::collections::HashMap<&str, &str> = graph
        .themes()
        .flat_map(|t| {
            t.recommendations
                .iter()
                .map(|r| (r.as_str(), t.id.as_str()))
        })
        .collect();
    let mut by_text: std::collections::BTreeMap<&str, BTreeSet<&str>> = Default::default();
    for r in &recs {
        by_text
            .entry(&r.text)
            .or_default()
            .insert(theme_of[r.id.as_str()]);
    }
    let repeated = recs.len() - by_text.len();
    assert!(
        repeated > 20,
        "only {repeated} repeated texts: nothing to test"
    );
    for (text, themes) in by_text {
        assert_eq!(themes.len(), 1, "{text:?} split over {themes:?}");
    }
}

#[test]
fn themes_do_not_depend_on_input_order_or_run() {
    let recs = recombined(200, 3);
    let ann = annotate(&recs);
    let themes = |recs: &[Recommendation]| -> Vec<(String, String, Vec<String>)> {
        build_theme_graph(
            recs,
            rapporteur::pipeline::item_similarity(recs, &ann),
            &Plan::default(),
        )
        .themes()
        .map(|t| (t.id.clone(), t.label.clone(), t.recommendations.clone()))
        .collect()
    };
    let first = themes(&recs);
    assert_eq!(first, themes(&recs));
    let mut reversed = recs.clone();
    reversed.reverse();
    assert_eq!(first, themes(&reversed));
    let mut shuffled = recs.clone();
    let mut rng = Lcg(99);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.next(i + 1));
    }
    assert_eq!(first, themes(&shuffled));
}

#[test]
fn theme_graph_edges_carry_their_evidence() {
    let recs = seed_recommendations();
    let ann = annotate(&recs);
    let graph = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &ann),
        &Plan::default(),
    );
    let item = &graph.items[0];
    assert_eq!(item.graph.node_count(), recs.len());
    assert!(item.graph.edge_count() > 0);
    for e in item.graph.edge_indices() {
        let link = &item.graph[e];
        assert!(link.score >= LINK_THRESHOLD);
        assert!(!link.shared_terms.is_empty() || !link.shared_entities.is_empty());
    }
    // Labels are phrases, not stems: every word of a label is a word of
    // some member's text or of an entity name.
    for theme in &item.themes {
        assert!(theme.id.starts_with("6-"));
        let mut known = String::new();
        for id in &theme.recommendations {
            known.push_str(
                &recs
                    .iter()
                    .find(|r| &r.id == id)
                    .unwrap()
                    .text
                    .to_lowercase(),
            );
            // A label may also use the gazetteer's heading for an entity
            // its members name or imply.
            for m in ann.of(id) {
                let broader = m.broader.iter().map(|b| (&b.name, &b.entity));
                for (name, entity) in std::iter::once((&m.name, &m.entity)).chain(broader) {
                    known.push(' ');
                    known.push_str(&name.to_lowercase());
                    if let Some(heading) = ann.heading(entity) {
                        known.push(' ');
                        known.push_str(&heading.to_lowercase());
                    }
                }
            }
        }
        let words: Vec<String> = theme
            .label
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| w.len() > 2)
            .map(str::to_string)
            .collect();
        assert!(!words.is_empty(), "{}", theme.label);
        for w in words {
            assert!(
                known.contains(&w),
                "label word `{w}` of `{}` is not in its members",
                theme.label
            );
        }
    }
}
