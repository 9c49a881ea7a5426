//! Block kinds, reasons and page kinds on small pages written for these tests.

use model::{Block, BlockKind, PageKind};
use text::html::{body_text, extract};

fn kind_of<'a>(blocks: &'a [Block], text: &str) -> &'a Block {
    blocks.iter().find(|b| b.text == text).unwrap_or_else(|| panic!("no block {text:?} in {blocks:#?}"))
}

const LONG: &str = "The council met on Tuesday and agreed, after a long debate about the budget, to \
    rebuild the old bridge over the river before the winter floods arrive next year.";

#[test]
fn headings_paragraphs_captions_and_credits() {
    let page = format!(
        "<html><body>\
         <h1>Bridge to be rebuilt</h1>\
         <p class='article-byline'>By Jane Doe</p>\
         <p>{LONG}</p>\
         <figure><img src='b.jpg'><figcaption>The old bridge in spring.</figcaption></figure>\
         <div class='image-caption'>Workers at the site.</div>\
         <h2>What happens next</h2>\
         <p>Work starts in <em>March</em> and ends in <strong>May</strong>.</p>\
         <p class='copyright'>© 2025 Example News</p>\
         </body></html>"
    );
    let blocks = extract(&page, None).blocks;
    let title = kind_of(&blocks, "Bridge to be rebuilt");
    assert_eq!((title.kind, title.reason.as_deref()), (BlockKind::Title, Some("h1")));
    assert_eq!(kind_of(&blocks, "By Jane Doe").kind, BlockKind::Credit);
    assert_eq!(kind_of(&blocks, "By Jane Doe").reason.as_deref(), Some("class/id cue 'byline'"));
    assert_eq!(kind_of(&blocks, LONG).kind, BlockKind::Paragraph);
    assert_eq!(kind_of(&blocks, LONG).reason, None);
    assert_eq!(kind_of(&blocks, "The old bridge in spring.").kind, BlockKind::Caption);
    assert_eq!(kind_of(&blocks, "Workers at the site.").kind, BlockKind::Caption);
    let heading = kind_of(&blocks, "What happens next");
    assert_eq!((heading.kind, heading.reason.as_deref()), (BlockKind::Heading, Some("h2")));
    assert_eq!(kind_of(&blocks, "Work starts in March and ends in May.").kind, BlockKind::Paragraph);
    assert_eq!(kind_of(&blocks, "© 2025 Example News").kind, BlockKind::Credit);
}

#[test]
fn the_element_matching_og_title_is_the_title() {
    let page = format!(
        "<html><head><meta property='og:title' content='Bridge to be rebuilt'>\
         <title>Bridge to be rebuilt | Example News</title></head><body>\
         <header><h1>Example News</h1></header>\
         <div class='headline'>Bridge to be rebuilt</div>\
         <p>{LONG}</p></body></html>"
    );
    let extraction = extract(&page, None);
    let title = kind_of(&extraction.blocks, "Bridge to be rebuilt");
    assert_eq!((title.kind, title.reason.as_deref()), (BlockKind::Title, Some("matches the page title")));
    // The site's logo heading sits in the page header.
    let logo = kind_of(&extraction.blocks, "Example News");
    assert_eq!((logo.kind, logo.reason.as_deref()), (BlockKind::Boilerplate, Some("inside <header>")));
    assert_eq!(extraction.title.as_deref(), Some("Bridge to be rebuilt"));
}

#[test]
fn furniture_by_tag_role_and_class_is_boilerplate_with_its_reason() {
    let page = format!(
        "<body>\
         <nav><ul><li>Home</li><li>World</li></ul></nav>\
         <div role='navigation'>Sections</div>\
         <p>{LONG}</p>\
         <div class='share-tools'>Share this story</div>\
         <section id='comments'><p>First comment, which says a lot of words without links.</p></section>\
         <div class='newsletterSignup'>Get our briefing every morning</div>\
         <div class='cookie-consent'>We use cookies</div>\
         <div class='ad-slot'>Advertisement</div>\
         <aside><p>More from the region</p></aside>\
         <footer><p>Imprint and contact</p></footer>\
         </body>"
    );
    let blocks = extract(&page, None).blocks;
    let reason = |text: &str| {
        let block = kind_of(&blocks, text);
        assert_eq!(block.kind, BlockKind::Boilerplate, "{block:?}");
        block.reason.clone().unwrap_or_default()
    };
    assert_eq!(reason("Home"), "inside <nav>");
    assert_eq!(reason("Sections"), "role=navigation");
    assert_eq!(reason("Share this story"), "class/id cue 'share'");
    assert_eq!(reason("First comment, which says a lot of words without links."), "class/id cue 'comment'");
    assert_eq!(reason("Get our briefing every morning"), "class/id cue 'newsletter'");
    assert_eq!(reason("We use cookies"), "class/id cue 'cookie'");
    assert_eq!(reason("Advertisement"), "class/id cue 'ad'");
    assert_eq!(reason("More from the region"), "inside <aside>");
    assert_eq!(reason("Imprint and contact"), "inside <footer>");
    assert_eq!(kind_of(&blocks, LONG).kind, BlockKind::Paragraph);
}

