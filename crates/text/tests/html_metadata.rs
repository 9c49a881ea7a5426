//! Page metadata from each of its sources, on small pages written for these tests.

use model::{DateSource, PartialDate};
use text::html::extract;

const BODY: &str = "<body><h1>First heading</h1><p>Some paragraph text for the page.</p></body>";

fn page(head: &str) -> String {
    format!("<html><head>{head}</head>{BODY}</html>")
}

fn date(y: i32, m: u8, d: u8) -> PartialDate {
    PartialDate::ymd(y, m, d).expect("valid date")
}

#[test]
fn published_from_each_meta_tag() {
    let cases = [
        (
            "<meta property='article:published_time' content='2025-08-23T09:15:00+09:00'>",
            "meta property=\"article:published_time\"",
        ),
        ("<meta property='og:published_time' content='2025-08-23'>", "meta property=\"og:published_time\""),
        ("<meta itemprop='datePublished' content='2025-08-23'>", "meta itemprop=\"datePublished\""),
        ("<meta name='date' content='2025-08-23'>", "meta name=\"date\""),
        ("<meta name='pubdate' content='2025-08-23T10:00:00Z'>", "meta name=\"pubdate\""),
        ("<meta name='publishdate' content='2025-08-23'>", "meta name=\"publishdate\""),
        ("<meta name='DC.date' content='2025-08-23'>", "meta name=\"dc.date\""),
        ("<meta name='DC.date.issued' content='2025-08-23'>", "meta name=\"dc.date.issued\""),
        ("<meta name='sailthru.date' content='2025-08-23 10:00:00'>", "meta name=\"sailthru.date\""),
        ("<meta name='parsely-pub-date' content='2025-08-23T10:00:00Z'>", "meta name=\"parsely-pub-date\""),
    ];
    for (head, detail) in cases {
        let published = extract(&page(head), None).published.unwrap_or_else(|| panic!("no date from {head}"));
        assert_eq!(published.date, date(2025, 8, 23), "{head}");
        assert_eq!(published.source, DateSource::HtmlMeta, "{head}");
        assert_eq!(published.detail, detail, "{head}");
    }
}

#[test]
fn meta_tags_win_over_json_ld_and_time_and_unparsable_values_are_skipped() {
    let head = "<meta property='article:published_time' content='not a date'>\
                <meta name='date' content='2025-08-22'>\
                <script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-08-21\"}</script>";
    let published = extract(&page(head), None).published.expect("a date");
    assert_eq!(published.date, date(2025, 8, 22));
    assert_eq!(published.detail, "meta name=\"date\"");
}

#[test]
fn published_from_json_ld_in_objects_graphs_and_arrays() {
    let cases = [
        ("{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"datePublished\":\"2025-08-23T09:00:00+09:00\"}", "NewsArticle"),
        ("{\"@type\":\"ReportageNewsArticle\",\"datePublished\":\"2025-08-23\"}", "ReportageNewsArticle"),
        ("{\"@type\":\"BlogPosting\",\"datePublished\":\"2025-08-23\"}", "BlogPosting"),
        ("{\"@graph\":[{\"@type\":\"WebPage\",\"datePublished\":\"2020-01-01\"},{\"@type\":\"Article\",\"datePublished\":\"2025-08-23\"}]}", "Article"),
        ("[{\"@type\":\"Organization\",\"name\":\"X\"},{\"@type\":[\"NewsArticle\"],\"datePublished\":\"2025-08-23\"}]", "NewsArticle"),
        ("<!-- {\"@type\":\"NewsArticle\",\"datePublished\":\"2025-08-23\",\"description\":\"two\nlines\"} -->", "NewsArticle"),
    ];
    for (json, kind) in cases {
        let head = format!("<script type='application/ld+json'>{json}</script>");
        let published =
            extract(&page(&head), None).published.unwrap_or_else(|| panic!("no date from {json}"));
        assert_eq!(published.date, date(2025, 8, 23), "{json}");
        assert_eq!(published.source, DateSource::JsonLd, "{json}");
        assert_eq!(published.detail, format!("JSON-LD {kind}.datePublished"), "{json}");
    }
    let invalid =
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", datePublished: 2025}</script>";
    assert_eq!(extract(&page(invalid), None).published, None);
}

