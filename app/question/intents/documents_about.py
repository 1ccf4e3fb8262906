"""Which documents name an entity: 哪些文件提到西飞 / which documents mention photonics."""

from __future__ import annotations

from app.question.intents.base import Intent, Plan, Reading

DOCUMENTS = {"zh": ("文件", "文档", "政策", "提到", "提及", "出处", "来源"),
             "en": ("documents", "document", "policies", "policy", "files", "papers", "mention", "mentions",
                    "mentioned", "sources", "source")}


def fits(r: Reading) -> bool:
    return bool(r.entities) and r.cue(DOCUMENTS)


def build(r: Reading) -> Plan:
    entity = r.entities[0]
    return Plan(r.q, INTENT.name, r.language, INTENT.query, {"id": entity.id}, [entity])


INTENT = Intent("documents_about", "documents_mentioning", "which documents name an entity",
                {"zh": ("哪些文件提到西飞", "哪些政策文件提及光子"),
                 "en": ("which documents mention photonics", "which policies mention Hanzhong")}, fits, build)
