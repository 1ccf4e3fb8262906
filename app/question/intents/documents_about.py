"""Which documents name an entity: 哪些文件提到西飞 / which documents mention photonics."""

from __future__ import annotations

from app.question.intents.base import Intent, Plan, Reading

NOUNS = {"zh": ("文件", "文档", "政策", "规划", "方案", "通知"),
         "en": ("documents", "document", "policies", "policy", "files", "papers", "plans")}
VERBS = {"zh": ("提到", "提及", "讲到", "说到", "写到", "谈到", "涉及", "出处", "来源"),
         "en": ("mention", "mentions", "mentioned", "mentioning", "cite", "cites", "discuss", "discusses", "refer",
                "refers", "sources", "source", "talk about", "talks about", "name", "names")}
WHICH = {"zh": ("哪些", "哪个", "哪份", "什么", "关于", "有关"),
         "en": ("which", "what", "list", "show", "about", "on", "regarding", "concerning")}


def fits(r: Reading) -> bool:
    """A verb of mentioning, or a noun for documents asked for (哪些文件…, which policies…)."""
    named = [e for e in r.entities if e.label != "Document"]
    return bool(named) and not r.of("Document") and (r.cue(VERBS) or (r.cue(NOUNS) and r.cue(WHICH)))


def build(r: Reading) -> Plan:
    entity = r.entities[0]
    return Plan(r.q, INTENT.name, r.language, INTENT.query, {"id": entity.id}, [entity])


INTENT = Intent("documents_about", "documents_mentioning", "which documents name an entity",
                {"zh": ("哪些文件提到西飞", "哪些政策文件提及光子"),
                 "en": ("which documents mention photonics", "which policies mention Hanzhong")}, fits, build)
