//! Story synthesis on invented articles: corroboration across languages, copies counted once, a figure
//! two sources disagree on shown as a contradiction, and a summary whose every sentence cites sentences
//! that exist in the cited articles.

use crate::common::{article, encoder};
use model::Article;
use synth::{synthesize, FactStatus, StoryInput, StoryOptions};

const FIRE_A: &str = "Fire destroys warehouse in Kelvport harbour\n\
A fire destroyed a large grain warehouse at the northern harbour of Kelvport on Tuesday night.\n\
At least 12 people were injured in the blaze, the regional fire brigade said on Wednesday.\n\
The cause of the fire is still unknown, and the harbour will stay closed until Friday.";

const FIRE_B: &str = "Warehouse blaze in Kelvport\n\
A large fire destroyed a grain warehouse at the northern harbour of Kelvport late on Tuesday.\n\
At least 15 people were injured in the blaze, according to the regional fire brigade.\n\
The mayor of Kelvport promised help to the families of the dock workers.";

const FIRE_DE: &str = "Großbrand im Hafen von Kelvport\n\
Ein Feuer hat am Dienstagabend ein großes Getreidelager im Nordhafen von Kelvport zerstört.\n\
Die Polizei hat Ermittlungen zur Brandursache aufgenommen, wie ein Sprecher am Mittwoch sagte.";

fn input<'a>(articles: &[&'a Article]) -> StoryInput<'a> {
    StoryInput {
        event_id: "fire".into(),
        title: None,
        date: None,
        place: None,
        storyline_id: None,
        articles: articles.to_vec(),
        storyline: Vec::new(),
    }
}

/// The fact one of whose statements contains `words`.
fn fact_stating<'s>(story: &'s synth::Story, words: &str) -> &'s synth::Fact {
    story
        .facts
        .iter()
        .find(|f| f.statements.iter().any(|s| s.text.contains(words)))
        .unwrap_or_else(|| panic!("no fact states '{words}': {:#?}", story.facts))
}

fn fire_articles() -> Vec<Article> {
    let a = article("a.txt", FIRE_A);
    let mut copy = article("a-copy.txt", FIRE_A);
    copy.id = model::ArticleId(format!("{}-copy", copy.id.0));
    let mut a = a;
    a.copy_group = Some(7);
    a.copy_relation = Some("origin".into());
    copy.copy_group = Some(7);
    copy.copy_relation = Some("exact".into());
    vec![a, copy, article("b.txt", FIRE_B), article("de.txt", FIRE_DE)]
}

#[test]
fn corroboration_counts_origins_not_pages_and_crosses_languages() {
    let model = encoder().expect("the encoder is needed: run `bash scripts/install-models.sh`");
    let articles = fire_articles();
    let refs: Vec<&Article> = articles.iter().collect();
    let story = synthesize(&input(&refs), Some(&model), &StoryOptions::default()).unwrap();
    assert_eq!(story.independent_sources, 3, "the exact copy must not count as a source of its own");
    let destroyed = fact_stating(&story, "destroyed a large grain warehouse");
    assert_eq!(destroyed.status, FactStatus::Corroborated, "{destroyed:#?}");
    assert_eq!(destroyed.independent_sources, 3, "{destroyed:#?}");
    assert!(
        destroyed.statements.iter().any(|s| s.language == "de"),
        "the German report supports it: {destroyed:#?}"
    );
    assert_eq!(
        destroyed.statements.len(),
        4,
        "the copy's sentence is listed but counted once: {destroyed:#?}"
    );
}

#[test]
fn differing_figures_are_shown_as_a_contradiction() {
    let model = encoder().expect("the encoder is needed: run `bash scripts/install-models.sh`");
    let articles = fire_articles();
    let refs: Vec<&Article> = articles.iter().collect();
    let story = synthesize(&input(&refs), Some(&model), &StoryOptions::default()).unwrap();
    let injured = fact_stating(&story, "At least 15");
    assert_eq!(injured.status, FactStatus::Contradicted, "{injured:#?}");
    let conflict = injured.conflicts.iter().find(|c| c.kind == "number").expect("a number conflict");
    assert!(conflict.detail.contains("12") && conflict.detail.contains("15"), "{conflict:?}");
    // The contradicted figure never reaches the summary.
    assert!(!story.summary.text.contains("At least 1"), "{}", story.summary.text);
}

