//! Event dates on sentences written for these tests, in en, de, fr, es, it, pt and pl. Publication
//! day: Friday 14 March 2025.

use model::{Block, BlockKind, EventDate, PartialDate};
use text::dates::{find_event_dates, main_event_date};

fn day(y: i32, m: u8, d: u8) -> PartialDate {
    PartialDate::ymd(y, m, d).expect("valid day")
}

fn published() -> Option<PartialDate> {
    Some(day(2025, 3, 14))
}

fn block(kind: BlockKind, text: &str) -> Block {
    Block { kind, text: text.into(), language: String::new(), line: None, url: None, reason: None }
}

/// The event dates of one paragraph.
fn dates(language: &str, text: &str, published: Option<PartialDate>) -> Vec<EventDate> {
    find_event_dates(&[block(BlockKind::Paragraph, text)], language, published)
}

/// The (date, until, resolution) of the single event date of a paragraph.
fn only(language: &str, text: &str) -> (PartialDate, Option<PartialDate>, String) {
    let found = dates(language, text, published());
    assert_eq!(found.len(), 1, "{text}: {found:#?}");
    let d = &found[0];
    (d.date, d.until, d.resolution.clone())
}

fn only_date(language: &str, text: &str) -> PartialDate {
    only(language, text).0
}

#[test]
fn english() {
    assert_eq!(only("en", "The council met on Tuesday to vote."), (day(2025, 3, 11), None, "weekday".into()));
    assert_eq!(only_date("en", "The council will meet on Tuesday."), day(2025, 3, 18));
    assert_eq!(only_date("en", "The vote is set for next Friday."), day(2025, 3, 21));
    assert_eq!(
        only("en", "Officials said yesterday that it was over."),
        (day(2025, 3, 13), None, "relative".into())
    );
    assert_eq!(only("en", "Talks began on March 3 in Geneva."), (day(2025, 3, 3), None, "day_month".into()));
    assert_eq!(
        only("en", "The pact was signed on 23 August 2024."),
        (day(2024, 8, 23), None, "absolute".into())
    );
    assert_eq!(
        only("en", "It was signed on August 23, 2024, in Rome."),
        (day(2024, 8, 23), None, "absolute".into())
    );
    assert_eq!(
        only("en", "The strike runs from 10 to 12 March."),
        (day(2025, 3, 10), Some(day(2025, 3, 12)), "day_month".into())
    );
    assert_eq!(
        only("en", "Prices rose in February."),
        (PartialDate::ym(2025, 2).unwrap(), None, "month".into())
    );
    assert_eq!(only_date("en", "Rain fell last night across the north."), day(2025, 3, 13));
    let week = only("en", "The minister resigned last week.");
    assert_eq!((week.0, week.1), (day(2025, 3, 3), Some(day(2025, 3, 9))));
    let found = dates("en", "The court ruled on March 3. Two days later the strike began.", published());
    assert_eq!(found.iter().map(|d| d.date).collect::<Vec<_>>(), [day(2025, 3, 3), day(2025, 3, 5)]);
    assert_eq!(found[1].sentence, "Two days later the strike began.");
}

#[test]
fn times_numbers_and_words_that_look_like_dates_are_not_dates() {
    let text = "The storm hit at 23:10 and rates fell to 3.75% while 2,000 people may leave; we march on.";
    assert_eq!(dates("en", text, published()), []);
    assert_eq!(
        dates("de", "Gegen 23.10 Uhr traf der Sturm auf Land, der Zins liegt bei 3,75 Prozent.", published()),
        []
    );
    assert_eq!(dates("de", "Am Morgen war es ruhig.", published()), []);
}

#[test]
fn ambiguous_numeric_dates_follow_the_publication_date_then_the_language() {
    let near_june = Some(day(2025, 6, 10));
    assert_eq!(dates("en", "It was filed on 05/06/2025.", near_june)[0].date, day(2025, 6, 5));
    let near_may = Some(day(2025, 5, 7));
    assert_eq!(dates("en", "It was filed on 05/06/2025.", near_may)[0].date, day(2025, 5, 6));
    assert_eq!(dates("en", "It was filed on 05/06/2025.", None)[0].date, day(2025, 5, 6));
    assert_eq!(dates("de", "Eingereicht am 05.06.2025.", None)[0].date, day(2025, 6, 5));
    assert_eq!(only_date("en", "The results of 2025-03-09 were confirmed by the court."), day(2025, 3, 9));
}

