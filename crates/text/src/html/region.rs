//! Third pass: the main text region, and the furniture at its edges.
//!
//! Pages without a semantic container (and containers that hold more than the article) surround the
//! text with sidebars, teasers and footers that carry no class cue. The article's running text is
//! where the long, link-poor paragraphs are: the smallest element that holds nearly all of them is
//! the region, and body blocks outside it are furniture. Inside the region, short blocks after the
//! last long paragraph (share prompts, "follow us", "was this useful?") are furniture too.

use super::blocks::BlockInfo;
use super::survey::Survey;
use model::{Block, BlockKind};

/// A paragraph counts as running text from this many non-whitespace characters.
const RUNNING_TEXT_MIN_CHARS: usize = 100;
/// Running text may have at most this share of link characters.
const RUNNING_TEXT_MAX_LINK_SHARE: f64 = 0.25;
/// The region holds at least this share of the page's running text.
const REGION_SHARE: f64 = 0.7;
/// The article container is trusted when it holds at least this share of the running text.
const CONTAINER_SHARE: f64 = 0.85;
/// Below this much running text the page gives too little evidence to cut anything.
const MIN_EVIDENCE_CHARS: usize = 400;
/// A trailing block shorter than this (non-whitespace characters) is not part of the text.
const TAIL_MAX_CHARS: usize = 40;
/// A paragraph shorter than this between two furniture blocks is furniture too.
const ISLAND_MAX_CHARS: usize = 100;
/// At most this many steps up from the region to enclosing elements.
const WIDEN_STEPS: usize = 2;
/// An enclosing element joins the region when at most this share of what it adds is link text.
const WIDEN_MAX_LINK_SHARE: f64 = 0.1;
/// Blocks longer than this (bytes) are never retyped by the plain-text line cues.
const LINE_CUE_MAX_BYTES: usize = 400;

/// The running-text weight of a block: its link-free characters when it reads like a paragraph.
fn running_text(kind: BlockKind, info: &BlockInfo) -> usize {
    let link_share = info.link_chars as f64 / info.chars.max(1) as f64;
    let is_paragraph = kind == BlockKind::Paragraph;
    if is_paragraph && info.chars >= RUNNING_TEXT_MIN_CHARS && link_share <= RUNNING_TEXT_MAX_LINK_SHARE {
        info.chars - info.link_chars
    } else {
        0
    }
}

/// The comment stream is the page's text when it has this many times the running text of the rest.
const COMMENT_STREAM_SHARE: usize = 3;

/// Gives a comment section its blocks back when it holds the page's running text and the rest of the
/// page too little to be an article: a live blog or a forum thread, whose entries templates call "comments".
pub fn keep_comment_stream(blocks: &mut [Block], info: &[BlockInfo]) {
    let mut outside = 0usize;
    let mut inside = 0usize;
    for (block, i) in blocks.iter().zip(info) {
        match i.comment_kind {
            Some(kind) => inside += running_text(kind, i),
            None => outside += running_text(block.kind, i),
        }
    }
    // A post above its readers' comments has running text of its own, however short.
    if outside >= MIN_EVIDENCE_CHARS || inside < MIN_EVIDENCE_CHARS || inside < outside * COMMENT_STREAM_SHARE
    {
        return;
    }
    for (block, i) in blocks.iter_mut().zip(info) {
        if let Some(kind) = i.comment_kind {
            block.kind = kind;
            block.reason = (i.level > 0).then(|| format!("h{}", i.level));
        }
    }
}

/// Types body blocks that the plain-text cue tables know as furniture ("follow us on", "share this").
pub fn apply_line_cues(blocks: &mut [Block]) {
    for block in blocks.iter_mut() {
        let candidate = matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading);
        if !candidate || block.text.len() > LINE_CUE_MAX_BYTES {
            continue;
        }
        // Only furniture verdicts: the line cues' credits and captions are tuned for plain-text
        // layouts, where the HTML structure already decides.
        if let Some(reason) = crate::clean::boilerplate_line(&block.text) {
            block.kind = BlockKind::Boilerplate;
            block.reason = Some(reason);
        }
    }
}

