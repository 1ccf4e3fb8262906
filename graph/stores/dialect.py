"""What a Neo4j-only construct is written as in the embedded store's Cypher (LadybugDB's dialect).

Analysts come with Neo4j's Cypher. The embedded store speaks LadybugDB's dialect (the Kùzu lineage): most of
a reading query is the same, but a few constructs are spelled differently, and the store's own error for
them ("function TYPE does not exist", "Invalid input <MATCH p = shortestPath>") does not say what to write
instead. When the store rejects a statement, `equivalents` reads the statement's tokens (the guard's lexer,
so a word inside a string or a comment is never taken for a construct) and names the embedded form of each
Neo4j-only construct it uses; the store appends that to its error. It decides nothing: the guard has
already admitted the statement, and the store has already refused it.

The same table is the README's "Cypher dialects" section; tests/test_dialect.py checks that every form it
proposes runs on the embedded store.
"""

from __future__ import annotations

from graph.readonly import Token, tokenize
from graph.stores.base import StoreError

# Neo4j function (lower-case) -> what to write in the embedded store.
FUNCTIONS: dict[str, str] = {
    "type": "label(r) gives a relationship's type",
    "elementid": "id(n) gives an element's internal id (or use the `id` property every node has)",
    "startnode": "name the ends in the pattern, MATCH (a)-[r]->(b), and use a",
    "endnode": "name the ends in the pattern, MATCH (a)-[r]->(b), and use b",
    "tointeger": "CAST(x AS INT64)",
    "tofloat": "CAST(x AS DOUBLE)",
    "toboolean": "CAST(x AS BOOLEAN)",
    "shortestpath": "MATCH p = (a)-[* SHORTEST 1..6]-(b) RETURN p (a bound on the length is required)",
    "allshortestpaths": "MATCH p = (a)-[* ALL SHORTEST 1..6]-(b) RETURN p",
}
EXISTS_PATTERN = "EXISTS { MATCH (n)-[:TARGETS]->() } (a subquery in braces, not a pattern in parentheses)"
LABEL_PREDICATE = "label(n) = 'City'"
# Keywords after which `n:City` is a predicate (Neo4j's label test), not a pattern's label.
PREDICATE_KEYWORDS = frozenset({"WHERE", "AND", "OR", "XOR", "NOT", "WHEN"})


def _calls(tokens: list[Token]) -> list[tuple[int, str]]:
    """(index, lower-case name) of every word followed by an opening parenthesis."""
    return [(i, t.text.lower()) for i, t in enumerate(tokens[:-1])
            if t.kind == "word" and tokens[i + 1].kind == "op" and tokens[i + 1].text == "("]


def equivalents(statement: str) -> list[str]:
    """One line per Neo4j-only construct the statement uses: `neo4j form → embedded form`, in query order."""
    try:
        tokens = tokenize(statement)
    except StoreError:  # an untokenisable statement has no construct to name; the store's error stands alone
        return []
    lines: dict[str, str] = {}  # construct -> its line, first use first
    for index, name in _calls(tokens):
        if name in lines:
            continue
        if name in FUNCTIONS:
            lines[name] = f"{tokens[index].text}(…) is Neo4j's; here: {FUNCTIONS[name]}"
        elif name == "exists" and index + 2 < len(tokens) and tokens[index + 2].text == "(":
            lines[name] = f"exists((pattern)) is Neo4j's; here: {EXISTS_PATTERN}"
    for index in range(1, len(tokens) - 2):
        before, name, colon, label = tokens[index - 1:index + 3]
        if (before.kind == "word" and before.text.upper() in PREDICATE_KEYWORDS and name.kind == "word"
                and colon.text == ":" and label.kind in ("word", "quoted") and "label" not in lines):
            lines["label"] = f"{name.text}:{label.text} as a condition is Neo4j's; here: {LABEL_PREDICATE}"
    return list(lines.values())


def explain(message: str, statement: str) -> str:
    """The store's error message, followed by the embedded forms of the Neo4j-only constructs used, if any."""
    lines = equivalents(statement)
    if not lines:
        return message
    return (f"{message}\nThe embedded store speaks LadybugDB's Cypher (README: Cypher dialects): "
            + "; ".join(lines))
