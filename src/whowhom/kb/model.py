"""Records of the knowledge base, as read from its YAML files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def parse_partial_date(value: object, *, end: bool = False) -> dt.date | None:
    """``2024``, ``2024-08`` or ``2024-08-15`` as a date; ``end`` takes the last day."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    parts = text.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        month = int(parts[1])
        if len(parts) == 2:
            if not end:
                return dt.date(year, month, 1)
            next_month = dt.date(year + month // 12, month % 12 + 1, 1)
            return next_month - dt.timedelta(days=1)
        return dt.date(year, month, int(parts[2]))
    except (ValueError, IndexError) as exc:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}") from exc


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    parent: str | None = None
    sector: str = ""
    members: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()
    country: str = ""  # a national non-state group (armed group, party): its state


@dataclass(frozen=True)
class Role:
    office: str
    title: str
    country: str
    sector: str
    start: dt.date | None
    end: dt.date | None
    org: str | None = None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    country: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role held on ``day``; with no day, the current (open-ended) or latest role."""
        if day is None:
            current = [r for r in self.roles if r.end is None]
            pool = current or list(self.roles)
            return max(pool, key=lambda r: r.start or dt.date.min, default=None)
        held = [r for r in self.roles if r.held_on(day)]
        # prefer the most senior office when several are held at once
        return min(held, key=lambda r: _SENIORITY.get(r.office, 99), default=None)

    def was_official_before(self, day: dt.date) -> bool:
        return any(r.end is not None and r.end < day for r in self.roles)

    def code_on(self, day: dt.date | None) -> tuple[str, str, str, str]:
        """(country, sector, igo, why) on ``day``: the office held then, or a former
        official (ELI) of their country."""
        role = self.role_on(day)
        if role is not None:
            igo = (role.org or "") if role.country == "IGO" else ""
            why = f"{role.title or role.office} on {day or 'today'}"
            return role.country, role.sector, igo, why
        if day is not None and self.was_official_before(day):
            return self.country, "ELI", "", f"former official on {day}"
        return self.country, "", "", "no office known on that date"


_SENIORITY = {
    "head_of_state": 0,
    "head_of_government": 1,
    "foreign_minister": 2,
    "defence_minister": 3,
    "minister": 4,
}


@dataclass(frozen=True)
class SectorTerm:
    term: str
    sector: str


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sector_terms: list[SectorTerm] = field(default_factory=list)
    sector_labels: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
