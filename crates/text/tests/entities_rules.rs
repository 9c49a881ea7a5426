//! The entity rules on made-up sentences in English, German, French, Spanish and Italian, with a
//! small hand-written gazetteer (so these tests need no installed data).

use model::{Block, BlockKind, EntityKind, EntityMention};
use text::entities::{find_entities_with, EntityRegistry, Gazetteer};

/// Invented places and real country codes, in the install script's layout.
const FIXTURE: &str = "\
C\tJP\tJapan\t1\tJP\tTokyo\ten:Japan|de:Japan|fr:Japon|es:Japón|it:Giappone
C\tKR\tSouth Korea\t1\tKR\tSeoul\ten:South Korea|en:S. Korea|de:Südkorea|fr:Corée du Sud|it:Corea del Sud
C\tKP\tNorth Korea\t1\tKP\t\ten:North Korea|de:Nordkorea|fr:Corée du Nord
C\tFR\tFrance\t1\tFR\tParis\ten:France|de:Frankreich
C\tGE\tGeorgia\t1\tGE\t\ten:Georgia
C\tUS\tUnited States\t1\tUS\t\ten:United States|de:Vereinigte Staaten
P\t1850147\tTokyo\t9000000\tJP\t\tTokio|Tokyo
P\t1000001\tPortville\t50000\tFR\t\tPortville
P\t1000002\tGeorgia\t0\tUS\t\tGeorgia
P\t1000003\tFlorida\t0\tUS\t\tFlorida\tR:US.FL
P\t1000005\tPortmouth Beach\t120000\tUS\t\tPortmouth Beach\tUS.FL
C\tSI\tSlovenia\t1\tSI\tLjubljana\ten:Slovenia|de:Slowenien
P\t3196359\tLjubljana\t272220\tSI\t\tLubiana|Ljubljana
P\t1000004\tMaribor\t95000\tSI\t\tMarburg|Maribor
";

fn gazetteer() -> Gazetteer {
    Gazetteer::from_tsv(FIXTURE)
}

fn find(language: &str, lines: &[&str]) -> Vec<EntityMention> {
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
    find_entities_with(&gazetteer(), &blocks, language)
}

/// The ids of one kind found in one line, in order of mention (repeats kept).
fn ids_of_kind(language: &str, line: &str, kind: EntityKind) -> Vec<String> {
    find(language, &[line]).into_iter().filter(|m| m.kind == kind).map(|m| m.entity).collect()
}

fn ids_of<'a>(mentions: &'a [EntityMention], surface: &str) -> Vec<&'a str> {
    mentions.iter().filter(|m| m.surface == surface).map(|m| m.entity.as_str()).collect()
}

#[test]
fn english_titles_adjectives_and_short_forms() {
    let m = find(
        "en",
        &[
            "Japanese Prime Minister Akio Tanabe met South Korean President Park Min Soo in Tokyo.",
            "Park’s visit followed talks with the U.S. and S. Korea's allies, Tanabe said.",
            "The abductions by the North still weigh on North Korea's ties.",
        ],
    );
    assert_eq!(ids_of(&m, "Japanese"), ["country:JP"]);
    assert_eq!(ids_of(&m, "Akio Tanabe"), ["person:akio-tanabe"]);
    assert_eq!(ids_of(&m, "South Korean"), ["country:KR"]);
    assert_eq!(ids_of(&m, "Park Min Soo"), ["person:park-min-soo"]);
    assert_eq!(ids_of(&m, "Tokyo"), ["place:1850147"]);
    assert_eq!(ids_of(&m, "Park"), ["person:park-min-soo"], "{m:#?}");
    assert_eq!(ids_of(&m, "Tanabe"), ["person:akio-tanabe"]);
    assert_eq!(ids_of(&m, "U.S."), ["country:US"]);
    assert_eq!(ids_of(&m, "S. Korea"), ["country:KR"]);
    assert_eq!(ids_of(&m, "the North"), ["country:KP"]);
    assert!(ids_of(&m, "The").is_empty() && ids_of(&m, "Prime Minister").is_empty());
}