#[test]
fn link_dense_blocks_are_boilerplate() {
    let page = format!(
        "<body><p>{LONG}</p>\
         <p>Read more: <a href='/a'>Another story about bridges and rivers</a></p>\
         <p>A sentence with <a href='/b'>one link</a> inside a lot of ordinary words that are not linked.</p>\
         <p>{LONG}</p></body>"
    );
    let blocks = extract(&page, None).blocks;
    let dense = kind_of(&blocks, "Read more: Another story about bridges and rivers");
    assert_eq!((dense.kind, dense.reason.as_deref()), (BlockKind::Boilerplate, Some("link-dense")));
    let sparse = "A sentence with one link inside a lot of ordinary words that are not linked.";
    assert_eq!(kind_of(&blocks, sparse).kind, BlockKind::Paragraph);
}

#[test]
fn blocks_outside_the_article_container_are_boilerplate() {
    let page = format!(
        "<html><head><title>Bridge to be rebuilt - Example News</title></head><body>\
         <div class='top'>Breaking: markets open higher</div>\
         <h1>Bridge to be rebuilt</h1>\
         <div itemprop='articleBody'><p>{LONG}</p><p>{LONG} Again.</p></div>\
         <div class='more'>Unrelated text after the article body.</div>\
         </body></html>"
    );
    let extraction = extract(&page, None);
    let outside = kind_of(&extraction.blocks, "Breaking: markets open higher");
    assert_eq!(
        (outside.kind, outside.reason.as_deref()),
        (BlockKind::Boilerplate, Some("outside the article container"))
    );
    assert_eq!(
        kind_of(&extraction.blocks, "Unrelated text after the article body.").kind,
        BlockKind::Boilerplate
    );
    // The headline outside the body still matches the page title.
    assert_eq!(kind_of(&extraction.blocks, "Bridge to be rebuilt").kind, BlockKind::Title);
    assert_eq!(kind_of(&extraction.blocks, LONG).kind, BlockKind::Paragraph);
    assert_eq!(extraction.page_kind, PageKind::Article);
}

#[test]
fn a_header_inside_the_article_is_not_page_furniture() {
    let page = format!(
        "<body><header><p>Site slogan</p></header>\
         <article><header><h1>Bridge to be rebuilt</h1><p class='byline'>By Jane Doe</p></header>\
         <p>{LONG}</p></article></body>"
    );
    let blocks = extract(&page, None).blocks;
    assert_eq!(kind_of(&blocks, "Bridge to be rebuilt").kind, BlockKind::Title);
    assert_eq!(kind_of(&blocks, "By Jane Doe").kind, BlockKind::Credit);
    assert_eq!(kind_of(&blocks, "Site slogan").kind, BlockKind::Boilerplate);
}

#[test]
fn a_wrapper_whose_class_looks_like_a_cue_but_holds_the_page_is_not_boilerplate() {
    let page =
        format!("<body><div class='layout has-sidebar'><p>{LONG}</p><p>{LONG} Twice.</p></div></body>");
    let blocks = extract(&page, None).blocks;
    assert_eq!(kind_of(&blocks, LONG).kind, BlockKind::Paragraph);
}

#[test]
fn scripts_styles_forms_and_hidden_elements_give_no_blocks() {
    let page = format!(
        "<body><script>var s = 'not text';</script><style>p {{ color: red }}</style>\
         <noscript>Enable JavaScript</noscript><template><p>template</p></template>\
         <svg><text>svg text</text></svg><form><label>Email</label><button>Send</button></form>\
         <div hidden>hidden text</div><div style='display: none'>invisible text</div>\
         <select><option>Choice</option></select><iframe>frame text</iframe>\
         <p>{LONG}</p></body>"
    );
    let extraction = extract(&page, None);
    let texts: Vec<&str> = extraction.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, [LONG]);
}

#[test]
fn text_around_nested_blocks_keeps_reading_order() {
    let page = "<body><div>Lead text <p>Inner paragraph.</p> tail text<br>after a break</div>\
                <ul><li>One</li><li>Two <b>bold</b></li></ul><table><tr><td>Cell A</td><th>Cell B</th></tr></table>\
                <blockquote>Quoted words.</blockquote><pre>  spaced   code  </pre><dl><dt>Term</dt><dd>Definition</dd></dl></body>";
    let blocks = extract(page, None).blocks;
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Lead text",
            "Inner paragraph.",
            "tail text after a break",
            "One",
            "Two bold",
            "Cell A",
            "Cell B",
            "Quoted words.",
            "spaced code",
            "Term",
            "Definition"
        ]
    );
}

