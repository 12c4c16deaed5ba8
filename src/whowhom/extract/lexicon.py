"""Event patterns and modality words, read from ``data/patterns/*.yaml`` and
``data/modality.yaml`` (format documented at the top of each file)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from whowhom.ontology import default_ontology
from whowhom.yamlfile import load_yaml

DATA_DIR = Path(__file__).parent / "data"
PLOVER_TYPES = frozenset(default_ontology().event_types())
TARGET_FROM = ("object", "prep", "none")


class LexiconError(ValueError):
    """A pattern or modality file that does not follow its documented format."""


@dataclass(frozen=True)
class Pattern:
    """One way a word reports an event, and how the event is coded."""

    lemma: str
    pos: str  # "verb" or "noun"
    event: str
    mode: str = ""
    cameo: str = ""
    particle: str = ""  # required particle: "call out"
    objects: frozenset[str] = frozenset()  # required object lemmas: "hold talks"
    prep: str = ""  # required preposition; the target comes from its object
    needs_xcomp: bool = False  # "told X to leave" but not "told X that"
    target: str = "object"  # object | prep | none
    target_preps: tuple[str, ...] = ()  # where else a target may stand
    source_preps: tuple[str, ...] = ()  # nouns: "criticism from Minsk"
    passive_source: tuple[str, ...] = ()  # passive: "was summoned to the ministry"
    symmetric: bool = False  # "X and Y signed": X->Y and Y->X
    reverse: bool = False  # the object acts on the subject: "X hosted Y" is a visit Y->X
    target_optional: bool = False  # protests, mobilisation: no target needed
    origin: str = ""  # file and entry number, for explanations

    @property
    def specificity(self) -> int:
        return (bool(self.particle) + bool(self.objects) + bool(self.prep) + self.needs_xcomp)


@dataclass
class Modality:
    """Words that change what an embedded or modified event means."""

    report: frozenset[str]
    intent: frozenset[str]
    promise: frozenset[str]
    refusal: frozenset[str]
    threat: frozenset[str]
    request: frozenset[str]
    denial: frozenset[str]
    modal: frozenset[str]
    future: frozenset[str]
    conditional: frozenset[str]
    unattributed: frozenset[str]
    content: frozenset[str]
    failure: frozenset[str]

    @cached_property
    def committing(self) -> frozenset[str]:
        """Verbs that make what they govern an event of the speaker's whatever it
        concerns: promises, refusals and threats ("declined to resign")."""
        return self.promise | self.refusal | self.threat


@dataclass
class Lexicon:
    patterns: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)
    modality: Modality | None = None

    def candidates(self, lemma: str, pos: str) -> list[Pattern]:
        return self.patterns.get((lemma, pos), [])


def _words(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    return tuple(str(v).lower() for v in value)


def _pattern_entries(entry: dict[str, Any], where: str) -> list[Pattern]:
    event = str(entry.get("event", "")).upper()
    if event not in PLOVER_TYPES:
        raise LexiconError(f"{where}: unknown PLOVER event {entry.get('event')!r}")
    verbs, nouns = _words(entry.get("verbs")), _words(entry.get("nouns"))
    if not verbs and not nouns:
        raise LexiconError(f"{where}: a pattern needs 'verbs' or 'nouns'")
    prep = str(entry.get("prep") or "").lower()
    target = str(entry.get("target") or ("prep" if prep else "object"))
    if target not in TARGET_FROM:
        raise LexiconError(f"{where}: 'target' must be one of {', '.join(TARGET_FROM)}")
    common = dict(
        event=event,
        mode=str(entry.get("mode") or "").upper(),
        cameo=str(entry.get("cameo") or ""),
        particle=str(entry.get("particle") or "").lower(),
        objects=frozenset(_words(entry.get("object"))),
        prep=prep,
        needs_xcomp=bool(entry.get("xcomp", False)),
        target="none" if target == "none" else target,
        target_preps=_words(entry.get("target_preps")),
        source_preps=_words(entry.get("source_preps")),
        passive_source=_words(entry.get("passive_source")),
        symmetric=bool(entry.get("symmetric", False)),
        reverse=bool(entry.get("reverse", False)),
        target_optional=bool(entry.get("target_optional", target == "none")),
        origin=where,
    )
    return [Pattern(lemma=v, pos="verb", **common) for v in verbs] + [
        Pattern(lemma=n, pos="noun", **common) for n in nouns
    ]


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = load_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return raw


def read_patterns(path: Path) -> list[Pattern]:
    entries = _read_yaml(path).get("patterns")
    if not isinstance(entries, list):
        raise LexiconError(f"{path}: expected a 'patterns' list")
    out: list[Pattern] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise LexiconError(f"{path}: patterns[{i}]: expected a mapping")
        out.extend(_pattern_entries(entry, f"{path.name}: patterns[{i}]"))
    return out


def read_modality(path: Path) -> Modality:
    raw = _read_yaml(path)
    try:
        return Modality(**{k: frozenset(_words(raw.get(k))) for k in Modality.__dataclass_fields__})
    except TypeError as exc:
        raise LexiconError(f"{path}: {exc}") from exc


def load_lexicon(extra: Sequence[Path | str] = (), *, data_dir: Path = DATA_DIR) -> Lexicon:
    """The shipped patterns plus a user's pattern files (``*.yaml`` with a 'patterns' list)."""
    files = sorted((data_dir / "patterns").glob("*.yaml"))
    for p in map(Path, extra):
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    by_key: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
    for f in files:
        if f.is_file() and "patterns" in _read_yaml(f):
            for pat in read_patterns(f):
                by_key[(pat.lemma, pat.pos)].append(pat)
    for pats in by_key.values():
        pats.sort(key=lambda p: -p.specificity)
    return Lexicon(patterns=dict(by_key), modality=read_modality(data_dir / "modality.yaml"))

