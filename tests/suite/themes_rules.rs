//! The rules themes are formed by (issue 14): link evidence, lone asks,
//! distinct labels, cross-references, the rapporteur's plan, and a floor
//! against a rapporteur's own grouping of the seeds.

use crate::common::{recommendation, seeds_synthesis, Rapporteur};
use rapporteur::entities::Gazetteer;
use rapporteur::model::{
    PlacementRule, Plan, PlannedMember, PlannedTheme, Recommendation, Region, ThemeSource,
};
use rapporteur::similarity::item_members;
use rapporteur::similarity::Similarity;
use rapporteur::themes::build_theme_graph;
use std::collections::{BTreeMap, BTreeSet};

/// Eight recommendations on four subjects, two each, plus two that share
/// with each other only the word "work" (rare in this item, so not
/// ubiquitous: it is the one-word rule that keeps them apart).
const TEXTS: &[(Region, &str)] = &[
    (Region::Europe, "Promote the responsible use of artificial intelligence in the criminal justice system with human oversight and due process safeguards"),
    (Region::WesternAsia, "Ensure that the use of artificial intelligence in criminal justice respects human rights and is supervised by human beings"),
    (Region::LatinAmericaCaribbean, "Strengthen mechanisms for international legal cooperation, including mutual legal assistance, extradition and the recovery of assets"),
    (Region::WesternAsia, "Establish databases of competent national authorities responsible for extradition and mutual legal assistance"),
    (Region::AsiaPacific, "Modernize training for criminal justice practitioners and organize advanced training courses for law enforcement agencies"),
    (Region::LatinAmericaCaribbean, "Implement continuous learning and education programmes and training for crime prevention and criminal justice practitioners"),
    (Region::WesternAsia, "Develop guidance for the collection and use of digital evidence by prosecutors and judges"),
    (Region::LatinAmericaCaribbean, "Develop unified protocols on the collection and handling of digital evidence"),
    (Region::Europe, "Promote the work of international and regional bodies in the field of crime prevention"),
    (Region::LatinAmericaCaribbean, "Foster interoperable systems that work together to deliver services to citizens"),
];

fn recommendations() -> Vec<Recommendation> {
    TEXTS
        .iter()
        .enumerate()
        .map(|(i, (region, text))| recommendation(*region, i, text))
        .collect()
}

#[test]
fn a_pair_sharing_one_common_word_does_not_link() {
    let recs = recommendations();
    let annotations = Gazetteer::embedded().annotate(&recs);
    let members = item_members(&recs, "6");
    let similarity = Similarity::new(&members, &annotations);
    let at = |id: &str| members.iter().position(|r| r.id == id).unwrap();
    let (bodies, systems) = (at(&recs[8].id), at(&recs[9].id));
    let evidence = similarity.evidence(bodies, systems);
    assert_eq!(evidence.words, ["work"], "{evidence:?}");
    assert!(evidence.entities.is_empty(), "{evidence:?}");
    assert!(!evidence.is_strong());
    let (a, b) = (bodies.min(systems) as u32, bodies.max(systems) as u32);
    assert!(
        similarity
            .links()
            .iter()
            .all(|p| (p.a, p.b) != (a, b) || !p.strong),
        "the pair is a strong link"
    );
    // Two shared entities make a strong link.
    let (ai, ai_too) = (at(&recs[0].id), at(&recs[1].id));
    assert!(similarity.evidence(ai, ai_too).is_strong());
    let graph = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &annotations),
        &Plan::default(),
    );
    let theme_of = |id: &str| {
        graph
            .themes()
            .find(|t| t.recommendations.iter().any(|r| r == id))
            .unwrap()
            .id
            .clone()
    };
    assert_ne!(theme_of(&recs[8].id), theme_of(&recs[9].id));
    assert_eq!(theme_of(&recs[0].id), theme_of(&recs[1].id));
}

