"""Plain records that flow between the stages: documents in, events out.

Every record serialises to the formats in events-format.md with ``to_dict``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceDocument:
    """One article as read from disk or stdin, before cleaning."""

    doc_id: str
    text: str
    title: str = ""
    published: str = ""  # ISO date "YYYY-MM-DD" or "" when unknown
    url: str = ""
    outlet: str = ""
    path: str = ""  # where it was read from ("-" for stdin)


@dataclass(frozen=True)
class Document:
    """A cleaned article: all spans of its events refer to ``text``."""

    doc_id: str
    text: str
    title: str = ""
    published: str = ""
    url: str = ""
    outlet: str = ""
    path: str = ""

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReadFailure:
    """A file (or line of a file) that could not be turned into a document."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Actor:
    text: str
    name: str
    country: str  # ISO alpha-3, "IGO" or ""
    sector: str  # PLOVER/CAMEO sector code or ""
    code: str  # CAMEO-style code, e.g. "KAZGOV"
    kb_id: str | None
    span: tuple[int, int]
    igo: str = ""  # short name of the organisation when country == "IGO"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class Location:
    name: str
    country: str
    lat: float | None
    lon: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    event_id: str
    doc_id: str
    event: str
    mode: str
    cameo: str
    goldstein: float | None
    quad_class: int | None
    source: Actor
    target: Actor | None
    date: str
    date_precision: str  # day | month | year | publication | none
    trigger_text: str
    trigger_span: tuple[int, int]
    sentence: str
    sentence_index: int
    negated: bool = False
    hypothetical: bool = False
    reported_by: str | None = None
    location: Location | None = None
    confidence: float = 0.5
    flags: list[str] = field(default_factory=list)  # why it is left out of default output

    @property
    def is_default(self) -> bool:
        """Whether the event belongs in default output (it happened, says the text)."""
        return not (self.negated or self.hypothetical)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "event": self.event,
            "mode": self.mode,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "trigger": {"text": self.trigger_text, "span": list(self.trigger_span)},
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "reported_by": self.reported_by,
            "location": self.location.to_dict() if self.location else None,
            "confidence": round(self.confidence, 3),
            "flags": list(self.flags),
        }
