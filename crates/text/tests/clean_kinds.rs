//! Plain-text cleaning, kind by kind, on sentences written for these tests in several languages.

use model::BlockKind::{self, *};
use text::clean::{classify_line, clean_text, ends_complete, is_truncated};

/// The kind of every block, in order.
fn kinds(text: &str) -> Vec<BlockKind> {
    clean_text(text).blocks.iter().map(|b| b.kind).collect()
}

/// The kind of the block whose text is `line`.
fn kind_of(text: &str, line: &str) -> BlockKind {
    let cleaned = clean_text(text);
    let block = cleaned.blocks.iter().find(|b| b.text == line).unwrap_or_else(|| panic!("no block {line:?}"));
    block.kind
}

const EN_BODY: &str =
    "The city council approved the new budget on Tuesday after a long debate about schools.";
const EN_BODY_2: &str = "Council members said the vote showed that both parties could still work together.";
const DE_BODY: &str = "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen.";
const DE_BODY_2: &str = "Die Opposition kritisierte, dass für die Schulen zu wenig Geld vorgesehen sei.";

#[test]
fn title_headings_and_paragraphs() {
    let text = format!(
        "Council approves budget after long debate\n{EN_BODY}\nSchools get more money\n{EN_BODY_2}\nWhat comes next\n{EN_BODY}"
    );
    assert_eq!(kinds(&text), vec![Title, Paragraph, Heading, Paragraph, Heading, Paragraph]);

    let text = format!("Stadtrat beschließt Haushalt\n\n{DE_BODY}\n\nStreit um die Schulen\n\n{DE_BODY_2}");
    assert_eq!(kinds(&text), vec![Title, Paragraph, Heading, Paragraph]);
}

#[test]
fn no_title_when_the_first_line_is_a_sentence() {
    let text = format!("{DE_BODY}\n{DE_BODY_2}");
    assert_eq!(kinds(&text), vec![Paragraph, Paragraph]);
}

#[test]
fn a_section_label_above_the_headline_is_boilerplate() {
    let text = format!("Politik\nStadtrat beschließt Haushalt nach langer Debatte\n{DE_BODY}\n{DE_BODY_2}");
    assert_eq!(kinds(&text), vec![Boilerplate, Title, Paragraph, Paragraph]);
}

#[test]
fn a_short_line_at_the_end_is_no_heading() {
    let text = format!("{EN_BODY}\nThe mayor is expected to sign it");
    assert_eq!(kinds(&text), vec![Paragraph, Paragraph]);
}

#[test]
fn captions_with_photo_credits() {
    for caption in [
        "Die Bürgermeisterin bei der Sitzung am Dienstag. (Foto: Anna Beispiel/dpa)",
        "Le maire devant la mairie, mardi. (Photo : Jean Exemple/AFP)",
        "El alcalde durante la votación del martes. Foto: EFE",
        "The mayor speaks to reporters outside city hall (Photo by Jane Roe/Getty Images)",
        "Der Minister und sein Amtskollege bei der Pressekonferenz. (Quelle: Reuters)",
        "© Jean Exemple/ABACA",
        "Bild: Max Muster",
    ] {
        let text = format!("{DE_BODY}\n{caption}\n{DE_BODY_2}");
        assert_eq!(kind_of(&text, caption), Caption, "{caption}");
    }
}

#[test]
fn a_description_above_a_credit_line_is_a_caption() {
    let text = format!(
        "{EN_BODY}\nVolunteers fill sandbags near the river on Monday morning\nJohn Roe via AP\n{EN_BODY_2}"
    );
    assert_eq!(kinds(&text), vec![Paragraph, Caption, Caption, Paragraph]);
}

#[test]
fn credits_and_bylines() {
    for credit in [
        "(AFP)",
        "(dpa)",
        "Reuters",
        "By Jane Roe and John Doe",
        "Von Anna Beispiel",
        "Par Marie Exemple, AFP",
        "Laut KNA",
        "Mit Material von dpa",
        "Avec AFP",
        "Selon l'AFP",
        "Según EFE",
        "Source: Reuters",
        "Quelle: ZDF",
        "(Reporting by Jane Roe; editing by John Doe)",
        "(With inputs from agencies.)",
        "J.Roe--XY",
    ] {
        let text = format!("{EN_BODY}\n{EN_BODY_2}\n{credit}");
        assert_eq!(kind_of(&text, credit), Credit, "{credit}");
    }
}