/// An entity a text only implies as what a named entity concerns (a
/// Convention and the crime it is against) is weak evidence, like one word;
/// a concept both texts imply as a kind (training and continuous learning,
/// both forms of capacity-building) is full evidence.
#[test]
fn what_a_convention_concerns_is_weak_evidence_a_shared_kind_is_not() {
    let texts: &[(Region, &str)] = &[
        (Region::Europe, "Encourage Member States to fully implement the United Nations Convention against Corruption"),
        (Region::WesternAsia, "Promote measures to prevent and counter corruption as a violation of human rights of citizens"),
        (Region::AsiaPacific, "Modernize training for practitioners of justice"),
        (Region::LatinAmericaCaribbean, "Implement continuous learning for practitioners of prevention"),
        (Region::Europe, "Invest in digital platforms that streamline court processes"),
        (Region::WesternAsia, "Establish national centres to track criminal phenomena"),
        (Region::AsiaPacific, "Show examples of responsible uses of artificial intelligence"),
    ];
    let recs: Vec<Recommendation> = texts
        .iter()
        .enumerate()
        .map(|(i, (region, text))| recommendation(*region, i, text))
        .collect();
    let annotations = Gazetteer::embedded().annotate(&recs);
    let members = item_members(&recs, "6");
    let similarity = Similarity::new(&members, &annotations);
    let at = |i: usize| members.iter().position(|r| r.id == recs[i].id).unwrap();
    let convention = similarity.evidence(at(0), at(1));
    assert_eq!(convention.concerned, ["corruption"], "{convention:?}");
    assert!(convention.entities.is_empty(), "{convention:?}");
    assert!(!convention.is_strong(), "{convention:?}");
    let learning = similarity.evidence(at(2), at(3));
    assert_eq!(learning.entities, ["capacity-building"], "{learning:?}");
    assert!(learning.concerned.is_empty(), "{learning:?}");
    assert!(learning.is_strong(), "{learning:?}");
}

/// Evidence of the pair (0, 1) in an item of `texts`.
fn evidence_of_first_pair(texts: &[&str]) -> rapporteur::similarity::Evidence {
    let regions = [Region::Europe, Region::WesternAsia, Region::AsiaPacific];
    let recs: Vec<Recommendation> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| recommendation(regions[i % regions.len()], i, text))
        .collect();
    let annotations = Gazetteer::embedded().annotate(&recs);
    let members = item_members(&recs, "6");
    let similarity = Similarity::new(&members, &annotations);
    let at = |i: usize| members.iter().position(|r| r.id == recs[i].id).unwrap();
    similarity.evidence(at(0), at(1))
}

/// A concept held by more than a quarter of an item (a heading its title
/// announces) still tells its theme apart; one held by more than half does
/// not. A word held by more than a quarter is the item's vocabulary.
#[test]
fn a_common_concept_is_evidence_until_it_is_in_most_of_the_item() {
    let cooperation = [
        "Strengthen extradition arrangements between central authorities of neighbouring States",
        "Expand mutual legal assistance through secure electronic channels",
        "Support joint investigations of trafficking in cultural property",
        "Facilitate asset recovery from offshore havens",
        "Enhance international cooperation in criminal matters against maritime piracy",
        "Promote the transfer of sentenced persons to their countries of origin",
        "Establish regional networks of prosecutors against wildlife poaching",
    ];
    let others = [
        "Modernize training for practitioners of justice",
        "Invest in digital platforms that streamline court processes",
        "Show examples of responsible uses of artificial intelligence",
        "Continue to mainstream a gender perspective into crime prevention",
        "Update national drug schedules in accordance with the decisions taken",
        "Strengthen prison reform efforts under the Nelson Mandela Rules",
        "Recognize the role of academia in research on victims",
        "Develop guidance for the collection and use of digital evidence",
    ];
    // International cooperation (named or implied) in 4 of 12: over a
    // quarter, under half.
    let item: Vec<&str> = cooperation[..4].iter().chain(&others).copied().collect();
    let evidence = evidence_of_first_pair(&item);
    assert_eq!(
        evidence.entities,
        ["international cooperation"],
        "{evidence:?}"
    );
    assert!(evidence.words.is_empty(), "{evidence:?}");
    assert!(evidence.is_strong(), "{evidence:?}");
    // In 7 of 12: most of the item; the pair has nothing else.
    let item: Vec<&str> = cooperation.iter().chain(&others[..5]).copied().collect();
    let evidence = evidence_of_first_pair(&item);
    assert!(evidence.entities.is_empty(), "{evidence:?}");
    assert!(!evidence.is_strong(), "{evidence:?}");
}

