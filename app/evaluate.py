"""Measure extraction against gold facts with the shared scorer, beside a jieba baseline.

The scorer (`score.py` beside the gold folder) is called, never copied: its matching rules are the
measure. The baseline is what a user would try first: jieba's part-of-speech tags, ns → places (scored as
parks, the gold's place type) and nt → organisations (scored as both orgs and firms, which jieba cannot
tell apart), on the same normalised text.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.build import build
from app.settings import BUNDLED_CORPUS
from graph.export import write_export
from graph.model import make_id
from graph.stores import open_store
from loaders.normalize import normalize
from loaders.pipeline import document_id
from loaders.read import read_document

BASELINE_TYPES = ("park", "firm", "org")


@dataclass
class Evaluation:
    project: dict[str, dict]
    baseline: dict[str, dict]
    documents: list[str]
    missing: list[str]


def default_scorer(gold_dir: Path) -> Path:
    return Path(gold_dir).resolve().parent / "score.py"


def gold_documents(gold_dir: Path) -> list[str]:
    names: set[str] = set()
    for path in sorted(Path(gold_dir).glob("*.gold.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names.add(json.loads(line)["doc"])
    return sorted(names)


def score(scorer: Path, export: Path, gold_dir: Path) -> dict[str, dict]:
    """Run the shared scorer and read its JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        completed = subprocess.run([sys.executable, str(scorer), str(export), str(gold_dir), "--json", str(out)],
                                   capture_output=True, text=True, check=False)
        if completed.returncode != 0 or not out.exists():
            raise RuntimeError(f"the scorer failed: {completed.stderr or completed.stdout}")
        return json.loads(out.read_text(encoding="utf-8"))


def evaluate(gold_dir: Path, corpus: Path = BUNDLED_CORPUS, scorer: Path | None = None,
             baseline: bool = True) -> Evaluation:
    """Build a fresh graph from the documents the gold names, export it, and score it (and the baseline)."""
    gold_dir = Path(gold_dir)
    scorer = scorer or default_scorer(gold_dir)
    if not scorer.is_file():
        raise FileNotFoundError(f"no scorer at {scorer} (pass --scorer)")
    names = gold_documents(gold_dir)
    found = [Path(corpus) / name for name in names if (Path(corpus) / name).is_file()]
    missing = [name for name in names if not (Path(corpus) / name).is_file()]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "eval.lbug")
        try:
            report = build(store, found)
            if report.failed:
                raise RuntimeError(f"documents failed to load: {report.failed}")
            export = Path(tmp) / "export.json"
            write_export(store, "json", export)
        finally:
            store.close()
        project = score(scorer, export, gold_dir)
        base: dict[str, dict] = {}
        if baseline:
            baseline_export = Path(tmp) / "baseline.json"
            baseline_export.write_text(json.dumps(jieba_baseline(found), ensure_ascii=False), encoding="utf-8")
            base = score(scorer, baseline_export, gold_dir)
    return Evaluation(project, base, [p.name for p in found], missing)


def jieba_baseline(paths: list[Path]) -> dict:
    """A SCHEMA.md export holding what jieba.posseg alone finds: ns as places (parks), nt as orgs and firms."""
    import jieba
    import jieba.posseg as posseg

    jieba.setLogLevel(60)
    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    for path in paths:
        doc_id = document_id(path)
        nodes[doc_id] = {"id": doc_id, "label": "Document", "name": path.name, "properties": {"file": path.name}}
        text = normalize(read_document(path).text).text
        seen: set[str] = set()
        for token in posseg.cut(text):
            labels = {"ns": ("Park",), "nt": ("Org", "Firm")}.get(token.flag, ())
            for label in labels:
                node_id = make_id(label, token.word)
                nodes.setdefault(node_id, {"id": node_id, "label": label, "name": token.word, "properties": {}})
                if (node_id, doc_id) not in seen:
                    seen.add((node_id, doc_id))
                    edges.append({"source": doc_id, "target": node_id, "type": "MENTIONS",
                                  "properties": {"doc": doc_id}})
    return {"nodes": list(nodes.values()), "edges": edges}
