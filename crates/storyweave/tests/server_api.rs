//! The HTTP API of `storyweave serve`: writes and tokens, limits and JSON errors, pagination, stories,
//! search across languages, the live stream, and the OpenAPI file against the router.

use crate::server_client as client;

use client::{next_event, TestServer, TOKEN};
use serde_json::json;
use storyweave::server::Limits;

/// Written for these tests: two reports of one made-up event and one of another.
fn fixture_articles() -> serde_json::Value {
    json!([
        {
            "title": "Flood barrier in Rotterdam closed for the first time this winter",
            "text": "Flood barrier in Rotterdam closed for the first time this winter\nThe storm surge barrier near Rotterdam was closed on Tuesday evening as water levels rose, the Dutch water authority said.\nThe barrier will stay closed until the tide turns on Wednesday morning, officials said.",
            "url": "https://fixtures.example/en/barrier",
            "date_publish": "2025-12-02",
            "language": "en"
        },
        {
            "title": "Sturmflutwehr bei Rotterdam erstmals in diesem Winter geschlossen",
            "text": "Sturmflutwehr bei Rotterdam erstmals in diesem Winter geschlossen\nDas Sturmflutwehr bei Rotterdam wurde am Dienstagabend wegen steigender Pegel geschlossen, teilte die niederländische Wasserbehörde mit.\nEs bleibe bis Mittwochmorgen geschlossen, hieß es.",
            "url": "https://fixtures.example/de/wehr",
            "date_publish": "2025-12-02",
            "language": "de"
        },
        {
            "title": "South Korea opens new rail line to the east coast",
            "text": "South Korea opens new rail line to the east coast\nSouth Korea opened a high-speed rail line linking Seoul with the east coast on Friday, the transport ministry said.\nThe line cuts the journey to under two hours, the ministry said in a statement.",
            "url": "https://fixtures.example/en/rail",
            "date_publish": "2025-11-14",
            "language": "en"
        }
    ])
}

#[test]
fn writes_need_the_bearer_token() {
    let server = TestServer::start(Limits::default());
    let body = fixture_articles()[0].to_string();
    let none =
        server.request("POST", "/api/articles", &[("Content-Type", "application/json")], body.as_bytes());
    assert_eq!(none.status, 401);
    assert!(none.error().contains("Authorization: Bearer"), "{}", none.error());
    let wrong = server.request(
        "POST",
        "/api/articles",
        &[("Authorization", "Bearer not-the-token"), ("Content-Type", "application/json")],
        body.as_bytes(),
    );
    assert_eq!(wrong.status, 401);
    assert!(wrong.error().contains("wrong"), "{}", wrong.error());
    assert_eq!(server.get("/api/events").json()["total"], 0, "a refused write stores nothing");
    let right = server.post_json(&fixture_articles()[0]);
    assert_eq!(right.status, 201, "{}", String::from_utf8_lossy(&right.body));
    // Reads are open, and every answer carries the page's script policy.
    let list = server.get("/api/events");
    assert_eq!(list.status, 200);
    assert!(list.header("content-security-policy").unwrap().contains("script-src 'self'"));
}

#[test]
fn bad_requests_get_a_json_error_that_says_what_is_wrong() {
    let server = TestServer::start(Limits::default());
    let auth = format!("Bearer {TOKEN}");
    let post = |content_type: &str, body: &str| {
        server.request(
            "POST",
            "/api/articles",
            &[("Authorization", &auth), ("Content-Type", content_type)],
            body.as_bytes(),
        )
    };
    let cases: Vec<(client::Response, u16, &str)> = vec![
        (post("application/json", "{\"text\": "), 400, "not JSON"),
        (post("application/json", "[1, 2]"), 422, "record 1"),
        (post("application/json", "[]"), 400, "no article"),
        (post("application/xml", "<a/>"), 415, "application/json"),
        (post("text/html", "<html><body><p>Hello</p></body></html>"), 400, "?url="),
        (server.get("/api/events?limit=0"), 400, "limit"),
        (server.get("/api/events?limit=many"), 400, "query"),
        (server.get("/api/events?sort=loudest"), 400, "sort"),
        (server.get("/api/events/abc"), 400, "event id"),
        (server.get("/api/events/999"), 404, "no event 999"),
        (server.get("/api/articles/zz"), 400, "hexadecimal"),
        (server.get("/api/articles/abcdef012345"), 404, "no article"),
        (server.get("/api/entities/country:ZZ"), 404, "country:ZZ"),
        (server.get("/api/search"), 400, "`q` is required"),
        (server.get("/api/nothing-here"), 404, "no route"),
        (server.request("DELETE", "/api/events", &[], b""), 405, "does not take DELETE"),
    ];
    for (response, status, needle) in cases {
        assert_eq!(response.status, status, "{}", String::from_utf8_lossy(&response.body));
        assert!(response.header("content-type").unwrap().starts_with("application/json"));
        let error = response.error();
        assert!(error.contains(needle), "{error:?} should mention {needle:?}");
    }
}

