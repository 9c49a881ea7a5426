//! The rules that type lines: first what each line is by itself (cues and shape), then what its
//! neighbours say (title, headings, captions above a photo credit, the comment section, the footer).

use super::cues::{fold, word_starts, CueHit, CueKind, INDEX};
use super::date_line::is_date_line;
use super::line::Line;
use crate::lang::Script;
use model::BlockKind;
use std::sync::LazyLock;

/// What a line was found to be.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    /// The block kind.
    pub kind: BlockKind,
    /// Why (`None` only for plain paragraphs).
    pub reason: Option<String>,
    /// The URL of a source link.
    pub url: Option<String>,
    /// The cue that decided, if one did.
    cue: Option<CueKind>,
    /// Whether the line is a bare photo or agency credit that may caption the line above it.
    credit_only: bool,
}

impl Verdict {
    fn new(kind: BlockKind, reason: impl Into<String>) -> Self {
        Verdict { kind, reason: Some(reason.into()), url: None, cue: None, credit_only: false }
    }

    fn cue(kind: BlockKind, hit: &CueHit) -> Self {
        Verdict { cue: Some(hit.kind), ..Verdict::new(kind, hit.reason()) }
    }

    fn credit_only(mut self) -> Self {
        self.credit_only = true;
        self
    }

    fn paragraph() -> Self {
        Verdict { kind: BlockKind::Paragraph, reason: None, url: None, cue: None, credit_only: false }
    }
}

/// Longest line, in words, a Start cue of each kind may open and still decide.
fn start_limit(kind: CueKind) -> usize {
    match kind {
        CueKind::Rating => 6,
        CueKind::Comment | CueKind::Share | CueKind::Navigation | CueKind::Notice => 8,
        CueKind::Related => 15,
        CueKind::Copyright => 25,
        CueKind::Promo => 40,
        CueKind::Cookie => 80,
        CueKind::Attribution | CueKind::Byline | CueKind::Photo | CueKind::Source => 12,
    }
}

/// Longest line, in words, an Anywhere cue of each kind may sit in and still decide.
fn anywhere_limit(kind: CueKind) -> usize {
    match kind {
        CueKind::Comment => 25,
        CueKind::Copyright => 30,
        CueKind::Promo => 40,
        CueKind::Cookie => 80,
        _ => 15,
    }
}

/// Start cues of these kinds are weak: they do not override a line that reads like prose.
fn yields_to_prose(kind: CueKind) -> bool {
    matches!(kind, CueKind::Promo | CueKind::Related | CueKind::Navigation | CueKind::Notice | CueKind::Share)
}

/// Most words a title may have.
const TITLE_MAX_WORDS: usize = 30;
/// Fewest words a title has (shorter first lines are labels or headings).
const TITLE_MIN_WORDS: usize = 3;
/// Most words a section heading may have.
const HEADING_MAX_WORDS: usize = 12;
/// Most words of a caption.
const CAPTION_MAX_WORDS: usize = 60;
/// Most words of a line that a credit below turns into a caption.
const CAPTION_CONTEXT_MAX_WORDS: usize = 40;
/// Fewest words of such a line (shorter ones are headings or labels).
const CAPTION_CONTEXT_MIN_WORDS: usize = 5;
/// Most words of a credit line.
const CREDIT_MAX_WORDS: usize = 15;
/// Most words of a short line in the footer zone.
const FOOTER_MAX_WORDS: usize = 8;
/// Most words after a photo-credit marker at the end of a caption.
const TAIL_WORDS: usize = 10;
/// Most undecided lines after a comment-section header for it to open the page's tail.
const COMMENT_TAIL_MAX_LINES: usize = 3;

/// Types every line.
pub(crate) fn classify(lines: &[Line]) -> Vec<Verdict> {
    let mut marks: Vec<Option<Verdict>> = lines.iter().map(intrinsic).collect();
    comment_section(lines, &mut marks);
    let anchors = Anchors::find(lines, &marks);
    foreign_script(lines, &mut marks, &anchors);
    title(lines, &mut marks);
    captions_above_credits(lines, &mut marks);
    headings(lines, &mut marks);
    footer_zone(lines, &mut marks, &anchors);
    marks.into_iter().map(|m| m.unwrap_or_else(Verdict::paragraph)).collect()
}

