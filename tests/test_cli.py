"""The command line, end to end, on our own example articles and on broken inputs."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from support import EXAMPLES, ROOT
from whowhom import runner as runner_module
from whowhom.cli import cli
from whowhom.store.db import EventFilter, EventStore

ARTICLES = EXAMPLES / "articles"


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "examples.duckdb"
    result = invoke("code", str(ARTICLES), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def count(db: Path, include_all: bool = True) -> int:
    with EventStore(db) as store:
        return store.count_events(EventFilter(include_all=include_all))


def test_code_examples_fills_the_store_and_prints_a_summary(coded_db: Path) -> None:
    assert count(coded_db) > 20
    with EventStore(coded_db) as store:
        docs = store.documents()
    assert len(docs) == len(list(ARTICLES.glob("*.txt")))
    assert all(d["published"] for d in docs), "byline dates should give publication dates"


def test_recoding_the_same_input_adds_no_duplicates(coded_db: Path) -> None:
    before = count(coded_db)
    result = invoke("code", str(ARTICLES), "--db", str(coded_db))
    assert "unchanged" in result.output
    forced = invoke("code", str(ARTICLES), "--db", str(coded_db), "--force")
    assert forced.exit_code == 0
    assert count(coded_db) == before


def test_events_filters_and_jsonl_follow_the_format(coded_db: Path) -> None:
    result = invoke("events", "--db", str(coded_db), "--format", "jsonl", "--event", "ACCUSE")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines and all(e["event"] == "ACCUSE" for e in lines)
    required = {"event_id", "doc_id", "event", "mode", "cameo", "goldstein", "quad_class",
                "source", "target", "date", "date_precision", "trigger", "sentence",
                "sentence_index", "negated", "hypothetical", "reported_by", "location",
                "confidence"}
    assert required <= set(lines[0])
    country = lines[0]["source"]["country"]
    by_country = invoke("events", "--db", str(coded_db), "--format", "jsonl",
                        "--country", country)
    assert all(country in (e["source"]["country"], (e["target"] or {}).get("country"))
               for e in map(json.loads, by_country.output.splitlines()))


def test_events_table_is_readable(coded_db: Path) -> None:
    result = invoke("events", "--db", str(coded_db), "--limit", "5")
    assert result.exit_code == 0
    assert re.search(r"5 of \d+ event", result.output)


def test_bad_date_filter_is_a_clear_error(coded_db: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(coded_db), "--since", "soon"])
    assert result.exit_code == 2
    assert "--since must be a date" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_event(coded_db: Path, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"events.{fmt}"
    result = invoke("export", "--db", str(coded_db), "--format", fmt, "--out", str(path))
    assert result.exit_code == 0, result.output
    n = count(coded_db, include_all=False)
    if fmt == "jsonl":
        assert len(path.read_text(encoding="utf-8").splitlines()) == n
    elif fmt == "csv":
        with path.open(encoding="utf-8") as fh:
            assert len(list(csv.DictReader(fh))) == n
    else:
        con = duckdb.connect()
        assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchall() == [
            (n,)]


def test_code_writes_jsonl_to_a_file_without_a_store(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = invoke("code", str(next(ARTICLES.glob("*.txt"))), "--no-store",
                    "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert events and all(not e["negated"] and not e["hypothetical"] for e in events)


def test_stdin_is_coded(tmp_path: Path) -> None:
    result = invoke("code", "-", "--no-store", "--format", "jsonl", "--published", "2024-03-01",
                    input="Poland condemned Belarus over the border incident.\n")
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [(e["event"], e["source"]["country"], e["target"]["country"]) for e in events] == [
        ("ACCUSE", "POL", "BLR")]


def bad_inputs(folder: Path) -> dict[str, str]:
    """Each kind of broken input, with words its message must contain."""
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (folder / "huge.txt").write_bytes(b"word " * 4_000_000)
    (folder / "feed.jsonl").write_text(
        '{"id": "ok-1", "text": "Hungary praised China."}\n{not json\n', encoding="utf-8")
    (folder / "nobody.html").write_text("<html><body><nav>Home</nav></body></html>")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    return {"empty.txt": "empty", "binary.txt": "binary", "latin1.txt": "UTF-8",
            "huge.txt": "too large", "feed.jsonl": "JSON", "nobody.html": "no article",
            "notes.pdf": "unsupported"}


def test_each_broken_input_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    expected = bad_inputs(tmp_path / "in")
    good = tmp_path / "in" / "good.txt"
    good.write_text("Estonia criticized Russia on Monday.\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(cli, ["code", str(tmp_path / "in"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    for name, words in expected.items():
        line = next((ln for ln in result.output.splitlines() if name in ln), "")
        assert words.lower() in line.lower(), (name, result.output)
    with EventStore(db) as store:
        failed = {Path(f["path"]).name for f in store.failures()}
        assert set(expected) <= failed
        ids = {d["doc_id"] for d in store.documents()}
    assert {"good", "ok-1"} <= ids
    strict = CliRunner().invoke(cli, ["code", str(tmp_path / "in"), "--db", str(db),
                                      "--strict"])
    assert strict.exit_code == 1


def test_nothing_codable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["code", str(tmp_path / "empty.txt"), "--no-store"])
    assert result.exit_code == 1
    assert "empty" in result.output


def test_a_crash_mid_run_leaves_whole_documents_and_a_rerun_resumes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "crash.duckdb"
    monkeypatch.setattr(runner_module, "SAVE_EVERY", 3)
    real_save = EventStore.save_documents
    calls = {"n": 0}

    def crash_on_second_batch(self, batch, version):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("simulated crash")
        return real_save(self, batch, version)

    monkeypatch.setattr(EventStore, "save_documents", crash_on_second_batch)
    with pytest.raises(RuntimeError, match="simulated crash"):
        CliRunner().invoke(cli, ["code", str(ARTICLES), "--db", str(db)],
                           catch_exceptions=False)
    monkeypatch.setattr(EventStore, "save_documents", real_save)
    with EventStore(db) as store:
        saved = store.documents()
        assert len(saved) == 3
        for d in saved:
            n = store.count_events(EventFilter(doc=d["doc_id"], include_all=True))
            assert n == d["n_events"]
    result = invoke("code", str(ARTICLES), "--db", str(db))
    assert "3 unchanged" in result.output
    with EventStore(db) as store:
        n_docs = len(list(ARTICLES.glob("*.txt")))
        assert len(store.documents()) == n_docs
        # the documents saved before the crash were fused by the run that resumed
        fused_docs = store.connection.execute(
            "SELECT count(DISTINCT doc_id) FROM doc_signatures").fetchall()[0][0]
        assert fused_docs == n_docs


def test_eval_reports_all_four_levels_as_json() -> None:
    result = invoke("eval", str(EXAMPLES / "examples.gold.jsonl"), "--json")
    report = json.loads(result.output)
    assert set(report["levels"]) == {"type", "dyad", "dyad+sector", "dated"}
    assert report["levels"]["type"]["f1"] > 0.3


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name
        assert f"whowhom {name}" in readme, f"README does not document `whowhom {name}`"


def test_two_workers_code_the_same_events_as_one(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    two = tmp_path / "two.jsonl"
    invoke("code", str(ARTICLES), "--no-store", "--out", str(one))
    result = invoke("code", str(ARTICLES), "--no-store", "--out", str(two), "--workers", "2")
    assert result.exit_code == 0, result.output
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert one.read_text(encoding="utf-8").strip()
