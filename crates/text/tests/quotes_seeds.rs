//! Acceptance on the seed articles: the quotations of the gold annotation are found, on the gold line,
//! with the gold speaker; what else is found is counted and must stay small.
//!
//! Run with `--nocapture` for the table.

use model::{Article, Content, Hints, RawDocument};
use serde_json::Value;
use text::entities::{find_entities, EntityRegistry};
use text::quotes::{find_quotes, word_count, Quote, MIN_QUOTE_WORDS};

use crate::common::{seed_articles, DEV_EVENTS, SEEDS, SEEDS_GOLD as GOLD};

fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A name with hyphens read as spaces ("Lee Jae-Myung" is "Lee Jae Myung").
fn name_key(s: &str) -> String {
    normalized(&s.replace('-', " "))
}

/// Whether a found name is the gold person: the canonical name, or one of the spellings the gold
/// entity list gives for it (the entity stage may know a person only by the family name the
/// article's body uses).
fn is_person(found: &str, canonical: &str, gold: &Value) -> bool {
    if name_key(found) == name_key(canonical) {
        return true;
    }
    let entity = gold["entities"].as_array().unwrap().iter().find(|e| e["canonical"] == canonical);
    entity.is_some_and(|e| {
        e["variants"].as_array().unwrap().iter().any(|v| name_key(v.as_str().unwrap()) == name_key(found))
    })
}

/// Strict: the speaker equals the gold name. Lenient: every gold person is among the speaker's names
/// under one of the gold spellings.
fn speaker_matches(quote: &Quote, gold_speaker: &str, gold: &Value) -> (bool, bool) {
    let Some(speaker) = &quote.speaker else { return (false, false) };
    let joint = gold_speaker.strip_suffix(" (joint statement)");
    let wanted: Vec<&str> = joint.map_or(vec![gold_speaker], |j| j.split(" and ").collect());
    let names: Vec<&str> = speaker.split(" and ").collect();
    let strict = match joint {
        Some(_) => wanted.iter().all(|w| names.iter().any(|n| name_key(n) == name_key(w))),
        None => name_key(speaker) == name_key(gold_speaker),
    };
    let lenient = wanted.iter().all(|w| names.iter().any(|n| is_person(n, w, gold)))
        && (joint.is_some() || names.len() == 1);
    (strict, lenient)
}

