//! The HTML extractor returns on any input: random bytes, random tag soup, malformed markup, huge
//! attributes, broken JSON-LD and pathologically deep nesting, on a thread with an ordinary stack.

use model::Block;
use proptest::prelude::*;
use text::html::{extract, nesting, HtmlExtraction};

/// An ordinary thread stack: deep input must not need more.
const STACK: usize = 2 << 20;

fn extract_on_small_stack(page: String) -> HtmlExtraction {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || extract(&page, Some("https://news.example.org/world/story.html")))
        .expect("thread starts")
        .join()
        .expect("extraction does not panic or overflow the stack")
}

fn assert_blocks_well_formed(blocks: &[Block]) {
    for block in blocks {
        assert!(!block.text.is_empty(), "empty block: {block:?}");
        assert_eq!(
            block.text,
            block.text.split_whitespace().collect::<Vec<_>>().join(" "),
            "unnormalized: {block:?}"
        );
        assert_eq!(block.language, "und");
        assert_eq!(block.line, None);
    }
}

const SOUP: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<span>",
    "</span>",
    "<a href='/x'>",
    "</a>",
    "<b>",
    "</b>",
    "<i>",
    "<li>",
    "<ul>",
    "</ul>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<br>",
    "<br/>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<!DOCTYPE html>",
    "<svg>",
    "<math>",
    "</svg>",
    "<nav>",
    "</nav>",
    "<article>",
    "</article>",
    "<main>",
    "<form>",
    "<template>",
    "<noscript>",
    "<figcaption>",
    "<html lang='de-DE'>",
    "<body>",
    "</body>",
    "<head>",
    "<title>",
    "</title>",
    "<meta property='og:title' content='Soup'>",
    "<script type='application/ld+json'>",
    "{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-08-23\"",
    "}",
    "[",
    "<time datetime='2025-13-45'>",
    "<div class='share comments'>",
    "<div class=\"byline\">",
    "<p class=caption>",
    "<",
    ">",
    "/>",
    "\"",
    "'",
    "=",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&",
    "\u{0}",
    "\u{FFFD}",
    "é",
    "日本語",
    "word",
    "Some running text here.",
    " ",
    "\n",
    "\t",
    "<plaintext>",
    "<xmp>",
    "<textarea>",
    "<select>",
    "<option>",
    "<frameset>",
    "<iframe>",
    "<image>",
    "<isindex>",
    "<keygen>",
    "</br>",
    "</p>",
    "<p/>",
    "<div hidden>",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let page = String::from_utf8_lossy(&bytes).into_owned();
        let extraction = extract(&page, None);
        assert_blocks_well_formed(&extraction.blocks);
    }

    #[test]
    fn random_tag_soup_never_panics(tokens in proptest::collection::vec(proptest::sample::select(SOUP), 0..400)) {
        let page: String = tokens.concat();
        let extraction = extract(&page, Some("https://example.org/a"));
        assert_blocks_well_formed(&extraction.blocks);
    }

    #[test]
    fn random_text_between_tags_is_kept_normalized(words in proptest::collection::vec("[a-zA-Z]{1,12}", 1..40)) {
        let page = format!("<html><body><article><p>{}</p></article></body></html>", words.join(" \n\t "));
        let extraction = extract(&page, None);
        assert_blocks_well_formed(&extraction.blocks);
        prop_assert_eq!(extraction.blocks.len(), 1);
        prop_assert_eq!(&extraction.blocks[0].text, &words.join(" "));
    }
}

#[test]
fn ten_megabytes_of_nested_divs_return_on_a_two_megabyte_stack() {
    let depth = 10 * 1024 * 1024 / "<div>".len();
    let mut page = String::with_capacity(depth * 11 + 100);
    page.push_str("<html><body>");
    for _ in 0..depth {
        page.push_str("<div>");
    }
    page.push_str("Deep down there is one sentence.");
    for _ in 0..depth {
        page.push_str("</div>");
    }
    page.push_str("<p>And a paragraph after it.</p></body></html>");
    let capped = nesting::cap_nesting(&page, nesting::MAX_DEPTH);
    assert_eq!(capped.deepest, nesting::MAX_DEPTH);
    assert_eq!(capped.dropped_tags, 2 * (depth - nesting::MAX_DEPTH));
    let extraction = extract_on_small_stack(page);
    let texts: Vec<&str> = extraction.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Deep down there is one sentence.", "And a paragraph after it."]);
}