#[test]
fn a_lone_ask_is_a_theme_of_its_own_not_joined_to_the_nearest() {
    let recs = recommendations();
    let annotations = Gazetteer::embedded().annotate(&recs);
    let graph = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &annotations),
        &Plan::default(),
    );
    for lone in [&recs[8], &recs[9]] {
        let theme = graph
            .themes()
            .find(|t| t.recommendations.contains(&lone.id))
            .unwrap();
        assert_eq!(
            theme.recommendations,
            std::slice::from_ref(&lone.id),
            "{}",
            theme.label
        );
        assert_eq!(theme.regions, [lone.region]);
        let placement = graph.placement(&lone.id).unwrap();
        assert!(
            matches!(placement.rule, PlacementRule::Alone { .. }),
            "{placement:?}"
        );
    }
    // On the seeds, asks no other region makes stand alone and
    // region-specific: Europe's work of international bodies (linked to
    // the AI theme only through "work" before).
    let s = seeds_synthesis();
    let theme = s
        .themes
        .iter()
        .find(|t| t.theme.recommendations.contains(&"EU-6-17d".to_string()))
        .unwrap();
    assert_eq!(theme.theme.recommendations, ["EU-6-17d"]);
    assert_eq!(theme.theme.regions, [Region::Europe]);
    let singles = s
        .themes
        .iter()
        .filter(|t| t.theme.recommendations.len() == 1)
        .count();
    assert!(singles >= 2, "{singles} themes of one on the seeds");
}

#[test]
fn labels_are_distinct_within_each_agenda_item() {
    let mut labels: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for t in &seeds_synthesis().themes {
        assert!(
            labels
                .entry(&t.theme.agenda_item)
                .or_default()
                .insert(&t.theme.label),
            "two themes of item {} are labelled {:?}",
            t.theme.agenda_item,
            t.theme.label
        );
        assert!(!t.theme.label.is_empty());
    }
}

#[test]
fn see_also_is_listed_in_the_json_and_each_recommendation_has_one_home() {
    let dir = tempfile::tempdir().unwrap();
    Rapporteur::new()
        .args(["draft", "--format", "json", "-q", "-o"])
        .arg(dir.path())
        .run()
        .expect_code(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("synthesis.json")).unwrap())
            .unwrap();
    let mut home: BTreeMap<String, String> = BTreeMap::new();
    let mut cross_referenced = 0;
    for theme in json["themes"].as_array().unwrap() {
        let id = theme["id"].as_str().unwrap();
        for r in theme["recommendations"].as_array().unwrap() {
            let r = r.as_str().unwrap().to_string();
            assert!(
                home.insert(r.clone(), id.to_string()).is_none(),
                "{r} has two homes"
            );
        }
        let see_also = theme["see_also"]
            .as_array()
            .expect("see_also in every theme");
        cross_referenced += see_also.len();
    }
    assert_eq!(
        home.len(),
        json["recommendations"].as_array().unwrap().len()
    );
    for theme in json["themes"].as_array().unwrap() {
        let id = theme["id"].as_str().unwrap();
        for r in theme["see_also"].as_array().unwrap() {
            let r = r.as_str().unwrap();
            assert_ne!(home[r], id, "{r} cross-referenced from its own theme");
            let item = |theme: &str| theme.split('-').next().unwrap().to_string();
            assert_eq!(
                item(&home[r]),
                item(id),
                "{r} cross-referenced across items"
            );
        }
    }
    assert!(
        cross_referenced > 0,
        "no recommendation straddles two themes"
    );
}

fn planned(label: &str, ids: &[&str], see_also: &[&str]) -> PlannedTheme {
    PlannedTheme {
        agenda_item: "6".to_string(),
        label: label.to_string(),
        pinned_label: true,
        recommendations: ids
            .iter()
            .enumerate()
            .map(|(i, id)| PlannedMember {
                id: id.to_string(),
                origin: format!("themes.toml:{}", 10 + i),
            })
            .collect(),
        see_also: see_also.iter().map(|s| s.to_string()).collect(),
        origin: "themes.toml:9".to_string(),
    }
}

