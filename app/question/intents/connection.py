"""How two entities are connected: 西飞和汉中有什么关系 / how is 西飞 connected to Hanzhong."""

from __future__ import annotations

from app.question.intents.base import Intent, Plan, Reading

CONNECT = {"zh": ("关系", "联系", "关联", "相关", "连接", "相连"),
           "en": ("connected", "related", "relate", "relates", "linked", "connection", "connections", "relationship", "relationships",
                  "relation", "relations", "link", "links", "connect", "connects", "tied", "between", "path",
                  "paths")}


def pair(r: Reading) -> list:
    """The first two distinct entities named (a shared industry name counts once)."""
    chosen = []
    for entity in r.entities:
        if all(e.id != entity.id and e.start != entity.start for e in chosen):
            chosen.append(entity)
    return chosen[:2]


def fits(r: Reading) -> bool:
    return len(pair(r)) == 2 and r.cue(CONNECT)


def build(r: Reading) -> Plan:
    source, target = pair(r)
    return Plan(r.q, INTENT.name, r.language, INTENT.query, {"source": source.id, "target": target.id},
                [source, target])


INTENT = Intent("connection", "shortest_paths", "how two entities are connected",
                {"zh": ("西飞和汉中有什么关系", "西飞与航空如何关联"),
                 "en": ("how is 西飞 connected to Hanzhong", "what is the relationship between 西飞 and aviation")},
                fits, build)
