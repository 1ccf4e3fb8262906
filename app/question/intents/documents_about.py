"""Which documents name an entity: 哪些文件提到西飞 / which documents mention photonics; with no entity named, every
document in the graph: 有哪些政策文件 / what documents are in the graph."""

from __future__ import annotations

import re

from app.question.intents.base import Intent, Plan, Reading, only_names

NOUNS = {"zh": ("文件", "文档", "政策", "规划", "方案", "通知"),
         "en": ("documents", "document", "policies", "policy", "files", "papers", "plans")}
VERBS = {"zh": ("提到", "提及", "讲到", "说到", "写到", "谈到", "涉及", "出处", "来源", "讲了", "写了", "谈了", "提了"),
         "en": ("mention", "mentions", "mentioned", "mentioning", "cite", "cites", "discuss", "discusses", "refer",
                "refers", "sources", "source", "talk about", "talks about")}
# "name" is a verb of mentioning only beside a noun for documents (which documents name Hanzhong); opening a question
# it asks for a list (name the key firms in Xi'an).
NAMING = ("name", "names", "named")
WHICH = {"zh": ("哪些", "哪个", "哪份", "什么", "关于", "有关"),
         "en": ("which", "what", "list", "show", "about", "on", "regarding", "concerning")}


# A question for the documents themselves, naming nothing else: 有哪些政策文件, 图谱里有哪些文件, what documents are in
# the graph. Read whole, so a question about something the graph lacks (哪些文件提到火星) is still refused for it.
ALL_ZH = re.compile(r"^(?:请问|请)?(?:列出|给出)?(?:图谱|系统|数据库|库)?(?:里|中)?(?:一共|总共|都|现在)?(?:有|收录了?|包括|包含)?"
                    r"(?:哪些|什么|多少|几份|几个|所有的?|全部的?)?(?:政策)?(?:文件|文档|政策|规划)(?:都?有哪些|有什么|是什么)?$")
ALL_EN = re.compile(r"^(?:what|which|list|show(?: me)?|name)(?: all)?(?: of)?(?: the)? (?:policy )?(?:documents|policies|files|"
                    r"plans)(?: (?:are|do you have|are there|are loaded|have been loaded))?"
                    r"(?: (?:in|on) (?:the )?(?:graph|database|system|corpus))?(?: loaded)?$")
# 增材制造产业的政策, 汉中的规划文件: the question ends on a noun for documents, so it asks for them.
ENDS_ON_NOUN = re.compile(r"(?:的|有关的?|相关的?)(?:产业)?(?:政策|规划)?(?:文件|文档|政策|规划|方案)(?:有哪些|都有哪些)?$")


def fits(r: Reading) -> bool:
    """A verb of mentioning, or a noun for documents asked for (哪些文件…, which policies…, …的政策); with no
    entity, a question for every document (有哪些政策文件)."""
    named = [e for e in r.entities if e.label != "Document"]
    if not r.entities:
        return every_document(r)
    keywords = only_names(r, "|的|" + "|".join(NOUNS["zh"] + NOUNS["en"]))  # 光伏 文件, documents Hanzhong
    asked = (r.cue(VERBS) or (r.cue(NOUNS) and (r.cue(WHICH) or r.has(*NAMING) or keywords))
             or ENDS_ON_NOUN.search(_bare(r.text)) is not None)
    return bool(named) and not r.of("Document") and asked


def every_document(r: Reading) -> bool:
    text = _bare(r.text)
    return bool(ALL_ZH.match(text) or ALL_EN.match(text.lower()))


def _bare(text: str) -> str:
    return re.sub(r"[\s？?。！!，,]+$", "", text.strip()).replace("  ", " ")


def build(r: Reading) -> Plan:
    if not r.entities:
        return Plan(r.q, INTENT.name, r.language, "document_list", {}, [])
    entity = r.entities[0]
    return Plan(r.q, INTENT.name, r.language, INTENT.query, {"id": entity.id}, [entity])


INTENT = Intent("documents_about", "documents_mentioning", "which documents name an entity",
                {"zh": ("哪些文件提到西飞", "哪些政策文件提及光子"),
                 "en": ("which documents mention photonics", "which policies mention Hanzhong")}, fits, build)