#[test]
fn a_page_without_paragraph_text_is_empty() {
    let page = "<html><body><nav><a href='/'>Home</a></nav><h1>Title only</h1></body></html>";
    let extraction = extract(page, None);
    assert_eq!(extraction.page_kind, PageKind::Empty);
    assert_eq!(extract("", None).page_kind, PageKind::Empty);
}

#[test]
fn a_page_of_link_lists_is_an_index() {
    let mut page = String::from("<html><body><main><h1>World news</h1>");
    for i in 0..20 {
        page.push_str(&format!(
            "<div class='teaser'><h2><a href='/story/{i}'>Story number {i} about something that happened</a></h2>\
             <p>A short summary.</p></div>"
        ));
    }
    page.push_str("</main></body></html>");
    let extraction = extract(&page, None);
    assert_eq!(extraction.page_kind, PageKind::Index);
}

#[test]
fn an_index_of_one_tag_or_author_is_a_tag_page() {
    let mut list = String::new();
    for i in 0..20 {
        list.push_str(&format!(
            "<div class='teaser'><h2><a href='/story/{i}'>Story number {i} about something that happened</a></h2>\
             <p>A short summary.</p></div>"
        ));
    }
    let page = format!("<html><body><main><h1>Bridges</h1>{list}</main></body></html>");
    let by_url = extract(&page, Some("https://news.example.org/tag/bridges/"));
    assert_eq!(by_url.page_kind, PageKind::Tag);
    let tagged = format!(
        "<html><body class='archive tag tag-bridges'><main><h1>Bridges</h1>{list}</main></body></html>"
    );
    assert_eq!(extract(&tagged, Some("https://news.example.org/b")).page_kind, PageKind::Tag);
    // An ordinary section front stays an index.
    assert_eq!(extract(&page, Some("https://news.example.org/world/")).page_kind, PageKind::Index);
}

#[test]
fn a_paywall_prompt_after_a_short_lead_is_a_teaser() {
    let page = "<html><body><article><h1>Bridge to be rebuilt</h1>\
                <p>The council agreed on Tuesday to rebuild the old bridge.</p>\
                <div class='paywall'><p>Subscribe to read the whole article.</p></div></article></body></html>";
    let extraction = extract(page, None);
    assert_eq!(extraction.page_kind, PageKind::PaywallTeaser);
    assert_eq!(
        kind_of(&extraction.blocks, "Subscribe to read the whole article.").kind,
        BlockKind::Boilerplate
    );

    let marked = "<html><head><script type='application/ld+json'>\
                  {\"@type\": \"NewsArticle\", \"isAccessibleForFree\": \"False\"}</script></head>\
                  <body><p>The council agreed on Tuesday to rebuild the old bridge.</p></body></html>";
    assert_eq!(extract(marked, None).page_kind, PageKind::PaywallTeaser);

    let full = format!(
        "<html><body><article><p>{LONG}</p><p>{LONG}</p><p>{LONG}</p><p>{LONG}</p><p>{LONG}</p></article>\
                <div class='newsletter-subscribe'>Subscribe to our newsletter</div></body></html>"
    );
    assert_eq!(extract(&full, None).page_kind, PageKind::Article);
}

#[test]
fn body_text_joins_title_headings_and_paragraphs() {
    let page =
        format!("<body><h1>Bridge</h1><p class='byline'>By Jane Doe</p><h2>Plans</h2><p>{LONG}</p></body>");
    let extraction = extract(&page, None);
    assert_eq!(body_text(&extraction.blocks), format!("Bridge\nPlans\n{LONG}"));
    assert_eq!(extraction.page_kind, PageKind::Article);
}

#[test]
fn a_later_heading_matching_og_title_takes_the_title_from_an_earlier_h1() {
    let page = format!(
        "<html><head><meta property='og:title' content='Bridge to be rebuilt'></head><body>\
         <div class='logo'><h1>Example News</h1></div><h2>Bridge to be rebuilt</h2><p>{LONG}</p></body></html>"
    );
    let blocks = extract(&page, None).blocks;
    assert_eq!(kind_of(&blocks, "Bridge to be rebuilt").kind, BlockKind::Title);
    assert_eq!(kind_of(&blocks, "Example News").kind, BlockKind::Heading);
    assert_eq!(blocks.iter().filter(|b| b.kind == BlockKind::Title).count(), 1);
}

#[test]
fn a_subscribe_link_in_the_site_header_does_not_make_a_short_article_a_teaser() {
    let page = "<html><body><header><a class='subscribe-button' href='/abo'>Subscribe</a></header>\
                <nav><div class='subscription-offer'>Offers</div></nav>\
                <article><p>The council agreed on Tuesday to rebuild the old bridge.</p></article></body></html>";
    assert_eq!(extract(page, None).page_kind, PageKind::Article);
}