#[test]
fn other_deep_or_repetitive_shapes_return_on_a_small_stack() {
    let shapes = [
        "<span>",
        "<b>",
        "<a href=x>",
        "<ul><li>",
        "<table><tr><td>",
        "<div></span>",
        "<span><div></span>",
        "<p><b>",
        "<svg><g>",
        "<div/>",
        "<select><option>",
        "<b><p></b>",
        "<a><div></a>",
        "<dl><dd>",
        "<i><table>",
        "<blockquote><p>",
        "<section><header>",
        "<svg><foreignObject><div>",
    ];
    for shape in shapes {
        let mut page = String::from("<body>");
        while page.len() < 200_000 {
            page.push_str(shape);
            page.push_str("word ");
        }
        let extraction = extract_on_small_stack(page);
        assert_blocks_well_formed(&extraction.blocks);
    }
}

#[test]
fn malformed_pages_are_read_as_far_as_they_go() {
    let pages = [
        "",
        "plain text without any markup at all",
        "<p>unclosed paragraph <b>bold <i>italic",
        "<div><p>no html, head or body elements</div>",
        "<html><head><title>Only a head",
        "<p>text</p></body></html><p>after the end</p>",
        "<a href=\"never closed quote>link text</a><p>more</p>",
        "<!-- a comment that never ends <p>hidden",
        "<script>var x = '<p>not text</p>';",
        "<p>bad entities &#xFFFFFFFF; &#0; &nosuch; &",
        "\u{FEFF}<p>byte order mark</p>",
    ];
    for page in pages {
        let extraction = extract_on_small_stack(page.to_string());
        assert_blocks_well_formed(&extraction.blocks);
    }
    let unclosed = extract("<p>unclosed paragraph <b>bold <i>italic", None);
    assert_eq!(unclosed.blocks[0].text, "unclosed paragraph bold italic");
    let no_body = extract("<div><p>no html, head or body elements</div>", None);
    assert_eq!(no_body.blocks[0].text, "no html, head or body elements");
}

#[test]
fn binary_garbage_decoded_lossily_returns() {
    // A deterministic byte stream with every byte value, lots of '<' and NULs.
    let mut state: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..300_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            match state % 7 {
                0 => b'<',
                1 => 0,
                _ => (state >> 8) as u8,
            }
        })
        .collect();
    let page = String::from_utf8_lossy(&bytes).into_owned();
    let extraction = extract_on_small_stack(page);
    assert_blocks_well_formed(&extraction.blocks);
}

#[test]
fn huge_attribute_values_and_broken_json_ld_are_harmless() {
    let huge = "x".repeat(5 * 1024 * 1024);
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let page = format!(
        "<html lang='{huge}'><head>\
         <meta property='og:title' content='{huge}'>\
         <meta name='author' content='{huge}'>\
         <script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \"datePublished\": </script>\
         <script type='application/ld+json'>{deep_json}</script>\
         <script type='application/ld+json'>{{\"@graph\": [{{\"@type\": [\"NewsArticle\"], \"datePublished\": 20250823}}]}}</script>\
         <link rel=canonical href='{huge}'></head>\
         <body><div class='{huge} share' id='{huge}'><p title='{huge}'>A paragraph inside.</p></div>\
         <article><p>Body text of the article, long enough to matter.</p></article></body></html>"
    );
    let extraction = extract_on_small_stack(page);
    assert_blocks_well_formed(&extraction.blocks);
    assert_eq!(extraction.published, None);
    assert_eq!(extraction.language, None);
    assert!(extraction.blocks.iter().any(|b| b.text == "Body text of the article, long enough to matter."));
}
