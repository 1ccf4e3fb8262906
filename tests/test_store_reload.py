"""Re-loading a changed document into the embedded store: the graph is the one a fresh build of the final
documents gives, whether the graph was built one document at a time or by bulk load (COPY FROM), and the write
rule the delete relies on (a document's relationships touch only its own Document, Task and Target nodes) is
refused at write time, naming the relationship, with the store left as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.settings import BUNDLED_CORPUS
from graph.model import Edge, FactBatch, Node
from graph.stores import StoreError, open_store
from graph.stores.ladybug import LadybugStore
from loaders.pipeline import discover, process

DOC_A, DOC_B, DOC_C = "document:甲市储能意见", "document:甲市储能方案", "document:甲市氢能通知"
JIA, DISTRICT = "city:甲市", "city:甲市新城区"
STORAGE, HYDROGEN, BATTERY = "industry:新型储能", "industry:氢能", "industry:储能电池"
PARK, FIRM, ORG, AGENCY = "park:甲市高新区", "firm:甲储能科技", "org:甲市储能研究院", "agency:甲市工业和信息化局"
UNOWNED = "gazetteer:甲省"

NODES: dict[str, tuple[str, str, dict]] = {
    JIA: ("City", "甲市", {"level": "city", "adcode": "999100"}),
    DISTRICT: ("City", "新城区", {"level": "district", "adcode": "999102"}),
    STORAGE: ("Industry", "新型储能", {"level": "sector"}),
    HYDROGEN: ("Industry", "氢能", {"level": "sector"}),
    BATTERY: ("Industry", "储能电池", {"level": "segment"}),
    PARK: ("Park", "甲市高新技术产业开发区", {"kind": "high_tech_zone"}),
    FIRM: ("Firm", "甲储能科技有限公司", {"full_name": "甲储能科技有限公司"}),
    ORG: ("Org", "甲市储能研究院", {"kind": "institute"}),
    AGENCY: ("Agency", "甲市工业和信息化局", {"level": "city"}),
}


def node(node_id: str) -> Node:
    """A shared entity, the same in every batch (so the order in which batches merge it does not matter)."""
    label, name, props = NODES[node_id]
    return Node(label, node_id, name, [], None, dict(props))


class Doc:
    """One document's batch, written in the order a reader would: each fact with the sentence it was read from."""

    def __init__(self, doc_id: str, title: str):
        self.batch = FactBatch(doc_id)
        self.text = ""
        self.batch.add_node(Node("Document", doc_id, title, [], None, {"title": title, "level": "city"}))

    def scoped(self, label: str, key: str, **props) -> str:
        node_id = f"{label.lower()}:{self.batch.doc_id}|{key}"
        self.batch.add_node(Node(label, node_id, key, [], None, {**props, "doc": self.batch.doc_id}))
        return node_id

    def fact(self, kind: str, source: str, target: str, sentence: str, **extra) -> None:
        start = len(self.text)
        self.text += sentence
        labels = []
        for end in (source, target):
            if end not in self.batch.nodes:
                self.batch.add_node(node(end))
            labels.append(self.batch.nodes[end].label)
        self.batch.add_edge(Edge(kind, source, target, *labels, {"doc": self.batch.doc_id, "evidence": sentence,
                                                                  "start": start, "end": len(self.text), **extra}))

    def done(self) -> FactBatch:
        document = self.batch.nodes[self.batch.doc_id]
        document.props.update({"text": self.text, "chars": len(self.text)})
        return self.batch


def mentions(doc: Doc, *entities: str) -> None:
    for entity in entities:
        doc.fact("MENTIONS", doc.batch.doc_id, entity, f"文中提到{NODES[entity][1]}。", count=1)