#[test]
fn sentences_that_start_like_credits_stay_body() {
    for sentence in [
        "By the end of the year, the council wants to hire twenty new teachers for the schools.",
        "Von Montag an streiken die Beschäftigten der Verkehrsbetriebe in der ganzen Stadt.",
        "Laut der Erklärung des Rates sollen die Schulen im kommenden Jahr mehr Geld erhalten.",
        "Selon le maire, les travaux commenceront au printemps prochain dans tout le quartier.",
        "Sources close to the mayor said the budget could be revised again next spring.",
        "Watch parties were held in several neighbourhoods as the results came in late on Sunday night.",
        "Commentary on the vote was divided, with some residents praising the compromise.",
    ] {
        let text = format!("{EN_BODY}\n{sentence}\n{EN_BODY_2}");
        assert_eq!(kind_of(&text, sentence), Paragraph, "{sentence}");
    }
}

#[test]
fn source_links_name_the_url() {
    for (line, url) in [
        (
            "Source: https://news.example.org/city/budget-2024.html",
            "https://news.example.org/city/budget-2024.html",
        ),
        ("Quelle: https://www.beispiel.de/stadt/haushalt", "https://www.beispiel.de/stadt/haushalt"),
        (
            "Fuente: https://noticias.ejemplo.es/ciudad/presupuesto",
            "https://noticias.ejemplo.es/ciudad/presupuesto",
        ),
    ] {
        let cleaned = clean_text(&format!("{EN_BODY}\n{EN_BODY_2}\n{line}\nComments (0)"));
        let block = cleaned.blocks.iter().find(|b| b.text == line).expect("block");
        assert_eq!(block.kind, SourceLink, "{line}");
        assert_eq!(block.url.as_deref(), Some(url));
        assert_eq!(cleaned.source_url.as_deref(), Some(url));
    }
}

#[test]
fn comment_widgets_in_many_languages() {
    for widget in [
        "Leave a comment",
        "Comments (3)",
        "Kommentar hinterlassen",
        "Kommentare (12)",
        "Laisser un commentaire",
        "Deja un comentario",
        "Lascia un commento",
        "Deixe um comentário",
        "Plaats een reactie",
        "Dodaj komentarz",
        "کوئی تبصرہ نہیں:",
        "اپنا تبصرہ لکھیں",
        "أضف تعليقا",
    ] {
        let text = format!("{EN_BODY}\n{EN_BODY_2}\n{widget}");
        assert_eq!(kind_of(&text, widget), Boilerplate, "{widget}");
    }
}

#[test]
fn other_boilerplate() {
    for line in [
        "#CityNews #Budget",
        "Click here to download our free app and get the latest local news on your phone.",
        "Laden Sie unsere App herunter und verpassen Sie keine Nachricht mehr.",
        "©2023 Example Media Group",
        "Alle Rechte vorbehalten.",
        "We use cookies to improve your experience on our website.",
        "Read more: Council delays vote on school funding",
        "Lesen Sie auch: Streit um den Haushalt",
        "À lire aussi : le budget de la ville en débat",
        "Rating: 4.5",
        "Share on Facebook",
        "Advertisement",
        "Skip to content",
        "14. März 2024, 09:15 Uhr",
        "March 14, 2024",
        "https://example.org/x/1234",
        "Listen to this article",
    ] {
        let text = format!("{EN_BODY}\n{line}\n{EN_BODY_2}");
        assert_eq!(kind_of(&text, line), Boilerplate, "{line}");
    }
}

#[test]
fn a_footer_in_another_script_is_boilerplate() {
    // An Urdu blog footer (no cue phrase in it) under an English article.
    let footer = "یہ بلاگ ہمارے دوستوں نے بنایا";
    let text = format!("{EN_BODY}\n{EN_BODY_2}\n{footer}");
    assert_eq!(kind_of(&text, footer), Boilerplate);
    // The same script as the body is left alone.
    let text = format!("{EN_BODY}\n{EN_BODY_2}\nA note from the editors");
    assert_eq!(kind_of(&text, "A note from the editors"), Paragraph);
}

#[test]
fn short_lines_among_footer_boilerplate_join_it() {
    let text = format!(
        "{EN_BODY}\n{EN_BODY_2}\nReviewed by Site Admin\non\nMarch 3, 2024\nRating: 5\nLeave a comment"
    );
    assert_eq!(
        kinds(&text),
        vec![Paragraph, Paragraph, Boilerplate, Boilerplate, Boilerplate, Boilerplate, Boilerplate]
    );
}

