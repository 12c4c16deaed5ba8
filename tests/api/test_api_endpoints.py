"""Every endpoint of the API over the coded example articles, good and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from apistore import app_over, client_over, coded_examples
from fastapi.testclient import TestClient

from whowhom.api.limits import MAX_BODY_BYTES, MAX_TEXT_CHARS
from whowhom.api.main import create_app
from whowhom.store.db import EventFilter, EventStore


@pytest.fixture(scope="module")
def db() -> Path:
    return coded_examples()


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return client_over(db)


def assert_error(response, status: int, words: str = "") -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and error["message"]
    assert words.lower() in error["message"].lower()
    return error


def stored_total(db: Path, **filters) -> int:
    with EventStore(db, read_only=True) as store:
        return store.count_events(EventFilter(**filters))


# -- /api/events ---------------------------------------------------------------------------


def test_events_page_has_items_and_the_total_of_all_matches(client: TestClient, db: Path) -> None:
    body = client.get("/api/events", params={"limit": 5}).json()
    assert len(body["items"]) == 5
    assert body["total"] == stored_total(db)
    assert {"event_id", "source", "target", "trigger", "sentence"} <= set(body["items"][0])


def test_events_filters_narrow_the_list(client: TestClient, db: Path) -> None:
    body = client.get("/api/events", params={"country": "arm", "limit": 1000}).json()
    assert body["total"] == stored_total(db, country="ARM") > 0
    for e in body["items"]:
        assert "ARM" in (e["source"]["country"], (e["target"] or {}).get("country"))
    kind = sorted({e["event"] for e in body["items"]})[0]
    narrower = client.get("/api/events", params={"country": "ARM", "event": kind.lower()}).json()
    assert narrower["total"] == sum(e["event"] == kind for e in body["items"]) > 0
    assert all(e["event"] == kind for e in narrower["items"])


@pytest.mark.parametrize("params", [
    {"since": "2024-01-01", "until": "2024-12-31"},
    {"doc": "05-belarus-nuclear-weapons"},
    {"actor": "Lukashenko"},
    {"min_confidence": 0.7},
    {"include_all": "true"},
])
def test_each_filter_matches_the_store(client: TestClient, db: Path, params: dict) -> None:
    body = client.get("/api/events", params={**params, "limit": 1000}).json()
    store_filters = {k: v for k, v in params.items() if k != "include_all"}
    if "include_all" in params:
        store_filters["include_all"] = True
    assert body["total"] == stored_total(db, **store_filters)
    assert len(body["items"]) == body["total"]


@pytest.mark.parametrize("sort", ["date", "confidence", "goldstein"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_events_sort_both_ways(client: TestClient, sort: str, order: str) -> None:
    items = client.get("/api/events", params={"sort": sort, "order": order,
                                              "limit": 1000}).json()["items"]
    key = {"date": lambda e: e["date"], "confidence": lambda e: e["confidence"],
           "goldstein": lambda e: e["goldstein"]}[sort]
    values = [key(e) for e in items if key(e) is not None]
    if sort == "date":  # dates of different precision compare by their first day
        values = [v + "-01-01"[: 10 - len(v)] for v in values]
    assert values == sorted(values, reverse=order == "desc")


def test_cursor_pages_walk_all_events_once(client: TestClient, db: Path) -> None:
    seen, cursor = [], None
    while True:
        params = {"limit": 7, "sort": "goldstein", "order": "asc"}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/events", params=params).json()
        seen += [e["event_id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == stored_total(db)


def test_offset_pages_follow_each_other(client: TestClient) -> None:
    whole = client.get("/api/events", params={"limit": 10}).json()["items"]
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()["items"]
    assert [e["event_id"] for e in second] == [e["event_id"] for e in whole[5:10]]


@pytest.mark.parametrize(("params", "status", "words"), [
    ({"limit": 1001}, 422, "limit"),
    ({"limit": 0}, 422, "limit"),
    ({"offset": -1}, 422, "offset"),
    ({"sort": "event_id; DROP TABLE events"}, 422, "sort"),
    ({"order": "sideways"}, 422, "order"),
    ({"country": "KAZAKHSTAN"}, 422, "country"),
    ({"since": "yesterday"}, 422, "since"),
    ({"since": "2024-13-45"}, 400, "since"),
    ({"min_confidence": 2}, 422, "min_confidence"),
    ({"min_confidence": "high"}, 422, "min_confidence"),
    ({"cursor": "not-a-cursor"}, 400, "cursor"),
    ({"cursor": "abc", "offset": 5}, 400, "offset or cursor"),
])
def test_bad_event_parameters_answer_with_a_message(client: TestClient, params: dict,
                                                    status: int, words: str) -> None:
    assert_error(client.get("/api/events", params=params), status, words)


def test_a_cursor_of_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/events", params={"limit": 2}).json()["next_cursor"]
    response = client.get("/api/events", params={"cursor": cursor, "sort": "confidence"})
    assert_error(response, 400, "another sort")


def test_sql_in_a_filter_value_is_only_a_value(client: TestClient, db: Path) -> None:
    body = client.get("/api/events", params={"actor": "x' OR 1=1 --"}).json()
    assert body["total"] == 0
    assert stored_total(db) > 0


def test_fused_events_answer_or_say_they_are_not_available(client: TestClient) -> None:
    response = client.get("/api/events", params={"fused": "true"})
    if hasattr(EventStore, "query_fused"):
        assert response.status_code == 200, response.text
        assert {"items", "total"} <= set(response.json())
    else:
        assert_error(response, 400, "fused events are not available in this store")


# -- /api/events/{id} ----------------------------------------------------------------------


def test_event_evidence_highlights_source_trigger_and_target(client: TestClient) -> None:
    items = client.get("/api/events", params={"limit": 1000}).json()["items"]
    with_target = [e for e in items if e["target"]]
    assert with_target
    for e in with_target:
        body = client.get(f"/api/events/{e['event_id']}").json()
        evidence = body["evidence"]
        assert evidence["sentence"] == e["sentence"]
        by_role = {s["role"]: s for s in evidence["spans"]}
        assert by_role["trigger"]["text"] == e["trigger"]["text"]
        for span in evidence["spans"]:
            assert evidence["sentence"][span["start"]:span["end"]] == span["text"]
        assert evidence["document"]["doc_id"] == e["doc_id"]
        assert evidence["document"]["page"].endswith(e["doc_id"])
        assert body["fused"] is False


def test_unknown_event_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/events/no-such-event"), 404, "no-such-event")


# -- /api/documents/{id} --------------------------------------------------------------------


def test_document_has_its_text_and_events_as_spans(client: TestClient) -> None:
    doc = client.get("/api/documents/06-armenia-turkey-quake-aid").json()
    assert doc["title"] and doc["text"]
    assert doc["events"]
    for item in doc["events"]:
        for span in item["spans"]:
            assert doc["text"][span["start"]:span["end"]] == span["text"]


def test_unknown_document_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/documents/no/such/doc"), 404, "no document")


# -- /api/actors ---------------------------------------------------------------------------


def test_actor_search_finds_kb_entries_and_stored_actors(client: TestClient) -> None:
    items = client.get("/api/actors", params={"q": "armenia"}).json()["items"]
    assert items[0] == {**items[0], "source": "kb", "kind": "state", "id": "ARM"}
    assert any(i["source"] == "store" and i["events"] > 0 for i in items)
    orgs = client.get("/api/actors", params={"q": "NATO"}).json()["items"]
    assert any(i["kind"] == "organisation" and i["id"] == "NATO" for i in orgs)


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 101}, {"q": "a", "limit": 0}])
def test_bad_actor_search_is_422(client: TestClient, params: dict) -> None:
    assert_error(client.get("/api/actors", params=params), 422)


# -- /api/dyads ----------------------------------------------------------------------------


def test_dyad_counts_both_directions_per_period(client: TestClient, db: Path) -> None:
    body = client.get("/api/dyads", params={"a": "tur", "b": "ARM"}).json()
    assert (body["a"], body["b"], body["interval"]) == ("TUR", "ARM", "month")
    totals = body["totals"]
    assert totals["a_to_b"]["events"] > 0 and totals["b_to_a"]["events"] > 0
    with EventStore(db, read_only=True) as store:
        events = store.query_events(EventFilter(country="TUR"))
    expected = sum(1 for e in events if e["source"]["country"] == "TUR"
                   and e["target"] and e["target"]["country"] == "ARM")
    assert totals["a_to_b"]["events"] == expected
    side = totals["a_to_b"]
    assert sum(side["by_type"].values()) == sum(side["quad_class"].values()) == side["events"]
    assert side["goldstein_mean"] == pytest.approx(side["goldstein_sum"] / side["events"],
                                                   abs=1e-3)
    weekly = client.get("/api/dyads", params={"a": "TUR", "b": "ARM",
                                              "interval": "week"}).json()
    assert sum(p["a_to_b"]["events"] for p in weekly["periods"]) == expected


def test_dyad_with_an_organisation(client: TestClient) -> None:
    network = client.get("/api/network").json()
    orgs = {n["id"] for n in network["nodes"] if n["kind"] == "organisation"}
    edge = next(e for e in network["edges"] if {e["source"], e["target"]} & orgs)
    body = client.get("/api/dyads", params={"a": edge["source"], "b": edge["target"]}).json()
    both = body["totals"]["a_to_b"]["events"] + body["totals"]["b_to_a"]["events"]
    assert both == edge["weight"]


def test_dyad_without_events_is_empty_not_an_error(client: TestClient) -> None:
    body = client.get("/api/dyads", params={"a": "ISL", "b": "NZL"}).json()
    assert body["periods"] == [] and body["totals"]["a_to_b"]["events"] == 0


@pytest.mark.parametrize(("params", "status"), [
    ({"a": "KAZ"}, 422), ({"a": "KAZ", "b": "KAZ"}, 400), ({"a": "K", "b": "BLR"}, 422),
    ({"a": "KAZ", "b": "BLR", "interval": "day"}, 422),
    ({"a": "KAZ", "b": "BLR", "since": "2024-02-30"}, 400),
])
def test_bad_dyad_parameters(client: TestClient, params: dict, status: int) -> None:
    assert_error(client.get("/api/dyads", params=params), status)


# -- /api/network and /api/timeline --------------------------------------------------------


def test_network_nodes_and_signed_weighted_edges(client: TestClient) -> None:
    body = client.get("/api/network").json()
    ids = {n["id"] for n in body["nodes"]}
    assert {"TUR", "ARM"} <= ids
    kinds = {n["id"]: n["kind"] for n in body["nodes"]}
    assert "organisation" in kinds.values() and kinds["ARM"] == "state"
    edge = next(e for e in body["edges"] if {e["source"], e["target"]} == {"TUR", "ARM"})
    assert edge["weight"] == edge["cooperation"] + edge["conflict"] and edge["goldstein_mean"] > 0
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    weights = [e["weight"] for e in body["edges"]]
    assert weights == sorted(weights, reverse=True)


def test_network_date_range_and_limit(client: TestClient) -> None:
    later = client.get("/api/network", params={"since": "2024-01-01"}).json()
    everything = client.get("/api/network").json()
    assert 0 < len(later["edges"]) < len(everything["edges"])
    assert len(client.get("/api/network", params={"limit": 2}).json()["edges"]) == 2
    assert_error(client.get("/api/network", params={"until": "soon"}), 422)
    assert_error(client.get("/api/network", params={"limit": 0}), 422)


def test_timeline_counts_every_dated_event_once(client: TestClient, db: Path) -> None:
    body = client.get("/api/timeline", params={"interval": "year"}).json()
    assert sum(sum(p["quad_class"].values()) for p in body["periods"]) == stored_total(db)
    assert_error(client.get("/api/timeline", params={"interval": "fortnight"}), 422)


# -- POST /api/code ------------------------------------------------------------------------


def test_code_passes_text_and_date_to_the_coder(client: TestClient) -> None:
    body = client.post("/api/code", json={"text": "Some text.", "published": "2024-08-23"}).json()
    assert body == {"items": [{"event_id": "fake", "doc_id": "posted", "text_length": 10,
                               "published": "2024-08-23", "all": False}], "total": 1}


def test_code_refuses_oversized_text_and_bodies(client: TestClient) -> None:
    assert_error(client.post("/api/code", json={"text": "a" * (MAX_TEXT_CHARS + 1)}), 413,
                 "characters")
    huge = b'{"text": "' + b"a" * MAX_BODY_BYTES + b'"}'
    assert_error(client.post("/api/code", content=huge,
                             headers={"content-type": "application/json"}), 413)

    def chunks():
        yield b'{"text": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"a" * 65536
        yield b'"}'

    assert_error(client.post("/api/code", content=chunks(),
                             headers={"content-type": "application/json"}), 413)


@pytest.mark.parametrize("body", [
    {}, {"text": ""}, {"text": 5}, {"text": "x", "published": "23 Aug"},
    {"text": "x", "published": "2024-02-30"},
])
def test_bad_code_requests_are_422(client: TestClient, body: dict) -> None:
    assert_error(client.post("/api/code", json=body), 422)


def test_code_refuses_malformed_json(client: TestClient) -> None:
    response = client.post("/api/code", content=b"{not json",
                           headers={"content-type": "application/json"})
    assert_error(response, 422)


def test_code_with_the_real_coder_stores_nothing(db: Path) -> None:
    before = stored_total(db, include_all=True)
    client = client_over(db, real_coder=True)
    body = client.post("/api/code", json={
        "text": "The Kazakh Foreign Ministry summoned the Belarusian ambassador on Wednesday.",
        "published": "2024-08-23"}).json()
    assert [(e["event"], e["source"]["code"], e["target"]["code"]) for e in body["items"]] == [
        ("ACCUSE", "KAZGOV", "BLRGOV")]
    assert stored_total(db, include_all=True) == before


# -- the app -------------------------------------------------------------------------------


def test_without_a_store_endpoints_say_so() -> None:
    client = TestClient(create_app())
    assert_error(client.get("/api/events"), 503, "no event store")


def test_unknown_paths_and_methods_use_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404)
    assert_error(client.delete("/api/events"), 405)


def test_dashboard_and_its_files_are_served(db: Path) -> None:
    client = TestClient(app_over(db))
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    for name in ("app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert "cdn" not in page.text.lower()


def test_a_served_store_is_read_only(db: Path) -> None:
    app = create_app(db)
    with TestClient(app) as client:
        assert client.get("/api/events").status_code == 200
        pool = app.state.store_pool
        store = pool.acquire()
        try:
            with pytest.raises(Exception, match="read-only"):
                store._con.execute("DELETE FROM events")
        finally:
            pool.release(store)



def test_served_app_answers_a_repeated_get_from_its_cache() -> None:
    from fastapi import HTTPException

    from whowhom.api.dependencies import get_store

    app = create_app(coded_examples(), cache_entries=8)
    with TestClient(app) as client:
        first = client.get("/api/events?limit=3")
        assert first.status_code == 200 and first.json()["items"]
        def no_store() -> None:
            raise HTTPException(503, "store switched off")

        app.dependency_overrides[get_store] = no_store  # only the cache can answer now
        assert client.get("/api/events?limit=4").status_code == 503
        again = client.get("/api/events?limit=3")
        assert again.status_code == 200
        assert again.json() == first.json()