#[test]
fn body_size_and_write_rate_are_limited() {
    let limits = Limits { max_body_bytes: 4096, write_rate: 0.5, write_burst: 2.0, ..Limits::default() };
    let server = TestServer::start(limits);
    let big = json!({"text": "word ".repeat(2000), "url": "https://fixtures.example/big"});
    let too_big = server.post_json(&big);
    assert_eq!(too_big.status, 413);
    assert!(too_big.error().contains("4096 bytes"), "{}", too_big.error());
    let articles = fixture_articles();
    assert_eq!(server.post_json(&articles[0]).status, 201);
    assert_eq!(server.post_json(&articles[1]).status, 201);
    let limited = server.post_json(&articles[2]);
    assert_eq!(limited.status, 429);
    assert!(limited.error().contains("rate limit"), "{}", limited.error());
    let retry: u64 = limited.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=2).contains(&retry), "retry after {retry} s");
    // A batch larger than the whole burst can never pass: it is told to split, not to retry.
    let batch = server.post_json(&articles);
    assert_eq!(batch.status, 413);
    assert!(batch.error().contains("split"), "{}", batch.error());
}

#[test]
fn posted_articles_join_events_that_list_page_and_tell_their_story() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(dir.path(), Limits::default());
    let posted = server.post_json(&fixture_articles());
    assert_eq!(posted.status, 201);
    let posted = posted.json();
    let results = posted["articles"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for r in results {
        assert_eq!(r["status"], "stored");
        assert!(r["event"].as_u64().is_some(), "each article is placed in an event: {r}");
        assert_eq!(r["article_id"].as_str().unwrap().len(), 32);
    }
    // The same content again is recognized, not stored twice.
    let again = server.post_json(&fixture_articles()[2]);
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["articles"][0]["status"], "already_present");

    let events = server.get("/api/events").json();
    let total = events["total"].as_u64().unwrap();
    let distinct: std::collections::BTreeSet<u64> =
        results.iter().map(|r| r["event"].as_u64().unwrap()).collect();
    assert_eq!(total, distinct.len() as u64);
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = server.get(&format!("/api/events?limit=1&offset={offset}")).json();
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 1);
        seen.extend(items.iter().map(|e| e["id"].as_u64().unwrap()));
        match page["next_offset"].as_u64() {
            Some(next) => offset = next as usize,
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, total, "paging visits every event once");
    let newest = server.get("/api/events?sort=newest").json();
    let dates: Vec<&str> =
        newest["items"].as_array().unwrap().iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");

    let rail = &results[2];
    let event = rail["event"].as_u64().unwrap();
    let story = server.get(&format!("/api/events/{event}?lang=en"));
    assert_eq!(story.status, 200, "{}", String::from_utf8_lossy(&story.body));
    let story = story.json();
    assert_eq!(story["event_id"], event.to_string());
    assert!(story["sources"].as_array().unwrap().iter().any(|s| s["article_id"] == rail["article_id"]));
    let article = server.get(&format!("/api/articles/{}", rail["article_id"].as_str().unwrap())).json();
    assert_eq!(article["event"], event);
    assert!(article["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["text"].as_str().unwrap().contains("rail line")));
    let storylines = server.get("/api/storylines?limit=10").json();
    assert!(storylines["total"].as_u64().unwrap() >= 1);

    // A restart serves the same events from the saved snapshots.
    server.stop();
    assert!(dir.path().join(storyweave::events::SNAPSHOT_FILE).is_file());
    let restarted = TestServer::start_in(dir.path(), Limits::default());
    assert_eq!(restarted.get("/api/events").json()["items"], events["items"]);
}

#[test]
fn search_finds_articles_by_words_and_by_entity_names_in_any_language() {
    let server = TestServer::start(Limits::default());
    assert_eq!(server.post_json(&fixture_articles()).status, 201);
    let words = server.get("/api/search?q=barrier%20Rotterdam").json();
    let hits = words["items"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert_eq!(hits[0]["matched"], "text");
    assert!(hits[0]["snippet"].as_array().unwrap().iter().any(|p| p["hit"] == true));
    // The German name of the country finds the English article that names it in English.
    let german = server.get("/api/search?q=S%C3%BCdkorea").json();
    let entities: Vec<&str> =
        german["entities"].as_array().unwrap().iter().filter_map(|e| e["id"].as_str()).collect();
    assert!(entities.contains(&"country:KR"), "Südkorea is recognized: {entities:?}");
    let english: Vec<&serde_json::Value> =
        german["items"].as_array().unwrap().iter().filter(|h| h["language"] == "en").collect();
    assert!(english.iter().any(|h| h["title"].as_str().unwrap_or("").contains("rail line")), "{german}");
    let entity = server.get("/api/entities/country:KR").json();
    assert_eq!(entity["entity"]["id"], "country:KR");
    assert!(entity["total"].as_u64().unwrap() >= 1);
}

#[test]
fn the_stream_announces_new_articles_and_new_events() {
    let server = TestServer::start(Limits::default());
    let mut stream = server.open_stream();
    next_event(&mut stream, &["hello"]);
    let posted = server.post_json(&fixture_articles()[2]).json();
    let (_, article) = next_event(&mut stream, &["article"]);
    assert_eq!(article["id"], posted["articles"][0]["article_id"]);
    assert_eq!(article["language"], "en");
    let (name, event) = next_event(&mut stream, &["event_new", "event_update"]);
    assert_eq!(name, "event_new");
    assert_eq!(event["id"], posted["articles"][0]["event"]);
    assert_eq!(event["articles"], 1);
}

#[test]
fn the_openapi_file_documents_every_route_and_only_those() {
    let spec: serde_json::Value =
        serde_json::from_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json"))).unwrap();
    let mut documented = std::collections::BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_ascii_uppercase(), path.clone()));
        }
    }
    let routed: std::collections::BTreeSet<(String, String)> = storyweave::server::api_route_table()
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    assert!(undocumented.is_empty(), "routes missing from openapi.json: {undocumented:?}");
    assert!(unrouted.is_empty(), "openapi.json documents routes the server lacks: {unrouted:?}");
    // And the router really answers each documented GET (not with its "no route" fallback).
    let server = TestServer::start(Limits::default());
    for (method, path) in &documented {
        if method != "GET" || path == "/api/stream" {
            continue;
        }
        let concrete = path.replace("{id}", "1");
        let response = server.get(&format!("{concrete}?q=x"));
        let body = String::from_utf8_lossy(&response.body);
        assert!(!body.contains("no route"), "{method} {path} is not routed: {body}");
    }
    assert_eq!(server.get("/api/openapi.json").json()["openapi"], "3.1.0");
}

