//! Measures how fast the SQLite store takes articles, and what the full-text index costs.
//!
//! `cargo run --release -p storyweave-store --example store_throughput [ARTICLES] [BATCH]`
//! (defaults: 50,000 synthetic articles of about 1.5 KB of text, in batches of 512). The articles are
//! made up here from a generated vocabulary with a Zipf-like word frequency, so the index grows the
//! way it does on real text; timings are printed, not asserted.

use model::{Article, ArticleId, Block, BlockKind, PageKind, PartialDate};
use std::time::Instant;
use store::{SqliteStore, Store, DB_FILE_NAME};

/// A small deterministic generator (xorshift64*), so every run measures the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Made-up words from syllables, some with diacritics, so the tokenizer's folding is exercised.
fn vocabulary(rng: &mut Rng, size: usize) -> Vec<String> {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "zo", "bä", "ché", "dor", "ein", "fü", "gra", "hol",
        "ist", "jun", "kre", "lan", "mor", "nü", "os", "pré", "qua", "ris", "sto", "tra", "um", "ven", "wel",
        "xa", "yé", "zan",
    ];
    (0..size)
        .map(|_| {
            let syllables = 1 + rng.below(4);
            (0..syllables).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()
        })
        .collect()
}

/// A word index with a Zipf-like distribution: small indexes are much more frequent.
fn zipf_index(rng: &mut Rng, size: usize) -> usize {
    let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    ((size as f64).powf(u) as usize).saturating_sub(1).min(size - 1)
}

fn sentence(rng: &mut Rng, words: &[String]) -> String {
    let n = 8 + rng.below(14);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        let word = &words[zipf_index(rng, words.len())];
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                s.extend(first.to_uppercase());
                s.push_str(chars.as_str());
            }
        } else {
            s.push_str(word);
        }
    }
    s.push('.');
    s
}

fn synthetic_article(rng: &mut Rng, words: &[String], index: usize) -> Article {
    let title = sentence(rng, words);
    let mut blocks = vec![Block {
        kind: BlockKind::Title,
        text: title.clone(),
        language: "en".into(),
        line: Some(1),
        url: None,
        reason: None,
    }];
    let mut text = title.clone();
    while text.len() < 1500 {
        let paragraph = (0..3).map(|_| sentence(rng, words)).collect::<Vec<_>>().join(" ");
        text.push('\n');
        text.push_str(&paragraph);
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: paragraph,
            language: "en".into(),
            line: Some(blocks.len() as u32 + 1),
            url: None,
            reason: None,
        });
    }
    blocks.push(Block {
        kind: BlockKind::Boilerplate,
        text: "Share this article".into(),
        language: "en".into(),
        line: Some(blocks.len() as u32 + 1),
        url: None,
        reason: Some("share line".into()),
    });
    Article {
        copy_group: None,
        copy_relation: None,
        copy_of: None,
        entities: Vec::new(),
        event_dates: Vec::new(),
        id: ArticleId(format!("{:016x}{:016x}", rng.next(), rng.next())),
        source: format!("synthetic/crawl-{:03}.jsonl:{index}", index / 1000),
        url: Some(format!("https://site{}.example.org/news/{index}", index % 97)),
        external_id: None,
        site: Some(format!("site{}.example.org", index % 97)),
        author: None,
        language: "en".into(),
        title: Some(title),
        published: PartialDate::ymd(2025, 1 + (index % 12) as u8, 1 + (index % 28) as u8),
        published_source: None,
        truncated: false,
        page_kind: PageKind::Article,
        text,
        blocks,
    }
}

