"""The lexical check that an analyst's Cypher is one read-only statement.

It runs before the store's own defence (a READ ONLY transaction on LadybugDB, a READ session plus
EXPLAIN's query type on Neo4j), so that a write is refused with a clear message and never reaches the store.
"""

from __future__ import annotations

import re

from graph.stores.base import ReadOnlyViolation

WRITE_KEYWORDS = (
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "ALTER", "COPY", "LOAD", "INSTALL", "ATTACH",
    "DETACH", "IMPORT", "EXPORT", "BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT", "USE", "FOREACH", "GRANT", "DENY",
    "REVOKE", "START", "STOP",
)
WRITING_PROCEDURES = re.compile(r"\bCALL\s+(?!db\.(labels|relationshipTypes|propertyKeys|schema)\b|show_tables\b|"
                                r"table_info\b|current_setting\b)", re.I)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def strip_literals(query: str) -> str:
    """The query with comments removed and string literals and quoted names blanked."""
    return _STRINGS.sub("''", _COMMENTS.sub(" ", query))


def check_read_only(query: str) -> str:
    """Return the single statement to run, or raise ReadOnlyViolation saying why it is refused."""
    bare = strip_literals(query).strip()
    if not bare:
        raise ReadOnlyViolation("empty query")
    body = bare.rstrip().rstrip(";")
    if ";" in body:
        raise ReadOnlyViolation("only one statement is allowed: a second statement after ';' is refused")
    for keyword in WRITE_KEYWORDS:
        if re.search(rf"\b{keyword}\b", body, re.I):
            raise ReadOnlyViolation(f"read-only endpoint: the query uses {keyword}, which writes or changes the "
                                    "database; only reading queries (MATCH … RETURN) are allowed")
    if WRITING_PROCEDURES.search(body):
        raise ReadOnlyViolation("read-only endpoint: procedure calls are refused (they may write)")
    return query.strip().rstrip(";")
