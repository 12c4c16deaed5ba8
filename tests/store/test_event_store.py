"""The DuckDB event store: saving, replacing, rolling back, filtering and exporting."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb
import pytest

from whowhom.errors import WhowhomError
from whowhom.model import Actor, Document, Event, Location, ReadFailure
from whowhom.store.db import EVENT_COLUMNS, SCHEMA_VERSION, EventFilter, EventStore

CODER = "test-coder-1"


def make_doc(
    doc_id: str = "doc-1", *, text: str = "", published: str = "2024-08-20", path: str = ""
) -> Document:
    return Document(
        doc_id=doc_id,
        text=text or f"Made-up article {doc_id}: Freedonia blamed Sylvania for the border row.",
        title=f"Title of {doc_id}",
        published=published,
        url=f"https://news.example/{doc_id}",
        outlet="Example Gazette",
        path=path or f"in/{doc_id}.txt",
    )


def make_event(
    event_id: str,
    doc_id: str = "doc-1",
    *,
    event: str = "ACCUSE",
    source: tuple[str, str, str] = ("Freedonia", "Rufus Firefly", "FRD"),
    target: tuple[str, str, str] | None = ("Sylvania", "Sylvania", "SYL"),
    source_kb_id: str | None = "kb:freedonia:firefly",
    date: str = "2024-08-15",
    date_precision: str = "day",
    sentence_index: int = 0,
    trigger_start: int = 20,
    negated: bool = False,
    hypothetical: bool = False,
    confidence: float = 0.8,
    location: Location | None = None,
    flags: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A §2 event dict built by the model itself, so the shapes match what the coder writes."""
    text, name, country = source
    target_actor = None
    if target is not None:
        t_text, t_name, t_country = target
        target_actor = Actor(t_text, t_name, t_country, "GOV", f"{t_country}GOV", None, (40, 48))
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        event=event,
        mode="DISAPPROVE",
        cameo="111",
        goldstein=-2.0,
        quad_class=3,
        source=Actor(text, name, country, "GOV", f"{country}GOV", source_kb_id, (10, 19)),
        target=target_actor,
        date=date,
        date_precision=date_precision,
        trigger_text="blamed",
        trigger_span=(trigger_start, trigger_start + 6),
        sentence="Freedonia blamed Sylvania for the border row.",
        sentence_index=sentence_index,
        negated=negated,
        hypothetical=hypothetical,
        location=location,
        confidence=confidence,
        flags=list(flags),
    ).to_dict()


@pytest.fixture
def store() -> Iterator[EventStore]:
    with EventStore(":memory:") as s:
        yield s


def ids(events: list[dict[str, Any]]) -> list[str]:
    return [e["event_id"] for e in events]


# -- schema --------------------------------------------------------------------------------


def test_event_columns_match_the_schema() -> None:
    schema = files("whowhom.store").joinpath("schema.sql").read_text(encoding="utf-8")
    with duckdb.connect(":memory:") as con:
        con.execute(schema)
        columns = [row[0] for row in con.execute("DESCRIBE events").fetchall()]
    assert tuple(columns) == EVENT_COLUMNS


def test_reopening_a_file_store_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as s:
        s.save_document(make_doc(), [make_event("e1")], CODER)
        s.record_failure(ReadFailure("in/bad.html", "no article text found"))
    with EventStore(db) as s:
        assert ids(s.query_events(EventFilter())) == ["e1"]
        assert s.is_current("doc-1", make_doc().content_hash, CODER)
        assert [f["path"] for f in s.failures()] == ["in/bad.html"]


def test_store_written_by_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    EventStore(db).close()
    with duckdb.connect(str(db)) as con:
        con.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)]
        )
    with pytest.raises(WhowhomError, match="newer") as info:
        EventStore(db)
    assert info.value.code == "E041"


def test_unopenable_path_gives_a_whowhom_error(tmp_path: Path) -> None:
    with pytest.raises(WhowhomError) as info:
        EventStore(tmp_path)  # a folder, not a database file
    assert info.value.code == "E040"


# -- saving ----------------------------------------------------------------------------------


def test_saved_event_comes_back_as_the_same_dict(store: EventStore) -> None:
    bare = make_event("e1", target=None, source_kb_id=None, date="", date_precision="publication")
    full = make_event(
        "e2",
        sentence_index=1,
        flags=("quoted",),
        location=Location("Fredville", "FRD", 12.5, -3.25),
    )
    store.save_document(make_doc(published="2024-08-10"), [bare, full], CODER)

    assert store.query_events(EventFilter()) == [bare, full]
    assert bare["target"] is None and bare["location"] is None