#[test]
fn german() {
    assert_eq!(only_date("de", "Am Donnerstag trafen sich die Minister."), day(2025, 3, 13));
    assert_eq!(only_date("de", "Der Streik begann am Donnerstagabend."), day(2025, 3, 13));
    assert_eq!(only_date("de", "Am kommenden Montag wird erneut gestreikt."), day(2025, 3, 17));
    assert_eq!(only_date("de", "Die Bahn wird am Montag den Verkehr einstellen."), day(2025, 3, 17));
    assert_eq!(only_date("de", "Gestern Abend tagte der Rat."), day(2025, 3, 13));
    assert_eq!(only_date("de", "Heute Morgen fuhren kaum Züge."), day(2025, 3, 14));
    assert_eq!(only_date("de", "Morgen beginnt der Streik."), day(2025, 3, 15));
    assert_eq!(only_date("de", "Am 15. August trafen sie sich."), day(2024, 8, 15));
    assert_eq!(only("de", "Vertrag vom 23. August 2025 gilt."), (day(2025, 8, 23), None, "absolute".into()));
    assert_eq!(
        only("de", "Der Streik dauert vom 24. bis 29. Januar."),
        (day(2025, 1, 24), Some(day(2025, 1, 29)), "day_month".into())
    );
    let span = only("de", "Gestreikt wird von Mittwoch, 24. Januar 2024, bis Montag, 29. Januar 2024.");
    assert_eq!((span.0, span.1), (day(2024, 1, 24), Some(day(2024, 1, 29))));
    assert_eq!(only("de", "Die Inflation lag im Februar bei 2 Prozent.").2, "month");
    let found = dates("de", "Einen Tag nach der Wahl am 9. März trat er zurück.", published());
    assert_eq!(found.iter().map(|d| d.date).collect::<Vec<_>>(), [day(2025, 3, 10), day(2025, 3, 9)]);
    assert_eq!(found[0].resolution, "relative");
    let week = only("de", "Vergangene Woche hatte die Bank gewarnt.");
    assert_eq!((week.0, week.1), (day(2025, 3, 3), Some(day(2025, 3, 9))));
}

#[test]
fn french() {
    assert_eq!(only_date("fr", "Le sommet s'est tenu jeudi à Paris."), day(2025, 3, 13));
    assert_eq!(only_date("fr", "Le ministre l'a annoncé hier."), day(2025, 3, 13));
    assert_eq!(only_date("fr", "Aujourd’hui, les trains sont à l'arrêt."), day(2025, 3, 14));
    assert_eq!(only_date("fr", "Le vote aura lieu dimanche prochain."), day(2025, 3, 16));
    assert_eq!(only_date("fr", "Il est venu le 8 septembre."), day(2024, 9, 8));
    assert_eq!(only_date("fr", "Le traité du 8 septembre 2025 est signé."), day(2025, 9, 8));
    assert_eq!(
        only("fr", "La grève a lieu du 10 au 12 janvier."),
        (day(2025, 1, 10), Some(day(2025, 1, 12)), "day_month".into())
    );
    assert_eq!(only("fr", "Les prix ont baissé en février.").2, "month");
    assert_eq!(only_date("fr", "Le résultat a été publié le 30/06/2024."), day(2024, 6, 30));
}

#[test]
fn spanish() {
    assert_eq!(only_date("es", "El huracán tocó tierra el domingo."), day(2025, 3, 9));
    assert_eq!(only_date("es", "El presidente habló ayer."), day(2025, 3, 13));
    assert_eq!(only_date("es", "Llegó el 26 de septiembre a Madrid."), day(2024, 9, 26));
    assert_eq!(only_date("es", "La cumbre será el próximo martes."), day(2025, 3, 18));
    assert_eq!(only_date("es", "La tormenta llegará a Georgia el sábado."), day(2025, 3, 15));
    assert_eq!(only_date("es", "Esta mañana no hubo trenes."), day(2025, 3, 14));
    assert_eq!(
        only("es", "La huelga será del 10 al 12 de enero de 2026."),
        (day(2026, 1, 10), Some(day(2026, 1, 12)), "absolute".into())
    );
}