#[test]
fn german_inflections_adjectives_and_titles() {
    let m = find(
        "de",
        &[
            "Der japanische Außenminister Kenji Mori traf seinen südkoreanischen Amtskollegen in Tokio.",
            "Japans Haltung und Südkoreas Sorge über das nordkoreanische Programm: Mit den Vereinigten Staaten \
             wurde gesprochen, sagte Herr Mori.",
            "Am Montag reiste Moris Delegation weiter. Im August folgt ein Besuch.",
        ],
    );
    assert_eq!(ids_of(&m, "japanische"), ["country:JP"]);
    assert_eq!(ids_of(&m, "Kenji Mori"), ["person:kenji-mori"]);
    assert_eq!(ids_of(&m, "südkoreanischen"), ["country:KR"]);
    assert_eq!(ids_of(&m, "Tokio"), ["place:1850147"]);
    assert_eq!(ids_of(&m, "Japans"), ["country:JP"]);
    assert_eq!(ids_of(&m, "Südkoreas"), ["country:KR"]);
    assert_eq!(ids_of(&m, "nordkoreanische"), ["country:KP"]);
    assert_eq!(ids_of(&m, "Vereinigten Staaten"), ["country:US"]);
    assert_eq!(ids_of(&m, "Mori"), ["person:kenji-mori"]);
    assert_eq!(ids_of(&m, "Moris"), ["person:kenji-mori"]);
    // Weekdays, months and capitalized nouns are no entities.
    assert!(m
        .iter()
        .all(|e| !["Montag", "August", "Haltung", "Delegation", "Besuch"].contains(&e.surface.as_str())));
}

#[test]
fn french_adjectives_elisions_and_given_names() {
    let m = find(
        "fr",
        &[
            "Le ministre Jean Dupont a reçu son homologue sud-coréen à Portville, a déclaré Dupont.",
            "La délégation japonaise arrive d’Italie et de Corée du Nord. Georgia Martin préside.",
        ],
    );
    assert_eq!(ids_of(&m, "Jean Dupont"), ["person:jean-dupont"]);
    assert_eq!(ids_of(&m, "sud-coréen"), ["country:KR"]);
    assert_eq!(ids_of(&m, "Portville"), ["place:1000001"]);
    assert_eq!(ids_of(&m, "Dupont"), ["person:jean-dupont"]);
    assert_eq!(ids_of(&m, "japonaise"), ["country:JP"]);
    assert_eq!(ids_of(&m, "Corée du Nord"), ["country:KP"]);
    // A country name used as a given name before a surname is no country.
    assert!(ids_of(&m, "Georgia").is_empty(), "{m:#?}");
}

#[test]
fn spanish_and_italian_adjectives_and_institutions() {
    let es =
        find("es", &["El presidente Luis Ortega criticó al BCE y al gobierno surcoreano, según la agencia."]);
    assert_eq!(ids_of(&es, "Luis Ortega"), ["person:luis-ortega"]);
    assert_eq!(ids_of(&es, "BCE"), ["org:ecb"]);
    assert_eq!(ids_of(&es, "surcoreano"), ["country:KR"]);
    let it = find("it", &["Il premier giapponese ha incontrato la Banca centrale europea a Tokyo."]);
    assert_eq!(ids_of(&it, "giapponese"), ["country:JP"]);
    assert_eq!(ids_of(&it, "Banca centrale europea"), ["org:ecb"]);
    assert_eq!(ids_of(&it, "Tokyo"), ["place:1850147"]);
}

#[test]
fn a_state_is_a_place_when_the_article_is_about_its_country() {
    let storm = find("en", &["The storm hit the United States, crossing Florida into Georgia on Friday."]);
    assert_eq!(ids_of(&storm, "Georgia"), ["place:1000002"]);
    let caucasus = find("en", &["Protests filled the streets of Georgia on Friday."]);
    assert_eq!(ids_of(&caucasus, "Georgia"), ["country:GE"]);
}

#[test]
fn organizations_need_a_cue_inside_a_longer_name_or_a_repeated_acronym() {
    let m = find(
        "en",
        &[
            "The Federal Drainage Agency and the FDA met. Police said the FDA was late.",
            "Officials from the Harbor Workers Union spoke.",
        ],
    );
    assert_eq!(ids_of(&m, "Federal Drainage Agency"), ["org:federal-drainage-agency"]);
    assert_eq!(ids_of(&m, "FDA"), ["org:fda", "org:fda"]);
    assert_eq!(ids_of(&m, "Harbor Workers Union"), ["org:harbor-workers-union"]);
    assert!(m.iter().all(|e| e.kind != EntityKind::Person), "{m:#?}");
}

