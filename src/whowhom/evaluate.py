"""Score coded events against annotated documents, as events-format.md ("Scoring") says.

Gold documents are events-format §1 records; coded events are §2 dicts, one per
(source, target) pair, grouped by document id. Only documents in the gold file are scored;
a gold document with no coded events scores as if the coder found nothing.

Choices the spec leaves open, made here:

- Matching. At every level the pairing of coded items with gold items is a *maximum*
  bipartite matching (Kuhn's augmenting paths), so no ordering of the output can cost the
  coder a true positive. It is built in two stages: first against the scored gold tuples
  only, then grown to take in the free ones (optional, or undated at the `dated` level).
  Growing a matching along augmenting paths never unmatches a gold tuple, so the result
  has the most true positives possible and, among those, the fewest false positives.
  Candidates whose main type equals the coded type are tried first, so when several
  pairings score the same the detail prefers exact-type pairs.
- Free gold tuples (optional ones, and undated ones at the `dated` level) are used up
  like scored ones: a second coded copy of the same tuple is a false positive.
- Negated gold events take no part in matching, so whatever matches only them is a false
  positive; `negated` wins over `optional` when a record sets both.
- `type` level: a coded type left unmatched is a false positive only when no non-negated
  gold event names or accepts it. One that some gold event names or accepts (say, both
  readings of an ambiguous event were output) is neither a true nor a false positive.
- `dated` level: the coded date, cut to the gold date's precision, must equal the gold
  date ("2022-01" is matched by "2022-01" and "2022-01-15", not by "2022" nor
  "2022-02-01"). Dated non-negated, non-optional gold tuples are scored; a coded tuple
  matching an undated (or optional) gold tuple is free; one matching nothing is a false
  positive.
- An actor's country is its `country`, or "IGO" when that is empty and `igo` is set. A
  gold actor with an empty country matches any coded actor that is present (not a
  missing target). An empty gold source list, like an empty target list, is "-".
- Precision, recall and F1 are 0.0 when their denominator is 0.
- A coded event without `confidence` counts as confidence 0.0 in `threshold_curve`.

Error analysis explains each dyad-level miss and false positive using the *leftovers* of
the matching (coded tuples that were not matched, gold tuples that were missed), so an
event the coder got right is never blamed for another one's error. Causes are tried in
this order: "wrong type", "wrong or missing source", "wrong or missing target", then
"no trigger" for a miss (this includes a gold tuple whose only matching coded tuple was
taken by an identical gold tuple) or "spurious" for a false positive. "date" items list
gold tuples matched at the dyad level but missed at the `dated` level.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

LEVELS = ("type", "dyad", "dyad+sector", "dated")
TUPLE_LEVELS = ("dyad", "dyad+sector", "dated")
NO_ACTOR = "-"
NO_COUNTRY = "?"  # shown for an actor that is present but has no country

CAUSES = (
    "no trigger",
    "wrong type",
    "wrong or missing source",
    "wrong or missing target",
    "date",
    "spurious",
)
FALSE_POSITIVE = "false positive"
MISS = "miss"

DEFAULT_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


# --- gold documents -------------------------------------------------------------------


@dataclass(frozen=True)
class GoldDocument:
    """One annotated document (events-format §1); `events` are the raw event dicts."""

    id: str
    text: str
    published: str = ""
    title: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)


def load_gold(path: Path) -> list[GoldDocument]:
    """Read a gold JSON Lines file; blank lines are skipped.

    Raises ValueError naming the file and line for a line that is not a well-formed
    §1 document, or that repeats an earlier document id.
    """
    docs: list[GoldDocument] = []
    seen: set[str] = set()
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                doc = _parse_gold_line(line)
                if doc.id in seen:
                    raise ValueError(f"duplicate document id {doc.id!r}")
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
            seen.add(doc.id)
            docs.append(doc)
    return docs


def _parse_gold_line(line: str) -> GoldDocument:
    record = json.loads(line)  # JSONDecodeError is a ValueError
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError('"id" must be a non-empty string')
    for key in ("text", "published", "title"):
        _require_str(record, key, "document")
    events = record.get("events")
    if not isinstance(events, list):
        raise ValueError('"events" must be a list')
    for i, event in enumerate(events):
        _check_gold_event(event, f"event {i}")
    return GoldDocument(
        id=doc_id,
        text=record.get("text") or "",
        published=record.get("published") or "",
        title=record.get("title") or "",
        events=events,
    )


def _require_str(obj: Mapping[str, Any], key: str, where: str) -> None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f'{where}: "{key}" must be a string')


def _check_gold_event(event: Any, where: str) -> None:
    if not isinstance(event, dict):
        raise ValueError(f"{where}: not a JSON object")
    if not isinstance(event.get("event"), str) or not event["event"]:
        raise ValueError(f'{where}: "event" must be a non-empty string')
    for key in ("date", "trigger", "evidence"):
        _require_str(event, key, where)
    accept = event.get("accept")
    if accept is not None and not (
        isinstance(accept, list) and all(isinstance(a, str) for a in accept)
    ):
        raise ValueError(f'{where}: "accept" must be a list of strings')
    for side in ("source", "target"):
        actors = event.get(side)
        if side == "source" and actors is None:
            raise ValueError(f'{where}: "source" is missing')
        if actors is None:
            continue
        if not isinstance(actors, list):
            raise ValueError(f'{where}: "{side}" must be a list of actors')
        for actor in actors:
            if not isinstance(actor, dict):
                raise ValueError(f'{where}: "{side}" must be a list of actors')
            for key in ("text", "country", "sector", "igo"):
                _require_str(actor, key, f"{where} {side}")


# --- tuples ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorRef:
    """The parts of an actor that scoring looks at."""

    country: str
    sector: str


@dataclass(frozen=True)
class GoldTuple:
    """One (event, source, target) tuple of a gold event."""

    event_index: int  # position of the event in GoldDocument.events
    event: str
    accepted: frozenset[str]  # the main type and the `accept` types
    source: ActorRef | None  # None: "-"
    target: ActorRef | None
    date: str
    optional: bool
    negated: bool

    @property
    def required(self) -> bool:
        """Whether a coder is expected to output it (neither optional nor negated)."""
        return not (self.optional or self.negated)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.event, _label(self.source), _label(self.target))


@dataclass(frozen=True)
class CodedTuple:
    """The parts of one coded §2 event that scoring looks at."""

    event: str
    source: ActorRef | None
    target: ActorRef | None
    date: str
    confidence: float

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.event, _label(self.source), _label(self.target))


def _label(actor: ActorRef | None) -> str:
    if actor is None:
        return NO_ACTOR
    return actor.country or NO_COUNTRY


def _actor_ref(actor: Mapping[str, Any] | None) -> ActorRef | None:
    if not actor:
        return None
    country = actor.get("country") or ("IGO" if actor.get("igo") else "")
    return ActorRef(country=country, sector=actor.get("sector") or "")


def gold_tuples(doc: GoldDocument) -> list[GoldTuple]:
    """Expand each gold event to the cross product of its sources and targets."""
    out: list[GoldTuple] = []
    for index, event in enumerate(doc.events):
        accepted = frozenset([event["event"], *(event.get("accept") or [])])
        sources = [_actor_ref(a) for a in event.get("source") or []] or [None]
        targets = [_actor_ref(a) for a in event.get("target") or []] or [None]
        for source in sources:
            for target in targets:
                out.append(
                    GoldTuple(
                        event_index=index,
                        event=event["event"],
                        accepted=accepted,
                        source=source,
                        target=target,
                        date=event.get("date") or "",
                        optional=bool(event.get("optional")),
                        negated=bool(event.get("negated")),
                    )
                )
    return out


def coded_tuple(event: Mapping[str, Any]) -> CodedTuple:
    """The scoring view of a coded §2 event (already one per source-target pair)."""
    return CodedTuple(
        event=event.get("event") or "",
        source=_actor_ref(event.get("source")),
        target=_actor_ref(event.get("target")),
        date=event.get("date") or "",
        confidence=float(event.get("confidence") or 0.0),
    )


def _actor_ok(gold: ActorRef | None, coded: ActorRef | None, *, sector: bool = False) -> bool:
    if gold is None:
        return coded is None
    if coded is None:
        return False
    if gold.country and coded.country != gold.country:
        return False
    return not (sector and gold.sector and coded.sector != gold.sector)


def _same_dyad(coded: CodedTuple, gold: GoldTuple, *, sector: bool = False) -> bool:
    return _actor_ok(gold.source, coded.source, sector=sector) and _actor_ok(
        gold.target, coded.target, sector=sector
    )


def _date_ok(gold_date: str, coded_date: str) -> bool:
    """Whether the coded date, cut to the gold date's precision, equals the gold date."""
    n = len(gold_date)
    return coded_date.startswith(gold_date) and (len(coded_date) == n or coded_date[n] == "-")


