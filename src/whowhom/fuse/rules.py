"""When two mentions can be the same real event: types, actors and dates.

- **Types**: the same PLOVER type, or a pair that coding-conventions.md accepts as two
  readings of one act (summons: ACCUSE/CONSULT; signing: SUPPORT/AGREE; a violent
  protest: PROTEST/ASSAULT; easing: CONCEDE/RETREAT). Each such pair is a *family*.
- **Actors**: the same knowledge-base entity, or the same country, sector and
  organisation; an actor without a country fuses only through its kb id. No target
  matches only no target.
- **Dates**: each mention has a window of days it may have happened on; mentions fuse
  only when all their windows share a day. A day date d gives [d-1, d+1] (time zones,
  "overnight"), so two day dates fuse when at most two days apart; a mention dated by its
  publication p gives [p-3, p] (it happened on or just before); a month gives the month.
  Year-dated mentions are background and never fuse. Undated mentions (no date and no
  publication date) have no window: see ``fusion``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

COMPATIBLE_TYPES: tuple[tuple[str, str], ...] = (
    ("ACCUSE", "CONSULT"),
    ("SUPPORT", "AGREE"),
    ("PROTEST", "ASSAULT"),
    ("CONCEDE", "RETREAT"),
)
FAMILY = {t: "/".join(pair) for pair in COMPATIBLE_TYPES for t in pair}

DAY_SLACK = dt.timedelta(days=1)
PUBLICATION_LAG = dt.timedelta(days=3)

# Which mention's date a fused event reports: the most precise, then the earliest report.
PRECISION_RANK = {"day": 0, "publication": 1, "month": 2, "year": 3, "none": 4}


@dataclass(frozen=True)
class Side:
    country: str
    sector: str
    igo: str
    kb_id: str | None

    @property
    def block_key(self) -> str:
        return f"IGO:{self.igo}" if self.country == "IGO" else self.country

    def same_as(self, other: Side) -> bool:
        if self.kb_id and self.kb_id == other.kb_id:
            return True
        return bool(self.country) and (self.country, self.sector, self.igo) == (
            other.country, other.sector, other.igo)


@dataclass(frozen=True)
class Mention:
    """What fusion needs of one default-output event."""

    event_id: str
    doc_id: str
    event: str
    source: Side
    target: Side | None
    window: tuple[dt.date, dt.date] | None  # None: undated, or year (see ``kind``)
    kind: str  # "dated", "undated" or "year"

    @property
    def block(self) -> str:
        target = self.target.block_key if self.target is not None else "-"
        return f"{FAMILY.get(self.event, self.event)}|{self.source.block_key}|{target}"

    @property
    def order(self) -> tuple[dt.date, dt.date, str]:
        """Sweep order: window start, window end, then event id (never arrival order)."""
        assert self.window is not None
        return (*self.window, self.event_id)

    def same_actors(self, other: Mention) -> bool:
        if not self.source.same_as(other.source):
            return False
        if self.target is None or other.target is None:
            return self.target is None and other.target is None
        return self.target.same_as(other.target)


def date_window(date: str, precision: str) -> tuple[dt.date, dt.date] | None:
    """The days an event may have happened on, from its date and precision."""
    try:
        if precision == "day":
            day = dt.date.fromisoformat(date[:10])
            return day - DAY_SLACK, day + DAY_SLACK
        if precision == "publication":
            day = dt.date.fromisoformat(date[:10])
            return day - PUBLICATION_LAG, day
        if precision == "month":
            first = dt.date.fromisoformat(date[:7] + "-01")
            following = (first + dt.timedelta(days=32)).replace(day=1)
            return first, following - dt.timedelta(days=1)
    except ValueError:
        return None
    return None


def mention_kind(precision: str, window: tuple[dt.date, dt.date] | None) -> str:
    if window is not None:
        return "dated"
    return "year" if precision == "year" else "undated"
