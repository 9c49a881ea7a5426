//! The one table of structural cues: what the tag, ARIA role, class or id of an element says about
//! the text under it.
//!
//! Class and id values are split into lowercase tokens (`fb-shareButton` → `fb`, `share`, `button`)
//! and a cue matches a token that starts with its stem (or equals it, for short stems that would
//! otherwise hit unrelated words, like `ad` in `adidas`). Site templates name their containers in
//! English whatever the page's language, so one table serves every language.

/// What a cue says about the text under the element that carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// Navigation, sharing, comments, ads and other page furniture.
    Boilerplate,
    /// A paywall or subscription prompt: page furniture that also marks a teaser.
    Paywall,
    /// A byline, author box or copyright line.
    Credit,
    /// A photo or video caption.
    Caption,
    /// A headline container (used only to match the page's title).
    Headline,
}

/// One class/id cue.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    /// The start of a matching token.
    pub stem: &'static str,
    /// Whether the token must equal the stem rather than start with it.
    pub whole_token: bool,
    /// What the cue says.
    pub kind: CueKind,
}

const fn prefix(stem: &'static str, kind: CueKind) -> Cue {
    Cue { stem, whole_token: false, kind }
}

const fn token(stem: &'static str, kind: CueKind) -> Cue {
    Cue { stem, whole_token: true, kind }
}

use std::sync::LazyLock;
use CueKind::{Boilerplate as B, Caption as C, Credit as R, Headline as H, Paywall as P};

/// Class/id cues, checked in order; the first match wins.
///
/// Left out on purpose: `widget` (Blogger wraps the post itself in `widget Blog`) and the singular
/// `tag` (WordPress gives every post element a `tag-<slug>` class per tag); tag lists are link lists
/// and fall to the link-density rule anyway.
pub const CLASS_CUES: &[Cue] = &[
    prefix("paywall", P),
    prefix("regwall", P),
    // Newsletter sign-ups say "subscribe" too, so they are listed first and win.
    prefix("newsletter", B),
    prefix("subscri", P),
    prefix("comment", B),
    prefix("disqus", B),
    prefix("share", B),
    prefix("sharing", B),
    prefix("social", B),
    prefix("related", B),
    prefix("recommend", B),
    prefix("cookie", B),
    prefix("consent", B),
    prefix("gdpr", B),
    prefix("footer", B),
    prefix("sidebar", B),
    prefix("breadcrumb", B),
    prefix("advert", B),
    prefix("sponsor", B),
    prefix("promo", B),
    prefix("outbrain", B),
    prefix("taboola", B),
    prefix("banner", B),
    prefix("popup", B),
    prefix("modal", B),
    prefix("pagination", B),
    prefix("pager", B),
    prefix("trending", B),
    prefix("mostread", B),
    prefix("popular", B),
    prefix("tagcloud", B),
    prefix("navbar", B),
    prefix("navigation", B),
    prefix("menu", B),
    prefix("toolbar", B),
    prefix("masthead", B),
    prefix("login", B),
    prefix("signup", B),
    token("nav", B),
    token("ad", B),
    token("ads", B),
    token("adv", B),
    token("adsense", B),
    token("tags", B),
    token("skip", B),
    token("rss", B),
    prefix("byline", R),
    prefix("author", R),
    prefix("credit", R),
    prefix("copyright", R),
    prefix("caption", C),
    prefix("headline", H),
    token("title", H),
];

/// For each lowercase ASCII letter, the ranks in [`CLASS_CUES`] of the cues whose stem starts with it,
/// in table order: a token is compared with a few cues instead of all of them.
static CUES_BY_LETTER: LazyLock<[Vec<u8>; 26]> = LazyLock::new(|| {
    let mut index: [Vec<u8>; 26] = Default::default();
    for (rank, cue) in CLASS_CUES.iter().enumerate() {
        let first = cue.stem.as_bytes()[0].wrapping_sub(b'a');
        if let (Some(ranks), Ok(rank)) = (index.get_mut(usize::from(first)), u8::try_from(rank)) {
            ranks.push(rank);
        }
    }
    index
});

/// Tokens that start like a cue but mean something else.
const NOT_CUES: &[&str] = &["commentary", "commentaries", "shared", "menuitem"];

/// URL path segments and `<body>` class tokens of listing pages for one tag, topic or author.
/// CMS templates and URL schemes use English words whatever the page's language, plus a few common
/// local ones.
pub const TAG_PAGE_CUES: &[&str] = &[
    "tag",
    "tags",
    "topic",
    "topics",
    "author",
    "authors",
    "category",
    "categories",
    "archive",
    "label",
    "thema",
    "themen",
    "schlagwort",
    "autor",
    "rubrik",
    "etiqueta",
    "tema",
    "auteur",
    "sujet",
];

/// Tags whose content is page furniture wherever they appear.
pub const BOILERPLATE_TAGS: &[&str] = &["nav", "aside", "footer", "menu"];

/// ARIA landmark roles of page furniture.
pub const BOILERPLATE_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"];

/// Splits a class or id value into lowercase tokens at punctuation, digits and camelCase humps.
pub fn tokens(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(value, |token| out.push(token.to_string()));
    out
}

