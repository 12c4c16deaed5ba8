"""Grouping one block's mentions into fused events; pure functions, no store.

Dated mentions are swept in a fixed order (window start, window end, event id). Each
joins an open fused event when its window meets the window every member shares, its
actors match the fused event's first mention (the anchor), and no member comes from the
same document (the coder already keeps one event per act per document); it prefers a
fused event of its own type, then the earliest anchor; otherwise it starts one. Because
the order never depends on arrival, the sweep resumed at any date from the fused events
open at that date gives the same result as a sweep from the start: that is what makes
incremental fusion equal full fusion.

Undated mentions (undated documents) join the latest-windowed dated fused event of their
block that accepts them (a report without a date is taken to report the most recent
matching event); the rest group among themselves by the same actor and document rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from whowhom.fuse.rules import Mention


@dataclass
class Cluster:
    """One fused event in the making; ``anchor`` is its first mention in sweep order."""

    anchor: Mention
    lo: dt.date | None
    hi: dt.date | None
    members: list[Mention] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)

    @property
    def fused_id(self) -> str:
        return f"f{self.anchor.event_id}"

    @classmethod
    def start(cls, m: Mention) -> Cluster:
        lo, hi = m.window if m.window is not None else (None, None)
        return cls(anchor=m, lo=lo, hi=hi, members=[m], docs={m.doc_id})

    @classmethod
    def restore(cls, dated: list[Mention]) -> Cluster:
        """The state a sweep had after the given (dated) members."""
        ordered = sorted(dated, key=lambda m: m.order)
        c = cls.start(ordered[0])
        for m in ordered[1:]:
            c.add(m)
        return c

    def accepts(self, m: Mention) -> bool:
        if m.doc_id in self.docs or not m.same_actors(self.anchor):
            return False
        if m.window is None or self.lo is None or self.hi is None:
            return True
        return max(self.lo, m.window[0]) <= min(self.hi, m.window[1])

    def add(self, m: Mention) -> None:
        self.members.append(m)
        self.docs.add(m.doc_id)
        if m.window is not None and self.lo is not None and self.hi is not None:
            self.lo = max(self.lo, m.window[0])
            self.hi = min(self.hi, m.window[1])


def _preference(c: Cluster, m: Mention) -> tuple[bool, tuple[dt.date, dt.date, str]]:
    return (c.anchor.event != m.event, c.anchor.order)


def sweep(seeds: Iterable[Cluster], mentions: Iterable[Mention]) -> list[Cluster]:
    """Dated ``mentions`` (any order) swept onto the ``seeds`` (fused events open before
    the earliest of them); returns the seeds and the fused events started."""
    out = list(seeds)
    open_ = list(out)
    for m in sorted(mentions, key=lambda m: m.order):
        assert m.window is not None
        start = m.window[0]
        open_ = [c for c in open_ if c.hi is not None and c.hi >= start]
        candidates = [c for c in open_ if c.accepts(m)]
        if candidates:
            min(candidates, key=lambda c: _preference(c, m)).add(m)
        else:
            c = Cluster.start(m)
            out.append(c)
            open_.append(c)
    return out


def place_undated(dated: list[Cluster], undated: Iterable[Mention]) -> list[Cluster]:
    """Attach undated mentions to dated fused events, latest window first, a fused event
    of the mention's own type before one of a compatible type; returns the fused events
    of the undated mentions that none accepted, grouped by the same preference."""
    latest_first = sorted(dated, key=lambda c: (c.hi or dt.date.min, c.anchor.order),
                          reverse=True)
    left = sorted(undated, key=lambda m: m.event_id)
    for same_type in (True, False):
        left = [m for m in left if not _join(latest_first, m, same_type)]
    rest: list[Cluster] = []
    for m in left:
        if not (_join(rest, m, True) or _join(rest, m, False)):
            rest.append(Cluster.start(m))
    return rest


def _join(clusters: list[Cluster], m: Mention, same_type: bool) -> bool:
    for c in clusters:
        if c.accepts(m) and (c.anchor.event == m.event) == same_type:
            c.add(m)
            return True
    return False
