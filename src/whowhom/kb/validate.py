"""Check knowledge-base files: readable, in the documented format, and consistent.

Errors make a base wrong (a role ending before it starts, a country code or organisation
id or sector code nobody defines, the same id twice); warnings point at what is often but
not always a mistake (two people holding one office at once, an alias shared by two
entries, a user file replacing a shipped entry).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from whowhom.kb.loader import DATA_DIR, KBFormatError, read_kb_file
from whowhom.kb.model import Country, Organisation, Person
from whowhom.kb.normalize import norm_name

# offices one person holds at a time; others (minister, ambassador, ...) have many holders
SINGLE_HOLDER_OFFICES = frozenset({"head_of_state", "head_of_government", "foreign_minister",
                                   "defence_minister"})
OVERLAP_TOLERANCE = dt.timedelta(days=31)  # hand-overs are often dated a few weeks apart


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str  # id of the entry ("" for the whole file)
    message: str
    severity: str  # error | warning

    def __str__(self) -> str:
        where = f"{self.file}: {self.entry}" if self.entry else self.file
        return f"{self.severity}: {where}: {self.message}"


@dataclass
class _Entries:
    """The parsed entries of a set of files, each with the file it came from."""

    countries: list[tuple[Path, Country]]
    organisations: list[tuple[Path, Organisation]]
    people: list[tuple[Path, Person]]
    sectors: set[str]


def _files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


@lru_cache(maxsize=64)
def _read_file(path: Path, mtime_ns: int) -> dict[str, list[Any]]:
    """One file's records, cached while the file is unchanged (the shipped files are read
    as a reference on every call)."""
    return read_kb_file(path)


def _read(files: Sequence[Path], problems: list[Problem] | None) -> _Entries:
    entries = _Entries([], [], [], set())
    for path in files:
        try:
            parsed = _read_file(path, path.stat().st_mtime_ns)
        except KBFormatError as exc:
            if problems is not None:
                message = str(exc).removeprefix(f"{path}: ")
                problems.append(Problem(str(path), "", message, "error"))
            continue
        entries.countries.extend((path, c) for c in parsed["countries"])
        entries.organisations.extend((path, o) for o in parsed["organisations"])
        entries.people.extend((path, p) for p in parsed["people"])
        entries.sectors.update(code for code, _, _ in parsed["sectors"])
    return entries


def validate(paths: Sequence[Path | str], *, shipped_dir: Path = DATA_DIR) -> list[Problem]:
    """Problems of the knowledge-base files and folders ``paths``. Codes and ids they use
    may be defined in the shipped files too; an entry of another file that reuses a
    shipped id replaces it (a warning, since that is how users override entries)."""
    shipped = {p.resolve() for p in _files([shipped_dir])}
    files = _files(map(Path, paths))
    problems: list[Problem] = []
    for f in files:
        if not f.exists():
            problems.append(Problem(str(f), "", "no such file or folder", "error"))
    files = [f for f in files if f.exists()]
    checked = _read(files, problems)
    reference = _read([p for p in sorted(shipped) if p not in {f.resolve() for f in files}],
                      None)
    _check_ids(checked, reference, shipped, problems)
    _check_references(checked, reference, problems)
    _check_roles(checked, problems)
    _check_aliases(checked, problems)
    return problems


def _check_ids(e: _Entries, ref: _Entries, shipped: set[Path],
               problems: list[Problem]) -> None:
    for kind, records, ref_records in (
            ("country", e.countries, ref.countries),
            ("organisation", e.organisations, ref.organisations),
            ("person", e.people, ref.people)):
        first: dict[str, Path] = {rec.id: path for path, rec in ref_records}
        for path, rec in records:
            if rec.id not in first:
                first[rec.id] = path
                continue
            earlier = first[rec.id]
            if earlier.resolve() in shipped and path.resolve() not in shipped:
                problems.append(Problem(str(path), rec.id,
                                        f"replaces shipped entry ({kind} in {earlier.name})",
                                        "warning"))
            else:
                where = "in the same file" if earlier == path else f"also in {earlier}"
                problems.append(Problem(str(path), rec.id, f"duplicate {kind} id ({where})",
                                        "error"))


def _check_references(e: _Entries, ref: _Entries, problems: list[Problem]) -> None:
    countries = {c.id for _, c in (*e.countries, *ref.countries)} | {"IGO"}
    orgs = {o.id for _, o in (*e.organisations, *ref.organisations)}
    sectors = e.sectors | ref.sectors

    def check(path: Path, entry: str, what: str, value: str, known: set[str],
              kind: str) -> None:
        if value and value not in known:
            problems.append(Problem(str(path), entry, f"unknown {kind} {value!r} in {what}",
                                    "error"))

    for path, o in e.organisations:
        for m in o.members:
            check(path, o.id, "members", m, countries, "country code")
        check(path, o.id, "parent", o.parent or "", orgs, "organisation id")
        check(path, o.id, "sector", o.sector, sectors, "sector code")
    for path, p in e.people:
        check(path, p.id, "country", p.country, countries, "country code")
        for i, r in enumerate(p.roles, 1):
            check(path, p.id, f"role {i}", r.country, countries, "country code")
            check(path, p.id, f"role {i}", r.org or "", orgs, "organisation id")
            check(path, p.id, f"role {i}", r.sector, sectors, "sector code")


def _check_roles(e: _Entries, problems: list[Problem]) -> None:
    terms: dict[tuple[str, str, str], list[tuple[Path, Person, dt.date, dt.date]]] = \
        defaultdict(list)
    for path, p in e.people:
        for i, r in enumerate(p.roles, 1):
            if r.start and r.end and r.end < r.start:
                problems.append(Problem(str(path), p.id,
                                        f"role {i} ({r.office}) ends {r.end} before it "
                                        f"starts {r.start}", "error"))
                continue
            if r.office in SINGLE_HOLDER_OFFICES:
                terms[(r.office, r.country, r.org or "")].append(
                    (path, p, r.start or dt.date.min, r.end or dt.date.max))
    for (office, country, org), held in terms.items():
        held.sort(key=lambda t: t[2])
        for i, (path, p, start, end) in enumerate(held):
            for _, q, q_start, q_end in held[i + 1:]:
                if q_start > end:
                    break
                overlap = min(end, q_end) - max(start, q_start)
                if q.id != p.id and overlap > OVERLAP_TOLERANCE:
                    whose = f"{country} {org}".strip()
                    span = (f"since {max(start, q_start)}, both still in office"
                            if min(end, q_end) == dt.date.max else
                            f"for {overlap.days} days from {max(start, q_start)}")
                    problems.append(Problem(
                        str(path), p.id,
                        f"{office} of {whose} overlaps with {q.id} {span} (fine for a joint "
                        "office)", "warning"))


def _check_aliases(e: _Entries, problems: list[Problem]) -> None:
    def names(rec: Any) -> Iterable[str]:
        if isinstance(rec, Country):
            return (rec.name, *rec.aliases, *rec.former, *rec.demonyms, *rec.capitals,
                    *rec.seats)
        if isinstance(rec, Organisation):
            return (rec.name, rec.id, *rec.aliases)
        return (rec.name, *rec.aliases)

    for kind, records in (("countries", e.countries), ("organisations", e.organisations),
                          ("people", e.people)):
        owners: dict[str, dict[str, tuple[Path, str]]] = defaultdict(dict)
        for path, rec in records:
            for alias in names(rec):
                key = norm_name(alias)
                if key:
                    owners[key].setdefault(rec.id, (path, alias))
        for by_id in owners.values():
            if len(by_id) > 1:
                (first, (path, alias)), *others = by_id.items()
                problems.append(Problem(str(path), first,
                                        f"name {alias!r} is shared with {kind} entry "
                                        f"{', '.join(o for o, _ in others)}", "warning"))
