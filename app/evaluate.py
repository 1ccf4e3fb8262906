"""Measure extraction against gold facts with the shared scorer, beside a jieba baseline.

The gold covers two folders: the bundled demo corpus (`data/corpus/`) and the development documents from
other provinces (`docs/` beside the gold folder). Both are built into one graph and scored together and
folder by folder, because the bundled figure alone hides how extraction does on text it was not tuned on.

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
from dataclasses import dataclass, field
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
    by_folder: dict[str, dict[str, dict]] = field(default_factory=dict)  # folder name -> that folder's scores
    by_document: dict[str, dict[str, dict]] = field(default_factory=dict)  # file name -> that document's scores


def default_scorer(gold_dir: Path) -> Path:
    return Path(gold_dir).resolve().parent / "score.py"


def default_corpora(gold_dir: Path) -> list[Path]:
    """The bundled corpus, and the development documents (`docs/` beside the gold folder) when present."""
    docs = Path(gold_dir).resolve().parent / "docs"
    return [BUNDLED_CORPUS, *([docs] if docs.is_dir() else [])]


def gold_documents(gold_dir: Path) -> list[str]:
    names: set[str] = set()
    for path in sorted(Path(gold_dir).glob("*.gold.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names.add(json.loads(line)["doc"])
    return sorted(names)


def score(scorer: Path, export: Path, gold_dir: Path, docs: list[str] | None = None) -> dict[str, dict]:
    """Run the shared scorer (on these documents only, when given) and read its JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        only = ["--docs", ",".join(docs)] if docs else []
        completed = subprocess.run([sys.executable, str(scorer), str(export), str(gold_dir), "--json", str(out), *only],
                                   capture_output=True, text=True, check=False)
        if completed.returncode != 0 or not out.exists():
            raise RuntimeError(f"the scorer failed: {completed.stderr or completed.stdout}")
        return json.loads(out.read_text(encoding="utf-8"))


def evaluate(gold_dir: Path, corpora: Path | list[Path] | None = None, scorer: Path | None = None,
             baseline: bool = True) -> Evaluation:
    """Build a fresh graph from the documents the gold names, export it, and score it (and the baseline):
    over all folders at once, folder by folder (`by_folder`, keyed by the folder's name) and document by
    document (`by_document`: the goal is every document, not only the mean)."""
    gold_dir = Path(gold_dir)
    scorer = scorer or default_scorer(gold_dir)
    if not scorer.is_file():
        raise FileNotFoundError(f"no scorer at {scorer} (pass --scorer)")
    folders = [Path(c) for c in ([corpora] if isinstance(corpora, (str, Path)) else corpora or default_corpora(gold_dir))]
    names = gold_documents(gold_dir)
    located = {name: next((f / name for f in folders if (f / name).is_file()), None) for name in names}
    found = [path for path in located.values() if path is not None]
    missing = [name for name, path in located.items() if path is None]
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
        project = score(scorer, export, gold_dir, [p.name for p in found])
        by_folder = {}
        for folder in folders:
            inside = [p.name for p in found if p.parent == folder]
            if inside and len(folders) > 1:
                by_folder[folder.name] = score(scorer, export, gold_dir, inside)
        by_document = {path.name: score(scorer, export, gold_dir, [path.name]) for path in found}
        base: dict[str, dict] = {}
        if baseline:
            baseline_export = Path(tmp) / "baseline.json"
            baseline_export.write_text(json.dumps(jieba_baseline(found), ensure_ascii=False), encoding="utf-8")
            base = score(scorer, baseline_export, gold_dir, [p.name for p in found])
    return Evaluation(project, base, [p.name for p in found], missing, by_folder, by_document)


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