#[test]
fn planned_themes_are_applied_exactly() {
    let corpus = rapporteur::ingest::read_corpus(&[]);
    let recs: Vec<Recommendation> = corpus.recommendations().cloned().collect();
    let annotations = Gazetteer::embedded().annotate(&recs);
    // A theme no clustering would make, members in an order of the
    // rapporteur's own, and a second one.
    let odd = planned(
        "Miscellaneous asks",
        &["LAC-6-8a", "EU-6-17d", "AP-6-15e"],
        &["WA-6-8a"],
    );
    let ai = planned("Artificial intelligence", &["WA-6-8l", "EU-6-17m"], &[]);
    let plan = Plan {
        themes: vec![odd.clone(), ai.clone()],
    };
    let graph = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &annotations),
        &plan,
    );
    let item = graph.items.iter().find(|i| i.agenda_item == "6").unwrap();
    let (first, second) = (&item.themes[0], &item.themes[1]);
    assert_eq!(first.label, "Miscellaneous asks");
    assert_eq!(first.source, ThemeSource::Plan);
    assert_eq!(first.see_also, ["WA-6-8a"]);
    assert_eq!(
        first.recommendations[..3],
        ["LAC-6-8a", "EU-6-17d", "AP-6-15e"]
    );
    assert_eq!(second.label, "Artificial intelligence");
    assert_eq!(second.source, ThemeSource::Plan);
    assert_eq!(second.recommendations[..2], ["WA-6-8l", "EU-6-17m"]);
    for (theme, plan) in [(first, &odd), (second, &ai)] {
        for (i, id) in theme.recommendations.iter().enumerate() {
            let placement = graph.placement(id).unwrap();
            assert_eq!(placement.theme, theme.id);
            match (&placement.rule, plan.recommendations.get(i)) {
                (PlacementRule::Plan { origin }, Some(m)) => assert_eq!(*origin, m.origin),
                (PlacementRule::JoinedPlanned { links }, None) => {
                    assert!(!links.is_empty(), "{id} joined without a link")
                }
                (rule, m) => panic!("{id}: {rule:?} for plan entry {m:?}"),
            }
        }
    }
    // Every other theme was formed by the clustering; every recommendation
    // of the corpus has one home.
    assert!(item.themes[2..]
        .iter()
        .all(|t| t.source == ThemeSource::Clustering));
    let mut seen = BTreeSet::new();
    for t in graph.themes() {
        for id in &t.recommendations {
            assert!(seen.insert(id.clone()), "{id} in two themes");
        }
    }
    assert_eq!(seen.len(), recs.len());
    // No plan: the same themes as the pipeline makes.
    let plain = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &annotations),
        &Plan::default(),
    );
    assert!(plain.themes().all(|t| t.source == ThemeSource::Clustering));
}

/// Pairwise F1 of the themes of `item` against the groups of the fixture.
fn pairwise_f1(item: &str, groups: &[Vec<String>]) -> f64 {
    let pairs = |groups: &[Vec<String>]| -> BTreeSet<(String, String)> {
        let mut pairs = BTreeSet::new();
        for g in groups {
            for (i, a) in g.iter().enumerate() {
                for b in &g[i + 1..] {
                    pairs.insert((a.min(b).clone(), a.max(b).clone()));
                }
            }
        }
        pairs
    };
    let themes: Vec<Vec<String>> = seeds_synthesis()
        .themes
        .iter()
        .filter(|t| t.theme.agenda_item == item)
        .map(|t| t.theme.recommendations.clone())
        .collect();
    let (ours, theirs) = (pairs(&themes), pairs(groups));
    let both = ours.intersection(&theirs).count() as f64;
    let precision = both / ours.len().max(1) as f64;
    let recall = both / theirs.len().max(1) as f64;
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// The floor against `tests/fixtures/seed-grouping.json`, a rapporteur's
/// grouping written before the rules were tuned. It is one reading, not
/// the hidden groupings the tool is judged on: the floor only keeps a
/// change from silently undoing the themes.
#[test]
fn themes_reach_the_floor_against_a_rapporteurs_grouping() {
    let fixture: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::common::root().join("tests/fixtures/seed-grouping.json"))
            .unwrap(),
    )
    .unwrap();
    let groups = |item: &str| -> Vec<Vec<String>> {
        serde_json::from_value(fixture["themes"][item].clone()).unwrap()
    };
    let (five, six) = (
        pairwise_f1("5", &groups("5")),
        pairwise_f1("6", &groups("6")),
    );
    eprintln!("pairwise F1 against the fixture: item 5 {five:.3}, item 6 {six:.3}");
    assert!(six >= 0.69, "item 6: {six:.3}");
    assert!(five >= 0.33, "item 5: {five:.3}");
}

/// The floor against the two independent readings of the seeds
/// (`tests/fixtures/readings/`, made by readers who never saw the tool's
/// themes): on item 6 the draft holds what it scores today, so that a
/// change judged only against the fixture above cannot lose it unseen.
#[test]
fn themes_reach_the_floor_against_independent_readings() {
    let dir = crate::common::root().join("tests/fixtures/readings");
    let mut scores = Vec::new();
    for name in ["reader-a.json", "reader-b.json"] {
        let reading: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
        let groups: Vec<Vec<String>> =
            serde_json::from_value(reading["themes"]["6"].clone()).unwrap();
        assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), 51, "{name}");
        scores.push(pairwise_f1("6", &groups));
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    eprintln!("pairwise F1 on item 6 against the readings: {scores:.3?}, mean {mean:.3}");
    assert!(mean >= 0.54, "item 6: mean {mean:.3}");
}

