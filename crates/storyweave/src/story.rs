//! Stories: the synthesis stage (crate `synth`) fed from the store and the event stage.

use anyhow::Context;
use cluster::Clusterer;
use model::Article;
use store::Store;

/// At most this many articles of an event are read into one story; the earliest joiners come first.
pub const MAX_STORY_ARTICLES: usize = 400;
/// At most this many articles of the storyline feed the timeline.
pub const MAX_TIMELINE_ARTICLES: usize = 600;

/// Writes the story of event `event_id` from the stored articles, with summary sentences in `language`.
/// Without an encoder, statements align only on shared words, names and figures.
pub fn build_story(
    store: &dyn Store,
    clusterer: &Clusterer,
    event_id: u32,
    embedder: Option<&dyn embed::Embedder>,
    language: &str,
) -> anyhow::Result<synth::Story> {
    let event = crate::events::find_event(clusterer, store, event_id)?
        .with_context(|| format!("there is no event {event_id}; `storyweave events` lists them"))?;
    let members = crate::events::members_of(&event, store)?;
    let view = crate::events::event_view(clusterer, &event, &members);
    let load = |id: &str| -> anyhow::Result<Article> {
        store
            .article(id)?
            .with_context(|| format!("article {id} of event {event_id} is missing from the store"))
    };
    let articles: Vec<Article> =
        members.iter().take(MAX_STORY_ARTICLES).map(|m| load(&m.article)).collect::<Result<_, _>>()?;
    let storyline = clusterer.storyline_of(event_id);
    let mut others: Vec<(u32, Article)> = Vec::new();
    for e in crate::events::storyline_events(clusterer, store, storyline)?.iter().filter(|e| e.id != event_id)
    {
        if others.len() + articles.len() >= MAX_TIMELINE_ARTICLES {
            break;
        }
        for m in crate::events::members_of(e, store)?.iter() {
            if others.len() + articles.len() >= MAX_TIMELINE_ARTICLES {
                break;
            }
            others.push((e.id, load(&m.article)?));
        }
    }
    let this_event = event_id.to_string();
    let other_ids: Vec<String> = others.iter().map(|(e, _)| e.to_string()).collect();
    let mut timeline: Vec<synth::StorylineArticle<'_>> =
        articles.iter().map(|a| synth::StorylineArticle { article: a, event_id: &this_event }).collect();
    timeline.extend(
        others
            .iter()
            .zip(&other_ids)
            .map(|((_, a), id)| synth::StorylineArticle { article: a, event_id: id }),
    );
    let input = synth::StoryInput {
        event_id: this_event.clone(),
        title: view.title.clone(),
        date: view.date.clone(),
        place: view.place.clone(),
        storyline_id: Some(storyline.to_string()),
        articles: articles.iter().collect(),
        storyline: timeline,
    };
    let options = synth::StoryOptions { language: language.to_string(), ..Default::default() };
    Ok(synth::synthesize(&input, embedder, &options)?)
}

/// The story as Markdown: headline, date and place, summary with numbered citations, sources by origin,
/// the fact table, quotes and timeline.
pub fn story_markdown(story: &synth::Story) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", one_line(&story.headline));
    let when_where: Vec<String> = [story.date.clone(), story.place.clone()].into_iter().flatten().collect();
    let _ = writeln!(
        out,
        "Event {} · {} · storyline {} · languages: {} · {} independent sources, {} articles\n",
        story.event_id,
        if when_where.is_empty() { "date and place unknown".to_string() } else { when_where.join(", ") },
        story.storyline_id.as_deref().unwrap_or("-"),
        story.languages.join(", "),
        story.independent_sources,
        story.sources.len()
    );
    let _ = writeln!(out, "## Summary\n");
    if let Some(note) = &story.summary.note {
        let _ = writeln!(out, "_{note}_\n");
    }
    let _ = writeln!(out, "{}\n", story.summary.text);
    for c in &story.summary.citations {
        let _ = writeln!(out, "[{}] {} ({}): {}", c.n, c.article_id, c.language, one_line(&c.sentence));
    }
    let _ = writeln!(out, "\n## Sources\n");
    let mut origins: Vec<&str> = story.sources.iter().map(|s| s.origin.as_str()).collect();
    origins.sort();
    origins.dedup();
    for origin in origins {
        for s in story.sources.iter().filter(|s| s.origin == origin) {
            let indent = if s.article_id == origin { "-" } else { "  - copy:" };
            let _ = writeln!(
                out,
                "{indent} {} [{}] {}{}{}",
                s.article_id,
                s.language,
                s.title.as_deref().map(one_line).unwrap_or_default(),
                s.site.as_deref().map(|x| format!(" — {x}")).unwrap_or_default(),
                if s.relation != "origin" { format!(" ({})", s.relation) } else { String::new() }
            );
        }
    }
    let _ = writeln!(out, "\n## Facts\n");
    for f in &story.facts {
        let status = match f.status {
            synth::FactStatus::Corroborated => "corroborated",
            synth::FactStatus::SingleSource => "single source",
            synth::FactStatus::Contradicted => "CONTRADICTED",
        };
        let sources = match f.independent_sources {
            1 => "1 source".to_string(),
            n => format!("{n} sources"),
        };
        let _ = writeln!(out, "{}. [{status}, {sources}] {}", f.id, one_line(&f.text));
        if f.statements.len() > 1 || f.status != synth::FactStatus::SingleSource {
            for s in &f.statements {
                let _ = writeln!(out, "   - {} ({}): {}", s.article_id, s.language, one_line(&s.text));
            }
        } else if let Some(s) = f.statements.first() {
            let _ = writeln!(out, "   - {} ({})", s.article_id, s.language);
        }
        for c in &f.conflicts {
            let _ = writeln!(
                out,
                "   ! {} disagrees: {} (statements {} and {})",
                c.kind,
                c.detail,
                c.left + 1,
                c.right + 1
            );
        }
    }
    let _ = writeln!(out, "\n## Quotes\n");
    for q in &story.quotes {
        let _ = writeln!(
            out,
            "- “{}” — {} ({})",
            one_line(&q.text),
            q.speaker.as_deref().unwrap_or("unattributed"),
            q.article_ids.join(", ")
        );
    }
    let _ = writeln!(out, "\n## Timeline\n");
    for t in &story.timeline {
        let _ = writeln!(
            out,
            "- {}{} (event {}, {} {}): {}",
            t.date,
            t.until.as_deref().map(|u| format!(" – {u}")).unwrap_or_default(),
            t.event_id,
            t.article_id,
            t.language,
            one_line(&t.text)
        );
    }
    out
}

/// Article text in a one-line Markdown cell: line breaks folded.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
