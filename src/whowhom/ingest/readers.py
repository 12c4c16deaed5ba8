"""Read articles from text, HTML and JSON Lines files, folders, globs and stdin.

Every problem with one input (a missing file, bad bytes, a broken JSONL line) becomes a
:class:`ReadFailure` in the stream and reading goes on, so one bad file never stops a
corpus run.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import trafilatura
from trafilatura.settings import set_date_params

from whowhom.model import ReadFailure, SourceDocument

Item = SourceDocument | ReadFailure

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = "whowhom reads .txt, .html and .jsonl"

STDIN = "-"
STDIN_ID = "stdin"
BINARY_SNIFF = 8192  # NUL bytes among this many leading bytes mean a binary file
UTF8_BOM = b"\xef\xbb\xbf"
MAX_BYTES_PER_CHAR = 4  # UTF-8: a file over 4x the character limit in bytes is too large
# A web page carries markup, scripts and styles around the article, so the page itself
# may be this many times the character limit; the limit then applies to the article text.
HTML_MARKUP_FACTOR = 10

BYLINE_LINES = 5  # a byline date is looked for in this many leading non-empty lines
SHORT_LINE = 120  # bylines, datelines and dotted headlines are shorter than this
TITLE_MAX = 200
PROSE_LINE = 40  # a line of page text this long is prose, not a menu item

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = (
    re.compile(rf"\b{_MONTH}\.?\s+{_DAY},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\.?,?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?")
_BY = re.compile(r"by\s+\w", re.IGNORECASE)
_TITLE_STOPS = (".", "?", "!", ":", '"', "'", "\u201d", "\u2019", "\u00bb")
_GLOB_MAGIC = re.compile(r"[*?\[]")
_WORD = re.compile(r"[^\W\d_]+")
_CLOSERS = "\"')\u201d\u2019"


def parse_published(value: str) -> str:
    """Check a ``--published`` value and return it as an ISO date (``YYYY-MM-DD``)."""
    text = value.strip()
    if _ISO_DAY.fullmatch(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ValueError(f"--published must be a date like 2024-08-23, got {value!r}")


def iter_sources(
    inputs: Sequence[str],
    *,
    published: str | None = None,
    stdin: TextIO | None = None,
    max_chars: int = 1_000_000,
) -> Iterator[Item]:
    """Yield one :class:`SourceDocument` per article, or a :class:`ReadFailure`.

    ``inputs`` are files, folders (walked recursively in sorted order, hidden entries
    skipped), glob patterns (``**`` allowed; a glob selects files only) and ``-`` for
    stdin. ``published`` (validated here, so a bad value raises ``ValueError`` at once)
    replaces every document's date. ``max_chars`` bounds one article: a text or HTML file,
    or one JSON Lines record (a JSONL file itself may be any size and is streamed).

    ``doc_id``: the JSONL ``id``, else ``{base}-{line}``; for a file found in a folder,
    its path relative to that folder without extension (``articles/01-foo``, also the
    JSONL base); for a file named directly or by glob, its stem; ``stdin`` for stdin.
    """
    override = parse_published(published) if published is not None else ""
    return _with_date(_read_inputs(inputs, stdin, max_chars), override)


def _with_date(items: Iterable[Item], published: str) -> Iterator[Item]:
    for item in items:
        if published and isinstance(item, SourceDocument):
            yield replace(item, published=published)
        else:
            yield item


def _read_inputs(inputs: Sequence[str], stdin: TextIO | None, max_chars: int) -> Iterator[Item]:
    for raw in inputs:
        # os.path answers False (not an exception) for names the OS rejects.
        if raw == STDIN:
            yield from _read_stdin(stdin, max_chars)
        elif os.path.isdir(raw):
            yield from _read_folder(Path(raw), max_chars)
        elif os.path.exists(raw):
            yield from _read_file(Path(raw), Path(raw).stem, max_chars)
        elif _GLOB_MAGIC.search(raw):
            yield from _read_glob(raw, max_chars)
        else:
            yield ReadFailure(raw, "no such file or folder")


def _read_glob(pattern: str, max_chars: int) -> Iterator[Item]:
    matches = sorted(m for m in glob.glob(pattern, recursive=True) if not os.path.isdir(m))
    if not matches:
        yield ReadFailure(pattern, "no file matches")
    for match in matches:
        path = Path(match)
        yield from _read_file(path, path.stem, max_chars)


def _read_folder(folder: Path, max_chars: int) -> Iterator[Item]:
    errors: list[OSError] = []
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(root, name) for name in names if not name.startswith("."))
    for error in errors:
        yield ReadFailure(str(error.filename), f"cannot read folder: {error.strerror}")
    if not files and not errors:
        yield ReadFailure(str(folder), "no files in this folder (hidden ones are skipped)")
    for path in sorted(files, key=lambda p: p.relative_to(folder).parts):
        doc_id = path.relative_to(folder).with_suffix("").as_posix()
        yield from _read_file(path, doc_id, max_chars)


def _read_file(path: Path, doc_id: str, max_chars: int) -> Iterator[Item]:
    name = str(path)
    suffix = path.suffix.lower()
    if not os.path.isfile(path):
        yield ReadFailure(name, "not a regular file")
    elif suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, doc_id, max_chars)
    elif suffix in TEXT_SUFFIXES:
        text = _read_checked(path, max_chars)
        yield text if isinstance(text, ReadFailure) else _text_document(text, doc_id, name)
    elif suffix in HTML_SUFFIXES:
        html = _read_checked(path, max_chars * HTML_MARKUP_FACTOR)
        if isinstance(html, ReadFailure):
            yield html
        else:
            yield _html_document(html, doc_id, name, max_chars)
    elif suffix:
        yield ReadFailure(name, f"unsupported file type '{suffix}' ({SUPPORTED})")
    else:
        yield ReadFailure(name, f"file has no extension ({SUPPORTED})")


def _read_checked(path: Path, char_limit: int) -> str | ReadFailure:
    """The text of ``path`` after the bytes checks, or why it cannot be read."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > char_limit * MAX_BYTES_PER_CHAR:
            return ReadFailure(name, _too_large(f"{size:,} bytes", char_limit))
        data = path.read_bytes()
    except OSError as exc:
        return ReadFailure(name, f"cannot read: {exc.strerror}")
    text = _decode(data, name)
    if isinstance(text, str) and len(text) > char_limit:
        return ReadFailure(name, _too_large(f"{len(text):,} characters", char_limit))
    return text


