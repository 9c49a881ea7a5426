//! The place evidence of a pair: one place, a place inside another, two places.

use cluster::profile::Profile;
use cluster::score::{pair_features, DocumentFrequencies, FEATURE_NAMES};
use cluster::ArticleFeatures;

fn placed(id: &str, scope: &[&str]) -> ArticleFeatures {
    ArticleFeatures {
        id: id.into(),
        places: scope.first().map(|p| vec![p.to_string()]).unwrap_or_default(),
        place_scope: scope.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

/// (agree, conflict) of two articles' places.
fn place_evidence(a: &ArticleFeatures, b: &ArticleFeatures) -> (f32, f32) {
    let pf = pair_features(&Profile::of(a), &Profile::of(b), &DocumentFrequencies::default());
    let at = |name: &str| FEATURE_NAMES.iter().position(|n| *n == name).expect("a place feature");
    (pf.values[at("place_agree")], pf.values[at("place_conflict")])
}

#[test]
fn a_city_agrees_with_the_state_it_lies_in_and_no_other() {
    let city = placed("city", &["place:1", "region:US.FL", "country:US"]);
    // The state's first place is its own id; its scope starts with its region key.
    let mut state = placed("state", &["region:US.FL", "country:US"]);
    state.places = vec!["place:100".into()];
    let mut other_state = placed("other state", &["region:US.PA", "country:US"]);
    other_state.places = vec!["place:200".into()];
    let neighbour = placed("neighbour", &["place:2", "region:US.FL", "country:US"]);
    assert_eq!(place_evidence(&city, &state), (1.0, 0.0));
    assert_eq!(place_evidence(&state, &city), (1.0, 0.0));
    assert_eq!(place_evidence(&city, &other_state), (0.0, 1.0));
    // Two towns of one state are two places.
    assert_eq!(place_evidence(&city, &neighbour), (0.0, 1.0));
    assert_eq!(
        place_evidence(&city, &placed("again", &["place:1", "region:US.FL", "country:US"])),
        (1.0, 0.0)
    );
    // Without a place on one side there is no place evidence.
    assert_eq!(place_evidence(&city, &placed("nowhere", &[])), (0.0, 0.0));
    // A place the gazetteer does not know compares by its id alone.
    assert_eq!(place_evidence(&placed("x", &["place:siesta-key"]), &city), (0.0, 1.0));
}