#[test]
fn every_summary_sentence_cites_sentences_of_its_articles() {
    let model = encoder().expect("the encoder is needed: run `bash scripts/install-models.sh`");
    let articles = fire_articles();
    let refs: Vec<&Article> = articles.iter().collect();
    for language in ["en", "de", "fr"] {
        let options = StoryOptions { language: language.into(), ..Default::default() };
        let story = synthesize(&input(&refs), Some(&model), &options).unwrap();
        assert!(!story.summary.sentences.is_empty(), "{language}: empty summary");
        for s in &story.summary.sentences {
            assert!(!s.citations.is_empty(), "{language}: uncited summary sentence {s:?}");
            for n in &s.citations {
                let c = &story.summary.citations[n - 1];
                assert_eq!(c.n, *n);
                let a = articles.iter().find(|a| a.id.0 == c.article_id).unwrap();
                assert!(a.blocks[c.block as usize].text.contains(&c.sentence), "{language}: {c:?}");
            }
            if language != "fr" {
                let cited = &story.summary.citations[s.citations[0] - 1];
                assert_eq!(cited.language, language, "the summary speaks the reader's language first");
            }
        }
        assert_eq!(story.summary.note.is_some(), language == "fr", "{language}: {:?}", story.summary.note);
    }
}

#[test]
fn without_an_encoder_figures_and_words_still_align() {
    let articles = fire_articles();
    let refs: Vec<&Article> = articles.iter().collect();
    let story = synthesize(&input(&refs), None, &StoryOptions::default()).unwrap();
    assert!(story.facts.iter().any(|f| f.status != FactStatus::SingleSource), "{:#?}", story.facts);
    assert!(story.summary.sentences.iter().all(|s| !s.citations.is_empty()));
}

#[test]
fn an_event_without_articles_is_an_error_that_names_it() {
    let e = synthesize(&input(&[]), None, &StoryOptions::default()).unwrap_err();
    assert!(e.to_string().contains("fire"), "{e}");
}

const MAYOR_EN: &str = "Kelvport mayor promises to rebuild harbour\n\
Mayor Anna Lindqvist visited the burnt warehouse on Wednesday morning.\n\
\"We will rebuild the harbour stronger than before, and no worker will be left alone,\" Lindqvist said.";

const MAYOR_DE: &str = "Bürgermeisterin verspricht Wiederaufbau des Hafens\n\
Bürgermeisterin Anna Lindqvist besuchte am Mittwochmorgen das abgebrannte Lagerhaus.\n\
„Wir werden den Hafen stärker als zuvor wieder aufbauen, und kein Arbeiter wird allein gelassen“, sagte Lindqvist.";

#[test]
fn the_same_quote_in_two_languages_is_one_quote_with_its_speaker() {
    let model = encoder().expect("the encoder is needed: run `bash scripts/install-models.sh`");
    let mut articles = vec![article("en.txt", MAYOR_EN), article("de.txt", MAYOR_DE)];
    let mut registry = text::entities::EntityRegistry::new();
    for a in &mut articles {
        registry.resolve(&mut a.entities);
    }
    let refs: Vec<&Article> = articles.iter().collect();
    let story = synthesize(&input(&refs), Some(&model), &StoryOptions::default()).unwrap();
    assert_eq!(story.quotes.len(), 1, "{:#?}", story.quotes);
    let q = &story.quotes[0];
    assert_eq!(q.article_ids.len(), 2, "{q:#?}");
    assert!(q.speaker.as_deref().is_some_and(|s| s.contains("Lindqvist")), "{q:#?}");
    assert!(q.speaker_entity.is_some(), "{q:#?}");
    assert!(q.text.starts_with("We will rebuild"), "shown in the reader's language: {q:#?}");
    let languages: Vec<&str> = q.versions.iter().map(|v| v.language.as_str()).collect();
    assert_eq!(languages, ["en", "de"]);
}

#[test]
fn two_names_in_the_same_role_are_shown_as_a_contradiction() {
    let model = encoder().expect("the encoder is needed: run `bash scripts/install-models.sh`");
    let one = article(
        "one.txt",
        "Kelvport council elects a new mayor\n\
         Dr. Anna Lindqvist was elected mayor of Kelvport on Monday with 31 of the 45 votes.\n\
         The council met for four hours before the vote.",
    );
    let other = article(
        "other.txt",
        "New mayor for Kelvport\n\
         Dr. Erik Haugland was elected mayor of Kelvport on Monday with 31 of the 45 votes.\n\
         Outside the town hall a small crowd waited for the result.",
    );
    let mut articles = vec![one, other];
    let mut registry = text::entities::EntityRegistry::new();
    for a in &mut articles {
        registry.resolve(&mut a.entities);
    }
    let refs: Vec<&Article> = articles.iter().collect();
    let story = synthesize(&input(&refs), Some(&model), &StoryOptions::default()).unwrap();
    let elected = fact_stating(&story, "was elected mayor");
    assert_eq!(elected.status, FactStatus::Contradicted, "{elected:#?}");
    let conflict = elected.conflicts.iter().find(|c| c.kind == "name").expect("a name conflict");
    assert!(conflict.detail.contains("Lindqvist") && conflict.detail.contains("Haugland"), "{conflict:?}");
}

