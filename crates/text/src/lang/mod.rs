//! Language identification per article and per block.
//!
//! The article's language is detected once, from the start of its body; each block then either
//! inherits it or gets its own detection: a block in another script always does (an Urdu footer under
//! an English article), a short block in the same script only when the detector is sure, a long one
//! when it does not read like the article's language (an English caption under a German article).

mod detector;
mod script;
mod stopwords;
mod vote;

use detector::{index_of, LanguageSet};
use model::{Block, UNDETERMINED_LANGUAGE};
use rustc_hash::FxHashMap;
use vote::Vote;

pub use detector::LANGUAGES;
pub use script::{dominant_script, script_of, Script};

/// A language guess with its confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Identified {
    /// ISO 639-1 code, or `und` below the confidence floor.
    pub code: &'static str,
    /// Confidence in 0..=1.
    pub confidence: f64,
}

/// Below this confidence a guess is reported as `und`.
pub const CONFIDENCE_FLOOR: f64 = 0.5;
/// At or above this confidence the detected article language wins over a declared one.
const CONFIDENT: f64 = 0.8;
/// A short block overrides the article's language only at or above this confidence.
const HIGHLY_CONFIDENT: f64 = 0.95;
/// How much text decides a language: more costs time and rarely changes the answer.
const SAMPLE_CHARS: usize = 1500;
/// How much text lingua scores when the vote is not enough (lingua costs ~1 µs per character and language).
const LINGUA_SAMPLE_CHARS: usize = 400;
/// The winner of a function-word vote needs this many points …
const MIN_VOTE: f32 = 4.0;
/// … and this many times the runner-up's, to be taken without asking lingua.
const VOTE_MARGIN: f32 = 3.0;
/// Only when at least this share of the words are function words does the vote narrow lingua's choice.
const MIN_VOTE_COVERAGE: f32 = 0.1;
/// Lingua is asked about the languages with at least this share of the winner's points …
const CONTENDER_FRACTION: f32 = 0.25;
/// … at most this many.
const MAX_CONTENDERS: usize = 4;
/// A block must give another language this many points before it is checked against the article's.
const MIN_OTHER_VOTE: f32 = 2.0;
/// Blocks with fewer words than this, or fewer characters than [`SHORT_BLOCK_CHARS`], are short.
const SHORT_BLOCK_WORDS: usize = 4;
/// See [`SHORT_BLOCK_WORDS`].
const SHORT_BLOCK_CHARS: usize = 25;

/// The longest prefix of `text` with at most `max_chars` characters, cut at a word boundary when possible.
fn prefix_chars(text: &str, max_chars: usize) -> &str {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else { return text };
    let head = &text[..cut];
    match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    }
}

/// The set holding one language, or nothing for `und`.
fn set_of(code: &str) -> LanguageSet {
    index_of(code).map_or(0, |i| 1 << i)
}

/// Lingua's ranking of `text` over `set` (every language when `set` has fewer than two).
fn lingua_candidates(text: &str, set: LanguageSet) -> Vec<Identified> {
    detector::rank(prefix_chars(text, LINGUA_SAMPLE_CHARS), set)
        .into_iter()
        .map(|(code, confidence)| Identified { code, confidence })
        .collect()
}

/// The candidate languages of `text` with their confidence, best first (empty when it has no letters).
///
/// A function-word vote decides when its winner is clear; otherwise lingua scores the start of the
/// text, over the vote's contenders when the vote saw enough function words, else over every language.
pub fn candidates(text: &str) -> Vec<Identified> {
    let sample = prefix_chars(text, SAMPLE_CHARS);
    let Some(script) = dominant_script(sample) else { return Vec::new() };
    if let Some(code) = script::sole_language(script) {
        return vec![Identified { code, confidence: 1.0 }];
    }
    let vote = Vote::of(sample);
    let ranked = vote.ranked();
    if let Some(&(_, best)) = ranked.first() {
        let runner_up = ranked.get(1).map_or(0.0, |r| r.1);
        // Either a clear majority, or a short text whose function words all belong to one language.
        let unanimous = best >= MIN_OTHER_VOTE && runner_up == 0.0;
        if (best >= MIN_VOTE && best >= VOTE_MARGIN * runner_up) || unanimous {
            let scale = best + runner_up + 1.0;
            return ranked
                .iter()
                .take(3)
                .map(|&(code, points)| Identified { code, confidence: f64::from(points / scale) })
                .collect();
        }
    }
    let set = if vote.total() >= MIN_VOTE_COVERAGE * vote.words as f32 {
        vote.contenders(CONTENDER_FRACTION, MAX_CONTENDERS)
    } else {
        0
    };
    lingua_candidates(sample, set)
}