# --- matching -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """What one tuple level calls a match, which gold it scores and which it lets go."""

    compatible: Callable[[CodedTuple, GoldTuple], bool]
    scored: Callable[[GoldTuple], bool]
    free: Callable[[GoldTuple], bool]


def _dyad_match(c: CodedTuple, g: GoldTuple) -> bool:
    return c.event in g.accepted and _same_dyad(c, g)


def _sector_match(c: CodedTuple, g: GoldTuple) -> bool:
    return c.event in g.accepted and _same_dyad(c, g, sector=True)


def _dated_match(c: CodedTuple, g: GoldTuple) -> bool:
    return _dyad_match(c, g) and (not g.date or _date_ok(g.date, c.date))


def _is_optional(g: GoldTuple) -> bool:
    return g.optional and not g.negated


_RULES: dict[str, _Rule] = {
    "dyad": _Rule(_dyad_match, lambda g: g.required, _is_optional),
    "dyad+sector": _Rule(_sector_match, lambda g: g.required, _is_optional),
    "dated": _Rule(
        _dated_match,
        lambda g: g.required and bool(g.date),
        lambda g: not g.negated and (g.optional or not g.date),
    ),
}


def _augment(adjacency: Sequence[Sequence[int]], owner: dict[int, int]) -> None:
    """Grow the matching `owner` (right vertex -> left vertex) to a maximum one.

    Kuhn's algorithm: from each unmatched left vertex, look for an augmenting path.
    Augmenting never unmatches a right vertex, which the two-stage matching relies on.
    """

    def assign(left: int, seen: set[int]) -> bool:
        for right in adjacency[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or assign(owner[right], seen):
                owner[right] = left
                return True
        return False

    matched = set(owner.values())
    for left in range(len(adjacency)):
        if left not in matched:
            assign(left, set())


@dataclass
class TupleOutcome:
    """How one document's tuples paired up at one tuple level.

    Positions index `DocumentScore.coded_tuples` (the same order as the coded events)
    and `DocumentScore.gold_tuples`.
    """

    matches: list[tuple[int, int]]  # (coded, gold) true positives
    free: list[tuple[int, int]]  # (coded, gold) matched to gold that scores nothing
    false_positives: list[int]  # coded
    misses: list[int]  # gold

    @property
    def counts(self) -> LevelScore:
        return LevelScore(len(self.matches), len(self.false_positives), len(self.misses))


def _match_tuples(
    coded: Sequence[CodedTuple], gold: Sequence[GoldTuple], rule: _Rule
) -> TupleOutcome:
    def candidates(c: CodedTuple, allowed: Callable[[GoldTuple], bool]) -> list[int]:
        found = [j for j, g in enumerate(gold) if allowed(g) and rule.compatible(c, g)]
        return sorted(found, key=lambda j: (gold[j].event != c.event, not rule.scored(gold[j])))

    owner: dict[int, int] = {}
    _augment([candidates(c, rule.scored) for c in coded], owner)
    _augment([candidates(c, lambda g: rule.scored(g) or rule.free(g)) for c in coded], owner)

    pairs = sorted((c, j) for j, c in owner.items())
    matched_coded = set(owner.values())
    return TupleOutcome(
        matches=[(c, j) for c, j in pairs if rule.scored(gold[j])],
        free=[(c, j) for c, j in pairs if not rule.scored(gold[j])],
        false_positives=[i for i in range(len(coded)) if i not in matched_coded],
        misses=[j for j, g in enumerate(gold) if rule.scored(g) and j not in owner],
    )


def _score_types(events: Sequence[Mapping[str, Any]], coded: Sequence[CodedTuple]) -> LevelScore:
    required: dict[str, set[str]] = {}  # gold type -> coded types that match it
    named: set[str] = set()  # types some non-negated gold event names or accepts
    for event in events:
        if event.get("negated"):
            continue
        accepted = {event["event"], *(event.get("accept") or [])}
        named |= accepted
        if not event.get("optional"):
            required.setdefault(event["event"], set()).update(accepted)

    gold_types = sorted(required)
    coded_types = sorted({c.event for c in coded})
    adjacency = [
        sorted(
            (j for j, g in enumerate(gold_types) if t in required[g]),
            key=lambda j, t=t: gold_types[j] != t,
        )
        for t in coded_types
    ]
    owner: dict[int, int] = {}
    _augment(adjacency, owner)
    matched = set(owner.values())
    fp = sum(1 for i, t in enumerate(coded_types) if i not in matched and t not in named)
    return LevelScore(tp=len(owner), fp=fp, fn=len(gold_types) - len(owner))


# --- reports --------------------------------------------------------------------------


@dataclass
class LevelScore:
    """Counts at one level, with micro precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: LevelScore) -> LevelScore:
        return LevelScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, int | float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class DocumentScore:
    """One document's counts per level and how its tuples paired up."""

    doc_id: str
    levels: dict[str, LevelScore]
    gold_tuples: list[GoldTuple]
    coded_tuples: list[CodedTuple]
    outcomes: dict[str, TupleOutcome]  # the tuple levels: dyad, dyad+sector, dated

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.doc_id,
            "levels": {
                name: {"tp": s.tp, "fp": s.fp, "fn": s.fn} for name, s in self.levels.items()
            },
        }


