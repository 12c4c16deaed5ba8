"""Fusion over coded articles: the seed pair and our multi-article story in examples/."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from whowhom.coder import Coder
from whowhom.fuse.rules import FAMILY, date_window
from whowhom.runner import RunOptions, run
from whowhom.store.db import EventFilter, EventStore

STORY = Path(__file__).resolve().parents[2] / "examples" / "story"


def coded(paths: list[Path], coder: Coder) -> EventStore:
    store = EventStore(":memory:")
    run([str(p) for p in paths], coder, store, RunOptions())  # the runner fuses each batch
    return store


@pytest.fixture(scope="module")
def seed_store(shared: Path, coder: Coder) -> Iterator[EventStore]:
    seeds = shared / "data" / "seeds"
    store = coded([seeds / "belarusinfocus-2024-08.txt", seeds / "eurasianet-2024-08-23.txt"],
                  coder)
    yield store
    store.close()


@pytest.fixture(scope="module")
def story_store(coder: Coder) -> Iterator[EventStore]:
    store = coded(sorted(STORY.glob("*.txt")), coder)
    yield store
    store.close()


def fused_dyads(store: EventStore, event: str, source: str, target: str) -> list[dict]:
    return [e for e in store.query_fused(EventFilter())
            if e["event"] == event and e["source"]["country"] == source
            and e["target"] is not None and e["target"]["country"] == target]


def test_the_seed_summons_is_one_event_reported_by_both_documents(
        seed_store: EventStore) -> None:
    [summons] = fused_dyads(seed_store, "ACCUSE", "KAZ", "BLR")
    assert summons["n_documents"] == 2


def test_lukashenkos_criticism_of_kazakhstan_is_one_event_from_both_documents(
        seed_store: EventStore) -> None:
    [criticism] = fused_dyads(seed_store, "ACCUSE", "BLR", "KAZ")
    assert criticism["n_documents"] == 2
    assert criticism["source"]["kb_id"] == "alexander-lukashenko"


def _gold() -> list[dict]:
    with (STORY / "story.gold.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_the_story_copies_are_linked_to_their_originals(story_store: EventStore) -> None:
    stored = dict(story_store.connection.execute(
        "SELECT doc_id, duplicate_of FROM documents").fetchall())
    expected = {g["id"]: g.get("copy_of") for g in _gold()}
    assert stored == expected


def test_each_real_event_of_the_story_is_one_fused_event(story_store: EventStore) -> None:
    """For every act the gold says several articles report, the coded mentions that
    match it (type family, countries, a window holding its date) from different
    documents are all in one fused event, whose n_documents counts copies once."""
    rows = story_store.connection.execute(
        "SELECT e.doc_id, e.event, e.source_country, e.target_country, e.date,"
        " e.date_precision, fm.fused_id FROM events e JOIN fused_mentions fm USING (event_id)"
    ).fetchall()
    originals = {g["id"]: g.get("copy_of") or g["id"] for g in _gold()}
    acts: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for g in _gold():
        for act, event in zip(g["acts"], g["events"], strict=True):
            if not event.get("optional") and len(event.get("date", "")) == 10:
                acts[act].append((g["id"], event))
    checked = 0
    for items in acts.values():
        docs_by_fused: dict[str, set[str]] = defaultdict(set)
        for doc_id, event in items:
            family = FAMILY.get(event["event"], event["event"])
            source = event["source"][0]["country"]
            target = event["target"][0]["country"] if event["target"] else None
            day = dt.date.fromisoformat(event["date"])
            for r_doc, r_event, r_source, r_target, date, precision, fused_id in rows:
                window = date_window(date, precision)
                if (r_doc == doc_id and FAMILY.get(r_event, r_event) == family
                        and (r_source, r_target) == (source, target)
                        and window is not None and window[0] <= day <= window[1]):
                    docs_by_fused[fused_id].add(doc_id)
        reporting = set().union(*docs_by_fused.values()) if docs_by_fused else set()
        if len(reporting) < 2:
            continue
        fused_id = max(docs_by_fused, key=lambda f: len(docs_by_fused[f]))
        assert docs_by_fused[fused_id] == reporting
        record = story_store.get_fused(fused_id)
        assert record is not None
        assert record["n_documents"] == len({originals[d] for d in record["doc_ids"]})
        checked += 1
    assert checked >= 2