#[test]
fn a_wrapper_inside_the_article_that_holds_most_of_it_is_not_boilerplate() {
    let page = format!(
        "<body><div class='sidebar'><p>{LONG}</p><p>{LONG}</p><p>{LONG}</p></div>\
         <article><div class='entry share-enabled'><p>{LONG} Inside.</p><p>{LONG} Also inside.</p></div>\
         <div class='share'>Share on social media</div></article></body>"
    );
    let blocks = extract(&page, None).blocks;
    assert_eq!(kind_of(&blocks, &format!("{LONG} Inside.")).kind, BlockKind::Paragraph);
    assert_eq!(kind_of(&blocks, "Share on social media").kind, BlockKind::Boilerplate);
}

const SECOND: &str = "Engineers said the new bridge would carry twice the traffic of the old one and \
    stand on piers sunk deeper into the riverbed than any built in the region before.";
const THIRD: &str = "Residents who cross the river every day to reach the market asked the council \
    to keep a ferry running while the works last, and the mayor promised to look into it.";

#[test]
fn a_live_blog_made_of_comment_entries_is_the_text() {
    // Enough running text to be evidence (400 characters), all of it in the entries.
    let entries: String = [LONG, SECOND, THIRD, LONG]
        .iter()
        .map(|text| format!("<div class='live-comment'><p>{text}</p></div>"))
        .collect();
    let page = format!(
        "<html><body><h1>Live: the bridge vote</h1><div class='stream'>{entries}</div></body></html>"
    );
    let blocks = extract(&page, None).blocks;
    for text in [LONG, SECOND, THIRD] {
        assert_eq!(kind_of(&blocks, text).kind, BlockKind::Paragraph, "{blocks:#?}");
    }
}

#[test]
fn comments_below_an_article_stay_boilerplate() {
    let page = format!(
        "<html><body><h1>Bridge to be rebuilt</h1><p>{LONG}</p><p>{SECOND}</p><p>{THIRD}</p>\
         <div class='comments'><p>{LONG} I agree.</p><p>{SECOND} Not so sure.</p></div></body></html>"
    );
    let blocks = extract(&page, None).blocks;
    let comment = kind_of(&blocks, &format!("{LONG} I agree."));
    assert_eq!(
        (comment.kind, comment.reason.as_deref()),
        (BlockKind::Boilerplate, Some("class/id cue 'comment'"))
    );
}

#[test]
fn a_lead_above_the_article_container_is_kept() {
    let page = format!(
        "<html><body><div class='article-head'><h1>Bridge to be rebuilt</h1><p>{THIRD}</p></div>\
         <div itemprop='articleBody'>{}</div><div><p>Read more about bridges in our archive.</p></div>\
         </body></html>",
        format!("<p>{LONG}</p><p>{SECOND}</p>").repeat(4)
    );
    let blocks = extract(&page, None).blocks;
    assert_eq!(kind_of(&blocks, THIRD).kind, BlockKind::Paragraph, "{blocks:#?}");
    let after = kind_of(&blocks, "Read more about bridges in our archive.");
    assert_eq!(
        (after.kind, after.reason.as_deref()),
        (BlockKind::Boilerplate, Some("outside the article container"))
    );
}

#[test]
fn soft_hyphens_are_removed_from_words() {
    let page =
        "<html><body><p>Die Brücken\u{ad}bau\u{ad}arbeiten beginnen &shy; im M&shy;ärz.</p></body></html>";
    let blocks = extract(page, None).blocks;
    kind_of(&blocks, "Die Brückenbauarbeiten beginnen im März.");
}

#[test]
fn a_script_rendered_page_takes_the_json_ld_article_body() {
    // At least 400 characters: shorter bodies are summaries.
    let body = format!("{LONG}\\n{SECOND}\\n{THIRD}\\n{LONG} Again.");
    let page = format!(
        "<html><head><script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\
         \"headline\":\"Bridge to be rebuilt\",\"articleBody\":\"{body}\"}}</script></head>\
         <body><h1>Bridge to be rebuilt</h1><div id='app'></div></body></html>"
    );
    let blocks = extract(&page, None).blocks;
    for text in [LONG, SECOND, THIRD] {
        assert_eq!(kind_of(&blocks, text).kind, BlockKind::Paragraph);
    }
    // A page whose markup holds the text does not take it twice.
    let rendered =
        page.replace("<div id='app'></div>", &format!("<p>{LONG}</p><p>{SECOND}</p><p>{THIRD}</p>"));
    let blocks = extract(&rendered, None).blocks;
    assert_eq!(blocks.iter().filter(|b| b.text == LONG).count(), 1);
}
