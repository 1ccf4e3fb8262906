"""Words for the reader, in the question's language: the interpretation of a plan, refusals, and the
questions offered as alternatives (each of which this package understands as the intent it names)."""

from __future__ import annotations

from typing import Any

from app.question.model import Entity, Plan

STRENGTH = {"zh": {"key": "重点", "cultivate": "培育"}, "en": {"key": "key", "cultivate": "cultivate"}}
ROLE = {"zh": {"chain_leader": "链主/龙头", "key_firm": "重点企业", "": "企业"},
        "en": {"chain_leader": "chain leaders", "key_firm": "key firms", "": "firms"}}
DESCRIBE = {
    "places_for_industry": ("发展{0}的地区", "places that target {0}"),
    "industries_of_place": ("{0}发展的产业", "industries {0} targets"),
    "parks_of_place": ("{0}的园区", "parks in {0}"),
    "parks_for_industry": ("承载{0}的园区", "parks that host {0}"),
    "industries_of_park": ("{0}承载的产业", "industries {0} hosts"),
    "firms_of_industry": ("{0}的{role}", "{role} of {0}"),
    "firms_of_place": ("{0}的{role}", "{role} in {0}"),
    "agency_for_topic": ("牵头“{topic}”的部门", "agencies leading “{topic}”"),
    "targets": ("{0}的量化目标", "quantified targets of {0}"),
    "connection": ("{0}与{1}之间的关系", "how {0} and {1} are connected"),
    "comparison": ("{0}与{1}的产业对比（共有与各自独有）", "industries of {0} and {1} compared (shared and distinct)"),
    "documents_about": ("提到{0}的文件", "documents that mention {0}"),
    "profile": ("{0}的概况", "profile of {0}"),
}
# The likeliest questions about an entity of each label: (intent, Chinese, English) templates.
ALTERNATIVES = {
    "City": [("industries_of_place", "{zh}发展哪些产业", "what industries does {en} develop"),
             ("parks_of_place", "{zh}有哪些园区", "which parks are in {en}"),
             ("targets", "{zh}有哪些目标", "what targets does {en} have"),
             ("firms_of_place", "{zh}有哪些链主企业", "which chain leaders are in {en}")],
    "Industry": [("places_for_industry", "哪些城市发展{zh}", "which cities develop {en}"),
                 ("parks_for_industry", "哪些园区发展{zh}", "which parks host {en}"),
                 ("firms_of_industry", "{zh}产业链的链主有哪些", "who leads the {en} chain")],
    "Park": [("industries_of_park", "{zh}有哪些产业", "what industries does {zh} host"),
             ("documents_about", "哪些文件提到{zh}", "which documents mention {zh}")],
    "Firm": [("documents_about", "哪些文件提到{zh}", "which documents mention {zh}")],
    "Agency": [("documents_about", "哪些文件提到{zh}", "which documents mention {zh}")],
    "Org": [("documents_about", "哪些文件提到{zh}", "which documents mention {zh}")],
    "Document": [],
}


def name(entity: Entity, language: str) -> str:
    """汉中市, or in English "Hanzhong (汉中市)": the graph's own name is always shown."""
    if language == "en" and entity.name_en:
        return f"{entity.name} ({entity.name_en})"
    return entity.name


def interpretation(plan: Plan) -> str:
    """The plan in words: "places that target 光子 (photonics), strength key"."""
    zh = plan.language == "zh"
    names = [name(e, plan.language) for e in plan.entities] or ["—"]
    if plan.intent in ("places_for_industry", "parks_for_industry", "firms_of_industry"):
        industries = [name(e, plan.language) for e in plan.of("Industry")]
        names = ["、".join(industries) if zh else ", ".join(industries)] + names[len(industries):]
    if plan.intent == "targets":
        names = [("、" if zh else ", ").join(names) if plan.entities else ("全部地区" if zh else "every place")]
    if plan.intent == "documents_about" and not plan.entities:
        count = plan.extra.get("documents", 0)
        return f"图谱收录的全部文件（{count}份）" if zh else f"every document in the graph ({count})"
    template = DESCRIBE[plan.intent][0 if zh else 1]
    role = ROLE[plan.language].get(plan.slots.role or "", "")
    text = template.format(*names, "", role=role, topic=plan.extra.get("topic", ""))
    extras = []
    if plan.slots.strength and plan.intent in ("places_for_industry", "industries_of_place", "comparison"):
        extras.append(("强度：" if zh else "strength ") + STRENGTH[plan.language][plan.slots.strength])
    if plan.slots.year and plan.intent == "targets":
        extras.append(f"{plan.slots.year}年" if zh else f"year {plan.slots.year}")
    if plan.slots.metric and plan.intent == "targets":
        extras.append(("指标：" if zh else "metric ") + plan.slots.metric)
    if plan.extra.get("class_name"):
        extras.append(("类别：" if zh else "in the class ") + plan.extra["class_name"])
    place, within = plan.extra.get("place"), plan.extra.get("within")
    if place:
        extras.append(f"地区：{place}" if zh else f"in {place}")
    if within:
        extras.append(f"范围：{within}" if zh else f"within {within}")
    if plan.intent == "comparison" and plan.of("Industry"):
        on = [name(e, plan.language) for e in plan.of("Industry")]
        extras.append("产业：" + "、".join(on) if zh else "on " + ", ".join(on))
    return text + ("，" if zh else ", ").join([""] + extras) if extras else text


