"""Shared fixtures: the coder (loaded once), the seed articles and dev sets from ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from whowhom.coder import Coder, default_coder
from whowhom.model import Event

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repository; tests that need it fail loudly without it."""
    if not (SHARED / "data" / "seeds").is_dir():
        pytest.fail(f"../shared is missing: expected the seed articles in {SHARED}/data/seeds")
    return SHARED


@pytest.fixture(scope="session")
def coder() -> Coder:
    return default_coder()


def dyads(events: list[Event]) -> set[tuple[str, str, str]]:
    """(event, source code, target code) of each event, for compact assertions."""
    return {(e.event, e.source.code, e.target.code if e.target else "-") for e in events}