/// What a single line is by itself, when that is decided without context.
pub(crate) fn intrinsic(line: &Line) -> Option<Verdict> {
    source_line(line).or_else(|| furniture_or_sign(line)).or_else(|| credit(line)).or_else(|| caption(line))
}

/// The verdict [`intrinsic`] gives when it is boilerplate, else `None`, without running the credit
/// and caption rules: they come last and never say boilerplate, and callers that type blocks by
/// structure (HTML) only take this verdict from the line rules.
pub(crate) fn intrinsic_boilerplate(line: &Line) -> Option<Verdict> {
    if source_line(line).is_some() {
        return None;
    }
    furniture_or_sign(line).filter(|verdict| verdict.kind == BlockKind::Boilerplate)
}

/// The rules of [`intrinsic`] between the source line and the credits, in their order: hashtags,
/// links, copyright signs, boilerplate cues and date lines.
fn furniture_or_sign(line: &Line) -> Option<Verdict> {
    hashtags(line)
        .or_else(|| link_line(line))
        .or_else(|| copyright_sign(line))
        .or_else(|| boilerplate_cue(line))
        .or_else(|| is_date_line(line).then(|| Verdict::new(BlockKind::Boilerplate, "date line")))
}

// ---------------------------------------------------------------------------------------------
// Line by line
// ---------------------------------------------------------------------------------------------

/// Whether a whitespace token is a URL or a bare domain with a path.
fn is_url(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '"' | '\'' | ',' | ';'));
    if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.") {
        return true;
    }
    let Some((host, _)) = t.split_once('/') else { return false };
    let Some((_, tld)) = host.rsplit_once('.') else { return false };
    !host.contains('@') && (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
}

fn url_in(text: &str) -> Option<String> {
    text.split_whitespace().find(|t| is_url(t)).map(|t| {
        t.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '"' | '\'' | ',' | ';' | '.'))
            .to_string()
    })
}

/// The original-case words after the first `skip` words that hold a letter, with punctuation-only
/// words (a detached colon) dropped from the front.
fn words_after(text: &str, skip: usize) -> Vec<&str> {
    let mut seen = 0;
    let mut out: Vec<&str> = text
        .split_whitespace()
        .skip_while(|w| {
            if seen >= skip {
                return false;
            }
            if w.chars().any(char::is_alphanumeric) {
                seen += 1;
            }
            true
        })
        .collect();
    while out.first().is_some_and(|w| !w.chars().any(char::is_alphanumeric)) {
        out.remove(0);
    }
    out
}

/// "Source: https://…" (a source link) or "Source: AFP" (a credit).
fn source_line(line: &Line) -> Option<Verdict> {
    let lead = line.lead_str();
    for hit in INDEX.start_hits(lead).filter(|h| h.kind == CueKind::Source) {
        let after = lead[hit.end..].trim_start();
        let colon = after.starts_with([':', '-', '–', '—']);
        let url = url_in(&line.text);
        if let Some(url) = url.filter(|_| line.words <= start_limit(CueKind::Source)) {
            let mut verdict = Verdict::new(BlockKind::SourceLink, format!("source link: {}", hit.reason()));
            verdict.url = Some(url);
            return Some(verdict);
        }
        let rest = words_after(&line.text, hit.words);
        if colon && !rest.is_empty() && rest.len() <= 6 && line.sentence_ends <= 1 {
            return Some(Verdict::cue(BlockKind::Credit, &hit));
        }
    }
    None
}

fn hashtags(line: &Line) -> Option<Verdict> {
    let all = line
        .text
        .split_whitespace()
        .all(|t| t.starts_with('#') && t.chars().nth(1).is_some_and(char::is_alphanumeric));
    all.then(|| Verdict::new(BlockKind::Boilerplate, "hashtag-only line"))
}

/// A line of links with a few words around them ("Read our decisions https://t.co/…").
fn link_line(line: &Line) -> Option<Verdict> {
    if !line.text.contains('/') && !line.folded.contains("www.") {
        return None;
    }
    let (mut urls, mut other) = (0, 0);
    for token in line.text.split_whitespace() {
        if is_url(token) {
            urls += 1;
        } else if token.chars().any(char::is_alphanumeric) {
            other += 1;
        }
    }
    if urls == 0 {
        return None;
    }
    if other == 0 {
        return Some(Verdict::new(BlockKind::Boilerplate, "bare link"));
    }
    (other <= 6 && line.sentence_ends <= 1).then(|| Verdict::new(BlockKind::Boilerplate, "link line"))
}