def doc_a_first() -> FactBatch:
    a = Doc(DOC_A, "甲市关于加快新型储能产业发展的意见")
    mentions(a, JIA, STORAGE, HYDROGEN, BATTERY, PARK, FIRM, DISTRICT)
    a.fact("APPLIES_TO", DOC_A, JIA, "甲市人民政府印发。")
    a.fact("ISSUED", AGENCY, DOC_A, "甲市工业和信息化局发布。")
    a.fact("TARGETS", JIA, STORAGE, "甲市重点发展新型储能产业。", strength="key")  # B has the same pair: it stays
    a.fact("TARGETS", JIA, HYDROGEN, "甲市培育氢能产业。", strength="cultivate")
    a.fact("HOSTS", PARK, STORAGE, "高新区集聚新型储能企业。")  # so has B
    a.fact("LOCATED_IN", PARK, JIA, "高新区位于甲市。")
    a.fact("LOCATED_IN", FIRM, PARK, "甲储能科技落户高新区。")
    a.fact("IN_INDUSTRY", FIRM, STORAGE, "支持甲储能科技做强新型储能。")
    a.fact("PART_OF", DISTRICT, JIA, "新城区隶属甲市。")  # the gazetteer's undocumented one stays
    a.fact("SUBSECTOR_OF", BATTERY, STORAGE, "储能电池属新型储能。")
    first = a.scoped("Task", "一.（一）", title="壮大储能产业集群", section="一.（一）")
    second = a.scoped("Task", "一.（二）", title="建设氢能示范城市", section="一.（二）")
    goal = a.scoped("Target", "储能产值", metric="储能产业产值", value=300.0, unit="亿元", year=2027)
    subsidy = a.scoped("Target", "补贴", metric="储能项目补贴", value=0.2, unit="元/千瓦时", kind="subsidy")
    mentions_scoped = [(first, "一、壮大储能产业集群。"), (second, "二、建设氢能示范城市。"), (goal, "产值达到300亿元。")]
    for scoped, sentence in mentions_scoped:
        a.fact("MENTIONS", DOC_A, scoped, sentence, count=1)
    a.fact("LEADS", AGENCY, first, "市工业和信息化局牵头。")
    a.fact("SUPPORTS", AGENCY, second, "市工业和信息化局配合。")
    a.fact("CONCERNS", first, STORAGE, "壮大新型储能产业集群。")
    a.fact("HAS_TARGET", first, goal, "到2027年产值达到300亿元。")
    a.fact("HAS_TARGET", DOC_A, subsidy, "每千瓦时补贴0.2元。")
    a.fact("FOR_REGION", goal, JIA, "全市储能产值。")
    a.fact("FOR_INDUSTRY", goal, STORAGE, "新型储能产业产值。")
    return a.done()


def doc_a_changed() -> FactBatch:
    """The same document revised: facts removed (a TARGETS and a HOSTS whose pairs B also states, a LOCATED_IN,
    its PART_OF, a task, a target), facts added, and what stays read from other sentences (new offsets)."""
    a = Doc(DOC_A, "甲市关于加快新型储能产业发展的意见（修订）")
    a.text = "（修订）"
    mentions(a, JIA, HYDROGEN, BATTERY, PARK, FIRM, DISTRICT, ORG)
    a.fact("APPLIES_TO", DOC_A, JIA, "甲市人民政府印发。")
    a.fact("ISSUED", AGENCY, DOC_A, "甲市工业和信息化局发布。")
    a.fact("TARGETS", JIA, HYDROGEN, "甲市加快发展氢能产业。", strength="key")
    a.fact("TARGETS", DISTRICT, BATTERY, "新城区发展储能电池。", strength="other")
    a.fact("HOSTS", PARK, HYDROGEN, "高新区布局氢能项目。")
    a.fact("LOCATED_IN", PARK, JIA, "高新区位于甲市。")
    a.fact("IN_INDUSTRY", FIRM, STORAGE, "支持甲储能科技做强新型储能。")
    a.fact("IN_INDUSTRY", ORG, HYDROGEN, "甲市储能研究院攻关氢能技术。")
    a.fact("LEADS_CHAIN", FIRM, BATTERY, "甲储能科技为储能电池链主企业。")
    a.fact("SUBSECTOR_OF", BATTERY, STORAGE, "储能电池属新型储能。")
    first = a.scoped("Task", "一.（一）", title="壮大储能产业集群", section="一.（一）")
    third = a.scoped("Task", "一.（三）", title="培育氢能企业", section="一.（三）")
    goal = a.scoped("Target", "储能产值", metric="储能产业产值", value=350.0, unit="亿元", year=2027)
    for scoped, sentence in [(first, "一、壮大储能产业集群。"), (third, "三、培育氢能企业。"), (goal, "产值达到350亿元。")]:
        a.fact("MENTIONS", DOC_A, scoped, sentence, count=1)
    a.fact("LEADS", AGENCY, first, "市工业和信息化局牵头。")
    a.fact("SUPPORTS", AGENCY, third, "市工业和信息化局配合。")
    a.fact("CONCERNS", third, HYDROGEN, "培育氢能企业。")
    a.fact("HAS_TARGET", first, goal, "到2027年产值达到350亿元。")
    a.fact("FOR_REGION", goal, DISTRICT, "新城区储能产值。")
    return a.done()