#[test]
fn italian() {
    assert_eq!(only_date("it", "L'incontro si è svolto sabato a Roma."), day(2025, 3, 8));
    assert_eq!(only_date("it", "Il governo ha deciso ieri."), day(2025, 3, 13));
    assert_eq!(only_date("it", "La decisione del 5 marzo 2025 è definitiva."), day(2025, 3, 5));
    assert_eq!(only_date("it", "Si vota domenica prossima."), day(2025, 3, 16));
    assert_eq!(
        only("it", "Lo sciopero va dal 10 al 12 gennaio."),
        (day(2025, 1, 10), Some(day(2025, 1, 12)), "day_month".into())
    );
}

#[test]
fn portuguese() {
    assert_eq!(only_date("pt", "O júri decidiu no domingo."), day(2025, 3, 9));
    assert_eq!(only_date("pt", "O presidente falou ontem."), day(2025, 3, 13));
    assert_eq!(only_date("pt", "A votação será no próximo sábado."), day(2025, 3, 15));
    assert_eq!(only_date("pt", "Foi assinado em 23 de agosto de 2024."), day(2024, 8, 23));
    assert_eq!(dates("pt", "A segunda volta foi adiada.", published()), []);
}

#[test]
fn polish() {
    assert_eq!(only_date("pl", "Spotkanie odbyło się w czwartek."), day(2025, 3, 13));
    assert_eq!(only_date("pl", "Prezydent mówił wczoraj."), day(2025, 3, 13));
    assert_eq!(only_date("pl", "Jutro będzie głosowanie."), day(2025, 3, 15));
    assert_eq!(only_date("pl", "Wybory odbyły się 18 maja 2025 roku."), day(2025, 5, 18));
    assert_eq!(
        only("pl", "Strajk potrwa od 10 do 12 marca."),
        (day(2025, 3, 10), Some(day(2025, 3, 12)), "day_month".into())
    );
}

#[test]
fn without_a_publication_date_only_dates_with_their_year() {
    let found =
        dates("en", "On Saturday, two days after the treaty of 23 August 2024, they met on Aug. 15.", None);
    assert_eq!(found.iter().map(|d| d.date).collect::<Vec<_>>(), [day(2024, 8, 25), day(2024, 8, 23)]);
}

#[test]
fn datelines_stamps_and_non_body_blocks_are_not_event_dates() {
    let blocks = [
        block(BlockKind::Paragraph, "March 14, 2025"),
        block(BlockKind::Paragraph, "BERLIN, 14. März 2025 (dpa) - Die Minister trafen sich am Donnerstag."),
        block(BlockKind::Caption, "Die Minister am 13. März 2025 in Berlin."),
    ];
    let found = find_event_dates(&blocks, "de", published());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].date, found[0].block), (day(2025, 3, 13), 1));
    assert_eq!(found[0].surface, "am Donnerstag");
}

#[test]
fn surfaces_and_sentences_are_quoted_as_written() {
    let found = dates("de", "Das war klar. Die Wahl fand am 9. März statt.", published());
    assert_eq!(found[0].surface, "am 9. März");
    assert_eq!(found[0].sentence, "Die Wahl fand am 9. März statt.");
    assert_eq!(dates("en", "They met on Aug. 15.", published())[0].surface, "on Aug. 15");
}

#[test]
fn the_main_event_date_is_in_the_lead_not_in_a_recap_or_a_plan() {
    let blocks = [
        block(BlockKind::Title, "Leaders agree on trade pact"),
        block(BlockKind::Paragraph, "The two leaders met on Thursday in Tokyo and agreed on a pact."),
        block(BlockKind::Paragraph, "Earlier, on March 1, their ministers had met in Seoul."),
        block(BlockKind::Paragraph, "They will meet again on April 20."),
    ];
    let found = find_event_dates(&blocks, "en", published());
    assert_eq!(found.len(), 3);
    assert_eq!(main_event_date(&found, published()), Some(day(2025, 3, 13)));
    let recap_only = find_event_dates(&blocks[2..], "en", published());
    assert_eq!(main_event_date(&recap_only, published()), Some(day(2025, 3, 1)));
    let plan_only = find_event_dates(&blocks[3..], "en", published());
    assert_eq!(main_event_date(&plan_only, published()), None);
    assert_eq!(main_event_date(&[], published()), None);
}