#[test]
fn a_story_follows_new_articles_of_its_event_and_only_rebuilds_then() {
    let server = TestServer::start(Limits::default());
    let articles = fixture_articles();
    let first = server.post_json(&articles[0]).json();
    let event = first["articles"][0]["event"].as_u64().unwrap();
    let story = server.get(&format!("/api/events/{event}")).json();
    assert_eq!(story["sources"].as_array().unwrap().len(), 1);
    // An unrelated article leaves the story as it was.
    let other = server.post_json(&articles[2]).json();
    assert_ne!(other["articles"][0]["event"], event, "the rail line is another event");
    assert_eq!(server.get(&format!("/api/events/{event}")).json(), story);
    // A longer version of the same report joins the event; the story shows it at once.
    let mut update = articles[0].clone();
    update["text"] = json!(format!(
        "{}\nThe barrier was last closed in December two years ago, the authority said.",
        articles[0]["text"].as_str().unwrap()
    ));
    update["url"] = json!("https://fixtures.example/en/barrier-update");
    let joined = server.post_json(&update).json();
    assert_eq!(joined["articles"][0]["status"], "stored");
    assert_eq!(joined["articles"][0]["event"], event, "{joined}");
    let story = server.get(&format!("/api/events/{event}")).json();
    let sources: Vec<&str> =
        story["sources"].as_array().unwrap().iter().map(|s| s["article_id"].as_str().unwrap()).collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources.contains(&joined["articles"][0]["article_id"].as_str().unwrap()));
}

#[test]
fn an_html_page_posted_with_its_url_is_extracted_like_a_crawled_page() {
    let server = TestServer::start(Limits::default());
    let page = "<!doctype html><html lang=\"en\"><head><title>Ferry strike ends in Helsinki</title>\
        <meta property=\"article:published_time\" content=\"2025-09-03T08:00:00Z\"></head><body>\
        <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Ferry strike ends in Helsinki</h1>\
        <p>Ferry workers in Helsinki ended a three-day strike on Wednesday after the union and the operators \
        agreed on a new wage deal, the union said in a statement.</p>\
        <p>Services to Tallinn and Stockholm resume on Thursday morning, the operators said.</p></article>\
        <footer>Subscribe to our newsletter</footer></body></html>";
    let auth = format!("Bearer {TOKEN}");
    let response = server.request(
        "POST",
        "/api/articles?url=https://news.fixtures.example/ferry-strike",
        &[("Authorization", &auth), ("Content-Type", "text/html; charset=utf-8")],
        page.as_bytes(),
    );
    assert_eq!(response.status, 201, "{}", String::from_utf8_lossy(&response.body));
    let id = response.json()["articles"][0]["article_id"].as_str().unwrap().to_string();
    let article = server.get(&format!("/api/articles/{id}")).json();
    assert_eq!(article["url"], "https://news.fixtures.example/ferry-strike");
    assert_eq!(article["language"], "en");
    let text = article["text"].as_str().unwrap();
    assert!(text.contains("new wage deal"), "{text}");
    assert!(!text.contains("Subscribe to our newsletter"), "the footer is not article text: {text}");
}