/// The vote shares two reports give: each share belongs to the candidate named before it.
fn election_story(first: &str, second: &str) -> synth::Story {
    let model = encoder().expect("the encoder is needed: run `bash scripts/install-models.sh`");
    let mut articles = vec![
        article("one.txt", &format!("Kelvport elects a mayor\n{first}\nThe count ended late on Sunday.")),
        article(
            "two.txt",
            &format!("Mayoral vote in Kelvport\n{second}\nTurnout was higher than four years ago."),
        ),
    ];
    let mut registry = text::entities::EntityRegistry::new();
    for a in &mut articles {
        registry.resolve(&mut a.entities);
    }
    let refs: Vec<&Article> = articles.iter().collect();
    synthesize(&input(&refs), Some(&model), &StoryOptions::default()).unwrap()
}

#[test]
fn figures_of_different_holders_are_no_contradiction() {
    let story = election_story(
        "In the first round of the Kelvport mayoral election, Ingrid Solvang won 34 percent of the vote.",
        "In the first round of the Kelvport mayoral election, Erik Haugland won 28 percent of the vote.",
    );
    let result = fact_stating(&story, "Ingrid Solvang won");
    assert!(result.conflicts.iter().all(|c| c.kind != "number"), "{result:#?}");

    // The same holder with two shares is a contradiction.
    let story = election_story(
        "In the first round of the Kelvport mayoral election, Ingrid Solvang won 34 percent of the vote.",
        "In the first round of the Kelvport mayoral election, Ingrid Solvang won 31 percent of the vote.",
    );
    let result = fact_stating(&story, "won 31 percent");
    assert_eq!(result.status, FactStatus::Contradicted, "{result:#?}");
    let conflict = result.conflicts.iter().find(|c| c.kind == "number").expect("a number conflict");
    assert!(conflict.detail.contains("34") && conflict.detail.contains("31"), "{conflict:?}");
}

const BRIDGE_A: &str = "Harlow bridge shut\n\
The city council closed the Harlow bridge on Monday after engineers found deep cracks in its pillars.\n\
Buses will take a detour through the old town for at least three months.";

const BRIDGE_B: &str = "Cracks close the Harlow bridge\n\
Engineers found deep cracks in its concrete pillars during an inspection last week.\n\
The city council closed the Harlow bridge to all traffic on Monday morning.\n\
Shop owners near the river fear a quiet summer.";

const BRIDGE_C: &str = "Harlow bridge inspection\n\
Deep cracks were found in the pillars, the engineers who inspected the structure said.\n\
A new bridge would cost the city about 40 million pounds, a spokesman said.";

const BRIDGE_D: &str = "Council shuts Harlow bridge\n\
The Harlow bridge was closed to cars and buses by the city council on Monday.\n\
Drivers were told to use the ring road instead.";

/// A sentence that states two things supports both facts: the report that the bridge closed because of
/// cracks is a source for the closure and for the cracks, each of which two other reports state alone.
#[test]
fn a_sentence_stating_two_things_supports_both_facts() {
    let model = encoder().expect("the encoder is needed: run `bash scripts/install-models.sh`");
    let articles = [
        article("a.txt", BRIDGE_A),
        article("b.txt", BRIDGE_B),
        article("c.txt", BRIDGE_C),
        article("d.txt", BRIDGE_D),
    ];
    let refs: Vec<&Article> = articles.iter().collect();
    let story = synthesize(&input(&refs), Some(&model), &StoryOptions::default()).unwrap();
    let both = "closed the Harlow bridge on Monday after engineers";
    let closed = fact_stating(&story, "closed the Harlow bridge to all traffic");
    let cracks = fact_stating(&story, "found deep cracks in its concrete pillars");
    assert_ne!(closed.id, cracks.id, "closure and cracks are two facts: {closed:#?}");
    for fact in [closed, cracks] {
        assert!(fact.statements.iter().any(|s| s.text.contains(both)), "{fact:#?}");
        // The sentence that states both words neither: each fact reads as what it alone says.
        assert!(!fact.text.contains(both), "{fact:#?}");
    }
}