#[test]
fn the_registry_resolves_a_lone_family_name_from_an_earlier_article() {
    let mut registry = EntityRegistry::new();
    let mut first = find("en", &["Prime Minister Akio Tanabe spoke, the ministry said."]);
    registry.resolve(&mut first);
    let mut second = find("en", &["Tanabe said the talks went well."]);
    assert_eq!(ids_of(&second, "Tanabe"), Vec::<&str>::new(), "a lone word after 'said' is too weak alone");
    let mut third = find("en", &["Premier Tanabe arrived on Monday."]);
    assert_eq!(ids_of(&third, "Tanabe"), ["person:tanabe"]);
    registry.resolve(&mut second);
    registry.resolve(&mut third);
    assert_eq!(ids_of(&third, "Tanabe"), ["person:akio-tanabe"]);
    assert_eq!(registry.canonical("person:tanabe"), "person:akio-tanabe");
    assert_eq!(registry.name("person:tanabe"), Some("Akio Tanabe"));
    // Persisted and read back, it resolves the same.
    let json = serde_json::to_string(&registry).unwrap();
    let back: EntityRegistry = serde_json::from_str(&json).unwrap();
    assert_eq!(back, registry);
}

#[test]
fn names_without_a_cue_are_people_when_no_word_is_common() {
    let found = find(
        "en",
        &[
            "Voters backed Mirela Ostrava over the mayor. Later Ostrava thanked them.",
            "The storm reached Pelican Key and crossed Orlando Florida before dawn.",
            "A crowd gathered. Big crowds are common there.",
        ],
    );
    assert_eq!(ids_of(&found, "Mirela Ostrava"), ["person:mirela-ostrava"]);
    assert_eq!(
        ids_of(&found, "Ostrava"),
        ["person:mirela-ostrava"],
        "the short form follows the name: {found:?}"
    );
    let place = found.iter().find(|m| m.surface == "Pelican Key").expect("a run ending in a place word");
    assert_eq!((place.kind, place.entity.as_str()), (EntityKind::Place, "place:pelican-key"));
    assert!(found.iter().all(|m| !m.entity.contains("florida-")), "a known place is no part of a name");
    assert!(found.iter().all(|m| m.surface != "Big"), "a sentence's first word needs a capital elsewhere");
}

#[test]
fn a_run_with_a_common_word_or_in_a_headline_is_no_name() {
    let mut blocks = vec![Block {
        kind: BlockKind::Title,
        text: "Markets Rally After Central Decision".into(),
        language: "en".into(),
        line: None,
        url: None,
        reason: None,
    }];
    blocks.push(Block {
        kind: BlockKind::Paragraph,
        text: "Shares rose as Markets Rally spread; the rally lasted.".into(),
        language: "en".into(),
        line: None,
        url: None,
        reason: None,
    });
    let found = find_entities_with(&gazetteer(), &blocks, "en");
    assert!(found.iter().all(|m| m.kind != EntityKind::Person), "{found:?}");
}

#[test]
fn german_leaves_cue_less_runs_alone_and_polish_names_are_declined_back() {
    let german = find("de", &["Die Wahl gewann Mirela Ostrava knapp, sagten Beobachter."]);
    assert!(german.iter().all(|m| !m.entity.starts_with("person:mirela")), "{german:?}");
    let polish = find(
        "pl",
        &[
            "Wybory wygrał Tomasz Wierzbicki. Gratulacje złożono Tomaszowi Wierzbickiemu.",
            "Sondaż dawał zwycięstwo Tomaszowi Wierzbickiemu.",
        ],
    );
    assert_eq!(ids_of(&polish, "Tomasz Wierzbicki"), ["person:tomasz-wierzbicki"]);
    assert_eq!(ids_of(&polish, "Tomaszowi Wierzbickiemu")[0], "person:tomasz-wierzbicki");
}

#[test]
fn letters_with_a_stroke_fold_to_their_base_letter() {
    let found = find("en", &["Observers praised Rafał Kowalczyk and later Rafal Kowalczyk again."]);
    let ids: Vec<&str> = found.iter().map(|m| m.entity.as_str()).collect();
    assert_eq!(ids, ["person:rafal-kowalczyk", "person:rafal-kowalczyk"]);
}

