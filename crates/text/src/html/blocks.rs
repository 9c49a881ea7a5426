//! Second pass: block elements into typed [`Block`]s, in document order.
//!
//! Text goes to the innermost open block element. When a block opens inside another that already
//! holds text, that text is emitted first, so `<div>lead <p>body</p> tail</div>` gives three blocks
//! in reading order. The context of an element (skipped, boilerplate and why, credit, caption,
//! inside the container, inside a link) is inherited down an explicit stack of open elements.

use super::cues::{self, CueKind, BOILERPLATE_ROLES, BOILERPLATE_TAGS};
use super::survey::{normalize_space, Survey, NEVER_TEXT};
use super::tree::{Dom, Element};
use super::walk::{attribute, walk, Visit};
use html5ever::local_name;
use model::{Block, BlockKind};

/// Elements that start a new block; everything else is inline and joins the enclosing block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Why an element's content is page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cause {
    Tag(&'static str),
    /// A paywall or subscription box: it hides the rest of the article as often as it prompts.
    Paywall(&'static str),
    Role(&'static str),
    Cue(&'static str),
}

impl Cause {
    fn describe(self) -> String {
        match self {
            Cause::Tag(tag) => format!("inside <{tag}>"),
            Cause::Role(role) => format!("role={role}"),
            Cause::Cue(stem) | Cause::Paywall(stem) => format!("class/id cue '{stem}'"),
        }
    }
}

/// What an open element passes down to its content.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    skip: bool,
    boilerplate: Option<Cause>,
    credit: Option<Cause>,
    caption: Option<Cause>,
    in_container: bool,
    in_link: bool,
    in_sectioning: bool,
}

/// A block element being filled.
struct OpenBlock {
    tag: &'static str,
    /// The ordinal of the element that opened the block.
    ordinal: u32,
    context: Context,
    headline_cue: bool,
    text: String,
    pending_space: bool,
    chars: usize,
    link_chars: usize,
}

impl OpenBlock {
    fn new(tag: &'static str, ordinal: u32, context: Context, headline_cue: bool) -> Self {
        OpenBlock {
            tag,
            ordinal,
            context,
            headline_cue,
            text: String::new(),
            pending_space: false,
            chars: 0,
            link_chars: 0,
        }
    }

    fn push_text(&mut self, text: &str, in_link: bool) {
        if text.starts_with(char::is_whitespace) {
            self.pending_space = true;
        }
        // One scan of the node spares one per word: soft hyphens are rare.
        let node_has_soft_hyphen = text.contains(SOFT_HYPHEN);
        for word in text.split_whitespace() {
            // A soft hyphen only marks where a browser may break a word; it is never shown unbroken,
            // and the word must read (and match searches) whole.
            let has_soft_hyphen = node_has_soft_hyphen && word.contains(SOFT_HYPHEN);
            if has_soft_hyphen && word.chars().all(|c| c == SOFT_HYPHEN) {
                continue;
            }
            if self.pending_space && !self.text.is_empty() {
                self.text.push(' ');
            }
            let before = self.text.len();
            if has_soft_hyphen {
                self.text.extend(word.chars().filter(|&c| c != SOFT_HYPHEN));
            } else {
                self.text.push_str(word);
            }
            let chars = self.text[before..].chars().count();
            self.chars += chars;
            if in_link {
                self.link_chars += chars;
            }
            self.pending_space = true;
        }
        self.pending_space =
            text.ends_with(char::is_whitespace) || (self.pending_space && text.trim().is_empty());
    }
}

/// U+00AD, an invisible hyphenation hint (`&shy;`).
const SOFT_HYPHEN: char = '\u{ad}';

/// The static name of a block tag, so blocks need not own their tag.
fn block_tag(name: &str) -> Option<&'static str> {
    BLOCK_TAGS.iter().copied().find(|tag| *tag == name)
}

fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Whether an element is hidden by markup: the `hidden` attribute or an inline `display:none`.
fn is_hidden(element: &Element) -> bool {
    let value = element;
    if attribute(value, &local_name!("hidden")).is_some() {
        return true;
    }
    let Some(style) = attribute(value, &local_name!("style")) else { return false };
    let style: String =
        style.chars().take(1024).filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// Where a block sits and how much of it is link text.
#[derive(Debug, Clone, Copy)]
pub struct BlockInfo {
    /// The ordinal of the element that opened the block.
    pub ordinal: u32,
    /// The heading level of that element (1 for `h1`), 0 when it is not a heading.
    pub level: u8,
    /// Non-whitespace characters of text.
    pub chars: usize,
    /// Of which inside links.
    pub link_chars: usize,
    /// Whether the page has an article container and the block is not inside it.
    pub outside_container: bool,
    /// For a block typed boilerplate only for sitting in a comment section: the kind it would have
    /// outside it (a live blog or a forum thread is a stream of "comments").
    pub comment_kind: Option<BlockKind>,
}

/// Figures the page-kind decision needs, gathered while typing blocks.
#[derive(Debug, Default, Clone, Copy)]
pub struct BlockStats {
    /// Characters of paragraph text.
    pub paragraph_chars: usize,
    /// The longest paragraph, in characters.
    pub longest_paragraph: usize,
    /// Blocks typed boilerplate for being mostly link text.
    pub link_dense_blocks: usize,
    /// Characters in those blocks.
    pub link_dense_chars: usize,
    /// Whether an element outside the page's navigation, header and footer carries a paywall cue
    /// (a "Subscribe" link in the site header says nothing about the article).
    pub paywall_cue: bool,
}

/// The typed blocks of a page, with the first non-boilerplate `h1` and the statistics.
pub struct Blocks {
    /// Every block, in document order.
    pub blocks: Vec<Block>,
    /// Structural figures of each block, parallel to `blocks`.
    pub info: Vec<BlockInfo>,
    /// The text of the first `h1` that is not boilerplate, else of the first `h1`.
    pub first_h1: Option<String>,
    /// Figures for the page kind.
    pub stats: BlockStats,
}

struct Builder<'s> {
    survey: &'s Survey,
    /// Page titles (og:title, `<title>` without its suffix…), normalized and lowercased.
    titles: &'s [String],
    out: Vec<Block>,
    /// Whether a block matching the page title has become the title.
    title_matched: bool,
    /// The block made the title for being the first `h1`; a later match of the page title wins.
    title_from_h1: Option<usize>,
    first_h1: Option<String>,
    any_h1: Option<String>,
    stats: BlockStats,
    info: Vec<BlockInfo>,
}

impl Builder<'_> {
    fn emit(&mut self, block: &mut OpenBlock) {
        if block.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut block.text);
        block.pending_space = false;
        let (kind, reason) = self.classify(block, &text, &block.context);
        let comment_kind = match block.context.boilerplate {
            Some(Cause::Cue(stem)) if stem == COMMENT_STEM && kind == BlockKind::Boilerplate => {
                let outside = Context { boilerplate: None, ..block.context };
                let (kind, _) = self.classify(block, &text, &outside);
                matches!(kind, BlockKind::Paragraph | BlockKind::Heading).then_some(kind)
            }
            _ => None,
        };
        let (chars, link_chars) = (block.chars, block.link_chars);
        block.chars = 0;
        block.link_chars = 0;
        if block.tag == "h1" {
            if self.any_h1.is_none() {
                self.any_h1 = Some(text.clone());
            }
            if self.first_h1.is_none() && kind != BlockKind::Boilerplate {
                self.first_h1 = Some(text.clone());
            }
        }
        match kind {
            BlockKind::Paragraph => {
                self.stats.paragraph_chars += chars;
                self.stats.longest_paragraph = self.stats.longest_paragraph.max(chars);
            }
            BlockKind::Boilerplate if reason.as_deref() == Some(LINK_DENSE) => {
                self.stats.link_dense_blocks += 1;
                self.stats.link_dense_chars += link_chars;
            }
            BlockKind::Title if reason.as_deref() == Some(MATCHES_TITLE) => {
                self.title_matched = true;
                if let Some(earlier) = self.title_from_h1.take() {
                    self.out[earlier].kind = BlockKind::Heading;
                }
            }
            BlockKind::Title => self.title_from_h1 = Some(self.out.len()),
            _ => {}
        }
        self.out.push(Block { kind, text, language: "und".to_string(), line: None, url: None, reason });
        let outside_container = self.survey.container.is_some() && !block.context.in_container;
        let level = heading_level(block.tag).unwrap_or(0);
        self.info.push(BlockInfo {
            ordinal: block.ordinal,
            level,
            chars,
            link_chars,
            outside_container,
            comment_kind,
        });
    }

    fn classify(&self, block: &OpenBlock, text: &str, context: &Context) -> (BlockKind, Option<String>) {
        let level = heading_level(block.tag);
        if !self.title_matched && (level.is_some() || block.headline_cue) && self.is_page_title(text) {
            return (BlockKind::Title, Some(MATCHES_TITLE.to_string()));
        }
        if let Some(cause) = context.boilerplate {
            // Sites ship the subscriber's part of the article inside the paywall box; its prompt is short.
            let hidden_text = matches!(cause, Cause::Paywall(_))
                && block.chars >= PAYWALLED_TEXT_MIN_CHARS
                && block.link_chars * 4 <= block.chars;
            if !hidden_text {
                return (BlockKind::Boilerplate, Some(cause.describe()));
            }
        }
        if let Some(cause) = context.credit {
            return (BlockKind::Credit, Some(cause.describe()));
        }
        if block.tag == "figcaption" {
            return (BlockKind::Caption, Some("figcaption".to_string()));
        }
        if let Some(cause) = context.caption {
            return (BlockKind::Caption, Some(cause.describe()));
        }
        if level != Some(1) && block.link_chars * 2 > block.chars {
            return (BlockKind::Boilerplate, Some(LINK_DENSE.to_string()));
        }
        match level {
            Some(1) if !self.title_matched && self.title_from_h1.is_none() => {
                (BlockKind::Title, Some("h1".to_string()))
            }
            Some(_) => (BlockKind::Heading, Some(block.tag.to_string())),
            None => (BlockKind::Paragraph, None),
        }
    }

    fn is_page_title(&self, text: &str) -> bool {
        let text = text.to_lowercase();
        self.titles.contains(&text)
    }
}

