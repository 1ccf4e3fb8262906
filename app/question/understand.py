"""Question → plan in two steps: link every entity the question names (linking.py), then let the first intent
whose cues fit the reading build the plan (intents/). Nothing linked is a refusal that says what was not
understood and offers close names; an entity with no clear intent is that entity's profile."""

from __future__ import annotations

import re

from app.question import text as words
from app.question.intents import INTENTS, ORDER
from app.question.linking import Linker, clean
from app.question.model import Plan, QuestionError
from app.question.reading import MARK, Reading, language, read

# Question words, fillers and cue words: never part of what "was not understood".
FILLERS_ZH = ("请问", "我想知道", "请", "哪些", "哪个", "哪里", "哪儿", "什么", "有哪", "是谁", "有谁", "怎么样", "如何",
              "怎么", "有", "的", "是", "在", "和", "与", "吗", "呢", "了", "都", "城市", "地方", "地区", "发展", "布局",
              "重点", "培育", "产业链", "产业", "行业", "企业", "园区", "目标", "关系", "今天", "到", "年")
FILLERS_EN = ("please", "tell", "me", "about", "which", "what", "where", "who", "how", "is", "are", "the", "a", "an",
              "of", "in", "to", "for", "and", "does", "do", "did", "has", "have", "there", "cities", "city", "places",
              "place", "regions", "target", "targets", "develop", "develops", "developing", "developed", "industry",
              "industries", "sector", "sectors", "chain", "parks", "park", "firms", "companies", "lead", "leads",
              "today", "host", "hosts", "focus", "on", "key", "by", "with", "connected", "related", "compare",
              "documents", "mention", "goals", "located", "laid", "out", "show", "list", "cultivate", "cultivating",
              "as", "its", "their", "be", "being", "this", "that", "most", "between", "connect", "connects", "link",
              "links", "linked", "relate", "relates", "share", "shares", "many", "much", "number")
MAX_SUGGEST_WORDS = 6
MAX_CHUNKS = 5  # leftover chunks tried as misspelt Chinese names: bounds the work on a long question


def understand(q: str, linker: Linker) -> Plan:
    """The plan for a question, or QuestionError (422) when nothing in it links to the graph."""
    text = clean(q)
    entities = linker.link(text) if text else []
    if text and not any(e.label == "Industry" for e in entities):
        entities = sorted(entities + stem_industry(text, entities, linker), key=lambda e: e.start)
    reading = read(q, text, entities)
    if text and not entities:
        chunks = unexplained(reading).split()[:MAX_CHUNKS]
        near = [e for e in (linker.near_chinese(chunk) for chunk in chunks) if e]
        for entity in near:
            entity.start = text.find(entity.surface)
        if near:
            reading = read(q, text, [e for e in near if e.start >= 0])
    for intent in ORDER:
        if intent.fits(reading):
            try:
                plan = intent.build(reading)
            except QuestionError as exc:
                if not reading.entities:
                    raise
                # never a dead end: what the intent could not use is said, and the entity's profile answers
                plan = INTENTS["profile"].build(reading)
                plan.extra["note"] = exc.message
            plan.slots = reading.slots
            return plan
    raise refusal(reading, linker)


def profile_instead(plan: Plan, refused: QuestionError) -> Plan:
    """The profile of the plan's first entity, saying why the question's own intent gave no answer."""
    entity = plan.entities[0]
    profile = INTENTS["profile"]
    query = profile.build(Reading(plan.q, plan.q, plan.language, [entity], "")).query
    return Plan(plan.q, "profile", plan.language, query, {"id": entity.id}, [entity], plan.slots,
                {"note": refused.message, "refused": {"intent": plan.intent, "suggestions": refused.suggestions}})


STEM_AFTER = frozenset("了的和与及对讲谈写说做搞")


def stem_industry(text: str, entities: list, linker: Linker) -> list:
    """A one- or two-character industry before 产业/行业 that no name spells out (钛产业 → 钛材, 钛及钛合金)."""
    masked = list(text)
    for e in entities:
        masked[e.start:e.start + len(e.surface)] = [MARK] * len(e.surface)
    match = re.search(r"([\u3400-\u9fff]{1,6}?)(?:产业链|产业|行业)", "".join(masked))
    if not match:
        return []
    lead = re.match(r"^(?:的|在|发展|培育|重点|打造|有哪些|哪些|对)+", match.group(1))
    start = match.start(1) + (lead.end() if lead else 0)
    stem = text[start:match.end(1)]
    # A longer run ends in the stem after words no list foresaw (哪份文件讲了钛产业): its last two characters, or one
    # after a particle (了, 的, 和…); not any last character (铜川有没有产业 holds no industry 有).
    sizes = [len(stem)] if len(stem) <= 2 else [2] + ([1] if stem[-2] in STEM_AFTER else [])
    for size in sizes:
        entity = linker.by_prefix(stem[-size:]) if stem else None
        if entity:
            entity.start = match.end(1) - size
            return [entity]
    return []


def refusal(reading: Reading, linker: Linker) -> QuestionError:
    """Nothing linked: name the words not understood, suggest close names and questions about the closest."""
    rest = unexplained(reading)
    lang = reading.language if reading.text else "en"
    suggestions = linker.suggest(rest) if rest else []
    alternatives = []
    if suggestions:
        top = next((e for e in linker.link(suggestions[0]["name"]) if e.id == suggestions[0]["id"]), None)
        alternatives = words.alternatives(top, lang) if top else []
    return QuestionError(words.not_understood(lang, rest, reading.text), suggestions, alternatives)


def unexplained(reading: Reading) -> str:
    """The question's words left once question words and cues are removed: what could not be linked."""
    rest = reading.rest.replace(MARK, " ")
    if language(rest) == "zh" and re.search(r"[\u3400-\u9fff]", rest):
        for filler in sorted(FILLERS_ZH, key=len, reverse=True):
            rest = rest.replace(filler, " ")
        return " ".join(rest.split())
    kept = [w for w in re.findall(r"[\w'’-]+", rest) if w.lower() not in FILLERS_EN]
    return " ".join(kept[:MAX_SUGGEST_WORDS])


def shapes_help() -> list[dict]:
    """Every intent with its examples: what a refusal hands back so the user can rephrase."""
    return [i.help() for i in INTENTS.values()]


def stop_words() -> list[str]:
    """Words a name may not be: question words that would otherwise link (English fillers)."""
    return list(FILLERS_EN)