fn file_size(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(50_000);
    let batch_size: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(512);

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let words = vocabulary(&mut rng, 30_000);
    let articles: Vec<Article> = (0..count).map(|i| synthetic_article(&mut rng, &words, i)).collect();
    let text_bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!(
        "{count} articles, {:.0} bytes of text each on average, batches of {batch_size}",
        text_bytes as f64 / count as f64
    );

    let dir = tempfile::tempdir()?;
    let data = dir.path().join("storyweave-data");
    let mut store = SqliteStore::open(&data)?;
    let run = store.begin_run("store_throughput")?;
    let start = Instant::now();
    for batch in articles.chunks(batch_size) {
        store.put_batch(run, batch)?;
    }
    let put = start.elapsed().as_secs_f64();
    println!("put_batch, new articles:     {put:6.2} s  {:8.0} articles/s", count as f64 / put);

    let again = store.begin_run("store_throughput again")?;
    let start = Instant::now();
    for batch in articles.chunks(batch_size) {
        store.put_batch(again, batch)?;
    }
    let reput = start.elapsed().as_secs_f64();
    println!("put_batch, already present:  {reput:6.2} s  {:8.0} articles/s", count as f64 / reput);

    let start = Instant::now();
    let mut seen = 0usize;
    store.for_each_article(&mut |_| {
        seen += 1;
        Ok(())
    })?;
    let read = start.elapsed().as_secs_f64();
    println!("for_each_article:            {read:6.2} s  {:8.0} articles/s", seen as f64 / read);

    for query in [words[0].as_str(), words[500].as_str(), words[20_000].as_str()] {
        let start = Instant::now();
        let hits = store.search(query, 20)?;
        println!(
            "search '{query}' (limit 20): {} hits in {:.1} ms",
            hits.len(),
            start.elapsed().as_secs_f64() * 1e3
        );
    }

    store.finish_run(run, &serde_json::json!({}))?;
    let usage = store.disk_usage()?;
    drop(store);
    let db = file_size(&data.join(DB_FILE_NAME));
    let wal = file_size(&data.join(format!("{DB_FILE_NAME}-wal")));
    println!(
        "database file {:.1} MiB ({:.0} bytes per article; WAL left {:.1} MiB)",
        mib(db),
        db as f64 / count as f64,
        mib(wal)
    );
    let conn = rusqlite::Connection::open(data.join(DB_FILE_NAME))?;
    let (json_len, text_len, page_size): (f64, f64, i64) = conn.query_row(
        "SELECT avg(length(CAST(json AS BLOB))), avg(length(CAST(text AS BLOB))), (SELECT page_size FROM pragma_page_size) FROM articles",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    drop(conn);
    println!("  average row: json {json_len:.0} bytes + text {text_len:.0} bytes; page size {page_size}");
    let fts: u64 = usage.iter().filter(|(name, _)| name.starts_with("articles_fts")).map(|(_, b)| b).sum();
    println!("  full-text index: {:.1} MiB", mib(fts));
    for (name, bytes) in &usage {
        println!("  {name:32} {:8.1} MiB", mib(*bytes));
    }

    // The same index work alone: a contentless FTS5 table with the store's tokenizer, filled with
    // the same titles and texts in transactions of the same size.
    let conn = rusqlite::Connection::open(dir.path().join("fts-only.sqlite3"))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;
         CREATE VIRTUAL TABLE t USING fts5(title, text, content = '',
             tokenize = 'unicode61 remove_diacritics 2');",
    )?;
    let start = Instant::now();
    for (b, batch) in articles.chunks(batch_size).enumerate() {
        let tx = conn.unchecked_transaction()?;
        {
            let mut insert = tx.prepare_cached("INSERT INTO t (rowid, title, text) VALUES (?1, ?2, ?3)")?;
            for (i, a) in batch.iter().enumerate() {
                insert.execute(((b * batch_size + i) as i64 + 1, &a.title, &a.text))?;
            }
        }
        tx.commit()?;
    }
    let fts_only = start.elapsed().as_secs_f64();
    println!(
        "full-text indexing alone:    {fts_only:6.2} s  {:8.0} articles/s ({:.0}% of put_batch)",
        count as f64 / fts_only,
        100.0 * fts_only / put
    );
    Ok(())
}