@dataclass
class EvalReport:
    """Micro scores over all documents, plus each document's detail."""

    levels: dict[str, LevelScore]
    n_documents: int
    n_gold_events: int  # gold events that are scored: neither optional nor negated
    n_coded_events: int  # coded events of the gold documents
    documents: list[DocumentScore]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_documents": self.n_documents,
            "n_gold_events": self.n_gold_events,
            "n_coded_events": self.n_coded_events,
            "levels": {name: s.to_dict() for name, s in self.levels.items()},
            "documents": [d.to_dict() for d in self.documents],
        }


def _score_document(doc: GoldDocument, events: Sequence[Mapping[str, Any]]) -> DocumentScore:
    gold = gold_tuples(doc)
    coded = [coded_tuple(e) for e in events]
    outcomes = {name: _match_tuples(coded, gold, _RULES[name]) for name in TUPLE_LEVELS}
    levels = {"type": _score_types(doc.events, coded)}
    levels.update({name: outcomes[name].counts for name in TUPLE_LEVELS})
    return DocumentScore(doc.id, levels, gold, coded, outcomes)


def score(gold_docs: Sequence[GoldDocument], coded: Mapping[str, Sequence[dict]]) -> EvalReport:
    """Score coded events (doc id -> §2 dicts the coder outputs) against gold documents."""
    documents = [_score_document(doc, coded.get(doc.id, ())) for doc in gold_docs]
    totals = {name: LevelScore() for name in LEVELS}
    for d in documents:
        for name in LEVELS:
            totals[name] = totals[name] + d.levels[name]
    return EvalReport(
        levels=totals,
        n_documents=len(gold_docs),
        n_gold_events=sum(
            1
            for doc in gold_docs
            for e in doc.events
            if not (e.get("optional") or e.get("negated"))
        ),
        n_coded_events=sum(len(d.coded_tuples) for d in documents),
        documents=documents,
    )


