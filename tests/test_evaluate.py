"""Scoring per events-format.md ("Scoring"), on small made-up documents."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from whowhom.evaluate import (
    FALSE_POSITIVE,
    LEVELS,
    MISS,
    GoldDocument,
    error_report,
    group_errors,
    load_gold,
    render_errors,
    render_table,
    score,
    threshold_curve,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def actor(country: str, sector: str = "", text: str = "") -> dict[str, str]:
    return {"text": text or country, "country": country, "sector": sector}


def gold_event(
    event: str,
    source: list[dict[str, str]],
    target: list[dict[str, str]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "event": event,
        "mode": "",
        "cameo": "",
        "source": source,
        "target": target or [],
        "date": "",
        "negated": False,
        **extra,
    }


def coded_event(
    event: str,
    source: dict[str, str],
    target: dict[str, str] | None = None,
    date: str = "",
    confidence: float = 0.9,
    sentence: str = "",
) -> dict[str, Any]:
    return {
        "event": event,
        "source": source,
        "target": target,
        "date": date,
        "confidence": confidence,
        "sentence": sentence,
        "negated": False,
        "hypothetical": False,
    }


def doc(events: list[dict[str, Any]], doc_id: str = "d1", text: str = "") -> GoldDocument:
    return GoldDocument(id=doc_id, text=text, published="2030-05-20", title="", events=events)


def counts(report: Any, level: str) -> tuple[int, int, int]:
    s = report.levels[level]
    return (s.tp, s.fp, s.fn)


# --- whole-level behaviour ------------------------------------------------------------


def test_perfect_output_scores_one_at_every_level() -> None:
    gold = [
        doc(
            [
                gold_event(
                    "ACCUSE", [actor("FRA", "GOV")], [actor("ESP", "GOV")], date="2030-05-18"
                ),
                gold_event("MOBILIZE", [actor("ESP", "MIL")], date="2030-05"),
            ]
        )
    ]
    coded = {
        "d1": [
            coded_event("ACCUSE", actor("FRA", "GOV"), actor("ESP", "GOV"), date="2030-05-18"),
            coded_event("MOBILIZE", actor("ESP", "MIL"), None, date="2030-05-19"),
        ]
    }
    report = score(gold, coded)
    for level in LEVELS:
        assert report.levels[level].f1 == 1.0, level
    assert report.n_documents == 1
    assert report.n_gold_events == 2
    assert report.n_coded_events == 2


def test_no_output_scores_zero_with_all_gold_missed() -> None:
    gold = [doc([gold_event("AID", [actor("NOR")], [actor("SOM")])])]
    report = score(gold, {})
    assert counts(report, "dyad") == (0, 0, 1)
    assert report.levels["dyad"].f1 == 0.0


def test_accept_types_match_like_the_main_type() -> None:
    gold = [doc([gold_event("ACCUSE", [actor("FRA")], [actor("ITA")], accept=["CONSULT"])])]
    report = score(gold, {"d1": [coded_event("CONSULT", actor("FRA"), actor("ITA"))]})
    assert counts(report, "type") == (1, 0, 0)
    assert counts(report, "dyad") == (1, 0, 0)


def test_each_coded_type_matches_one_gold_type_at_most() -> None:
    gold = [
        doc(
            [
                gold_event("ACCUSE", [actor("FRA")], [actor("ITA")], accept=["CONSULT"]),
                gold_event("CONSULT", [actor("ITA")], [actor("FRA")]),
            ]
        )
    ]
    report = score(gold, {"d1": [coded_event("CONSULT", actor("ITA"), actor("FRA"))]})
    assert counts(report, "type") == (1, 0, 1)


def test_coded_type_no_gold_names_is_a_type_false_positive() -> None:
    gold = [doc([gold_event("AGREE", [actor("FRA")], [actor("ITA")])])]
    coded = {
        "d1": [
            coded_event("AGREE", actor("FRA"), actor("ITA")),
            coded_event("THREATEN", actor("FRA"), actor("ITA")),
        ]
    }
    assert counts(score(gold, coded), "type") == (1, 1, 0)


def test_optional_events_earn_nothing_and_cost_nothing() -> None:
    gold = [
        doc(
            [
                gold_event("AGREE", [actor("FRA")], [actor("ITA")]),
                gold_event("ASSAULT", [actor("DEU")], [actor("POL")], optional=True),
            ]
        )
    ]
    with_optional = {
        "d1": [
            coded_event("AGREE", actor("FRA"), actor("ITA")),
            coded_event("ASSAULT", actor("DEU"), actor("POL")),
        ]
    }
    without_optional = {"d1": [coded_event("AGREE", actor("FRA"), actor("ITA"))]}
    for coded in (with_optional, without_optional):
        report = score(gold, coded)
        assert counts(report, "type") == (1, 0, 0)
        assert counts(report, "dyad") == (1, 0, 0)
    assert score(gold, with_optional).n_gold_events == 1


def test_outputting_a_negated_gold_event_is_a_false_positive() -> None:
    gold = [
        doc(
            [
                gold_event("AGREE", [actor("FRA")], [actor("ITA")]),
                gold_event("SANCTION", [actor("FRA")], [actor("ITA")], negated=True),
            ]
        )
    ]
    coded = {
        "d1": [
            coded_event("AGREE", actor("FRA"), actor("ITA")),
            coded_event("SANCTION", actor("FRA"), actor("ITA")),
        ]
    }
    report = score(gold, coded)
    assert counts(report, "type") == (1, 1, 0)
    assert counts(report, "dyad") == (1, 1, 0)
    assert score(gold, {"d1": coded["d1"][:1]}).levels["dyad"].f1 == 1.0


def test_compound_actors_expand_to_their_cross_product() -> None:
    gold = [
        doc([gold_event("COOPERATE", [actor("SWE"), actor("FIN")], [actor("NOR"), actor("DNK")])])
    ]
    coded = {
        "d1": [
            coded_event("COOPERATE", actor("SWE"), actor("NOR")),
            coded_event("COOPERATE", actor("SWE"), actor("DNK")),
            coded_event("COOPERATE", actor("FIN"), actor("NOR")),
        ]
    }
    assert counts(score(gold, coded), "dyad") == (3, 0, 1)


def test_missing_target_is_a_dash_on_both_sides() -> None:
    gold = [doc([gold_event("PROTEST", [actor("CHL", "CVL")])])]
    assert counts(score(gold, {"d1": [coded_event("PROTEST", actor("CHL"))]}), "dyad") == (1, 0, 0)
    with_target = {"d1": [coded_event("PROTEST", actor("CHL"), actor("ARG"))]}
    assert counts(score(gold, with_target), "dyad") == (0, 1, 1)


def test_coded_organisation_counts_as_igo() -> None:
    gold = [doc([gold_event("AID", [{"text": "the agency", "country": "IGO"}], [actor("HTI")])])]
    organisation = {"text": "the agency", "country": "", "sector": "", "igo": "WFP"}
    coded = {"d1": [coded_event("AID", organisation, actor("HTI"))]}
    assert counts(score(gold, coded), "dyad") == (1, 0, 0)


def test_empty_gold_country_matches_any_present_actor() -> None:
    gold = [doc([gold_event("ASSAULT", [actor("")], [actor("IRQ", "CVL")])])]
    for source in (actor("SYR"), actor("")):
        report = score(gold, {"d1": [coded_event("ASSAULT", source, actor("IRQ"))]})
        assert counts(report, "dyad") == (1, 0, 0)

    gold_any_target = [doc([gold_event("ASSAULT", [actor("IRQ")], [actor("")])])]
    no_target = {"d1": [coded_event("ASSAULT", actor("IRQ"), None)]}
    assert counts(score(gold_any_target, no_target), "dyad") == (0, 1, 1)


def test_each_gold_tuple_is_matched_once() -> None:
    gold = [doc([gold_event("REJECT", [actor("PER")], [actor("BOL")])])]
    twice = {
        "d1": [
            coded_event("REJECT", actor("PER"), actor("BOL")),
            coded_event("REJECT", actor("PER"), actor("BOL")),
        ]
    }
    assert counts(score(gold, twice), "dyad") == (1, 1, 0)


def test_matching_is_maximum_not_first_come() -> None:
    # The first coded tuple fits both gold tuples only through `accept`; a first-come
    # pairing could give it the one the second coded tuple needs.
    gold = [
        doc(
            [
                gold_event("ACCUSE", [actor("EGY")], [actor("SDN")], accept=["CONSULT"]),
                gold_event("REQUEST", [actor("EGY")], [actor("SDN")], accept=["CONSULT"]),
            ]
        )
    ]
    coded = {
        "d1": [
            coded_event("CONSULT", actor("EGY"), actor("SDN")),
            coded_event("ACCUSE", actor("EGY"), actor("SDN")),
        ]
    }
    assert counts(score(gold, coded), "dyad") == (2, 0, 0)


def test_sector_is_required_only_where_gold_gives_one() -> None:
    gold = [doc([gold_event("COERCE", [actor("TUR", "COP")], [actor("TUR", "")])])]
    right_sector = {"d1": [coded_event("COERCE", actor("TUR", "COP"), actor("TUR", "OPP"))]}
    wrong_sector = {"d1": [coded_event("COERCE", actor("TUR", "MIL"), actor("TUR", "OPP"))]}
    assert counts(score(gold, right_sector), "dyad+sector") == (1, 0, 0)
    report = score(gold, wrong_sector)
    assert counts(report, "dyad") == (1, 0, 0)
    assert counts(report, "dyad+sector") == (0, 1, 1)


def test_dated_level_skips_undated_gold() -> None:
    gold = [
        doc(
            [
                gold_event("CONSULT", [actor("JPN")], [actor("KOR")]),
                gold_event("AGREE", [actor("JPN")], [actor("KOR")], date="2030-05-02"),
            ]
        )
    ]
    coded = {
        "d1": [
            coded_event("CONSULT", actor("JPN"), actor("KOR"), date="2030-05-19"),
            coded_event("AGREE", actor("JPN"), actor("KOR"), date="2030-05-02"),
            coded_event("THREATEN", actor("JPN"), actor("KOR"), date="2030-05-02"),
        ]
    }
    report = score(gold, coded)
    assert counts(report, "dyad") == (2, 1, 0)
    assert counts(report, "dated") == (1, 1, 0)


@pytest.mark.parametrize(
    ("gold_date", "coded_date", "matches"),
    [
        ("2030-05", "2030-05", True),
        ("2030-05", "2030-05-14", True),
        ("2030", "2030-11-30", True),
        ("2030-05", "2030-06-01", False),
        ("2030-05-14", "2030-05", False),
        ("2030-05-14", "2030-05-15", False),
        ("2030-05-14", "", False),
    ],
)
def test_dated_level_compares_at_the_gold_precision(
    gold_date: str, coded_date: str, matches: bool
) -> None:
    gold = [doc([gold_event("RETREAT", [actor("ARM", "MIL")], date=gold_date)])]
    coded = {"d1": [coded_event("RETREAT", actor("ARM", "MIL"), None, date=coded_date)]}
    expected = (1, 0, 0) if matches else (0, 1, 1)
    assert counts(score(gold, coded), "dated") == expected


def test_report_to_dict_carries_levels_and_documents() -> None:
    gold = [doc([gold_event("AID", [actor("NOR")], [actor("SOM")])])]
    data = score(gold, {"d1": [coded_event("AID", actor("NOR"), actor("SOM"))]}).to_dict()
    json.dumps(data)
    assert set(data["levels"]) == set(LEVELS)
    assert data["levels"]["dyad"]["f1"] == 1.0
    assert data["documents"][0]["id"] == "d1"


# --- loading --------------------------------------------------------------------------


def test_load_gold_reads_documents(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    record = {
        "id": "x-1",
        "text": "Made-up text.",
        "published": "2030-01-01",
        "events": [gold_event("AID", [actor("NOR")], [actor("SOM")])],
    }
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    (loaded,) = load_gold(path)
    assert loaded.id == "x-1"
    assert loaded.published == "2030-01-01"
    assert loaded.title == ""
    assert loaded.events[0]["event"] == "AID"


@pytest.mark.parametrize(
    "bad_line",
    [
        "{not json",
        "[1, 2]",
        '{"id": "x-2", "text": "t"}',
        '{"id": "x-2", "text": "t", "events": [{"source": []}]}',
        '{"id": "x-2", "text": "t", "events": [{"event": "AID", "source": "NOR"}]}',
        '{"id": "x-1", "text": "t", "events": []}',
    ],
)
def test_load_gold_names_file_and_line_of_a_bad_record(tmp_path: Path, bad_line: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "x-1", "text": "t", "events": []}\n' + bad_line + "\n")
    with pytest.raises(ValueError, match=re.escape(f"{path}:2: ")):
        load_gold(path)


# --- error analysis -------------------------------------------------------------------


def test_cause_no_trigger() -> None:
    gold = [doc([gold_event("AID", [actor("NOR")], [actor("SOM")], evidence="Norway sent aid.")])]
    (item,) = error_report(gold, {})
    assert (item.kind, item.cause) == (MISS, "no trigger")
    assert item.sentence == "Norway sent aid."
    assert (item.event, item.source, item.target) == ("AID", "NOR", "SOM")


def test_cause_wrong_type_for_the_miss_and_the_false_positive() -> None:
    gold = [doc([gold_event("ACCUSE", [actor("FRA")], [actor("ITA")])])]
    coded = {"d1": [coded_event("REJECT", actor("FRA"), actor("ITA"), sentence="Coded one.")]}
    items = error_report(gold, coded)
    assert {(i.kind, i.cause) for i in items} == {
        (MISS, "wrong type"),
        (FALSE_POSITIVE, "wrong type"),
    }
    fp = next(i for i in items if i.kind == FALSE_POSITIVE)
    assert fp.sentence == "Coded one."
    assert "ACCUSE" in fp.detail


def test_cause_wrong_or_missing_source() -> None:
    gold = [doc([gold_event("THREATEN", [actor("PRK")], [actor("KOR")])])]
    coded = {"d1": [coded_event("THREATEN", actor("CHN"), actor("KOR"))]}
    causes = {(i.kind, i.cause) for i in error_report(gold, coded)}
    assert causes == {
        (MISS, "wrong or missing source"),
        (FALSE_POSITIVE, "wrong or missing source"),
    }


def test_cause_wrong_or_missing_target() -> None:
    gold = [doc([gold_event("SANCTION", [actor("USA")], [actor("IRN")])])]
    coded = {"d1": [coded_event("SANCTION", actor("USA"), None)]}
    causes = {(i.kind, i.cause) for i in error_report(gold, coded)}
    assert causes == {
        (MISS, "wrong or missing target"),
        (FALSE_POSITIVE, "wrong or missing target"),
    }


def test_cause_date() -> None:
    gold = [doc([gold_event("AGREE", [actor("JPN")], [actor("KOR")], date="2030-05-02")])]
    coded = {"d1": [coded_event("AGREE", actor("JPN"), actor("KOR"), date="2030-05-03")]}
    (item,) = error_report(gold, coded)
    assert (item.kind, item.cause) == (MISS, "date")
    assert "2030-05-02" in item.detail
    assert "2030-05-03" in item.detail


def test_cause_spurious() -> None:
    gold = [doc([gold_event("AID", [actor("NOR")], [actor("SOM")])])]
    coded = {
        "d1": [
            coded_event("AID", actor("NOR"), actor("SOM")),
            coded_event("ASSAULT", actor("RUS"), actor("GEO"), sentence="Unrelated."),
        ]
    }
    (item,) = error_report(gold, coded)
    assert (item.kind, item.cause) == (FALSE_POSITIVE, "spurious")
    assert item.sentence == "Unrelated."


def test_output_of_a_negated_event_is_spurious_and_says_so() -> None:
    gold = [doc([gold_event("SANCTION", [actor("FRA")], [actor("ITA")], negated=True)])]
    (item,) = error_report(gold, {"d1": [coded_event("SANCTION", actor("FRA"), actor("ITA"))]})
    assert (item.kind, item.cause) == (FALSE_POSITIVE, "spurious")
    assert "did not happen" in item.detail


def test_miss_without_evidence_shows_the_sentence_naming_the_trigger() -> None:
    text = "First we made this up. Then Oslo pledged money to Mogadishu! Last line."
    gold = [
        doc(
            [gold_event("AID", [actor("NOR", text="Oslo")], [actor("SOM")], trigger="pledged")],
            text=text,
        )
    ]
    (item,) = error_report(gold, {})
    assert item.sentence == "Then Oslo pledged money to Mogadishu!"


def test_group_errors_orders_by_cause_and_drops_empty_causes() -> None:
    gold = [
        doc(
            [
                gold_event("AID", [actor("NOR")], [actor("SOM")]),
                gold_event("PROTEST", [actor("CHL")]),
            ]
        )
    ]
    coded = {"d1": [coded_event("ASSAULT", actor("RUS"), actor("GEO"))]}
    groups = group_errors(error_report(gold, coded))
    assert list(groups) == ["no trigger", "spurious"]
    assert len(groups["no trigger"]) == 2


# --- threshold curve ------------------------------------------------------------------


def test_threshold_curve_loses_recall_as_the_threshold_rises() -> None:
    gold = [
        doc(
            [
                gold_event("AID", [actor("NOR")], [actor("SOM")]),
                gold_event("CONSULT", [actor("NOR")], [actor("KEN")]),
                gold_event("AGREE", [actor("KEN")], [actor("SOM")]),
            ]
        )
    ]
    coded = {
        "d1": [
            coded_event("AID", actor("NOR"), actor("SOM"), confidence=0.95),
            coded_event("CONSULT", actor("NOR"), actor("KEN"), confidence=0.55),
            coded_event("AGREE", actor("KEN"), actor("SOM"), confidence=0.25),
            coded_event("ASSAULT", actor("KEN"), actor("SOM"), confidence=0.15),
        ]
    }
    curve = threshold_curve(gold, coded)
    assert [row["threshold"] for row in curve] == pytest.approx([i / 10 for i in range(10)])
    recalls = [row["recall"] for row in curve]
    assert recalls == sorted(recalls, reverse=True)
    assert recalls[0] == 1.0
    assert recalls[-1] == pytest.approx(1 / 3)
    assert curve[0]["precision"] == 0.75
    assert curve[2]["precision"] == 1.0
    assert [row["n_coded"] for row in curve][:3] == [4, 4, 3]


# --- rendering ------------------------------------------------------------------------


def test_rendering_shows_levels_and_error_groups() -> None:
    gold = [doc([gold_event("AID", [actor("NOR")], [actor("SOM")], evidence="[made up]")])]
    console = Console(record=True, width=120)
    report = score(gold, {})
    console.print(render_table(report))
    console.print(render_errors(group_errors(error_report(gold, {}))))
    out = console.export_text()
    for level in LEVELS:
        assert level in out
    assert "0.000" in out
    assert "no trigger (1)" in out
    assert "[made up]" in out


def test_render_errors_caps_rows_per_cause() -> None:
    gold = [doc([gold_event("AID", [actor("NOR")], [actor(c)]) for c in ("SOM", "KEN", "ETH")])]
    console = Console(record=True, width=120)
    console.print(render_errors(group_errors(error_report(gold, {})), limit=1))
    assert "and 2 more" in console.export_text()


# --- the real seed file ---------------------------------------------------------------


def as_coded(gold_docs: list[GoldDocument]) -> dict[str, list[dict[str, Any]]]:
    """Gold events a coder must output, written as §2-like coded events, one per pair."""
    coded: dict[str, list[dict[str, Any]]] = {}
    for gold_doc in gold_docs:
        out = coded.setdefault(gold_doc.id, [])
        for event in gold_doc.events:
            if event.get("optional") or event.get("negated"):
                continue
            for source in event["source"]:
                for target in event.get("target") or [None]:
                    out.append(
                        coded_event(event["event"], source, target, date=event.get("date", ""))
                    )
    return coded


def test_seed_gold_scores_perfectly_against_itself() -> None:
    path = SHARED / "data" / "seeds" / "seeds.gold.jsonl"
    if not path.is_file():
        pytest.fail(f"seed gold file missing: {path}")
    gold_docs = load_gold(path)
    assert gold_docs, f"no documents in {path}"
    report = score(gold_docs, as_coded(gold_docs))
    assert report.levels["dyad"].f1 == 1.0
    assert report.levels["dyad"].tp > 0
    for level in LEVELS:
        assert report.levels[level].fp == 0, level
        assert report.levels[level].fn == 0, level
    assert error_report(gold_docs, as_coded(gold_docs)) == []
