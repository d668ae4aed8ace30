//! Gazetteer loading and entity recognition.

use rapporteur::entities::Gazetteer;
use rapporteur::model::EntityKind;

fn ids(text: &str) -> Vec<String> {
    Gazetteer::embedded()
        .find(text)
        .into_iter()
        .map(|m| m.entity)
        .collect()
}

#[test]
fn embedded_gazetteer_loads_with_every_kind() {
    let g = Gazetteer::embedded();
    for kind in [
        EntityKind::Instrument,
        EntityKind::Body,
        EntityKind::MemberState,
        EntityKind::CrimeType,
        EntityKind::Topic,
    ] {
        assert!(
            g.entities().iter().filter(|e| e.kind == kind).count() >= 3,
            "too few entities of kind {kind:?}"
        );
    }
}

#[test]
fn ai_acronym_resolves_only_in_capitals() {
    assert_eq!(
        ids("promote training on the limitations of AI, to ensure its proper use"),
        ["training", "artificial-intelligence"]
    );
    assert_eq!(
        ids("the use of artificial intelligence tools"),
        ["artificial-intelligence"]
    );
    // Lower-case "ai" and the letters inside other words never match.
    assert!(ids("said the ai wait for fair trails").is_empty());
    assert!(ids("AIDS and maintain").is_empty());
}

#[test]
fn electronic_evidence_is_digital_evidence() {
    assert_eq!(
        ids("improve electronic evidence collection"),
        ["digital-evidence"]
    );
    assert_eq!(ids("the use of digital evidence"), ["digital-evidence"]);
}

#[test]
fn untoc_full_name_and_acronym_are_one_entity() {
    let text = "fully implement the United Nations Convention against Transnational Organized Crime and UNTOC";
    assert_eq!(ids(text), ["untoc", "untoc"]);
    assert_eq!(ids("the Organized Crime Convention"), ["untoc"]);
}

#[test]
fn cybercrime_convention_is_not_only_the_crime_type() {
    assert_eq!(
        ids("Support the rapid entry into force of the newly adopted United Nations Convention against Cybercrime; counter cybercrimes"),
        ["cybercrime-convention", "cybercrime"]
    );
    assert_eq!(
        ids("the United Nations Convention Against Cybercrime"),
        ["cybercrime-convention"]
    );
    assert_eq!(
        ids("the Convention on Cybercrime"),
        ["cybercrime-convention"]
    );
    assert_eq!(ids("adjudicate cyber-enabled crimes"), ["cybercrime"]);
    assert_eq!(ids("technology-enabled crime"), ["cybercrime"]);
}

#[test]
fn other_aliases_resolve() {
    assert_eq!(
        ids("human trafficking, migrant smuggling"),
        ["trafficking-in-persons", "smuggling-of-migrants"]
    );
    assert_eq!(
        ids("capacity building and capacity-building"),
        ["capacity-building", "capacity-building"]
    );
    assert_eq!(
        ids("the seizure, confiscation and recovery of assets"),
        ["asset-recovery"]
    );
    assert_eq!(
        ids("deprive criminals of proceeds of crime"),
        ["asset-recovery"]
    );
    assert_eq!(
        ids("streamlining MLA requests"),
        ["mutual-legal-assistance"]
    );
}

#[test]
fn spans_point_at_the_matched_text() {
    let text = "Show examples of responsible uses of AI and of Electronic Evidence (Viet Nam).";
    let mentions = Gazetteer::embedded().find(text);
    assert_eq!(mentions.len(), 3);
    for m in &mentions {
        assert_eq!(&text[m.start..m.end], m.matched);
    }
    assert_eq!(mentions[0].matched, "AI");
    assert_eq!(mentions[0].name, "artificial intelligence");
    assert_eq!(mentions[1].matched, "Electronic Evidence");
    assert_eq!(mentions[2].matched, "Viet Nam");
    assert_eq!(mentions[2].kind, EntityKind::MemberState);
}

#[test]
fn matches_do_not_cross_clause_breaks() {
    // "capacity" ends one clause and "building" starts the next.
    assert!(!ids("strengthen capacity; building trust").contains(&"capacity-building".to_string()));
}

#[test]
fn user_gazetteer_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "[[entity]]\nid = \"a\"\nname = \"Alpha\"\nkind = \"topic\"\n\n[[entity]]\nid = \"b\"\nname = \"Beta\"\nkind = \"planet\"\n",
    )
    .unwrap();
    let err = Gazetteer::from_path(&path).unwrap_err().to_string();
    assert!(err.contains("bad.toml:9:"), "{err}");
    assert!(err.contains("planet"), "{err}");

    std::fs::write(&path, "[[entity]]\nid = \"a\"\nname = \"Alpha\"\nkind = \"topic\"\naliases = [\"A\", \"Beta\"]\n\n[[entity]]\nid = \"b\"\nname = \"Beta\"\nkind = \"topic\"\n").unwrap();
    let err = Gazetteer::from_path(&path).unwrap_err().to_string();
    assert!(
        err.contains("bad.toml:9:") && err.contains("already names entity `a`"),
        "{err}"
    );

    std::fs::write(&path, "[[entity]]\nid = \"a\"\nname = \"Alpha\"\n").unwrap();
    let err = Gazetteer::from_path(&path).unwrap_err().to_string();
    assert!(err.contains("bad.toml:1:") && err.contains("kind"), "{err}");
}

#[test]
fn user_gazetteer_replaces_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        "[[entity]]\nid = \"ransomware\"\nname = \"ransomware\"\nkind = \"crime_type\"\naliases = [\"ransomware attacks\"]\n",
    )
    .unwrap();
    let g = Gazetteer::from_path(&path).unwrap();
    let found = g.find("Counter Ransomware attacks and AI");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].matched, "Ransomware attacks");
}

/// An editor's heading reaches the annotations (and from them the theme
/// labels); a blank heading counts as none.
#[test]
fn a_heading_is_read_and_a_blank_one_is_none() {
    let g = Gazetteer::parse(
        "[[entity]]\nid = \"ransomware\"\nname = \"ransomware\"\nkind = \"crime_type\"\nheading = \" Countering ransomware \"\n\n[[entity]]\nid = \"fraud\"\nname = \"fraud\"\nkind = \"crime_type\"\nheading = \"  \"\n",
        "mine.toml",
    )
    .unwrap();
    let headings: Vec<Option<&str>> = g.entities().iter().map(|e| e.heading.as_deref()).collect();
    assert_eq!(headings, [Some("Countering ransomware"), None]);
    let corpus = rapporteur::ingest::read_corpus(&[]);
    let annotations = g.annotate(corpus.recommendations());
    assert_eq!(
        annotations.heading("ransomware"),
        Some("Countering ransomware")
    );
    assert_eq!(annotations.heading("fraud"), None);
    // The embedded gazetteer heads the concepts a synthesis groups by.
    let embedded = Gazetteer::embedded().annotate(corpus.recommendations());
    assert_eq!(
        embedded.heading("international-cooperation"),
        Some("International cooperation in criminal matters")
    );
}