/// The cue stem of comment sections.
const COMMENT_STEM: &str = "comment";

/// A paragraph inside a paywall box from this many characters is the article's hidden part.
const PAYWALLED_TEXT_MIN_CHARS: usize = 150;

/// The reason given to the block whose text is the page's title.
const MATCHES_TITLE: &str = "matches the page title";

/// The reason given to blocks that are mostly link text.
pub const LINK_DENSE: &str = "link-dense";

/// Types every block of the page. `titles` are the page's known titles, used to find the headline.
pub fn build(html: &Dom, survey: &Survey, titles: &[String]) -> Blocks {
    let titles: Vec<String> = titles.iter().map(|t| normalize_space(t).to_lowercase()).collect();
    let mut builder = Builder {
        survey,
        titles: &titles,
        out: Vec::new(),
        title_matched: false,
        title_from_h1: None,
        first_h1: None,
        any_h1: None,
        stats: BlockStats::default(),
        info: Vec::new(),
    };
    // The explicit stack of open elements: each one's context and whether it opened a block.
    let mut open: Vec<(Context, bool)> = Vec::new();
    // The open blocks; the bottom one catches text outside any block element.
    let mut blocks: Vec<OpenBlock> = vec![OpenBlock::new("body", 0, Context::default(), false)];
    let mut ordinal: u32 = 0;
    walk(html, |visit| match visit {
        Visit::Open(element) => {
            let this = ordinal;
            ordinal += 1;
            let parent = open.last().map(|&(context, _)| context).unwrap_or_default();
            let (context, headline_cue) = element_context(element, this, parent, survey, &mut builder.stats);
            let value = element;
            let name = value.name();
            let tag = if context.skip { None } else { block_tag(name) };
            if let Some(tag) = tag {
                if let Some(outer) = blocks.last_mut() {
                    builder.emit(outer);
                }
                blocks.push(OpenBlock::new(tag, this, context, headline_cue));
            } else if name == "br" && !context.skip {
                if let Some(current) = blocks.last_mut() {
                    current.pending_space = true;
                }
            }
            open.push((context, tag.is_some()));
        }
        Visit::Text(text) => {
            let context = open.last().map(|&(context, _)| context).unwrap_or_default();
            if context.skip {
                return;
            }
            if let Some(current) = blocks.last_mut() {
                current.push_text(text, context.in_link);
            }
        }
        Visit::Close(_) => {
            if let Some((_, true)) = open.pop() {
                if blocks.len() > 1 {
                    if let Some(mut block) = blocks.pop() {
                        builder.emit(&mut block);
                    }
                }
            }
        }
    });
    while let Some(mut block) = blocks.pop() {
        builder.emit(&mut block);
    }
    let first_h1 = builder.first_h1.take().or(builder.any_h1.take());
    Blocks { blocks: builder.out, info: builder.info, first_h1, stats: builder.stats }
}

