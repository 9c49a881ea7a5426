//! Translated copies without the encoder: signatures, bounded candidates, verification with given
//! sentence vectors, and how translations join copy groups. Articles written for this test.

use dedup::translated::TranslationCandidate;
use dedup::{CopyIndex, CopyRelation, DedupConfig, TranslatedCopies, TranslatedMatch, TranslationConfig};
use model::{Article, ArticleId, Block, BlockKind, EntityKind, EntityMention};

/// An article of one paragraph per line; `entities` are (entity id, surface) found in the text.
fn article(id: &str, language: &str, lines: &[&str], entities: &[(&str, &str)]) -> Article {
    let blocks: Vec<Block> = lines
        .iter()
        .map(|l| Block {
            kind: BlockKind::Paragraph,
            text: l.to_string(),
            language: language.into(),
            line: None,
            url: None,
            reason: None,
        })
        .collect();
    let mut mentions = Vec::new();
    for &(entity, surface) in entities {
        for (b, block) in blocks.iter().enumerate() {
            for (offset, _) in block.text.match_indices(surface) {
                mentions.push(EntityMention {
                    entity: entity.into(),
                    kind: EntityKind::Place,
                    name: surface.into(),
                    surface: surface.into(),
                    block: b as u32,
                    offset: offset as u32,
                });
            }
        }
    }
    Article {
        copy_group: None,
        copy_relation: None,
        copy_of: None,
        entities: mentions,
        event_dates: Vec::new(),
        id: ArticleId(id.into()),
        source: format!("{id}.txt"),
        url: None,
        external_id: None,
        site: None,
        author: None,
        language: language.into(),
        title: None,
        published: None,
        published_source: None,
        truncated: false,
        page_kind: Default::default(),
        text: lines.join("\n"),
        blocks,
    }
}

fn english() -> Article {
    article(
        "en",
        "en",
        &[
            "The lake near Lakeville rose by 1,250 millimetres after 3.5 days of rain.",
            "About 2,000 residents of Lakeville and Hillford left their homes.",
            "The council will meet on 12 May in Hillford.",
        ],
        &[("place:lakeville", "Lakeville"), ("place:hillford", "Hillford")],
    )
}

fn german() -> Article {
    article(
        "de",
        "de",
        &[
            "Der See bei Seestadt stieg nach 3,5 Tagen Regen um 1.250 Millimeter.",
            "Rund 2.000 Bewohner von Seestadt und Hügelfurt verließen ihre Häuser.",
            "Der Rat tagt am 12. Mai in Hügelfurt.",
        ],
        &[("place:lakeville", "Seestadt"), ("place:hillford", "Hügelfurt")],
    )
}

/// Unit vectors, one per sentence: `v(i)` points along axis `i`.
fn v(i: usize) -> Vec<f32> {
    let mut out = vec![0.0; 8];
    out[i] = 1.0;
    out
}

#[test]
fn signatures_agree_across_languages_up_to_local_order() {
    let stage = TranslatedCopies::new(TranslationConfig::default());
    let (en, de) = (stage.signature(&english()), stage.signature(&german()));
    // English says "1,250 … 3.5", German "3,5 … 1.250": one swap, the rest in the same order.
    assert_eq!(en.tokens.len(), de.tokens.len());
    assert_eq!(dedup::translated::common_ordered(&en.tokens, &de.tokens), en.tokens.len() - 1);
}

#[test]
fn candidates_are_other_language_articles_with_the_same_tokens_in_order() {
    let mut stage = TranslatedCopies::new(TranslationConfig::default());
    let en = english();
    stage.add(&en, stage.signature(&en), 0, None);
    let de = german();
    let found = stage.candidates(&stage.signature(&de), "de");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].doc, 0);
    // The same text in its own language is for the copy index, not for this one.
    assert!(stage.candidates(&stage.signature(&en), "en").is_empty());
    // The same tokens in reverse order are another text.
    let forward = article("f", "en", &["Figures 11, 22, 33, 44, 55, 66, 77 and 88."], &[]);
    stage.add(&forward, stage.signature(&forward), 1, None);
    let backward = article("b", "de", &["Zahlen 88, 77, 66, 55, 44, 33, 22 und 11."], &[]);
    assert!(stage.candidates(&stage.signature(&backward), "de").is_empty());
}

#[test]
fn candidate_lookup_reads_a_bounded_number_of_postings() {
    let config = TranslationConfig::default();
    let mut stage = TranslatedCopies::new(config.clone());
    let en = english();
    stage.add(&en, stage.signature(&en), 0, None);
    // Many newer English articles with the same tokens push the first out of reach of every list.
    for i in 0..config.probe_limit {
        let mut other = english();
        other.id = ArticleId(format!("en{i}"));
        stage.add(&other, stage.signature(&other), i as u32 + 1, None);
    }
    let found = stage.candidates(&stage.signature(&german()), "de");
    assert_eq!(found.len(), config.max_verified);
    assert!(found.iter().all(|c| c.doc > 0), "the oldest is beyond the probe limit: {found:?}");
    assert!(found.windows(2).all(|w| w[0].doc > w[1].doc), "newest first on a tie");
}