def _decode(data: bytes, name: str) -> str | ReadFailure:
    if b"\x00" in data[:BINARY_SNIFF]:
        return ReadFailure(name, "binary file, not text")
    body = data.removeprefix(UTF8_BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + len(data) - len(body)
        return ReadFailure(name, _not_utf8(offset))
    return _check_text(text, name)


def _check_text(text: str, name: str) -> str | ReadFailure:
    if "\x00" in text[:BINARY_SNIFF]:
        return ReadFailure(name, "binary file, not text")
    if not text.strip():
        return ReadFailure(name, "empty file")
    return text


def _too_large(size: str, limit: int) -> str:
    return f"too large: {size} (the limit is {limit:,} characters); split it into articles"


def _not_utf8(offset: int) -> str:
    return f"not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8"


# -- stdin ----------------------------------------------------------------------------


def _read_stdin(stream: TextIO | None, max_chars: int) -> Iterator[Item]:
    """Stdin is one plain-text article, or JSON Lines when every line opens an object."""
    text = _stdin_text(stream)
    if isinstance(text, ReadFailure):
        yield text
        return
    lines = text.split("\n")
    if all(line.lstrip().startswith("{") for line in lines if line.strip()):
        yield from _jsonl_records(enumerate(lines, 1), STDIN_ID, STDIN, max_chars)
    elif len(text) > max_chars:
        yield ReadFailure(STDIN, _too_large(f"{len(text):,} characters", max_chars))
    else:
        yield _text_document(text, STDIN_ID, STDIN)


def _stdin_text(stream: TextIO | None) -> str | ReadFailure:
    """Read the given stream, else the bytes of ``sys.stdin`` (decoded here as UTF-8
    whatever the locale says, with the same checks as a file)."""
    try:
        if stream is None and (buffer := getattr(sys.stdin, "buffer", None)) is not None:
            return _decode(buffer.read(), STDIN)
        text = (stream or sys.stdin).read()
    except UnicodeDecodeError:
        return ReadFailure(STDIN, "not valid UTF-8; save it as UTF-8")
    except OSError as exc:
        return ReadFailure(STDIN, f"cannot read: {exc.strerror or exc}")
    return _check_text(text.removeprefix("\ufeff"), STDIN)


# -- plain text -----------------------------------------------------------------------


def _text_document(text: str, doc_id: str, path: str) -> SourceDocument:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = _find_title(lines)
    lead = lines[1:BYLINE_LINES] if title else lines[:BYLINE_LINES]
    return SourceDocument(
        doc_id=doc_id, text=text, title=title, published=_byline_date(lead), path=path
    )


def _find_title(lines: Sequence[str]) -> str:
    """The headline among the non-empty ``lines`` of a text file, or ``""``.

    The first line is the headline when the text has more lines and either

    * it is shorter than 200 characters and does not end like a sentence or a quote
      (``.``, ``?``, ``!``, ``:``, a closing quote), or
    * it ends with ``.`` but is shorter than 120 characters, and the next line is a
      byline (short, with a date or starting "By ...") or the next one or two lines are
      each at least twice as long (paragraphs under a headline).
    """
    if len(lines) < 2:
        return ""
    first = lines[0]
    if len(first) < TITLE_MAX and not first.endswith(_TITLE_STOPS):
        return first
    if first.endswith(".") and len(first) < SHORT_LINE:
        paragraphs = lines[1:3]
        if _is_byline(lines[1]) or all(len(p) >= 2 * len(first) for p in paragraphs):
            return first
    return ""


def _is_byline(line: str) -> bool:
    return len(line) < SHORT_LINE and bool(_BY.match(line) or find_date(line))


def _byline_date(lines: Iterable[str]) -> str:
    """The ISO date of the first short line (a byline or dateline) that has one, or ``""``.

    Long lines are body sentences: a date there is an event date, not the publication's.
    """
    for line in lines:
        if len(line) < SHORT_LINE and (found := find_date(line)):
            return found
    return ""


def find_date(text: str) -> str:
    """The first calendar date in ``text`` written as "Aug 23, 2024", "August 23, 2024",
    "Aug. 23, 2024", "23 August 2024" or "2024-08-23", as ISO; ``""`` if none."""
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
            try:
                return date(int(match["year"]), number, int(match["day"])).isoformat()
            except ValueError:
                continue
    return ""


def _iso_date(value: Any) -> str:
    """A loose date value ("2024-08-23T10:00:00Z", "Aug 23, 2024") as ISO, else ``""``."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if match := _ISO_DATE_TIME.fullmatch(text):
        try:
            return date.fromisoformat(match[1]).isoformat()
        except ValueError:
            return ""
    return find_date(text) if len(text) < SHORT_LINE else ""


# -- HTML -----------------------------------------------------------------------------


def _html_document(html: str, doc_id: str, path: str, max_chars: int) -> Item:
    """Main text, title and date of a web page via trafilatura (offline: it is given the
    markup, never a URL, so nothing is fetched)."""
    try:
        page = trafilatura.bare_extraction(
            html,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            # Only dates in the page's metadata and markup, not any date in the prose.
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        return ReadFailure(path, f"could not parse the HTML ({type(exc).__name__}: {exc})")
    body = (page.text or "").strip() if page is not None else ""
    if page is None or not any(map(_is_prose, body.split("\n"))):
        return ReadFailure(path, "no article text found in the HTML")
    title = " ".join((page.title or "").split())
    # trafilatura often keeps the <h1> as the first line of the body: do not repeat it.
    first_line = body.split("\n", 1)[0].strip()
    text = f"{title}\n{body}" if title and first_line != title else body
    if len(text) > max_chars:
        return ReadFailure(path, _too_large(f"{len(text):,} characters of text", max_chars))
    published = _iso_date(page.date) or _byline_date(body.split("\n")[:BYLINE_LINES])
    return SourceDocument(
        doc_id=doc_id,
        text=text,
        title=title,
        published=published,
        url=page.url or "",
        outlet=page.sitename or "",
        path=path,
    )


def _is_prose(line: str) -> bool:
    """Whether a line of extracted page text is a sentence rather than a menu or a button.

    trafilatura falls back to any text it finds, so a page with no article still yields
    its navigation ("Home"); a sentence has three or more words and is long or ends like
    a sentence.
    """
    line = line.strip()
    if len(_WORD.findall(line)) < 3:
        return False
    return len(line) >= PROSE_LINE or line.rstrip(_CLOSERS).endswith((".", "!", "?"))


# -- JSON Lines -----------------------------------------------------------------------


def _read_jsonl_file(path: Path, base_id: str, max_chars: int) -> Iterator[Item]:
    name = str(path)
    try:
        with path.open("rb") as handle:
            if b"\x00" in handle.read(BINARY_SNIFF):
                yield ReadFailure(name, "binary file, not text")
                return
            handle.seek(0)
            yield from _jsonl_records(_decoded_lines(handle, name), base_id, name, max_chars)
    except OSError as exc:
        yield ReadFailure(name, f"cannot read: {exc.strerror}")


def _decoded_lines(handle: Iterable[bytes], name: str) -> Iterator[tuple[int, str] | ReadFailure]:
    offset = 0
    for line_no, raw in enumerate(handle, 1):
        chunk = raw.removeprefix(UTF8_BOM) if line_no == 1 else raw
        try:
            yield line_no, chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = offset + len(raw) - len(chunk) + exc.start
            yield ReadFailure(name, f"line {line_no}: {_not_utf8(bad)}", line=line_no)
        offset += len(raw)


def _jsonl_records(
    lines: Iterable[tuple[int, str] | ReadFailure], base_id: str, name: str, max_chars: int
) -> Iterator[Item]:
    empty = True
    for entry in lines:
        if isinstance(entry, ReadFailure):
            empty = False
            yield entry
        elif entry[1].strip():
            empty = False
            yield _jsonl_record(entry[1], entry[0], base_id, name, max_chars)
    if empty:
        yield ReadFailure(name, "empty file")


def _jsonl_record(line: str, line_no: int, base_id: str, name: str, max_chars: int) -> Item:
    def failure(reason: str) -> ReadFailure:
        return ReadFailure(name, f"line {line_no}: {reason}", line=line_no)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return failure(f"not valid JSON ({exc.msg})")
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        return failure(f"not valid JSON ({exc})")
    if not isinstance(record, dict):
        return failure("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return failure("no 'text' field")
    if len(text) > max_chars:
        return failure(_too_large(f"{len(text):,} characters", max_chars))
    return SourceDocument(
        doc_id=_record_id(record.get("id")) or f"{base_id}-{line_no}",
        text=text,
        title=_string(record.get("title")),
        published=_iso_date(record.get("published")),
        url=_string(record.get("url")),
        outlet=_string(record.get("outlet")),
        path=name,
    )


def _record_id(value: Any) -> str:
    if isinstance(value, str):
        return value if value.strip() else ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


def _string(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
