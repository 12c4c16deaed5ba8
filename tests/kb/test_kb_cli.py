"""The ``whowhom kb`` commands, run with click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from whowhom.commands.kb import kb

SAMPLE = Path(__file__).parent / "data" / "sample.actors.txt"


def test_lookup_prints_a_table_with_why() -> None:
    result = CliRunner().invoke(kb, ["lookup", "Lukashenka", "--date", "2024-08-15"])
    assert result.exit_code == 0, result.output
    assert "alexander-lukashenko" in result.output and "BLRGOV" in result.output
    assert "President of BLR on 2024-08-15" in result.output


def test_lookup_json_has_every_field() -> None:
    result = CliRunner().invoke(kb, ["lookup", "Kazakh Foreign Ministry", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert {k: found[k] for k in ("country", "sector", "code")} == {
        "country": "KAZ", "sector": "GOV", "code": "KAZGOV"}
    assert {"name", "kb_id", "score", "why"} <= found.keys()


def test_lookup_without_match_exits_1() -> None:
    result = CliRunner().invoke(kb, ["lookup", "Zhanbolat Qwertyuiop", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output) == {"match": None}
    plain = CliRunner().invoke(kb, ["lookup", "Zhanbolat Qwertyuiop"])
    assert plain.exit_code == 1 and "no match" in plain.output


def test_lookup_rejects_a_bad_date() -> None:
    result = CliRunner().invoke(kb, ["lookup", "Putin", "--date", "yesterday"])
    assert result.exit_code == 2 and "--date" in result.output


def test_lookup_uses_extra_kb_files(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "people:\n  - {id: test-zz, name: Zorana Testovska, country: MKD}\n",
        encoding="utf-8")
    result = CliRunner().invoke(kb, ["lookup", "Zorana Testovska", "--kb", str(tmp_path),
                                     "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["kb_id"] == "test-zz"


def test_validate_reports_errors_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - {id: t, name: T Person, country: XYZ}\n", encoding="utf-8")
    result = CliRunner().invoke(kb, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "unknown country code 'XYZ'" in result.output and "1 error(s)" in result.output


def test_validate_passes_a_clean_file(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("people:\n  - {id: t, name: T Person, country: KAZ}\n", encoding="utf-8")
    result = CliRunner().invoke(kb, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_import_petrarch_writes_a_loadable_file(tmp_path: Path) -> None:
    out = tmp_path / "people.yaml"
    result = CliRunner().invoke(kb, ["import-petrarch", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 4 people" in result.output
    check = CliRunner().invoke(kb, ["validate", str(out)])
    # PETRARCH's organisation code UNO is not one of ours: validation says so
    assert "unknown organisation id 'UNO'" in check.output and "1 error(s)" in check.output


def test_every_kb_command_has_an_example() -> None:
    assert "Example:" in (kb.help or "")
    for name, command in kb.commands.items():
        assert command.help and "Example:" in command.help, name