def test_saving_a_document_twice_replaces_rather_than_duplicates(store: EventStore) -> None:
    doc = make_doc()
    events = [make_event("e1"), make_event("e2", sentence_index=1)]
    store.save_document(doc, events, CODER)
    store.save_document(doc, events, CODER)

    assert ids(store.query_events(EventFilter())) == ["e1", "e2"]
    assert len(store.documents()) == 1


def test_recoded_document_loses_its_old_events(store: EventStore) -> None:
    store.save_document(make_doc(), [make_event("old-1"), make_event("old-2")], CODER)
    other = make_doc("doc-2")
    store.save_document(other, [make_event("other-1", "doc-2")], CODER)

    recoded = make_doc(text="A different made-up text about Freedonia.")
    store.save_document(recoded, [make_event("new-1")], "test-coder-2")

    assert ids(store.query_events(EventFilter())) == ["new-1", "other-1"]
    stored = store.get_document("doc-1")
    assert stored is not None
    assert stored["n_events"] == 1
    assert stored["content_hash"] == recoded.content_hash
    assert stored["coder_version"] == "test-coder-2"


def test_malformed_event_rolls_back_the_whole_batch(store: EventStore) -> None:
    store.save_document(make_doc(), [make_event("e1")], CODER)
    before = (store.query_events(EventFilter(include_all=True)), store.documents())

    broken = make_event("bad", "doc-3")
    del broken["source"]
    batch = [
        (make_doc(), [make_event("e1-new")]),
        (make_doc("doc-3"), [make_event("ok", "doc-3"), broken]),
        (make_doc("doc-4"), [make_event("e4", "doc-4")]),
    ]
    with pytest.raises(ValueError, match=r"event 1 of document 'doc-3'.*source"):
        store.save_documents(batch, CODER)

    assert (store.query_events(EventFilter(include_all=True)), store.documents()) == before


def test_database_error_mid_batch_rolls_back_deletes_too(store: EventStore) -> None:
    store.save_document(make_doc(), [make_event("e1")], CODER)
    store.record_failure(ReadFailure("in/doc-1.txt", "could not parse"))
    before = (store.query_events(EventFilter()), store.documents(), store.failures())

    clash = [
        (make_doc(text="Recoded text."), [make_event("dup")]),
        (make_doc("doc-2"), [make_event("dup", "doc-2")]),  # same event_id twice
    ]
    with pytest.raises(duckdb.ConstraintException):
        store.save_documents(clash, CODER)

    assert (store.query_events(EventFilter()), store.documents(), store.failures()) == before
    # and the store still takes writes afterwards
    store.save_document(make_doc("doc-2"), [make_event("e2", "doc-2")], CODER)
    assert ids(store.query_events(EventFilter())) == ["e1", "e2"]


def test_event_of_another_document_is_refused(store: EventStore) -> None:
    with pytest.raises(ValueError, match="names document 'doc-9'"):
        store.save_document(make_doc(), [make_event("e1", "doc-9")], CODER)
    assert store.documents() == []


def test_document_listed_twice_in_a_batch_keeps_its_last_coding(store: EventStore) -> None:
    store.save_documents(
        [(make_doc(), [make_event("first")]), (make_doc(), [make_event("second")])], CODER
    )
    assert ids(store.query_events(EventFilter())) == ["second"]


def test_is_current_needs_same_text_and_coder_version(store: EventStore) -> None:
    doc = make_doc()
    assert not store.is_current(doc.doc_id, doc.content_hash, CODER)
    store.save_document(doc, [], CODER)

    assert store.is_current(doc.doc_id, doc.content_hash, CODER)
    assert not store.is_current(doc.doc_id, doc.content_hash, "test-coder-2")
    assert not store.is_current(doc.doc_id, make_doc(text="Edited.").content_hash, CODER)
    assert not store.is_current("doc-2", doc.content_hash, CODER)


