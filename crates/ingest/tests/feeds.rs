//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds.

use std::io::Cursor;

use crate::common::{split, write};
use ingest::{read_paths, FeedSource, IngestError};
use model::Content;

const RSS2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Example News</title>
    <link>https://www.news.example/</link>
    <language>en-gb</language>
    <atom:link href="https://www.news.example/feed" rel="self"/>
    <item>
      <title>Summit in Tokyo &amp; what it means</title>
      <link>https://www.news.example/world/summit</link>
      <guid isPermaLink="false">news-123</guid>
      <pubDate>Sat, 23 Aug 2025 10:00:00 +0000</pubDate>
      <dc:creator><![CDATA[Ann Writer]]></dc:creator>
      <description>A short teaser.</description>
      <content:encoded><![CDATA[<p>The leaders met on Saturday.</p><p>They agreed &amp; signed.</p>]]></content:encoded>
      <media:content url="https://img.news.example/1.jpg" medium="image"><media:title>Photo</media:title></media:content>
    </item>
    <item>
      <title>Plain teaser only</title>
      <link>https://www.news.example/b</link>
      <author>desk@news.example (News Desk)</author>
      <description>Prices rose by 5 &lt; 6 percent &#8212; officials said&hellip;</description>
    </item>
    <item>
      <title>Escaped HTML description</title>
      <guid>https://www.news.example/c</guid>
      <description>&lt;p&gt;Escaped &lt;b&gt;markup&lt;/b&gt; here.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>
"#;

#[test]
fn rss2_items_become_documents_with_hints() {
    let (documents, errors) = split(FeedSource::from_reader("news.rss", Cursor::new(RSS2)));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 3);

    let first = &documents[0];
    assert_eq!(first.source, "news.rss#item 1");
    assert_eq!(
        first.content,
        Content::Html("<p>The leaders met on Saturday.</p><p>They agreed &amp; signed.</p>".to_owned())
    );
    assert_eq!(first.hints.title.as_deref(), Some("Summit in Tokyo & what it means"));
    assert_eq!(first.hints.url.as_deref(), Some("https://www.news.example/world/summit"));
    assert_eq!(first.hints.site.as_deref(), Some("news.example"));
    assert_eq!(first.hints.published.as_deref(), Some("Sat, 23 Aug 2025 10:00:00 +0000"));
    assert_eq!(first.hints.published_field.as_deref(), Some("pubDate"));
    assert_eq!(first.hints.author.as_deref(), Some("Ann Writer"));
    assert_eq!(first.hints.external_id.as_deref(), Some("news-123"));
    assert_eq!(first.hints.language.as_deref(), Some("en-gb"));

    let second = &documents[1];
    assert_eq!(
        second.content,
        Content::Text("Prices rose by 5 < 6 percent \u{2014} officials said\u{2026}".to_owned())
    );
    assert_eq!(second.hints.author.as_deref(), Some("desk@news.example (News Desk)"));
    assert_eq!(second.hints.published, None);

    let third = &documents[2];
    assert_eq!(third.content, Content::Html("<p>Escaped <b>markup</b> here.</p>".to_owned()));
    assert_eq!(
        third.hints.url.as_deref(),
        Some("https://www.news.example/c"),
        "a URL guid stands in for the link"
    );
}

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Beispiel</title>
  <link href="https://zeitung.example/" rel="alternate"/>
  <entry>
    <title type="text">Erste Meldung</title>
    <link rel="self" href="https://zeitung.example/api/1"/>
    <link rel="alternate" type="text/html" href="https://zeitung.example/1?a=1&amp;b=2"/>
    <id>tag:zeitung.example,2025:1</id>
    <updated>2025-08-24T08:00:00Z</updated>
    <published>2025-08-23T12:00:00+02:00</published>
    <author><name>Erika Muster</name><email>e@zeitung.example</email></author>
    <author><name>Max Probe</name></author>
    <summary>Kurzfassung.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Der <em>ganze</em> Text.</p><br/></div></content>
  </entry>
  <entry xml:lang="en">
    <title>Second</title>
    <link href="https://zeitung.example/2"/>
    <updated>2025-08-25T08:00:00Z</updated>
    <summary type="text">Only a summary, with a &lt;tag&gt; that is text.</summary>
    <source><title>Not the entry title</title></source>
  </entry>
  <entry>
    <title>Third</title>
    <link href="https://zeitung.example/3"/>
    <content type="html">&lt;p&gt;Escaped HTML&lt;/p&gt;</content>
  </entry>
</feed>
"#;