def threshold_curve(
    gold_docs: Sequence[GoldDocument],
    coded: Mapping[str, Sequence[dict]],
    thresholds: Iterable[float] = DEFAULT_THRESHOLDS,
) -> list[dict[str, float | int]]:
    """Dyad-level scores keeping only coded events with confidence >= each threshold."""
    rows: list[dict[str, float | int]] = []
    for threshold in thresholds:
        kept = {
            doc_id: [e for e in events if float(e.get("confidence") or 0.0) >= threshold]
            for doc_id, events in coded.items()
        }
        report = score(gold_docs, kept)
        rows.append(
            {
                "threshold": threshold,
                "n_coded": report.n_coded_events,
                **report.levels["dyad"].to_dict(),
            }
        )
    return rows


# --- error analysis -------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorItem:
    """One dyad-level miss or false positive, or one date mismatch."""

    doc_id: str
    kind: str  # FALSE_POSITIVE or MISS (a "date" item is the gold tuple's miss)
    cause: str  # one of CAUSES
    event: str
    source: str  # country, NO_COUNTRY or NO_ACTOR
    target: str
    sentence: str
    detail: str = ""  # the counterpart that explains the cause, when there is one

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+|\s*\n\s*")


def _gold_sentence(doc: GoldDocument, event: Mapping[str, Any]) -> str:
    """The gold event's evidence, else the sentence naming its trigger or a source."""
    if event.get("evidence"):
        return str(event["evidence"])
    needles = [event.get("trigger") or ""]
    needles += [a.get("text") or "" for a in event.get("source") or []]
    sentences = [s for s in _SENTENCE_BREAK.split(doc.text) if s.strip()]
    for needle in needles:
        if not needle:
            continue
        for sentence in sentences:
            if needle.lower() in sentence.lower():
                return sentence.strip()
    return ""


