"""Resolve one mention ("Kazakh Foreign Ministry", "Lukashenka", "protesters in Yerevan") to
an actor of the knowledge base, on a date, with a sentence saying why.

The mention is split into words and scanned with the knowledge base's ``NameIndex`` (the
longest name starting at each word wins). Prepositions split it into segments: the words
before the first preposition are the *core* (English noun phrases end with their head, so
the last name there decides: "Kazakh Foreign Ministry" is a ministry, placed by "Kazakh"),
an "of" phrase places a head that has no country of its own ("the Foreign Ministry of
Kazakhstan"), an "in"/"from" phrase is the weakest clue ("protesters in Yerevan"), and
"to", "with", "at" ... phrases are ignored ("Kazakhstan's Ambassador to Belarus" is KAZ).
After a comma, a person's name is read as an apposition of the head ("Belarus's Foreign
Minister, Maxim Ryzhenkov").

Capitalised words the index does not know are tried as people: a surname alone when only
one person (or only one in office on the date) carries it, then fuzzily. Fuzzy matching is
guarded so that an unrelated name of similar spelling does not match: both names must be at
least ``FUZZY_MIN_LEN`` letters, start with the same letter, differ in length by at most
``FUZZY_MAX_LEN_DIFF``, score at least ``FUZZY_THRESHOLD`` (rapidfuzz ``ratio``), beat every
other entity by ``FUZZY_MARGIN``, and when the mention has a given name it must agree with
the person's (same initial, or ``GIVEN_NAME_THRESHOLD``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from whowhom.kb.index import Hit, Match, NameIndex, build_index
from whowhom.kb.model import KnowledgeBase, Person
from whowhom.kb.normalize import name_words, norm_name, norm_token

FUZZY_MIN_LEN = 5
FUZZY_MAX_LEN_DIFF = 2
FUZZY_THRESHOLD = 88.0  # rapidfuzz ratio on normalised names, 0-100
FUZZY_MARGIN = 4.0  # the best entity must beat the next one by this much
GIVEN_NAME_THRESHOLD = 75.0
MIN_SURNAME_LEN = 4
CACHE_SIZE = 100_000  # a surname alone shorter than this is never taken as a person

COUNTRY_KINDS = frozenset({"country", "demonym", "capital", "seat"})
GOV_KINDS = frozenset({"country", "capital", "seat"})  # a state named as an actor is GOV
# what a preposition does to the words after it
PREPOSITIONS = {"of": "of", "in": "place", "from": "place", "to": "ignore", "with": "ignore",
                "at": "ignore", "for": "ignore", "on": "ignore", "against": "ignore",
                "by": "ignore", "between": "ignore", "and": "ignore", "near": "ignore"}
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "madame", "dame",
                        "lord", "lady", "sheikh", "prof", "professor", "gen", "lt", "col",
                        "maj", "capt", "sen", "rep", "gov", "the", "a", "an"})
PERSON_KIND = frozenset({"person"})
FORMER_WORDS = frozenset({"former", "ex"})  # "former Kazakh president" is ELI
FORMER_SECTORS = frozenset({"GOV", "LEG", "MIL", "JUD", "COP", "SPY"})
ENTITY_KINDS = frozenset({"country", "demonym", "capital", "seat", "org"})
KIND_WORD = {"country": "country", "demonym": "nationality", "capital": "capital",
             "seat": "seat of power", "org": "organisation", "office": "office"}

_PUNCTUATION = ",;:()[]\"“”"
_CHUNK = re.compile(r"[,;:()\[\]\"“”]|[^\s,;:()\[\]\"“”]+")
_PIECES = re.compile(r"[\-‐‑–—/]+")  # the word separators of ``normalize.name_words``
_POSSESSIVE = re.compile(r"['’]s?$")
_SEPARATOR = ","
_POSSESSIVE_WORD = "s"  # as the index spells a possessive ("People's" -> people, s)


@dataclass(frozen=True)
class Resolution:
    """A mention resolved to an actor of the knowledge base."""

    name: str  # canonical name
    kb_id: str  # person, organisation or country id; "" for a sector word with no country
    kind: str  # country | org | person | sector-phrase
    country: str  # ISO alpha-3, "IGO" for organisations, "" for NGOs and unplaced groups
    sector: str
    igo: str
    code: str  # country + sector ("KAZGOV"), or "IGO" + organisation id + sector
    score: int  # 0-100: 100 for an exact name, less for composed, surname and fuzzy hits
    why: str  # one sentence explaining the resolution


@dataclass(frozen=True)
class _Words:
    words: tuple[str, ...]  # normalised; separators are ","
    surfaces: tuple[str, ...]


@dataclass(frozen=True)
class _Item:
    """One element of a mention: a knowledge-base name, or a run of unknown capitalised
    words (``hit`` None), with the segment it stands in."""

    segment: str  # core | of | place | ignore
    start: int
    end: int
    hit: Hit | None


@dataclass(frozen=True)
class _PersonHit:
    person: Person
    how: str  # explanation of how the name was matched
    score: int


# spellings that transliterations of one name alternate between, folded before fuzzy
# comparison only ("Bairamov" / "Bayramov", "Lavrow" / "Lavrov", "Dzhaparov" / "Japarov")
_TRANSLIT = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("sch", "sh"), ("ck", "k"), ("w", "v"),
             ("y", "i"), ("ii", "i"))


@lru_cache(maxsize=100_000)
def _translit_key(name: str) -> str:
    for a, b in _TRANSLIT:
        name = name.replace(a, b)
    return name


def _code(country: str, igo: str, sector: str) -> str:
    return f"IGO{igo}{sector}" if country == "IGO" else f"{country}{sector}"


def _split(mention: str) -> _Words:
    """Words of a mention, normalised like index names, with their surfaces for case
    checks. A possessive "'s" is dropped; punctuation that ends a name is a separator."""
    words: list[str] = []
    surfaces: list[str] = []
    for chunk in _CHUNK.findall(mention):
        if chunk in _PUNCTUATION:
            words.append(_SEPARATOR)
            surfaces.append(chunk)
            continue
        bare = _POSSESSIVE.sub("", chunk)
        for piece in _PIECES.split(bare):
            word = norm_token(piece)
            if word:
                words.append(word)
                surfaces.append(piece)
        if bare != chunk and words:  # a possessive ends a name: "Kazakhstan's Tokayev"
            words.append(_POSSESSIVE_WORD)
            surfaces.append(_POSSESSIVE_WORD)
    casual = not any(c.isupper() for c in mention)
    if casual:  # typed without capitals: names still match, short acronyms ("us") do not
        lone = len(words) == 1 and len(words[0]) >= 3
        surfaces = [s.upper() if lone else s.capitalize() for s in surfaces]
    return _Words(tuple(words), tuple(surfaces))


class Resolver:
    """Resolves mentions against one knowledge base; build once, call ``resolve`` often."""

    def __init__(self, kb: KnowledgeBase, index: NameIndex | None = None) -> None:
        self.kb = kb
        self.index = index if index is not None else build_index(kb)
        self._parse = lru_cache(maxsize=CACHE_SIZE)(self._parse_uncached)
        self._resolve_cached = lru_cache(maxsize=CACHE_SIZE)(self._resolve)
        # surname (last word of a name or alias) -> people who carry it
        self._surnames: dict[str, set[str]] = defaultdict(set)
        # person id -> first words of their multi-word names ("alexander", "aleksandr")
        self._given: dict[str, set[str]] = defaultdict(set)
        for p in kb.people.values():
            for alias in (p.name, *p.aliases):
                words = name_words(alias)
                if words:
                    self._surnames[words[-1]].add(p.id)
                if len(words) > 1:
                    self._given[p.id].add(words[0])
        # fuzzy candidates by first letter: (transliteration key, kind, id, name shown)
        self._fuzzy: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for surname, ids in self._surnames.items():
            if len(surname) >= FUZZY_MIN_LEN:
                for pid in ids:
                    self._fuzzy[surname[0]].append((_translit_key(surname), "person", pid,
                                                    surname))
        for c in kb.countries.values():
            for kind, names in (("country", (c.name, *c.aliases, *c.former)),
                                ("demonym", c.demonyms), ("capital", c.capitals),
                                ("seat", c.seats)):
                for alias in names:
                    self._add_fuzzy(alias, kind, c.id)
        for o in kb.organisations.values():
            for alias in (o.name, *o.aliases):
                self._add_fuzzy(alias, "org", o.id)

    def _add_fuzzy(self, alias: str, kind: str, entity: str) -> None:
        key = norm_name(alias)
        # acronyms are left out: one letter off is another body (OSCE / OECD)
        if len(key) >= FUZZY_MIN_LEN and not alias.isupper():
            self._fuzzy[key[0]].append((_translit_key(key), kind, entity, alias))

    # ---- public -----------------------------------------------------------------

    def resolve(self, name: str, day: dt.date | None = None) -> Resolution | None:
        """The actor ``name`` stands for on ``day`` (None: the current or latest office),
        or None when the knowledge base holds nothing it could be. Results are cached:
        news repeats the same names on the same days."""
        return self._resolve_cached(name, day)

    def _resolve(self, name: str, day: dt.date | None) -> Resolution | None:
        parsed = self._parse(name)
        if parsed is None:
            return None
        split, items, exact = parsed
        core = [it for it in items if it.segment == "core"]
        if not core:
            # "head of NATO": a head word the index does not know, named by its of-phrase
            core = [it for it in items if it.segment == "of" and it.hit is not None][-1:]
            if not core:
                return None
        head = core[-1]
        score = 100 if exact else 95
        hit = head.hit
        before = self._given_before(items, head)
        if hit is None:
            person = self._person_from_run(split, head, before, day)
            if person is not None:
                return self._person(person.person, day, person.how, person.score)
            hit, score, fuzzy_note = self._entity_from_run(split, head)
            if hit is None:
                return self._group(split, items, core, head, day, unknown_name=True)
        else:
            fuzzy_note = ""
        if hit.kind == "person" and before is not None and head.end - head.start == 1 \
                and not self._given_ok(hit.id, split.words[before.start:before.end]):
            # "Sergei Putin": a known surname after another given name is someone else
            run = _Item("core", before.start, head.end, None)
            return self._group(split, items, core, run, day, unknown_name=True)
        if hit.kind == "person":
            via = "name" if hit.via == hit.name else "alias"
            return self._person(self.kb.people[hit.id], day, f"{via} {hit.via!r}", score)
        if hit.kind in ("org", "office"):
            sector = "GOV" if hit.kind == "office" else ""
            return self._org(hit.id, sector, f"{KIND_WORD[hit.kind]} {hit.via!r}{fuzzy_note}",
                             score)
        if hit.kind in COUNTRY_KINDS:
            return self._country(hit, score, fuzzy_note)
        return self._group(split, items, core, head, day, unknown_name=False)

    # ---- mention geometry -----------------------------------------------------------

    def _parse_uncached(self, name: str) -> tuple[_Words, list[_Item], bool] | None:
        """The mention's words, its items, and whether one name covers all of it; this
        does not depend on the date, so ``_parse`` caches it per mention."""
        split = _split(name)
        if not split.words:
            return None
        matches = self.index.scan(split.words, split.surfaces)
        items = self._items(split, matches)
        exact = len(matches) == 1 and len(items) == 1 and _covers_all(matches[0], split)
        return split, items, exact

    def _items(self, split: _Words, matches: list[Match]) -> list[_Item]:
        """The mention's names and unknown capitalised runs, each with its segment."""
        items: list[_Item] = []
        by_start = {m.start: m for m in matches}
        segment, after_comma = "core", False
        run: list[int] = []

        def close_run() -> None:
            if run:
                seg = "core" if after_comma else segment
                items.append(_Item(seg, run[0], run[-1] + 1, None))
                run.clear()

        i, n = 0, len(split.words)
        while i < n:
            m = by_start.get(i)
            word, surface = split.words[i], split.surfaces[i]
            if m is not None:
                close_run()
                seg = "core" if after_comma and m.hit.kind == "person" else segment
                items.append(_Item(seg, m.start, m.end, m.hit))
                i = m.end
                continue
            if word == _SEPARATOR:
                close_run()
                after_comma = True
            elif word in PREPOSITIONS and not surface[:1].isupper():
                close_run()
                segment, after_comma = PREPOSITIONS[word], False
            elif surface[:1].isupper() and word not in HONORIFICS:
                run.append(i)
            else:
                close_run()
            i += 1
        close_run()
        return items

    # ---- people -----------------------------------------------------------------------

    def _person_from_run(self, split: _Words, run: _Item, before: _Item | None,
                         day: dt.date | None) -> _PersonHit | None:
        """A person named by capitalised words the index did not know: a known surname
        ("Tokaev"), a surname with a matching given name ("Aleksandr Lukashenka"), or
        a fuzzy surname ("Lukaschenko"). ``before`` is what may be a given name written
        before a one-word run ("Chad" in "Chad Williams")."""
        words = split.words[run.start:run.end]
        surname, given = words[-1], words[:-1]
        if not given and before is not None:
            given = split.words[before.start:before.end]
        text = " ".join(split.surfaces[run.start:run.end])
        ids = self._surnames.get(surname, set()) if len(surname) >= MIN_SURNAME_LEN else set()
        ids = {pid for pid in ids if self._given_ok(pid, given)}
        if ids:
            picked = self._pick(ids, day)
            if picked is None:
                return None
            person, narrowed = picked
            how = f"surname {text!r}" if not given else f"name {text!r}"
            if narrowed:
                how += f" ({len(ids)} people; only {person.name} in office then)"
            return _PersonHit(person, how, 90 if not narrowed else 80)
        found = self._fuzzy_lookup(surname, PERSON_KIND)
        if found is None:
            return None
        score, key, entities = found
        ids = {pid for _, pid, _ in entities if self._given_ok(pid, given)}
        picked = self._pick(ids, day) if ids else None
        if picked is None:
            return None
        person = picked[0]
        return _PersonHit(person, f"fuzzy {text!r} ~ {key!r} ({score:.0f})",
                          min(int(score), 94))

    @staticmethod
    def _given_before(items: list[_Item], head: _Item) -> _Item | None:
        """The item right before ``head`` if it could be a given name: unknown capitalised
        words, or a state or capital also used as a first name ("Chad", "Georgia")."""
        i = items.index(head)
        before = items[i - 1] if i > 0 else None
        if before is None or before.end != head.start or before.segment != head.segment:
            return None
        if before.hit is None or before.hit.kind in ("country", "capital"):
            return before
        return None

    def _entity_from_run(self, split: _Words, run: _Item) -> tuple[Hit | None, int, str]:
        """A state or organisation named by unknown words, fuzzily ("Kazahkstan"), with
        a note for the explanation."""
        found = self._fuzzy_lookup(" ".join(split.words[run.start:run.end]), ENTITY_KINDS)
        if found is None or len({(k, e) for k, e, _ in found[2]}) != 1:
            return None, 0, ""
        score, _, [(kind, eid, alias), *_] = found
        text = " ".join(split.surfaces[run.start:run.end])
        name = (self.kb.organisations[eid].name if kind == "org"
                else self.kb.countries[eid].name)
        return (Hit(kind, eid, name, alias, True, False), min(int(score), 94),
                f" (fuzzy match of {text!r}, {score:.0f})")

    def _given_ok(self, pid: str, given: tuple[str, ...]) -> bool:
        """Whether the given names written with a surname agree with the person's."""
        if not given:
            return True
        first = given[0]
        known = self._given.get(pid, set())
        if not known:
            return False
        if len(first) == 1:
            return any(g[0] == first for g in known)
        return any(g == first or (g[0] == first[0] and fuzz.ratio(g, first)
                                  >= GIVEN_NAME_THRESHOLD) for g in known)

    def _pick(self, ids: set[str], day: dt.date | None) -> tuple[Person, bool] | None:
        """The one person among ``ids``, or the one in office on ``day``; None if
        ambiguous. The flag says whether the date decided."""
        people = [self.kb.people[pid] for pid in sorted(ids)]
        if len(people) == 1:
            return people[0], False
        in_office = [p for p in people if _in_office(p, day)]
        return (in_office[0], True) if len(in_office) == 1 else None

    def _fuzzy_lookup(self, query: str, kinds: frozenset[str]
                      ) -> tuple[float, str, list[tuple[str, str, str]]] | None:
        """The entities whose name is closest to ``query`` within the guards, as (score,
        matched key, [(kind, id, alias)]), or None."""
        if len(query) < FUZZY_MIN_LEN:
            return None
        key = _translit_key(query)
        pool = [c for c in self._fuzzy.get(query[0], ())
                if c[1] in kinds and abs(len(c[0]) - len(key)) <= FUZZY_MAX_LEN_DIFF]
        if not pool:
            return None
        scored = process.extract(key, [c[0] for c in pool], scorer=fuzz.ratio, processor=None,
                                 score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN, limit=None)
        if not scored or scored[0][1] < FUZZY_THRESHOLD:
            return None
        best_key, best_score = pool[scored[0][2]][3], scored[0][1]
        best = [pool[i][1:] for key, _, i in scored if key == scored[0][0]]
        entities = {(kind, eid) for kind, eid, _ in best}
        rivals = [s for _, s, i in scored if (pool[i][1], pool[i][2]) not in entities]
        if rivals and best_score - max(rivals) < FUZZY_MARGIN:
            return None  # another entity is about as close: take neither
        return best_score, best_key, best

    def _person(self, person: Person, day: dt.date | None, how: str,
                score: int) -> Resolution:
        country, sector, igo, _ = person.code_on(day)
        return Resolution(person.name, person.id, "person", country, sector, igo,
                          _code(country, igo, sector), score,
                          f"{how} of {person.name}; {_office_phrase(person, day)}")

    # ---- organisations, states and groups ------------------------------------------------

    def _org(self, org_id: str, sector: str, how: str, score: int) -> Resolution:
        org = self.kb.organisations[org_id]
        what = f"{how} of {org.name} ({org.id})"
        if org.country or org.kind == "group":
            sector = sector or org.sector
            return Resolution(org.name, org.id, "org", org.country, sector, "",
                              _code(org.country, "", sector), score,
                              f"{what}, a group based in {org.country or 'no one state'}"
                              + (f"; sector {sector}" if sector else ""))
        sector = sector or org.sector
        return Resolution(org.name, org.id, "org", "IGO", sector, org.id,
                          _code("IGO", org.id, sector), score,
                          f"{what}, " + ("a non-governmental organisation" if org.kind == "ngo"
                                         else "an intergovernmental organisation")
                          + (f"; sector {sector}" if sector else ""))

    def _country(self, hit: Hit, score: int, note: str = "") -> Resolution:
        c = self.kb.countries[hit.id]
        sector = "GOV" if hit.kind in GOV_KINDS else ""
        role = " as its government" if sector else ""
        return Resolution(c.name, c.id, "country", c.id, sector, "", _code(c.id, "", sector),
                          score, f"{KIND_WORD[hit.kind]} {hit.via!r}{note} of {c.name}{role}")

    def _group(self, split: _Words, items: list[_Item], core: list[_Item], head: _Item,
               day: dt.date | None, *, unknown_name: bool) -> Resolution | None:
        """A sector word placed by the country words around it ("Russian forces",
        "protesters in Yerevan"), or an unknown name beside one ("Kazakh diplomat Timur
        Zhaksylykov")."""
        sector_items = [it for it in core if it.hit is not None and it.hit.kind == "sector"]
        if not sector_items:
            return None  # an unknown name with no role word ("Jordan Peterson")
        sector_hit = sector_items[-1].hit
        assert sector_hit is not None
        sector = sector_hit.id
        what = f"{sector} word {sector_hit.via!r}"
        if FORMER_WORDS & set(split.words[:sector_items[-1].start]) \
                and sector in FORMER_SECTORS:
            sector, what = "ELI", f"{what} after 'former' (ELI)"
        if unknown_name:
            name = " ".join(split.surfaces[head.start:head.end])
            what = f"unknown name {name!r} with {what}"
        before = [it for it in core if it.start < sector_items[-1].start]
        for pool, how in ((before, "with"), (core, "with"),
                          ([it for it in items if it.segment == "of"], "of"),
                          ([it for it in items if it.segment == "place"], "in")):
            for it in reversed(pool):
                if it.hit is None or it.hit is sector_hit:
                    continue
                placed = self._place(it.hit, sector, what, how, day)
                if placed is not None:
                    return placed
        label = self.kb.sector_labels.get(sector, sector)
        return Resolution(label, "", "sector-phrase", "", sector, "", sector, 50,
                          f"{what} with no country named")

    def _place(self, hit: Hit, sector: str, what: str, how: str,
               day: dt.date | None) -> Resolution | None:
        """The sector-phrase actor a modifier ``hit`` places, or None if it places nothing."""
        if hit.kind in COUNTRY_KINDS:
            c = self.kb.countries[hit.id]
            label = self.kb.sector_labels.get(sector, sector)
            return Resolution(f"{c.name} {label}", c.id, "sector-phrase", c.id, sector, "",
                              _code(c.id, "", sector), 90,
                              f"{what} {how} {KIND_WORD[hit.kind]} {hit.via!r} ({c.id})")
        if hit.kind in ("org", "office"):
            return self._org(hit.id, sector, f"{what} {how} {KIND_WORD[hit.kind]} "
                                             f"{hit.via!r}", 90)
        if hit.kind == "person":
            p = self.kb.people[hit.id]
            country, _, igo, _ = p.code_on(day)
            label = self.kb.sector_labels.get(sector, sector)
            return Resolution(f"{p.name}'s {label}", p.id, "sector-phrase", country, sector,
                              igo, _code(country, igo, sector), 85,
                              f"{what} {how} person {hit.via!r} ({p.name}, {country})")
        return None


def _covers_all(m: Match, split: _Words) -> bool:
    rest = [w for i, w in enumerate(split.words) if not m.start <= i < m.end]
    return all(w in ("the", "a", "an", _SEPARATOR, _POSSESSIVE_WORD) for w in rest)


def _in_office(p: Person, day: dt.date | None) -> bool:
    if day is None:
        return any(r.end is None for r in p.roles)
    return any(r.held_on(day) for r in p.roles)


def _office_phrase(person: Person, day: dt.date | None) -> str:
    """"President of BLR on 2024-08-15", "former official of KAZ on ..." ."""
    when = f"on {day}" if day is not None else "(current or latest office)"
    role = person.role_on(day)
    if role is not None:
        whose = role.org if role.country == "IGO" and role.org else role.country
        return f"{role.title or role.office.replace('_', ' ')} of {whose} {when}"
    if day is not None and person.was_official_before(day):
        return f"former official (ELI) of {person.country} {when}"
    return f"no office known {when}, coded by nationality {person.country}"
