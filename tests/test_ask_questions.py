"""The question set of issue 13: every question in tests/questions/ask_questions.jsonl through POST /ask on a real
uvicorn server serving the bundled graph, scored and reported.

The set was written for this test, in the way people type questions (not copied from the corpus or from
tests/test_ask.py): half Chinese, half English, several phrasings per intent, with misspellings and homophones
(Hanzong, Boaji, 汗中, 增财制造, biomedcine), pinyin (Xian / Xi'an), full and short names (汉中 / 汉中市, 宝鸡高新区),
strength words (重点/key, 培育/cultivate), roles (链主、龙头/chain leader, as the issue files 宝鸡的钛产业有哪些龙头企业
under chain leaders, vs 重点企业、骨干企业/key firm), years and metrics.
The first 184 questions were written before /ask was rebuilt for issue 13 (the /ask of before answered 0.277 of
them); /ask was then worked on with them in view. The next 72 were written once it answered the first 184, and
scored unseen (0.931, 67/72); the next 72 likewise, later (0.958, 69/72): the figures to expect of questions /ask
was not tuned on. Then 12 firms_of_place questions written with that intent. Then a batch of 52, four per intent,
written and scored unseen before /ask was changed for them (0.846, 44/52, after one wrong expectation was corrected:
an agency question links its topic's industry); its misses: "prioritise" read as no strength, 相同 as no comparison,
X是哪个部门的任务 as no agency question, a firm's short name in pinyin (Xifei) not linked (0.942 after; 0.962 once firms
got English names, below): 钛材加工 has no English name. A second batch of 39, written after those
changes (one more repeated a question of the set and was dropped), scored unseen 0.949 (37/39): "cities with a
semiconductor industry" and "who handles photovoltaics in Xi'an" were then read (1.000 after). A third batch of 40,
written after that, scored unseen 0.900 (36/40): "how many development zones does Ankang have" linked "many
development zones" to a park, "strategic emerging industries of Hanzhong" read as places, "name the key firms…" as
documents, and a metric before 到2027年 went unread (1.000 after). A fourth batch of 39 (one more was a repeat), written
after that, scored unseen 0.897 (35/39): "hosted", a bare "photovoltaic companies" and 跟…比 were not read (0.974 after;
宝鸡和钛 still fails: a one-character industry is linked only before 产业). A fifth batch of 38 in the style of a search
box (汉中 产业, hydrogen energy cities; two more were repeats) scored unseen 0.895 (34/38): a name and a noun for places,
firms or documents alone were not read as asking for those (1.000 after). A sixth batch of 39 (one more was a repeat)
scored unseen 0.872 (34/39): "known for", "commit to", "enterprises are key to", 讲了 and 讲了钛产业's stem were not read
(0.974 after; "who is developing additive manufacturing" stays firms: "who" may ask for either). A seventh batch of 29
(one more was a repeat) scored unseen 0.793 (23/29): a target metric asked with a question word (what output value is
set for…) and 差别 were then read, and firms got the English names they use themselves (BYD, LONGi: their column in
loaders/gazetteers/data/firm_aliases.csv) (0.966 after); no task of the graph is about 增材制造. An eighth batch of 29,
in English (one more was a repeat), scored unseen 0.966 (28/29): "what's different between" was read as a connection
(1.000 after). A ninth batch of 30, in Chinese, scored unseen 0.967 (29/30): 着力 (with 大力 and 做大做强, the gold's
words for a key industry) was then read as the key strength (1.000 after).
One JSON object a line: {"q", "language", "intent", "entities", "slots"}; "entities" are the names the graph gives
the nodes the question names (an item may be a list of names when the graph holds the same place twice, as
西安高新技术产业开发区 / 西安市高新技术产业开发区); "slots" holds only the slots that matter for that question.

A question is answered correctly when /ask answers 200 and
- its interpretation's intent is the one expected (an answer from before the contract of /work/dev/ASK_CONTRACT.md
  carries only "shape": its old names are mapped to the new intents, cities_by_industry → places_for_industry…);
- the names of the linked entities are exactly the expected ones: every entity the question names, as the issue
  asks ("link every entity the question names"), so an agency question's topic industry too (光伏产业链转型由哪个
  部门牵头 → 光伏); Task nodes linked from a topic are not counted;
- each expected slot has the expected value (interpretation.slots; for an old answer, the role, strengths and year
  it put in its parameters); a metric matches when one of the two contains the other.

The report (share correct overall, per intent and per language, /ask latency, every failure) is printed in
pytest's terminal summary. The share is held at FLOOR, the figure reached at the end of issue 13 (0.991, 325/328),
rounded down a little; the issue asks for at least 0.95 (GOAL), so FLOOR never goes below GOAL.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx
import pytest

QUESTIONS = Path(__file__).resolve().parent / "questions" / "ask_questions.jsonl"
FLOOR = 0.98  # 0.991 (325/328) at the end of issue 13, 0.993 (670/675) with stop 22's batches; the /ask of before
# answered 0.277 of the first 184
GOAL = 0.95
INTENTS = {"places_for_industry", "industries_of_place", "parks_of_place", "parks_for_industry", "industries_of_park",
           "firms_of_industry", "firms_of_place", "agency_for_topic", "targets", "connection", "comparison",
           "documents_about", "profile"}
OLD_SHAPES = {"cities_by_industry": "places_for_industry", "parks_by_industry": "parks_for_industry",
              "firms_by_industry": "firms_of_industry", "targets_timeline": "targets",
              "shortest_paths": "connection", "industries_by_city": "industries_of_place",
              "agency_for_topic": "agency_for_topic"}
SLOTS = {"strength": {"key", "cultivate"}, "role": {"chain_leader", "key_firm"}}
IGNORED_LABELS = {"Task"}


def load_questions() -> list[dict[str, Any]]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def intent_of(interpretation: dict[str, Any]) -> str | None:
    intent = interpretation.get("intent")
    if intent:
        return intent
    shape = interpretation.get("shape")
    return OLD_SHAPES.get(shape, shape)


def slots_of(interpretation: dict[str, Any]) -> dict[str, Any]:
    """The slots of the contract, or what an answer from before it put in its parameters."""
    if isinstance(interpretation.get("slots"), dict):
        return interpretation["slots"]
    params = interpretation.get("params") or {}
    roles = params.get("roles") or []
    strengths = params.get("strengths") or []
    return {"role": interpretation.get("role") or (roles[0] if len(roles) == 1 else None),
            "strength": strengths[0] if len(strengths) == 1 else None,
            "year": interpretation.get("year") or params.get("year") or None, "metric": None}


def _plain(text: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


def slot_matches(name: str, expected: Any, actual: Any) -> bool:
    if name == "year":
        try:
            return actual is not None and int(actual) == int(expected)
        except (TypeError, ValueError):
            return False
    if name == "metric":
        want, got = _plain(expected), _plain(actual)
        return bool(got) and (want in got or got in want)
    return actual == expected


def entities_match(expected: list[Any], linked: set[str]) -> bool:
    """Every expected item (a name, or a list of names any one of which will do) is linked, and nothing else is."""
    covered: set[str] = set()
    for item in expected:
        names = set(item) if isinstance(item, list) else {item}
        found = names & linked
        if not found:
            return False
        covered |= found
    return linked <= covered


def score(question: dict[str, Any], status: int, body: Any) -> tuple[bool, str]:
    """(correct, why not) for one question and the /ask response to it."""
    if status != 200:
        detail = body.get("detail") if isinstance(body, dict) else body
        message = detail.get("message") if isinstance(detail, dict) else detail
        return False, f"{status}: {str(message)[:90]}"
    interpretation = body.get("interpretation") or {}
    problems = []
    intent = intent_of(interpretation)
    if intent != question["intent"]:
        problems.append(f"intent {intent}")
    linked = {e["name"] for e in interpretation.get("entities") or [] if e.get("label") not in IGNORED_LABELS}
    if not entities_match(question["entities"], linked):
        problems.append(f"entities {sorted(linked)}")
    slots = slots_of(interpretation)
    for name, expected in question.get("slots", {}).items():
        if not slot_matches(name, expected, slots.get(name)):
            problems.append(f"{name}={slots.get(name)!r} (want {expected!r})")
    return not problems, "; ".join(problems)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report_lines(results: list[dict[str, Any]]) -> list[str]:
    def share(rows: list[dict[str, Any]]) -> str:
        right = sum(r["correct"] for r in rows)
        return f"{right / len(rows):.3f} ({right}/{len(rows)})"

    by_intent: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_language: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by_intent[r["intent"]].append(r)
        by_language[r["language"]].append(r)
    seconds = [r["seconds"] for r in results]
    lines = [f"/ask question set ({QUESTIONS.name}): {share(results)} correct; floor {FLOOR}, goal {GOAL}",
             f"  latency p50 {statistics.median(seconds) * 1e3:.1f} ms, p99 {percentile(seconds, 0.99) * 1e3:.1f} ms",
             "  per language: " + ", ".join(f"{k} {share(v)}" for k, v in sorted(by_language.items())),
             "  per intent:"]
    lines += [f"    {k:22s} {share(v)}" for k, v in sorted(by_intent.items())]
    failures = [r for r in results if not r["correct"]]
    if failures:
        lines.append(f"  failures ({len(failures)}):")
        lines += [f"    [{r['intent']}/{r['language']}] {r['q']!r}: {r['why']}" for r in failures]
    return lines


class _Report:
    """A plugin registered while the tests run, so the report lands in pytest's terminal summary."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.section("ask question set")
        for line in self.lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def questions() -> list[dict[str, Any]]:
    return load_questions()


