"""Shared fixtures: the coder (loaded once), and ../shared with the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import SHARED
from whowhom.coder import Coder, default_coder


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repository; tests that need it fail loudly without it."""
    if not (SHARED / "data" / "seeds").is_dir():
        pytest.fail(f"../shared is missing: expected the seed articles in {SHARED}/data/seeds")
    return SHARED


@pytest.fixture(scope="session")
def coder() -> Coder:
    return default_coder()
