"""Name normalisation shared by the knowledge base and the text matcher.

Both sides go through the same function, so a name written with diacritics, another
script's look-alike letters, odd apostrophes or hyphens finds its entry.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
_SPLIT = re.compile(r"[\s\-‐‑–—/]+")


@lru_cache(maxsize=200_000)
def norm_token(token: str) -> str:
    """One word folded to lower-case ASCII letters and digits ("Łukašenka" -> "lukasenka")."""
    if not token.isascii():
        token = anyascii(token)
    return _NON_WORD.sub("", token.lower())


_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


def name_words(name: str) -> tuple[str, ...]:
    """A multi-word name as the tuple of its normalised words, articles dropped. A
    possessive is its own word, as spaCy splits it ("People's" -> "people", "s")."""
    words = [norm_token(w) for w in _SPLIT.split(_POSSESSIVE.sub(" s", name.strip()))]
    words = [w for w in words if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return tuple(words)


def norm_name(name: str) -> str:
    """A name as one normalised string, for fuzzy comparison and explanations."""
    return _SPACES.sub(" ", " ".join(name_words(name))).strip()