def test_documents_are_listed_without_text_and_fetched_with_it(store: EventStore) -> None:
    doc = make_doc(published="")
    store.save_document(doc, [make_event("e1")], CODER)

    [listed] = store.documents()
    assert "text" not in listed
    assert listed["doc_id"] == "doc-1" and listed["n_events"] == 1
    assert listed["published"] is None
    fetched = store.get_document("doc-1")
    assert fetched is not None and fetched["text"] == doc.text
    assert isinstance(fetched["coded_at"], str)
    assert store.get_document("doc-404") is None


# -- failures ---------------------------------------------------------------------------------


def test_failures_are_replaced_per_path_and_line(store: EventStore) -> None:
    store.record_failure(ReadFailure("in/a.jsonl", "line 3: not valid JSON", line=3))
    store.record_failure(ReadFailure("in/a.jsonl", "line 3: no 'text' field", line=3))
    store.record_failure(ReadFailure("in/a.jsonl", "line 5: not valid JSON", line=5))
    store.record_failure(ReadFailure("in/b.html", "no article text found"))
    store.record_failure(ReadFailure("in/b.html", "could not parse the HTML"))

    assert [(f["path"], f["line"], f["reason"]) for f in store.failures()] == [
        ("in/a.jsonl", 3, "line 3: no 'text' field"),
        ("in/a.jsonl", 5, "line 5: not valid JSON"),
        ("in/b.html", None, "could not parse the HTML"),
    ]


def test_failure_is_cleared_when_the_path_later_codes(store: EventStore) -> None:
    store.record_failure(ReadFailure("in/doc-1.txt", "coding failed"))
    store.record_failure(ReadFailure("in/other.txt", "empty file"))

    store.save_document(make_doc(path="in/doc-1.txt"), [make_event("e1")], CODER)

    assert [f["path"] for f in store.failures()] == ["in/other.txt"]


def test_line_failures_stay_until_their_file_is_cleared(store: EventStore) -> None:
    store.record_failure(ReadFailure("in/a.jsonl", "line 2: not valid JSON", line=2))
    store.save_document(make_doc(path="in/a.jsonl"), [make_event("e1")], CODER)
    assert [f["line"] for f in store.failures()] == [2]

    store.clear_failures("in/a.jsonl")
    assert store.failures() == []


# -- queries -----------------------------------------------------------------------------------


@pytest.fixture
def filled(store: EventStore) -> EventStore:
    """Five documents whose events differ in one respect each."""
    store.save_documents(
        [
            (
                make_doc("doc-a"),
                [
                    make_event("a-accuse", "doc-a", date="2024-08-15"),
                    make_event(
                        "a-denied", "doc-a", date="2024-08-15", negated=True, sentence_index=1
                    ),
                    make_event(
                        "a-maybe", "doc-a", date="2024-08-15", hypothetical=True, sentence_index=2
                    ),
                ],
            ),
            (
                make_doc("doc-b"),
                [
                    make_event(
                        "b-consult",
                        "doc-b",
                        event="CONSULT",
                        date="2024-07",
                        date_precision="month",
                        source=("Sylvanian envoy", "Trentino", "SYL"),
                        target=("Marxonia", "Marxonia", "MRX"),
                        source_kb_id="kb:trentino",
                    ),
                ],
            ),
            (
                make_doc("doc-c", published="2023-02-01"),
                [
                    make_event(
                        "c-undated",
                        "doc-c",
                        date="",
                        date_precision="publication",
                        target=None,
                        confidence=0.3,
                    ),
                ],
            ),
            (
                make_doc("doc-d", published=""),
                [
                    make_event(
                        "d-nodate",
                        "doc-d",
                        date="",
                        date_precision="none",
                        event="PROTEST",
                        target=None,
                    ),
                ],
            ),
            (
                make_doc("doc-e"),
                [
                    make_event("e-late", "doc-e", date="2024-09-01", trigger_start=90),
                    make_event("e-early", "doc-e", date="2024-09-01", trigger_start=5),
                ],
            ),
        ],
        CODER,
    )
    return store


def test_default_query_hides_negated_and_hypothetical_in_date_order(filled: EventStore) -> None:
    assert ids(filled.query_events(EventFilter())) == [
        "c-undated",
        "b-consult",
        "a-accuse",
        "e-early",
        "e-late",
        "d-nodate",
    ]