@pytest.fixture(scope="module")
def results(server, questions, request) -> list[dict[str, Any]]:
    rows = []
    with httpx.Client(base_url=server, timeout=60) as client:
        for question in questions:
            began = time.perf_counter()
            response = client.post("/ask", json={"q": question["q"]})
            seconds = time.perf_counter() - began
            try:
                body = response.json()
            except ValueError:
                body = response.text
            correct, why = score(question, response.status_code, body)
            rows.append({**question, "correct": correct, "why": why, "seconds": seconds})
    lines = report_lines(rows)
    print("\n" + "\n".join(lines))
    request.config.pluginmanager.register(_Report(lines), "ask-question-set-report")
    return rows


def test_the_set_is_as_the_issue_asks(questions):
    """At least 150 questions, half in each language, every intent asked several ways in both, slots well formed."""
    assert len(questions) >= 150
    languages = Counter(q["language"] for q in questions)
    assert set(languages) == {"zh", "en"} and abs(languages["zh"] - languages["en"]) <= len(questions) * 0.05
    per_intent = Counter((q["intent"], q["language"]) for q in questions)
    assert {q["intent"] for q in questions} == INTENTS
    assert all(per_intent[(intent, language)] >= 5 for intent in INTENTS for language in ("zh", "en")), per_intent
    assert len({q["q"] for q in questions}) == len(questions)
    for q in questions:
        assert set(q) == {"q", "language", "intent", "entities", "slots"}, q
        assert set(q["slots"]) <= {"strength", "role", "year", "metric"}, q
        for name, allowed in SLOTS.items():
            assert name not in q["slots"] or q["slots"][name] in allowed, q
        assert "year" not in q["slots"] or str(q["slots"]["year"]) in q["q"], q


