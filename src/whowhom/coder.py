"""The per-document coding function that the CLI, the API, the tests and the
distributed runner all share: parsed document in, coded events out, no I/O."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span

from whowhom import __version__
from whowhom.extract.actors import ActorRef, DocumentActors
from whowhom.extract.dates import DateMention, find_dates, parse_iso_date, sentence_date
from whowhom.extract.events import PLACED_TARGETS, FoundEvent, find_events
from whowhom.extract.lexicon import DATA_DIR as PATTERN_DIR
from whowhom.extract.lexicon import Lexicon, load_lexicon
from whowhom.extract.places import Gazetteer, default_gazetteer, find_dateline, find_location
from whowhom.kb.index import NameIndex, build_index
from whowhom.kb.loader import DATA_DIR as KB_DIR
from whowhom.kb.loader import load_kb
from whowhom.kb.model import KnowledgeBase
from whowhom.kb.resolver import Resolver
from whowhom.model import Actor, Document, Event, Location
from whowhom.ontology import Ontology, default_ontology


@dataclass(frozen=True)
class Coder:
    """Everything coding needs besides the text: knowledge base, patterns, ontology."""

    kb: KnowledgeBase
    index: NameIndex
    resolver: Resolver
    lexicon: Lexicon
    ontology: Ontology
    gazetteer: Gazetteer
    version: str

    @classmethod
    def load(cls, kb_dirs: Sequence[Path | str] = (),
             pattern_dirs: Sequence[Path | str] = ()) -> Coder:
        kb = load_kb(kb_dirs)
        files = [*_data_files(KB_DIR, *map(Path, kb_dirs)),
                 *_data_files(PATTERN_DIR, *map(Path, pattern_dirs))]
        digest = hashlib.sha256()
        for f in files:
            digest.update(f.read_bytes())
        index = build_index(kb)
        gazetteer = default_gazetteer() if not kb_dirs else Gazetteer.load(kb)
        return cls(kb, index, Resolver(kb, index), load_lexicon(pattern_dirs),
                   default_ontology(), gazetteer, f"{__version__}+{digest.hexdigest()[:10]}")


def _data_files(*dirs: Path) -> list[Path]:
    out: list[Path] = []
    for d in dirs:
        out.extend(sorted(d.rglob("*.yaml")) if d.is_dir() else [d])
    return out


@cache
def default_coder() -> Coder:
    return Coder.load()


def code_document(doc: Document, parsed: Doc, coder: Coder) -> list[Event]:
    """All events of one cleaned document, negated and hypothetical ones included
    (``Event.is_default`` tells which belong in default output)."""
    published = parse_iso_date(doc.published) if doc.published else None
    actors = DocumentActors(parsed, coder.kb, coder.index, published, coder.resolver)
    found = find_events(parsed, actors, coder.lexicon)
    dates = find_dates(doc.text, published)
    sentences = list(parsed.sents)
    dateline = find_dateline(doc.text, coder.gazetteer)
    events: list[Event] = []
    for f in found:
        scene = find_location(f.sentence, doc.text, None, coder.gazetteer)
        location = scene if scene is not None else dateline
        placed = _placed(f, location, scene)
        if placed is not None:
            events.append(_code(placed, doc, coder,
                                _event_date(f.sentence, sentences, dates, doc.text),
                                published, location))
    return _one_per_act(events)


def _placed(f: FoundEvent, location: Location | None,
            scene: Location | None) -> FoundEvent | None:
    """The event with the sides the text leaves unnamed filled from where it happened:
    an unidentified attacker or authority takes the country of ``location`` (the
    sentence's place, else the dateline's); a missing or stateless target of an act done
    in a place takes the country of ``scene`` (the sentence's own place only). An
    unidentified authority, or an act that needs its place for a target, that cannot be
    placed is no event (None)."""
    source, target, flags = f.source, f.target, f.flags
    if source.kind == "unidentified":
        if location is not None and location.country:
            source = replace(source, country=location.country, kb_id=location.country,
                             via=f"{source.via}; placed in {location.name}")
        elif source.sector != "UAF":
            return None
    placeable = scene is not None and scene.country not in ("", "IGO")
    if f.needs_place and not placeable:
        return None
    if f.event in PLACED_TARGETS and placeable:
        if target is None:
            target = ActorRef("", scene.name, scene.country, "", None, f.trigger.idx,
                              f.trigger.idx, kind="place",
                              via=f"implied: the people of {scene.name}")
            flags = [*flags, "implied target"]
        elif not target.country:
            target = replace(target, country=scene.country,
                             via=f"{target.via}; placed in {scene.name}")
    if target is not None and not target.country and source.country:
        target = None  # "refused more refugees": a side no one could count is left out
    if source is f.source and target is f.target:
        return f
    return replace(f, source=source, target=target, flags=flags)


def _code(f: FoundEvent, doc: Document, coder: Coder, date: DateMention | None,
          published: dt.date | None, location: Location | None) -> Event:
    cameo, goldstein, quad = coder.ontology.code_event(f.event, f.mode, f.cameo)
    if date is not None:
        date_value, precision = date.value, date.precision
    elif published is not None:
        date_value, precision = published.isoformat(), "publication"
    else:
        date_value, precision = "", "none"
    trigger = f.trigger
    key = "|".join(map(str, (doc.doc_id, f.sentence_index, trigger.idx, f.source.start,
                             f.target.start if f.target else -1, f.event)))
    return Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
        doc_id=doc.doc_id,
        event=f.event,
        mode=f.mode,
        cameo=cameo,
        goldstein=goldstein,
        quad_class=quad,
        source=_actor(f.source),
        target=_actor(f.target) if f.target else None,
        date=date_value,
        date_precision=precision,
        trigger_text=trigger.text,
        trigger_span=(trigger.idx, trigger.idx + len(trigger.text)),
        sentence=f.sentence.text,
        sentence_index=f.sentence_index,
        negated=f.negated,
        hypothetical=f.hypothetical,
        reported_by=f.reported_by,
        location=location,
        confidence=_confidence(f),
        flags=f.flags,
    )


def _actor(a: ActorRef) -> Actor:
    return Actor(text=a.text, name=a.name, country=a.country, sector=a.sector, code=a.code,
                 kb_id=a.kb_id, span=(a.start, a.end), igo=a.igo)


def _confidence(f: FoundEvent) -> float:
    """A heuristic belief that the event is right, from how its parts were found."""
    score = 0.55
    score += 0.1 if f.source.kb_id else 0.0
    score += 0.1 if f.target is not None and f.target.kb_id else 0.0
    score += 0.05 * min(f.pattern.specificity, 2)
    if not f.source.country or (f.target is not None and not f.target.country):
        score -= 0.2
    if f.via_coreference or f.source.kind == "pronoun":
        score -= 0.1
    if f.pattern.pos == "noun":
        score -= 0.1
    if f.target is None:
        score -= 0.1
    return max(0.05, min(0.95, score))


def _event_date(sent: Span, sentences: list[Span], dates: list[DateMention],
                text: str) -> DateMention | None:
    """The sentence's own date, else a day named in a neighbouring sentence of the same
    paragraph (an occasion such as "the August 21 meeting" dates what was said there)."""
    own = sentence_date(dates, sent.start_char, sent.end_char)
    if own is not None:
        return own
    para_start = text.rfind("\n", 0, sent.start_char) + 1
    para_end = text.find("\n", sent.end_char)
    para_end = len(text) if para_end == -1 else para_end
    neighbours = [s for s in sentences if para_start <= s.start_char < para_end
                  and s.start_char != sent.start_char]
    neighbours.sort(key=lambda s: (s.start_char > sent.start_char,
                                   abs(s.start_char - sent.start_char)))
    for s in neighbours:
        d = sentence_date(dates, s.start_char, s.end_char)
        if d is not None and d.precision == "day":
            return d
    return None


def _one_per_act(events: list[Event]) -> list[Event]:
    """One event per act per document: the same (type, source, target) told again is
    kept once, with the best evidence; an undated telling merges into a dated one."""
    kept: list[Event] = []
    slot: dict[tuple, int] = {}
    bases: set[tuple] = set()
    for e in events:
        base = (e.event, _actor_key(e.source), _actor_key(e.target), e.negated,
                e.hypothetical)
        dated = e.date_precision not in ("publication", "none")
        key = (*base, e.date if dated else "")
        if key in slot:
            if e.confidence > kept[slot[key]].confidence:
                kept[slot[key]] = e
        elif dated and (*base, "") in slot:
            slot[key] = slot.pop((*base, ""))
            kept[slot[key]] = e
        elif not dated and base in bases:
            continue
        else:
            slot[key] = len(kept)
            kept.append(e)
            bases.add(base)
    return kept


def _actor_key(a: Actor | None) -> tuple[str, str, str]:
    return ("-", "", "") if a is None else (a.country, a.igo, a.sector)


def code_text(text: str, published: str | None = None, *, doc_id: str = "text",
              coder: Coder | None = None, include_all: bool = False) -> list[Event]:
    """Code one text: ``whowhom.code_text("Kazakhstan summoned ...", published="2024-08-23")``.

    Returns the events the text reports as having happened; ``include_all`` adds the
    negated and hypothetical ones.
    """
    from whowhom.ingest.clean import clean_document
    from whowhom.model import SourceDocument
    from whowhom.nlp import load_nlp

    coder = coder or default_coder()
    doc = clean_document(SourceDocument(doc_id=doc_id, text=text, published=published or ""))
    events = code_document(doc, load_nlp()(doc.text), coder)
    return events if include_all else [e for e in events if e.is_default]