def _describe(key: tuple[str, str, str]) -> str:
    event, source, target = key
    return f"{event} {source} -> {target}"


def _explain_miss(g: GoldTuple, leftover: Sequence[CodedTuple]) -> tuple[str, str]:
    for c in leftover:
        if c.event not in g.accepted and _same_dyad(c, g):
            return "wrong type", f"coded {_describe(c.key)}"
    typed = [c for c in leftover if c.event in g.accepted]
    # A leftover of an accepted type cannot fit both sides: the matching is maximum.
    for c in typed:
        if _actor_ok(g.target, c.target):
            return "wrong or missing source", f"coded {_describe(c.key)}"
    for c in typed:
        if _actor_ok(g.source, c.source):
            return "wrong or missing target", f"coded {_describe(c.key)}"
    return "no trigger", ""


def _explain_false_positive(
    c: CodedTuple, missed: Sequence[GoldTuple], gold: Sequence[GoldTuple]
) -> tuple[str, str]:
    for g in missed:
        if c.event not in g.accepted and _same_dyad(c, g):
            return "wrong type", f"gold {_describe(g.key)}"
    typed = [g for g in missed if c.event in g.accepted]
    for g in typed:
        if _actor_ok(g.target, c.target):
            return "wrong or missing source", f"gold {_describe(g.key)}"
    for g in typed:
        if _actor_ok(g.source, c.source):
            return "wrong or missing target", f"gold {_describe(g.key)}"
    if any(g.negated and _dyad_match(c, g) for g in gold):
        return "spurious", "gold says this event did not happen"
    if any(_dyad_match(c, g) for g in gold):
        return "spurious", "repeats an event already matched"
    return "spurious", ""


