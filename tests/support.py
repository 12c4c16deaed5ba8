"""Paths and small helpers shared by tests (a plain module: every folder may have its
own conftest.py, so none is imported by name)."""

from __future__ import annotations

from pathlib import Path

from whowhom.model import Event

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def dyads(events: list[Event]) -> set[tuple[str, str, str]]:
    """(event, source code, target code) of each event, for compact assertions."""
    return {(e.event, e.source.code, e.target.code if e.target else "-") for e in events}
