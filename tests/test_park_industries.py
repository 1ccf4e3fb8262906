"""Which industries a park carries, on plans written for these tests (Hubei, Guangxi and Hebei style)."""

from __future__ import annotations

from loaders.pipeline import process


def hosts(tmp_path, name: str, body: str) -> set[tuple[str, str]]:
    plan = tmp_path / name
    plan.write_text(body, encoding="utf-8")
    batch = process(plan)
    return {(batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values() if e.type == "HOSTS"}


def test_a_park_hosts_what_its_name_is_for(tmp_path):
    found = hosts(tmp_path, "襄阳市数字经济行动方案.txt",
                  "襄阳市数字经济发展行动方案（2024—2026年）\n"
                  "一、重点任务\n高标准建设襄阳数字贸易试验区，打造襄阳VR科创城。\n")
    assert ("襄阳数字贸易试验区", "数字贸易") in found
    assert ("襄阳VR科创城", "VR") in found


def test_parks_a_sentence_builds_on_host_its_list(tmp_path):
    found = hosts(tmp_path, "柳州市软件产业方案.txt",
                  "柳州市软件产业发展实施方案（2024—2026年）\n"
                  "一、重点任务\n以柳东软件园、鹿寨软件产业孵化园等园区为载体，加强基础软件、工业软件研发。\n")
    assert {("柳东软件园", "基础软件"), ("柳东软件园", "工业软件")} <= found


def test_a_generic_zone_name_hosts_nothing_open(tmp_path):
    found = hosts(tmp_path, "邯郸市园区方案.txt",
                  "邯郸市园区提升实施方案（2024—2026年）\n一、重点任务\n推进邯郸经济技术开发区扩区提质。\n")
    assert not any(park == "邯郸经济技术开发区" for park, _ in found)
