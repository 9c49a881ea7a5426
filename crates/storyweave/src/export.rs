//! Articles as news-please records, so an export reads back into storyweave and into the tools users
//! already have (news-please, trafilatura-based pipelines, pandas).

use model::{Article, BlockKind};
use serde_json::{json, Map, Value};

/// One article as a JSON object with news-please's field names where one exists.
///
/// `maintext` is the clean body without the headline (news-please keeps the headline in `title`), so
/// re-ingesting the export gives every article the same id. Fields news-please lacks are kept under
/// their storyweave names (`id`, `published_source`, `truncated`, `page_kind`, `source`, `blocks`).
pub fn news_please_record(article: &Article) -> Value {
    let mut title_seen = false;
    let mut maintext = String::new();
    for block in article.body_blocks() {
        if block.kind == BlockKind::Title && !title_seen {
            title_seen = true;
            continue;
        }
        if !maintext.is_empty() {
            maintext.push('\n');
        }
        maintext.push_str(&block.text);
    }
    let mut record = Map::new();
    record.insert("id".into(), json!(article.id));
    record.insert("url".into(), json!(article.url));
    record.insert("source_domain".into(), json!(article.site));
    record.insert("title".into(), json!(article.title));
    record.insert("maintext".into(), json!(maintext));
    record.insert("date_publish".into(), json!(article.published));
    record.insert("language".into(), json!(article.language));
    let authors: Vec<&str> = article.author.as_deref().map(|a| a.split(", ").collect()).unwrap_or_default();
    record.insert("authors".into(), json!(authors));
    record.insert("published_source".into(), json!(article.published_source));
    record.insert("truncated".into(), json!(article.truncated));
    record.insert("page_kind".into(), json!(article.page_kind));
    record.insert("source".into(), json!(article.source));
    record.insert("blocks".into(), json!(article.blocks));
    Value::Object(record)
}
