//! Members of closed events and whole compacted events handed over by the clusterer: written once
//! per hand-over, read back by event, by article and by entity, and deleted by hand-over number.

use crate::common::fresh_store;
use store::SqliteStore;
use store::{ArchivedEventRecord, ArchivedMember, Store};

fn member(id: &str, score: f32, title: Option<&str>) -> ArchivedMember {
    ArchivedMember { article_id: id.into(), score, language: "de".into(), title: title.map(str::to_string) }
}

#[test]
fn handed_over_members_come_back_in_order_by_event_and_by_article() {
    let (dir, mut store) = fresh_store();
    let first = vec![member("c", 1.0, Some("Gipfel in Tokio")), member("a", 0.75, None)];
    store.put_archived_members(1, &[(4, first.clone()), (9, vec![member("b", 1.0, None)])]).unwrap();
    // Event 4 corrected and handed over again: the old rows stay for an older snapshot.
    let second =
        vec![member("c", 1.0, Some("Gipfel in Tokio")), member("a", 0.75, None), member("d", 1.0, None)];
    store.put_archived_members(2, &[(4, second.clone())]).unwrap();
    drop(store);
    let mut store = SqliteStore::open(&dir.path().join("data")).unwrap();

    assert_eq!(store.archived_members(1, 4).unwrap(), first, "join order, scores and titles kept");
    assert_eq!(store.archived_members(2, 4).unwrap(), second);
    assert!(store.archived_members(2, 9).unwrap().is_empty());
    assert_eq!(store.archived_events_of("a").unwrap(), [(1, 4), (2, 4)]);
    assert_eq!(store.archived_events_of("b").unwrap(), [(1, 9)]);
    assert!(store.archived_events_of("zz").unwrap().is_empty());

    let mut seen = Vec::new();
    store
        .for_each_archived_member(&mut |archive, event, m| {
            seen.push((archive, event, m.article_id));
            Ok(())
        })
        .unwrap();
    let ids: Vec<(u64, u32, &str)> = seen.iter().map(|(a, e, id)| (*a, *e, id.as_str())).collect();
    assert_eq!(ids, [(1, 4, "c"), (1, 4, "a"), (1, 9, "b"), (2, 4, "c"), (2, 4, "a"), (2, 4, "d")]);

    store.delete_archives(&[(1, 4)]).unwrap();
    assert!(store.archived_members(1, 4).unwrap().is_empty());
    assert_eq!(store.archived_members(1, 9).unwrap().len(), 1, "only the named pair is deleted");
    store.truncate_archives(1).unwrap();
    assert!(store.archived_members(2, 4).unwrap().is_empty(), "hand-overs after 1 are gone");
    assert_eq!(store.archived_events_of("b").unwrap(), [(1, 9)]);
}

#[test]
fn writing_a_hand_over_again_replaces_it() {
    let (_dir, mut store) = fresh_store();
    let members = vec![member("a", 0.5, None), member("b", 1.0, None)];
    store.put_archived_members(3, &[(7, members.clone())]).unwrap();
    store.put_archived_members(3, &[(7, members.clone())]).unwrap();
    assert_eq!(store.archived_members(3, 7).unwrap(), members);
    assert_eq!(store.archived_events_of("a").unwrap(), [(3, 7)]);
}

fn record(event: u32, json: &str, entities: &[&str]) -> ArchivedEventRecord {
    ArchivedEventRecord {
        event_id: event,
        json: json.into(),
        entities: entities.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn whole_events_are_found_by_number_and_by_entity_and_deleted_with_their_entities() {
    let (_dir, mut store) = fresh_store();
    store.put_archived_members(1, &[(4, vec![member("a", 1.0, None)])]).unwrap();
    store
        .put_archived_events(
            2,
            &[
                record(4, r#"{"id":4}"#, &["country:KR", "person:lee"]),
                record(5, r#"{"id":5}"#, &["country:KR"]),
            ],
        )
        .unwrap();
    store.put_archived_events(3, &[record(4, r#"{"id":4,"v":2}"#, &["country:JP"])]).unwrap();
    assert_eq!(store.archived_event(2, 4).unwrap().as_deref(), Some(r#"{"id":4}"#));
    assert_eq!(store.archived_event(3, 5).unwrap(), None);
    assert_eq!(store.archived_events_with_entity("country:KR").unwrap(), [(2, 4), (2, 5)]);
    assert_eq!(store.archived_events_with_entity("country:JP").unwrap(), [(3, 4)]);
    let mut all = Vec::new();
    store
        .for_each_archived_event(&mut |archive, event, json| {
            all.push((archive, event, json));
            Ok(())
        })
        .unwrap();
    assert_eq!(all.len(), 3);

    // A pair names members or an event; deleting it takes the event's entity rows too.
    store.delete_archives(&[(2, 4), (1, 4)]).unwrap();
    assert_eq!(store.archived_event(2, 4).unwrap(), None);
    assert!(store.archived_members(1, 4).unwrap().is_empty());
    assert_eq!(store.archived_events_with_entity("country:KR").unwrap(), [(2, 5)]);
    assert!(store.archived_events_with_entity("person:lee").unwrap().is_empty());
    store.truncate_archives(2).unwrap();
    assert_eq!(store.archived_event(3, 4).unwrap(), None);
    assert!(store.archived_events_with_entity("country:JP").unwrap().is_empty());
    assert!(store.archived_event(2, 5).unwrap().is_some());
}