def alternatives(entity: Entity, language: str, skip: str = "", limit: int = 3) -> list[dict[str, Any]]:
    """Two or three questions about the entity the user may pick instead, in the question's language."""
    en = entity.name_en or entity.name
    found = []
    for intent, zh_text, en_text in ALTERNATIVES.get(entity.label, []):
        if intent == skip:
            continue
        q = (zh_text if language == "zh" else en_text).format(zh=entity.name, en=en)
        found.append({"q": q, "intent": intent, "text": DESCRIBE[intent][0 if language == "zh" else 1].format(
            name(entity, language), "", role=ROLE[language]["chain_leader"], topic="")})
    return found[:limit]


def not_understood(language: str, rest: str, asked: str = "") -> str:
    """The refusal when nothing links: what was not understood, in the question's language."""
    if not asked.strip():
        return "问题是空的" if language == "zh" else "the question is empty"
    if not rest:
        return ("这个问题没有提到图谱中的地区、产业、园区、企业或部门；请写出名称，例如：哪些城市发展增材制造"
                if language == "zh" else "the question names no place, industry, park, firm or agency in the graph; "
                "name one, e.g. which cities target additive manufacturing")
    if language == "zh":
        return f"没有在图谱中找到“{rest}”所指的地区、产业、园区、企业或部门；可以换个说法，或参考下面相近的名称"
    return (f"nothing in the graph is named {rest!r} (no place, industry, park, firm or agency); rephrase, or "
            "pick one of the close names below")


def no_task(language: str, topic: str) -> str:
    if language == "zh":
        return f"没有找到与“{topic}”相符的部门任务；下面是最接近的任务"
    return f"no task of an agency matches {topic!r}; the closest tasks are below"


def fallback_reason(language: str, industries: str) -> str:
    if language == "zh":
        return f"图谱中没有记录{industries}的链主（链主/龙头）；以下是它的重点企业（IN_INDUSTRY）"
    return (f"no chain leader (链主/龙头) is recorded for {industries}; these are its key firms (IN_INDUSTRY), "
            "not chain leaders")


def place_fallback_reason(language: str, place: str) -> str:
    """fallback_reason for a place: its chain leaders were asked for, and none is recorded in it or below it."""
    if language == "zh":
        return f"图谱中没有记录{place}（含下辖地区与园区）的链主（链主/龙头）；以下是当地的重点企业（IN_INDUSTRY）"
    return (f"no chain leader (链主/龙头) is recorded in {place} or the places and parks below it; these are its key "
            "firms (IN_INDUSTRY), not chain leaders")


def place_unmatched(language: str, place: str) -> str:
    if language == "zh":
        return f"这些企业的依据句子都没有提到{place}，因此列出全部企业"
    return f"no sentence behind these firms names {place}, so all of them are listed"


def class_members(language: str, kind: str, found: bool) -> str:
    """How the members of a class were chosen, or that none was found."""
    if language == "zh":
        how = f"属于{kind}的产业：分类中归在{kind}之下的，或句中列在“等{kind}”之前的"
        return how if found else f"图谱中没有记录属于{kind}的产业（{how}）"
    how = f"industries of {kind}: filed under it in the taxonomy, or listed before it in a sentence (…等{kind})"
    return how if found else f"the graph records none of its industries in {kind} ({how})"


def parks_outside(language: str, place: str) -> str:
    if language == "zh":
        return f"承载该产业的园区都不在{place}"
    return f"none of the parks that host it lies in {place}"


def metric_unmatched(language: str, metric: str) -> str:
    if language == "zh":
        return f"没有指标名含“{metric}”的目标，因此列出全部目标"
    return f"no target's metric contains {metric!r}, so every target is listed"


def descriptive_note(language: str, planned: int, described: int) -> str:
    if language == "zh":
        return f"{planned}条来自规划的重点/培育目标，{described}条为描述性陈述（strength=other，排在后面）"
    return (f"{planned} from plans' key/cultivate targets, {described} descriptive statements (strength other, "
            "ranked below)")
