"""Request and response models: they give the OpenAPI schema at /docs and /openapi.json.

Events are events-format.md §2 records; they are typed as plain objects here because
the format document, not this module, defines them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from whowhom.api.limits import MAX_TEXT_CHARS

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
NODE_PATTERN = r"^[A-Za-z0-9_-]{2,32}$"

Event = dict[str, Any]


class EventPage(BaseModel):
    items: list[Event]
    total: int = Field(description="All matching events, not only this page.")
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page.")


class Span(BaseModel):
    role: str = Field(description="source, trigger or target")
    start: int
    end: int
    text: str | None = None


class DocumentLink(BaseModel):
    doc_id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    api: str
    page: str


class Evidence(BaseModel):
    sentence: str
    sentence_start: int | None = Field(description="Where the sentence starts in the text.")
    spans: list[Span] = Field(description="Relative to the sentence.")
    document: DocumentLink


class Mention(BaseModel):
    event: Event
    evidence: Evidence


class EventDetail(BaseModel):
    event: Event
    evidence: Evidence
    fused: bool = False
    mentions: list[Mention] = Field(default_factory=list,
                                    description="The reports a fused event joins.")


class DocumentEvent(BaseModel):
    event: Event
    spans: list[Span] = Field(description="Relative to the document text.")


class DocumentDetail(BaseModel):
    doc_id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    path: str | None = None
    coder_version: str | None = None
    coded_at: str | None = None
    text: str
    events: list[DocumentEvent]


class ActorItem(BaseModel):
    source: str = Field(description="kb (knowledge base) or store (coded events)")
    kind: str = Field(description="state, organisation, person or actor")
    id: str | None = None
    name: str | None = None
    country: str | None = None
    code: str | None = None
    kb_id: str | None = None
    events: int | None = None


class ActorPage(BaseModel):
    items: list[ActorItem]
    total: int


class DyadSide(BaseModel):
    events: int
    by_type: dict[str, int]
    quad_class: dict[str, int]
    goldstein_sum: float
    goldstein_mean: float | None


class DyadPeriod(BaseModel):
    period: str = Field(description="First day of the week, month or year.")
    a_to_b: DyadSide
    b_to_a: DyadSide


class DyadTotals(BaseModel):
    a_to_b: DyadSide
    b_to_a: DyadSide


class Dyad(BaseModel):
    a: str
    b: str
    interval: str
    periods: list[DyadPeriod]
    totals: DyadTotals


class TimelinePoint(BaseModel):
    period: str
    quad_class: dict[str, int]


class Timeline(BaseModel):
    interval: str
    periods: list[TimelinePoint]


class Node(BaseModel):
    id: str
    label: str
    kind: str = Field(description="state or organisation")
    events: int


class Edge(BaseModel):
    source: str
    target: str
    weight: int = Field(description="Events between the two, both directions.")
    goldstein_sum: float
    goldstein_mean: float | None = Field(description="> 0 cooperation, < 0 conflict.")
    cooperation: int
    conflict: int


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, description=f"At most {MAX_TEXT_CHARS:,} characters.")
    published: str | None = Field(None, pattern=DAY_PATTERN,
                                  description="Publication date, YYYY-MM-DD.")
    all: bool = Field(False, description="Also return negated and hypothetical events.")


class CodeResult(BaseModel):
    items: list[Event]
    total: int