def doc_b() -> FactBatch:
    b = Doc(DOC_B, "甲市新型储能产业实施方案")
    mentions(b, JIA, STORAGE, PARK, DISTRICT)
    b.fact("TARGETS", JIA, STORAGE, "甲市加快培育新型储能产业。", strength="cultivate")
    b.fact("HOSTS", PARK, STORAGE, "高新区建设储能产业园。")
    b.fact("LOCATED_IN", PARK, JIA, "高新区坐落在甲市。")
    b.fact("PART_OF", DISTRICT, JIA, "新城区是甲市的市辖区。")
    task = b.scoped("Task", "二.（一）", title="建设储能产业园", section="二.（一）")
    b.fact("MENTIONS", DOC_B, task, "二、建设储能产业园。", count=1)
    b.fact("LEADS", AGENCY, task, "市工业和信息化局牵头。")
    b.fact("CONCERNS", task, STORAGE, "建设新型储能产业园。")
    return b.done()


def doc_c() -> FactBatch:
    c = Doc(DOC_C, "甲市氢能产业通知")
    mentions(c, HYDROGEN, DISTRICT)
    c.fact("TARGETS", DISTRICT, HYDROGEN, "新城区发展氢能。", strength="other")
    return c.done()


def gazetteer() -> FactBatch:
    """Facts no document owns: the administrative and taxonomy links, without `doc`."""
    batch = FactBatch(UNOWNED)
    for entity in (DISTRICT, JIA, BATTERY, STORAGE):
        batch.add_node(node(entity))
    batch.add_edge(Edge("PART_OF", DISTRICT, JIA, "City", "City", {}))
    batch.add_edge(Edge("SUBSECTOR_OF", BATTERY, STORAGE, "Industry", "Industry", {}))
    return batch


def built(path: Path, batches: list[FactBatch], bulk: bool = False) -> LadybugStore:
    store = open_store(path)
    if bulk:
        store.bulk_load(batches)
    else:
        for batch in batches:
            store.replace_document(batch)
    return store


def fresh_export(path: Path, makers: list[Callable[[], FactBatch]]) -> dict:
    store = built(path, [make() for make in makers])
    try:
        return store.export()
    finally:
        store.close()


FINAL = [gazetteer, doc_a_changed, doc_b, doc_c]


@pytest.mark.parametrize("bulk", [False, True], ids=["one by one", "bulk load"])
def test_a_changed_document_reloaded_gives_the_graph_a_fresh_build_gives(tmp_path, bulk):
    store = built(tmp_path / "g.lbug", [gazetteer(), doc_a_first(), doc_b(), doc_c()], bulk=bulk)
    try:
        first = store.export()
        store.replace_document(doc_a_changed())
        got = store.export()
        assert store.document_text(DOC_A) == doc_a_changed().nodes[DOC_A].props["text"]
    finally:
        store.close()
    want = fresh_export(tmp_path / "fresh.lbug", FINAL)
    assert got == want
    # The test can tell a wrong delete: the revision removed and added facts, and kept both ends of the
    # TARGETS and HOSTS it removed in the graph through document B.
    def edges(export: dict) -> set:
        return {(e["type"], e["source"], e["target"], e["properties"].get("doc")) for e in export["edges"]}
    removed, added = edges(first) - edges(got), edges(got) - edges(first)
    assert {("TARGETS", JIA, STORAGE, DOC_A), ("HOSTS", PARK, STORAGE, DOC_A), ("PART_OF", DISTRICT, JIA, DOC_A),
            ("SUPPORTS", AGENCY, f"task:{DOC_A}|一.（二）", DOC_A)} <= removed
    assert {("TARGETS", DISTRICT, BATTERY, DOC_A), ("LEADS_CHAIN", FIRM, BATTERY, DOC_A)} <= added
    assert {("TARGETS", JIA, STORAGE, DOC_B), ("HOSTS", PARK, STORAGE, DOC_B), ("PART_OF", DISTRICT, JIA, None),
            ("SUBSECTOR_OF", BATTERY, STORAGE, None)} <= edges(got)
    assert f"target:{DOC_A}|补贴" not in {n["id"] for n in got["nodes"]}


def test_reloading_twice_and_deleting_leave_no_trace_of_the_old_versions(tmp_path):
    store = built(tmp_path / "g.lbug", [gazetteer(), doc_a_first(), doc_b(), doc_c()])
    try:
        store.replace_document(doc_a_changed())
        store.replace_document(doc_a_changed())
        assert store.export() == fresh_export(tmp_path / "fresh.lbug", FINAL)
        store.delete_document(DOC_A)
        got = store.export()
    finally:
        store.close()
    want = fresh_export(tmp_path / "without_a.lbug", [gazetteer, doc_b, doc_c])
    assert got["edges"] == want["edges"]
    assert not [n for n in got["nodes"] if DOC_A in n["id"]]  # its Document, Task and Target nodes went with it


