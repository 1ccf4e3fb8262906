"""A phrase outside the taxonomy stays its own industry and is filed under the one it is a kind of."""

from __future__ import annotations

from loaders.pipeline import process


def test_open_phrases_are_narrower_nodes(tmp_path):
    plan = tmp_path / "浙江省人工智能行动方案.txt"
    plan.write_text("浙江省人工智能发展行动方案（2024—2026年）\n一、重点任务\n"
                    "重点发展行业大模型、车规级芯片、新材料（高性能纤维、特种合金）。\n", encoding="utf-8")
    batch = process(plan)
    names = {node.id: node.name for node in batch.nodes.values()}
    targeted = {names[e.target] for e in batch.edges.values() if e.type == "TARGETS"}
    broader = {(names[e.source], names[e.target]) for e in batch.edges.values() if e.type == "SUBSECTOR_OF"}
    assert {"行业大模型", "车规级芯片", "特种合金"} <= targeted
    assert ("行业大模型", "大模型") in broader          # the term it ends with
    assert ("车规级芯片", "集成电路") in broader        # 芯片 is the taxonomy's 集成电路
    assert ("特种合金", "新材料") in broader            # the parent it was listed under
    assert "大模型" not in targeted                     # the broader term is not what the plan named