/// Calls `visit` with each lowercase token of `value`, reusing one buffer (this runs for every
/// element of every page).
fn for_each_token(value: &str, mut visit: impl FnMut(&str)) {
    let mut current = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphabetic() {
            if !current.is_empty() {
                visit(&current);
                current.clear();
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            visit(&current);
            current.clear();
        }
        prev_lower = c.is_lowercase();
        if c.is_ascii() {
            current.push(c.to_ascii_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
    }
    if !current.is_empty() {
        visit(&current);
    }
}

/// Token bytes kept for matching; cue stems are far shorter, so a longer token still matches by prefix.
const TOKEN_BUFFER: usize = 64;

/// [`for_each_token`] for ASCII values (nearly all class names), on a stack buffer: the same tokens,
/// without a heap buffer or per-character Unicode case mapping.
fn for_each_ascii_token(value: &[u8], mut visit: impl FnMut(&str)) {
    let mut buffer = [0u8; TOKEN_BUFFER];
    let mut len = 0usize;
    let mut prev_lower = false;
    let mut flush = |buffer: &[u8; TOKEN_BUFFER], len: &mut usize| {
        if *len > 0 {
            // Only ASCII letters are ever stored.
            visit(std::str::from_utf8(&buffer[..(*len).min(TOKEN_BUFFER)]).unwrap_or_default());
            *len = 0;
        }
    };
    for &byte in value {
        if !byte.is_ascii_alphabetic() {
            flush(&buffer, &mut len);
            prev_lower = false;
            continue;
        }
        if byte.is_ascii_uppercase() && prev_lower {
            flush(&buffer, &mut len);
        }
        prev_lower = byte.is_ascii_lowercase();
        if let Some(slot) = buffer.get_mut(len) {
            *slot = byte.to_ascii_lowercase();
        }
        len += 1;
    }
    flush(&buffer, &mut len);
}

/// The first cue among the tokens of `values` (class and id attribute values), if any.
pub fn class_cue<'v>(values: impl IntoIterator<Item = &'v str>) -> Option<&'static Cue> {
    let mut best: Option<usize> = None;
    for value in values {
        // Attribute values can be megabytes long; real class lists are short.
        let mut end = value.len().min(512);
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        let value = &value[..end];
        let mut check = |token: &str| {
            if NOT_CUES.contains(&token) {
                return;
            }
            let limit = best.unwrap_or(CLASS_CUES.len());
            // Only the cues that start with the token's first letter, in table order.
            let Some(ranks) = CUES_BY_LETTER.get(usize::from(token.as_bytes()[0].wrapping_sub(b'a'))) else {
                return;
            };
            let found =
                ranks.iter().map(|&rank| usize::from(rank)).take_while(|&rank| rank < limit).find(|&rank| {
                    let cue = &CLASS_CUES[rank];
                    if cue.whole_token {
                        token == cue.stem
                    } else {
                        token.starts_with(cue.stem)
                    }
                });
            if let Some(rank) = found {
                best = Some(rank);
            }
        };
        if value.is_ascii() {
            for_each_ascii_token(value.as_bytes(), &mut check);
        } else {
            for_each_token(value, &mut check);
        }
    }
    best.map(|rank| &CLASS_CUES[rank])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_at_humps_and_punctuation() {
        assert_eq!(tokens("fb-shareButton post_2"), ["fb", "share", "button", "post"]);
        assert_eq!(tokens("HTMLContent"), ["htmlcontent"]);
    }

    #[test]
    fn ascii_and_unicode_tokenizers_agree() {
        for value in ["fb-shareButton post_2", "HTMLContent", "a--b__CCd", "x", "", "commentaryBox ad", "Ab"]
        {
            let mut ascii = Vec::new();
            for_each_ascii_token(value.as_bytes(), |t| ascii.push(t.to_string()));
            assert_eq!(ascii, tokens(value), "{value}");
        }
    }

    #[test]
    fn every_cue_is_indexed_by_its_first_letter() {
        let indexed: usize = CUES_BY_LETTER.iter().map(Vec::len).sum();
        assert_eq!(indexed, CLASS_CUES.len(), "every stem starts with a lowercase ASCII letter");
        assert!(CLASS_CUES.len() <= usize::from(u8::MAX));
        // Table order decides between cues: "newsletter-subscribe" is a newsletter box, not a paywall.
        assert_eq!(class_cue(["newsletter-subscribe"]).map(|c| c.stem), Some("newsletter"));
        assert_eq!(class_cue(["subscribe newsletter"]).map(|c| c.stem), Some("newsletter"));
        assert!(class_cue(["ÜberSicht"]).is_none());
    }

    #[test]
    fn short_stems_need_whole_tokens() {
        assert_eq!(class_cue(["header-ad"]).map(|c| c.stem), Some("ad"));
        assert!(class_cue(["load-more adidas"]).is_none());
        assert!(class_cue(["commentary"]).is_none());
    }

    #[test]
    fn newsletter_subscriptions_are_not_paywalls() {
        assert_eq!(class_cue(["newsletter-subscribe"]).map(|c| c.kind), Some(CueKind::Boilerplate));
        assert_eq!(class_cue(["subscribe-wall"]).map(|c| c.kind), Some(CueKind::Paywall));
    }
}
