"""The two seed articles that started the project (read from ../shared at run time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from whowhom.coder import Coder, code_document
from whowhom.evaluate import load_gold, score
from whowhom.ingest.clean import clean_document
from whowhom.ingest.readers import iter_sources
from whowhom.model import SourceDocument
from whowhom.nlp import load_nlp


@pytest.fixture(scope="module")
def seed_events(shared: Path, coder: Coder) -> dict[str, list]:
    nlp = load_nlp()
    out = {}
    for g in load_gold(shared / "data" / "seeds" / "seeds.gold.jsonl"):
        doc = clean_document(SourceDocument(doc_id=g.id, text=g.text, published=g.published))
        out[g.id] = code_document(doc, nlp(doc.text), coder)
    return out


def test_seed_dyad_f1_is_at_least_075(shared: Path, seed_events: dict) -> None:
    gold = load_gold(shared / "data" / "seeds" / "seeds.gold.jsonl")
    coded = {k: [e.to_dict() for e in v if e.is_default] for k, v in seed_events.items()}
    report = score(gold, coded)
    assert report.levels["dyad"].f1 >= 0.75, report.to_dict()


def test_kazakh_summons_of_belarus_envoy_is_found_in_both_seeds(seed_events: dict) -> None:
    for doc_id, events in seed_events.items():
        summons = [e for e in events if e.is_default and e.event == "ACCUSE"
                   and e.source.code == "KAZGOV" and e.target and e.target.code == "BLRGOV"
                   and e.trigger_text.startswith("summon")]
        assert summons, f"no summons found in {doc_id}"


def test_no_negated_or_hypothetical_event_in_default_output(seed_events: dict) -> None:
    hidden = [e for events in seed_events.values() for e in events if not e.is_default]
    assert hidden, "the seeds hold a denial and requests that should be flagged"
    for events in seed_events.values():
        for e in events:
            if e.is_default:
                assert not e.negated and not e.hypothetical


def test_seed_text_files_read_with_title_and_byline_date(shared: Path) -> None:
    docs = {d.doc_id: d for d in iter_sources([str(shared / "data" / "seeds")])
            if isinstance(d, SourceDocument)}
    assert docs["eurasianet-2024-08-23"].published == "2024-08-23"
    assert docs["belarusinfocus-2024-08"].title.startswith("The Kremlin")
