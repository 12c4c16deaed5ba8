"""Import PETRARCH / Phoenix ``.actors.txt`` dictionaries as knowledge-base people.

The format, as PETRARCH2's documentation describes it (this parser is our own):

- an entry starts with a line holding its primary phrase, words in upper case joined by
  underscores or blanks (``VLADIMIR_PUTIN_``), optionally followed by a default code in
  brackets (``HAMID_KARZAI_ [AFGMIL]``);
- lines starting with ``+`` add synonyms of the entry;
- indented lines hold codes with optional date restrictions: ``[RUSGOV 000507-080507]``
  (between two dates, inclusive), ``[RUSELI >080507]`` (after), ``[RUSGOV <000507]``
  (before), ``[RUSELI]`` (no restriction: the default);
- dates are ``YYMMDD`` or ``YYYYMMDD``; a two-digit year below ``TWO_DIGIT_PIVOT`` is read
  as 20YY, others as 19YY ("450703" is 1945, "070723" is 2007);
- ``#`` and ``;`` start comments, ``<!-- ... -->`` are comments (also over several lines).

Each entry becomes a person in our format (``data/FORMAT.md``): the primary phrase is the
name, the synonyms are aliases, each code is a role with the country of its first three
letters and the sector of the next three, office ``other`` and an empty title. A code
of ``IGO`` plus an organisation code makes a role with ``country: IGO`` and ``org`` set to
the rest of the code (check it with ``whowhom kb validate``: PETRARCH's organisation codes
are not always ours). Entries whose codes are all bare country codes (``AFGHANISTAN_
[AFG]``) name states, not people, and are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

TWO_DIGIT_PIVOT = 30
_CODE = re.compile(r"\[\s*([A-Z0-9]{3,})\s*([^\]]*)\]")
_XML_COMMENT = re.compile(r"<!--.*?-->")


class PetrarchFormatError(ValueError):
    """A line of an actors dictionary this importer cannot read."""


def _date(text: str, where: str) -> dt.date:
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise PetrarchFormatError(f"{where}: not a date (YYMMDD or YYYYMMDD): {text!r}")
    if len(digits) == 6:
        yy = int(digits[:2])
        digits = f"{20 if yy < TWO_DIGIT_PIVOT else 19}{digits}"
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError as exc:
        raise PetrarchFormatError(f"{where}: not a date: {text!r} ({exc})") from exc


def _restriction(text: str, where: str) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of a date restriction; both ends are inclusive."""
    text = text.strip()
    if not text:
        return None, None
    if text.startswith("<"):
        return None, _date(text[1:], where)
    if text.startswith(">"):
        return _date(text[1:], where), None
    if "-" in text:
        first, last = text.split("-", 1)
        return _date(first, where), _date(last, where)
    raise PetrarchFormatError(f"{where}: not a date restriction: {text!r}")


def _phrase(text: str) -> str:
    """``VLADIMIR_PUTIN_`` -> ``Vladimir Putin``."""
    words = text.replace("_", " ").split()
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in words)


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """Numbered lines with comments removed (their leading blanks kept)."""
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        line = _XML_COMMENT.sub("", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        line = re.split(r"[#;]", line, maxsplit=1)[0].rstrip()
        if line.strip():
            yield number, line


def _role(code: str, start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    country, rest = code[:3], code[3:]
    igo = country == "IGO"
    return {"office": "other", "title": "", "country": country,
            "org": rest[:-3] if igo and len(rest) > 3 else (rest if igo else None),
            "sector": rest[-3:] if igo and len(rest) > 3 else ("" if igo else rest[:3]),
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None}


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "actor"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def parse_actors(text: str, source: str = "<text>") -> list[dict[str, Any]]:
    """People entries (``data/FORMAT.md`` form) of an actors dictionary's ``text``."""
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for number, line in _lines(text):
        where = f"{source}:{number}"
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is None:
                raise PetrarchFormatError(f"{where}: synonym before any entry")
            current["aliases"].append(_phrase(stripped[1:]))
        elif stripped.startswith("["):
            if current is None:
                raise PetrarchFormatError(f"{where}: code before any entry")
            m = _CODE.fullmatch(stripped)
            if m is None:
                raise PetrarchFormatError(f"{where}: not a code line: {stripped!r}")
            start, end = _restriction(m.group(2), where)
            current["codes"].append((m.group(1), start, end))
        else:
            m = _CODE.search(stripped)
            name = stripped[:m.start()] if m else stripped
            current = {"name": _phrase(name), "aliases": [], "codes": [],
                       "default": m.group(1) if m else None}
            entries.append(current)
    return _people(entries)


def _people(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    taken: set[str] = set()
    for e in entries:
        codes = [(c, s, t) for c, s, t in e["codes"] if s or t]
        default = e["default"] or next((c for c, s, t in e["codes"] if not (s or t)), None)
        if not codes and default:
            codes = [(default, None, None)]
        if not codes or all(len(c) == 3 for c, _, _ in codes):
            continue  # a state's names, or an entry with no code
        roles = [_role(c, s, t) for c, s, t in codes]
        nationality = next((r["country"] for r in roles if r["country"] != "IGO"), "IGO")
        if default and default[:3] != "IGO":
            nationality = default[:3]
        people.append({"id": _slug(e["name"], taken), "name": e["name"],
                       "aliases": list(dict.fromkeys(a for a in e["aliases"] if a)),
                       "country": nationality, "roles": roles})
    return people


def import_actors(path: Path | str) -> list[dict[str, Any]]:
    """People entries of the ``.actors.txt`` file at ``path``."""
    path = Path(path)
    return parse_actors(path.read_text(encoding="utf-8", errors="replace"), str(path))


def convert_actors_file(path: Path | str, out_yaml: Path | str) -> int:
    """Write the people of an actors dictionary as a knowledge-base YAML file; returns
    how many were written."""
    people = import_actors(path)
    doc = {"source": f"converted from the PETRARCH actors dictionary {Path(path).name}",
           "people": people}
    Path(out_yaml).write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True),
                              encoding="utf-8")
    return len(people)
