"""Behaviour of the shipped PLOVER/CAMEO tables and of their loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from whowhom.ontology import Ontology, default_ontology
from whowhom.ontology.tables import CAMEO_FILE, DATA_DIR, PLOVER_FILE

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return default_ontology()


def test_all_sixteen_plover_types_load_with_definitions(onto: Ontology) -> None:
    assert set(onto.event_types()) == PLOVER_TYPES
    for name in onto.event_types():
        ptype = onto.plover(name)
        assert ptype.definition
        assert ptype.quad_class in (1, 2, 3, 4)
        assert all(mode.definition for mode in ptype.modes.values())


def test_every_cameo_root_code_is_present(onto: Ontology) -> None:
    listed = {entry.code for entry in onto.cameo_codes()}
    assert {f"{root:02d}" for root in range(1, 21)} <= listed


def test_goldstein_weights_lie_within_the_scale(onto: Ontology) -> None:
    assert all(-10.0 <= entry.goldstein <= 10.0 for entry in onto.cameo_codes())


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [("010", 0.0), ("020", 3.0), ("036", 4.0), ("040", 1.0), ("042", 1.9), ("057", 8.0),
     ("111", -2.0), ("130", -4.4), ("145", -7.5), ("163", -8.0), ("173", -5.0), ("190", -10.0)],
)  # fmt: skip
def test_goldstein_weights_match_the_standard_table(
    onto: Ontology, code: str, goldstein: float
) -> None:
    entry = onto.cameo(code)
    assert entry is not None
    assert entry.goldstein == goldstein


def test_quad_class_follows_the_root_code(onto: Ontology) -> None:
    def expected(root: int) -> int:
        return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4

    for entry in onto.cameo_codes():
        assert entry.quad_class == expected(int(entry.code[:2])), entry.code


@pytest.mark.parametrize(
    ("code", "event", "mode"),
    [("111", "ACCUSE", "DISAPPROVE"), ("1121", "ACCUSE", "ALLEGE"),
     ("141", "PROTEST", "DEMONSTRATE"), ("145", "PROTEST", "RIOT"),
     ("057", "SUPPORT", ""), ("036", "AGREE", ""),
     ("042", "CONSULT", "VISIT"), ("161", "SANCTION", "WITHDRAW"), ("166", "SANCTION", "EXPEL"),
     ("0871", "RETREAT", "CEASEFIRE"), ("190", "ASSAULT", ""), ("195", "ASSAULT", "AERIAL")],
)  # fmt: skip
def test_crosswalk_maps_cameo_to_plover(onto: Ontology, code: str, event: str, mode: str) -> None:
    assert onto.to_plover(code) == (event, mode)


def test_neutral_statements_have_no_plover_type(onto: Ontology) -> None:
    for entry in onto.cameo_codes():
        if entry.code.startswith("01"):
            assert (entry.plover_event, entry.plover_mode) == ("", "")


def test_code_event_prefers_an_explicit_cameo_code(onto: Ontology) -> None:
    assert onto.code_event("ACCUSE", "DISAPPROVE", cameo="112") == ("112", -2.0, 3)


def test_code_event_uses_the_mode_default(onto: Ontology) -> None:
    assert onto.code_event("SANCTION", "EXPEL") == ("166", -7.0, 4)


def test_code_event_falls_back_from_mode_default_to_type_default(onto: Ontology) -> None:
    assert onto.code_event("SANCTION", "NO-SUCH-MODE") == ("160", -4.0, 4)
    assert onto.code_event("request") == ("100", -5.0, 3)


def test_unknown_specific_code_falls_back_to_its_parent(onto: Ontology) -> None:
    assert onto.cameo("1419").code == "141"
    assert onto.cameo("109").code == "10"
    assert onto.to_plover("1419") == ("PROTEST", "DEMONSTRATE")
    assert onto.code_event("PROTEST", cameo="1459") == ("145", -7.5, 4)


def test_code_without_any_listed_parent_is_unknown(onto: Ontology) -> None:
    assert onto.cameo("99") is None
    assert onto.to_plover("") == ("", "")


def test_unknown_plover_type_is_a_key_error(onto: Ontology) -> None:
    with pytest.raises(KeyError, match="CRIME"):
        onto.plover("CRIME")


def test_default_ontology_is_loaded_once() -> None:
    assert default_ontology() is default_ontology()


def _data_dir(tmp_path: Path, cameo_rows: str) -> Path:
    shutil.copy(DATA_DIR / PLOVER_FILE, tmp_path / PLOVER_FILE)
    header = "code,name,goldstein,quad_class,plover_event,plover_mode\n"
    (tmp_path / CAMEO_FILE).write_text("# a comment\n" + header + cameo_rows, encoding="utf-8")
    return tmp_path


def test_broken_cameo_table_is_rejected_naming_the_file_and_row(tmp_path: Path) -> None:
    shipped = (DATA_DIR / CAMEO_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    body = "".join(line for line in shipped if not line.startswith(("#", "code,")))
    data_dir = _data_dir(tmp_path, body + "1419,Demonstrate twice,-6.5,4,PROTESTING,\n")
    with pytest.raises(ValueError, match=r"cameo\.csv: row \d+ \(code '1419'\).*PROTESTING"):
        Ontology.load(data_dir)


def test_mode_unknown_to_its_type_is_rejected(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path, "111,Criticise,-2.0,3,ACCUSE,RIOT\n")
    with pytest.raises(ValueError, match=r"cameo\.csv: row 3 .*'RIOT' is not a mode of ACCUSE"):
        Ontology.load(data_dir)


def test_default_cameo_missing_from_the_table_is_rejected(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path, "111,Criticise,-2.0,3,ACCUSE,DISAPPROVE\n")
    with pytest.raises(ValueError, match=r"plover\.yaml: event type .*default_cameo '\d+'"):
        Ontology.load(data_dir)
