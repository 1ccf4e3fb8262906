"""Task → Industry CONCERNS: which industries a task of the plan is about.

A task (a numbered item, a run-in heading, or the sentence a responsibility clause closes, as
loaders.extract.agencies makes them) is about the industries its heading names: "（三）做强新能源汽车产业集群"
concerns 新能源汽车. A heading that names none ("实施企业培育行动") is read through the first sentence of its
body, which in policy prose states the task's object ("支持某某市集成电路和新型显示企业做大做强。"). The rest of
the body is not read: a task about the digital economy at large lists many sectors in passing (application
scenes, examples, upstream suppliers), and making it CONCERN each of them would tie every agency to every
industry of the plan. A task whose heading is the sentence itself (a responsibility note in prose) reads
that sentence as a body sentence.

Industries are found the way the rest of the extraction finds them (loaders.extract.industries): the items of
lists a verb of development introduces ("重点发展A、B等产业") and taxonomy terms; each edge carries the heading
or sentence it was read from as evidence.
"""

from __future__ import annotations

from bisect import bisect_right

from graph.model import Edge, FactBatch
from loaders.extract import DocContext, Mention
from loaders.extract.industries import TRIGGER_PATTERN, TRIGGER_STRENGTH, find_industry_lists, find_industry_terms
from loaders.resolve import add_mention

# List strengths (loaders.extract.industries) of verbs that develop an industry, as opposed to use or upgrade it.
DEVELOPS = frozenset({"key", "cultivate"})
# A task titled by a sentence longer than a heading reads like a body sentence (what it develops only).
MAX_HEADING = 30
# A first sentence longer than this is a paragraph that never stopped: its industries are not the task's.
MAX_FIRST_SENTENCE = 160


def extract_concerns(ctx: DocContext, batch: FactBatch) -> None:
    """CONCERNS from every Task of the batch (run after the extractor that makes tasks)."""
    for edge in list(batch.edges.values()):
        if edge.type != "MENTIONS" or edge.target_label != "Task" or edge.props.get("start") is None:
            continue
        task = batch.nodes[edge.target]
        span = heading_span(ctx.text, edge.props["start"], edge.props["end"], task.props.get("title") or task.name)
        found = industries_in(ctx.text, *span, terms=span[1] - span[0] <= MAX_HEADING)
        if not found:
            span = first_sentence(ctx, span[1])
            found = industries_in(ctx.text, *span, terms=False) if span else []
        for mention in found:
            node = add_mention(batch, mention)
            batch.add_edge(Edge("CONCERNS", task.id, node.id, "Task", "Industry", ctx.provenance(*span)))


def heading_span(text: str, start: int, end: int, title: str) -> tuple[int, int]:
    """Where the task's title is written inside the span its Task node was read from (the heading line of a
    numbered item, a run-in heading, or a sentence); a title shortened from its sentence is the whole span."""
    at = text.find(title, start, end) if title else -1
    return (at, at + len(title)) if at >= 0 else (start, end)


def first_sentence(ctx: DocContext, after: int) -> tuple[int, int] | None:
    """The sentence that follows a heading: the rest of its line, or the first sentence of the next paragraph,
    unless that is the heading of another numbered item."""
    starts = {section.start for section in ctx.doc.sections}
    for sentence in ctx.doc.sentences[_sentence_index(ctx, after):]:
        if sentence.start < after or not sentence.text.strip("。．.：: "):
            continue
        if sentence.start in starts or sentence.end - sentence.start > MAX_FIRST_SENTENCE:
            return None
        return sentence.start, sentence.end
    return None


def _sentence_index(ctx: DocContext, position: int) -> int:
    """The sentence holding `position`, or the last one before it."""
    return max(0, bisect_right(ctx.doc.sentence_starts, position) - 1)


def industries_in(text: str, start: int, end: int, terms: bool = True) -> list[Mention]:
    """Industries a span names: items of the lists verbs of development introduce, and (in a heading, whose
    words are all the task's) taxonomy terms; one mention per industry, in order of appearance. A body
    sentence gives only what a verb of development introduces (重点发展/打造/培育: strength key or cultivate):
    the technologies it applies and the fields it serves ("建立…大数据库和云计算中心", "提升卫生、住房、食品
    等领域的信息化") are not what the task is about."""
    if not terms and not any(TRIGGER_STRENGTH[m.group(0)] in DEVELOPS for m in TRIGGER_PATTERN.finditer(text, start, end)):
        return []  # no verb of development: nothing to read (and the list reader is the costly part)
    found = [item for found_list in find_industry_lists(text, start, end)
             if terms or found_list.strength in DEVELOPS for item in found_list.items]
    if terms:
        found += find_industry_terms(text, start, end)
    seen: set[str] = set()
    out: list[Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, -m.end)):
        if mention.key not in seen:
            seen.add(mention.key)
            out.append(mention)
    return out
