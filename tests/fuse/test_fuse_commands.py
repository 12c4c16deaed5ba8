"""The fusion commands: events --fused, export --gdelt, stories and fuse."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fusefactory import CODER, article, light_edit, make_doc, make_event

from whowhom.cli import cli
from whowhom.store.db import EventStore

KAZ, BLR = ("KAZ", "GOV"), ("BLR", "GOV")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store of three documents: two reports of one summons, one of them copied."""
    path = tmp_path / "s.duckdb"
    text = article(1)
    with EventStore(path) as store:
        store.save_documents([
            (make_doc("a", text, "2024-08-21", "Outlet A"),
             [make_event("a", 0, "ACCUSE", KAZ, BLR, "2024-08-21")]),
            (make_doc("b", article(2), "2024-08-22", "Outlet B"),
             [make_event("b", 0, "ACCUSE", KAZ, BLR, "2024-08-22", "publication")]),
            (make_doc("c", light_edit(text), "2024-08-22", "Outlet C"),
             [make_event("c", 0, "ACCUSE", KAZ, BLR, "2024-08-21")]),
        ], CODER)
    result = invoke("fuse", "--db", str(path))
    assert "3 mention(s)" in result.output
    return path


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_events_fused_jsonl_has_the_event_fields_and_the_counts(db: Path) -> None:
    result = invoke("events", "--fused", "--format", "jsonl", "--db", str(db))
    [line] = result.output.splitlines()
    record = json.loads(line)
    for key in ("event_id", "event", "source", "target", "date", "sentence", "confidence",
                "fused_id", "n_mentions", "n_documents", "n_outlets", "doc_ids"):
        assert key in record
    assert (record["n_mentions"], record["n_documents"], record["n_outlets"]) == (3, 2, 3)
    assert record["doc_ids"] == ["a", "b", "c"]


def test_export_gdelt_writes_events_and_mentions_with_gdelt_columns(db: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "gdelt"
    invoke("export", "--gdelt", "--out", str(out), "--db", str(db))
    with (out / "events.csv").open(encoding="utf-8") as f:
        [event] = list(csv.DictReader(f))
    with (out / "mentions.csv").open(encoding="utf-8") as f:
        mentions = list(csv.DictReader(f))
    for column in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
                   "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
                   "Actor2Code", "Actor2CountryCode", "IsRootEvent", "EventCode",
                   "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                   "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_Type",
                   "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
                   "ActionGeo_Long", "DATEADDED", "SOURCEURL"):
        assert column in event
    assert (event["SQLDATE"], event["Actor1Code"], event["Actor2CountryCode"]) == (
        "20240821", "KAZGOV", "BLR")
    assert (event["NumMentions"], event["NumSources"], event["NumArticles"]) == ("3", "3", "3")
    assert event["EventRootCode"] == "11"
    assert len(mentions) == 3
    assert {m["GLOBALEVENTID"] for m in mentions} == {event["GLOBALEVENTID"]}
    assert set(mentions[0]) >= {"EventTimeDate", "MentionTimeDate", "MentionType",
                                "MentionSourceName", "MentionIdentifier", "SentenceID",
                                "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
                                "Confidence"}


def test_stories_lists_the_documents_of_a_story(db: Path) -> None:
    result = invoke("stories", "--format", "jsonl", "--db", str(db))
    [line] = result.output.splitlines()
    story = json.loads(line)
    assert story["n_documents"] == 3
    assert story["top_dyads"] == ["ACCUSE KAZGOV->BLRGOV"]
    table = invoke("stories", "--db", str(db))
    assert "ACCUSE KAZGOV->BLRGOV" in table.output


def test_fuse_full_recomputes_the_same_fused_events(db: Path) -> None:
    listing = ("events", "--fused", "--format", "jsonl", "--db", str(db))
    before = invoke(*listing).output
    invoke("fuse", "--full", "--db", str(db))
    assert invoke(*listing).output == before
