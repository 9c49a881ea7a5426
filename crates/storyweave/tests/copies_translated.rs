//! Translated copies with the real encoder: translation pairs written for this test (positives) against
//! cross-language reports of one event (negatives: every such pair of the dev corpus, the seeds, and
//! two reports written here that share the positives' facts but not their sentences), the curve over
//! the thresholds, and the copy stage end to end: grouped, batch = one by one, replay = original.
//!
//! Skipped (with a message) when the encoder's files are not installed (`scripts/install-models.sh`).

use crate::common;

use dedup::translated::{alignment_score, common_ordered};
use dedup::{CopyRelation, TranslationConfig, TranslationSignature};
use model::{Article, Content, Hints, RawDocument};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use store::{SqliteStore, Store};
use storyweave::copies::{CopyStage, SNAPSHOT_FILE};
use storyweave::{ingest_paths, IngestOptions, Stages};

/// (name, language, text): the first line is the headline. Written for this test; each `-a`/`-b` pair
/// is one text in two languages.
const PAIRS: &[(&str, &str, &str)] = &[
    ("port-a", "en", "Dock workers in Hamburg begin 48-hour strike
Dock workers at the port of Hamburg stopped work on Tuesday morning in a dispute over wages, the union Verdi said.
The strike is planned to last 48 hours and affects about 12,000 employees at the container terminals.
Verdi is demanding a pay rise of 7.5 percent over twelve months, while the employers have offered 4.2 percent.
According to the port authority, 23 ships were waiting off the coast by the afternoon.
Talks between the two sides are due to resume in Bremen on 14 March.
A spokesman for the employers called the walkout disproportionate and warned of damage to trade with China and the United States."),
    ("port-b", "de", "Hafenarbeiter in Hamburg beginnen 48-stündigen Streik
Die Hafenarbeiter im Hamburger Hafen haben am Dienstagmorgen im Streit um Löhne die Arbeit niedergelegt, teilte die Gewerkschaft Verdi mit.
Der Streik soll 48 Stunden dauern und betrifft rund 12.000 Beschäftigte an den Containerterminals.
Verdi fordert eine Lohnerhöhung von 7,5 Prozent über zwölf Monate, die Arbeitgeber haben 4,2 Prozent angeboten.
Nach Angaben der Hafenbehörde warteten am Nachmittag 23 Schiffe vor der Küste.
Die Gespräche zwischen beiden Seiten sollen am 14. März in Bremen fortgesetzt werden.
Ein Sprecher der Arbeitgeber nannte den Ausstand unverhältnismäßig und warnte vor Schäden für den Handel mit China und den Vereinigten Staaten."),
    ("flood-a", "en", "Floods force 3,000 people from their homes in southern France
Heavy rain caused the Rhône and several smaller rivers to burst their banks on Sunday, forcing about 3,000 people to leave their homes.
Météo-France said up to 250 millimetres of rain fell in 24 hours near Nîmes, the highest level since 2002.
Two people were reported missing in the Gard department, and rescue teams used helicopters to reach isolated villages.
The interior minister travelled to Avignon in the evening and promised emergency aid of 15 million euros.
Rail traffic between Marseille and Lyon was suspended until at least Tuesday."),
    ("flood-b", "fr", "Inondations : 3 000 personnes évacuées dans le sud de la France
De fortes pluies ont fait déborder le Rhône et plusieurs rivières plus petites dimanche, obligeant environ 3 000 personnes à quitter leur domicile.
Selon Météo-France, jusqu'à 250 millimètres de pluie sont tombés en 24 heures près de Nîmes, du jamais vu depuis 2002.
Deux personnes sont portées disparues dans le département du Gard, et les secours ont utilisé des hélicoptères pour atteindre des villages isolés.
Le ministre de l'Intérieur s'est rendu à Avignon dans la soirée et a promis une aide d'urgence de 15 millions d'euros.
Le trafic ferroviaire entre Marseille et Lyon est interrompu au moins jusqu'à mardi."),
    ("utility-a", "es", "Iberdrola compra una eléctrica portuguesa por 2.400 millones de euros
La eléctrica española Iberdrola anunció el lunes la compra de una empresa portuguesa de energía renovable por 2.400 millones de euros.
La operación incluye 38 parques eólicos y una cartera de proyectos solares en Portugal y Brasil.
El presidente de la compañía dijo en Madrid que la adquisición elevará la capacidad del grupo en 1.900 megavatios.
Las acciones de Iberdrola subieron un 1,8 % en la bolsa tras el anuncio.
La compra aún debe ser aprobada por la Comisión Europea, algo que se espera antes de finales de 2026."),
    ("utility-b", "en", "Iberdrola buys Portuguese power company for 2.4 billion euros
Spanish utility Iberdrola announced on Monday the purchase of a Portuguese renewable energy company for 2.4 billion euros.
The deal includes 38 wind farms and a pipeline of solar projects in Portugal and Brazil.
The company's chairman said in Madrid that the acquisition will raise the group's capacity by 1,900 megawatts.
Iberdrola shares rose 1.8% on the stock exchange after the announcement.
The purchase still has to be approved by the European Commission, which is expected before the end of 2026."),
    ("vote-a", "de", "Schweizer Stimmvolk lehnt längere Ladenöffnungszeiten ab
Die Schweizer Stimmberechtigten haben am Sonntag eine Vorlage für längere Ladenöffnungszeiten abgelehnt.
Nach dem amtlichen Endergebnis stimmten 56,3 Prozent dagegen, die Stimmbeteiligung lag bei 44 Prozent.
Besonders deutlich fiel die Ablehnung in den Kantonen Jura und Tessin aus, während Zürich knapp zustimmte.
Die Regierung in Bern hatte die Vorlage unterstützt und mit dem Einkaufstourismus nach Deutschland und Frankreich begründet.
Die Gewerkschaften sprachen von einem klaren Signal für den Schutz des Verkaufspersonals."),
    ("vote-b", "fr", "Les Suisses rejettent l'extension des horaires d'ouverture des magasins
Les citoyens suisses ont rejeté dimanche un projet visant à prolonger les horaires d'ouverture des magasins.
Selon les résultats officiels définitifs, 56,3 % ont voté contre, et la participation s'est élevée à 44 %.
Le rejet a été particulièrement net dans les cantons du Jura et du Tessin, tandis que Zurich a approuvé de justesse.
Le gouvernement à Berne avait soutenu le projet en invoquant le tourisme d'achat vers l'Allemagne et la France.
Les syndicats ont parlé d'un signal clair en faveur de la protection du personnel de vente."),
    ("metro-a", "en", "Rome opens new metro line after 17 years of construction
The first section of Rome's new metro line C opened to passengers on Saturday, 17 years after construction began.
The section runs for 3.6 kilometres and links the Colosseum with San Giovanni.
The mayor said about 80,000 passengers a day are expected to use it.
Archaeologists found more than 500,000 objects during the excavation, some of which are on display in the stations.
The total cost of the line has risen to about 3.7 billion euros, and the final section is due to open in 2032."),
    ("metro-b", "it", "Roma inaugura la nuova linea della metropolitana dopo 17 anni di lavori
Il primo tratto della nuova linea C della metropolitana di Roma è stato aperto ai passeggeri sabato, 17 anni dopo l'inizio dei lavori.
Il tratto è lungo 3,6 chilometri e collega il Colosseo con San Giovanni.
Il sindaco ha detto che si prevedono circa 80.000 passeggeri al giorno.
Durante gli scavi gli archeologi hanno trovato più di 500.000 reperti, alcuni dei quali sono esposti nelle stazioni.
Il costo totale della linea è salito a circa 3,7 miliardi di euro e l'ultimo tratto dovrebbe aprire nel 2032."),
    ("museum-a", "fr", "Le Louvre a accueilli 8,7 millions de visiteurs en 2025
Le musée du Louvre à Paris a accueilli 8,7 millions de visiteurs l'an dernier, soit une hausse de 4 % par rapport à 2024, a annoncé la direction mercredi.
Les visiteurs étrangers représentaient 69 % du public, les États-Unis, l'Italie et l'Espagne arrivant en tête.
Le musée veut limiter la fréquentation à 30 000 personnes par jour afin d'améliorer les conditions de visite.
Une nouvelle entrée doit ouvrir en 2029 pour réduire l'attente devant la pyramide."),
    ("museum-b", "en", "The Louvre welcomed 8.7 million visitors in 2025
The Louvre museum in Paris welcomed 8.7 million visitors last year, an increase of 4% compared with 2024, the management announced on Wednesday.
Foreign visitors made up 69% of the public, with the United States, Italy and Spain at the top.
The museum wants to limit attendance to 30,000 people a day to improve conditions for visitors.
A new entrance is due to open in 2029 to reduce queues in front of the pyramid."),
    ("avalanche-a", "de", "Lawine in Tirol verschüttet vier Skifahrer
Eine Lawine hat am Samstag im österreichischen Bundesland Tirol vier Skifahrer verschüttet, zwei von ihnen konnten nur tot geborgen werden.
Das Unglück ereignete sich gegen 11:30 Uhr auf einer Höhe von etwa 2.800 Metern in der Nähe von Innsbruck.
Nach Angaben der Polizei stammten die Opfer aus Deutschland und den Niederlanden.
An der Suche waren 60 Bergretter und drei Hubschrauber beteiligt.
Der Lawinenwarndienst hatte für das Gebiet die Warnstufe 3 von 5 ausgegeben."),
    ("avalanche-b", "en", "Avalanche in Tyrol buries four skiers
An avalanche buried four skiers in the Austrian state of Tyrol on Saturday, and two of them could only be recovered dead.
The accident happened at around 11:30 a.m. at an altitude of about 2,800 metres near Innsbruck.
According to the police, the victims came from Germany and the Netherlands.
Sixty mountain rescuers and three helicopters took part in the search.
The avalanche warning service had issued warning level 3 of 5 for the area."),
    ("inflation-a", "es", "La inflación en Argentina baja al 2,1 % mensual
La inflación en Argentina fue del 2,1 % en octubre, la cifra mensual más baja en cuatro años, informó el jueves el instituto de estadística.
En los últimos doce meses los precios subieron un 107 %, frente al 211 % del año anterior.
El ministro de Economía dijo en Buenos Aires que el dato confirma el éxito del plan de ajuste.
Los sindicatos, sin embargo, advirtieron que los salarios reales siguen por debajo del nivel de 2023.
El Fondo Monetario Internacional prevé que la economía crezca un 4,5 % el próximo año."),
    ("inflation-b", "fr", "L'inflation en Argentine tombe à 2,1 % par mois
L'inflation en Argentine a été de 2,1 % en octobre, le chiffre mensuel le plus bas depuis quatre ans, a annoncé jeudi l'institut de statistique.
Sur les douze derniers mois, les prix ont augmenté de 107 %, contre 211 % l'année précédente.
Le ministre de l'Économie a déclaré à Buenos Aires que ce chiffre confirmait le succès du plan d'ajustement.
Les syndicats ont toutefois averti que les salaires réels restaient inférieurs au niveau de 2023.
Le Fonds monétaire international prévoit une croissance de l'économie de 4,5 % l'an prochain."),
];

/// Reports written for this test on the events of `port` and `museum`: same facts and figures, other
/// sentences. They must not join the translations' groups.
const SAME_EVENT: &[(&str, &str, &str)] = &[
    ("port-other", "de", "Stillstand an den Terminals
Seit Dienstag geht im Hamburger Hafen kaum noch etwas, 23 Schiffe liegen auf Reede und warten darauf, gelöscht zu werden.
Die Gewerkschaft Verdi will mit dem 48-Stunden-Ausstand ihre Forderung nach 7,5 Prozent mehr Lohn durchsetzen.
Betroffen sind rund 12.000 Beschäftigte, viele von ihnen standen am Morgen mit Fahnen vor den Toren.
Reeder berichten von Verspätungen bei Lieferungen aus China, Händler fürchten leere Regale vor Ostern.
Die Arbeitgeber bleiben bei ihrem Angebot von 4,2 Prozent. Am 14. März wird in Bremen weiterverhandelt."),
    ("museum-other", "fr", "Fréquentation record au Louvre
Avec 8,7 millions d'entrées, le plus grand musée du monde a encore progressé l'an dernier.
La direction, qui présentait son bilan mercredi à Paris, s'inquiète pourtant de la saturation des salles.
Au-delà de 30 000 visiteurs par jour, explique-t-elle, la visite devient pénible pour le public comme pour les agents.
D'ici 2029, une seconde entrée devrait soulager la pyramide, prise d'assaut par les touristes venus des États-Unis et d'Italie.
La part du public étranger atteint 69 %."),
];

fn encoder() -> Option<Arc<embed::UseMultilingual>> {
    match embed::UseMultilingual::load_default() {
        Ok(m) => Some(Arc::new(m)),
        Err(e) => {
            eprintln!("skipped: {e}");
            None
        }
    }
}

fn written(name: &str, language: &str, text: &str) -> Article {
    let raw = RawDocument {
        source: format!("{name}.txt"),
        content: Content::Text(text.to_string()),
        hints: Hints { language: Some(language.into()), ..Hints::default() },
        warnings: Vec::new(),
    };
    text::analyze(&raw).expect("the written article is analyzed")
}

/// One labelled article: a name, its event (None: unlabelled) and the analyzed article.
struct Labelled {
    name: String,
    event: Option<String>,
    article: Article,
}

fn corpus() -> Vec<Labelled> {
    let mut out = Vec::new();
    for &(name, language, text) in PAIRS.iter().chain(SAME_EVENT) {
        let event = name.split('-').next().unwrap().to_string();
        out.push(Labelled {
            name: name.into(),
            event: Some(format!("written:{event}")),
            article: written(name, language, text),
        });
    }
    let events: BTreeMap<String, String> = std::fs::read_to_string(common::dev_events())
        .expect("the dev corpus is readable")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| (v["id"].as_str().unwrap().to_string(), v["event_id"].as_str().unwrap().to_string()))
        .collect();
    for path in [common::seeds_dir(), common::dev_events()] {
        for raw in ingest::read_paths(&[path]) {
            let raw = raw.expect("the shared corpus reads");
            let Ok(article) = text::analyze(&raw) else { continue };
            let name = raw.hints.external_id.clone().unwrap_or_else(|| {
                Path::new(&raw.source).file_name().unwrap().to_string_lossy().into_owned()
            });
            // The four seeds on the summit are one event; the fifth reports another.
            let event = match events.get(&name) {
                Some(e) => Some(e.clone()),
                None if name.starts_with("001") => Some("seed:other".into()),
                None => Some("seed:summit".into()),
            };
            out.push(Labelled { name, event, article });
        }
    }
    out
}

fn vectors(encoder: &embed::UseMultilingual, a: &Article, max: usize) -> Vec<Vec<f32>> {
    use embed::Embedder;
    let mut sentences = embed::document::article_document(a).sentences();
    sentences.truncate(max);
    encoder.embed(&sentences).unwrap().rows().map(<[f32]>::to_vec).collect()
}

/// The measurement: signature and alignment figures of every positive and negative pair, and the
/// precision/recall curve over the thresholds (printed; run with `--nocapture`). Asserts that the
/// default thresholds separate them.
#[test]
fn translation_pairs_against_same_event_reports() {
    let Some(encoder) = encoder() else { return };
    let config = TranslationConfig::default();
    let items = corpus();
    let started = std::time::Instant::now();
    let vecs: Vec<Vec<Vec<f32>>> =
        items.iter().map(|i| vectors(&encoder, &i.article, config.max_sentences)).collect();
    let sentences: usize = vecs.iter().map(Vec::len).sum();
    println!(
        "encoder: {} articles, {sentences} sentences, one call per article: {:.1} ms per article",
        items.len(),
        started.elapsed().as_secs_f64() * 1e3 / items.len() as f64
    );
    let started = std::time::Instant::now();
    let mut stage = dedup::TranslatedCopies::new(config.clone());
    let mut candidates = 0;
    for (n, item) in items.iter().enumerate() {
        let signature = stage.signature(&item.article);
        candidates += stage.candidates(&signature, &item.article.language).len();
        stage.add(&item.article, signature, n as u32, None);
    }
    println!(
        "signature + candidates + add: {:.1} µs per article; {candidates} candidates to verify for {} articles \
         in arrival order; {} heap bytes per article",
        started.elapsed().as_secs_f64() * 1e6 / items.len() as f64,
        items.len(),
        stage.heap_bytes() / items.len()
    );
    let sigs: Vec<TranslationSignature> =
        items.iter().map(|i| TranslationSignature::of_article(&i.article, config.max_tokens)).collect();
    let is_positive = |a: &Labelled, b: &Labelled| {
        let in_pairs = |l: &Labelled| PAIRS.iter().any(|p| p.0 == l.name);
        in_pairs(a)
            && in_pairs(b)
            && a.name.rsplit_once('-').map(|x| x.0) == b.name.rsplit_once('-').map(|x| x.0)
    };
    // (positive, passes the signature test, alignment scores at each sentence threshold)
    let thresholds = [0.4f32, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
    let mut pairs: Vec<(bool, bool, Vec<f64>, String)> = Vec::new();
    let mut order_shares: Vec<(bool, usize, f64)> = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let (a, b) = (&items[i], &items[j]);
            if a.event != b.event || a.article.language == b.article.language {
                continue;
            }
            let common = common_ordered(&sigs[i].tokens, &sigs[j].tokens);
            let shorter = sigs[i].tokens.len().min(sigs[j].tokens.len()).max(1);
            let passes =
                common >= config.min_common && common as f64 / shorter as f64 >= config.min_order_share;
            order_shares.push((is_positive(a, b), common, common as f64 / shorter as f64));
            let enough = vecs[i].len().min(vecs[j].len()) >= config.min_sentences;
            let scores = thresholds
                .iter()
                .map(|&t| if enough { alignment_score(&vecs[i], &vecs[j], t) } else { 0.0 })
                .collect();
            pairs.push((is_positive(a, b), passes, scores, format!("{}~{}", a.name, b.name)));
        }
    }
    for share in [0.5, 0.6, 0.7, 0.8, 0.9] {
        let pass = |positive: bool| {
            order_shares
                .iter()
                .filter(|o| o.0 == positive && o.1 >= config.min_common && o.2 >= share)
                .count()
        };
        println!(
            "signature order share >= {share}: {} translations, {} others pass",
            pass(true),
            pass(false)
        );
    }
    let positives = pairs.iter().filter(|p| p.0).count();
    let negatives = pairs.len() - positives;
    let sig_pos = pairs.iter().filter(|p| p.0 && p.1).count();
    let sig_neg = pairs.iter().filter(|p| !p.0 && p.1).count();
    println!("pairs: {positives} translations, {negatives} same-event cross-language non-translations");
    println!("signature test passes: {sig_pos}/{positives} translations, {sig_neg}/{negatives} others");
    println!("alignment score at each sentence cosine threshold (score = aligned share of the shorter text)");
    println!(
        "{:>6} {:>22} {:>22} {:>24}",
        "cos", "translations min/mean", "others max/mean", "P/R at share 0.6 (sig+align)"
    );
    for (k, t) in thresholds.iter().enumerate() {
        let pos: Vec<f64> = pairs.iter().filter(|p| p.0).map(|p| p.2[k]).collect();
        let neg: Vec<f64> = pairs.iter().filter(|p| !p.0).map(|p| p.2[k]).collect();
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let min = pos.iter().copied().fold(f64::INFINITY, f64::min);
        let max = neg.iter().copied().fold(0.0, f64::max);
        let tp = pairs.iter().filter(|p| p.0 && p.1 && p.2[k] >= 0.6).count();
        let fp = pairs.iter().filter(|p| !p.0 && p.1 && p.2[k] >= 0.6).count();
        let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
        println!(
            "{t:>6.2} {:>10.3} / {:<9.3} {:>10.3} / {:<9.3} {:>10.3} / {:.3}",
            min,
            mean(&pos),
            max,
            mean(&neg),
            precision,
            tp as f64 / positives as f64
        );
    }
    let k =
        thresholds.iter().position(|&t| t == config.sentence_threshold).expect("the default is on the grid");
    for (k, t) in thresholds.iter().enumerate().filter(|(_, &t)| (0.6..=0.71).contains(&t)) {
        println!("at cos {t}: curve over the aligned-share threshold");
        for share in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] {
            let tp = pairs.iter().filter(|p| p.0 && p.1 && p.2[k] >= share).count();
            let fp = pairs.iter().filter(|p| !p.0 && p.1 && p.2[k] >= share).count();
            let fp_any = pairs.iter().filter(|p| !p.0 && p.2[k] >= share).count();
            let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
            println!(
            "  share {share:.1}: precision {precision:.3} recall {:.3} (false positives {fp}; {fp_any} without the signature test)",
            tp as f64 / positives as f64
        );
        }
    }
    let mut worst: Vec<&(bool, bool, Vec<f64>, String)> = pairs.iter().filter(|p| !p.0).collect();
    worst.sort_by(|a, b| b.2[k].total_cmp(&a.2[k]));
    for p in worst.iter().take(5) {
        println!("  highest non-translation: {} score {:.3} signature {}", p.3, p.2[k], p.1);
    }
    for p in pairs.iter().filter(|p| p.0) {
        println!("  translation: {} score {:.3} signature {}", p.3, p.2[k], p.1);
    }
    let accepted = |p: &&(bool, bool, Vec<f64>, String)| p.1 && p.2[k] >= config.min_aligned_share;
    assert_eq!(positives, PAIRS.len() / 2);
    assert!(pairs.iter().filter(|p| p.0).filter(accepted).count() * 10 >= positives * 9, "recall below 0.9");
    let wrong: Vec<&String> = pairs.iter().filter(|p| !p.0).filter(accepted).map(|p| &p.3).collect();
    assert!(wrong.is_empty(), "non-translations accepted: {wrong:?}");
}

/// Every group as (origin name, members as (name, relation)), independent of group numbers.
type NamedGroups = BTreeSet<(String, BTreeSet<(String, String)>)>;

fn named_groups(stage: &CopyStage, store: &SqliteStore) -> NamedGroups {
    let name = |id: &model::ArticleId| {
        let article = store.article(&id.0).unwrap().expect("a grouped article is stored");
        Path::new(&article.source).file_name().unwrap().to_string_lossy().into_owned()
    };
    stage
        .groups()
        .iter()
        .map(|g| {
            let members = g.members.iter().map(|m| (name(&m.article), m.relation.as_str().to_string()));
            (name(&g.origin), members.collect())
        })
        .collect()
}

/// Ingests `runs` (each a list of files, one `ingest_paths` call, the snapshot saved and reopened in
/// between) with `batch_size` articles per chunk and returns the groups.
fn ingest_runs(
    data: &Path,
    runs: &[Vec<std::path::PathBuf>],
    batch_size: usize,
    encoder: &Arc<embed::UseMultilingual>,
) -> NamedGroups {
    let mut store = SqliteStore::open(data).unwrap();
    for files in runs {
        let mut copies = CopyStage::open(data, &store).unwrap();
        copies.set_encoder(Some(encoder.clone() as Arc<dyn embed::Embedder>));
        let stages = Stages { copies: &mut copies, events: None, embedder: None };
        let options = IngestOptions { batch_size, progress: false, max_printed_skips: 0 };
        ingest_paths(files, &mut store, stages, &options).unwrap();
        copies.save(data, &store).unwrap();
    }
    let copies = CopyStage::open(data, &store).unwrap();
    named_groups(&copies, &store)
}

#[test]
fn copy_stage_groups_translations_alike_in_batch_one_by_one_and_after_a_rebuild() {
    let Some(encoder) = encoder() else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    let mut files = Vec::new();
    // The second language of each pair comes after the first, with the seeds in between.
    for &(name, _, text) in PAIRS.iter().chain(SAME_EVENT) {
        let path = input.join(format!("{name}.txt"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    let mut seeds: Vec<_> =
        std::fs::read_dir(common::seeds_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    files.splice(4..4, seeds);

    let batch = ingest_runs(&dir.path().join("batch"), std::slice::from_ref(&files), 256, &encoder);
    let single: Vec<Vec<_>> = files.iter().map(|f| vec![f.clone()]).collect();
    let one_by_one = ingest_runs(&dir.path().join("single"), &single, 1, &encoder);
    assert_eq!(batch, one_by_one, "batch and one-by-one runs disagree");

    // A rebuild from the store alone (no snapshot, no encoder) replays the stored decisions.
    let data = dir.path().join("batch");
    std::fs::remove_file(data.join(SNAPSHOT_FILE)).unwrap();
    let store = SqliteStore::open(&data).unwrap();
    let rebuilt = CopyStage::open(&data, &store).unwrap();
    assert_eq!(named_groups(&rebuilt, &store), batch, "the rebuilt index disagrees");

    let group_of = |name: &str| batch.iter().find(|(_, m)| m.iter().any(|(n, _)| n == name)).unwrap();
    for pair in PAIRS.chunks(2) {
        let (a, b) = (format!("{}.txt", pair[0].0), format!("{}.txt", pair[1].0));
        let (origin, members) = group_of(&a);
        assert_eq!(origin, &a, "the earlier article is the origin");
        assert!(members.contains(&(b.clone(), CopyRelation::Translated.as_str().into())), "{b}: {members:?}");
        assert_eq!(members.len(), 2, "only the translation joins: {members:?}");
    }
    for &(name, ..) in SAME_EVENT {
        assert_eq!(group_of(&format!("{name}.txt")).1.len(), 1, "{name} is a report of its own");
    }
    for (_, members) in &batch {
        let seeds = members.iter().filter(|(n, _)| n.starts_with("00")).count();
        assert!(seeds <= 1, "different seed articles grouped: {members:?}");
    }

    let translated = store.article(&{
        let stage = CopyStage::open(&data, &store).unwrap();
        let g = stage.groups().into_iter().find(|g| g.members.len() == 2).unwrap();
        g.members[1].article.0.clone()
    });
    let copy_of = translated.unwrap().unwrap().copy_of.expect("a translation names its origin");
    assert_eq!(copy_of.relation, "translated");
    assert!(copy_of.similarity >= TranslationConfig::default().min_aligned_share as f32);
}
