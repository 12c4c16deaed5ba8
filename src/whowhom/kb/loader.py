"""Read the knowledge-base YAML files (format: ``data/FORMAT.md``)."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from whowhom.kb.model import (
    Country,
    KnowledgeBase,
    Organisation,
    Person,
    Role,
    SectorTerm,
    parse_partial_date,
)
from whowhom.yamlfile import load_yaml

DATA_DIR = Path(__file__).parent / "data"
KINDS = ("countries", "organisations", "people", "sectors")
CACHE_FORMAT = 3  # bump when the records of kb/model.py change shape


class KBFormatError(ValueError):
    """A knowledge-base file that does not follow the documented format."""


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v is not None and str(v).strip())


def _require(entry: dict, key: str, where: str) -> Any:
    if key not in entry or entry[key] in (None, ""):
        raise KBFormatError(f"{where}: missing required field {key!r}")
    return entry[key]


def _country(e: dict, where: str) -> Country:
    return Country(
        id=str(_require(e, "id", where)).upper(),
        name=str(_require(e, "name", where)),
        aliases=_strings(e.get("aliases")),
        former=_strings(e.get("former")),
        demonyms=_strings(e.get("demonyms")),
        capitals=_strings(e.get("capitals")),
        seats=_strings(e.get("seats")),
    )


def _organisation(e: dict, where: str) -> Organisation:
    return Organisation(
        id=str(_require(e, "id", where)).upper(),
        name=str(_require(e, "name", where)),
        aliases=_strings(e.get("aliases")),
        kind=str(e.get("kind") or ""),
        parent=(str(e["parent"]).upper() if e.get("parent") else None),
        sector=str(e.get("sector") or ""),
        members=tuple(m.upper() for m in _strings(e.get("members"))),
        offices=_strings(e.get("offices")),
        country=str(e.get("country") or "").upper(),
    )


def _role(r: dict, where: str) -> Role:
    try:
        start = parse_partial_date(r.get("start"))
        end = parse_partial_date(r.get("end"), end=True)
    except ValueError as exc:
        raise KBFormatError(f"{where}: {exc}") from exc
    return Role(
        office=str(_require(r, "office", where)),
        title=str(r.get("title") or ""),
        country=str(_require(r, "country", where)).upper(),
        sector=str(r.get("sector") or ""),
        start=start,
        end=end,
        org=(str(r["org"]).upper() if r.get("org") else None),
    )


def _person(e: dict, where: str) -> Person:
    pid = str(_require(e, "id", where))
    roles = tuple(_role(r, f"{where} ({pid}), role {i + 1}") for i, r in
                  enumerate(e.get("roles") or []))
    return Person(
        id=pid,
        name=str(_require(e, "name", where)),
        country=str(e.get("country") or (roles[0].country if roles else "")).upper(),
        aliases=_strings(e.get("aliases")),
        roles=roles,
    )


def read_kb_file(path: Path) -> dict[str, list[Any]]:
    """One file's entries by kind, parsed into records; raises ``KBFormatError``."""
    try:
        raw = load_yaml(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KBFormatError(f"{path}: cannot read YAML ({exc})") from exc
    if not isinstance(raw, dict) or not any(k in raw for k in KINDS):
        raise KBFormatError(f"{path}: expected a mapping with one of the keys {', '.join(KINDS)}")
    out: dict[str, list[Any]] = {k: [] for k in KINDS}
    out["source"] = [str(raw["source"])] if raw.get("source") else []
    builders = {"countries": _country, "organisations": _organisation, "people": _person}
    for kind in KINDS:
        entries = raw.get(kind) or []
        if not isinstance(entries, list):
            raise KBFormatError(f"{path}: {kind!r} must be a list")
        for i, entry in enumerate(entries):
            where = f"{path}: {kind}[{i}]"
            if not isinstance(entry, dict):
                raise KBFormatError(f"{where}: expected a mapping")
            if kind == "sectors":
                code = str(_require(entry, "code", where)).upper()
                out[kind].append((code, str(entry.get("label") or code),
                                  [SectorTerm(t, code) for t in _strings(entry.get("terms"))]))
            else:
                out[kind].append(builders[kind](entry, where))
    return out


def _yaml_files(dirs: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        if d.is_file():
            files.append(d)
        elif d.is_dir():
            files.extend(sorted(p for p in d.rglob("*.y*ml") if p.suffix in (".yaml", ".yml")))
        else:
            raise KBFormatError(f"{d}: no such knowledge-base file or folder")
    return files


def cache_dir() -> Path:
    """Where parsed knowledge bases are kept (``WHOWHOM_CACHE`` or the user cache folder)."""
    if os.environ.get("WHOWHOM_CACHE"):
        return Path(os.environ["WHOWHOM_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "whowhom"


def load_kb(extra_dirs: Sequence[Path | str] = (), *, data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """The shipped knowledge base plus a user's files; a user entry replaces one with its id.

    Parsing megabytes of YAML takes seconds, so the parsed base is cached on disk under
    the hash of the files' contents: any edit to a file is a new key.
    """
    files = _yaml_files([data_dir, *map(Path, extra_dirs)])
    digest = hashlib.sha256(f"{CACHE_FORMAT}".encode())
    for path in files:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    cached = cache_dir() / f"kb-{digest.hexdigest()[:24]}.pickle"
    try:
        with cached.open("rb") as fh:
            kb = pickle.load(fh)
        if isinstance(kb, KnowledgeBase):
            return kb
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    kb = _parse_kb(files)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cached)
    except OSError:
        pass  # a read-only home folder only costs the next run the parsing time
    return kb


def _parse_kb(files: list[Path]) -> KnowledgeBase:
    kb = KnowledgeBase()
    for path in files:
        parsed = read_kb_file(path)
        kb.sources.extend(parsed["source"])
        for c in parsed["countries"]:
            kb.countries[c.id] = c
        for o in parsed["organisations"]:
            kb.organisations[o.id] = o
        for p in parsed["people"]:
            kb.people[p.id] = p
        for code, label, terms in parsed["sectors"]:
            kb.sector_labels[code] = label
            kb.sector_terms.extend(terms)
    return kb


@cache
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load_kb()
