"""Turn a raw article into the clean text that every later stage indexes into.

Cleaning is pure and deterministic: the same source always gives the same text, so
event spans and content hashes stay stable between runs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml

from whowhom.model import Document, SourceDocument

BOILERPLATE_FILE = Path(__file__).parent / "data" / "boilerplate.yaml"

# A paragraph at least this long is "real" text; repeats of such lines are dropped.
LONG_LINE = 40

_DELETE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = dict.fromkeys(
    map(
        ord,
        "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
        "\u200a\u202f\u205f\u3000",
    ),
    " ",
)
_LINE_BREAKS = dict.fromkeys(map(ord, "\u2028\u2029\u000b\u000c\u0085"), "\n")
_PLAIN = {
    **dict.fromkeys(map(ord, "\u2019\u2018\u201a\u201b\u2032"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'),
    # Hyphens and the minus sign are hyphens; the long dashes are handled by _DASH.
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2212"), "-"),
    ord("\u2026"): "...",
}
_TRANSLATE = {**_DELETE, **_SPACES, **_LINE_BREAKS, **_PLAIN}

_RANGE_DASH = re.compile(r"(?<=\d)\u2013(?=\d)")  # "2019–2024" is a range, not a break
_DASH = re.compile(r"[ \t]*[\u2013\u2014\u2015]+[ \t]*")
_BLANKS = re.compile(r"[ \t]+")
# A word with at least one Greek or Cyrillic letter: only these can need repair.
_FOREIGN_WORD = re.compile(r"\b[^\W\d_]*[\u0370-\u03ff\u0400-\u052f][^\W\d_]*")

# Cyrillic and Greek letters drawn exactly like a Latin letter in common fonts. Letters
# that only resemble one in one case (Cyrillic к, м, н; Greek ν, α) are left out.
_TWINS = (
    ("АВЕКМНОРСТХЅІЈ", "ABEKMHOPCTXSIJ"),  # Cyrillic capitals
    ("аеорсухіјѕԁԛԝ", "aeopcyxijsdqw"),  # Cyrillic small letters
    ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"),  # Greek capitals
    ("ο", "o"),  # Greek small letter omicron
)
_LATIN_TWIN = {ord(foreign): latin for pair in _TWINS for foreign, latin in zip(*pair, strict=True)}

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")


def clean_document(src: SourceDocument) -> Document:
    """Clean the text and title of ``src``; every other field is carried over as is."""
    return Document(
        doc_id=src.doc_id,
        text=clean_text(src.text),
        title=" ".join(_normalise_characters(src.title).split()),
        published=src.published,
        url=src.url,
        outlet=src.outlet,
        path=src.path,
    )


def clean_text(text: str) -> str:
    """Normalise characters, then drop page furniture, repeated bodies and trailing labels.

    Character level: NFC; zero-width characters and soft hyphens removed; odd spaces made
    plain; curly quotes and guillemets made straight; em/en dashes and the horizontal bar
    become `` - `` (an en dash between digits becomes ``-``); ``…`` becomes ``...``;
    Cyrillic or Greek look-alike letters inside a mostly Latin word become Latin.

    Line level: each line is stripped and inner runs of spaces collapsed; then

    1. lines matching a pattern in ``data/boilerplate.yaml`` are dropped;
    2. a line of 40+ characters that repeats an earlier line is dropped (pages that print
       the body twice), and so is a short line next to such a dropped repeat when it is
       itself a repeat or sits between two of them (a repeated byline);
    3. the tail after the last real paragraph is dropped. A real paragraph is a line of
       40+ characters or one ending in sentence punctuation, so a trailing section label
       or tag ("Situation in Belarus") goes, while a text made only of short lines
       (a bare headline) is kept whole.

    Paragraphs stay on their own lines with at most one blank line between them.
    """
    lines = [_BLANKS.sub(" ", line).strip() for line in _normalise_characters(text).split("\n")]
    lines = [line for line in lines if not _is_boilerplate(line)]
    lines = _drop_repeats(lines)
    lines = _drop_trailing_labels(lines)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _normalise_characters(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _RANGE_DASH.sub("-", text.translate(_TRANSLATE))
    text = _DASH.sub(" - ", text)
    return _FOREIGN_WORD.sub(_repair_mixed_script, text)


def _repair_mixed_script(match: re.Match[str]) -> str:
    """Latinise a word that is mostly Latin but hides Cyrillic/Greek look-alikes.

    Only when every non-Latin letter has a Latin twin, so genuine Cyrillic or Greek words
    (and words mixing in letters with no twin) stay as written.
    """
    word = match.group()
    latin = sum(_is_latin(ch) for ch in word)
    if latin == 0 or latin == len(word) or latin * 2 < len(word):
        return word
    if not all(_is_latin(ch) or ord(ch) in _LATIN_TWIN for ch in word):
        return word
    return word.translate(_LATIN_TWIN)


def _is_latin(ch: str) -> bool:
    return ch.isascii() or ("\u00c0" <= ch <= "\u024f") or ("\u1e00" <= ch <= "\u1eff")


@cache
def _boilerplate_pattern() -> re.Pattern[str]:
    groups = yaml.safe_load(BOILERPLATE_FILE.read_text(encoding="utf-8"))
    alternatives = [f"(?:{regex})" for patterns in groups.values() for regex in patterns]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _is_boilerplate(line: str) -> bool:
    return bool(line) and _boilerplate_pattern().fullmatch(line) is not None


def _drop_repeats(lines: list[str]) -> list[str]:
    seen: set[str] = set()
    repeat: list[bool] = []
    for line in lines:
        repeat.append(bool(line) and line in seen)
        seen.add(line)
    content = [i for i, line in enumerate(lines) if line]
    dropped = {i for i in content if repeat[i] and len(lines[i]) >= LONG_LINE}
    # Short lines inside a repeated block go too. Sweep both ways until nothing changes,
    # as a byline and a dateline may stand side by side.
    changed = True
    while changed:
        changed = False
        for pos in [*range(len(content)), *reversed(range(len(content)))]:
            i = content[pos]
            if i in dropped:
                continue
            before = pos > 0 and content[pos - 1] in dropped
            after = pos + 1 < len(content) and content[pos + 1] in dropped
            if (before and after) or (repeat[i] and (before or after)):
                dropped.add(i)
                changed = True
    return [line for i, line in enumerate(lines) if i not in dropped]


def _drop_trailing_labels(lines: list[str]) -> list[str]:
    real = [i for i, line in enumerate(lines) if _is_real_paragraph(line)]
    return lines[: real[-1] + 1] if real else lines


def _is_real_paragraph(line: str) -> bool:
    return len(line) >= LONG_LINE or _SENTENCE_END.search(line) is not None
