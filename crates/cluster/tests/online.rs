//! The online clusterer on made-up articles: events by date and topic, determinism, merges,
//! corrections, storylines, and the snapshot round trip.

use cluster::features::day_number;
use cluster::{ArticleFeatures, ClusterConfig, Clusterer};

/// A unit vector pointing mostly along `axis`, nudged by `wobble` so members are not identical.
fn vector(axis: usize, wobble: f32) -> Vec<f32> {
    let mut v = [0.0f32; 16];
    v[axis] = 1.0;
    v[(axis + 1) % 16] = wobble;
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter().map(|x| x / norm).collect()
}

fn article(id: &str, topic: usize, day: Option<i32>, terms: &[&str], wobble: f32) -> ArticleFeatures {
    ArticleFeatures {
        id: id.into(),
        language: "en".into(),
        title: Some(format!("headline {id}")),
        event_day: day,
        event_month: None,
        published_day: day.map(|d| d + 1),
        published_month: None,
        other_days: Vec::new(),
        recap_days: Vec::new(),
        yearless_recaps: Vec::new(),
        vector: Some(vector(topic, wobble)),
        entities: vec![format!("org:topic{topic}")],
        places: Vec::new(),
        place_scope: Vec::new(),
        names: Vec::new(),
        countries: Vec::new(),
        terms: terms.iter().map(|t| t.to_string()).collect(),
        lead_terms: Vec::new(),
        copy_group: None,
    }
}

/// Two topics; topic 0 has two happenings three weeks apart (same actors, different days).
fn stream() -> Vec<ArticleFeatures> {
    let d1 = day_number(2024, 6, 6);
    let d2 = day_number(2024, 6, 27);
    let d3 = day_number(2024, 6, 10);
    let mut out = Vec::new();
    for i in 0..4 {
        out.push(article(&format!("a{i}"), 0, Some(d1), &["3.75", "lagarde"], 0.1 * i as f32));
        out.push(article(&format!("c{i}"), 5, Some(d3), &["zelda", "portville"], 0.05 * i as f32));
    }
    for i in 0..4 {
        out.push(article(&format!("b{i}"), 0, Some(d2), &["3.50", "lagarde"], 0.1 * i as f32));
    }
    out
}

fn events_of(c: &Clusterer, ids: &[&str]) -> Vec<Option<u32>> {
    ids.iter().map(|id| c.event_of(id)).collect()
}

#[test]
fn same_topic_different_days_are_different_events_in_one_storyline() {
    let mut c = Clusterer::new(ClusterConfig::default());
    for a in stream() {
        c.add(a);
    }
    let a = events_of(&c, &["a0", "a1", "a2", "a3"]);
    let b = events_of(&c, &["b0", "b1", "b2", "b3"]);
    let other = events_of(&c, &["c0", "c1", "c2", "c3"]);
    assert!(a.iter().all(|e| *e == a[0]), "{a:?}");
    assert!(b.iter().all(|e| *e == b[0]), "{b:?}");
    assert!(other.iter().all(|e| *e == other[0]), "{other:?}");
    assert_ne!(a[0], b[0], "three weeks apart: two events");
    assert_ne!(a[0], other[0]);
    let (ea, eb, ec) = (a[0].unwrap(), b[0].unwrap(), other[0].unwrap());
    assert_eq!(c.storyline_of(ea), c.storyline_of(eb), "same actors and topic: one storyline");
    assert_ne!(c.storyline_of(ea), c.storyline_of(ec));
}

#[test]
fn batch_and_one_by_one_through_a_snapshot_agree() {
    let mut batch = Clusterer::new(ClusterConfig::default());
    for a in stream() {
        batch.add(a);
    }
    // One at a time, saving and loading the state between arrivals, as separate runs do.
    let mut state = serde_json::to_string(&Clusterer::new(ClusterConfig::default())).unwrap();
    for a in stream() {
        let mut c: Clusterer = serde_json::from_str(&state).unwrap();
        c.add(a);
        state = serde_json::to_string(&c).unwrap();
    }
    let split: Clusterer = serde_json::from_str(&state).unwrap();
    for a in stream() {
        assert_eq!(batch.event_of(&a.id), split.event_of(&a.id), "article {}", a.id);
    }
    let storylines = |c: &Clusterer| c.events().map(|e| (e.id, c.storyline_of(e.id))).collect::<Vec<_>>();
    assert_eq!(storylines(&batch), storylines(&split));
}

#[test]
fn adding_an_article_twice_changes_nothing() {
    let mut c = Clusterer::new(ClusterConfig::default());
    for a in stream() {
        c.add(a);
    }
    let before = c.arrivals();
    let again = c.add(stream().remove(0));
    assert_eq!(c.arrivals(), before);
    assert_eq!(Some(again.event), c.event_of("a0"));
}