#[test]
fn atom_entries_become_documents_with_hints() {
    let (documents, errors) = split(FeedSource::from_reader("zeitung.atom", Cursor::new(ATOM)));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 3);

    let first = &documents[0];
    assert_eq!(
        first.content,
        Content::Html(
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Der <em>ganze</em> Text.</p><br/></div>"
                .to_owned()
        )
    );
    assert_eq!(first.hints.url.as_deref(), Some("https://zeitung.example/1?a=1&b=2"));
    assert_eq!(first.hints.published.as_deref(), Some("2025-08-23T12:00:00+02:00"));
    assert_eq!(first.hints.published_field.as_deref(), Some("published"));
    assert_eq!(first.hints.author.as_deref(), Some("Erika Muster, Max Probe"));
    assert_eq!(first.hints.external_id.as_deref(), Some("tag:zeitung.example,2025:1"));
    assert_eq!(first.hints.language.as_deref(), Some("de"));

    let second = &documents[1];
    assert_eq!(second.content, Content::Text("Only a summary, with a <tag> that is text.".to_owned()));
    assert_eq!(second.hints.title.as_deref(), Some("Second"));
    assert_eq!(second.hints.published_field.as_deref(), Some("updated"));
    assert_eq!(second.hints.language.as_deref(), Some("en"));

    assert_eq!(documents[2].content, Content::Html("<p>Escaped HTML</p>".to_owned()));
}

const RSS1: &str = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/">
    <title>RDF news</title>
    <dc:language>fr</dc:language>
    <items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/1"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example/1">
    <title>Premier article</title>
    <link>https://rdf.example/1</link>
    <description>Le texte de l'article.</description>
    <dc:date>2024-06-30T20:00:00+02:00</dc:date>
    <dc:creator>Jean Auteur</dc:creator>
  </item>
</rdf:RDF>
"#;

#[test]
fn rss1_rdf_items_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "fil.xml", RSS1);
    let (documents, errors) = split(read_paths(std::slice::from_ref(&path)));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 1);
    let document = &documents[0];
    assert_eq!(document.source, format!("{}#item 1", path.display()));
    assert_eq!(document.content, Content::Text("Le texte de l'article.".to_owned()));
    assert_eq!(document.hints.published_field.as_deref(), Some("dc:date"));
    assert_eq!(document.hints.author.as_deref(), Some("Jean Auteur"));
    assert_eq!(document.hints.language.as_deref(), Some("fr"));
}

#[test]
fn a_malformed_feed_yields_the_items_before_the_fault_and_names_the_item() {
    let feed = "<rss version=\"2.0\"><channel>\
        <item><title>One</title><description>first</description></item>\
        <item><title>Two</title><description>second</description></item>\
        <item><title>Three</titel><description>third</description></item>\
        <item><title>Four</title><description>fourth</description></item>\
        </channel></rss>";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "broken.rss", feed);
    let (documents, errors) = split(read_paths(std::slice::from_ref(&path)));
    let texts: Vec<&str> = documents.iter().map(|d| d.content.as_str()).collect();
    assert_eq!(texts, ["first", "second"]);
    match &errors[..] {
        [IngestError::MalformedFeed { path: p, item: 3, reason }] => {
            assert_eq!(p, &path.display().to_string());
            assert!(reason.contains("not well-formed XML"), "{reason}");
        }
        other => panic!("expected one MalformedFeed for item 3, got {other:?}"),
    }
    assert!(errors[0].to_string().contains("broken.rss item 3"));
    assert_eq!(errors[0].kind(), "malformed_feed");
}

#[test]
fn a_feed_cut_inside_an_item_is_reported() {
    let feed = "<rss><channel><item><description>whole</description></item><item><description>cut";
    let (documents, errors) = split(FeedSource::from_reader("cut.rss", Cursor::new(feed)));
    assert_eq!(documents.len(), 1);
    assert!(matches!(errors[..], [IngestError::MalformedFeed { item: 2, .. }]), "{errors:?}");
}

#[test]
fn a_declared_legacy_encoding_is_honoured() {
    let mut feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><item>".to_vec();
    feed.extend_from_slice(
        b"<title>M\xfcller</title><description>Gr\xfc\xdfe aus K\xf6ln</description></item></channel></rss>",
    );
    let (documents, errors) = split(FeedSource::from_reader("alt.rss", Cursor::new(feed)));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents[0].hints.title.as_deref(), Some("Müller"));
    assert_eq!(documents[0].content.as_str(), "Grüße aus Köln");
    assert!(documents[0].warnings.is_empty());
}

#[test]
fn an_item_without_any_body_is_an_empty_error_and_the_feed_goes_on() {
    let feed = "<rss><channel><item><title>Title only</title></item><item><description>body</description></item></channel></rss>";
    let (documents, errors) = split(FeedSource::from_reader("f.rss", Cursor::new(feed)));
    assert_eq!(documents.len(), 1);
    assert!(matches!(&errors[..], [IngestError::Empty { path }] if path == "f.rss#item 1"), "{errors:?}");
}