def error_report(
    gold_docs: Sequence[GoldDocument], coded: Mapping[str, Sequence[dict]]
) -> list[ErrorItem]:
    """List dyad-level misses and false positives, and date mismatches, with a cause each."""
    items: list[ErrorItem] = []
    report = score(gold_docs, coded)
    for doc, scored in zip(gold_docs, report.documents, strict=True):
        events = list(coded.get(doc.id, ()))
        gold, tuples = scored.gold_tuples, scored.coded_tuples
        dyad = scored.outcomes["dyad"]
        leftover = [tuples[i] for i in dyad.false_positives]
        missed = [gold[j] for j in dyad.misses]

        for j in dyad.misses:
            g = gold[j]
            cause, detail = _explain_miss(g, leftover)
            sentence = _gold_sentence(doc, doc.events[g.event_index])
            items.append(ErrorItem(doc.id, MISS, cause, *g.key, sentence, detail))

        for i in dyad.false_positives:
            c = tuples[i]
            cause, detail = _explain_false_positive(c, missed, gold)
            sentence = str(events[i].get("sentence") or "")
            items.append(ErrorItem(doc.id, FALSE_POSITIVE, cause, *c.key, sentence, detail))

        dyad_partner = {j: i for i, j in dyad.matches}
        for j in scored.outcomes["dated"].misses:
            if j not in dyad_partner:
                continue  # already listed as a dyad-level miss
            g, i = gold[j], dyad_partner[j]
            detail = f"gold date {g.date}, coded {tuples[i].date or 'none'}"
            sentence = str(events[i].get("sentence") or "") or _gold_sentence(
                doc, doc.events[g.event_index]
            )
            items.append(ErrorItem(doc.id, MISS, "date", *g.key, sentence, detail))
    return items


def group_errors(items: Iterable[ErrorItem]) -> dict[str, list[ErrorItem]]:
    """Items by cause, in the order of CAUSES; causes with no items are left out."""
    groups: dict[str, list[ErrorItem]] = {cause: [] for cause in CAUSES}
    for item in items:
        groups[item.cause].append(item)
    return {cause: found for cause, found in groups.items() if found}


# --- rendering ------------------------------------------------------------------------


def render_table(report: EvalReport) -> Table:
    """Levels as rows: TP, FP, FN, precision, recall and F1."""
    table = Table(
        title=(
            f"{report.n_documents} documents, {report.n_gold_events} gold events, "
            f"{report.n_coded_events} coded events"
        )
    )
    table.add_column("level")
    for name in ("TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(name, justify="right")
    for name, s in report.levels.items():
        table.add_row(
            name,
            str(s.tp),
            str(s.fp),
            str(s.fn),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
        )
    return table


def render_errors(groups: Mapping[str, Sequence[ErrorItem]], limit: int | None = None) -> Group:
    """One titled table per cause; `limit` caps the rows shown for each cause."""
    parts: list[RenderableType] = []
    for cause, items in groups.items():
        parts.append(Text(f"{cause} ({len(items)})", style="bold"))
        table = Table(show_header=True, expand=True)
        for name in ("document", "kind", "tuple", "detail", "sentence"):
            table.add_column(name, overflow="fold")
        shown = items if limit is None else items[:limit]
        for item in shown:
            # Text, not str: a sentence with brackets must not be read as rich markup.
            table.add_row(
                Text(item.doc_id),
                Text(item.kind),
                Text(_describe((item.event, item.source, item.target))),
                Text(item.detail),
                Text(" ".join(item.sentence.split())),
            )
        parts.append(table)
        if len(items) > len(shown):
            parts.append(Text(f"... and {len(items) - len(shown)} more", style="dim"))
    return Group(*parts)
