"""Reading knowledge-base files and matching their names in text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from whowhom.kb.index import build_index
from whowhom.kb.loader import KBFormatError, load_kb
from whowhom.kb.normalize import name_words, norm_token

USER_KB = """
countries:
  - {id: NOR, name: Norway, demonyms: [Norwegian], capitals: [Oslo]}
people:
  - id: test-person
    name: Ingrid Testesen
    aliases: [Testesen]
    country: NOR
    roles:
      - {office: foreign_minister, title: Foreign Minister, country: NOR, sector: GOV,
         start: 2020-01-01, end: 2022-12-31}
sectors:
  - {code: GOV, terms: [storting delegation]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_names_fold_case_diacritics_and_other_scripts() -> None:
    assert norm_token("Łukašenka") == "lukasenka"
    assert norm_token("Lukashenk\u0430") == "lukashenka"  # Cyrillic a
    assert name_words("the Kassym-Jomart Tokayev") == ("kassym", "jomart", "tokayev")


def test_user_file_adds_entries_and_bare_no_stays_a_word(tmp_path: Path) -> None:
    kb = load_kb([write(tmp_path, USER_KB.replace("id: NOR", "id: NO"))])
    assert "NO" in kb.countries  # YAML 1.1 would have read NO as false


def test_roles_depend_on_the_date(tmp_path: Path) -> None:
    kb = load_kb([write(tmp_path, USER_KB)])
    person = kb.people["test-person"]
    assert person.role_on(dt.date(2021, 6, 1)) is not None
    assert person.role_on(dt.date(2023, 6, 1)) is None
    assert person.was_official_before(dt.date(2023, 6, 1))


def test_index_matches_longest_name_and_respects_case(tmp_path: Path) -> None:
    kb = load_kb([write(tmp_path, USER_KB)])
    index = build_index(kb)
    words = ["the", "norwegian", "storting", "delegation", "met", "testesen"]
    surfaces = ["the", "Norwegian", "Storting", "delegation", "met", "Testesen"]
    kinds = [(m.hit.kind, m.hit.id) for m in index.scan(words, surfaces)]
    assert ("demonym", "NOR") in kinds
    assert ("sector", "GOV") in kinds
    assert ("person", "test-person") in kinds
    lower = index.scan(["testesen"], ["testesen"])
    assert all(m.hit.kind != "person" for m in lower)


def test_missing_field_names_the_file_and_entry(tmp_path: Path) -> None:
    path = write(tmp_path, "countries:\n  - {name: Nowhere}\n")
    with pytest.raises(KBFormatError, match=r"user.yaml: countries\[0\]: missing required"):
        load_kb([path])


def test_bad_role_date_is_reported(tmp_path: Path) -> None:
    bad = USER_KB.replace("start: 2020-01-01", "start: someday")
    with pytest.raises(KBFormatError, match="not a date"):
        load_kb([write(tmp_path, bad)])


def test_parsed_base_is_cached_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHOWHOM_CACHE", str(tmp_path / "cache"))
    user = write(tmp_path, USER_KB)
    first = load_kb([user])
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1
    assert load_kb([user]) == first
    user.write_text(USER_KB.replace("Ingrid", "Ingrida"), encoding="utf-8")
    assert load_kb([user]).people["test-person"].name == "Ingrida Testesen"
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 2