#[test]
fn verification_needs_aligned_sentences() {
    let config = TranslationConfig::default();
    let mut index = CopyIndex::new(DedupConfig::default()).unwrap();
    let mut stage = TranslatedCopies::new(config);
    let en = english();
    let group = index.add(&en).group;
    stage.add(&en, stage.signature(&en), group, None);
    let candidate = [TranslationCandidate { doc: 0, common: 6, order_share: 1.0 }];
    let query = vec![v(0), v(1), v(2)];
    let same = stage.verify(&index, &candidate, &query, &mut |_| Some(vec![v(0), v(1), v(2)])).unwrap();
    assert_eq!((same.similarity, &same.article), (1.0, &en.id), "the id comes from the copy index");
    // One sentence of three in common: a report of the same event, not a translation.
    assert!(stage.verify(&index, &candidate, &query, &mut |_| Some(vec![v(0), v(4), v(5)])).is_none());
    // Every sentence present but in another order.
    assert!(stage.verify(&index, &candidate, &query, &mut |_| Some(vec![v(2), v(1), v(0)])).is_none());
    // A candidate whose vectors cannot be had is skipped.
    assert!(stage.verify(&index, &candidate, &query, &mut |_| None).is_none());
}

#[test]
fn a_translation_joins_the_group_and_its_copies_follow() {
    let mut index = CopyIndex::new(DedupConfig::default()).unwrap();
    let mut stage = TranslatedCopies::new(TranslationConfig::default());
    let add = |index: &mut CopyIndex, stage: &mut TranslatedCopies, a: &Article, translates: bool| {
        let assignment = index.add(a);
        let signature = stage.signature(a);
        let found = (translates && assignment.matched.is_none()).then(|| {
            let candidates = stage.candidates(&signature, &a.language);
            let query = vec![v(0), v(1), v(2)];
            stage.verify(index, &candidates, &query, &mut |_| Some(vec![v(0), v(1), v(2)])).unwrap()
        });
        stage.add(a, signature, assignment.group, found.as_ref())
    };
    let en = english();
    let g_en = add(&mut index, &mut stage, &en, false);
    let unrelated = article("x", "en", &["A text about something else entirely, in 1999."], &[]);
    let g_x = add(&mut index, &mut stage, &unrelated, false);
    let de = german();
    let g_de = add(&mut index, &mut stage, &de, true);
    assert_eq!(g_de, g_en);
    let mut copy = german();
    copy.id = ArticleId("de-copy".into());
    let g_copy = add(&mut index, &mut stage, &copy, false);
    assert_eq!(g_copy, g_en, "an exact copy of the translation follows it");

    let groups = stage.merge_groups(&index, index.groups());
    assert_eq!(groups.len(), 2);
    let group = groups.iter().find(|g| g.id == g_en).unwrap();
    assert_eq!(group.origin.0, "en");
    let relations: Vec<(&str, CopyRelation)> =
        group.members.iter().map(|m| (m.article.0.as_str(), m.relation)).collect();
    assert_eq!(
        relations,
        [("en", CopyRelation::Origin), ("de", CopyRelation::Translated), ("de-copy", CopyRelation::Linked)]
    );
    assert!(groups.iter().any(|g| g.id == g_x && g.members.len() == 1));

    // A recorded decision is found again by the id the copy index keeps, among candidates or anywhere.
    assert_eq!(stage.find(&index, &stage.signature(&de), "de", &en.id), Some(0));
    assert_eq!(stage.find(&index, &stage.signature(&unrelated), "en", &en.id), Some(0));
    assert_eq!(stage.find(&index, &stage.signature(&de), "de", &ArticleId("nobody".into())), None);

    // The state survives a save and load, links included.
    let json = serde_json::to_string(&stage).unwrap();
    let loaded: TranslatedCopies = serde_json::from_str(&json).unwrap();
    assert_eq!(loaded.merge_groups(&index, index.groups()), groups);
    assert_eq!(loaded.resolve(2), g_en);
}

#[test]
fn only_a_new_group_is_redirected() {
    let mut stage = TranslatedCopies::new(TranslationConfig::default());
    let en = english();
    stage.add(&en, stage.signature(&en), 0, None);
    let de = german();
    stage.add(&de, stage.signature(&de), 1, None);
    // A claim that an article of the existing group 1 translates article 0 merges nothing.
    let claim = TranslatedMatch { doc: 0, article: en.id.clone(), similarity: 1.0 };
    let late = article("late", "fr", &["Texte."], &[]);
    assert_eq!(stage.add(&late, stage.signature(&late), 1, Some(&claim)), 1);
    assert_eq!(stage.resolve(1), 1);
}