fn short(s: &str, n: usize) -> String {
    let cut: String = s.chars().take(n).collect();
    if cut.len() < s.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[test]
fn gold_quotes_are_found_with_their_speakers() {
    let Some(docs) = seed_articles() else {
        eprintln!("seeds not found at {SEEDS}; skipped");
        return;
    };
    if !text::entities::gazetteer_dir().join("gazetteer.tsv").is_file() {
        eprintln!("no gazetteer installed (scripts/install-gazetteers.sh); skipped");
        return;
    }
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    let found: Vec<(String, Article, Vec<Quote>)> =
        docs.into_iter().map(|(d, a)| (d, a.clone(), find_quotes(&a))).collect();
    let mut matched = Vec::new();
    let (mut hits, mut strict_right, mut lenient_right) = (0, 0, 0);
    println!(
        "{:<4} {:>4}  {:<6} {:<40} {:<11} {:<7} quote",
        "doc", "line", "found", "speaker", "attribution", "partial"
    );
    for g in gold["quotes"].as_array().unwrap() {
        let doc = g["document"].as_str().unwrap();
        let line = g["line"].as_u64().unwrap() as u32;
        let starts = normalized(g["starts"].as_str().unwrap());
        let gold_speaker = g["speaker"].as_str().unwrap();
        let (_, article, quotes) = found.iter().find(|(d, _, _)| d == doc).expect("gold document");
        let hit = quotes.iter().enumerate().find(|(_, q)| {
            article.blocks[q.block as usize].line == Some(line) && normalized(&q.text).starts_with(&starts)
        });
        let Some((i, q)) = hit else {
            println!(
                "{doc:<4} {line:>4}  {:<6} {:<40} {:<11} {:<7} {}",
                "MISSED",
                gold_speaker,
                "",
                "",
                short(&starts, 40)
            );
            continue;
        };
        matched.push((doc.to_string(), i));
        hits += 1;
        let (strict, lenient) = speaker_matches(q, gold_speaker, &gold);
        strict_right += strict as usize;
        lenient_right += lenient as usize;
        let verdict = if strict {
            "right"
        } else if lenient {
            "right~"
        } else {
            "WRONG"
        };
        let speaker = format!("{} ({gold_speaker})", q.speaker.as_deref().unwrap_or("-"));
        println!(
            "{doc:<4} {line:>4}  {verdict:<6} {:<40} {:<11} {:<7} {}",
            short(&speaker, 40),
            q.attribution,
            q.partial,
            short(&q.text, 40)
        );
    }
    println!("(right: the gold name; right~: a spelling the gold entity list gives for that person)");
    let mut false_positives = Vec::new();
    for (doc, article, quotes) in &found {
        for (i, q) in quotes.iter().enumerate() {
            assert!(word_count(&q.text) >= MIN_QUOTE_WORDS, "{doc}: scare quote kept: {q:?}");
            if !matched.iter().any(|(d, j)| d == doc && *j == i) {
                let line = article.blocks[q.block as usize].line.unwrap_or(0);
                false_positives.push((doc.clone(), line, q.clone()));
            }
        }
    }
    println!("\nnot in the gold list:");
    for (doc, line, q) in &false_positives {
        println!(
            "{doc:<4} {line:>4}  {:<6} {:<40} {:<11} {:<7} {}",
            "extra",
            q.speaker.as_deref().unwrap_or("-"),
            q.attribution,
            q.partial,
            short(&q.text, 40)
        );
    }
    let total = gold["quotes"].as_array().unwrap().len();
    println!(
        "\nfound {hits}/{total}; right speaker {strict_right}/{total} (exact name), {lenient_right}/{total} \
         (gold spellings); not in gold: {}",
        false_positives.len()
    );
    assert!(lenient_right >= 9, "only {lenient_right} of {total} gold quotes found with the right speaker");
    assert!(false_positives.len() <= 3, "{} quotes not in the gold list", false_positives.len());
}

/// Over the dev-events corpus (real articles in several languages): every quotation points at a quote
/// mark of a body block, its words and sentence are in that block, its speaker entities are mentions
/// of the article; prints the counts by attribution and the time per article (`QUOTES_DUMP=1` lists
/// every quotation).
#[test]
fn dev_events_quotes_are_well_formed() {
    let Ok(jsonl) = std::fs::read_to_string(DEV_EVENTS) else {
        eprintln!("dev-events not found at {DEV_EVENTS}; skipped");
        return;
    };
    let dump = std::env::var_os("QUOTES_DUMP").is_some();
    let mut registry = EntityRegistry::new();
    let mut by_attribution: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut articles, mut total, mut partial) = (0u32, 0usize, 0usize);
    let mut spent = std::time::Duration::ZERO;
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).unwrap();
        let id = row["id"].as_str().unwrap_or_default().to_string();
        let raw = RawDocument {
            source: id.clone(),
            content: Content::Text(row["text"].as_str().unwrap_or_default().to_string()),
            hints: Hints {
                title: row["title"].as_str().map(str::to_string),
                language: row["language"].as_str().map(str::to_string),
                ..Hints::default()
            },
            warnings: Vec::new(),
        };
        let Ok(mut article) = text::analyze(&raw) else { continue };
        let mut mentions = find_entities(&article.blocks, &article.language);
        registry.resolve(&mut mentions);
        article.entities = mentions;
        let started = std::time::Instant::now();
        let quotes = find_quotes(&article);
        spent += started.elapsed();
        articles += 1;
        for q in &quotes {
            let block = &article.blocks[q.block as usize];
            assert!(block.kind.is_body(), "{id}: quote in a {:?} block", block.kind);
            let mark = block.text[q.offset as usize..].chars().next().unwrap();
            assert!(!mark.is_alphanumeric() && !mark.is_whitespace(), "{id}: offset not on a mark: {q:?}");
            assert!(block.text.contains(&q.sentence) && q.sentence.contains(&q.text), "{id}: {q:?}");
            for e in &q.speaker_entities {
                assert!(article.entities.iter().any(|m| &m.entity == e), "{id}: unknown speaker {e}");
            }
            *by_attribution.entry(q.attribution.clone()).or_default() += 1;
            total += 1;
            partial += q.partial as usize;
            if dump {
                println!(
                    "{id} {} {:<11} {:<28} {}",
                    article.language,
                    q.attribution,
                    short(q.speaker.as_deref().unwrap_or("-"), 28),
                    short(&q.text, 70)
                );
                if std::env::var_os("QUOTES_DUMP_SENTENCES").is_some() {
                    println!("      {}", q.sentence);
                }
            }
        }
    }
    assert!(articles > 100);
    println!(
        "{articles} articles, {total} quotations ({partial} partial), {:.0} µs per article in find_quotes",
        spent.as_micros() as f64 / f64::from(articles)
    );
    println!("by attribution: {by_attribution:?}");
}
