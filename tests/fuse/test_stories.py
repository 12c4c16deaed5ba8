"""Stories: documents linked by shared fused events and near-copies."""

from __future__ import annotations

from collections.abc import Callable

from fusefactory import article, light_edit, make_doc, make_event

from whowhom.fuse.fusion import fuse_new
from whowhom.fuse.stories import list_stories
from whowhom.store.db import EventStore

KAZ, BLR, USA, CHN = ("KAZ", "GOV"), ("BLR", "GOV"), ("USA", "GOV"), ("CHN", "GOV")


def test_documents_sharing_a_fused_event_or_copying_each_other_form_a_story(
        store: EventStore, save: Callable) -> None:
    save([(make_doc("a", article(1), "2024-08-21"),
           [make_event("a", 0, "ACCUSE", KAZ, BLR, "2024-08-21")]),
          (make_doc("b", article(2), "2024-08-22"),
           [make_event("b", 0, "ACCUSE", KAZ, BLR, "2024-08-21"),
            make_event("b", 1, "CONSULT", USA, CHN, "2024-08-20")]),
          (make_doc("c", article(3), "2024-08-21"),
           [make_event("c", 0, "CONSULT", USA, CHN, "2024-08-20")]),
          (make_doc("d", light_edit(article(3)), "2024-08-22"), []),
          (make_doc("e", article(5), "2024-08-21"),
           [make_event("e", 0, "SANCTION", USA, CHN, "2024-08-20")])])
    fuse_new(store, ["a", "b", "c", "d", "e"])
    [story] = list_stories(store.connection)
    assert story["story_id"] == "sa"
    assert [d["doc_id"] for d in story["documents"]] == ["a", "c", "b", "d"]
    assert story["n_documents"] == 4
    assert "ACCUSE KAZGOV->BLRGOV" in story["top_dyads"]
    assert (story["first_report"], story["last_report"]) == ("2024-08-21", "2024-08-22")
    assert [s["story_id"] for s in list_stories(store.connection, min_documents=1)] == [
        "sa", "se"]
