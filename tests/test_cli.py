"""The policykg command line on a real embedded database."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli
from app.settings import BUNDLED_CORPUS
from graph.stores import open_store

runner = CliRunner()


def test_build_query_export(tmp_path: Path):
    db = tmp_path / "kg.lbug"
    built = runner.invoke(cli, ["build", str(BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"), "--db", str(db)])
    assert built.exit_code == 0, built.output
    assert "loaded 1 document" in built.output

    answer = runner.invoke(cli, ["query", "MATCH (d:Document) RETURN d.doc_number AS n", "--db", str(db), "--json"])
    assert answer.exit_code == 0, answer.output
    assert json.loads(answer.stdout) == [{"n": "汉政办发〔2024〕11号"}]

    refused = runner.invoke(cli, ["query", "MATCH (n) DETACH DELETE n", "--db", str(db)])
    assert refused.exit_code == 2 and "refused" in refused.output

    out = tmp_path / "kg.json"
    exported = runner.invoke(cli, ["export", "--format", "json", "--out", str(out), "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {n["label"] for n in data["nodes"]} >= {"Document", "City", "Industry"}


def test_build_reports_a_bad_file_and_exits_non_zero(tmp_path: Path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = runner.invoke(cli, ["build", str(bad), "--db", str(tmp_path / "kg.lbug")])
    assert result.exit_code == 1
    assert "empty" in result.output


def test_store_errors_end_a_command_in_one_line_with_exit_code_2(tmp_path: Path):
    """A build into a database someone is reading is refused (here a reader in this very process), and
    the refusal is the store's message, not a traceback."""
    db = tmp_path / "kg.lbug"
    open_store(db).close()
    reader = open_store(db, read_only=True)
    try:
        result = runner.invoke(cli, ["build", str(BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"), "--db", str(db)])
    finally:
        reader.close()
    assert result.exit_code == 2
    assert "is open by a reader" in result.output and "build into another path" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_build_loads_the_same_bytes_once_and_reports_the_copy_as_skipped(tmp_path: Path):
    """Two names for one content in one folder: the first in order is loaded, the second is a yellow
    "skipped" line naming the one it duplicates, and a skip alone is not a failure. The loaded file's name
    looks like rich markup ([b]), so the line only names it if the reason is escaped."""
    folder = tmp_path / "docs"
    folder.mkdir()
    text = (BUNDLED_CORPUS / "003_d17b420203dd7a74.txt").read_bytes()
    original, copy = folder / "[b]policy.txt", folder / "policy-copy.txt"
    original.write_bytes(text)
    copy.write_bytes(text)
    db = tmp_path / "kg.lbug"

    result = runner.invoke(cli, ["build", str(folder), "--db", str(db)])

    assert result.exit_code == 0, result.output
    assert "loaded 1 document" in result.output
    assert f"skipped policy-copy.txt: same content as {original}; loaded once" in result.output
    assert "failed" not in result.output
    answer = runner.invoke(cli, ["query", "MATCH (d:Document) RETURN count(d) AS n", "--db", str(db), "--json"])
    assert json.loads(answer.stdout) == [{"n": 1}]


def test_a_missing_gold_or_graph_is_one_line_and_exit_2_not_a_traceback(tmp_path: Path):
    """What a new user types first, before anything exists: one line saying what to do, no traceback."""
    import subprocess
    import sys

    policykg = str(Path(sys.executable).with_name("policykg"))
    gold_without_scorer = tmp_path / "gold"
    gold_without_scorer.mkdir()
    (gold_without_scorer / "plan.gold.jsonl").write_text("{}\n", encoding="utf-8")
    missing = str(tmp_path / "none.lbug")
    commands = {
        "eval, no gold folder": ["eval", "--gold", str(tmp_path / "no-gold")],
        "eval, no scorer": ["eval", "--gold", str(gold_without_scorer)],
        "serve, no graph": ["serve", "--db", missing, "--port", "9"],
        "query, no graph": ["query", "RETURN 1", "--db", missing],
        "export, no graph": ["export", "--out", str(tmp_path / "x.json"), "--db", missing],
        "analyze, no graph": ["analyze", "centrality", "--db", missing],
    }
    for what, args in commands.items():
        done = subprocess.run([policykg, *args], capture_output=True, text=True, timeout=120)
        output = (done.stdout + done.stderr).strip()
        assert done.returncode == 2, f"{what}: exit {done.returncode}\n{output}"
        assert "Traceback" not in output and len(output.splitlines()) <= 2, f"{what}:\n{output}"
        assert "policykg build" in output or "--gold" in output or "--scorer" in output, f"{what}: {output}"


def test_export_center_and_cluster_industry_take_a_name(tmp_path: Path):
    db = tmp_path / "kg.lbug"
    built = runner.invoke(cli, ["build", str(BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"), "--db", str(db)])
    assert built.exit_code == 0, built.output
    store = open_store(db, read_only=True)
    try:
        city_id, city_name = store.read_only("MATCH (c:City {name: '汉中市'}) RETURN c.id, c.name").rows[0]
    finally:
        store.close()
    exported = {}
    for how, center in [("id", city_id), ("name", city_name), ("short name", "汉中")]:
        out = tmp_path / f"{how}.json"
        done = runner.invoke(cli, ["export", "--center", center, "--out", str(out), "--db", str(db)])
        assert done.exit_code == 0, done.output
        exported[how] = json.loads(out.read_text(encoding="utf-8"))
    assert exported["id"] == exported["name"] == exported["short name"]
    assert city_id in {n["id"] for n in exported["id"]["nodes"]}

    unknown = runner.invoke(cli, ["export", "--center", "汉中市区", "--out", str(tmp_path / "x.json"), "--db", str(db)])
    assert unknown.exit_code == 2 and "names no entity" in unknown.output and "汉中市" in unknown.output
