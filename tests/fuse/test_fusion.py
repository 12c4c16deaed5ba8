"""Cross-document fusion: one record per real event, counted by independent documents."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from fusefactory import article, light_edit, make_doc, make_event, partition

from whowhom.fuse.fusion import Fuser, fuse_all, fuse_new
from whowhom.fuse.stories import refresh_stories
from whowhom.store.db import EventFilter, EventStore

KAZ, BLR = ("KAZ", "GOV"), ("BLR", "GOV")


def fused(store: EventStore) -> list[dict]:
    return store.query_fused(EventFilter())


def test_two_reports_of_one_act_become_one_fused_event(store: EventStore, save: Callable) -> None:
    save([(make_doc("a", article(1), "2024-08-21", "Outlet A"),
           [make_event("a", 0, "ACCUSE", KAZ, BLR, "2024-08-21", confidence=0.8)]),
          (make_doc("b", article(2), "2024-08-22", "Outlet B"),
           [make_event("b", 0, "ACCUSE", KAZ, BLR, "2024-08-22", "publication", 0.5)])])
    fuse_new(store, ["a", "b"])
    [one] = fused(store)
    assert (one["n_mentions"], one["n_documents"], one["n_outlets"]) == (2, 2, 2)
    assert one["doc_ids"] == ["a", "b"]
    assert (one["date"], one["date_precision"]) == ("2024-08-21", "day")  # the most precise
    assert (one["first_report"], one["last_report"]) == ("2024-08-21", "2024-08-22")
    assert one["confidence"] == pytest.approx(1 - 0.2 * 0.5)


def test_different_events_between_the_same_actors_a_week_apart_stay_apart(
        store: EventStore, save: Callable) -> None:
    save([(make_doc("a", article(1), "2024-08-05"),
           [make_event("a", 0, "ACCUSE", KAZ, BLR, "2024-08-05")]),
          (make_doc("b", article(2), "2024-08-12"),
           [make_event("b", 0, "ACCUSE", KAZ, BLR, "2024-08-12")])])
    fuse_new(store, ["a", "b"])
    assert sorted(e["n_documents"] for e in fused(store)) == [1, 1]


def test_different_actors_or_incompatible_types_stay_apart(store: EventStore,
                                                           save: Callable) -> None:
    save([(make_doc("a", article(1), "2024-08-05"),
           [make_event("a", 0, "ACCUSE", KAZ, BLR, "2024-08-05")]),
          (make_doc("b", article(2), "2024-08-05"),
           [make_event("b", 0, "ACCUSE", KAZ, ("BLR", "MIL"), "2024-08-05"),
            make_event("b", 1, "SANCTION", KAZ, BLR, "2024-08-05")])])
    fuse_new(store, ["a", "b"])
    assert len(fused(store)) == 3


def test_a_summons_coded_accuse_and_consult_is_one_event(store: EventStore,
                                                         save: Callable) -> None:
    save([(make_doc("a", article(1), "2024-08-21"),
           [make_event("a", 0, "ACCUSE", KAZ, BLR, "2024-08-21")]),
          (make_doc("b", article(2), "2024-08-21"),
           [make_event("b", 0, "CONSULT", KAZ, BLR, "2024-08-21")])])
    fuse_new(store, ["a", "b"])
    [one] = fused(store)
    assert one["n_documents"] == 2


def test_a_near_copy_adds_a_mention_but_not_a_document(store: EventStore,
                                                       save: Callable) -> None:
    text = article(1)
    save([(make_doc("orig", text, "2024-08-21", "Wire"),
           [make_event("orig", 0, "ACCUSE", KAZ, BLR, "2024-08-21", confidence=0.6)]),
          (make_doc("copy", light_edit(text), "2024-08-21", "Reprinter"),
           [make_event("copy", 0, "ACCUSE", KAZ, BLR, "2024-08-21", confidence=0.6)])])
    stats = fuse_new(store, ["orig", "copy"])  # same day: the first seen is the original
    [one] = fused(store)
    assert stats.duplicates == 1
    assert (one["n_mentions"], one["n_documents"], one["n_outlets"]) == (2, 1, 2)
    assert one["confidence"] == pytest.approx(0.6)  # a copy is not independent evidence
    assert store.connection.execute(
        "SELECT duplicate_of FROM documents WHERE doc_id = 'copy'").fetchone() == ("orig",)


def test_an_undated_report_joins_the_dated_event_of_its_actors(store: EventStore,
                                                               save: Callable) -> None:
    save([(make_doc("dated", article(1), "2024-08-23"),
           [make_event("dated", 0, "ACCUSE", KAZ, BLR, "2024-08-21")]),
          (make_doc("undated", article(2)),
           [make_event("undated", 0, "ACCUSE", KAZ, BLR, "", "none"),
            make_event("undated", 1, "CONSULT", KAZ, BLR, "", "none")])])
    fuse_new(store, ["dated", "undated"])
    by_docs = {tuple(e["doc_ids"]): e for e in fused(store)}
    assert by_docs[("dated", "undated")]["event"] == "ACCUSE"
    assert by_docs[("undated",)]["event"] == "CONSULT"  # one event per act per document


def test_negated_events_are_not_fused(store: EventStore, save: Callable) -> None:
    save([(make_doc("a", article(1), "2024-08-21"),
           [make_event("a", 0, "ACCUSE", KAZ, BLR, "2024-08-21", negated=True)])])
    fuse_new(store, ["a"])
    assert fused(store) == []


def test_get_fused_returns_the_mentions_and_filters_match_any_document(
        store: EventStore, save: Callable) -> None:
    save([(make_doc("a", article(1), "2024-08-21"),
           [make_event("a", 0, "ACCUSE", KAZ, BLR, "2024-08-21")]),
          (make_doc("b", article(2), "2024-08-21"),
           [make_event("b", 0, "ACCUSE", KAZ, BLR, "2024-08-21")])])
    fuse_new(store, ["a", "b"])
    [one] = fused(store)
    record = store.get_fused(one["fused_id"])
    assert record is not None
    assert sorted(m["doc_id"] for m in record["mentions"]) == ["a", "b"]
    assert store.count_fused(EventFilter(doc="b")) == 1
    assert store.count_fused(EventFilter(country="USA")) == 0
    assert store.get_fused("f-missing") is None


def _corpus(seed: int) -> list[tuple]:
    """Documents reporting a few dyads over three weeks, some undated, some copies."""
    rng = random.Random(seed)
    dyads = [(KAZ, BLR), (BLR, KAZ), (("ARM", "CVL"), BLR)]
    types = ["ACCUSE", "CONSULT", "REQUEST", "PROTEST", "ASSAULT"]
    docs = []
    for i in range(40):
        day = rng.randrange(1, 22)
        published = "" if i % 9 == 0 else f"2024-08-{day + rng.randrange(0, 3):02d}"
        events = []
        for n in range(rng.randrange(1, 4)):
            source, target = rng.choice(dyads)
            precision = rng.choice(["day", "day", "publication", "month"])
            date = {"day": f"2024-08-{day:02d}", "publication": published,
                    "month": "2024-08"}[precision]
            if not published and precision == "publication":
                date, precision = "", "none"
            events.append(make_event(f"d{i}", n, rng.choice(types), source, target, date,
                                     precision, round(rng.uniform(0.3, 0.9), 2)))
        text = light_edit(article(i - 1)) if i % 7 == 3 else article(i)
        docs.append((make_doc(f"d{i}", text, published, f"outlet{i % 5}"), events))
    return docs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_fusion_equals_full_fusion(seed: int) -> None:
    docs = _corpus(seed)
    with EventStore(":memory:") as full:
        full.save_documents(docs, "c")
        fuse_all(full)
        expected = partition(full)
        expected_counts = {(e["n_mentions"], e["n_documents"], e["n_outlets"])
                           for e in full.query_fused(EventFilter())}
        stories = full.connection.execute("SELECT * FROM stories ORDER BY doc_id").fetchall()
    shuffled = docs[:]
    random.Random(seed).shuffle(shuffled)
    with EventStore(":memory:") as inc:
        fuser = Fuser(inc)
        for start in range(0, len(shuffled), 7):
            batch = shuffled[start:start + 7]
            inc.save_documents(batch, "c")
            fuser.fuse_new([d.doc_id for d, _ in batch])
        assert partition(inc) == expected
        assert {(e["n_mentions"], e["n_documents"], e["n_outlets"])
                for e in inc.query_fused(EventFilter())} == expected_counts
        refresh_stories(inc.connection)
        assert inc.connection.execute(
            "SELECT * FROM stories ORDER BY doc_id").fetchall() == stories


def test_recoding_a_document_refuses_it_like_a_full_run() -> None:
    docs = _corpus(4)
    recoded = [(docs[5][0], docs[5][1][:1]), (docs[11][0], [])]
    with EventStore(":memory:") as inc:
        fuser = Fuser(inc)
        inc.save_documents(docs, "c")
        fuser.fuse_new([d.doc_id for d, _ in docs])
        inc.save_documents(recoded, "c")
        fuser.fuse_new([d.doc_id for d, _ in recoded])
        got = partition(inc)
        fuse_all(inc)
        assert got == partition(inc)