/// Marks body blocks outside the main text region, and short blocks trailing it, as boilerplate.
pub fn trim_to_region(blocks: &mut [Block], info: &[BlockInfo], survey: &Survey) {
    let elements = survey.subtree_end.len();
    if elements == 0 || blocks.len() != info.len() {
        return;
    }
    let weights: Vec<usize> = blocks.iter().zip(info).map(|(b, i)| running_text(b.kind, i)).collect();
    let total: usize = weights.iter().sum();
    let in_container: usize =
        weights.iter().zip(info).filter(|(_, i)| !i.outside_container).map(|(w, _)| w).sum();
    // A container that holds little of the running text is a teaser box or a fragment, not the article.
    let trust_container = total < MIN_EVIDENCE_CHARS || in_container as f64 >= total as f64 * CONTAINER_SHARE;
    if trust_container {
        // A running-text paragraph between the title and the container is the article's lead, which
        // templates put in the header above the body.
        let title_at = blocks.iter().position(|b| b.kind == BlockKind::Title);
        let container_at = info.iter().position(|i| !i.outside_container);
        let is_lead = |index: usize, weight: usize| {
            weight > 0 && title_at.is_some_and(|t| t < index) && container_at.is_some_and(|c| index < c)
        };
        for (index, ((block, i), &weight)) in blocks.iter_mut().zip(info).zip(&weights).enumerate() {
            if i.outside_container
                && block.kind.is_body()
                && block.kind != BlockKind::Title
                && !is_lead(index, weight)
            {
                block.kind = BlockKind::Boilerplate;
                block.reason = Some("outside the article container".into());
            }
        }
    }
    if total < MIN_EVIDENCE_CHARS {
        return;
    }
    // Running text per element ordinal, then prefix sums, so a subtree's share is one subtraction.
    let mut prefix = vec![0usize; elements + 1];
    for (weight, i) in weights.iter().zip(info) {
        if let Some(slot) = prefix.get_mut(i.ordinal as usize + 1) {
            *slot += weight;
        }
    }
    for o in 0..elements {
        prefix[o + 1] += prefix[o];
    }
    let needed = (total as f64 * REGION_SHARE).ceil() as usize;
    // Elements holding more than half of the text are nested in one another: the last in document
    // order is the innermost.
    let region = (0..elements)
        .rev()
        .find(|&o| {
            let end = (survey.subtree_end[o] as usize).min(elements);
            prefix[end] - prefix[o] >= needed
        })
        .unwrap_or(0);
    let region = widen(region, blocks, info, survey);
    let (start, end) = (region as u32, survey.subtree_end[region]);
    let inside = |i: &BlockInfo| start <= i.ordinal && i.ordinal < end;
    for ((block, i), &weight) in blocks.iter_mut().zip(info).zip(&weights) {
        // Running text outside the region (a lead above the body wrapper) is still text.
        if weight == 0 && block.kind.is_body() && block.kind != BlockKind::Title && !inside(i) {
            block.kind = BlockKind::Boilerplate;
            block.reason = Some("outside the main text region".into());
        }
    }
    let Some(last_text) = weights.iter().rposition(|&w| w > 0) else { return };
    for (block, i) in blocks.iter_mut().zip(info).skip(last_text + 1) {
        let short = i.chars < TAIL_MAX_CHARS;
        if short && matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading) {
            block.kind = BlockKind::Boilerplate;
            block.reason = Some("short block after the end of the text".into());
        }
    }
}

/// Marks headings that head no text as boilerplate: the title of a related-articles list, a
/// newsletter box or a share bar stays behind when the list or box itself is furniture.
pub fn drop_empty_headings(blocks: &mut [Block], info: &[BlockInfo]) {
    // Walking backwards, `text_below[level]` says whether a paragraph follows before the next heading
    // of that level or a higher one (a lower `h` number).
    let mut text_below = [false; 7];
    for (block, i) in blocks.iter_mut().zip(info).rev() {
        match block.kind {
            BlockKind::Paragraph => text_below = [true; 7],
            BlockKind::Heading => {
                let level = if i.level == 0 { 6 } else { usize::from(i.level.min(6)) };
                if !text_below[level] {
                    block.kind = BlockKind::Boilerplate;
                    block.reason = Some("heading without text below it".into());
                }
                // For headings above of this level or a lower one, this heading ends their section.
                for below in text_below.iter_mut().skip(level) {
                    *below = false;
                }
            }
            _ => {}
        }
    }
}

/// The parent of every element, from the subtree ends (elements open in document order).
fn parents(survey: &Survey) -> Vec<Option<usize>> {
    let mut out = vec![None; survey.subtree_end.len()];
    let mut open: Vec<usize> = Vec::new();
    for (o, parent) in out.iter_mut().enumerate() {
        while open.last().is_some_and(|&p| survey.subtree_end[p] as usize <= o) {
            open.pop();
        }
        *parent = open.last().copied();
        open.push(o);
    }
    out
}

/// Climbs from the region to enclosing elements while what they add is link-poor text (a lead in
/// the header above the body, an ingredient list beside the steps), not lists of links.
fn widen(region: usize, blocks: &[Block], info: &[BlockInfo], survey: &Survey) -> usize {
    let parents = parents(survey);
    let mut current = region;
    for _ in 0..WIDEN_STEPS {
        let Some(parent) = parents[current] else { break };
        let (inner, outer) =
            ((current as u32, survey.subtree_end[current]), (parent as u32, survey.subtree_end[parent]));
        let (mut chars, mut links) = (0usize, 0usize);
        for (block, i) in blocks.iter().zip(info) {
            let in_outer = outer.0 <= i.ordinal && i.ordinal < outer.1;
            let in_inner = inner.0 <= i.ordinal && i.ordinal < inner.1;
            if in_outer && !in_inner && block.kind.is_body() {
                chars += i.chars;
                links += i.link_chars;
            }
        }
        if links as f64 > chars as f64 * WIDEN_MAX_LINK_SHARE {
            break;
        }
        current = parent;
    }
    current
}

/// Marks short paragraphs with furniture on both sides as furniture: a promo line or an author blurb
/// stranded between a share bar and the footer.
pub fn drop_islands(blocks: &mut [Block], info: &[BlockInfo]) {
    let furniture = |b: Option<&Block>| b.is_none_or(|b| b.kind == BlockKind::Boilerplate);
    let mut marks = Vec::new();
    for (index, (block, i)) in blocks.iter().zip(info).enumerate() {
        if block.kind != BlockKind::Paragraph || i.chars >= ISLAND_MAX_CHARS {
            continue;
        }
        let before = index.checked_sub(1).and_then(|p| blocks.get(p));
        if furniture(before) && furniture(blocks.get(index + 1)) {
            marks.push(index);
        }
    }
    for index in marks {
        blocks[index].kind = BlockKind::Boilerplate;
        blocks[index].reason = Some("short paragraph between furniture".into());
    }
}
