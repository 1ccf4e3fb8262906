"""Firms and organisations: name boundaries, list contexts, alias resolution, roles, kinds, generic phrases."""

from __future__ import annotations

from pathlib import Path

from graph.model import FactBatch, Node, make_id
from loaders.extract import DocContext, Mention
from loaders.extract.firms import extract_firms
from loaders.extract.orgs import extract_orgs
from loaders.pipeline import process
from loaders.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SHAANXI, XIAN = "city:610000", "city:610100"
XIFEI = "中航西安飞机工业集团股份有限公司"


def _run(text: str, *extractors) -> FactBatch:
    """Run the extractors on one synthetic document of Xi'an."""
    place = Mention("City", 0, 0, "西安市", XIAN, "西安市", {})
    ctx = DocContext("document:test.txt", text, segment(text), None, SHAANXI, place)
    batch = FactBatch(ctx.doc_id)
    for extractor in extractors or (extract_firms, extract_orgs):
        extractor(ctx, batch)
    return batch


def _nodes(batch: FactBatch, label: str) -> dict[str, Node]:
    return {node.name: node for node in batch.nodes.values() if node.label == label}


def _forms(node: Node) -> set[str]:
    return {node.name, *node.aliases, node.props.get("full_name"), node.props.get("short_name")} - {None}