#[test]
fn every_decision_is_logged_with_its_score() {
    let mut c = Clusterer::new(ClusterConfig::default());
    for a in stream() {
        c.add(a);
    }
    let log = c.take_log();
    let placed: Vec<_> = log.iter().filter(|e| e.action == "new" || e.action == "join").collect();
    assert_eq!(placed.len(), 12, "one new-or-join entry per article");
    assert!(log.iter().filter(|e| e.action == "join").all(|e| e.score >= 0.5 && e.features.is_some()));
    assert!(c.take_log().is_empty(), "the log is handed out once");
}

#[test]
fn a_moved_article_stays_moved_and_its_copies_follow_it() {
    let mut c = Clusterer::new(ClusterConfig::default());
    let mut articles = stream();
    for a in &mut articles {
        if a.id == "a3" {
            a.copy_group = Some(77);
        }
    }
    for a in articles.clone() {
        c.add(a);
    }
    let (from, to) = (c.event_of("a3").unwrap(), c.event_of("b0").unwrap());
    let mut no_lookup = |_: &str| None;
    assert_eq!(c.move_article("a3", Some(to), &mut no_lookup).unwrap(), to);
    assert_eq!(c.event_of("a3"), Some(to));
    assert!(c.event(from).unwrap().members.iter().all(|m| m.article != "a3"));
    // A later copy of the moved article (same copy group, same text) follows it, not its old event.
    let mut copy = articles.iter().find(|a| a.id == "a3").unwrap().clone();
    copy.id = "a3-copy".into();
    let placed = c.add(copy);
    assert_eq!(placed.event, to, "the copy follows the moved article");
    assert!(c.take_log().iter().any(|e| e.action == "user_move"));
}

#[test]
fn merge_and_split_are_carried_out_and_a_split_is_not_undone() {
    let mut c = Clusterer::new(ClusterConfig::default());
    for a in stream() {
        c.add(a);
    }
    let (ea, eb) = (c.event_of("a0").unwrap(), c.event_of("b0").unwrap());
    let merged = c.merge_events(ea, eb).unwrap();
    assert_eq!(merged, ea.min(eb));
    assert_eq!(c.event_of("b2"), Some(merged));
    let mut no_lookup = |_: &str| None;
    let ids: Vec<String> = ["b0", "b1", "b2", "b3"].iter().map(|s| s.to_string()).collect();
    let split = c.split_event(merged, &ids, &mut no_lookup).unwrap();
    assert_eq!(c.event_of("b1"), Some(split));
    assert_eq!(c.event_of("a1"), Some(merged));
    // Another article like the split-off ones arrives: it may join either, but the two never merge.
    let d2 = day_number(2024, 6, 27);
    c.add(article("b9", 0, Some(d2), &["3.50", "lagarde"], 0.15));
    assert_ne!(c.event_of("a0"), c.event_of("b0"));
    assert!(c.merge_events(merged, 999).is_err());
    assert!(c.split_event(merged, &["nope".to_string()], &mut no_lookup).is_err());
}

#[test]
fn old_events_close_and_leave_the_join_indexes() {
    let mut config = ClusterConfig::default();
    config.window.recent_events = 4;
    let mut c = Clusterer::new(config);
    let start = day_number(2024, 1, 1);
    // One article a day for 1,024 days (the last arrival triggers a sweep), each on its own topic:
    // events open and close as days pass.
    for i in 0..1024 {
        c.add(article(&format!("x{i}"), i % 16, Some(start + i as i32), &[], 0.3));
    }
    let open = c.open_events();
    // Only the events of the last close_after_days (30) days stay open.
    assert!(open <= 31, "{open} events still open: the window must close old ones");
    assert!(c.events().count() >= open);
}

#[test]
fn an_article_that_recaps_the_events_month_leaves_it_once_the_event_is_dated() {
    let run = |recap: Option<(u8, Option<u8>)>| {
        let mut c = Clusterer::new(ClusterConfig::default());
        let mut first = article("first", 0, None, &["3.75", "lagarde"], 0.0);
        first.published_day = None;
        let mut later = article("later", 0, None, &["3.75", "lagarde"], 0.05);
        later.published_day = None;
        later.yearless_recaps = recap.into_iter().collect();
        c.add(first);
        c.add(later);
        // Neither is dated yet: the later report joins the first.
        assert_eq!(c.event_of("first"), c.event_of("later"));
        c.add(article("dated", 0, Some(day_number(2024, 8, 23)), &["3.75", "lagarde"], 0.1));
        assert_eq!(c.event_of("first"), c.event_of("dated"));
        c
    };
    let mut c = run(Some((8, None)));
    let (summit, meeting) = (c.event_of("first").unwrap(), c.event_of("later").unwrap());
    assert_ne!(summit, meeting, "it recaps August, the month the event is dated to");
    assert_eq!(c.storyline_of(summit), c.storyline_of(meeting));
    assert!(c.take_log().iter().any(|e| e.action == "recap_out"));
    // Another month recapped, or none: it stays.
    for recap in [Some((3, None)), None] {
        let c = run(recap);
        assert_eq!(c.event_of("first"), c.event_of("later"), "{recap:?}");
    }
}
