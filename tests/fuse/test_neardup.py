"""Near-duplicate articles: copies found by MinHash LSH and linked to their original."""

from __future__ import annotations

from fusefactory import article, light_edit

from whowhom.fuse.neardup import NearDuplicateIndex


def test_a_lightly_edited_copy_is_linked_to_its_original() -> None:
    index = NearDuplicateIndex()
    original = article(1)
    assert index.add("orig", original, "2024-08-21") is None
    assert index.add("copy", light_edit(original), "2024-08-22") == "orig"


def test_a_different_article_is_not_a_copy() -> None:
    index = NearDuplicateIndex()
    index.add("a", article(1), "2024-08-21")
    assert index.add("b", article(2), "2024-08-21") is None
    assert index.matches("b") == []


def test_the_original_is_the_earliest_published_whatever_the_order() -> None:
    index = NearDuplicateIndex()
    text = article(3)
    index.add("late", light_edit(text), "2024-08-25")
    assert index.add("early", text, "2024-08-20") is None
    assert index.original("late") == "early"


def test_a_signature_restored_from_its_bytes_matches_like_the_text() -> None:
    first = NearDuplicateIndex()
    first.add("orig", article(4), "2024-08-21")
    seen, published, hashvalues = first.stored("orig")
    second = NearDuplicateIndex()
    second.insert("orig", "", published, hashvalues=hashvalues, seen=seen)
    assert second.add("copy", light_edit(article(4)), "2024-08-22") == "orig"