/// "©2024 Media Group" is a copyright line; "© Name/Agency" a photo credit.
fn copyright_sign(line: &Line) -> Option<Verdict> {
    let text = line.text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
    let (sign, rest) = match text.strip_prefix('©') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix("(c)").or_else(|| text.strip_prefix("(C)"))?),
    };
    if line.words > start_limit(CueKind::Copyright) {
        return None;
    }
    let year = rest
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    if year {
        Some(Verdict::new(BlockKind::Boilerplate, "copyright line"))
    } else if sign {
        Some(Verdict::new(BlockKind::Caption, "photo credit (©)").credit_only())
    } else {
        // "(c)" without a year is as likely a list item as a copyright.
        None
    }
}

/// Comment widgets, share rows, prompts, notices and the like, by cue.
fn boilerplate_cue(line: &Line) -> Option<Verdict> {
    if let Some(hit) = INDEX.line_hits(line.key()).find(|h| h.kind.is_boilerplate()) {
        return Some(Verdict::cue(BlockKind::Boilerplate, &hit));
    }
    let prose = line.prose_like();
    let start = INDEX.start_hits(line.lead_str()).find(|h| {
        h.kind.is_boilerplate() && line.words <= start_limit(h.kind) && !(prose && yields_to_prose(h.kind))
    });
    if let Some(hit) = start {
        return Some(Verdict::cue(BlockKind::Boilerplate, &hit));
    }
    INDEX
        .anywhere_hits(&line.folded)
        .find(|h| h.kind.is_boilerplate() && line.words <= anywhere_limit(h.kind))
        .map(|hit| Verdict::cue(BlockKind::Boilerplate, &hit))
}

/// Lowercase words that may sit inside a list of personal names ("Ursula von der Leyen", "A and B").
const NAME_PARTICLES: &[&str] = &[
    "and", "und", "et", "y", "e", "i", "en", "&", "de", "da", "di", "do", "dos", "das", "del", "della", "du",
    "van", "von", "der", "den", "ter", "le", "la", "bin", "ibn", "al", "el",
];

/// How freely lowercase words may sit between the names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joiners {
    /// Only name particles and conjunctions (bylines: "By Jane Doe and John Roe").
    Particles,
    /// Any function word ("Laut der Polizei", "Selon l'AFP").
    FunctionWords,
}

/// Whether `words` are names: every content word capitalized (or an agency, or in a caseless
/// script), no sentence among them.
fn are_names(words: &[&str], max: usize, joiners: Joiners) -> bool {
    if words.is_empty() || words.len() > max {
        return false;
    }
    let mut names = 0;
    for (i, raw) in words.iter().enumerate() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        // A sentence end inside the words is prose, except after an initial ("J. Doe").
        let initial = word.chars().count() == 1;
        if i + 1 < words.len() && !initial && raw.ends_with(['.', '!', '?']) {
            return false;
        }
        let folded = fold(word);
        // Elided articles ("l'AFP") name what follows them.
        let elided = folded.rsplit_once('\'').map_or(folded.as_str(), |(_, w)| w);
        if INDEX.is_agency(&folded) || INDEX.is_agency(elided) {
            names += 1;
            continue;
        }
        let joiner = match joiners {
            Joiners::Particles => NAME_PARTICLES.contains(&folded.as_str()),
            Joiners::FunctionWords => INDEX.is_stopword(&folded) || NAME_PARTICLES.contains(&folded.as_str()),
        };
        if joiner {
            continue;
        }
        let shown = word.rsplit(['\'', '’']).next().unwrap_or(word);
        let Some(first) = shown.chars().next() else { continue };
        if first.is_uppercase()
            || first.is_alphabetic() && !first.is_lowercase()
            || first.is_numeric() && i > 0
        {
            names += 1;
        } else {
            return false;
        }
    }
    names > 0
}

