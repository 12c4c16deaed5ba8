"""Readers: every input becomes a SourceDocument or a ReadFailure, never an exception."""

from __future__ import annotations

import io
import json
import socket
import time
from pathlib import Path

import pytest

from whowhom.ingest import readers
from whowhom.ingest.readers import find_date, iter_sources, parse_published
from whowhom.model import ReadFailure, SourceDocument

HEADLINE = "Ministers of Lithuania and Poland meet in Vilnius"
BODY = (
    "The foreign ministers of Lithuania and Poland met in Vilnius on Tuesday to discuss "
    "border security and transit rules.\n"
    "They agreed to set up a joint working group, the Lithuanian ministry said in a "
    "statement after the talks.\n"
)


def read(*inputs: str, **kwargs: object) -> list[SourceDocument | ReadFailure]:
    return list(iter_sources(list(inputs), **kwargs))  # type: ignore[arg-type]


def only_document(items: list[SourceDocument | ReadFailure]) -> SourceDocument:
    assert len(items) == 1 and isinstance(items[0], SourceDocument), items
    return items[0]


def only_failure(items: list[SourceDocument | ReadFailure]) -> ReadFailure:
    assert len(items) == 1 and isinstance(items[0], ReadFailure), items
    return items[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# -- text files -----------------------------------------------------------------------


def test_text_file_gives_title_byline_date_and_keeps_headline_in_text(tmp_path: Path) -> None:
    path = write(tmp_path / "vilnius.txt", f"{HEADLINE}\nBy Ona Petraitė, Mar. 5, 2024\n{BODY}")
    doc = only_document(read(str(path)))
    assert doc.doc_id == "vilnius"
    assert doc.title == HEADLINE
    assert doc.published == "2024-03-05"
    assert doc.text.startswith(HEADLINE)
    assert doc.path == str(path)


def test_headline_ending_with_full_stop_is_title_when_a_byline_follows(tmp_path: Path) -> None:
    headline = "Vilnius and Warsaw agree on a transit working group."
    path = write(tmp_path / "a.txt", f"{headline}\nJonas Jonaitis 5 March 2024\n{BODY}")
    doc = only_document(read(str(path)))
    assert doc.title == headline
    assert doc.published == "2024-03-05"


def test_headline_ending_with_full_stop_is_title_above_long_paragraphs(tmp_path: Path) -> None:
    headline = "Vilnius and Warsaw agree."
    doc = only_document(read(str(write(tmp_path / "a.txt", f"{headline}\n{BODY}"))))
    assert doc.title == headline


def test_opening_sentence_of_plain_prose_is_not_a_title(tmp_path: Path) -> None:
    text = (
        "The two ministers met in Vilnius on Tuesday to talk about the border.\n"
        "They agreed to meet again in Warsaw before the summer recess begins.\n"
        "Neither side gave details of the transit rules under discussion.\n"
    )
    doc = only_document(read(str(write(tmp_path / "a.txt", text))))
    assert doc.title == ""


def test_date_inside_a_body_sentence_is_not_the_publication_date(tmp_path: Path) -> None:
    text = (
        f"{HEADLINE}\n"
        "The ministers recalled that the previous round of talks, held in Warsaw on "
        "August 23, 2023, ended without any agreement on the transit rules for trucks.\n"
    )
    doc = only_document(read(str(write(tmp_path / "a.txt", text))))
    assert doc.published == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aug 23, 2024", "2024-08-23"),
        ("August 23, 2024", "2024-08-23"),
        ("Aug. 23, 2024", "2024-08-23"),
        ("23 August 2024", "2024-08-23"),
        ("2024-08-23", "2024-08-23"),
        ("Sept. 5, 2024, 10:00", "2024-09-05"),
        ("Feb 30, 2024", ""),
        ("no date here", ""),
    ],
)
def test_find_date_reads_byline_date_forms(text: str, expected: str) -> None:
    assert find_date(text) == expected


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", "\ufeff" + HEADLINE + "\n" + BODY)
    doc = only_document(read(str(path)))
    assert doc.title == HEADLINE
    assert not doc.text.startswith("\ufeff")


# -- inputs: folders, globs, stdin, missing paths ---------------------------------------