#[test]
fn every_line_is_kept_with_its_number() {
    let text = "Stadtrat beschließt Haushalt\r\n\r\n  Der Stadtrat hat \t am Dienstag\u{a0}den Haushalt beschlossen, sagte die Sprecherin.  \n\n\nKommentar (0)";
    let cleaned = clean_text(text);
    let lines: Vec<(Option<u32>, &str)> = cleaned.blocks.iter().map(|b| (b.line, b.text.as_str())).collect();
    assert_eq!(
        lines,
        vec![
            (Some(1), "Stadtrat beschließt Haushalt"),
            (Some(3), "Der Stadtrat hat am Dienstag den Haushalt beschlossen, sagte die Sprecherin."),
            (Some(6), "Kommentar (0)"),
        ]
    );
    assert!(cleaned.blocks.iter().all(|b| b.language == "und"));
    assert!(cleaned.blocks.iter().filter(|b| b.kind != Paragraph).all(|b| b.reason.is_some()));
    assert!(clean_text("").blocks.is_empty());
    assert!(clean_text("\n  \n\t\n").blocks.is_empty());
}

#[test]
fn truncation() {
    let cut = format!(
        "Council approves budget\n{EN_BODY}\nThe mayor said the money would go to the schools and the hosp"
    );
    assert!(clean_text(&cut).truncated);
    // Boilerplate after the cut does not hide it.
    assert!(clean_text(&format!("{cut}\nLeave a comment\n#CityNews")).truncated);
    // A complete ending, with a title and a heading that have no final punctuation.
    let complete = format!("Council approves budget\n{EN_BODY}\nWhat comes next\n{EN_BODY_2}\nComments (2)");
    assert!(!clean_text(&complete).truncated);
    // A lone headline-shaped line has no body below it, so it is no title: it reads as a fragment.
    assert_eq!(kinds("Stadtrat beschließt Haushalt"), vec![Paragraph]);
    assert!(clean_text("Stadtrat beschließt Haushalt").truncated);
    assert!(clean_text("Il sindaco ha detto che i lavori inizieranno a...").truncated);
    assert!(!clean_text("«Nous avons tenu nos promesses», a déclaré le maire.").truncated);
    assert!(!clean_text("市议会周二批准了新的预算。").truncated);
    assert!(ends_complete("He called it \"a good day for the city.\""));
    assert!(!ends_complete("Die Ergebnisse im Überblick:"));
    assert!(!is_truncated(&[]));
}

#[test]
fn single_lines_can_be_typed_without_context() {
    assert_eq!(classify_line("Comments (0)").map(|(k, _)| k), Some(Boilerplate));
    assert_eq!(classify_line("(Reuters)").map(|(k, _)| k), Some(Credit));
    assert_eq!(classify_line("Source: https://example.org/a/b").map(|(k, _)| k), Some(SourceLink));
    assert_eq!(classify_line(EN_BODY), None);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn non_blank_lines(text: &str) -> usize {
        let invisible = ['\u{200B}', '\u{FEFF}', '\u{2060}'];
        text.split('\n').filter(|l| l.chars().any(|c| !c.is_whitespace() && !invisible.contains(&c))).count()
    }

    #[test]
    fn shrunk_cases_from_earlier_failures() {
        for text in ["\u{1E140}:", "--AB»https://x.y/zPhoto:", "--AB . ). . ©(Quelle: »»»https"] {
            assert_eq!(clean_text(text).blocks.len(), 1, "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_text_keeps_every_non_blank_line(text in "[ \t\u{a0}\u{200b}\u{3000}]{0,2}\\PC{0,200}(\n[ \t\u{a0}]{0,3}\\PC{0,120}){0,12}") {
            let cleaned = clean_text(&text);
            prop_assert_eq!(cleaned.blocks.len(), non_blank_lines(&text));
            let source: Vec<&str> = text.split('\n').collect();
            for block in &cleaned.blocks {
                let raw = source[block.line.expect("line number") as usize - 1];
                let invisible = ['\u{200B}', '\u{FEFF}', '\u{2060}'];
                let expected: Vec<&str> =
                    raw.split(|c: char| c.is_whitespace() || invisible.contains(&c)).filter(|w| !w.is_empty()).collect();
                prop_assert_eq!(&block.text, &expected.join(" "));
                prop_assert!(!block.text.is_empty());
                prop_assert!(block.kind == Paragraph || block.reason.is_some());
            }
        }

        #[test]
        fn lines_made_of_cue_fragments_do_not_panic(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("Photo:"), Just("(Quelle: "), Just("©"), Just("By"), Just("Laut"), Just("https://x.y/z"),
                    Just("Kommentar"), Just("#tag"), Just("12.03.2024"), Just("»"), Just(")"), Just("…"),
                    Just("تبصرہ"), Just("FooImage:"), Just("--AB"), Just(". "), Just(" "), Just("\n"), Just("via"),
                ],
                0..40,
            )
        ) {
            let text: String = parts.concat();
            let cleaned = clean_text(&text);
            prop_assert_eq!(cleaned.blocks.len(), non_blank_lines(&text));
        }
    }
}