#[test]
fn recaps_without_a_year_are_kept_as_month_and_day() {
    let recaps = |language: &str, text: &str| {
        text::dates::yearless_recaps(&[block(BlockKind::Paragraph, text)], language)
    };
    // Without a publication date these dates have no year, so they are no event dates…
    let text = "Zuvor hatte die Kanzlerin im Mai Rom besucht. Die Minister trafen sich in Paris.";
    assert!(dates("de", text, None).is_empty());
    // … but the text still says which month it looks back on.
    assert_eq!(recaps("de", text), vec![(5, None)]);
    assert_eq!(recaps("en", "The two leaders had met earlier on June 3 in Ottawa."), vec![(6, Some(3))]);
    // A date without a recap cue is no recap, and one that carries its year is an event date anyway.
    assert!(recaps("de", "Die Minister treffen sich im Oktober in Rom.").is_empty());
    assert!(recaps("en", "They had met earlier in March 2019.").is_empty());
}

#[test]
fn a_weekday_written_with_a_date_gives_the_year_when_nothing_else_does() {
    // 1 = Monday. 12 March 2025 was a Wednesday; the same date was a Tuesday in 2024.
    let today = day(2026, 11, 26);
    assert_eq!(text::dates::weekday_year(3, 12, 3, today), Some(day(2025, 3, 12)));
    assert_eq!(text::dates::weekday_year(3, 12, 2, today), Some(day(2024, 3, 12)));
    // Not after today: a Thursday 26 November is 2026 itself, a Friday 27 November lies ahead.
    assert_eq!(text::dates::weekday_year(11, 26, 4, today), Some(day(2026, 11, 26)));
    assert_eq!(text::dates::weekday_year(11, 27, 5, today), Some(day(2020, 11, 27)));

    // In a text without a publication date, the date takes the latest year its weekday fits.
    for (language, text) in [
        ("fr", "La banque a relevé ses taux jeudi 13 mars, une première."),
        ("en", "The bank raised its rates on Thursday, March 13, a first."),
        ("de", "Die Bank hob am Donnerstag, 13. März, die Zinsen an."),
    ] {
        let found = dates(language, text, None);
        assert_eq!(found.len(), 1, "{language}: {found:?}");
        let date = found[0].date;
        assert_eq!(found[0].resolution, "weekday_date");
        assert_eq!((date.month, date.day), (Some(3), Some(13)));
        // 13 March fell on a Thursday in 2014, 2025 and falls on one in 2031.
        assert!([2025, 2031, 2036].contains(&date.year), "{language}: {date}");
        assert_eq!(main_event_date(&found, None), Some(date));
    }
    // A span opened by a weekday: "von Mittwoch, 24. Januar, bis Montag, 29. Januar".
    let span = dates("de", "Der Streik dauert von Mittwoch, 21. Januar, bis Montag, 26. Januar.", None);
    assert_eq!(span.len(), 1, "{span:?}");
    // 21 January is a Wednesday in 2026 and next in 2032.
    assert!([2026, 2032].contains(&span[0].date.year), "{span:?}");
    assert_eq!(span[0].until.map(|u| (u.month, u.day)), Some((Some(1), Some(26))));
    // Without a weekday the year stays unknown, and with a publication date the weekday is not needed.
    assert!(dates("fr", "La banque a relevé ses taux le 13 mars.", None).is_empty());
    let published = dates("fr", "La banque a relevé ses taux jeudi 13 mars.", Some(day(2019, 3, 14)));
    assert_eq!(published[0].date, day(2019, 3, 13));
    assert_eq!(published[0].resolution, "day_month");
}

#[test]
fn a_date_after_an_after_word_is_what_came_before_never_the_main_date() {
    let main = |language: &str, text: &str| {
        let found = dates(language, text, Some(PartialDate::ym(2025, 3).unwrap()));
        assert!(!found.is_empty(), "{language}: no date in {text:?}");
        main_event_date(&found, Some(PartialDate::ym(2025, 3).unwrap()))
    };
    // The only date is that of what came before: the text does not say when its own happening was.
    assert_eq!(main("fr", "Les électeurs ont voté, après la dissolution de l'Assemblée du 2 mars."), None);
    assert_eq!(main("en", "Voters went to the polls after the snap elections of March 2."), None);
    assert_eq!(main("de", "Die Wähler stimmten nach der Auflösung des Parlaments am 2. März ab."), None);
    assert_eq!(main("es", "Los votantes acudieron a las urnas tras la disolución del 2 de marzo."), None);
    // With a date of its own, that one wins; an "after" after the date says nothing about it.
    assert_eq!(
        main("fr", "Les électeurs ont voté le 9 mars, après la dissolution du 2 mars."),
        Some(day(2025, 3, 9))
    );
    assert_eq!(
        main("en", "On March 9, after weeks of campaigning, voters went to the polls."),
        Some(day(2025, 3, 9))
    );
}
