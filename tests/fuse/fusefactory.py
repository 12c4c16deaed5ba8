"""Made-up coded documents for the fusion tests (no parsing needed)."""

from __future__ import annotations

import hashlib
import random
from typing import Any

from whowhom.model import Actor, Document, Event
from whowhom.store.db import EventStore

CODER = "test-coder"
WORDS = (
    "ministry", "envoy", "border", "talks", "summit", "treaty", "protest", "army", "rally",
    "grain", "gas", "pipeline", "vote", "court", "press", "port", "bank", "visa", "trade",
    "drone", "shelling", "ceasefire", "embassy", "statement", "sanction", "loan", "deal",
    "region", "capital", "leader", "rival", "council", "forum",
)

Side = tuple[str, str]  # (country, sector)


def article(seed: int, n_words: int = 220) -> str:
    """A made-up article body: random words, so two seeds never look alike."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n_words)) + "."


def light_edit(text: str) -> str:
    """A syndicated copy: a new opening line, one word changed, a sign-off."""
    words = text.split()
    words[len(words) // 2] = "reportedly"
    return "Syndicated from our partners. " + " ".join(words) + " (c) Partner Wire"


def make_event(doc_id: str, n: int, event: str, source: Side, target: Side | None,
               date: str, precision: str = "day", confidence: float = 0.7,
               negated: bool = False) -> dict[str, Any]:
    def actor(side: Side) -> Actor:
        country, sector = side
        return Actor(text=country, name=country, country=country, sector=sector,
                     code=country + sector, kb_id=None, span=(n, n + 3))

    event_id = hashlib.sha1(f"{doc_id}|{n}".encode()).hexdigest()[:16]
    return Event(event_id=event_id, doc_id=doc_id, event=event, mode="", cameo="111",
                 goldstein=-2.0, quad_class=3, source=actor(source),
                 target=actor(target) if target else None, date=date, date_precision=precision,
                 trigger_text="did", trigger_span=(n, n + 3), sentence="Made up.",
                 sentence_index=n, negated=negated, confidence=confidence).to_dict()


def make_doc(doc_id: str, text: str, published: str = "", outlet: str = "") -> Document:
    return Document(doc_id=doc_id, text=text, title=f"Title of {doc_id}", published=published,
                    url=f"https://{outlet or doc_id}.example/{doc_id}", outlet=outlet)


def partition(store: EventStore) -> set[frozenset[str]]:
    """The fused events as sets of raw event ids."""
    rows = store.connection.execute(
        "SELECT list(event_id) FROM fused_mentions GROUP BY fused_id").fetchall()
    return {frozenset(r[0]) for r in rows}
