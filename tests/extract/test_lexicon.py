"""The event-pattern files: loading, validation and user additions."""

from __future__ import annotations

from pathlib import Path

import pytest

from whowhom import code_text
from whowhom.coder import Coder
from whowhom.extract.lexicon import LexiconError, load_lexicon, read_patterns


def test_shipped_patterns_cover_every_plover_type() -> None:
    lexicon = load_lexicon()
    types = {p.event for pats in lexicon.patterns.values() for p in pats}
    assert len(types) == 16


def test_preposition_on_is_read_as_a_word() -> None:
    lexicon = load_lexicon()
    assert any(p.prep == "on" for p in lexicon.candidates("call", "verb"))


def test_unknown_event_type_is_rejected_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("patterns:\n  - {verbs: [snub], event: SNUB}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"mine.yaml: patterns\[0\]: unknown PLOVER event"):
        read_patterns(path)


def test_user_pattern_file_adds_a_trigger(tmp_path: Path) -> None:
    text = "Estonia snubbed Russia."
    base = Coder.load()
    assert code_text(text, published="2024-01-10", coder=base) == []
    (tmp_path / "mine.yaml").write_text(
        "patterns:\n  - {verbs: [snub], event: ACCUSE, mode: DISAPPROVE, cameo: '111'}\n",
        encoding="utf-8")
    extended = Coder.load(pattern_dirs=[tmp_path])
    events = code_text(text, published="2024-01-10", coder=extended)
    assert [(e.event, e.source.country, e.target.country) for e in events if e.target] == [
        ("ACCUSE", "EST", "RUS")]
    assert extended.version != base.version
