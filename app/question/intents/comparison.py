"""Two places compared: the industries both target and those only one does, each with its evidence:
对比西安和宝鸡 / compare Xi'an and Baoji."""

from __future__ import annotations

from app.question.intents.base import PAGE, Intent, Plan, Reading, only_names

COMPARE = {"zh": ("对比", "比较", "相比", "区别", "异同", "差异", "不同", "共同", "共有", "都", "分别", "比一比", "比比", "哪个更", "谁更",
                  "相同", "一样", "相似", "类似", "重合", "重叠", "交集", "差别", "比"),
           "en": ("compare", "compared", "comparison", "versus", "vs", "difference", "differences", "differ", "differs", "different",
                  "in common", "both", "shared", "common", "pk", "contrast", "more", "which one", "share", "shares", "same", "similar",
                  "overlap", "overlaps")}


def places(r: Reading) -> list:
    chosen = []
    for entity in r.of("City"):
        if all(e.id != entity.id for e in chosen):
            chosen.append(entity)
    return chosen


def fits(r: Reading) -> bool:
    return len(places(r)) >= 2 and (r.cue(COMPARE) or only_names(r))


def build(r: Reading) -> Plan:
    first, second = places(r)[:2]
    strengths = [r.slots.strength] if r.slots.strength else []
    params = {"city_id": first.id, "strengths": strengths, "skip": 0, "limit": PAGE}
    industries = list({e.id: e for e in r.of("Industry")}.values())  # 榆林和延安哪个更重视氢能: on 氢能 only
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, [first, second, *industries], r.slots,
                {"compared": [first.id, second.id], "on": [e.id for e in industries]})


INTENT = Intent("comparison", "industries_by_city", "two places compared: shared and distinct industries",
                {"zh": ("对比西安和宝鸡", "西安和汉中的产业有什么不同"),
                 "en": ("compare Xi'an and Baoji", "what do Xi'an and Hanzhong have in common")}, fits, build)