static AGENCY_SIGNATURE: LazyLock<regex::Regex> = LazyLock::new(|| {
    // AFP-style signatures: "J.Doe--XY", "Jane Doe--AFP".
    regex::Regex::new(r"^\p{Lu}[\p{L}.' -]{0,40}--\p{Lu}{2,6}$").expect("valid pattern")
});

/// Wire and agency credits, bylines and attributions.
fn credit(line: &Line) -> Option<Verdict> {
    if line.words > CREDIT_MAX_WORDS {
        return None;
    }
    let text = line.text.as_str();
    let key = line.key();
    let lead = line.lead_str();
    if text.starts_with('(') && text.trim_end_matches('.').ends_with(')') {
        let starts_with_credit =
            INDEX.start_hits(lead).any(|h| !h.kind.is_boilerplate() && h.kind != CueKind::Photo);
        let inner = key.split(['/', ',']).map(str::trim);
        if starts_with_credit || inner.clone().all(|p| INDEX.is_agency(p)) {
            return Some(Verdict::new(BlockKind::Credit, "credit in parentheses"));
        }
    }
    if text.starts_with(['—', '–', '-']) && text.contains("(@") {
        return Some(Verdict::new(BlockKind::Credit, "attribution of an embedded post"));
    }
    if line.words <= 3 && !key.is_empty() && key.split(['/', ',']).map(str::trim).all(|p| INDEX.is_agency(p))
    {
        return Some(Verdict::new(BlockKind::Credit, "agency name"));
    }
    if AGENCY_SIGNATURE.is_match(text) {
        return Some(Verdict::new(BlockKind::Credit, "agency signature"));
    }
    for hit in INDEX.start_hits(lead) {
        let rest = words_after(text, hit.words);
        let decided = match hit.kind {
            CueKind::Attribution => {
                (rest.is_empty() && line.sentence_ends <= 1 && line.words <= 3)
                    || are_names(&rest, 5, Joiners::FunctionWords)
            }
            CueKind::Byline => are_names(&rest, 10, Joiners::Particles) && line.sentence_ends <= 1,
            _ => false,
        };
        if decided {
            return Some(Verdict::cue(BlockKind::Credit, &hit));
        }
    }
    via_credit(line).then(|| Verdict::new(BlockKind::Credit, "agency credit (via)").credit_only())
}

/// "NOAA via AP", "Jane Doe via Reuters": a short credit naming who passed a picture on.
fn via_credit(line: &Line) -> bool {
    let words: Vec<&str> = line.text.split_whitespace().collect();
    if !(3..=6).contains(&words.len()) || line.sentence_ends > 0 {
        return false;
    }
    let Some(via) = words.iter().position(|w| w.eq_ignore_ascii_case("via")) else { return false };
    via > 0 && via + 1 < words.len() && {
        let others: Vec<&str> =
            words.iter().enumerate().filter(|(i, _)| *i != via).map(|(_, w)| *w).collect();
        are_names(&others, 5, Joiners::Particles)
    }
}

