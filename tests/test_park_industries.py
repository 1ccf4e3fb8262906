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


def test_each_sentence_hosts_in_the_parks_it_builds_on(tmp_path):
    found = hosts(tmp_path, "合肥市高新区方案.txt",
                  "合肥市新兴产业发展实施方案（2024—2026年）\n一、重点任务\n"
                  "依托合肥量子产业园，发展量子通信、量子计算。依托合肥航空产业基地，发展无人机、航空材料。\n")
    assert ("合肥航空产业基地", "无人机") in found
    assert ("合肥量子产业园", "无人机") not in found       # an earlier sentence's park does not carry on


def test_a_zone_type_is_not_an_industry(tmp_path):
    found = hosts(tmp_path, "成都市临空方案.txt",
                  "成都市临空经济发展方案（2024—2026年）\n一、重点任务\n立足双流临空经济区，建设航空物流枢纽。\n")
    assert not any(industry == "临空经济" for _, industry in found)


def targets(tmp_path, name: str, body: str) -> set[tuple[str, str, str]]:
    plan = tmp_path / name
    plan.write_text(body, encoding="utf-8")
    batch = process(plan)
    return {(batch.nodes[e.source].name, batch.nodes[e.target].name, e.props.get("strength"))
            for e in batch.edges.values() if e.type == "TARGETS"}


def test_the_place_a_park_is_named_for_develops_its_industry(tmp_path):
    """"支持宜昌、荆州等地建设…", "推进襄阳数字贸易试验区建设": a park named place + industry is that place's."""
    found = targets(tmp_path, "湖北省数字经济行动方案.txt",
                    "湖北省数字经济发展行动方案（2024—2026年）\n"
                    "一、重点任务\n推进襄阳数字贸易试验区、十堰区块链产业园建设。\n")
    assert {("襄阳市", "数字贸易", "cultivate"), ("十堰市", "区块链", "cultivate")} <= found


def test_a_park_named_for_two_industries_gives_its_place_both(tmp_path):
    found = targets(tmp_path, "湖北省新材料产业方案.txt",
                    "湖北省新材料产业发展行动方案（2024—2026年）\n一、重点任务\n推动宜昌生物医药新材料产业园建设。\n")
    assert {("宜昌市", "生物医药", "cultivate"), ("宜昌市", "新材料", "cultivate")} <= found


def test_a_province_named_on_a_park_is_not_its_developer(tmp_path):
    """A province's name on a park is a brand: the park lies in one of its cities."""
    found = targets(tmp_path, "武汉市航天产业方案.txt",
                    "武汉市航天产业发展实施方案（2024—2026年）\n一、重点任务\n支持湖北航天技术产业园扩区。\n")
    assert not any(place == "湖北省" for place, _, _ in found)


def test_places_listed_before_a_park_each_get_one_in_their_own_place(tmp_path):
    """"支持甲、乙等地建设X产业园": one park per place, located in that place, and the place develops X."""
    plan = tmp_path / "湖北省新兴产业行动方案.txt"
    plan.write_text("湖北省新兴产业发展行动方案（2024—2026年）\n"
                    "一、重点任务\n支持宜昌、荆州、黄石等地建设无人机产业园。\n", encoding="utf-8")
    batch = process(plan)
    edges = {(e.type, batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values()}
    for city in ("宜昌", "荆州", "黄石"):
        assert ("LOCATED_IN", f"{city}无人机产业园", f"{city}市") in edges
        assert ("TARGETS", f"{city}市", "无人机") in edges
    assert not any(kind == "LOCATED_IN" and place == "湖北省" for kind, _, place in edges)


def test_a_park_without_a_place_in_its_name_lies_where_its_sentence_is(tmp_path):
    """"郑州…，航空港区智能终端产业园入驻企业…": the park is Zhengzhou's, not the province's the report is."""
    plan = tmp_path / "河南省产业链调研报告.txt"
    plan.write_text("河南省制造业产业链调研报告\n二、各地情况\n"
                    "洛阳着力打造先进装备制造集群，伊滨智能装备产业园入驻企业超过100家。\n", encoding="utf-8")
    batch = process(plan)
    located = {(batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values()
               if e.type == "LOCATED_IN" and batch.nodes[e.source].label == "Park"}
    assert located == {("伊滨智能装备产业园", "洛阳市")}


def test_respectively_pairs_places_with_industries(tmp_path):
    """"甲、乙分别重点发展X、Y": 甲 develops X and 乙 develops Y, not each both."""
    found = targets(tmp_path, "湖南省装备产业方案.txt",
                    "湖南省装备制造业发展行动方案（2024—2026年）\n一、重点任务\n"
                    "衡阳、岳阳分别重点发展输变电装备、船舶制造。长沙、湘潭重点发展工程机械、风电装备。\n")
    pairs = {(place, industry) for place, industry, _ in found}
    assert {("衡阳市", "输变电装备"), ("岳阳市", "船舶")} <= pairs
    assert not {("衡阳市", "船舶"), ("岳阳市", "输变电装备")} & pairs
    assert {("长沙市", "风电装备"), ("湘潭市", "工程机械")} <= pairs  # without 分别 each place develops the list


def test_a_place_written_before_a_known_park_opens_its_name(tmp_path):
    """"支持南宁东盟经开区发展…": the gazetteer knows the zone as 东盟经开区; 南宁 before it is where it lies, and
    the zone, not the city, is the subject of 发展."""
    plan = tmp_path / "南宁市电子信息产业方案.txt"
    plan.write_text("南宁市电子信息产业发展三年行动方案（2024—2026年）\n二、重点任务\n"
                    "支持南宁东盟经开区发展显示面板、背光模组等产品。\n", encoding="utf-8")
    batch = process(plan)
    edges = {(e.type, batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values()}
    assert ("HOSTS", "广西-东盟经济技术开发区", "背光模组") in edges
    assert ("LOCATED_IN", "广西-东盟经济技术开发区", "南宁市") in edges
    assert not any(kind == "TARGETS" and industry == "背光模组" for kind, _, industry in edges)