/// Identifies the language of one text.
pub fn identify(text: &str) -> Identified {
    best_of(&candidates(text))
}

/// The best candidate, or `und` when it is below the confidence floor.
fn best_of(ranked: &[Identified]) -> Identified {
    match ranked.first() {
        Some(best) if best.confidence >= CONFIDENCE_FLOOR => *best,
        Some(best) => Identified { code: UNDETERMINED_LANGUAGE, confidence: best.confidence },
        None => Identified { code: UNDETERMINED_LANGUAGE, confidence: 0.0 },
    }
}

/// The primary subtag of a declared language tag (`en-US` → `en`), when it is a language we detect.
fn normalize_declared(declared: &str) -> Option<&'static str> {
    let primary = declared.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    LANGUAGES.iter().map(|(_, c)| *c).find(|c| *c == primary)
}

/// The article's language from its candidates, with the declared language breaking near-ties.
fn article_language(ranked: &[Identified], declared: Option<&str>) -> &'static str {
    let best = best_of(ranked);
    if best.confidence >= CONFIDENT {
        return best.code;
    }
    match declared.and_then(normalize_declared) {
        // A declared language the text does not support at all is likely a site template's default.
        Some(code) if ranked.is_empty() || ranked.iter().any(|c| c.code == code && c.confidence > 0.05) => {
            code
        }
        _ => best.code,
    }
}

/// The text that decides the article's language: its body blocks, or every block when none is body.
fn article_sample(blocks: &[Block]) -> String {
    let has_body = blocks.iter().any(|b| b.kind.is_body());
    let mut sample = String::with_capacity(SAMPLE_CHARS + 64);
    let mut chars = 0;
    for block in blocks.iter().filter(|b| !has_body || b.kind.is_body()) {
        if chars >= SAMPLE_CHARS {
            break;
        }
        if !sample.is_empty() {
            sample.push('\n');
        }
        sample.push_str(&block.text);
        chars += block.text.chars().count() + 1;
    }
    prefix_chars(&sample, SAMPLE_CHARS).to_string()
}

