//! A small but realistic synthesis built by hand, shared by the render
//! tests: two agenda items, four regions, converging, shared and
//! region-specific themes, a hedge, shared wording and a related theme.
#![allow(dead_code)]

use rapporteur::model::*;

fn rec(region: Region, item: &str, paragraph: u32, letter: &str, text: &str) -> Recommendation {
    Recommendation {
        id: format!("{}-{item}-{paragraph}{letter}", region.code()),
        region,
        agenda_item: item.into(),
        meeting_item: Some(if item == "5" { "5 (c)" } else { "5 (d)" }.into()),
        meeting: None,
        paragraph,
        letter: letter.to_string(),
        text: text.into(),
        attributed_states: Vec::new(),
        file: format!("reports/{}-{item}.txt", region.code()).into(),
        line: 40 + letter.as_bytes()[0] as usize - b'a' as usize,
        page: None,
    }
}

fn position(
    region: Region,
    ids: &[&str],
    refs: &[&str],
    verbs: &[&str],
    strength: AskStrength,
) -> RegionalPosition {
    RegionalPosition {
        region,
        recommendations: ids.iter().map(|s| s.to_string()).collect(),
        references: refs.iter().map(|s| s.to_string()).collect(),
        verbs: verbs.iter().map(|s| s.to_string()).collect(),
        strength,
        distinctive_entities: Vec::new(),
        distinctive_terms: Vec::new(),
    }
}

fn theme(
    id: &str,
    item: &str,
    label: &str,
    members: &[&Recommendation],
    position: ThemePosition,
    entities: &[&str],
) -> SynthesisTheme {
    SynthesisTheme {
        theme: Theme {
            id: id.to_string(),
            agenda_item: item.to_string(),
            label: label.to_string(),
            regions: position.regions.clone(),
            recommendations: members.iter().map(|r| r.id.clone()).collect(),
            key_entities: entities.iter().map(|s| s.to_string()).collect(),
            key_terms: Vec::new(),
            source: ThemeSource::Clustering,
            see_also: Vec::new(),
        },
        position,
        related_themes: Vec::new(),
    }
}