#[test]
fn on_a_generated_corpus_no_theme_is_giant_and_themes_are_deterministic() {
    let seeds = rapporteur::ingest::read_corpus(&[]);
    let dir = tempfile::tempdir().unwrap();
    let reports = rapporteur::dev::synthetic::generate(&seeds, 600, 4).unwrap();
    rapporteur::dev::synthetic::write_reports(dir.path(), &reports).unwrap();
    let corpus = rapporteur::ingest::read_corpus(&[dir.path().to_path_buf()]);
    let recs: Vec<Recommendation> = corpus.recommendations().cloned().collect();
    let annotations = Gazetteer::embedded().annotate(&recs);
    let graph = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &annotations),
        &Plan::default(),
    );
    let again = build_theme_graph(
        &recs,
        rapporteur::pipeline::item_similarity(&recs, &annotations),
        &Plan::default(),
    );
    let themes = |g: &rapporteur::model::ThemeGraph| {
        serde_json::to_string(&g.themes().collect::<Vec<_>>()).unwrap()
    };
    assert_eq!(themes(&graph), themes(&again));
    for item in &graph.items {
        let n = item.graph.node_count();
        let mut labels = BTreeSet::new();
        for t in &item.themes {
            let texts: BTreeSet<&str> = t
                .recommendations
                .iter()
                .map(|id| &*recs.iter().find(|r| &r.id == id).unwrap().text)
                .collect();
            // Only one wording repeated may pass the cap (twins are never split).
            assert!(
                t.recommendations.len() <= rapporteur::themes::max_theme_size(n)
                    || texts.len() == 1,
                "{} holds {} of {n}",
                t.id,
                t.recommendations.len()
            );
            assert!(labels.insert(&t.label), "label {:?} twice", t.label);
        }
        assert!(
            item.themes.len() > 1,
            "item {} is one theme",
            item.agenda_item
        );
    }
}

/// Small changes to the input do not collapse the grouping: with any one
/// seed report left out, every recommendation left is in exactly one
/// theme, no theme passes a quarter of its item and an item of several
/// recommendations keeps several themes; the reports read in reverse order
/// give the same themes.
#[test]
fn leaving_out_a_report_or_reordering_keeps_the_rules() {
    let files = crate::common::seed_files();
    let themes_of = |paths: &[std::path::PathBuf]| {
        let corpus = rapporteur::ingest::read_corpus(paths);
        let recs: Vec<Recommendation> = corpus.recommendations().cloned().collect();
        let annotations = Gazetteer::embedded().annotate(&recs);
        (
            recs.clone(),
            build_theme_graph(
                &recs,
                rapporteur::pipeline::item_similarity(&recs, &annotations),
                &Plan::default(),
            ),
        )
    };
    assert!(files.len() > 1, "{files:?}");
    let (all, whole) = themes_of(&files);
    assert!(!all.is_empty());
    let reversed: Vec<_> = files.iter().rev().cloned().collect();
    let (_, backwards) = themes_of(&reversed);
    let json = |g: &rapporteur::model::ThemeGraph| {
        serde_json::to_string(&g.themes().collect::<Vec<_>>()).unwrap()
    };
    assert_eq!(json(&whole), json(&backwards));
    for left_out in 0..files.len() {
        let mut paths = files.clone();
        paths.remove(left_out);
        let (recs, graph) = themes_of(&paths);
        assert!(
            !recs.is_empty() && recs.len() < all.len(),
            "without report {left_out}"
        );
        let mut homes: BTreeMap<&str, usize> = BTreeMap::new();
        for item in &graph.items {
            let n = item.graph.node_count();
            for t in &item.themes {
                assert!(
                    t.recommendations.len() <= rapporteur::themes::max_theme_size(n),
                    "without {:?}: {} holds {} of {n}",
                    paths.get(left_out),
                    t.id,
                    t.recommendations.len()
                );
                for id in &t.recommendations {
                    *homes.entry(id).or_default() += 1;
                }
            }
            if n >= 4 {
                assert!(
                    item.themes.len() > 1,
                    "item {} is one theme",
                    item.agenda_item
                );
            }
        }
        assert_eq!(homes.len(), recs.len(), "without report {left_out}");
        assert!(homes.values().all(|&c| c == 1), "without report {left_out}");
    }
}
