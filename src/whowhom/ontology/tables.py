"""PLOVER and CAMEO tables: load them from data files, check them, look codes up.

The knowledge lives in ``data/cameo.csv`` (CAMEO codes with Goldstein weight, QuadClass
and the CAMEO->PLOVER crosswalk) and ``data/plover.yaml`` (the 16 PLOVER types, their
modes and default CAMEO codes). A user changes the coding by editing those files; the
loader refuses inconsistent tables with a message naming the file and the entry.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
CAMEO_FILE = "cameo.csv"
PLOVER_FILE = "plover.yaml"
CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_event", "plover_mode")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code and what it is worth in the other schemes."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_event: str  # "" for codes PLOVER does not code (CAMEO 01x)
    plover_mode: str


@dataclass(frozen=True)
class PloverMode:
    name: str
    definition: str
    default_cameo: str


@dataclass(frozen=True)
class PloverType:
    name: str
    definition: str
    quad_class: int
    default_cameo: str
    modes: dict[str, PloverMode]


class Ontology:
    """The loaded tables with lookups between PLOVER, CAMEO, Goldstein and QuadClass."""

    def __init__(self, codes: Mapping[str, CameoCode], types: Mapping[str, PloverType]) -> None:
        self._codes = dict(codes)
        self._types = dict(types)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Ontology:
        """Read and validate ``cameo.csv`` and ``plover.yaml`` from ``data_dir``.

        Defaults to the tables shipped with the package. Raises ``ValueError`` naming the
        file and the offending entry when the tables are malformed or disagree.
        """
        directory = Path(data_dir) if data_dir is not None else DATA_DIR
        plover_path = directory / PLOVER_FILE
        cameo_path = directory / CAMEO_FILE
        types = _read_plover(plover_path)
        codes = _read_cameo(cameo_path, types)
        _check_defaults(plover_path, types, codes)
        return cls(codes, types)

    def cameo(self, code: str) -> CameoCode | None:
        """The entry for ``code``, or for its nearest listed parent ("0234" -> "023" -> "02").

        Returns ``None`` when neither the code nor any parent is listed.
        """
        code = code.strip()
        while len(code) >= 2:
            entry = self._codes.get(code)
            if entry is not None:
                return entry
            code = code[:-1]
        return None

    def plover(self, name: str) -> PloverType:
        """The PLOVER type called ``name`` (case-insensitive); ``KeyError`` if unknown."""
        try:
            return self._types[name.strip().upper()]
        except KeyError:
            known = ", ".join(self._types)
            raise KeyError(f"unknown PLOVER event type {name!r}; known types: {known}") from None

    def code_event(self, event: str, mode: str = "", cameo: str = "") -> tuple[str, float, int]:
        """CAMEO code, Goldstein weight and QuadClass for a coded PLOVER event.

        An explicit ``cameo`` code wins (resolved to its nearest listed parent if it is
        more specific than the table); otherwise the mode's default code is used, and
        failing that (no mode, or one the type does not have) the type's default.
        """
        ptype = self.plover(event)
        entry = self.cameo(cameo) if cameo else None
        if entry is None:
            pmode = ptype.modes.get(mode.strip().upper())
            default = pmode.default_cameo if pmode is not None else ptype.default_cameo
            entry = self._codes[default]
        return entry.code, entry.goldstein, entry.quad_class

    def to_plover(self, cameo: str) -> tuple[str, str]:
        """(event, mode) for a CAMEO code via the crosswalk; ("", "") when it has none."""
        entry = self.cameo(cameo)
        if entry is None:
            return "", ""
        return entry.plover_event, entry.plover_mode

    def event_types(self) -> tuple[str, ...]:
        """Names of the PLOVER event types, in the order of ``plover.yaml``."""
        return tuple(self._types)

    def cameo_codes(self) -> tuple[CameoCode, ...]:
        """All CAMEO entries, in the order of ``cameo.csv``."""
        return tuple(self._codes.values())


@cache
def default_ontology() -> Ontology:
    """The tables shipped with whowhom, loaded once per process."""
    return Ontology.load()


def _read_plover(path: Path) -> dict[str, PloverType]:
    try:
        with path.open(encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the PLOVER table ({exc})") from exc
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({exc})") from exc
    entries = document.get("event_types") if isinstance(document, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise ValueError(f"{path}: expected a non-empty mapping under 'event_types'")

    types: dict[str, PloverType] = {}
    for name, spec in entries.items():
        where = f"{path}: event type {name}"
        if not isinstance(spec, dict):
            raise ValueError(f"{where}: expected a mapping")
        if str(name) != str(name).upper():
            raise ValueError(f"{where}: type names must be upper case")
        quad = spec.get("quad_class")
        if quad not in (1, 2, 3, 4):
            raise ValueError(f"{where}: quad_class must be 1, 2, 3 or 4, not {quad!r}")
        modes_spec = spec.get("modes") or {}
        if not isinstance(modes_spec, dict):
            raise ValueError(f"{where}: 'modes' must be a mapping")
        modes: dict[str, PloverMode] = {}
        for mode_name, mode_spec in modes_spec.items():
            mode_where = f"{where}, mode {mode_name}"
            if str(mode_name) != str(mode_name).upper():
                raise ValueError(f"{mode_where}: mode names must be upper case")
            if not isinstance(mode_spec, dict):
                raise ValueError(f"{mode_where}: expected a mapping")
            modes[mode_name] = PloverMode(
                name=mode_name,
                definition=_text(mode_spec, "definition", mode_where),
                default_cameo=_text(mode_spec, "default_cameo", mode_where),
            )
        types[name] = PloverType(
            name=name,
            definition=_text(spec, "definition", where),
            quad_class=quad,
            default_cameo=_text(spec, "default_cameo", where),
            modes=modes,
        )
    return types


def _text(spec: dict[str, Any], key: str, where: str) -> str:
    value = spec.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: '{key}' must be a non-empty string (quote CAMEO codes)")
    return value.strip()


def _read_cameo(path: Path, types: Mapping[str, PloverType]) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(_without_comments(handle))
            rows = (row for row in reader if row)
            header = next(rows, None)
            if header is None or tuple(header) != CAMEO_COLUMNS:
                raise ValueError(
                    f"{path}: header must be {','.join(CAMEO_COLUMNS)}, not {header!r}"
                )
            for row in rows:
                entry = _cameo_row(row, f"{path}: row {reader.line_num}", types)
                if entry.code in codes:
                    raise ValueError(
                        f"{path}: row {reader.line_num}: code {entry.code} is listed twice"
                    )
                codes[entry.code] = entry
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the CAMEO table ({exc})") from exc
    if not codes:
        raise ValueError(f"{path}: no CAMEO codes listed")
    return codes


def _without_comments(lines: Iterator[str]) -> Iterator[str]:
    """Blank out '#' comment lines; blank rather than drop them so line numbers stay true."""
    for line in lines:
        yield "\n" if line.startswith("#") else line


def _cameo_row(row: list[str], where: str, types: Mapping[str, PloverType]) -> CameoCode:
    if len(row) != len(CAMEO_COLUMNS):
        raise ValueError(f"{where}: expected {len(CAMEO_COLUMNS)} columns, found {len(row)}")
    code, name, goldstein_text, quad_text, event, mode = (cell.strip() for cell in row)
    where = f"{where} (code {code!r})"
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise ValueError(f"{where}: a CAMEO code is 2 to 4 digits")
    if not name:
        raise ValueError(f"{where}: name is empty")
    try:
        goldstein = float(goldstein_text)
    except ValueError:
        raise ValueError(f"{where}: goldstein {goldstein_text!r} is not a number") from None
    if not -10.0 <= goldstein <= 10.0:
        raise ValueError(f"{where}: goldstein {goldstein} is outside [-10, 10]")
    if quad_text not in ("1", "2", "3", "4"):
        raise ValueError(f"{where}: quad_class must be 1, 2, 3 or 4, not {quad_text!r}")
    if event and event not in types:
        raise ValueError(f"{where}: plover_event {event!r} is not a type in {PLOVER_FILE}")
    if mode and not event:
        raise ValueError(f"{where}: plover_mode {mode!r} given without a plover_event")
    if mode and mode not in types[event].modes:
        raise ValueError(f"{where}: plover_mode {mode!r} is not a mode of {event} in {PLOVER_FILE}")
    return CameoCode(code, name, goldstein, int(quad_text), event, mode)


def _check_defaults(
    path: Path, types: Mapping[str, PloverType], codes: Mapping[str, CameoCode]
) -> None:
    """Every default CAMEO code must be listed and crosswalk back to its own type."""
    for ptype in types.values():
        owners = [(f"event type {ptype.name}", ptype.default_cameo)]
        owners += [
            (f"event type {ptype.name}, mode {mode.name}", mode.default_cameo)
            for mode in ptype.modes.values()
        ]
        for where, code in owners:
            entry = codes.get(code)
            if entry is None:
                raise ValueError(f"{path}: {where}: default_cameo {code!r} is not in {CAMEO_FILE}")
            if entry.plover_event != ptype.name:
                raise ValueError(
                    f"{path}: {where}: default_cameo {code!r} maps to "
                    f"{entry.plover_event or 'no type'} in {CAMEO_FILE}, not {ptype.name}"
                )
