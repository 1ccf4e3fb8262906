"""Which agency leads (and which support) a task or topic: 哪个部门牵头做强装备制造产业集群 / which department leads
the equipment manufacturing cluster. The topic is the words after the cue; task titles are Chinese, so an
English topic is searched by the Chinese names of the industries it links."""

from __future__ import annotations

import re

from app.question.intents.base import Intent, Plan, Reading
from app.question.linking import ZH_CHAR
from app.question.model import QuestionError

NOUNS = {"zh": ("部门", "单位", "机构"),
         "en": ("agency", "agencies", "department", "departments", "bureau", "bureaus", "office", "body")}
LEADS = {"zh": ("牵头", "负责", "主抓", "主管", "主责", "管"),
         "en": ("lead", "leads", "leading", "responsible", "in charge", "takes the lead", "coordinates", "handles")}
WHO = {"zh": ("谁牵头", "谁负责", "谁来牵头", "牵头部门", "牵头单位", "责任部门", "责任单位"),
       "en": ("who is responsible for", "who is in charge of", "who takes the lead", "who leads the task",
              "who leads the work", "who leads the measure", "who handles", "who oversees", "who manages",
              "who coordinates")}
TOPIC = [re.compile(s, re.I) for s in (
    r"^(?:(?P<scope>.+?)的?)?(?:哪个|哪些|什么|哪一个|哪家)(?:政府部门|部门|单位|机构)(?:来)?(?:负责)?"
    r"(?:牵头|负责|主抓|主管|主责)(?P<topic>.+)$",
    r"^(?P<topic>.+?)(?:工作)?(?:由|是|归)(?:哪个|哪些|什么|哪一个)(?:部门|单位|机构)(?:牵头|负责|管|主管)(?:的)?$",
    r"^(?P<topic>.+?)(?:工作)?(?:哪个|哪些|什么|哪一个)(?:部门|单位|机构)(?:牵头|负责|管|主管)(?:的)?$",
    r"^(?P<topic>.+?)的?(?:牵头部门|牵头单位|责任部门|责任单位)(?:是谁|是哪个部门|是哪个|是什么|有哪些)?$",
    r"^谁(?:来)?(?:牵头|负责)(?P<topic>.+)$",
    r"^(?P<topic>.+?)(?:工作)?(?:由|是|归)?谁(?:来)?(?:牵头|负责|主管|主抓)(?:的)?$",
    r"^(?P<topic>.+?)(?:是|归|属于)(?:哪个|哪些|什么|哪一个)(?:政府部门|部门|单位|机构)(?:的|负责的|牵头的)?(?:任务|工作|职责|事)?$",
    r"^(?:which|what) (?:government )?(?:agency|agencies|department|departments|bureau|bureaus|body|office)"
    r"(?: in (?P<scope>.+?))? (?:leads|lead|is leading|is in charge of|is responsible for|are responsible for|"
    r"handles|takes the lead on|takes the lead in|coordinates) (?P<topic>.+)$",
    r"^who (?:is responsible for|is in charge of|takes the lead on|takes the lead in|handles|oversees|manages|"
    r"coordinates) (?P<topic>.+)$",
    r"^who leads the (?:task|work|measure)s? (?:of |on |to |for )?(?P<topic>.+)$")]


# 加强重大项目招引是哪个部门的任务: a task said to be some agency's, with no verb of leading.
WHOSE = re.compile(r"(?:是|归|属于)(?:哪个|哪些|什么|哪一个)(?:政府部门|部门|单位|机构)的?(?:任务|工作|职责|事)")


def fits(r: Reading) -> bool:
    return (r.cue(NOUNS) and r.cue(LEADS)) or r.cue(WHO) or WHOSE.search(r.text) is not None


def build(r: Reading) -> Plan:
    text = re.sub(r"^(?:please |tell me |请问|请|我想知道)", "", r.text, flags=re.I)
    match = next((m for m in (p.match(text) for p in TOPIC) if m), None)
    topic = (match.group("topic") if match else text).strip()
    topic = re.sub(r"^(?:the |的)|(?:工作|任务|事项|的)$", "", topic, flags=re.I).strip()
    scope_text = match.groupdict().get("scope") if match else None
    scope = None
    if scope_text:
        start = text.find(scope_text)
        scope = next((e for e in r.of("City") if start <= e.start < start + len(scope_text)), None)
    if scope is None:  # 汉中航空产业由谁负责: a place opening the topic is its scope, not part of a task's title
        at = text.find(topic)
        opening = next((e for e in r.of("City") if e.start == at and len(e.surface) < len(topic)), None)
        if opening is not None:
            scope, topic = opening, re.sub(r"^的", "", topic[len(opening.surface):]).strip()
    chinese = "".join(ZH_CHAR.findall(topic))
    named = [e.name for e in r.of("Industry") if e.start >= text.find(topic)]
    terms = list(dict.fromkeys([chinese] if chinese else named))
    if not terms:
        raise QuestionError(
            "任务名称是中文的，请用中文写出任务或主题，例如：做强装备制造产业集群" if r.language == "zh" else
            f"task titles are Chinese and no industry's English name occurs in {topic!r}; name the task or topic "
            "in Chinese, e.g. 做强装备制造产业集群")
    params = {"jurisdiction": scope.name if scope else ""}
    named_entities = [e for e in r.entities if e.label in ("City", "Industry", "Park", "Firm")]
    return Plan(r.q, INTENT.name, r.language, INTENT.query, params, named_entities, r.slots,
                {"topic": topic, "topic_terms": terms})


INTENT = Intent("agency_for_topic", "ask_agency_for_topic", "which agency leads (and which support) a task or topic",
                {"zh": ("哪个部门牵头做强装备制造产业集群", "汉中市哪个部门牵头加强重大项目招引"),
                 "en": ("which agency leads 做强装备制造产业集群",
                        "which department leads the equipment manufacturing cluster")}, fits, build)
