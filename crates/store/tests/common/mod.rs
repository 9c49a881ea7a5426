//! Fixtures shared by the store tests: articles written for the tests, never taken from the corpus.
#![allow(dead_code)]

use model::{Article, ArticleId, Block, BlockKind, DateEvidence, DateSource, PageKind, PartialDate};
use store::{SqliteStore, Store};
use tempfile::TempDir;

/// A fresh store in a temporary data directory (kept alive by the returned `TempDir`).
pub fn fresh_store() -> (TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("data")).expect("open store");
    (dir, store)
}

/// A plain article: the title is the first line of the text, as the cleaner produces it.
pub fn article(id: &str, source: &str, language: &str, title: &str, body: &str) -> Article {
    let text = format!("{title}\n{body}");
    Article {
        copy_group: None,
        copy_relation: None,
        copy_of: None,
        entities: Vec::new(),
        event_dates: Vec::new(),
        id: ArticleId(id.to_owned()),
        source: source.to_owned(),
        url: None,
        external_id: None,
        site: None,
        author: None,
        language: language.to_owned(),
        title: Some(title.to_owned()),
        published: None,
        published_source: None,
        truncated: false,
        page_kind: PageKind::Article,
        text,
        blocks: vec![block(BlockKind::Title, title, language), block(BlockKind::Paragraph, body, language)],
    }
}

/// An article with every optional field filled and every kind of block.
pub fn full_article() -> Article {
    let title = "Harbour ferries resume after the storm";
    let body = "The first ferry left the northern pier at dawn, the operator said.";
    Article {
        copy_group: None,
        copy_relation: None,
        copy_of: None,
        entities: Vec::new(),
        event_dates: Vec::new(),
        id: ArticleId("f00dcafe0123456789abcdef".to_owned()),
        source: "crawl/2025-08.jsonl:17".to_owned(),
        url: Some("https://news.example.org/2025/08/23/ferries".to_owned()),
        external_id: Some("rec-17".to_owned()),
        site: Some("news.example.org".to_owned()),
        author: Some("A. Writer, B. Reporter".to_owned()),
        language: "en".to_owned(),
        title: Some(title.to_owned()),
        published: PartialDate::ym(2025, 8),
        published_source: Some(DateEvidence {
            kind: DateSource::Dateline,
            detail: "line 2: HARBOUR, Aug.".into(),
        }),
        truncated: true,
        page_kind: PageKind::PaywallTeaser,
        text: format!("{title}\nTimetable\n{body}"),
        blocks: vec![
            Block { line: Some(1), ..block(BlockKind::Title, title, "en") },
            Block { line: Some(2), ..block(BlockKind::Heading, "Timetable", "en") },
            Block { line: Some(3), ..block(BlockKind::Paragraph, body, "en") },
            Block {
                reason: Some("photo credit cue".into()),
                ..block(BlockKind::Caption, "The northern pier at dawn. Photo: staff", "en")
            },
            block(BlockKind::Credit, "(Example Wire)", "en"),
            Block {
                url: Some("https://news.example.org/2025/08/23/ferries".into()),
                ..block(BlockKind::SourceLink, "Source: news.example.org/2025/08/23/ferries", "und")
            },
            Block {
                reason: Some("comment widget".into()),
                ..block(BlockKind::Boilerplate, "Kommentare (3) – Jetzt anmelden", "de")
            },
        ],
    }
}

/// A block without line, URL or reason.
pub fn block(kind: BlockKind, text: &str, language: &str) -> Block {
    Block { kind, text: text.to_owned(), language: language.to_owned(), line: None, url: None, reason: None }
}

/// `n` synthetic English articles with distinct ids `{tag}-000000…`.
pub fn synthetic_batch(tag: &str, n: usize) -> Vec<Article> {
    (0..n)
        .map(|i| {
            article(
                &format!("{tag}{i:06}"),
                &format!("synthetic/{tag}/{i}.txt"),
                "en",
                &format!("Report number {i} of series {tag}"),
                &format!("Paragraph about item{i} and the common word harbour."),
            )
        })
        .collect()
}

/// All articles of a store, in the order `for_each_article` yields them.
pub fn all_articles(store: &dyn Store) -> Vec<Article> {
    let mut out = Vec::new();
    store
        .for_each_article(&mut |a| {
            out.push(a);
            Ok(())
        })
        .expect("for_each_article");
    out
}
