//! Sentence splitting: per-language abbreviations, ordinals, initials, numbers and odd input.

use text::sentences::{sentence_spans, split_sentences};

#[test]
fn english_abbreviations_and_initials_do_not_split() {
    let text = "Dr. Alice Brown met Mr. J. Smith at 10 a.m. on Main St. near the river. They talked. \
                Then they left!";
    assert_eq!(
        split_sentences(text, "en"),
        vec![
            "Dr. Alice Brown met Mr. J. Smith at 10 a.m. on Main St. near the river.",
            "They talked.",
            "Then they left!"
        ]
    );
}

#[test]
fn german_ordinals_and_abbreviations() {
    let text = "Am 3. Oktober feiert man z.B. den Tag der Einheit. Die Feier kostet ca. 2 Mio. Euro. \
                Das war 2024. Danach kam nichts.";
    assert_eq!(
        split_sentences(text, "de"),
        vec![
            "Am 3. Oktober feiert man z.B. den Tag der Einheit.",
            "Die Feier kostet ca. 2 Mio. Euro.",
            "Das war 2024.",
            "Danach kam nichts."
        ]
    );
}

#[test]
fn french_and_spanish_titles() {
    assert_eq!(
        split_sentences("M. Durand est arrivé. Mme Petit aussi.", "fr"),
        vec!["M. Durand est arrivé.", "Mme Petit aussi."]
    );
    assert_eq!(
        split_sentences("El Sr. Gómez habló con la Dra. Ruiz. ¿Vendrán mañana? Sí.", "es"),
        vec!["El Sr. Gómez habló con la Dra. Ruiz.", "¿Vendrán mañana?", "Sí."]
    );
}

#[test]
fn numbers_urls_and_lowercase_continuations_stay_whole() {
    let text = "Rates fell to 3.75 percent, see example.com for details. The bank etc. were calm.";
    assert_eq!(
        split_sentences(text, "en"),
        vec!["Rates fell to 3.75 percent, see example.com for details.", "The bank etc. were calm."]
    );
    assert_eq!(split_sentences("Wait... what happened? Nobody knows...", "en").len(), 2);
}

#[test]
fn quotes_after_the_end_mark_stay_with_the_sentence() {
    assert_eq!(
        split_sentences("He said: \"We won.\" The crowd cheered.", "en"),
        vec!["He said: \"We won.\"", "The crowd cheered."]
    );
}

#[test]
fn lines_are_hard_boundaries_and_blank_lines_vanish() {
    assert_eq!(
        split_sentences("A headline without a dot\n\n  Body text here.  \nMore", "en"),
        vec!["A headline without a dot", "Body text here.", "More"]
    );
}

#[test]
fn full_width_marks_split_without_space() {
    assert_eq!(split_sentences("台风登陆。居民撤离！", "zh"), vec!["台风登陆。", "居民撤离！"]);
}

#[test]
fn spans_point_into_the_text_and_odd_input_is_fine() {
    let text = " Één. Twee! ";
    for span in sentence_spans(text, "nl") {
        assert!(!text[span].trim().is_empty());
    }
    assert!(split_sentences("", "en").is_empty());
    assert!(split_sentences(" \n \n", "xx").is_empty());
    assert_eq!(split_sentences("...", "en"), vec!["..."]);
    assert_eq!(split_sentences("😀. 🎉!", "en"), vec!["😀.", "🎉!"]);
}

#[test]
fn sentences_glued_by_a_scraper_are_split() {
    let text = "Polls closed at eight, the agency reported.The party may have gained 34% of votes.If \
                confirmed, that is a surge of 12.5%.But it might not be enough for 289.Critics said so.";
    assert_eq!(
        split_sentences(text, "en"),
        vec![
            "Polls closed at eight, the agency reported.",
            "The party may have gained 34% of votes.",
            "If confirmed, that is a surge of 12.5%.",
            "But it might not be enough for 289.",
            "Critics said so."
        ]
    );
    assert_eq!(
        split_sentences("Lo ha detto.Il ministro ha risposto: \"Basta!\"Poi è uscito.", "it"),
        vec!["Lo ha detto.", "Il ministro ha risposto: \"Basta!\"", "Poi è uscito."]
    );
}

#[test]
fn glued_looking_addresses_abbreviations_and_ordinals_stay_whole() {
    for (text, language) in [
        ("The U.S.Army and Dr.Smith met at www.Example.com today.", "en"),
        ("Read more at spiegel.de/Politik or mail info@Agency.org now.", "de"),
        ("Am 3.Oktober feiert man den Tag der Einheit.", "de"),
        ("Version 2.0 of Node.js and the ASP.NET site were online.", "en"),
    ] {
        assert_eq!(split_sentences(text, language), vec![text], "{text}");
    }
}