#[test]
fn names_inside_words_of_scripts_without_capitals() {
    let gazetteer = Gazetteer::from_tsv(
        "C\tJP\tJapan\t1\tJP\tTokyo\ten:Japan|ja:日本|ko:일본|ar:اليابان\n\
         P\t1850147\tTokyo\t9000000\tJP\t\tTokyo|東京|도쿄|طوكيو\n",
    );
    let find_in = |language: &str, text: &str| {
        let block = Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            language: language.into(),
            line: None,
            url: None,
            reason: None,
        };
        find_entities_with(&gazetteer, &[block], language)
            .into_iter()
            .map(|m| (m.entity, m.surface))
            .collect::<Vec<_>>()
    };
    let pair = |id: &str, surface: &str| (id.to_string(), surface.to_string());
    // Japanese writes no spaces: names are found inside the run of characters.
    assert_eq!(
        find_in("ja", "首脳会談は日本の東京で開かれた。"),
        [pair("country:JP", "日本"), pair("place:1850147", "東京")]
    );
    // Korean puts particles after a name, Arabic clitics before it.
    assert_eq!(find_in("ko", "도쿄에서 회담했다"), [pair("place:1850147", "도쿄")]);
    assert_eq!(find_in("ar", "وصل واليابان"), [pair("country:JP", "اليابان")]);
    // An Arabic name must end its word, and a Korean one start it.
    assert!(find_in("ar", "اليابانيون").is_empty());
    assert!(find_in("ko", "대도쿄").is_empty());
}

#[test]
fn a_storm_word_names_the_storm_after_it_in_every_language() {
    let storms = |language: &str, line: &str| ids_of_kind(language, line, EntityKind::NamedEvent);
    assert_eq!(storms("en", "Hurricane Portville struck Florida on Monday."), ["named:portville"]);
    assert_eq!(storms("en", "Forecasters said Tropical Storm Bertha would weaken."), ["named:bertha"]);
    assert_eq!(storms("es", "El huracán Bertha tocó tierra en Florida."), ["named:bertha"]);
    assert_eq!(storms("fr", "La tempête tropicale Bertha s'éloigne des côtes."), ["named:bertha"]);
    assert_eq!(storms("de", "Der Tropensturm Bertha hat Florida erreicht."), ["named:bertha"]);
    assert_eq!(storms("it", "L'uragano Bérthà si è indebolito."), ["named:bertha"]);
    // A storm word inside another name, or before an organization word, names no storm; nor does a
    // German noun after a plain noun.
    assert!(storms("en", "The National Hurricane Center in Florida said so.").is_empty());
    assert!(storms("en", "The storm Center was closed.").is_empty());
    assert!(storms("de", "Der Sturm Schäden verursacht hat niemand erwartet.").is_empty());
}

#[test]
fn italian_acronyms_in_title_case_are_the_institutions_written_in_capitals() {
    let ids = |language: &str, line: &str| -> Vec<String> {
        find(language, &[line]).into_iter().map(|m| m.entity).collect()
    };
    let said = ids("it", "Così la presidente della Bce Christine Lagarde ha parlato ieri.");
    assert!(said.contains(&"org:ecb".to_string()), "{said:?}");
    // The acronym is not part of the person's name after it.
    assert!(said.contains(&"person:christine-lagarde".to_string()), "{said:?}");
    // Only where the language writes acronyms so, and never a sentence's first word.
    assert!(!ids("en", "Markets said the Bce was a typo.").contains(&"org:ecb".to_string()));
    assert!(!ids("it", "Bce è scritto male qui.").contains(&"org:ecb".to_string()));
}

#[test]
fn a_country_adjective_after_in_names_a_language_not_the_country() {
    let countries = |language: &str, line: &str| ids_of_kind(language, line, EntityKind::Country);
    assert!(countries("it", "Ha risposto in giapponese ai giornalisti.").is_empty());
    assert!(countries("fr", "Il a répondu en japonais aux journalistes.").is_empty());
    // The adjective of a noun still names the country.
    assert_eq!(countries("it", "Il governo giapponese ha risposto."), ["country:JP"]);
    assert_eq!(countries("fr", "Le gouvernement japonais a répondu."), ["country:JP"]);
}

