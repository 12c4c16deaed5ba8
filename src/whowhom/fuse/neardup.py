"""Near-duplicate articles: syndicated and lightly edited copies of one original.

Each text becomes the set of its 5-word shingles, summarised by a MinHash signature;
MinHash LSH (datasketch) finds the stored documents whose estimated Jaccard similarity
reaches the threshold without comparing every pair. A document's original is the
earliest published of itself and the documents it nearly duplicates (then the first
seen, then the smallest id), so the link does not depend on the order documents arrive
in, except between copies published the same day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

# Estimated Jaccard similarity of 5-word shingle sets. A syndicated copy with a new
# headline, byline and a few edited words measures 0.6-0.7 (examples/story: each changed
# word breaks five shingles), while different articles about the same event stay under
# 0.05; 0.5 sits well between them (MinHash's error with 128 permutations is about 0.04).
THRESHOLD = 0.5
# LSH only proposes candidates; it is tuned lower so that pairs just above THRESHOLD are
# not missed (banding misses many of them at its own threshold), then each candidate's
# estimated similarity is checked against THRESHOLD.
LSH_THRESHOLD = 0.3
NUM_PERM = 128
SHINGLE_WORDS = 5
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures must be read with it
_WORD = re.compile(r"\w+")
_UNDATED = "9999"  # sorts an undated document after every dated one


@dataclass(frozen=True)
class _Entry:
    signature: MinHash
    published: str
    seen: int


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The ``size``-word shingles of ``text`` (lower-cased words; a short text is one)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The hash permutations every signature shares (drawing them is the costly part)."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


class NearDuplicateIndex:
    """Documents by MinHash signature; ``add`` says which original a new one copies."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=min(threshold, LSH_THRESHOLD), num_perm=NUM_PERM)
        self._entries: dict[str, _Entry] = {}
        self._next_seen = 0

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._entries

    def add(self, doc_id: str, text: str, published: str | None) -> str | None:
        """Index a document and return the id of the original it copies, or None."""
        self.insert(doc_id, text, published)
        return self.original(doc_id)

    def insert(self, doc_id: str, text: str, published: str | None,
               hashvalues: bytes | None = None, seen: int | None = None) -> None:
        """Index a document (replacing an older signature of it) without looking for its
        original. ``hashvalues`` and ``seen`` restore what ``stored`` gave; then ``text``
        is not read."""
        if doc_id in self._entries:
            self.remove(doc_id)
        if hashvalues is not None:
            sig = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations(),
                          hashvalues=np.frombuffer(hashvalues, dtype=np.uint64))
        else:
            sig = signature(text)
        if seen is None:
            seen = self._next_seen
        self._next_seen = max(self._next_seen, seen + 1)
        self._entries[doc_id] = _Entry(sig, published or "", seen)
        self._lsh.insert(doc_id, sig)

    def remove(self, doc_id: str) -> None:
        if self._entries.pop(doc_id, None) is not None:
            self._lsh.remove(doc_id)

    def matches(self, doc_id: str) -> list[str]:
        """The other indexed documents that ``doc_id`` nearly duplicates, sorted."""
        sig = self._entries[doc_id].signature
        return sorted(other for other in self._lsh.query(sig)
                      if other != doc_id
                      and sig.jaccard(self._entries[other].signature) >= self.threshold)

    def original(self, doc_id: str, matches: list[str] | None = None) -> str | None:
        """The earliest of ``doc_id`` and its near-duplicates (``matches`` when already
        known), unless that is ``doc_id``."""
        if matches is None:
            matches = self.matches(doc_id)
        first = min([doc_id, *matches], key=self._order)
        return None if first == doc_id else first

    def _order(self, doc_id: str) -> tuple[str, int, str]:
        entry = self._entries[doc_id]
        return (entry.published or _UNDATED, entry.seen, doc_id)

    def stored(self, doc_id: str) -> tuple[int, str, bytes]:
        """What to persist for ``doc_id``: (seen, published, signature bytes)."""
        entry = self._entries[doc_id]
        return entry.seen, entry.published, entry.signature.hashvalues.astype(np.uint64).tobytes()