def test_folder_walk_is_sorted_skips_hidden_and_ids_are_relative_paths(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "b.txt", BODY)
    write(corpus / "articles" / "01-foo.txt", BODY)
    write(corpus / "articles" / "deep" / "02-bar.text", BODY)
    write(corpus / ".hidden.txt", BODY)
    write(corpus / ".git" / "notes.txt", BODY)
    write(corpus / "report.pdf", b"%PDF-1.4")
    items = read(str(corpus))
    docs = [i for i in items if isinstance(i, SourceDocument)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [d.doc_id for d in docs] == ["articles/01-foo", "articles/deep/02-bar", "b"]
    assert [f.reason for f in failures] == [
        "unsupported file type '.pdf' (whowhom reads .txt, .html and .jsonl)"
    ]


def test_jsonl_in_a_folder_uses_its_relative_path_for_lines_without_id(tmp_path: Path) -> None:
    write(tmp_path / "feeds" / "batch.jsonl", json.dumps({"text": BODY}) + "\n")
    doc = only_document(read(str(tmp_path)))
    assert doc.doc_id == "feeds/batch-1"


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    assert "no files" in only_failure(read(str(tmp_path / "nothing"))).reason


def test_glob_reads_matching_files_with_their_stems_as_ids(tmp_path: Path) -> None:
    write(tmp_path / "x" / "one.txt", BODY)
    write(tmp_path / "y" / "two.txt", BODY)
    write(tmp_path / "y" / "skip.html", "<html></html>")
    items = read(str(tmp_path / "**" / "*.txt"))
    assert [i.doc_id for i in items if isinstance(i, SourceDocument)] == ["one", "two"]
    assert len(items) == 2


def test_glob_matching_nothing_is_a_failure(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")
    failure = only_failure(read(pattern))
    assert failure.path == pattern
    assert failure.reason == "no file matches"


def test_missing_path_is_a_failure_and_reading_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", BODY)
    items = read(str(tmp_path / "missing.txt"), str(good))
    assert isinstance(items[0], ReadFailure)
    assert items[0].reason == "no such file or folder"
    assert isinstance(items[1], SourceDocument)


def test_stdin_plain_text_is_one_document(tmp_path: Path) -> None:
    doc = only_document(read("-", stdin=io.StringIO(f"{HEADLINE}\n{BODY}")))
    assert doc.doc_id == "stdin"
    assert doc.path == "-"
    assert doc.title == HEADLINE


def test_stdin_that_looks_like_jsonl_is_read_as_jsonl() -> None:
    lines = [json.dumps({"id": "a", "text": BODY}), "", json.dumps({"text": BODY})]
    items = read("-", stdin=io.StringIO("\n".join(lines) + "\n"))
    assert [i.doc_id for i in items if isinstance(i, SourceDocument)] == ["a", "stdin-3"]


def test_empty_stdin_is_a_failure() -> None:
    assert only_failure(read("-", stdin=io.StringIO("  \n"))).path == "-"


# -- JSON Lines -----------------------------------------------------------------------


def test_jsonl_ids_missing_ids_and_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "doc-1", "text": BODY, "title": "T", "outlet": "Wire", "url": "u"}),
        json.dumps({"id": 42, "text": BODY}),
        '{"id": "doc-3" "text": "missing comma"}',
        json.dumps({"id": "doc-4", "title": "no text"}),
        json.dumps({"text": BODY}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = read(str(path))
    assert len(items) == 5
    first, second, broken, textless, last = items
    assert isinstance(first, SourceDocument)
    assert (first.doc_id, first.title, first.outlet, first.url) == ("doc-1", "T", "Wire", "u")
    assert isinstance(second, SourceDocument) and second.doc_id == "42"
    assert isinstance(broken, ReadFailure)
    assert broken.line == 3
    assert broken.reason == "line 3: not valid JSON (Expecting ',' delimiter)"
    assert isinstance(textless, ReadFailure)
    assert (textless.line, textless.reason) == (4, "line 4: no 'text' field")
    assert isinstance(last, SourceDocument) and last.doc_id == "batch-5"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-08-23", "2024-08-23"),
        ("2024-08-23T10:00:00Z", "2024-08-23"),
        ("2024-08-23 10:00:00+03:00", "2024-08-23"),
        ("August 23, 2024", "2024-08-23"),
        ("sometime last week", ""),
        ("2024-13-45", ""),
        (20240823, ""),
    ],
)
def test_jsonl_published_becomes_iso_date_or_empty(
    tmp_path: Path, published: object, expected: str
) -> None:
    record = {"id": "d", "text": BODY, "published": published}
    path = write(tmp_path / "one.ndjson", json.dumps(record) + "\n")
    assert only_document(read(str(path))).published == expected


def test_jsonl_line_with_invalid_utf8_fails_alone(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": BODY}).encode()
    bad_start = b'{"text": "caf'
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + bad_start + b'\xe9"}\n' + good + b"\n")
    items = read(str(path))
    assert [type(i).__name__ for i in items] == ["SourceDocument", "ReadFailure", "SourceDocument"]
    failure = items[1]
    assert isinstance(failure, ReadFailure) and failure.line == 2
    assert f"first bad byte at offset {len(good) + 1 + len(bad_start)}" in failure.reason