/// The language of one block, given the article's language and script.
fn block_language(text: &str, article: &'static str, article_script: Option<Script>) -> &'static str {
    let Some(block_script) = dominant_script(text) else { return UNDETERMINED_LANGUAGE };
    if Some(block_script) != article_script || article == UNDETERMINED_LANGUAGE {
        let own = identify(text);
        if own.code == UNDETERMINED_LANGUAGE {
            return script::sole_language(block_script).unwrap_or(UNDETERMINED_LANGUAGE);
        }
        return own.code;
    }
    // Same script: the block reads like the article unless its function words point elsewhere.
    let vote = Vote::of(prefix_chars(text, SAMPLE_CHARS));
    let for_article = vote.score(article);
    let Some((other, for_other)) = vote.best_except(article) else {
        return article;
    };
    if for_other < MIN_OTHER_VOTE || for_other <= for_article {
        return article;
    }
    let short = vote.words < SHORT_BLOCK_WORDS || text.chars().count() < SHORT_BLOCK_CHARS;
    if short {
        if for_article > 0.0 {
            return article;
        }
        let own = best_of(&lingua_candidates(text, set_of(article) | set_of(other)));
        return if own.confidence >= HIGHLY_CONFIDENT { own.code } else { article };
    }
    let set = set_of(article) | vote.contenders(CONTENDER_FRACTION, MAX_CONTENDERS);
    match best_of(&lingua_candidates(text, set)).code {
        UNDETERMINED_LANGUAGE => article,
        code => code,
    }
}

/// Sets `language` on every block and returns the article's language.
///
/// The article's language comes from its body blocks; `declared` (a container's language field or
/// `<html lang>`) only breaks the tie when detection is not confident.
pub fn label_blocks(blocks: &mut [Block], declared: Option<&str>) -> String {
    let sample = article_sample(blocks);
    let article = article_language(&candidates(&sample), declared);
    let article_script = dominant_script(&sample);
    // Pages repeat lines (share buttons, "Reply", dates in lists): a repeated text gets the label it
    // got the first time, for the same article language and script.
    let mut seen: FxHashMap<&str, &'static str> = FxHashMap::default();
    let labels: Vec<&'static str> = blocks
        .iter()
        .map(|block| {
            *seen
                .entry(block.text.as_str())
                .or_insert_with(|| block_language(&block.text, article, article_script))
        })
        .collect();
    for (block, label) in blocks.iter_mut().zip(labels) {
        // Reusing the label's buffer spares an allocation per block.
        block.language.clear();
        block.language.push_str(label);
    }
    article.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::BlockKind;

    /// One sentence per supported language, written for these tests (same news, a rate rise).
    const SENTENCES: &[(&str, &str)] = &[
        ("en", "The central bank raised its key interest rate on Thursday for the tenth time in a row, saying that inflation was still too high."),
        ("de", "Die Zentralbank hat am Donnerstag den Leitzins zum zehnten Mal in Folge angehoben, weil die Inflation noch immer zu hoch ist."),
        ("fr", "La banque centrale a relevé jeudi son taux directeur pour la dixième fois d'affilée, estimant que l'inflation reste trop élevée."),
        ("es", "El banco central subió el jueves su tipo de interés por décima vez consecutiva, porque la inflación sigue siendo demasiado alta."),
        ("it", "La banca centrale ha alzato giovedì il tasso di interesse per la decima volta di fila, perché l'inflazione è ancora troppo alta."),
        ("pt", "O banco central elevou na quinta-feira a sua taxa de juros pela décima vez seguida, porque a inflação ainda está muito alta."),
        ("nl", "De centrale bank heeft donderdag de rente voor de tiende keer op rij verhoogd, omdat de inflatie nog steeds te hoog is."),
        ("pl", "Bank centralny w czwartek po raz dziesiąty z rzędu podniósł stopy procentowe, ponieważ inflacja jest nadal zbyt wysoka."),
        ("cs", "Centrální banka ve čtvrtek podesáté za sebou zvýšila úrokové sazby, protože inflace je stále příliš vysoká."),
        ("tr", "Merkez bankası perşembe günü faiz oranını üst üste onuncu kez artırdı, çünkü enflasyon hâlâ çok yüksek."),
        ("tl", "Itinaas ng sentral na bangko ang interest rate nito noong Huwebes sa ikasampung pagkakataon dahil mataas pa rin ang implasyon."),
        ("vi", "Ngân hàng trung ương đã tăng lãi suất lần thứ mười liên tiếp vào thứ Năm vì lạm phát vẫn còn quá cao."),
        ("ru", "Центральный банк в четверг в десятый раз подряд повысил ключевую ставку, так как инфляция всё ещё слишком высока."),
        ("uk", "Центральний банк у четвер удесяте поспіль підвищив облікову ставку, оскільки інфляція все ще надто висока."),
        ("ar", "رفع البنك المركزي يوم الخميس سعر الفائدة للمرة العاشرة على التوالي، لأن التضخم لا يزال مرتفعا جدا."),
        ("fa", "بانک مرکزی روز پنجشنبه برای دهمین بار پیاپی نرخ بهره را افزایش داد، زیرا تورم هنوز بسیار بالا است."),
        ("ur", "مرکزی بینک نے جمعرات کو مسلسل دسویں بار شرح سود میں اضافہ کیا کیونکہ مہنگائی اب بھی بہت زیادہ ہے۔"),
        ("ja", "中央銀行は木曜日、インフレが依然として高すぎるため、10会合連続で政策金利を引き上げた。"),
        ("zh", "中央银行周四连续第十次上调利率，因为通货膨胀仍然过高。"),
        ("ko", "중앙은행은 인플레이션이 여전히 너무 높다며 목요일 기준금리를 10회 연속 인상했다."),
    ];

    fn block(kind: BlockKind, text: &str) -> Block {
        Block { kind, text: text.to_string(), language: String::new(), line: None, url: None, reason: None }
    }

    #[test]
    fn identifies_one_sentence_in_every_language() {
        for (code, sentence) in SENTENCES {
            let found = identify(sentence);
            assert_eq!(found.code, *code, "{sentence} ({found:?})");
            assert!(found.confidence >= CONFIDENCE_FLOOR);
        }
    }

    #[test]
    fn text_without_letters_is_undetermined() {
        assert_eq!(identify("").code, UNDETERMINED_LANGUAGE);
        assert_eq!(identify("12.08.2025 — 10:30 | 4,5 %").code, UNDETERMINED_LANGUAGE);
    }

    #[test]
    fn english_caption_under_a_german_article() {
        let mut blocks = vec![
            block(BlockKind::Title, "Regierung beschließt neues Gesetz zur Rente"),
            block(BlockKind::Paragraph, "Das Kabinett hat am Mittwoch in Berlin ein Gesetz beschlossen, das die Renten bis zum Jahr 2030 sichern soll. Die Opposition kritisierte den Entwurf scharf."),
            block(BlockKind::Caption, "Police officers stand guard outside the parliament building in Berlin on Wednesday."),
            block(BlockKind::Caption, "Foto: dpa"),
            block(BlockKind::Paragraph, "Nach Angaben des Ministeriums sollen die Beiträge in den kommenden Jahren nur leicht steigen."),
        ];
        assert_eq!(label_blocks(&mut blocks, None), "de");
        let labels: Vec<&str> = blocks.iter().map(|b| b.language.as_str()).collect();
        assert_eq!(labels, ["de", "de", "en", "de", "de"]);
    }

    #[test]
    fn arabic_script_lines_under_an_english_article() {
        let mut blocks = vec![
            block(BlockKind::Paragraph, "The two leaders met in the capital on Saturday and agreed to expand trade between their countries, officials said."),
            block(BlockKind::Paragraph, "They also discussed security in the region and plans for a joint investment fund."),
            block(BlockKind::Boilerplate, "اس پوسٹ پر ابھی تک کوئی تبصرہ نہیں کیا گیا ہے"),
            block(BlockKind::Boilerplate, "این مطلب هنوز هیچ نظری ندارد و شما می توانید اولین نفر باشید"),
            block(BlockKind::Boilerplate, "لم يتم نشر أي تعليق على هذا المقال حتى الآن"),
            block(BlockKind::Boilerplate, "2025"),
        ];
        assert_eq!(label_blocks(&mut blocks, None), "en");
        let labels: Vec<&str> = blocks.iter().map(|b| b.language.as_str()).collect();
        assert_eq!(labels, ["en", "en", "ur", "fa", "ar", UNDETERMINED_LANGUAGE]);
    }

    #[test]
    fn short_same_script_blocks_inherit() {
        let mut blocks = vec![
            block(BlockKind::Paragraph, "Le gouvernement a présenté mercredi un projet de loi sur les retraites, qui doit être voté avant la fin de l'année."),
            block(BlockKind::Boilerplate, "Share Tweet"),
            block(BlockKind::Credit, "AFP"),
            block(BlockKind::Paragraph, "Les syndicats ont appelé à une journée de grève dans tout le pays."),
        ];
        assert_eq!(label_blocks(&mut blocks, None), "fr");
        assert!(blocks.iter().all(|b| b.language == "fr"), "{blocks:?}");
    }

    #[test]
    fn declared_language_only_breaks_ties() {
        let mut blocks = vec![block(BlockKind::Paragraph, SENTENCES[0].1)];
        assert_eq!(label_blocks(&mut blocks, Some("de")), "en");
        let mut blocks = vec![block(BlockKind::Paragraph, "2025 · 10:30")];
        assert_eq!(label_blocks(&mut blocks, Some("de-AT")), "de");
        let mut blocks = vec![block(BlockKind::Paragraph, "2025 · 10:30")];
        assert_eq!(label_blocks(&mut blocks, None), UNDETERMINED_LANGUAGE);
        assert_eq!(normalize_declared("pt_BR"), Some("pt"));
        assert_eq!(normalize_declared("xx"), None);
    }

    #[test]
    fn article_language_comes_from_body_blocks() {
        let mut blocks = vec![
            block(
                BlockKind::Boilerplate,
                "Accept all cookies to continue reading this page and to see our offers for subscribers",
            ),
            block(BlockKind::Paragraph, SENTENCES[3].1),
        ];
        assert_eq!(label_blocks(&mut blocks, None), "es");
        assert_eq!(blocks[0].language, "en");
    }
}
