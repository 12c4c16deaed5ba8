"""Cleaning: plain characters, no page furniture, each paragraph once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from whowhom.ingest.clean import clean_document, clean_text
from whowhom.ingest.readers import iter_sources
from whowhom.model import SourceDocument

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

PARAGRAPH_1 = "The foreign ministers of Lithuania and Poland met in Vilnius on Tuesday."
PARAGRAPH_2 = "They agreed to set up a joint working group on transit rules for freight."
PARAGRAPH_3 = "The next round of talks is planned for Warsaw before the summer recess."


# -- characters -----------------------------------------------------------------------


def test_text_is_nfc_normalised() -> None:
    assert clean_text("Petraite\u0307 spoke.") == "Petraitė spoke."


def test_zero_width_characters_and_soft_hyphens_are_removed() -> None:
    assert clean_text("Vil\u200bnius mi\u00adnis\u00adter\ufeff said\u2060 so.") == (
        "Vilnius minister said so."
    )


def test_odd_spaces_become_plain_spaces() -> None:
    assert clean_text("5\u00a0March\u2009in\u202fVilnius\u3000today") == "5 March in Vilnius today"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Lukashenk\u0430 spoke", "Lukashenka spoke"),  # Cyrillic a at the end
        ("\u0420utin and T\u043ekayev", "Putin and Tokayev"),  # Cyrillic P, o
        ("Ath\u0435ns \u039ceeting", "Athens Meeting"),  # Cyrillic e, Greek capital Mu
        ("\u043eff", "off"),
    ],
)
def test_look_alike_letters_in_latin_words_become_latin(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "word",
    [
        "Москва",  # all Cyrillic
        "Αθήνα",  # all Greek
        "Мoсква",  # a Latin o in a Cyrillic word: mostly Cyrillic, left alone
        "Lukashenkж",  # a Cyrillic letter with no Latin twin
    ],
)
def test_words_that_are_not_mostly_latin_look_alikes_are_left_alone(word: str) -> None:
    assert clean_text(f"{word} said") == f"{word} said"


def test_curly_quotes_and_guillemets_become_straight() -> None:
    raw = "\u201cWe agree,\u201d the minister\u2019s aide said of \u00abthe \u2018plan\u2019\u00bb."
    assert clean_text(raw) == '"We agree," the minister\'s aide said of "the \'plan\'".'


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a path\u2014abandoning it", "a path - abandoning it"),
        ("a path \u2014 abandoning it", "a path - abandoning it"),
        ("Vilnius\u2013Warsaw talks", "Vilnius - Warsaw talks"),
        ("a path\u2015here", "a path - here"),
        ("the 2019\u20132024 term", "the 2019-2024 term"),
        ("wait\u2026 then", "wait... then"),
        ("non\u2011stop \u22125 degrees", "non-stop -5 degrees"),
    ],
)
def test_dashes_and_ellipsis_become_ascii(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_spaces_collapse_lines_are_stripped_and_paragraph_breaks_kept() -> None:
    raw = f"  {PARAGRAPH_1}  \t\n\n\n\n{PARAGRAPH_2.replace(' ', '   ')}\r\n{PARAGRAPH_3}\n\n"
    assert clean_text(raw) == f"{PARAGRAPH_1}\n\n{PARAGRAPH_2}\n{PARAGRAPH_3}"


# -- boilerplate ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter",
        "Sign up for our daily briefing",
        "No comments:",
        "3 comments",
        "Post a Comment",
        "Leave a comment",
        "Share on Facebook",
        "Share this article",
        "Facebook | Twitter | Email",
        "Print this article",
        "Read more:",
        "Related stories",
        "ADVERTISEMENT",
        "\u00a9 2024 Example News. All rights reserved.",
        "Copyright 2024 Example Media",
        "Follow us on Telegram",
        "Click here to read the full statement",
        "We use cookies to improve your experience on our site.",
        "Skip to main content",
    ],
)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    assert clean_text(f"{PARAGRAPH_1}\n{line}\n{PARAGRAPH_2}") == f"{PARAGRAPH_1}\n{PARAGRAPH_2}"


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law was amended by the parliament in Vilnius on Tuesday.",
        "Readers were asked to subscribe to the state newsletter, the ministry said.",
        "The minister declined to comment on the talks with Poland.",
        "(Photo: the two ministers at the press conference in Vilnius)",
    ],
)
def test_sentences_that_mention_boilerplate_words_are_kept(line: str) -> None:
    assert clean_text(f"{PARAGRAPH_1}\n{line}\n{PARAGRAPH_2}") == (
        f"{PARAGRAPH_1}\n{line}\n{PARAGRAPH_2}"
    )


def test_short_section_labels_after_the_last_paragraph_are_dropped() -> None:
    raw = f"Ministers meet\n{PARAGRAPH_1}\n{PARAGRAPH_2}\n\nBaltic politics\nPoland"
    assert clean_text(raw) == f"Ministers meet\n{PARAGRAPH_1}\n{PARAGRAPH_2}"


def test_a_text_of_short_lines_only_is_kept_whole() -> None:
    assert clean_text("Ministers meet in Vilnius\nTransit talks") == (
        "Ministers meet in Vilnius\nTransit talks"
    )


# -- repeats --------------------------------------------------------------------------


def test_body_printed_twice_is_kept_once_with_its_repeated_byline() -> None:
    body = f"By Ona Petraite\nMarch 5\n{PARAGRAPH_1}\n{PARAGRAPH_2}\nVilnius desk\n{PARAGRAPH_3}"
    raw = f"Ministers meet in Vilnius\n{body}\n\n{body}\nNo comments:\nPost a Comment"
    assert clean_text(raw) == f"Ministers meet in Vilnius\n{body}"


def test_short_lines_may_repeat_when_no_long_paragraph_repeats() -> None:
    raw = f"Vilnius\n{PARAGRAPH_1}\nVilnius\n{PARAGRAPH_2}"
    assert clean_text(raw) == raw


# -- documents ------------------------------------------------------------------------


def test_clean_document_keeps_metadata_and_cleans_text_and_title() -> None:
    src = SourceDocument(
        doc_id="d1",
        text=f"Lukashenk\u0430 \u2014 a reply\n{PARAGRAPH_1}\nAdvertisement",
        title="Lukashenk\u0430\u00a0\u2014 a  reply",
        published="2024-08-23",
        url="https://example.org/a",
        outlet="Example News",
        path="a.txt",
    )
    doc = clean_document(src)
    assert doc.text == f"Lukashenka - a reply\n{PARAGRAPH_1}"
    assert doc.title == "Lukashenka - a reply"
    kept = ("doc_id", "published", "url", "outlet", "path")
    assert {k: getattr(doc, k) for k in kept} == {k: getattr(src, k) for k in kept}
    assert clean_document(src) == doc
    assert src.text.startswith("Lukashenk\u0430")
    assert set(dataclasses.asdict(doc)) == set(dataclasses.asdict(src))


def test_seed_articles_clean_up() -> None:
    seeds = SHARED / "data" / "seeds"
    if not seeds.is_dir():
        pytest.fail(
            f"seed articles not found at {seeds}: the shared/ folder must sit beside the repo"
        )
    docs = {
        item.doc_id.split("-")[0]: clean_document(item)
        for item in iter_sources([str(seeds / "*.txt")])
        if isinstance(item, SourceDocument)
    }
    assert {"belarusinfocus", "eurasianet"} <= set(docs)

    assert "Lukashenka" in docs["belarusinfocus"].title
    assert docs["belarusinfocus"].title.isascii()
    assert docs["eurasianet"].text.count("Belarus' dictator") == 1
    assert docs["eurasianet"].published == "2024-08-23"
    for doc in docs.values():
        lines = [line.lower() for line in doc.text.split("\n")]
        for furniture in ("no comments", "post a comment", "subscribe to our newsletter"):
            assert not any(line.startswith(furniture) for line in lines), (doc.doc_id, furniture)
        assert lines[-1].endswith((".", '"')), f"{doc.doc_id} ends with a section label"