#[test]
fn a_german_genitive_name_before_an_organization_word_is_the_owner_not_the_organization() {
    let found = find("de", &["Am Sonntag blieb Anna Berger Schmidts Partei hinter den Erwartungen zurück."]);
    let ids: Vec<&str> = found.iter().map(|m| m.entity.as_str()).collect();
    assert!(ids.contains(&"person:anna-berger-schmidt"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("org:")), "{ids:?}");
    // A name that is the organization's own keeps the organization.
    let found = find("de", &["Die Sozialdemokratische Partei verlor Stimmen."]);
    assert!(found.iter().any(|m| m.kind == EntityKind::Organization), "{found:?}");
}

#[test]
fn a_capital_is_known_by_its_names_in_other_languages() {
    let places = |line: &str| -> Vec<String> {
        find("it", &[line]).into_iter().filter(|m| m.kind == EntityKind::Place).map(|m| m.entity).collect()
    };
    assert_eq!(places("La conferenza stampa da Lubiana è finita."), ["place:3196359"]);
    // Another town's other name stays unknown without its country in the text.
    assert!(places("La conferenza stampa da Marburg è finita.").is_empty());
}

#[test]
fn a_name_can_start_right_after_a_sentences_first_word() {
    let people = |language: &str, line: &str| ids_of_kind(language, line, EntityKind::Person);
    assert_eq!(
        people("it", "Il taglio è deciso. Così Christine Lagarde, presidente della banca, ha parlato."),
        ["person:christine-lagarde"]
    );
    assert_eq!(people("en", "Yesterday Anna Lindqvist opened the bridge."), ["person:anna-lindqvist"]);
    // The first word is no part of the name, and one capitalized word after it is no name by itself.
    assert!(people("en", "Yesterday Lindqvist opened the bridge.").is_empty());
}

#[test]
fn a_place_knows_its_region_and_country() {
    let g = gazetteer();
    assert_eq!(g.place_scope("place:1000005"), ["place:1000005", "region:US.FL", "country:US"]);
    // A first-level region stands for itself by its region key.
    assert_eq!(g.place_scope("place:1000003"), ["region:US.FL", "country:US"]);
    // Without a region column: the place and its country.
    assert_eq!(g.place_scope("place:3196359"), ["place:3196359", "country:SI"]);
    // An id the gazetteer does not hold is only itself.
    assert_eq!(g.place_scope("place:siesta-key"), ["place:siesta-key"]);
}

#[test]
fn an_organization_named_in_another_language_keeps_its_organization_word() {
    let orgs = |language: &str, line: &str| ids_of_kind(language, line, EntityKind::Organization);
    assert_eq!(
        orgs("fr", "La tempête faiblit, selon le National Hurricane Center."),
        ["org:national-hurricane-center"]
    );
    assert_eq!(
        orgs("en", "Lawmakers left the Assemblée Nationale after the vote."),
        ["org:assemblee-nationale"]
    );
    // Across a connector of the article's language, a foreign word is no cue.
    assert!(orgs("de", "Die Leibwächter des Secret Service griffen ein.").is_empty());
}

#[test]
fn a_name_written_twice_at_sentence_starts_is_a_name() {
    let people = |line: &str| {
        let mut ids = ids_of_kind("en", line, EntityKind::Person);
        ids.dedup();
        ids
    };
    assert_eq!(
        people("Anna Lindqvist opened the bridge. Crowds cheered. Anna Lindqvist then left by boat."),
        ["person:anna-lindqvist"]
    );
    // Once is not enough: the first word of a sentence may be any word.
    assert!(people("Yesterday Lindqvist opened the bridge. Crowds cheered.").is_empty());
    assert!(people("Anna Lindqvist opened the bridge. Crowds cheered.").is_empty());
}

#[test]
fn a_caption_counts_as_a_second_writing_of_a_name_but_is_not_searched() {
    let block = |kind: BlockKind, text: &str| Block {
        kind,
        text: text.into(),
        language: "en".into(),
        line: None,
        url: None,
        reason: None,
    };
    let blocks = [
        block(BlockKind::Caption, "Anna Lindqvist at the opening. Photo: Erik Berg"),
        block(BlockKind::Paragraph, "Anna Lindqvist opened the bridge. Crowds cheered."),
    ];
    let found = find_entities_with(&gazetteer(), &blocks, "en");
    let people: Vec<(&str, u32)> =
        found.iter().filter(|m| m.kind == EntityKind::Person).map(|m| (m.entity.as_str(), m.block)).collect();
    assert_eq!(people, [("person:anna-lindqvist", 1)]);
}
