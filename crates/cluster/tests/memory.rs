//! Memory follows the time window: events that are closed and behind the storyline window keep only
//! what a listing shows, a long stream keeps full evidence for the window's events alone, and with
//! the hand-overs (members, then whole events) what the clusterer keeps does not grow with the stream.

use cluster::features::day_number;
use cluster::{ArticleFeatures, ClusterConfig, Clusterer};

/// Days the storyline window spans in these tests (the shipped configuration spans two years).
const STORYLINE_DAYS: i32 = 60;

/// One made-up article of topic `topic` (16 topics, each its own vector axis and organization).
fn article(i: usize, day: i32) -> ArticleFeatures {
    let topic = i % 16;
    let mut vector = vec![0.0f32; 16];
    vector[topic] = 1.0;
    vector[(topic + 1) % 16] = 0.2 + (i % 7) as f32 / 50.0;
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    vector.iter_mut().for_each(|x| *x /= norm);
    ArticleFeatures {
        id: format!("x{i}"),
        language: "en".into(),
        title: Some(format!("headline {i}")),
        event_day: Some(day),
        published_day: Some(day),
        vector: Some(vector),
        entities: vec![format!("org:topic{topic}"), format!("person:p{}", i % 40)],
        places: vec![format!("city:c{}", topic % 4)],
        terms: vec![format!("topic{topic}"), format!("n{}", i % 300)],
        copy_group: Some(i as u32),
        ..Default::default()
    }
}

fn config() -> ClusterConfig {
    let mut config = ClusterConfig::default();
    config.window.recent_events = 4;
    config.storyline.window_days = STORYLINE_DAYS;
    config
}

/// Two articles a day over `days` days from 2024-01-01.
fn stream(days: usize) -> impl Iterator<Item = ArticleFeatures> {
    let start = day_number(2024, 1, 1);
    (0..2 * days).map(move |i| article(i, start + (i / 2) as i32))
}

#[test]
fn events_behind_the_storyline_window_keep_only_their_listing_record() {
    let mut c = Clusterer::new(config());
    // 2,048 arrivals: the last one sweeps, with the newest day 1,023 days after the first.
    for a in stream(1024) {
        c.add(a);
    }
    let newest = day_number(2024, 1, 1) + 1023;
    let (mut compacted, mut holding) = (0, 0);
    for e in c.events() {
        let day = e.profile.reference_day().expect("every article is dated");
        assert!(!e.members.is_empty());
        if day < newest - STORYLINE_DAYS {
            assert!(!e.open, "event {} of day {day} is still open", e.id);
            assert!(e.compacted(), "event {} of day {day} is behind the storyline window", e.id);
            assert!(e.profile.vector_sum.is_empty() && e.profile.copy_groups.is_empty());
            assert!(e.profile.terms.is_empty() && e.profile.lead_terms.is_empty());
            // What a listing shows is still there.
            assert!(!e.profile.entities.is_empty() && e.profile.main_place().is_some());
            assert_eq!(e.members.iter().filter(|m| m.title.is_some()).count(), 1, "event {}", e.id);
            assert!(e.members.iter().all(|m| m.features.is_none()));
            compacted += 1;
        } else {
            assert!(!e.compacted(), "event {} of day {day} is in the storyline window", e.id);
        }
        if !e.profile.vector_sum.is_empty() {
            holding += 1;
        }
    }
    assert!(compacted >= 1000, "only {compacted} events compacted");
    // Full evidence for the last 61 days' events only (two articles a day, at most one event each).
    assert!(holding <= 2 * (STORYLINE_DAYS as usize + 1), "{holding} events hold their vector sums");
}

#[test]
fn compacted_events_survive_a_snapshot_and_the_stream_goes_on_alike() {
    let mut straight = Clusterer::new(config());
    let mut first = Clusterer::new(config());
    for (i, a) in stream(1100).enumerate() {
        straight.add(a.clone());
        if i < 1600 {
            first.add(a);
        }
    }
    // Saved and read back after compactions, then fed the rest of the stream.
    assert!(first.events().any(|e| e.compacted()));
    let mut resumed: Clusterer = serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
    for a in stream(1100).skip(1600) {
        resumed.add(a);
    }
    let view = |c: &Clusterer| {
        c.events()
            .map(|e| {
                let members: Vec<&str> = e.members.iter().map(|m| m.article.as_str()).collect();
                (e.id, c.storyline_of(e.id), e.compacted(), e.profile.reference_day(), members.join(","))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(view(&straight), view(&resumed));
    assert!(straight.events().filter(|e| e.compacted()).count() > 1000);
}

/// The snapshot of what the clusterer keeps, without the maps that keep a few bytes for every event
/// ever seen (the hand-over numbers of events handed over whole, storyline parents).
fn kept_bytes(c: &Clusterer) -> usize {
    let mut v = serde_json::to_value(c).unwrap();
    let map = v.as_object_mut().unwrap();
    map.remove("archived_events");
    map.remove("storyline_parent");
    serde_json::to_string(&v).unwrap().len()
}

#[test]
fn with_both_hand_overs_what_the_clusterer_keeps_does_not_grow_with_the_stream() {
    let mut c = Clusterer::new(config());
    let (mut members_out, mut events_out) = (0usize, 0usize);
    let mut at = Vec::new();
    for (i, a) in stream(2048).enumerate() {
        c.add(a);
        if i % 100 == 99 {
            members_out += c.take_closed_members().events.iter().map(|(_, m)| m.len()).sum::<usize>();
            events_out += c.take_compacted_events().events.len();
        }
        if i + 1 == 2048 || i + 1 == 4096 {
            at.push((kept_bytes(&c), c.events().count(), c.archived_events().len()));
        }
    }
    let [(bytes_half, held_half, whole_half), (bytes_end, held_end, whole_end)] = at[..] else {
        unreachable!()
    };
    assert!(
        members_out > 3000 && events_out > 1500,
        "{members_out} members, {events_out} events handed over"
    );
    assert!(whole_end > whole_half + 900, "the second half hands over about a thousand events more");
    // The events held are those of the windows (plus those dated since the last sweep, every 512
    // arrivals: 256 days here): as many after twice the stream.
    assert!(held_end <= 2 * (STORYLINE_DAYS as usize + 256 + 1), "{held_end} events held");
    assert!(held_end.abs_diff(held_half) <= 20, "held {held_half} then {held_end}");
    // And so are their bytes, whereas without the hand-overs they double with the stream.
    assert!((bytes_end as f64) < 1.1 * bytes_half as f64, "kept {bytes_half} then {bytes_end} bytes");
    let mut keeping = Clusterer::new(config());
    for a in stream(2048) {
        keeping.add(a);
    }
    assert!(
        kept_bytes(&keeping) > 3 * bytes_end,
        "the hand-overs keep {bytes_end} of {} bytes",
        kept_bytes(&keeping)
    );
}
