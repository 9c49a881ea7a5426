//! Publication dates from metadata, URLs and text. (Interface stub; the dates stage fills it.)

use model::{Block, Hints, PartialDate, PublishedDate};

/// Parses one date string in any supported language or common machine format.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    s.parse().ok()
}

/// Finds the publication date with its evidence: container metadata, then HTML, then the URL, then the text.
pub fn find_published(
    hints: &Hints,
    html: Option<PublishedDate>,
    url: Option<&str>,
    blocks: &[Block],
) -> Option<PublishedDate> {
    let _ = (hints, url, blocks);
    html
}