def _edges(batch: FactBatch, kind: str) -> set[tuple[str, str]]:
    return {(batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values() if e.type == kind}


def _firm_with(batch: FactBatch, form: str) -> Node:
    found = [node for node in _nodes(batch, "Firm").values() if form in _forms(node)]
    assert len(found) == 1, (form, sorted(_nodes(batch, "Firm")))
    return found[0]


# --- firms -------------------------------------------------------------------------------------------------------

def test_full_names_start_after_the_verb_that_introduces_them():
    batch = _run("依托浙江华睿智能科技有限公司，引进湖南星沙重工集团有限公司。主要以陕西凝远新材料科技股份有限公司为代表，"
                 "发展节能环保产业。", extract_firms)
    assert {"浙江华睿智能科技有限公司", "湖南星沙重工集团有限公司", "陕西凝远新材料科技股份有限公司"} <= set(_nodes(batch, "Firm"))
    assert not any(name.startswith(("依托", "引进", "主要", "以")) for name in _nodes(batch, "Firm"))


def test_full_name_wrapped_across_a_pdf_line_break():
    batch = _run("6.先进有色金属材料制造。以陕西三毅有岩材料科技有\n限公司、陕西津达线缆制造有限公司为代表，形成金属材料制造产业。",
                 extract_firms)
    assert {"陕西三毅有岩材料科技有限公司", "陕西津达线缆制造有限公司"} <= set(_nodes(batch, "Firm"))


def test_short_names_in_chain_leader_lists():
    batch = _run("推动航空产业链转型。着眼航空产业链特点，推动西飞、航发动力等链主企业，带动各相关企业跟进改造。", extract_firms)
    leads = _edges(batch, "LEADS_CHAIN")
    assert {(XIFEI, "航空"), ("中国航发动力股份有限公司", "航空")} <= leads
    assert not _edges(batch, "IN_INDUSTRY")


def test_short_names_of_unknown_firms_in_key_firm_lists():
    batch = _run("（1）推动航空企业改造。积极引导驰达飞机、泽达航空等重点企业，打造一批典型场景。", extract_firms)
    firms = _nodes(batch, "Firm")
    assert {"驰达飞机", "泽达航空"} <= set(firms)
    industries = _edges(batch, "IN_INDUSTRY")
    assert ("驰达飞机", "航空") in industries
    assert not _edges(batch, "LEADS_CHAIN")


def test_represented_lists_and_lists_closed_by_a_kind_of_firm():
    batch = _run("国内涌现了一批优质的企业，包括华为海思、紫光展锐等芯片设计公司，以中芯国际、华虹半导体为代表的晶圆制造企业。",
                 extract_firms)
    for form in ("华为海思", "紫光展锐", "中芯国际", "华虹半导体"):
        _firm_with(batch, form)


def test_leader_and_introducing_verbs_in_another_province():
    batch = _run("长沙经开区以湖南星沙重工集团有限公司为龙头，发展工程机械产业。长春新区依托华为等数字平台优势，引进欧菲光、"
                 "徐工等龙头企业。", extract_firms)
    assert any(f == "湖南星沙重工集团有限公司" for f, _ in _edges(batch, "LEADS_CHAIN"))
    for form in ("华为", "欧菲光", "徐工"):
        _firm_with(batch, form)
    assert ("华为技术有限公司", "长春新区") in _edges(batch, "LOCATED_IN")


def test_short_and_full_names_resolve_to_one_node_with_every_form():
    batch = _run(f"推动西飞、航发动力等链主企业。{XIFEI}加快建设。中航西飞扩大产能。", extract_firms)
    node = _firm_with(batch, "西飞")
    assert node.id == make_id("Firm", XIFEI)
    assert {"西飞", "中航西飞", XIFEI} <= _forms(node)
    assert [n for n in _nodes(batch, "Firm").values() if "西飞" in _forms(n)] == [node]


def test_a_district_written_short_is_no_developer():
    """"望城新能源汽车产业园": 望城 is 望城区 written without 区, the park's place; 比亚迪 opens its own base."""
    firms = _nodes(_run("高标准建设雨花汽车零部件产业园、望城新能源汽车产业园。支持比亚迪新能源汽车生产基地建设。",
                        extract_firms), "Firm")
    assert list(firms) == ["比亚迪股份有限公司"]


def test_a_firm_is_located_in_the_most_specific_place_its_name_opens_with():
    """"陕西西安某某有限公司": the firm is in 西安, which lies in 陕西."""
    batch = _run("支持陕西西安华星精密机械有限公司等龙头企业扩大产能。", extract_firms)
    assert _edges(batch, "LOCATED_IN") == {("陕西西安华星精密机械有限公司", "西安市")}


def test_trade_names_in_a_list_of_firms_are_firms():
    """"江西铜业、赣锋锂业等龙头企业": a place or brand and the one material a firm trades in; sectors stay out."""
    assert set(_nodes(_run("支持江西铜业、赣锋锂业等龙头企业做大做强。", extract_firms), "Firm")) == {"江西铜业", "赣锋锂业"}
    assert not _nodes(_run("推动钢铁业、纺织业等企业数字化改造。", extract_firms), "Firm")


def test_a_product_opening_a_project_is_no_developer():
    """"支持晶圆制造项目建设": 晶圆 is what the project makes, not who develops it."""
    assert not _nodes(_run("支持晶圆制造项目建设，推进电芯生产基地建设。", extract_firms), "Firm")


def test_a_town_the_document_names_is_no_developer():
    """"甲溪镇重点发展…。建设甲溪家电产业园": 甲溪 is the town the text names in full, not a firm."""
    firms = _nodes(_run("甲溪镇重点发展智能家电。高水平建设甲溪家电产业园。", extract_firms), "Firm")
    assert "甲溪" not in firms


def test_project_names_give_their_developer_and_stay_parks():
    batch = _run("建设三一西安产业园。新建宝能新能源汽车生产基地整车项目。", extract_firms)
    firms = _nodes(batch, "Firm")
    assert "三一西安产业园" not in firms and "宝能新能源汽车生产基地" not in firms
    _firm_with(batch, "三一")
    baoneng = _firm_with(batch, "宝能")
    assert (baoneng.name, "新能源汽车") in _edges(batch, "IN_INDUSTRY")


def test_generic_companies_and_product_lists_are_not_firms():
    batch = _run("上市公司数量达到60家。发挥大企业大集团引领作用。探索投资建设公司+专业运营公司模式。鼓励各市通过创新券、"
                 "服务券等方式加大企业上云力度。推动白酒制造、农副食品加工等企业开发新产品。积极引进芯片、摄像头、天线等零部件"
                 "生产企业。吸引配套企业在陕建厂配套。创建三星级绿色工厂。", extract_firms)
    assert _nodes(batch, "Firm") == {}


# --- organisations -----------------------------------------------------------------------------------------------

def test_org_kinds_and_boundaries():
    batch = _run("依托秦创原创新驱动平台和西安交通大学等高校资源。依托陕西空天动力研究院等科研院所。充分发挥国家增材制造创新"
                 "中心作用。支持西安航空产业企业联合会发挥作用。", extract_orgs)
    orgs = _nodes(batch, "Org")
    kinds = {name: node.props["kind"] for name, node in orgs.items()}
    assert kinds == {"秦创原创新驱动平台": "platform", "西安交通大学": "university", "陕西空天动力研究院": "institute",
                     "国家增材制造创新中心": "platform", "西安航空产业企业联合会": "association"}
    assert ("西安交通大学", "西安市") in _edges(batch, "LOCATED_IN")
    assert ("国家增材制造创新中心", "增材制造") in _edges(batch, "IN_INDUSTRY")


def test_org_short_forms_and_nested_names():
    batch = _run("以西工大智能飞行器产业化示范基地为依托。推动西北工业大学国家级大数据工程实验室建设。开拓中科大先研院、"
                 "清华公共安全研究院等创新平台。", extract_orgs)
    orgs = _nodes(batch, "Org")
    assert "西工大" in orgs["西北工业大学"].aliases
    assert {"国家级大数据工程实验室", "中科大先研院", "清华公共安全研究院"} <= set(orgs)


def test_the_national_academies_by_their_short_names():
    """"深化与中科院、工程院等研究机构的合作": both are academies, named as everyone abbreviates them."""
    orgs = _nodes(_run("深化与中科院、工程院、社科院等国家级研究机构的合作。", extract_orgs), "Org")
    assert {"中国科学院", "中国工程院", "中国社会科学院"} <= set(orgs)


def test_institutes_under_the_academy_of_sciences():
    orgs = _nodes(_run("支持中国科学院西安光学精密机械研究所建设。", extract_orgs), "Org")
    assert {"中国科学院", "西安光学精密机械研究所"} <= set(orgs)
    assert orgs["中国科学院"].props["kind"] == "institute"


def test_generic_org_phrases_are_rejected():
    batch = _run("建设省级制造业创新中心。建成国家级制造业创新中心。搭建公共服务平台。加强与高校、科研院所合作。发挥行业协会"
                 "作用。加快创新平台建设。引导企业建设国家重点实验室。", extract_orgs)
    assert _nodes(batch, "Org") == {}


# --- one real document -------------------------------------------------------------------------------------------

def test_research_report_firms_through_the_pipeline():
    batch = process(ROOT / "data" / "corpus" / "002_0c78ae7ffa5dffca.txt")
    firms = _nodes(batch, "Firm")
    for name in ("中车西安车辆有限公司", "陕西海天制药有限公司", "陕西三毅有岩材料科技有限公司", "西安三航动力科技公司"):
        assert name in firms
    for form in ("中芯国际", "京东方", "欧菲光", "软通动力"):
        _firm_with(batch, form)
    assert any(f == "中车西安车辆有限公司" for f, _ in _edges(batch, "LEADS_CHAIN"))
    assert "三一西安产业园" not in firms
    assert {"哈尔滨工业大学", "清华公共安全研究院"} <= set(_nodes(batch, "Org"))


def test_platform_and_branch_names_of_digital_economy_plans():
    """Digital-economy plans name data centres, their branches and service centres as platforms."""
    batch = _run("支持建设国家工业互联网大数据中心湖南分中心，组建湖南省人工智能超算中心。\n"
                 "推动中国信息通信研究院湖南分院落地。\n", extract_orgs)
    orgs = _nodes(batch, "Org")
    assert {"国家工业互联网大数据中心湖南分中心", "湖南省人工智能超算中心"} <= set(orgs), sorted(orgs)
    assert any(name.endswith("湖南分院") for name in orgs), sorted(orgs)


# --- firms in other provinces' plans ------------------------------------------------------------------------------

def test_a_rank_within_an_industry_makes_every_item_a_firm():
    batch = _run("培育壮大湘云科技、云上湖南、芙蓉融合等省内大数据龙头企业。", extract_firms)
    assert {"湘云科技", "云上湖南", "芙蓉融合"} <= set(_nodes(batch, "Firm"))


def test_developers_of_listed_projects_and_of_annual_output():
    batch = _run("大力推进博瑞达显示面板、鑫瑞泰工业机器人等项目建设。加快推进华晟达年产30万片显示面板项目建设。",
                 extract_firms)
    assert {"博瑞达", "鑫瑞泰", "华晟达"} <= set(_nodes(batch, "Firm"))


def test_common_words_and_areas_opening_a_base_are_no_developers():
    batch = _run("发挥国际科技合作基地作用，加快培育一批人工智能产业基地，推进广州黄埔物联网产业基地建设，"
                 "实施数字化改造示范项目。", extract_firms)
    assert not set(_nodes(batch, "Firm")) & {"国际", "人工", "广州黄埔", "数字化改造"}


def test_a_jurisdictions_own_group_in_a_responsibility_list_is_a_firm():
    batch = _run("（责任单位：市经信局、市交通集团、省能源集团）", extract_firms)
    assert {"市交通集团", "省能源集团"} <= set(_nodes(batch, "Firm"))


def test_a_group_written_with_its_known_short_name_is_that_firm():
    batch = _run("支持五粮液集团公司建设工业互联网平台，推动五粮液数字化转型。", extract_firms)
    firms = [node for node in _nodes(batch, "Firm").values() if "五粮液" in node.name or "五粮液" in _forms(node)]
    assert len(firms) == 1


# --- organisations in other provinces' plans ----------------------------------------------------------------------

def test_a_branch_keeps_its_owner_and_a_university_town_is_no_university():
    batch = _run("支持中国电子技术研究院湖南分院建设，推动长沙大学城与高新区协同创新。", extract_orgs)
    names = set(_nodes(batch, "Org"))
    assert "中国电子技术研究院湖南分院" in names
    assert "长沙大学" not in names and "湖南分院" not in names


def test_the_provinces_own_institute_and_the_university_owning_an_institute():
    batch = _run("高标准推进省创新研究院建设。推动建设南京航空航天大学东南智能制造研究院。", extract_orgs)
    names = set(_nodes(batch, "Org"))
    assert {"省创新研究院", "南京航空航天大学"} <= names
    assert any(name.endswith("东南智能制造研究院") for name in names)  # the institute its university opens


def test_a_platform_built_and_named_by_its_topic_is_an_org_but_a_batch_is_not():
    built = _run("支持建设物流园区车货匹配调度信息平台。", extract_orgs)
    assert "物流园区车货匹配调度信息平台" in set(_nodes(built, "Org"))
    batch = _run("培育一批工业互联网平台，搭建公共服务平台。", extract_orgs)
    assert not set(_nodes(batch, "Org"))


def test_quoted_apps_and_quoted_brands_a_list_closes_as_platforms():
    batch = _run("升级完善“智慧蓉城”APP，迭代开发上线20个以上\"粤省事\"小程序，完善\"掌上金华\"\"云游衢州\"等生活服务平台。",
                 extract_orgs)
    assert {"智慧蓉城", "粤省事", "掌上金华", "云游衢州"} <= set(_nodes(batch, "Org"))


def test_platforms_coordinated_with_an_org_are_orgs():
    batch = _run("推动逐步搭建港口物流公共信息共享平台、行业大数据交易撮合平台和行业征信数据服务平台。", extract_orgs)
    assert {"港口物流公共信息共享平台", "行业大数据交易撮合平台", "行业征信数据服务平台"} <= set(_nodes(batch, "Org"))


def test_a_bracketed_place_or_a_specific_provincial_platform_makes_a_name():
    batch = _run("建设湘江工业互联网（岳阳）创新中心，联动省级危化品安全在线监测平台，完善全省一体化在线政务服务平台。",
                 extract_orgs)
    names = set(_nodes(batch, "Org"))
    assert {"湘江工业互联网（岳阳）创新中心", "省级危化品安全在线监测平台", "全省一体化在线政务服务平台"} <= names


def test_joined_kinds_in_a_list_of_platforms_are_not_one_org():
    batch = _run("新区建立了众多的合作研发和技术中心、工作站等创新平台。", extract_orgs)
    assert not set(_nodes(batch, "Org"))


def test_quoted_names_of_centres_and_alliances_but_not_slogans_or_qualities():
    batch = _run("组建“湘江智造”推广服务中心和“陆海联运”联盟，建成“数据确权中心”“数据交易中心”。"
                 "共建“一带一路”联合实验室，打造“一站式”企业服务平台。", extract_orgs)
    names = {name.replace("“", "").replace("”", "") for name in _nodes(batch, "Org")}
    assert {"湘江智造推广服务中心", "陆海联运联盟", "数据交易中心"} <= names
    assert not any(name.startswith(("一带一路", "一站式")) for name in names)


def test_a_place_opens_a_data_cloud_and_an_item_listed_before_an_org_is_one():
    batch = _run("进一步完善株洲电子政务云。建设湘江水文大数据中心和岳阳港口物流信息平台。", extract_orgs)
    names = set(_nodes(batch, "Org"))
    assert "株洲电子政务云" in names
    assert {"湘江水文大数据中心", "岳阳港口物流信息平台"} <= names


def test_a_developer_ends_where_latin_letters_or_a_long_product_begin():
    batch = _run("加快博瑞达VR产业基地建设。大力推进鑫瑞泰高精度智能医疗芯片等项目建设。", extract_firms)
    names = set(_nodes(batch, "Firm"))
    assert "博瑞达" in names
    assert any(name.startswith("鑫瑞泰") for name in names)


def test_names_listed_with_a_known_firm_are_its_peers():
    batch = _run("推动比亚迪、湘行出行、小橙车出行等做大网约车共享平台。", extract_firms)
    assert {"湘行出行", "小橙车出行"} <= {name for node in _nodes(batch, "Firm").values() for name in _forms(node)}


def test_a_batch_or_a_field_of_organisations_is_a_kind():
    batch = _run("加快建设一批新能源领域工程研究中心，培育国家和省级工业互联网平台。", extract_orgs)
    assert not set(_nodes(batch, "Org"))


def test_the_one_platform_of_a_jurisdiction_and_an_expert_committee_are_orgs_but_counts_are_not():
    batch = _run("建设全省统一的社保公共服务信息平台。成立株洲市数字经济发展专家咨询委员会。"
                 "在数字经济领域建成100个以上高水平创新平台。", extract_orgs)
    names = set(_nodes(batch, "Org"))
    assert {"社保公共服务信息平台", "株洲市数字经济发展专家咨询委员会"} <= names
    assert not any(name.startswith("100") for name in names)


def test_chain_leaders_of_a_plan_for_one_chain_lead_that_chain(tmp_path):
    """A chain-chief plan for one industry (某市电子信息产业链链长制工作方案): its 链主企业 lead that chain even where
    their sentence names no industry."""
    from loaders.pipeline import process

    plan = tmp_path / "德阳市动力电池产业链链长制工作方案.txt"
    plan.write_text("德阳市动力电池产业链链长制工作方案\n一、重点任务\n"
                    "支持天齐锂业、东方电气集团等链主企业做大做强，带动上下游配套企业集聚发展。\n", encoding="utf-8")
    batch = process(plan)
    chains = {(batch.nodes[e.source].name, batch.nodes[e.target].name) for e in batch.edges.values()
              if e.type == "LEADS_CHAIN"}
    assert chains and all(industry == "动力电池" for _, industry in chains)
