//! Unit tests of date parsing and publication-date finding, on strings written for these tests.

use super::*;
use model::BlockKind;

fn ymd(y: i32, m: u8, d: u8) -> Option<PartialDate> {
    PartialDate::ymd(y, m, d)
}

fn ym(y: i32, m: u8) -> Option<PartialDate> {
    PartialDate::ym(y, m)
}

#[test]
fn machine_formats() {
    assert_eq!(parse_date("2025-08-23"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025-08-23T10:00:00+09:00"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025-08-23T01:00:00Z"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025-08-23 10:00:00"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025-08"), ym(2025, 8));
    assert_eq!(parse_date("2025"), Some(PartialDate::year(2025)));
    assert_eq!(parse_date("20250823"), ymd(2025, 8, 23));
    assert_eq!(parse_date("Sat, 23 Aug 2025 10:00:00 +0900"), ymd(2025, 8, 23));
    assert_eq!(parse_date("Mon, 1 Sep 2025 08:15:00 GMT"), ymd(2025, 9, 1));
    assert_eq!(parse_date("2025/08/23"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025.08.23"), ymd(2025, 8, 23));
}

#[test]
fn numeric_day_first_and_us_order() {
    assert_eq!(parse_date("23.08.2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23/08/2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23-08-2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23.08.25"), ymd(2025, 8, 23));
    // Only the US order makes sense here.
    assert_eq!(parse_date("8/23/2025"), ymd(2025, 8, 23));
    // Ambiguous: read day first.
    assert_eq!(parse_date("05/06/2025"), ymd(2025, 6, 5));
    assert_eq!(parse_date("31/02/2025"), None);
    // Two-digit years only with dots; version numbers are not dates.
    assert_eq!(parse_date("23/08/25"), None);
    assert_eq!(parse_date("v1.23.08.2025"), None);
}

#[test]
fn english() {
    assert_eq!(parse_date("August 23, 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("Aug. 23, 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("Aug 23 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23 August 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("the 23rd of August 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("Sept. 1, 2024"), ymd(2024, 9, 1));
    assert_eq!(parse_date("August 2025"), ym(2025, 8));
    assert_eq!(parse_date("Published: Saturday, May 3, 2025 - 10:30 am"), ymd(2025, 5, 3));
}

#[test]
fn german_french_spanish_italian_portuguese_dutch() {
    assert_eq!(parse_date("23. August 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("Samstag, 1. März 2025, 14:30 Uhr"), ymd(2025, 3, 1));
    assert_eq!(parse_date("3. Jänner 2025"), ymd(2025, 1, 3));
    assert_eq!(parse_date("23 août 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("1er décembre 2024 à 10h00"), ymd(2024, 12, 1));
    assert_eq!(parse_date("23 de agosto de 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("1º de septiembre de 2025"), ymd(2025, 9, 1));
    assert_eq!(parse_date("agosto de 2025"), ym(2025, 8));
    assert_eq!(parse_date("23 agosto 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("giovedì 12 settembre 2024"), ymd(2024, 9, 12));
    assert_eq!(parse_date("23 de março de 2025"), ymd(2025, 3, 23));
    assert_eq!(parse_date("23 augustus 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("5 mrt. 2025"), ymd(2025, 3, 5));
}

#[test]
fn polish_czech_russian_ukrainian_turkish_tagalog() {
    assert_eq!(parse_date("23 sierpnia 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("1 czerwca 2025 r."), ymd(2025, 6, 1));
    assert_eq!(parse_date("w sierpniu 2025"), ym(2025, 8));
    assert_eq!(parse_date("23. srpna 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23 августа 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2 октября 2024 года"), ymd(2024, 10, 2));
    assert_eq!(parse_date("в августе 2025 года"), ym(2025, 8));
    assert_eq!(parse_date("23 серпня 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23 Ağustos 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23 AĞUSTOS 2025 Cumartesi"), ymd(2025, 8, 23));
    assert_eq!(parse_date("Agosto 23, 2025"), ymd(2025, 8, 23));
}

#[test]
fn arabic_urdu_persian() {
    assert_eq!(parse_date("23 أغسطس 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("٢٣ أغسطس ٢٠٢٥"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23 آب/أغسطس 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("السبت 23 آب 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("5 كانون الثاني 2025"), ymd(2025, 1, 5));
    assert_eq!(parse_date("اگست 23, 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("23 اگست 2025"), ymd(2025, 8, 23));
    assert_eq!(parse_date("۲۳ اگست ۲۰۲۵"), ymd(2025, 8, 23));
    assert_eq!(parse_date("12 جنوری 2025"), ymd(2025, 1, 12));
    assert_eq!(parse_date("۲۳ اوت ۲۰۲۵"), ymd(2025, 8, 23));
    // Solar Hijri: 1 Shahrivar 1404 is 23 August 2025.
    assert_eq!(parse_date("۱ شهریور ۱۴۰۴"), ymd(2025, 8, 23));
    assert_eq!(parse_date("شنبه ۱ شهریور ۱۴۰۴ - ۱۰:۳۰"), ymd(2025, 8, 23));
}

#[test]
fn chinese_japanese_korean() {
    assert_eq!(parse_date("2025年8月23日"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025年08月23日 10:00"), ymd(2025, 8, 23));
    assert_eq!(parse_date("２０２５年８月２３日"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025年8月"), ym(2025, 8));
    assert_eq!(parse_date("发布时间：2025年8月23号"), ymd(2025, 8, 23));
    assert_eq!(parse_date("令和7年8月23日"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025년 8월 23일"), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025. 8. 23."), ymd(2025, 8, 23));
    assert_eq!(parse_date("2025년 8월"), ym(2025, 8));
}

#[test]
fn not_dates() {
    for s in ["", "yesterday", "August", "23 August", "Mayday 2025", "page 23 of 2025", "12:30", "1.2.3.4"] {
        assert_eq!(parse_date(s), None, "{s}");
    }
}

#[test]
fn plausibility() {
    assert!(is_plausible(&PartialDate::ymd(2025, 8, 23).unwrap()));
    assert!(!is_plausible(&PartialDate::ymd(1985, 8, 23).unwrap()));
    assert!(!is_plausible(&PartialDate::ymd(2999, 1, 1).unwrap()));
}

fn blocks(lines: &[(BlockKind, &str)]) -> Vec<Block> {
    lines
        .iter()
        .enumerate()
        .map(|(i, (kind, text))| Block {
            kind: *kind,
            text: text.to_string(),
            language: String::new(),
            line: Some(i as u32 + 1),
            url: None,
            reason: None,
        })
        .collect()
}

const P: BlockKind = BlockKind::Paragraph;

#[test]
fn metadata_first() {
    let hints = Hints {
        published: Some("Sat, 23 Aug 2025 10:00:00 +0900".into()),
        published_field: Some("pubDate".into()),
        ..Hints::default()
    };
    let found = find_published(&hints, None, Some("https://example.org/2024/01/02/x"), &[]).unwrap();
    assert_eq!(found.date, ymd(2025, 8, 23).unwrap());
    assert_eq!(found.source, DateSource::Metadata);
    assert_eq!(found.detail, "pubDate");
    // Implausible metadata falls through to the next source.
    let hints = Hints { published: Some("1970-01-01".into()), ..Hints::default() };
    let found = find_published(&hints, None, Some("https://example.org/2024/01/02/x"), &[]).unwrap();
    assert_eq!(found.source, DateSource::Url);
}

#[test]
fn html_before_url() {
    let html = PublishedDate {
        date: ymd(2025, 8, 22).unwrap(),
        source: DateSource::JsonLd,
        detail: "datePublished".into(),
    };
    let found = find_published(&Hints::default(), Some(html.clone()), Some("/2025/08/23/a"), &[]);
    assert_eq!(found, Some(html));
}

#[test]
fn url_patterns() {
    let url = |u: &str| date_in_url(u).map(|d| (d.date.to_string(), d.detail));
    assert_eq!(
        url("https://news.example.com/world/2025/08/23/summit-tokyo/"),
        Some(("2025-08-23".into(), "/2025/08/23/".into()))
    );
    assert_eq!(
        url("https://example.com/a/20250823/summit"),
        Some(("2025-08-23".into(), "/20250823/".into()))
    );
    assert_eq!(
        url("https://example.com/summit-tokyo-2025-08-23.html"),
        Some(("2025-08-23".into(), "-2025-08-23".into()))
    );
    assert_eq!(
        url("https://example.com/politik/2025/05/wahl.html"),
        Some(("2025-05".into(), "/2025/05/".into()))
    );
    assert_eq!(url("https://example.com/article/20251399/x"), None);
    assert_eq!(url("https://example.com/id/123456789"), None);
    assert_eq!(url("https://2025.example.com/08/23/x"), None);
}

#[test]
fn datelines() {
    let b = blocks(&[
        (P, "BERLIN, 23.08.2025 (dpa) – Die Regierung hat am Samstag ein neues Gesetz beschlossen."),
        (P, "Weitere Einzelheiten wurden nicht genannt."),
    ]);
    let found = find_published(&Hints::default(), None, None, &b).unwrap();
    assert_eq!((found.date, found.source), (ymd(2025, 8, 23).unwrap(), DateSource::Dateline));
    assert!(found.detail.starts_with("line 1: BERLIN"));

    // Without a year, the dateline needs the URL's year (and month).
    let b =
        blocks(&[(P, "TOKYO, Aug. 23 (Kyodo) - Japan and South Korea agreed on Saturday to deepen ties.")]);
    assert_eq!(find_published(&Hints::default(), None, None, &b), None);
    let found =
        find_published(&Hints::default(), None, Some("https://example.jp/news/2025/08/summit"), &b).unwrap();
    assert_eq!((found.date, found.source), (ymd(2025, 8, 23).unwrap(), DateSource::Dateline));
    assert!(found.detail.contains("within the URL's /2025/08/"), "{}", found.detail);
    let found =
        find_published(&Hints::default(), None, Some("https://example.jp/news/2025/09/summit"), &b).unwrap();
    assert_eq!((found.date, found.source), (ym(2025, 9).unwrap(), DateSource::Url));

    // A sentence that opens with a place and a date but no dash is not a dateline.
    let b = blocks(&[(P, "Paris, 14 juillet 2025 restera dans les mémoires comme une journée de fête.")]);
    assert_eq!(find_published(&Hints::default(), None, None, &b), None);
}

#[test]
fn date_lines_at_head_and_tail() {
    let body =
        "Die Minister trafen sich am 9. September 2025 in Seoul und vereinbarten engere Zusammenarbeit.";
    let mut lines = vec![(BlockKind::Title, "Treffen in Seoul am 9. September 2025"), (P, body)];
    lines.extend(std::iter::repeat_n((P, "Beide Seiten wollen sich regelmäßig austauschen."), 20));
    lines.push((BlockKind::Boilerplate, "Veröffentlicht am 10.09.2025, 14:30 Uhr"));
    lines.push((BlockKind::Boilerplate, "Kommentare (3)"));
    let b = blocks(&lines);
    let found = find_published(&Hints::default(), None, None, &b).unwrap();
    assert_eq!((found.date, found.source), (ymd(2025, 9, 10).unwrap(), DateSource::TextLine));
    assert_eq!(found.detail, "line 23: Veröffentlicht am 10.09.2025, 14:30 Uhr");

    // A date in the body only, or in a title, is not a publication date.
    let b = blocks(&[(BlockKind::Title, "Treffen am 9. September 2025"), (P, body)]);
    assert_eq!(find_published(&Hints::default(), None, None, &b), None);

    // A revision stamp is taken only when no other date line exists.
    let b = blocks(&[
        (P, "Mis à jour le 24 août 2025 à 08h00"),
        (P, "Le sommet s'est tenu samedi à Tokyo."),
        (P, "Publié le 23 août 2025 à 10h15"),
    ]);
    let found = find_published(&Hints::default(), None, None, &b).unwrap();
    assert_eq!(found.date, ymd(2025, 8, 23).unwrap());
    let b = blocks(&[(P, "Le sommet s'est tenu samedi à Tokyo."), (P, "Mis à jour le 24 août 2025 à 08h00")]);
    assert_eq!(find_published(&Hints::default(), None, None, &b).unwrap().date, ymd(2025, 8, 24).unwrap());
}

#[test]
fn footer_lines_in_several_languages() {
    for (line, want) in [
        ("Reviewed by Jane Doe on August 23, 2025", ymd(2025, 8, 23)),
        ("اگست 23, 2025", ymd(2025, 8, 23)),
        ("نشر بتاريخ 23 أغسطس 2025", ymd(2025, 8, 23)),
        ("Pubblicato il 23 agosto 2025 alle 10:00", ymd(2025, 8, 23)),
        ("Opublikowano: 23 sierpnia 2025, 10:00", ymd(2025, 8, 23)),
        ("Опубликовано 23 августа 2025, 10:00", ymd(2025, 8, 23)),
        ("Yayınlanma: 23 Ağustos 2025", ymd(2025, 8, 23)),
        ("2025年8月23日 10:00", ymd(2025, 8, 23)),
        ("입력 2025년 8월 23일", ymd(2025, 8, 23)),
        ("Gepubliceerd op 23 augustus 2025", ymd(2025, 8, 23)),
        ("Publicado el 23 de agosto de 2025", ymd(2025, 8, 23)),
        ("Publicado em 23 de agosto de 2025", ymd(2025, 8, 23)),
        ("Stand: August 2025", ym(2025, 8)),
    ] {
        let b = blocks(&[
            (P, "A long enough first paragraph of the article body, with no date at all in it."),
            (P, line),
        ]);
        let found = find_published(&Hints::default(), None, None, &b).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(Some(found.date), want, "{line}");
        assert_eq!(found.source, DateSource::TextLine);
        assert_eq!(found.detail, format!("line 2: {line}"));
    }
}

#[test]
fn leading_boilerplate_does_not_hide_the_head() {
    let mut lines = vec![(BlockKind::Boilerplate, "Skip to content"); 5];
    lines.extend([
        (BlockKind::Title, "Rail strike begins"),
        (P, "January 24, 2024"),
        (P, "Train drivers began their longest strike yet on Wednesday, the union said."),
    ]);
    let found = find_published(&Hints::default(), None, None, &blocks(&lines)).unwrap();
    assert_eq!((found.date, found.source), (ymd(2024, 1, 24).unwrap(), DateSource::TextLine));
    assert_eq!(found.detail, "line 7: January 24, 2024");
}

#[test]
fn embedded_post_signatures_are_not_publication_dates() {
    let b = blocks(&[
        (P, "The bank cut its key rate on Thursday, its first cut in five years."),
        (P, "— Example Bank (@examplebank) June 6, 2024"),
    ]);
    assert_eq!(find_published(&Hints::default(), None, None, &b), None);
}
