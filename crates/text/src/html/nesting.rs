//! A pre-pass that caps how deeply elements nest before html5ever sees the page.
//!
//! html5ever's tree builder scans its stack of open elements for every start tag (the spec's
//! "has a `p` element in button scope" and friends), so a page of a million nested `<div>`s costs it
//! a trillion steps. This pass tracks an estimate of that stack with the spec's main implied-end-tag
//! rules and drops start tags (and their end tags) that would open deeper than a cap. Where the
//! estimate is wrong it errs deep: it may drop a tag html5ever would have kept shallow, never the
//! other way round on the patterns it models. Text is never dropped, only tags.

use std::borrow::Cow;

/// How deep elements may nest; real pages stay well below it (Chromium's parser caps at 512).
pub const MAX_DEPTH: usize = 256;

/// The page with over-deep tags removed.
#[derive(Debug)]
pub struct CappedHtml<'a> {
    /// The HTML to parse: the input itself when nothing was dropped.
    pub html: Cow<'a, str>,
    /// How many start and end tags were dropped.
    pub dropped_tags: usize,
    /// The deepest the estimated stack of open elements got (at most the cap).
    pub deepest: usize,
}

/// Removes start tags that would nest deeper than `max_depth`, with their end tags.
pub fn cap_nesting(html: &str, max_depth: usize) -> CappedHtml<'_> {
    capped(Scanner::new(html, max_depth))
}

/// [`cap_nesting`], and also empties `<script>` (except JSON-LD), `<style>`, `<noscript>`,
/// `<iframe>` and `<textarea>` elements, whose content is never page text (on modern pages a third
/// of the bytes the parser would read), and leaves out the attributes extraction never reads.
pub fn prepare_for_extraction(html: &str, max_depth: usize) -> CappedHtml<'_> {
    let mut scan = Scanner::new(html, max_depth);
    scan.blank_code = true;
    capped(scan)
}

fn capped(mut scan: Scanner<'_>) -> CappedHtml<'_> {
    scan.run();
    let (dropped_tags, deepest) = (scan.dropped_tags, scan.deepest);
    let html = match scan.out {
        None => Cow::Borrowed(scan.src),
        Some(mut out) => {
            out.push_str(&scan.src[scan.copied_to..]);
            Cow::Owned(out)
        }
    };
    CappedHtml { html, dropped_tags, deepest }
}

/// Elements that never hold children, so never deepen the stack.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content the tokenizer reads as text up to the matching end tag.
const RAW_TEXT: &[&str] =
    &["iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp"];

/// Start tags that close an open `p` (the spec's list, without `table`, which depends on quirks mode).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "xmp",
];

/// The spec's "special" category: an end tag of another element does not close past these.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "html",
    "iframe",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "xmp",
];

/// Elements that bound the spec's "in scope" searches.
const SCOPE_BOUNDARY: &[&str] =
    &["applet", "caption", "html", "marquee", "object", "table", "td", "template", "th"];

/// Elements that bound the "in table scope" searches.
const TABLE_SCOPE_BOUNDARY: &[&str] = &["html", "table", "template"];

fn is_in(name: &str, set: &[&str]) -> bool {
    // Lengths first: most names differ in length from most entries, which spares the comparison.
    set.iter().any(|entry| entry.len() == name.len() && *entry == name)
}

/// Whether extraction reads an attribute of this name on this tag: structure cues (`class`, `id`,
/// `role`, `style`, `hidden`), metadata (`content`, `datetime`, `itemprop`, `name`, `property`,
/// `http-equiv`, `lang`, `rel`, a `<link>`'s `href`) and `type`, which also steers the tree builder
/// (`<input type=hidden>` in tables). The rest (`src`, `srcset`, `data-*`, `on*`, `<a href>`…) is a
/// third of a modern page's markup that the tokenizer would otherwise read byte by byte.
fn is_read_attribute(tag: &str, name: &[u8]) -> bool {
    const READ: &[&[u8]] = &[
        b"class",
        b"id",
        b"role",
        b"style",
        b"hidden",
        b"content",
        b"datetime",
        b"itemprop",
        b"name",
        b"property",
        b"http-equiv",
        b"lang",
        b"xml:lang",
        b"rel",
        b"type",
    ];
    let read = |candidate: &[u8]| candidate.len() == name.len() && candidate.eq_ignore_ascii_case(name);
    READ.iter().any(|candidate| read(candidate)) || (tag == "link" && read(b"href"))
}

