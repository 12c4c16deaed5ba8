"""``validate``: every kind of problem in a knowledge-base file, with its severity."""

from __future__ import annotations

from pathlib import Path

from whowhom.kb.validate import Problem, validate

PERSON = """
people:
  - id: {id}
    name: {name}
    country: {country}
    roles:
      - {{office: {office}, title: Minister, country: {country}, sector: {sector},
         start: {start}, end: {end}{org}}}
"""


def person(pid: str = "test-one", name: str = "Test One", country: str = "KAZ",
           office: str = "foreign_minister", sector: str = "GOV", start: str = "2030-01-01",
           end: str = "2031-01-01", org: str = "") -> str:
    return PERSON.format(id=pid, name=name, country=country, office=office, sector=sector,
                         start=start, end=end, org=f", org: {org}" if org else "")


def check(tmp_path: Path, *texts: str) -> list[Problem]:
    for i, text in enumerate(texts):
        (tmp_path / f"f{i}.yaml").write_text(text, encoding="utf-8")
    return validate([tmp_path])


def messages(problems: list[Problem], severity: str) -> list[str]:
    return [p.message for p in problems if p.severity == severity]


def test_a_clean_file_has_no_problems(tmp_path: Path) -> None:
    assert check(tmp_path, person()) == []


def test_unreadable_or_malformed_yaml_is_an_error(tmp_path: Path) -> None:
    problems = check(tmp_path, "people: [unclosed", "countries:\n  - {name: Nowhere}\n")
    errors = messages(problems, "error")
    assert any("cannot read YAML" in m for m in errors)
    assert any("missing required field 'id'" in m for m in errors)


def test_duplicate_ids_within_and_across_user_files_are_errors(tmp_path: Path) -> None:
    twice = person() + person().replace("people:\n", "")
    problems = check(tmp_path, twice, person())
    errors = messages(problems, "error")
    assert any("duplicate person id (in the same file)" in m for m in errors)
    assert any("duplicate person id (also in" in m for m in errors)


def test_overriding_a_shipped_entry_is_a_warning(tmp_path: Path) -> None:
    problems = check(tmp_path, person(pid="vladimir-putin", name="Vladimir Putin",
                                      country="RUS", office="head_of_state",
                                      start="2012-05-07", end="null"))
    assert messages(problems, "error") == []
    assert any("replaces shipped entry" in m for m in messages(problems, "warning"))


def test_role_ending_before_it_starts_is_an_error(tmp_path: Path) -> None:
    problems = check(tmp_path, person(start="2031-01-01", end="2030-01-01"))
    assert any("ends 2030-01-01 before it starts" in m for m in messages(problems, "error"))


def test_unknown_country_org_and_sector_codes_are_errors(tmp_path: Path) -> None:
    problems = check(tmp_path, person(country="XYZ"), person(
        pid="test-two", name="Test Two", country="IGO", org="NOSUCHORG", sector="ZZZ"))
    errors = messages(problems, "error")
    assert any("unknown country code 'XYZ'" in m for m in errors)
    assert any("unknown organisation id 'NOSUCHORG'" in m for m in errors)
    assert any("unknown sector code 'ZZZ'" in m for m in errors)


def test_unknown_parent_organisation_is_an_error(tmp_path: Path) -> None:
    problems = check(tmp_path, "organisations:\n  - {id: TESTORG, name: Test Org, "
                               "parent: NOPARENT, members: [KAZ]}\n")
    assert any("unknown organisation id 'NOPARENT'" in m for m in messages(problems, "error"))


def test_overlapping_terms_of_one_office_are_a_warning(tmp_path: Path) -> None:
    problems = check(tmp_path, person(start="2030-01-01", end="2032-01-01"),
                     person(pid="test-two", name="Test Two", start="2031-01-01",
                            end="2033-01-01"))
    warnings = messages(problems, "warning")
    assert any("foreign_minister of KAZ overlaps with test-two" in m for m in warnings)
    assert messages(problems, "error") == []


def test_hand_over_within_a_month_is_not_an_overlap(tmp_path: Path) -> None:
    problems = check(tmp_path, person(start="2030-01-01", end="2031-01-20"),
                     person(pid="test-two", name="Test Two", start="2031-01-01",
                            end="2033-01-01"))
    assert problems == []


def test_alias_shared_by_two_entities_names_both(tmp_path: Path) -> None:
    problems = check(tmp_path, person().replace("name: Test One",
                                                "name: Test One\n    aliases: [Testov]"),
                     person(pid="test-two", name="Test Two").replace(
                         "name: Test Two", "name: Test Two\n    aliases: [Testov]"))
    warnings = [p for p in problems if p.severity == "warning"]
    assert any(p.entry == "test-one" and "test-two" in p.message and "'Testov'" in p.message
               for p in warnings)