def test_expected_entities_exist_in_the_bundled_graph(server, questions):
    """Every expected name is a node's name in the bundled graph (an exact hit of /search)."""
    names = {n for q in questions for item in q["entities"] for n in (item if isinstance(item, list) else [item])}
    missing = []
    with httpx.Client(base_url=server, timeout=60) as client:
        for name in sorted(names):
            items = client.get("/search", params={"q": name, "limit": 50}).json()["items"]
            if not any(i["name"] == name for i in items):
                missing.append(name)
    assert not missing, missing


def test_scoring_can_tell_right_from_wrong():
    question = {"q": "宝鸡的钛合金产业有哪些骨干企业", "language": "zh", "intent": "firms_of_industry",
                "entities": ["宝鸡市", "钛及钛合金"], "slots": {"role": "key_firm"}}
    linked = [{"name": "宝鸡市", "label": "City"}, {"name": "钛及钛合金", "label": "Industry"}]
    right = {"interpretation": {"intent": "firms_of_industry", "entities": linked, "slots": {"role": "key_firm"}}}
    assert score(question, 200, right) == (True, "")
    old = {"interpretation": {"shape": "firms_by_industry", "entities": linked, "params": {"roles": ["key_firm"]}}}
    assert score(question, 200, old)[0]
    wrong_role = {"interpretation": {**right["interpretation"], "slots": {"role": "chain_leader"}}}
    missing = {"interpretation": {**right["interpretation"], "entities": linked[1:]}}
    extra = {"interpretation": {**right["interpretation"], "entities": [*linked, {"name": "航空", "label": "Industry"}]}}
    assert not any(score(question, 200, body)[0] for body in (wrong_role, missing, extra))
    assert not score(question, 422, {"detail": {"message": "no industry"}})[0]
    assert entities_match([["西安高新技术产业开发区", "西安市高新技术产业开发区"]], {"西安市高新技术产业开发区"})
    assert slot_matches("metric", "制造业增加值占地区生产总值比重", "制造业增加值占比") is False
    assert slot_matches("metric", "规上工业企业", "规上工业企业数") and slot_matches("year", 2025, "2025")


def test_share_answered_correctly_holds_the_floor(results):
    right = sum(r["correct"] for r in results)
    assert right / len(results) >= FLOOR, "\n".join(report_lines(results))