fn said(kind: StatementKind, regions: &[Region], asks: &[(&str, &[&str])]) -> Statement {
    Statement {
        kind,
        regions: regions.to_vec(),
        asks: asks
            .iter()
            .map(|(phrase, ids)| Ask {
                phrase: phrase.to_string(),
                sources: ids.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
    }
}

fn meeting(
    region: Region,
    venue: &str,
    dates: &str,
    rapporteur: &str,
    item: &str,
    n: usize,
) -> ReportedMeeting {
    ReportedMeeting {
        meeting: Meeting {
            region,
            file: format!("reports/{}-{item}.txt", region.code()),
            meeting_title: Some(format!("{} Regional Preparatory Meeting", region.name())),
            venue: Some(venue.to_string()),
            meeting_dates: Some(dates.to_string()),
            rapporteur: Some(rapporteur.to_string()),
            document_date: Some(dates.rsplit('–').next().unwrap_or(dates).to_string()),
            meeting_item: Some(if item == "5" { "5 (c)" } else { "5 (d)" }.to_string()),
            workshop: Some(if item == "5" { 3 } else { 4 }),
            speakers: Speakers {
                member_states: vec!["Egypt".into(), "Morocco".into(), "Qatar".into()],
                observers: vec![
                    "the Alliance of NGOs on Crime Prevention and Criminal Justice".into(),
                ],
                notes: Vec::new(),
            },
        },
        delegations: Delegations {
            member_states: vec!["Egypt".into(), "Morocco".into(), "Qatar".into()],
            non_governmental: vec![
                "the Alliance of NGOs on Crime Prevention and Criminal Justice".into(),
            ],
            ..Delegations::default()
        },
        recommendations: n,
    }
}

/// Two agenda items; item 6 met by four regions with a converging theme
/// (with a strength nuance and an addition), a shared one and one specific
/// to one region; item 5 met by Western Asia alone.
pub fn fixture() -> Synthesis {
    use Region::*;
    let ap_a = rec(
        AsiaPacific,
        "6",
        15,
        "a",
        "Consider the use of artificial intelligence in criminal justice, with safeguards;",
    );
    let ap_b = rec(
        AsiaPacific,
        "6",
        15,
        "b",
        "Explore regional platforms for the exchange of electronic evidence;",
    );
    let eu_a = rec(
        Europe,
        "6",
        17,
        "a",
        "Ensure that the use of artificial intelligence respects human rights;",
    );
    let eu_b = rec(Europe, "6", 17, "b", "Strengthen mutual legal assistance, including through EUROPOL_NET [sic] and *joint* teams;");
    let lac_a = rec(
        LatinAmericaCaribbean,
        "6",
        8,
        "a",
        "Promote the responsible use of artificial intelligence;",
    );
    let wa_a = rec(WesternAsia, "6", 8, "l", "Ensure that the use of artificial intelligence in criminal justice is supervised by human beings;");
    let wa_b = rec(WesternAsia, "6", 8, "g", "Establish an online platform to support international cooperation | mutual legal assistance;");
    let wa5_a = rec(
        WesternAsia,
        "5",
        18,
        "a",
        "Strengthen data collection on organized crime and terrorism.",
    );
    let ai = theme(
        "6-01",
        "6",
        "Responsible use of artificial intelligence",
        &[&wa_a, &eu_a, &lac_a, &ap_a],
        ThemePosition {
            convergence: Convergence::Converging,
            regions: vec![AsiaPacific, Europe, LatinAmericaCaribbean, WesternAsia],
            absent_regions: vec![],
            by_region: vec![
                position(
                    WesternAsia,
                    &["WA-6-8l"],
                    &["8 (l)"],
                    &["Ensure"],
                    AskStrength::Operative,
                ),
                position(
                    AsiaPacific,
                    &["AP-6-15a"],
                    &["15 (a)"],
                    &["Consider"],
                    AskStrength::Hedged,
                ),
                position(
                    Europe,
                    &["EU-6-17a"],
                    &["17 (a)"],
                    &["Ensure"],
                    AskStrength::Operative,
                ),
                position(
                    LatinAmericaCaribbean,
                    &["LAC-6-8a"],
                    &["8 (a)"],
                    &["Promote"],
                    AskStrength::Operative,
                ),
            ],
            statements: vec![
                said(
                    StatementKind::Common,
                    &[Europe, LatinAmericaCaribbean, WesternAsia],
                    &[(
                        "ensuring that the use of artificial intelligence respects human rights",
                        &["EU-6-17a", "LAC-6-8a", "WA-6-8l"],
                    )],
                ),
                said(
                    StatementKind::Also,
                    &[AsiaPacific],
                    &[(
                        "considering the use of artificial intelligence in criminal justice",
                        &["AP-6-15a"],
                    )],
                ),
            ],
            nuances: vec![
                Nuance::Hedge {
                    hedged: vec![AsiaPacific],
                    operative: vec![Europe, LatinAmericaCaribbean, WesternAsia],
                    hedges: vec!["Consider".into()],
                    hedged_sources: vec!["AP-6-15a".into()],
                    operative_sources: vec!["EU-6-17a".into(), "LAC-6-8a".into(), "WA-6-8l".into()],
                },
                Nuance::SharedWording {
                    regions: vec![Europe, WesternAsia],
                    sources: vec!["EU-6-17a".into(), "WA-6-8l".into()],
                    phrase: "Ensure that the use of artificial intelligence".into(),
                    more: vec![],
                    similarity: 0.6,
                },
            ],
        },
        &["artificial intelligence", "human rights"],
    );
    let mla = theme(
        "6-02",
        "6",
        "Mutual legal assistance and cooperation platforms",
        &[&eu_b, &wa_b],
        ThemePosition {
            convergence: Convergence::Shared,
            regions: vec![Europe, WesternAsia],
            absent_regions: vec![AsiaPacific, LatinAmericaCaribbean],
            by_region: vec![
                position(
                    Europe,
                    &["EU-6-17b"],
                    &["17 (b)"],
                    &["Strengthen"],
                    AskStrength::Operative,
                ),
                position(
                    WesternAsia,
                    &["WA-6-8g"],
                    &["8 (g)"],
                    &["Establish"],
                    AskStrength::Operative,
                ),
            ],
            statements: vec![said(
                StatementKind::Common,
                &[Europe, WesternAsia],
                &[(
                    "strengthening mutual legal assistance",
                    &["EU-6-17b", "WA-6-8g"],
                )],
            )],
            nuances: vec![],
        },
        &["mutual legal assistance"],
    );
    let evidence = theme(
        "6-03",
        "6",
        "Exchange of electronic evidence",
        &[&ap_b],
        ThemePosition {
            convergence: Convergence::RegionSpecific,
            regions: vec![AsiaPacific],
            absent_regions: vec![Europe, LatinAmericaCaribbean, WesternAsia],
            by_region: vec![position(
                AsiaPacific,
                &["AP-6-15b"],
                &["15 (b)"],
                &["Explore"],
                AskStrength::Hedged,
            )],
            statements: vec![said(
                StatementKind::Only,
                &[AsiaPacific],
                &[(
                    "exploring regional platforms for the exchange of electronic evidence",
                    &["AP-6-15b"],
                )],
            )],
            nuances: vec![],
        },
        &["digital evidence"],
    );
    let data = theme(
        "5-01",
        "5",
        "Data collection",
        &[&wa5_a],
        ThemePosition {
            convergence: Convergence::Converging,
            regions: vec![WesternAsia],
            absent_regions: vec![],
            by_region: vec![position(
                WesternAsia,
                &["WA-5-18a"],
                &["18 (a)"],
                &["Strengthen"],
                AskStrength::Operative,
            )],
            statements: vec![said(
                StatementKind::Sole,
                &[WesternAsia],
                &[(
                    "strengthening data collection on organized crime and terrorism",
                    &["WA-5-18a"],
                )],
            )],
            nuances: vec![],
        },
        &[],
    );
    let mut data = data;
    data.related_themes.push(RelatedTheme {
        theme: "6-02".into(),
        agenda_item: "6".into(),
        pairs: vec![("WA-5-18a".into(), "WA-6-8g".into())],
    });
    Synthesis {
        absent_regions: vec![Africa],
        caveat: Some(Caveat {
            clause: "were not negotiated by the participants".into(),
            regions: vec![AsiaPacific, Europe, LatinAmericaCaribbean, WesternAsia],
        }),
        agenda_items: vec![
            AgendaItemSynthesis {
                agenda_item: "6".into(),
                title: Some("Working better together".into()),
                regions: vec![WesternAsia, AsiaPacific, Europe, LatinAmericaCaribbean],
                meetings: vec![
                    meeting(
                        WesternAsia,
                        "Marrakech, Morocco",
                        "23–25 April 2025",
                        "Abdulla Dhaen Al-Kuwari (Qatar)",
                        "6",
                        2,
                    ),
                    meeting(
                        Europe,
                        "Vienna",
                        "25–27 March 2025",
                        "Nicolas Karges (France)",
                        "6",
                        2,
                    ),
                    meeting(
                        AsiaPacific,
                        "Bangkok",
                        "21–23 January 2025",
                        "Sheraz Ali (Pakistan)",
                        "6",
                        2,
                    ),
                    meeting(
                        LatinAmericaCaribbean,
                        "San José",
                        "4–6 February 2025",
                        "Rodrigo Bertoglio Cardoso (Brazil)",
                        "6",
                        1,
                    ),
                ],
                absent_regions: vec![Africa],
                themes: vec!["6-01".into(), "6-02".into(), "6-03".into()],
                deliberation_points: vec![DeliberationPoint {
                    region: Europe,
                    paragraph: 12,
                    excerpt: "Several speakers drew attention to maritime crime".into(),
                }],
            },
            AgendaItemSynthesis {
                agenda_item: "5".into(),
                title: Some("Addressing and countering crime".into()),
                regions: vec![WesternAsia],
                meetings: vec![meeting(
                    WesternAsia,
                    "Marrakech, Morocco",
                    "23–25 April 2025",
                    "Abdulla Dhaen Al-Kuwari (Qatar)",
                    "5",
                    1,
                )],
                absent_regions: vec![Africa, AsiaPacific, Europe, LatinAmericaCaribbean],
                themes: vec!["5-01".into()],
                deliberation_points: vec![],
            },
        ],
        themes: vec![mla, ai, evidence, data],
        recommendations: vec![wa_a, wa_b, eu_a, eu_b, lac_a, ap_a, ap_b, wa5_a],
        diagnostics: vec![Diagnostic::warning(
            "reports/AP-6.txt",
            Some(12),
            "letter (c) repaired from (e)",
        )],
        plan: None,
    }
}