def test_include_all_shows_negated_and_hypothetical(filled: EventStore) -> None:
    found = ids(filled.query_events(EventFilter(doc="doc-a", include_all=True)))
    assert found == ["a-accuse", "a-denied", "a-maybe"]


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (EventFilter(event="consult"), ["b-consult"]),
        (EventFilter(country="MRX"), ["b-consult"]),  # target side
        (EventFilter(country="syl"), ["b-consult", "a-accuse", "e-early", "e-late"]),
        (EventFilter(actor="TRENT"), ["b-consult"]),  # name, any case
        (EventFilter(actor="sylvanian env"), ["b-consult"]),  # text
        (EventFilter(actor="mrxgov"), ["b-consult"]),  # code of the target
        (EventFilter(actor="kb:trentino"), ["b-consult"]),  # exact kb_id
        (EventFilter(actor="kb:trent"), []),  # kb_id is not a substring match
        (EventFilter(since="2024-08-15"), ["a-accuse", "e-early", "e-late"]),
        (EventFilter(until="2024-07-01"), ["c-undated", "b-consult"]),
        (EventFilter(since="2024-07", until="2024-08"), ["b-consult", "a-accuse"]),
        (EventFilter(since="2023", until="2023"), ["c-undated"]),
        (EventFilter(doc="doc-e"), ["e-early", "e-late"]),
        (EventFilter(min_confidence=0.5, doc="doc-c"), []),
        (EventFilter(min_confidence=0.3, doc="doc-c"), ["c-undated"]),
        (EventFilter(limit=2), ["c-undated", "b-consult"]),
        (EventFilter(limit=2, offset=2), ["a-accuse", "e-early"]),
        (EventFilter(offset=5), ["d-nodate"]),
        (EventFilter(actor="'; DROP TABLE events; --"), []),
    ],
)
def test_filters(filled: EventStore, f: EventFilter, expected: list[str]) -> None:
    assert ids(filled.query_events(f)) == expected


def test_count_ignores_limit_and_offset(filled: EventStore) -> None:
    assert filled.count_events(EventFilter(limit=1, offset=1)) == 6
    assert filled.count_events(EventFilter(include_all=True)) == 8
    assert filled.count_events(EventFilter(country="SYL")) == 4


def test_event_without_any_date_is_left_out_of_date_ranges(filled: EventStore) -> None:
    everything_dated = ids(filled.query_events(EventFilter(since="1900", until="2100")))
    assert everything_dated == ["c-undated", "b-consult", "a-accuse", "e-early", "e-late"]


def test_bad_since_date_is_a_whowhom_error(filled: EventStore) -> None:
    with pytest.raises(WhowhomError, match="not a date") as info:
        filled.query_events(EventFilter(since="last week"))
    assert info.value.code == "E042"


def test_summary_counts(filled: EventStore) -> None:
    filled.record_failure(ReadFailure("in/bad.txt", "empty file"))
    assert filled.summary() == {
        "documents": 5,
        "events": 6,
        "events_all": 8,
        "failures": 1,
        "by_event": [("ACCUSE", 4), ("CONSULT", 1), ("PROTEST", 1)],
    }


# -- export ------------------------------------------------------------------------------------


def test_export_jsonl_writes_section_2_dicts(filled: EventStore, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    n = filled.export(out, "jsonl", EventFilter(doc="doc-e"))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == 2
    assert [json.loads(line) for line in lines] == filled.query_events(EventFilter(doc="doc-e"))


def test_export_csv_writes_flat_columns(filled: EventStore, tmp_path: Path) -> None:
    out = tmp_path / "it's here.csv"  # a quote in the path must not break the COPY
    n = filled.export(out, "csv", EventFilter(country="SYL"))
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert n == 4
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert [r["event_id"] for r in rows] == ["b-consult", "a-accuse", "e-early", "e-late"]
    assert rows[0]["event_date"] == "2024-07-01"


def test_export_parquet_reads_back_with_duckdb(filled: EventStore, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    n = filled.export(out, "parquet")
    with duckdb.connect(":memory:") as con:
        columns = [
            row[0]
            for row in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(out)]).fetchall()
        ]
        rows = con.execute(
            "SELECT event_id, target_country, flags FROM read_parquet(?)", [str(out)]
        ).fetchall()
    assert n == 6
    assert tuple(columns) == EVENT_COLUMNS
    assert rows[0] == ("c-undated", None, [])
    assert [r[0] for r in rows] == ids(filled.query_events(EventFilter()))


def test_export_rejects_unknown_format(filled: EventStore, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        filled.export(tmp_path / "events.xlsx", "xlsx")
