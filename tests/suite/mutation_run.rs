//! A time-bounded mutation run of the whole draft: the seed reports mutated
//! at the byte and line level (lines dropped, doubled, swapped or borrowed
//! from another report, letters renamed, lists run past (z), bytes flipped,
//! control bytes and form feeds inserted, files cut short, re-encoded to
//! Windows-1252 or CRLF), then read, themed and rendered in every format.
//! Checked on each corpus: nothing panics, every recommendation read is in
//! exactly one theme, and rendering twice gives the same bytes.
//!
//! Ignored by default; `RAPPORTEUR_MUTATION_SECONDS` sets its length:
//! `RAPPORTEUR_MUTATION_SECONDS=600 cargo test --release -- --ignored mutation_run`.

use rapporteur::dev::synthetic::SplitMix64;
use rapporteur::pipeline::Input;
use rapporteur::render::{render_all, RenderOptions};
use std::collections::HashMap;
use std::time::{Duration, Instant};

fn mutate(seed: &[u8], others: &[Vec<u8>], rng: &mut SplitMix64) -> Vec<u8> {
    let text = String::from_utf8_lossy(seed).into_owned();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for _ in 0..1 + rng.below(6) {
        let n = lines.len().max(1);
        match rng.below(10) {
            0 if !lines.is_empty() => {
                lines.remove(rng.below(n));
            }
            1 if !lines.is_empty() => {
                let at = rng.below(n);
                lines.insert(at, lines[at].clone());
            }
            2 if lines.len() > 1 => {
                let (a, b) = (rng.below(n), rng.below(n));
                lines.swap(a, b);
            }
            3 => {
                let other = String::from_utf8_lossy(rng.pick::<Vec<u8>>(others)).into_owned();
                let donor: Vec<&str> = other.lines().collect();
                if !donor.is_empty() {
                    let line = donor[rng.below(donor.len())].to_string();
                    lines.insert(rng.below(lines.len() + 1), line);
                }
            }
            4 if !lines.is_empty() => {
                // Rename a letter: (c) becomes (x), (aa) or a roman numeral.
                let at = rng.below(n);
                let new = *rng.pick(&["(x)", "(aa)", "(ii)", "(1)", "a.", "b)", "(zz)"]);
                if let Some(start) = lines[at].find('(') {
                    if let Some(len) = lines[at][start..].find(')') {
                        lines[at].replace_range(start..start + len + 1, new);
                    }
                }
            }
            5 => {
                // A list run past (z).
                let at = rng.below(lines.len() + 1);
                for letter in [
                    "(y) Y;",
                    "(z) Z;",
                    "(aa) Strengthen AA;",
                    "(bb) Promote BB;",
                ] {
                    lines.insert(at.min(lines.len()), letter.to_string());
                }
            }
            6 if !lines.is_empty() => {
                let at = rng.below(n);
                let c = *rng.pick(&["\u{0}", "\u{c}", "\u{1b}[31m", "\t", "\u{feff}", "*", "\\"]);
                let line = &mut lines[at];
                let mut cut = rng.below(line.len() + 1);
                while !line.is_char_boundary(cut) {
                    cut -= 1;
                }
                line.insert_str(cut, c);
            }
            7 if lines.len() > 2 => lines.truncate(1 + rng.below(n)),
            _ => {}
        }
    }
    let mut bytes = lines
        .join(if rng.chance(20) { "\r\n" } else { "\n" })
        .into_bytes();
    if rng.chance(15) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        bytes = encoding_rs::WINDOWS_1252.encode(&text).0.into_owned();
    }
    for _ in 0..rng.below(3) {
        if !bytes.is_empty() {
            let at = rng.below(bytes.len());
            bytes[at] = rng.next_u64() as u8;
        }
    }
    bytes
}

#[test]
#[ignore]
fn mutation_run() {
    let seconds: u64 = std::env::var("RAPPORTEUR_MUTATION_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seeds: Vec<Vec<u8>> = crate::common::seed_files()
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    let mut rng = SplitMix64::new(20261202);
    let started = Instant::now();
    let (mut corpora, mut read) = (0usize, 0usize);
    while started.elapsed() < Duration::from_secs(seconds) {
        let dir = tempfile::tempdir().unwrap();
        for (i, seed) in seeds.iter().enumerate() {
            if rng.chance(10) {
                continue; // a report missing
            }
            let bytes = if rng.chance(70) {
                mutate(seed, &seeds, &mut rng)
            } else {
                seed.clone()
            };
            std::fs::write(dir.path().join(format!("{i}.txt")), bytes).unwrap();
        }
        let outcome = rapporteur::pipeline::run(&Input::paths(vec![dir.path().to_path_buf()]))
            .expect("the pipeline never refuses a corpus it is not strict about");
        let synthesis = &outcome.synthesis;
        let mut homes: HashMap<&str, usize> = HashMap::new();
        for t in &synthesis.themes {
            for id in &t.theme.recommendations {
                *homes.entry(id.as_str()).or_default() += 1;
            }
        }
        for r in &synthesis.recommendations {
            assert_eq!(homes.get(r.id.as_str()), Some(&1), "{} in one theme", r.id);
        }
        assert_eq!(homes.len(), synthesis.recommendations.len());
        let options = RenderOptions {
            templates: None,
            formats: Vec::new(),
        };
        let first = render_all(synthesis, &options).expect("renders");
        let again = render_all(synthesis, &options).expect("renders");
        assert!(first
            .iter()
            .zip(&again)
            .all(|(a, b)| a.contents == b.contents));
        corpora += 1;
        read += synthesis.recommendations.len();
    }
    eprintln!("mutation run: {corpora} corpora, {read} recommendations, {seconds} s, clean");
    assert!(corpora > 0);
}