/// The text inside the parentheses that end `text`, if it ends with a closing one.
fn trailing_parenthesis(text: &str) -> Option<&str> {
    let body = text.trim_end().strip_suffix(')')?;
    let mut depth = 0;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(&body[i + 1..]),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Photo captions: a description with a photo credit, or a photo credit alone.
fn caption(line: &Line) -> Option<Verdict> {
    if line.words > CAPTION_MAX_WORDS {
        return None;
    }
    let lead = line.lead_str();
    if let Some(hit) = INDEX.start_hits(lead).find(|h| h.kind == CueKind::Photo) {
        if line.words <= CREDIT_MAX_WORDS {
            return Some(Verdict::cue(BlockKind::Caption, &hit).credit_only());
        }
    }
    if let Some(inner) = trailing_parenthesis(&line.text) {
        let inner = fold(inner);
        let inner = inner.trim_start();
        if let Some(hit) = INDEX.start_hits(inner).find(|h| h.kind == CueKind::Photo) {
            return Some(Verdict::new(BlockKind::Caption, format!("{} in parentheses", hit.reason())));
        }
        let names_photo = inner.split(|c: char| !c.is_alphanumeric()).any(|w| w == "photo" || w == "foto");
        if names_photo && inner.split_whitespace().count() <= 8 {
            return Some(Verdict::new(BlockKind::Caption, "photo credit in parentheses"));
        }
        let source = INDEX.start_hits(inner).find(|h| h.kind == CueKind::Source);
        if let Some(hit) = source.filter(|h| inner[h.end..].trim_start().starts_with(':')) {
            if line.words <= 30 && line.sentence_ends <= 2 {
                return Some(Verdict::new(BlockKind::Caption, format!("{} in parentheses", hit.reason())));
            }
        }
    }
    if let Some(reason) = photo_marker_tail(line) {
        return Some(Verdict::new(BlockKind::Caption, reason));
    }
    slash_credit_tail(line).then(|| Verdict::new(BlockKind::Caption, "photographer/agency credit at the end"))
}

/// A photo-credit marker ("Photo: …", "Foto von …") followed by a short credit at the end of a line,
/// also when a scraper glued it to the caption ("…in FrankfurtImage: Jane Doe/Agency").
fn photo_marker_tail(line: &Line) -> Option<String> {
    let folded = &line.folded;
    let short_tail = |from: usize| {
        let tail = &folded[from..];
        tail.split_whitespace().count() <= TAIL_WORDS && super::line::count_sentence_ends(tail) == 0
    };
    // The credit after a marker is at most ten words, so only the end of the line can hold the marker.
    let from =
        folded.char_indices().rev().filter(|(_, c)| c.is_whitespace()).nth(TAIL_WORDS).map_or(0, |(i, _)| i);
    for at in word_starts(&folded[from..]).map(|i| i + from).filter(|&i| i > 0) {
        if let Some(hit) = INDEX.start_hits_at(folded, at).find(|h| h.kind == CueKind::Photo) {
            if short_tail(hit.end) {
                return Some(format!("{} at the end", hit.reason()));
            }
        }
    }
    // Glued markers: a capitalized marker word straight after a lowercase letter, then a colon.
    for (colon, _) in line.text.match_indices(':') {
        let before = &line.text[..colon];
        let word_start = before
            .rfind(|c: char| !c.is_alphabetic())
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let word = &before[word_start..];
        let mut previous: Option<char> = None;
        for (offset, c) in word.char_indices() {
            if c.is_uppercase() && previous.is_some_and(char::is_lowercase) {
                let marker = format!("{}:", fold(&word[offset..]));
                let tail = &line.text[colon + 1..];
                let is_marker =
                    INDEX.start_hits(&marker).any(|h| h.kind == CueKind::Photo && h.end == marker.len());
                if is_marker
                    && tail.split_whitespace().count() <= TAIL_WORDS
                    && super::line::count_sentence_ends(tail) == 0
                {
                    return Some(format!("photo credit marker \"{marker}\" glued to the caption"));
                }
            }
            previous = Some(c);
        }
    }
    None
}

/// "…in Krakow, May 18, 2025. Agency.pl/Jane Doe/via AGENCY": the last segment is a slash-separated
/// credit of capitalized names that names an agency or says "via".
fn slash_credit_tail(line: &Line) -> bool {
    let text = line.text.trim_end();
    let start = text.rfind(". ").map_or(0, |i| i + 2);
    if start == 0 {
        return false;
    }
    let tail = &text[start..];
    if !tail.contains('/')
        || tail.split_whitespace().count() > 8
        || super::line::count_sentence_ends(tail) > 0
    {
        return false;
    }
    let parts: Vec<&str> = tail.split(['/', ' ']).filter(|p| !p.is_empty()).collect();
    let mut agency = false;
    for part in &parts {
        let folded = fold(part);
        if folded == "via" || INDEX.is_agency(&folded) {
            agency = true;
            continue;
        }
        if !part.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    agency || parts.iter().any(|p| p.len() >= 3 && p.chars().all(|c| !c.is_lowercase()))
}

// ---------------------------------------------------------------------------------------------
// In context
// ---------------------------------------------------------------------------------------------

fn undecided(marks: &[Option<Verdict>], i: usize) -> bool {
    marks[i].is_none()
}

/// After a comment-section header near the end ("Comments", "Kommentare (3)"), the few lines left are
/// the widget's own text or readers' comments.
fn comment_section(lines: &[Line], marks: &mut [Option<Verdict>]) {
    let Some(header) =
        marks.iter().rposition(|m| m.as_ref().is_some_and(|v| v.cue == Some(CueKind::Comment)))
    else {
        return;
    };
    let after: Vec<usize> = (header + 1..lines.len()).filter(|&i| undecided(marks, i)).collect();
    if header * 2 >= lines.len() && after.len() <= COMMENT_TAIL_MAX_LINES {
        for i in after {
            marks[i] = Some(Verdict::new(BlockKind::Boilerplate, "after the comment-section header"));
        }
    }
}

/// The first and last lines that are certainly body prose; before and after them lie the head and
/// the tail of the page, where labels, credits and footers sit.
struct Anchors {
    first: Option<usize>,
    last: Option<usize>,
    script: Option<Script>,
}

impl Anchors {
    fn find(lines: &[Line], marks: &[Option<Verdict>]) -> Self {
        let prose = |i: &usize| undecided(marks, *i) && lines[*i].paragraph_like();
        let first = (0..lines.len()).find(prose);
        let last = (0..lines.len()).rev().find(prose);
        let mut counts: Vec<(Script, usize)> = Vec::new();
        // The body's script is voted by letters of the lines no cue has claimed.
        for (i, line) in lines.iter().enumerate() {
            let Some(script) = line.script.filter(|_| undecided(marks, i)) else { continue };
            let weight = (line.letters as f32 * line.script_share) as usize;
            match counts.iter_mut().find(|(s, _)| *s == script) {
                Some((_, n)) => *n += weight,
                None => counts.push((script, weight)),
            }
        }
        let script = counts.iter().max_by_key(|(_, n)| *n).map(|(s, _)| *s);
        Anchors { first, last, script }
    }

    fn outside_body(&self, i: usize) -> bool {
        match (self.first, self.last) {
            (Some(first), Some(last)) => i < first || i > last,
            _ => false,
        }
    }
}

/// A short line at the head or tail in another script than the body (an Urdu widget under English).
fn foreign_script(lines: &[Line], marks: &mut [Option<Verdict>], anchors: &Anchors) {
    let Some(body) = anchors.script else { return };
    for (i, line) in lines.iter().enumerate() {
        let Some(script) = line.script else { continue };
        if undecided(marks, i)
            && anchors.outside_body(i)
            && script != body
            && line.script_share >= 0.6
            && line.letters >= 2
            && line.words <= 15
        {
            marks[i] = Some(Verdict::new(
                BlockKind::Boilerplate,
                format!("{script:?} script under a {body:?} body"),
            ));
        }
    }
}

fn title_shaped(line: &Line) -> bool {
    (TITLE_MIN_WORDS..=TITLE_MAX_WORDS).contains(&line.words)
        && line.text.chars().count() <= 250
        && !line.text.trim_end().ends_with(['.', ':', ';', ','])
        && line.starts_capitalized()
        && line.digit_share() < 0.5
}

/// A short label above the headline ("Politik", "1. World", a section name).
fn label_shaped(line: &Line) -> bool {
    // Read past an enumerator ("1. World"), whose period is no sentence end.
    line.words <= 3 && super::line::count_sentence_ends(line.lead_str()) == 0 && !line.paragraph_like()
}

/// The next undecided line after `i`.
fn next_undecided(marks: &[Option<Verdict>], i: usize) -> Option<usize> {
    (i + 1..marks.len()).find(|&j| undecided(marks, j))
}

/// The previous undecided line before `i`.
fn previous_undecided(marks: &[Option<Verdict>], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| undecided(marks, j))
}

/// The headline: the first content line of the page when it is headline-shaped and body text follows.
fn title(lines: &[Line], marks: &mut [Option<Verdict>]) {
    let mut labels = Vec::new();
    for i in 0..lines.len().min(5) {
        if !undecided(marks, i) {
            continue;
        }
        let line = &lines[i];
        let body_follows = next_undecided(marks, i).is_some_and(|j| lines[j].paragraph_like());
        if title_shaped(line) && body_follows {
            marks[i] = Some(Verdict::new(BlockKind::Title, "first line, headline-shaped, body text follows"));
            for j in labels {
                marks[j] = Some(Verdict::new(BlockKind::Boilerplate, "label above the headline"));
            }
            return;
        }
        if label_shaped(line) && labels.len() < 2 {
            labels.push(i);
            continue;
        }
        return;
    }
}

/// A description directly above a photo credit ("NOAA via AP", "…Image: Jane Doe/Agency") is its caption.
fn captions_above_credits(lines: &[Line], marks: &mut [Option<Verdict>]) {
    for i in 1..lines.len() {
        let Some(below) = marks[i].as_ref() else { continue };
        let credit_below = below.kind == BlockKind::Caption || below.credit_only;
        let line = &lines[i - 1];
        let describes = undecided(marks, i - 1)
            && !line.ends_sentence
            && line.sentence_ends <= 1
            && (CAPTION_CONTEXT_MIN_WORDS..=CAPTION_CONTEXT_MAX_WORDS).contains(&line.words);
        if credit_below && describes {
            if below.kind == BlockKind::Credit {
                let upgraded =
                    Verdict::new(BlockKind::Caption, "photo credit under a description").credit_only();
                marks[i] = Some(upgraded);
            }
            marks[i - 1] = Some(Verdict::new(BlockKind::Caption, "description above a photo credit"));
        }
    }
}

fn heading_shaped(line: &Line) -> bool {
    let text = line.text.trim_end();
    let question_or_colon = text.ends_with(['?', ':', '？', '؟']) && line.words <= 8;
    line.words <= HEADING_MAX_WORDS
        && line.text.chars().count() <= 120
        && (!line.ends_sentence && !text.ends_with([':', ';', ',']) || question_or_colon)
        && line.sentence_ends <= usize::from(question_or_colon)
        && line.starts_capitalized()
        && !line.bullet
        && line.digit_share() < 0.3
}

/// Section headings: short unpunctuated lines with body text above and a paragraph below.
fn headings(lines: &[Line], marks: &mut [Option<Verdict>]) {
    for i in 0..lines.len() {
        if !undecided(marks, i) || !heading_shaped(&lines[i]) {
            continue;
        }
        let above = previous_undecided(marks, i).or_else(|| {
            (0..i).rev().find(|&j| marks[j].as_ref().is_some_and(|v| v.kind == BlockKind::Title))
        });
        let below = next_undecided(marks, i).is_some_and(|j| lines[j].paragraph_like());
        if above.is_some() && below {
            marks[i] = Some(Verdict::new(
                BlockKind::Heading,
                "short line without final punctuation between paragraphs",
            ));
        }
    }
}

/// Whether a short line reads like a label rather than the start of a sentence.
fn label_like(line: &Line) -> bool {
    let lone_function_words = line.words <= 2 && line.stopword_share() >= 0.99;
    let no_prose = line.stopword_share() < 0.2
        && (line.all_caps() || line.text.contains(':') || line.digits > 0 || line.capitalized_share() >= 0.6);
    lone_function_words || no_prose
}

/// After the last body paragraph, short unpunctuated label-like lines that sit next to boilerplate
/// belong to the footer.
fn footer_zone(lines: &[Line], marks: &mut [Option<Verdict>], anchors: &Anchors) {
    let Some(last) = anchors.last else { return };
    let boilerplate = |m: &Option<Verdict>| m.as_ref().is_some_and(|v| v.kind == BlockKind::Boilerplate);
    let candidate = |i: usize, marks: &[Option<Verdict>]| {
        let line = &lines[i];
        undecided(marks, i) && line.words <= FOOTER_MAX_WORDS && line.sentence_ends == 0 && label_like(line)
    };
    // Two sweeps so that a run of candidates next to one boilerplate line is taken whole.
    for _ in 0..2 {
        for i in last + 1..lines.len() {
            if !candidate(i, marks) {
                continue;
            }
            let before = (last + 1..i).rev().find(|&j| !candidate(j, marks)).map(|j| &marks[j]);
            let after = (i + 1..lines.len()).find(|&j| !candidate(j, marks)).map(|j| &marks[j]);
            if before.is_some_and(boilerplate) || after.is_some_and(boilerplate) {
                marks[i] =
                    Some(Verdict::new(BlockKind::Boilerplate, "footer zone: short line among boilerplate"));
            }
        }
    }
}