/// For elements whose content extraction never reads (form controls, see `survey::NEVER_TEXT`), the
/// tags their content may hold for the pre-pass to empty it.
fn inert_content(name: &str) -> Option<&'static [&'static str]> {
    match name {
        "select" | "datalist" => Some(&["option", "optgroup"]),
        "button" => Some(&["span", "i", "b", "em", "strong", "small", "img", "br", "svg"]),
        _ => None,
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_html_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// The estimated stack of open elements, with counts that let the common checks skip a walk.
#[derive(Default)]
struct OpenElements<'a> {
    /// Names borrowed from the page when it writes them lowercase, as nearly all pages do.
    names: Vec<Cow<'a, str>>,
    paragraphs: usize,
    links: usize,
    foreign: usize,
}

impl<'a> OpenElements<'a> {
    fn len(&self) -> usize {
        self.names.len()
    }

    fn name(&self, idx: usize) -> &str {
        &self.names[idx]
    }

    fn last(&self) -> Option<&str> {
        self.names.last().map(|name| &**name)
    }

    fn in_foreign_content(&self) -> bool {
        self.foreign > 0
    }

    fn count(&mut self, name: &str, added: bool) {
        let counter = match name {
            "p" => &mut self.paragraphs,
            "a" => &mut self.links,
            "svg" | "math" => &mut self.foreign,
            _ => return,
        };
        if added {
            *counter += 1;
        } else {
            *counter = counter.saturating_sub(1);
        }
    }

    fn push(&mut self, name: Cow<'a, str>) {
        self.count(&name, true);
        self.names.push(name);
    }

    fn pop(&mut self) {
        if let Some(name) = self.names.pop() {
            self.count(&name, false);
        }
    }

    fn truncate(&mut self, len: usize) {
        while self.names.len() > len {
            self.pop();
        }
    }

    fn remove(&mut self, idx: usize) {
        let name = self.names.remove(idx);
        self.count(&name, false);
    }
}

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
    /// The estimated stack of open elements (lowercase names), without the implied html/body.
    open: OpenElements<'a>,
    /// Names of dropped start tags, run-length encoded so a million nested divs cost one entry.
    dropped_open: Vec<(Cow<'a, str>, usize)>,
    dropped_tags: usize,
    deepest: usize,
    /// The rewritten page, started at the first drop.
    out: Option<String>,
    copied_to: usize,
    /// Whether script (other than JSON-LD) and style content, and attributes extraction never
    /// reads, are left out.
    blank_code: bool,
    /// The unread attributes of the current start tag (a buffer kept across tags).
    unused_attributes: Vec<(usize, usize)>,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str, max_depth: usize) -> Self {
        Scanner {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            max_depth,
            open: OpenElements::default(),
            dropped_open: Vec::new(),
            dropped_tags: 0,
            deepest: 0,
            out: None,
            copied_to: 0,
            blank_code: false,
            unused_attributes: Vec::new(),
        }
    }

    fn find_byte(&self, from: usize, byte: u8) -> Option<usize> {
        memchr::memchr(byte, self.bytes.get(from..)?).map(|p| p + from)
    }

    fn find_seq(&self, from: usize, seq: &[u8]) -> Option<usize> {
        memchr::memmem::find(self.bytes.get(from..)?, seq).map(|p| p + from)
    }

    fn run(&mut self) {
        while let Some(lt) = self.find_byte(self.pos, b'<') {
            if self.blank_code {
                self.collapse_whitespace(self.pos, lt);
            }
            let next = self.bytes.get(lt + 1).copied();
            let resume = match next {
                Some(b'!') => {
                    let resume = self.skip_markup_declaration(lt);
                    let comment = self.bytes.get(lt..lt + 4) == Some(b"<!--");
                    if let (true, true, Some(end)) = (self.blank_code, comment, resume) {
                        self.skip_range(lt, end);
                    }
                    resume
                }
                Some(b'?') => self.find_byte(lt + 2, b'>').map(|p| p + 1),
                Some(b'/') => match self.bytes.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => self.end_tag(lt),
                    Some(b'>') => Some(lt + 3),
                    _ => self.find_byte(lt + 2, b'>').map(|p| p + 1),
                },
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
                _ => Some(lt + 1),
            };
            match resume {
                Some(p) => self.pos = p,
                None => return,
            }
        }
    }

    /// Comments, doctypes and CDATA: skipped to their end.
    fn skip_markup_declaration(&self, lt: usize) -> Option<usize> {
        if self.bytes.get(lt..lt + 4) == Some(b"<!--") {
            if self.bytes.get(lt + 4) == Some(&b'>') {
                return Some(lt + 5);
            }
            if self.bytes.get(lt + 4..lt + 6) == Some(b"->") {
                return Some(lt + 6);
            }
            return self.find_seq(lt + 4, b"-->").map(|p| p + 3);
        }
        self.find_byte(lt + 2, b'>').map(|p| p + 1)
    }

    /// Reads a tag name starting at `from`; returns it lowercased and the index after it.
    fn tag_name(&self, from: usize) -> (Cow<'a, str>, usize) {
        let src: &'a str = self.src;
        let mut end = from;
        while end < self.bytes.len()
            && !is_html_whitespace(self.bytes[end])
            && !matches!(self.bytes[end], b'/' | b'>')
        {
            end += 1;
        }
        // Tag names start with an ASCII letter and the stop bytes are ASCII, so `end` is a char boundary.
        let raw = &src[from..end];
        let name = if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw)
        };
        (name, end)
    }

    /// Skips attributes to the tag's `>`; returns the index after it and whether the tag ends in `/>`.
    /// With `unused`, also collects the byte ranges of attributes extraction never reads.
    fn tag_end(
        &self,
        mut i: usize,
        mut unused: Option<(&str, &mut Vec<(usize, usize)>)>,
    ) -> Option<(usize, bool)> {
        let b = self.bytes;
        loop {
            let mut slash = false;
            let space_start = i;
            while i < b.len() && (is_html_whitespace(b[i]) || b[i] == b'/') {
                slash = b[i] == b'/';
                i += 1;
            }
            match b.get(i)? {
                b'>' => return Some((i + 1, slash)),
                _ => {
                    let name_start = i;
                    // An attribute name: the first byte belongs to it even when it is '='.
                    i += 1;
                    while i < b.len() && !is_html_whitespace(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                        i += 1;
                    }
                    while i < b.len() && is_html_whitespace(b[i]) {
                        i += 1;
                    }
                    if b.get(i) == Some(&b'=') {
                        i += 1;
                        while i < b.len() && is_html_whitespace(b[i]) {
                            i += 1;
                        }
                        match b.get(i)? {
                            q @ (b'"' | b'\'') => i = self.find_byte(i + 1, *q)? + 1,
                            _ => {
                                while i < b.len() && !is_html_whitespace(b[i]) && b[i] != b'>' {
                                    i += 1;
                                }
                            }
                        }
                    }
                    if let Some((tag, ranges)) = unused.as_mut() {
                        let name_end = b[name_start..i]
                            .iter()
                            .position(|&c| is_html_whitespace(c) || c == b'=')
                            .map_or(i, |p| name_start + p);
                        if !is_read_attribute(tag, &b[name_start..name_end]) {
                            // The space before the attribute goes too, unless nothing separates the
                            // next attribute from it (`a="1"b="2"`): then the space stays as the separator.
                            let separated =
                                b.get(i).is_none_or(|&c| is_html_whitespace(c) || matches!(c, b'/' | b'>'));
                            ranges.push((if separated { space_start } else { name_start }, i));
                        }
                    }
                }
            }
        }
    }

    fn start_tag(&mut self, lt: usize) -> Option<usize> {
        let (name, after_name) = self.tag_name(lt + 1);
        // Foreign content (MathML) has attributes the tree builder reads; it is rare and left whole.
        let strip = self.blank_code && !self.open.in_foreign_content();
        let mut unused = std::mem::take(&mut self.unused_attributes);
        unused.clear();
        let (end, self_closing) = self.tag_end(after_name, strip.then_some((&*name, &mut unused)))?;
        self.unused_attributes = unused;
        if is_in(&name, VOID) || matches!(&*name, "html" | "head" | "body") {
            self.strip_unused_attributes();
            return Some(end);
        }
        self.apply_implied_end_tags(&name);
        let foreign = self.open.in_foreign_content();
        if self_closing && (foreign || name == "svg" || name == "math") {
            self.strip_unused_attributes();
            return Some(end);
        }
        let raw_text = !foreign && is_in(&name, RAW_TEXT);
        if self.open.len() >= self.max_depth && !raw_text {
            self.drop_range(lt, end);
            match self.dropped_open.last_mut() {
                Some((top, count)) if *top == name => *count += 1,
                _ => self.dropped_open.push((name, 1)),
            }
            return Some(end);
        }
        // After the decision to drop the whole tag, which takes its attributes with it.
        self.strip_unused_attributes();
        if name == "plaintext" && !foreign {
            // Everything after <plaintext> is text; nothing can nest any more.
            return None;
        }
        let svg = name == "svg" && !foreign;
        let inner_tags = if foreign { None } else { inert_content(&name) };
        self.open.push(name);
        self.deepest = self.deepest.max(self.open.len());
        if svg && self.blank_code {
            // Inline icons: many elements and long path data, never text.
            if let Some(close) = self.find_svg_end(end) {
                self.skip_range(end, close);
                return Some(close);
            }
        }
        if let (true, Some(allowed)) = (self.blank_code, inner_tags) {
            if let Some(close) = self.find_inert_end(end, allowed) {
                self.skip_range(end, close);
                return Some(close);
            }
        }
        if raw_text {
            if let Some(close) = self.find_raw_text_end(end) {
                // Code, and the raw text of elements whose content is never page text.
                let code = self.open.last().is_some_and(|n| {
                    matches!(
                        n,
                        "script" | "style" | "noscript" | "iframe" | "textarea" | "noembed" | "noframes"
                    )
                });
                if self.blank_code && code && close > end && !self.is_json_ld(lt, end) {
                    self.skip_range(end, close);
                }
                return Some(close);
            }
            // No end tag: html5ever reads the rest as text. Scanning it as markup only errs deep.
        }
        Some(end)
    }

    /// Finds the `</svg` that closes the `<svg>` whose content starts at `from`, counting nested ones.
    fn find_svg_end(&self, from: usize) -> Option<usize> {
        let (mut depth, mut i) = (1usize, from);
        loop {
            let at = self.find_byte(i, b'<')?;
            let close = self.bytes.get(at + 1) == Some(&b'/');
            let name_at = at + 1 + usize::from(close);
            let is_svg = self.bytes.get(name_at..name_at + 3).is_some_and(|n| n.eq_ignore_ascii_case(b"svg"))
                && self
                    .bytes
                    .get(name_at + 3)
                    .is_some_and(|&b| is_html_whitespace(b) || matches!(b, b'/' | b'>'));
            if is_svg && close {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            } else if is_svg {
                depth += 1;
            }
            i = at + 1;
        }
    }

    /// Finds the end tag of the element on top of the stack, whose content starts at `from`, when
    /// that content is text and properly nested `allowed` tags only (inline icons skipped whole) and
    /// names no `itemprop`. Anything else (another tag, a stray `<`, no end tag) gives `None`: the
    /// tree builder might then end the element elsewhere, so its content is left to it.
    fn find_inert_end(&self, from: usize, allowed: &[&str]) -> Option<usize> {
        let name = self.open.last()?.as_bytes();
        let mut nested: Vec<&[u8]> = Vec::new();
        let mut i = from;
        loop {
            let at = self.find_byte(i, b'<')?;
            let close = self.bytes.get(at + 1) == Some(&b'/');
            let name_at = at + 1 + usize::from(close);
            let name_end = (name_at..self.bytes.len())
                .find(|&j| is_html_whitespace(self.bytes[j]) || matches!(self.bytes[j], b'/' | b'>'))?;
            let tag = &self.bytes[name_at..name_end];
            if close && nested.is_empty() && tag.eq_ignore_ascii_case(name) {
                return self.bytes[from..at]
                    .windows(8)
                    .all(|w| !w.eq_ignore_ascii_case(b"itemprop"))
                    .then_some(at);
            }
            let known = allowed.iter().find(|a| a.as_bytes().eq_ignore_ascii_case(tag))?;
            let (tag_end, self_closing) = self.tag_end(name_end, None)?;
            i = tag_end;
            if matches!(*known, "option" | "optgroup") {
                // Options close one another; inside a select no other tag is built.
                continue;
            }
            if close {
                if !nested.pop().is_some_and(|open| open.eq_ignore_ascii_case(tag)) {
                    return None;
                }
            } else if *known == "svg" && !self_closing {
                let svg_close = self.find_svg_end(tag_end)?;
                i = self.tag_end(svg_close + "</svg".len(), None)?.0;
            } else if !self_closing && !is_in(known, VOID) {
                nested.push(known.as_bytes());
            }
        }
    }

    /// Finds the `</name` that ends the raw-text element on top of the stack.
    fn find_raw_text_end(&self, from: usize) -> Option<usize> {
        let name = self.open.last()?.as_bytes();
        let mut i = from;
        loop {
            let at = self.find_seq(i, b"</")?;
            let after = at + 2 + name.len();
            let matches_name =
                self.bytes.get(at + 2..after).is_some_and(|candidate| candidate.eq_ignore_ascii_case(name));
            let terminated =
                self.bytes.get(after).is_some_and(|&b| is_html_whitespace(b) || matches!(b, b'/' | b'>'));
            if matches_name && terminated {
                return Some(at);
            }
            i = at + 2;
        }
    }

    fn end_tag(&mut self, lt: usize) -> Option<usize> {
        let (name, after_name) = self.tag_name(lt + 2);
        let (end, _) = self.tag_end(after_name, None)?;
        if let Some((top, count)) = self.dropped_open.last_mut() {
            if *top == name {
                *count -= 1;
                if *count == 0 {
                    self.dropped_open.pop();
                }
                self.drop_range(lt, end);
                return Some(end);
            }
        }
        if matches!(&*name, "html" | "head" | "body" | "br") {
            return Some(end);
        }
        let boundary: &[&str] = match &*name {
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption" => TABLE_SCOPE_BOUNDARY,
            "table" => &["html", "template"],
            _ => SCOPE_BOUNDARY,
        };
        let special = is_in(&name, SPECIAL);
        for idx in (0..self.open.len()).rev() {
            let open = self.open.name(idx);
            if open == name {
                self.open.truncate(idx);
                break;
            }
            // An end tag for an ordinary element stops at any special one; a special one at a scope boundary.
            if (!special && is_in(open, SPECIAL)) || is_in(open, boundary) {
                break;
            }
        }
        Some(end)
    }

    /// Pops up to and including the topmost element in `targets`, unless a `stop` element comes first.
    fn close_to(&mut self, targets: &[&str], stop: impl Fn(&str) -> bool) {
        for idx in (0..self.open.len()).rev() {
            let open = self.open.name(idx);
            if is_in(open, targets) {
                self.open.truncate(idx);
                return;
            }
            if stop(open) {
                return;
            }
        }
    }

    /// The implied end tags a start tag causes, after the spec's "in body" and table rules.
    fn apply_implied_end_tags(&mut self, name: &str) {
        match name {
            "li" => self.close_to(&["li"], |n| is_in(n, SPECIAL) && !matches!(n, "address" | "div" | "p")),
            "dd" | "dt" => {
                self.close_to(&["dd", "dt"], |n| is_in(n, SPECIAL) && !matches!(n, "address" | "div" | "p"))
            }
            "td" | "th" => self.close_to(&["td", "th"], |n| is_in(n, TABLE_SCOPE_BOUNDARY)),
            "tr" => self.close_to(&["tr"], |n| is_in(n, TABLE_SCOPE_BOUNDARY)),
            "tbody" | "thead" | "tfoot" => {
                self.close_to(&["tbody", "thead", "tfoot"], |n| is_in(n, TABLE_SCOPE_BOUNDARY))
            }
            "option" | "optgroup" => {
                if self.open.last() == Some("option") {
                    self.open.pop();
                }
                if name == "optgroup" && self.open.last() == Some("optgroup") {
                    self.open.pop();
                }
            }
            // A new link closes an unclosed one (the adoption agency), without touching what is above it.
            "a" if self.open.links > 0 => {
                let names = &self.open.names;
                if let Some(idx) = names.iter().rposition(|n| n == "a") {
                    if !names[idx..].iter().any(|n| is_in(n, SCOPE_BOUNDARY)) {
                        self.open.remove(idx);
                    }
                }
            }
            _ => {}
        }
        if self.open.paragraphs > 0 && is_in(name, CLOSES_P) {
            self.close_to(&["p"], |n| is_in(n, SCOPE_BOUNDARY) || n == "button");
        }
        if is_heading(name) && self.open.last().is_some_and(is_heading) {
            self.open.pop();
        }
    }

    /// Whether the start tag in `start..end` declares JSON-LD, which metadata needs.
    fn is_json_ld(&self, start: usize, end: usize) -> bool {
        let tag = &self.bytes[start..end];
        tag.windows(b"ld+json".len()).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
    }

    /// Shortens each run of whitespace in the text `start..end` to its first byte: templates indent
    /// with kilobytes of it, which the tokenizer reads one character at a time, and extraction reads
    /// any run as one space.
    fn collapse_whitespace(&mut self, start: usize, end: usize) {
        let mut i = start.max(self.copied_to);
        while i < end {
            if !is_html_whitespace(self.bytes[i]) {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < end && is_html_whitespace(self.bytes[i]) {
                i += 1;
            }
            if i - run_start > 1 {
                self.skip_range(run_start + 1, i);
            }
        }
    }

    /// Leaves the current start tag's unread attributes out of the output.
    fn strip_unused_attributes(&mut self) {
        let ranges = std::mem::take(&mut self.unused_attributes);
        for &(start, end) in &ranges {
            self.skip_range(start, end);
        }
        self.unused_attributes = ranges;
        self.unused_attributes.clear();
    }

    /// Leaves `start..end` out of the output without counting a dropped tag.
    fn skip_range(&mut self, start: usize, end: usize) {
        let out = self.out.get_or_insert_with(|| String::with_capacity(self.src.len()));
        out.push_str(&self.src[self.copied_to..start]);
        self.copied_to = end;
    }

    fn drop_range(&mut self, start: usize, end: usize) {
        let out = self.out.get_or_insert_with(|| String::with_capacity(self.src.len()));
        out.push_str(&self.src[self.copied_to..start]);
        self.copied_to = end;
        self.dropped_tags += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_and_comments_are_emptied() {
        let page = "<p>a<!-- note --><svg viewBox='0 0 1 1'><svg><path d='M0'/></svg><g></g></SVG>b</p>";
        let prepared = prepare_for_extraction(page, MAX_DEPTH);
        assert_eq!(prepared.html, "<p>a<svg></SVG>b</p>");
    }

    #[test]
    fn form_controls_with_plain_content_are_emptied() {
        let page = "<p>a<select name=s><option>one<option value=2>two</OPTION></select>b</p>";
        assert_eq!(prepare_for_extraction(page, MAX_DEPTH).html, "<p>a<select name=s></select>b</p>");
        let page = "<p>a<button class=x><svg><path d='M0'/></svg><span>Share</span><img>!</button>b</p>";
        assert_eq!(prepare_for_extraction(page, MAX_DEPTH).html, "<p>a<button class=x></button>b</p>");
    }

    #[test]
    fn form_controls_the_tree_builder_may_end_elsewhere_are_kept() {
        // Another tag, an unbalanced one, no end tag, a stray `<`, metadata: the content stays.
        for page in [
            "<div><button><div>x</div></button></div>",
            "<div><button><span>x</button></div>",
            "<div><button>x</div><p>text</p>",
            "<select><option>a < b</select>",
            "<button><span itemprop=name>x</span></button>",
        ] {
            let prepared = prepare_for_extraction(page, MAX_DEPTH);
            assert!(prepared.html.contains('x') || prepared.html.contains("a < b"), "{page}");
        }
    }

    #[test]
    fn whitespace_runs_in_text_are_shortened() {
        let page = "<ul>\n    <li>a  b</li>\n\t<li>c\td</li>\n</ul><pre>x\n\n  y</pre>";
        let prepared = prepare_for_extraction(page, MAX_DEPTH);
        assert_eq!(prepared.html, "<ul>\n<li>a b</li>\n<li>c\td</li>\n</ul><pre>x\ny</pre>");
    }

    #[test]
    fn unread_attributes_are_left_out() {
        let page = "<div data-x='<p>' class=\"story\"onclick=go()><a href=\"/x\" id=a>x</a><img src=a.png/>\
            <link rel=canonical href=\"https://e.org/a\"><p hidden style=\"display:none\" title=t>y</p></div>";
        let prepared = prepare_for_extraction(page, MAX_DEPTH);
        assert_eq!(
            prepared.html,
            "<div class=\"story\"><a id=a>x</a><img><link rel=canonical href=\"https://e.org/a\">\
            <p hidden style=\"display:none\">y</p></div>"
        );
        // The structure-only pass keeps every byte.
        assert_eq!(cap_nesting(page, MAX_DEPTH).html, page);
    }

    #[test]
    fn code_is_emptied_but_json_ld_kept() {
        let page = "<head><script>var a = '<p>x</p>';</script><style>p{}</style>\
            <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head><p>text</p>";
        let prepared = prepare_for_extraction(page, MAX_DEPTH);
        assert_eq!(
            prepared.html,
            "<head><script></script><style></style>\
            <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head><p>text</p>"
        );
        assert_eq!(prepared.dropped_tags, 0);
        assert_eq!(cap_nesting(page, MAX_DEPTH).html, page);
    }

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>one<p>two<ul><li>a<li>b</ul></div></body></html>";
        let capped = cap_nesting(page, 4);
        assert!(matches!(capped.html, Cow::Borrowed(_)));
        assert_eq!(capped.dropped_tags, 0);
    }

    #[test]
    fn deep_tags_are_dropped_with_their_end_tags() {
        let page = "<div><div><div><div>deep</div></div></div></div><p>after</p>";
        let capped = cap_nesting(page, 2);
        assert_eq!(capped.html, "<div><div>deep</div></div><p>after</p>");
        assert_eq!(capped.dropped_tags, 4);
    }

    #[test]
    fn raw_text_and_attributes_do_not_count() {
        let page = "<script>if (a<b) { x = '<div><div><div>'; }</script><a title='>'><div>x</div></a>";
        let capped = cap_nesting(page, 2);
        assert!(matches!(capped.html, Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_paragraphs_cells_and_items_stay_flat() {
        let mut page = String::from("<table>");
        for _ in 0..50 {
            page.push_str("<tr><td>a<td>b<p>c<p>d<ul><li>e<li>f</ul>");
        }
        let capped = cap_nesting(&page, 8);
        assert_eq!(capped.dropped_tags, 0);
    }

    #[test]
    fn truncated_markup_does_not_panic() {
        for page in ["<", "<div", "<div a=\"", "</", "<!--", "<!", "<a href='x", "é<é>ü</ü"] {
            let _ = cap_nesting(page, 1);
        }
    }
}
