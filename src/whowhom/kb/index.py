"""A name index over the knowledge base, matched against sequences of words.

Every name, alias, demonym, capital, seat of power and sector term becomes a tuple of
normalised words (``normalize.name_words``). A sentence is scanned left to right and the
longest name starting at each word wins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from whowhom.kb.model import KnowledgeBase
from whowhom.kb.normalize import name_words

MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class Hit:
    """What a matched name stands for."""

    kind: str  # country | demonym | capital | seat | org | person | sector
    id: str  # country id, organisation id, person id or sector code
    name: str  # the entry's canonical name, or the sector term
    via: str  # the alias as written in the knowledge base
    cased: bool  # the text must be capitalised to match (proper names)
    acronym: bool  # the text must be upper case to match ("US" but not "us")


@dataclass(frozen=True)
class Match:
    start: int  # index into the word sequence given to ``scan``
    end: int
    hit: Hit


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return " " not in alias.strip() and bool(letters) and all(c.isupper() for c in letters) \
        and len(letters) <= 6


class NameIndex:
    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Hit]]] = defaultdict(list)
        self._seen: set[tuple[tuple[str, ...], str, str, bool]] = set()

    def add(self, alias: str, hit_kind: str, hit_id: str, name: str, *, cased: bool) -> None:
        words = name_words(alias)
        if not words or len(words) > MAX_NAME_WORDS:
            return
        acronym = cased and _is_acronym(alias)
        key = (words, hit_kind, hit_id, acronym)
        if key in self._seen:
            return
        self._seen.add(key)
        hit = Hit(hit_kind, hit_id, name, alias, cased, acronym)
        self._by_first[words[0]].append((words, hit))

    def freeze(self) -> None:
        """Order each bucket longest name first, as ``scan`` expects; call after adding."""
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def lookup(self, alias: str) -> list[Hit]:
        """Every entry whose name is exactly ``alias`` (after normalisation)."""
        words = name_words(alias)
        return [hit for w, hit in self._by_first.get(words[0] if words else "", []) if w == words]

    def scan(self, words: Sequence[str], surfaces: Sequence[str]) -> list[Match]:
        """Longest non-overlapping matches in ``words`` (normalised) with their ``surfaces``."""
        matches: list[Match] = []
        i, n = 0, len(words)
        by_first = self._by_first
        while i < n:
            candidates = by_first.get(words[i])
            found = None
            if candidates:
                for cand_words, hit in candidates:
                    k = len(cand_words)
                    if i + k > n or tuple(words[i:i + k]) != cand_words:
                        continue
                    if not _case_ok(hit, surfaces[i]):
                        continue
                    found = Match(i, i + k, hit)
                    break
            if found:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches


def _case_ok(hit: Hit, first_surface: str) -> bool:
    if not hit.cased:
        return True
    if hit.acronym:
        return first_surface.replace(".", "").isupper()
    # a name the knowledge base itself writes in lower case ("al-Qaeda") matches either way
    return first_surface[:1].isupper() or hit.via[:1].islower()


def build_index(kb: KnowledgeBase) -> NameIndex:
    """Index every name of ``kb``; people and organisations first so they win ties."""
    index = NameIndex()
    for p in kb.people.values():
        for alias in (p.name, *p.aliases):
            index.add(alias, "person", p.id, p.name, cased=True)
    for o in kb.organisations.values():
        for alias in (o.name, o.id, *o.aliases):
            index.add(alias, "org", o.id, o.name, cased=True)
        for office in o.offices:
            index.add(office, "office", o.id, o.name, cased=False)
    for c in kb.countries.values():
        for alias in (c.name, *c.aliases, *c.former):
            index.add(alias, "country", c.id, c.name, cased=True)
        for alias in c.demonyms:
            index.add(alias, "demonym", c.id, c.name, cased=True)
        for alias in c.capitals:
            index.add(alias, "capital", c.id, c.name, cased=True)
        for alias in c.seats:
            index.add(alias, "seat", c.id, c.name, cased=True)
    for term in kb.sector_terms:
        index.add(term.term, "sector", term.sector, term.term, cased=False)
    index.freeze()
    return index