@pytest.fixture(scope="module")
def corpus() -> list[Path]:
    return discover([BUNDLED_CORPUS])


def test_a_corpus_document_reloaded_changed_gives_the_fresh_build(tmp_path, corpus):
    """The extractor's batches keep the write rule, and the delete finds all a real document wrote."""
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / "manifest.json").write_bytes((BUNDLED_CORPUS / "manifest.json").read_bytes())  # its source, level
    (changed / corpus[0].name).write_bytes(corpus[0].read_bytes() + "\n\n修订：本文件自印发之日起施行。\n".encode())
    revised = process(discover([changed])[0])
    originals = [process(path) for path in corpus]
    assert revised.doc_id == originals[0].doc_id
    store = built(tmp_path / "g.lbug", originals)
    try:
        store.replace_document(revised)
        got = store.export()
    finally:
        store.close()
    fresh = built(tmp_path / "fresh.lbug", [revised, *[process(path) for path in corpus[1:]]])
    try:
        assert got == fresh.export()
    finally:
        fresh.close()


# ------------------------------------------------------------------------------- the write rule, refused

def foreign_mention() -> FactBatch:
    """Document A's batch claiming a mention made by document B."""
    batch = doc_a_changed()
    batch.add_node(Node("Document", DOC_B, "甲市新型储能产业实施方案", [], None, {}))
    batch.add_edge(Edge("MENTIONS", DOC_B, HYDROGEN, "Document", "Industry", {"doc": DOC_A, "count": 1}))
    return batch


def foreign_task_edge() -> FactBatch:
    """Document A's batch with a relationship of its own on document B's task."""
    batch = doc_a_changed()
    task = f"task:{DOC_B}|二.（一）"
    batch.add_node(Node("Task", task, "二.（一）", [], None, {"title": "建设储能产业园", "doc": DOC_B}))
    batch.add_edge(Edge("SUPPORTS", AGENCY, task, "Agency", "Task", {"doc": DOC_A, "evidence": "配合。"}))
    return batch


def ownerless_target_edge() -> FactBatch:
    batch = doc_a_changed()
    batch.add_node(Node("Target", "target:无主", "无主目标", [], None, {"metric": "产值"}))
    batch.add_edge(Edge("FOR_INDUSTRY", "target:无主", HYDROGEN, "Target", "Industry", {"doc": DOC_A}))
    return batch


def task_taken_from_b() -> FactBatch:
    """Document A's batch giving itself document B's task (its own relationships on it carry A's id)."""
    batch = doc_a_changed()
    task = f"task:{DOC_B}|二.（一）"
    batch.add_node(Node("Task", task, "二.（一）", [], None, {"title": "建设储能产业园", "doc": DOC_A}))
    batch.add_edge(Edge("MENTIONS", DOC_A, task, "Document", "Task", {"doc": DOC_A, "count": 1}))
    return batch


REFUSED = {
    "a mention on another document": (foreign_mention, f"MENTIONS {DOC_B} -> {HYDROGEN} carries doc {DOC_A}"),
    "an edge on another document's task": (foreign_task_edge, f"SUPPORTS {AGENCY} -> task:{DOC_B}"),
    "an edge on a target of no document": (ownerless_target_edge, "FOR_INDUSTRY target:无主 -> industry:氢能 "
                                                                  "carries doc .*no document"),
    "another document's task taken": (task_taken_from_b, f"Task task:{DOC_B}.* belongs to {DOC_B}"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_relationship_on_another_documents_node_is_refused_and_nothing_changes(tmp_path, case):
    make, message = REFUSED[case]
    store = built(tmp_path / "g.lbug", [gazetteer(), doc_a_first(), doc_b(), doc_c()])
    try:
        before = store.export()
        with pytest.raises(StoreError, match=message):
            store.replace_document(make())
        with pytest.raises(StoreError, match=message):
            store.upsert(make())
        assert store.export() == before
    finally:
        store.close()


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_bulk_load_breaking_the_write_rule_is_refused_and_nothing_changes(tmp_path, case):
    make, message = REFUSED[case]
    into_graph = built(tmp_path / "g.lbug", [gazetteer(), doc_b(), doc_c()])
    empty = open_store(tmp_path / "empty.lbug")
    try:
        before = into_graph.export()
        with pytest.raises(StoreError, match=message):
            into_graph.bulk_load([make()], doc_ids=[DOC_A])
        assert into_graph.export() == before
        batches = [gazetteer(), doc_b(), make()]
        with pytest.raises(StoreError, match=message):
            empty.bulk_load(batches)
        assert empty.counts() == dict.fromkeys(empty.counts(), 0)
    finally:
        into_graph.close()
        empty.close()