/// The context an element passes to its content, and whether it carries a headline cue.
fn element_context(
    element: &Element,
    ordinal: u32,
    parent: Context,
    survey: &Survey,
    stats: &mut BlockStats,
) -> (Context, bool) {
    let mut context = parent;
    if context.skip {
        return (context, false);
    }
    let value = element;
    let name = value.name();
    if NEVER_TEXT.contains(&name) {
        context.skip = true;
        return (context, false);
    }
    let mut headline_cue = false;
    let cue = cues::class_cue(
        attribute(value, &local_name!("class")).into_iter().chain(attribute(value, &local_name!("id"))),
    );
    if !survey.is_protected(ordinal) {
        if name == "form" || is_hidden(element) {
            context.skip = true;
            return (context, false);
        }
        let role = attribute(value, &local_name!("role")).map(|r| r.trim().to_ascii_lowercase());
        let tag_cause = BOILERPLATE_TAGS.iter().copied().find(|t| *t == name).map(Cause::Tag);
        let header_cause = (name == "header" && !parent.in_sectioning).then_some(Cause::Tag("header"));
        let role_cause = role
            .as_deref()
            .and_then(|r| BOILERPLATE_ROLES.iter().copied().find(|b| *b == r))
            .map(Cause::Role);
        if let Some(cause) = tag_cause.or(header_cause).or(role_cause) {
            context.boilerplate.get_or_insert(cause);
        }
        if let Some(cue) = cue {
            let cause =
                if cue.kind == CueKind::Paywall { Cause::Paywall(cue.stem) } else { Cause::Cue(cue.stem) };
            match cue.kind {
                CueKind::Boilerplate | CueKind::Paywall => {
                    context.boilerplate.get_or_insert(cause);
                }
                CueKind::Credit => {
                    context.credit.get_or_insert(cause);
                }
                CueKind::Caption => {
                    context.caption.get_or_insert(cause);
                }
                CueKind::Headline => headline_cue = true,
            }
        }
    }
    // A "Subscribe" link in the site's header or menu says nothing about this article; a paywall
    // box (even on the article element itself, which is never boilerplate) does.
    let own_furniture = matches!(context.boilerplate, Some(Cause::Tag(_) | Cause::Role(_)));
    let is_paywall = cue.is_some_and(|c| c.kind == CueKind::Paywall);
    if is_paywall && parent.boilerplate.is_none() && !own_furniture && name != "a" {
        stats.paywall_cue = true;
    }
    if matches!(name, "article" | "section" | "main") {
        context.in_sectioning = true;
    }
    if survey.container == Some(ordinal) {
        context.in_container = true;
    }
    if name == "a" {
        context.in_link = true;
    }
    (context, headline_cue)
}