# -- HTML -----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<title>Ministers meet in Vilnius | Example News</title>
<meta property="og:title" content="Ministers meet in Vilnius">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ministers meet in Vilnius</h1>
<p>The foreign ministers of Lithuania and Poland met in Vilnius on Tuesday to discuss
border security and transit rules for freight.</p>
<p>They agreed to set up a joint working group, the Lithuanian ministry said in a
statement after the talks ended.</p>
</article>
<footer><p>Contact us</p></footer>
</body></html>
"""


def test_html_page_gives_title_body_date_and_outlet(tmp_path: Path) -> None:
    doc = only_document(read(str(write(tmp_path / "page.html", PAGE))))
    assert doc.title == "Ministers meet in Vilnius"
    assert doc.text.startswith("Ministers meet in Vilnius\nThe foreign ministers")
    assert doc.text.count("Ministers meet in Vilnius") == 1
    assert "joint working group" in doc.text
    assert "Home" not in doc.text
    assert doc.published == "2024-03-05"
    assert doc.outlet == "Example News"


def test_html_reading_opens_no_network_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = PAGE.replace("<head>", '<head><link rel="canonical" href="https://example.org/a">')
    doc = only_document(read(str(write(tmp_path / "page.htm", page))))
    assert doc.url == "https://example.org/a"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>",
        "<html",
        "<<<>>> </p></div></html>",
    ],
)
def test_html_without_article_text_is_a_failure(tmp_path: Path, markup: str) -> None:
    failure = only_failure(read(str(write(tmp_path / "page.html", markup))))
    assert failure.reason == "no article text found in the HTML"


def test_html_the_parser_chokes_on_is_a_failure_not_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def choke(*args: object, **kwargs: object) -> None:
        raise ValueError("Document is empty")

    monkeypatch.setattr(readers.trafilatura, "bare_extraction", choke)
    failure = only_failure(read(str(write(tmp_path / "page.html", PAGE))))
    assert failure.reason == "could not parse the HTML (ValueError: Document is empty)"


# -- bytes checks ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file_is_a_failure(tmp_path: Path, content: bytes) -> None:
    assert only_failure(read(str(write(tmp_path / "e.txt", content)))).reason == "empty file"


def test_empty_jsonl_file_is_a_failure(tmp_path: Path) -> None:
    assert only_failure(read(str(write(tmp_path / "e.jsonl", b"\n\n")))).reason == "empty file"


@pytest.mark.parametrize("name", ["b.txt", "b.html", "b.jsonl"])
def test_binary_file_is_a_failure(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_failure(read(str(path))).reason == "binary file, not text"


def test_invalid_utf8_names_the_offset_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", "Caf\xe9 talks".encode("latin-1"))
    assert only_failure(read(str(path))).reason == (
        "not valid UTF-8 (first bad byte at offset 3); save it as UTF-8"
    )


def test_twenty_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    path = write(tmp_path / "huge.txt", b"word " * 4_000_000)
    start = time.perf_counter()
    failure = only_failure(read(str(path)))
    assert time.perf_counter() - start < 0.5
    assert failure.reason.startswith("too large: 20,000,000 bytes (the limit is 1,000,000")
    assert failure.reason.endswith("split it into articles")


def test_text_over_the_character_limit_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "é" * 150)
    assert only_failure(read(str(path), max_chars=100)).reason == (
        "too large: 150 characters (the limit is 100 characters); split it into articles"
    )


def test_unknown_extension_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "paper.pdf", b"%PDF-1.4")
    failure = only_failure(read(str(path)))
    assert failure.reason == "unsupported file type '.pdf' (whowhom reads .txt, .html and .jsonl)"


# -- --published ----------------------------------------------------------------------


def test_published_argument_overrides_every_document(tmp_path: Path) -> None:
    text_file = write(tmp_path / "a.txt", f"{HEADLINE}\nAug 23, 2024\n{BODY}")
    jsonl = write(tmp_path / "b.jsonl", json.dumps({"text": BODY, "published": "2020-01-01"}))
    items = read(str(text_file), str(jsonl), published="2024-09-01")
    assert [i.published for i in items if isinstance(i, SourceDocument)] == ["2024-09-01"] * 2


@pytest.mark.parametrize("value", ["x", "2024-02-30", "23/08/2024", "2024-8-23", ""])
def test_parse_published_rejects_anything_but_an_iso_date(value: str) -> None:
    with pytest.raises(ValueError, match="--published must be a date like 2024-08-23, got"):
        parse_published(value)


def test_bad_published_argument_raises_before_reading(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        iter_sources([str(tmp_path / "never-read.txt")], published="yesterday")


def test_parse_published_accepts_an_iso_date() -> None:
    assert parse_published(" 2024-08-23 ") == "2024-08-23"
