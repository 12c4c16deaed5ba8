"""Importing PETRARCH ``.actors.txt`` dictionaries as knowledge-base people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from whowhom.kb.loader import load_kb
from whowhom.kb.petrarch import (
    PetrarchFormatError,
    convert_actors_file,
    import_actors,
    parse_actors,
)

SAMPLE = Path(__file__).parent / "data" / "sample.actors.txt"


def test_entries_become_people_with_aliases_and_dated_roles() -> None:
    people = {p["id"]: p for p in import_actors(SAMPLE)}
    vetrova = people["ruslana-vetrova"]
    assert vetrova["name"] == "Ruslana Vetrova"
    assert vetrova["aliases"] == ["R. Vetrova", "Ruslana Vetrova Nikolaevna"]
    assert vetrova["roles"][0] == {"office": "other", "title": "", "country": "RUS",
                                   "org": None, "sector": "GOV", "start": "2010-03-01",
                                   "end": "2018-05-07"}
    assert vetrova["roles"][1]["sector"] == "ELI"
    assert vetrova["roles"][1]["end"] is None


def test_two_and_four_digit_years_and_default_codes() -> None:
    people = {p["id"]: p for p in import_actors(SAMPLE)}
    orman = people["orman-tasbolatov"]
    assert orman["country"] == "KAZ"
    assert [(r["start"], r["end"]) for r in orman["roles"]] == [
        ("1999-01-15", "2004-02-20"), ("2004-02-21", "2012-09-30")]
    assert people["bogdan-zhyvitski"]["roles"][0]["sector"] == "OPP"
    igo = people["marta-kellehorn"]["roles"][0]
    assert (igo["country"], igo["org"], igo["sector"]) == ("IGO", "UNO", "GOV")


def test_state_entries_and_comments_are_skipped() -> None:
    names = {p["name"] for p in import_actors(SAMPLE)}
    assert "Arshaka" not in names
    assert len(names) == 4


def test_before_restriction() -> None:
    [p] = parse_actors("TEST_PERSON_\n\t[RUSGOV <000507]\n")
    assert (p["roles"][0]["start"], p["roles"][0]["end"]) == (None, "2000-05-07")


def test_bad_date_names_the_line() -> None:
    with pytest.raises(PetrarchFormatError, match=r"<text>:2: not a date"):
        parse_actors("TEST_PERSON_\n\t[RUSGOV 0005-080507]\n")


def test_converted_file_loads_as_knowledge_base(tmp_path: Path) -> None:
    out = tmp_path / "people.yaml"
    assert convert_actors_file(SAMPLE, out) == 4
    kb = load_kb([out])
    vetrova = kb.people["ruslana-vetrova"]
    assert vetrova.code_on(dt.date(2015, 1, 1))[:2] == ("RUS", "GOV")
    assert vetrova.code_on(dt.date(2020, 1, 1))[:2] == ("RUS", "ELI")