#[test]
fn published_from_the_time_element_last() {
    let body = "<body><p>Posted <time datetime='2025-08-23T08:00'>Saturday</time></p><time datetime='2024-01-01'>x</time></body>";
    let published = extract(body, None).published.expect("a date");
    assert_eq!(published.date, date(2025, 8, 23));
    assert_eq!(published.source, DateSource::TimeElement);
    assert_eq!(published.detail, "<time datetime>");
}

#[test]
fn title_from_og_title_then_h1_then_the_title_tag() {
    let og = page("<meta property='og:title' content=' Summit  in Tokyo '><title>Other | Site</title>");
    assert_eq!(extract(&og, None).title.as_deref(), Some("Summit in Tokyo"));
    let h1 = page("<title>Other | Site</title>");
    assert_eq!(extract(&h1, None).title.as_deref(), Some("First heading"));
    let tag =
        "<html><head><title>Summit in Tokyo - Example News</title></head><body><p>Text.</p></body></html>";
    assert_eq!(extract(tag, None).title.as_deref(), Some("Summit in Tokyo"));
    let pipe = "<title>Summit in Tokyo | Example</title><p>Text.</p>";
    assert_eq!(extract(pipe, None).title.as_deref(), Some("Summit in Tokyo"));
}

#[test]
fn language_from_html_lang_then_og_locale_then_content_language() {
    let lang = |html: &str| extract(html, None).language;
    assert_eq!(lang("<html lang='de-DE'><p>Text</p></html>").as_deref(), Some("de"));
    assert_eq!(lang("<html lang='EN'><p>Text</p></html>").as_deref(), Some("en"));
    assert_eq!(lang(&page("<meta property='og:locale' content='fr_FR'>")).as_deref(), Some("fr"));
    assert_eq!(
        lang(&page("<meta http-equiv='Content-Language' content='es-ES, en'>")).as_deref(),
        Some("es")
    );
    assert_eq!(
        lang("<html lang='x-klingon'><head><meta property='og:locale' content='it_IT'></head></html>")
            .as_deref(),
        Some("it")
    );
    assert_eq!(lang(&page("")), None);
}

#[test]
fn canonical_url_from_link_then_og_url_resolved_against_the_page() {
    let url = Some("https://www.example.org/world/2025/08/story.html?utm=1");
    let link =
        page("<link rel='canonical' href='/world/story'><meta property='og:url' content='https://x.org/og'>");
    assert_eq!(extract(&link, url).canonical_url.as_deref(), Some("https://www.example.org/world/story"));
    let og = page("<meta property='og:url' content='https://www.example.org/og'>");
    assert_eq!(extract(&og, url).canonical_url.as_deref(), Some("https://www.example.org/og"));
    let relative = page("<link rel='Canonical' href='story-2.html'>");
    assert_eq!(
        extract(&relative, url).canonical_url.as_deref(),
        Some("https://www.example.org/world/2025/08/story-2.html")
    );
    assert_eq!(extract(&relative, None).canonical_url, None);
}

#[test]
fn site_name_from_og_site_name_else_the_host() {
    let url = Some("https://www.Example.org/story");
    let named = page("<meta property='og:site_name' content='Example News'>");
    assert_eq!(extract(&named, url).site_name.as_deref(), Some("Example News"));
    assert_eq!(extract(&page(""), url).site_name.as_deref(), Some("www.example.org"));
    assert_eq!(extract(&page(""), None).site_name, None);
}

#[test]
fn author_from_meta_then_article_author_then_json_ld() {
    let author = |head: &str| extract(&page(head), None).author;
    assert_eq!(author("<meta name='author' content='Jane Doe'>").as_deref(), Some("Jane Doe"));
    assert_eq!(
        author("<meta property='article:author' content='https://facebook.com/janedoe'><meta name='x' content='y'>"),
        None
    );
    assert_eq!(author("<meta property='article:author' content='Jane Doe'>").as_deref(), Some("Jane Doe"));
    let json = "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\
                \"author\":[{\"@type\":\"Person\",\"name\":\"Jane Doe\"},{\"@type\":\"Person\",\"name\":\"Max Muster\"}]}</script>";
    assert_eq!(author(json).as_deref(), Some("Jane Doe, Max Muster"));
    let single = "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"Article\",\"author\":{\"name\":\"Ana Silva\"}}]}</script>";
    assert_eq!(author(single).as_deref(), Some("Ana Silva"));
}
