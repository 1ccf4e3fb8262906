"""Is an analyst's Cypher one reading statement? Decided by parsing it, never by searching it for words.

The query is read once by a lexer that knows what the stores' lexers know (strings with backslash escapes in
either quote, backtick-quoted names, `//` and `/* */` comments, parameters, numbers, operators); every word
is then classified by where it stands:

- after `.` it is a property key, after a label colon a label or relationship type, before a map colon a
  map key: names, whatever they spell (`t.start`, `t.end`, `{end: 3}` are reads);
- before `(` it is a function, which must be on the allow-list of reading functions (`READ_FUNCTIONS`), or
  after `CALL` a procedure on the allow-list (`READ_PROCEDURES`: catalogue lookups only);
- otherwise it is a keyword of a reading clause or expression (`READ_KEYWORDS`), or a variable.

A variable may only stand where an operand is expected (after an operator, a comma, an opening bracket or a
keyword that takes an expression). A clause can only begin after a complete clause, which never ends in such
a token, so no word the guard reads as a variable can be read by the store as the start of a clause: a
clause the guard does not know (LOAD, COPY, INSTALL, ATTACH, a transaction, DDL, an option `CALL x=0`, a
clause added by a future store version) is refused by construction, not by a word list. The list of writing
keywords (`WRITING_KEYWORDS`) only words the refusal.

The statement handed to the store is rebuilt from the tokens: comments dropped, strings re-quoted in one
canonical escaped form, property and map keys in backticks (so `t.end`, a reserved word in LadybugDB, reads
the evidence offset). The store therefore executes exactly the token stream that was checked, and two
lexers can never disagree about where a string or comment ends. Characters outside ASCII are accepted only
inside strings and quoted names (look-alike letters such as `ＣＯＰＹ` are refused), and the query's length,
token count and bracket nesting are bounded before anything else looks at it.

This is the first wall. The second is the store's: a READ ONLY transaction in a worker process on a
read-only open (LadybugDB; `graph/sandbox.py`), a READ session plus EXPLAIN's query type (Neo4j).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.stores.base import ReadOnlyViolation, StoreError

MAX_QUERY_CHARS = 20_000
MAX_TOKENS = 4_000
MAX_NESTING = 32
MAX_UNARY_RUN = 8  # NOT NOT NOT … and - - - …: the stores' parsers recurse once per operator

# The clauses (MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION) and the
# keywords of expressions and patterns that reading queries use, in either store's dialect.
CLAUSE_STARTS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})
READ_KEYWORDS = CLAUSE_STARTS | frozenset({
    "WHERE", "ORDER", "BY", "SKIP", "LIMIT", "UNION", "ALL", "DISTINCT", "AS", "ASC", "ASCENDING", "DESC",
    "DESCENDING", "AND", "OR", "XOR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE", "CASE", "WHEN", "THEN", "ELSE",
    "END", "STARTS", "ENDS", "CONTAINS", "EXISTS", "COUNT", "YIELD", "SHORTEST", "ANY", "NONE", "SINGLE",
    "TRAIL", "ACYCLIC", "CAST",
})
# After these an operand (a variable, a literal, a pattern) is expected; a clause cannot start here.
OPERAND_KEYWORDS = frozenset({
    "MATCH", "WITH", "UNWIND", "RETURN", "WHERE", "BY", "SKIP", "LIMIT", "DISTINCT", "AS", "AND", "OR", "XOR",
    "NOT", "IN", "IS", "CASE", "WHEN", "THEN", "ELSE", "CONTAINS", "YIELD",
})
OPERAND_OPERATORS = frozenset({
    ",", "(", "[", "{", "=", "<>", "!=", "<", ">", "<=", ">=", "=~", "+", "-", "*", "/", "%", "^", "|", "..",
})
FOLLOWED_BY = {"OPTIONAL": ("MATCH",), "ORDER": ("BY",), "STARTS": ("WITH",), "ENDS": ("WITH",)}
UNARY = frozenset({"NOT", "-", "+"})

READ_FUNCTIONS = frozenset(name.lower() for name in (
    # aggregates
    "count", "sum", "avg", "min", "max", "collect", "stdev", "stdevp", "stddev_samp", "stddev_pop",
    "percentilecont", "percentiledisc",
    # graph elements and paths
    "id", "elementid", "label", "labels", "type", "keys", "properties", "length", "nodes", "relationships",
    "rels", "startnode", "endnode", "is_trail", "is_acyclic", "cost", "offset", "shortestpath", "allshortestpaths",
    # null handling and conversion
    "coalesce", "ifnull", "nullif", "cast", "tointeger", "tofloat", "tostring", "toboolean", "tointegerornull",
    "tofloatornull", "tostringornull", "tobooleanornull",
    # strings
    "size", "tolower", "toupper", "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim", "substring",
    "substr", "left", "right", "replace", "split", "string_split", "concat", "contains", "starts_with",
    "ends_with", "prefix", "suffix", "lpad", "rpad", "reverse", "levenshtein", "regexp_matches",
    "regexp_replace", "regexp_extract", "regexp_extract_all", "regexp_full_match", "initcap", "array_extract",
    # lists
    "range", "head", "last", "tail", "isempty", "list_contains", "list_has", "list_distinct", "list_unique",
    "list_concat", "list_cat", "list_sort", "list_reverse_sort", "list_sum", "list_product", "list_extract",
    "list_element", "list_slice", "list_position", "list_has_all", "list_any_value", "list_to_string",
    # numbers
    "abs", "ceil", "ceiling", "floor", "round", "sqrt", "sign", "log", "log10", "log2", "ln", "exp", "pow",
    "power", "pi", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "degrees", "radians", "even",
    "factorial", "gamma", "bitwise_xor", "gcd", "lcm",
    # dates
    "date", "timestamp", "date_part", "datepart", "date_trunc", "datetrunc", "current_date",
    "current_timestamp", "to_date", "make_date", "duration", "interval", "dayname", "monthname", "last_day",
    "greatest", "least",
    # list predicates and subquery expressions that read
    "all", "any", "none", "single", "exists",
))
READ_PROCEDURES = frozenset(name.lower() for name in (
    "show_tables", "table_info", "show_connection",  # LadybugDB's catalogue
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",  # Neo4j's
))
WRITING_KEYWORDS = {
    "CREATE": "creates data or tables", "MERGE": "writes data", "DELETE": "deletes data",
    "DETACH": "deletes data", "SET": "writes properties or options", "REMOVE": "deletes properties",
    "DROP": "drops tables", "ALTER": "changes tables", "COPY": "reads or writes files",
    "LOAD": "reads files or extensions", "INSTALL": "installs extensions from the network",
    "UNINSTALL": "removes extensions", "ATTACH": "opens other databases", "IMPORT": "imports a database",
    "EXPORT": "writes files", "BEGIN": "starts a transaction", "COMMIT": "ends a transaction",
    "ROLLBACK": "ends a transaction", "CHECKPOINT": "writes the database file", "USE": "switches databases",
    "FOREACH": "writes data", "GRANT": "changes privileges", "DENY": "changes privileges",
    "REVOKE": "changes privileges", "START": "starts a database", "STOP": "stops a database",
    "EXPLAIN": "is not a query", "PROFILE": "runs a query under a profiler", "UPDATE": "changes extensions",
    "FORCE": "changes extensions", "COMMENT": "writes the catalogue", "ANALYZE": "writes statistics",
    "TERMINATE": "stops transactions", "SHOW": "lists server administration", "ENABLE": "changes the server",
}
ALLOWED_CLAUSES = "MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION"

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<line_comment>//[^\r\n\u2028\u2029\x85]*)
  | (?P<block_comment>/\*)
  | (?P<string>['"])
  | (?P<quoted>`)
  | (?P<param>\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|`))
  | (?P<number>0[xX][0-9A-Fa-f]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><>|<=|>=|=~|->|<-|\.\.|\+=|!=|::|[()\[\]{},.:;|+\-*/%^=<>!?])
""", re.X)
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
_CANONICAL_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class CypherSyntaxError(StoreError):
    """A query that is not well-formed Cypher (an unclosed string or bracket, a stray character): a 400, not a
    refusal, since nothing was asked that the endpoint forbids."""


@dataclass(frozen=True)
class Token:
    kind: str  # word, quoted, string, param, number, op
    text: str  # as written (a string's or quoted name's decoded value for those kinds)
    start: int
    spaced: bool  # whitespace or a comment stood before it


def refuse(reason: str, query: str | None = None, at: int | None = None) -> ReadOnlyViolation:
    return ReadOnlyViolation(f"read-only endpoint: {reason}{_where(query, at)}")


def malformed(reason: str, query: str | None = None, at: int | None = None) -> CypherSyntaxError:
    return CypherSyntaxError(f"Cypher syntax: {reason}{_where(query, at)}")


def _where(query: str | None, at: int | None) -> str:
    return "" if at is None or query is None else f" (at character {at + 1}: {query[at:at + 20]!r})"


def tokenize(query: str) -> list[Token]:
    """The query's tokens; comments and whitespace only mark the token after them as spaced."""
    if len(query) > MAX_QUERY_CHARS:
        raise refuse(f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}")
    tokens: list[Token] = []
    pos, spaced = 0, False
    while pos < len(query):
        match = _TOKEN.match(query, pos)
        if match is None:
            char = query[pos]
            hint = (" (write keywords and names in ASCII; other characters belong in 'strings' or `quoted names`)"
                    if ord(char) > 127 else "")
            raise malformed(f"unexpected character {char!r} (U+{ord(char):04X}){hint}", query, pos)
        kind = match.lastgroup
        if kind in ("space", "line_comment"):
            pos, spaced = match.end(), True
            continue
        if kind == "block_comment":
            end = query.find("*/", pos + 2)
            if end < 0:
                raise malformed("a /* comment is never closed", query, pos)
            pos, spaced = end + 2, True
            continue
        if kind == "string":
            value, pos_after = _read_string(query, pos)
            tokens.append(Token("string", value, pos, spaced))
        elif kind == "quoted" or (kind == "param" and match.group().endswith("`")):
            start = match.end() - 1
            end = query.find("`", start + 1)
            name = query[start + 1:end] if end > 0 else ""
            if end < 0 or not name or any(ord(c) < 32 for c in name):
                raise malformed("a `quoted name` must be closed on its line and not be empty", query, pos)
            tokens.append(Token("quoted" if kind == "quoted" else "param", name, pos, spaced))
            pos_after = end + 1
        else:
            text = match.group()[1:] if kind == "param" else match.group()
            tokens.append(Token(kind, text, pos, spaced))
            pos_after = match.end()
        if len(tokens) > MAX_TOKENS:
            raise refuse(f"the query has more than {MAX_TOKENS} tokens")
        pos, spaced = pos_after, False
    return tokens


def _read_string(query: str, start: int) -> tuple[str, int]:
    """The decoded value of the string literal opening at `start`, and the position after it."""
    quote, out, pos = query[start], [], start + 1
    while pos < len(query):
        char = query[pos]
        if char == quote:
            return "".join(out), pos + 1
        if char == "\\":
            code = query[pos + 1:pos + 2]
            if code in _ESCAPES:
                out.append(_ESCAPES[code])
                pos += 2
                continue
            width = {"u": 4, "U": 8}.get(code)
            digits = query[pos + 2:pos + 2 + width] if width else ""
            if not width or not re.fullmatch(r"[0-9A-Fa-f]+", digits) or len(digits) != width:
                raise malformed(f"unknown escape \\{code} in a string", query, pos)
            value = int(digits, 16)
            if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
                raise malformed("an escape names no character", query, pos)
            out.append(chr(value))
            pos += 2 + width
            continue
        out.append(char)
        pos += 1
    raise malformed("a string is never closed", query, start)


def _canonical_string(value: str) -> str:
    escaped = "".join(_CANONICAL_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 32 or ord(c) == 127 else c)
                      for c in value)
    return f"'{escaped}'"


def _quoted(name: str) -> str:
    if "`" in name:  # the lexer ends a quoted name at the first backtick, so this cannot come from a query
        raise ValueError(name)
    return f"`{name}`"


def check_read_only(query: str) -> str:
    """The statement to run, rebuilt from its checked tokens, or ReadOnlyViolation saying why it is refused."""
    tokens = tokenize(query)
    while tokens and tokens[-1].kind == "op" and tokens[-1].text == ";":
        tokens.pop()
    if not tokens:
        raise refuse("the query is empty")
    first = tokens[0]
    if not (first.kind == "word" and first.text.upper() in CLAUSE_STARTS):
        reason = _writing_reason(first)
        raise refuse(reason or f"a query starts with one of {ALLOWED_CLAUSES} or CALL of a catalogue procedure",
                     query, first.start)
    out: list[str] = []
    stack: list[str] = []
    unary_run = 0
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        text = _check_token(query, tokens, index, token, before, after, stack)
        unary_run = unary_run + 1 if token.text.upper() in UNARY and token.kind in ("word", "op") else 0
        if unary_run > MAX_UNARY_RUN:
            raise refuse(f"more than {MAX_UNARY_RUN} operators in a row", query, token.start)
        out.append((" " if token.spaced and out else "") + text)
    if stack:
        raise malformed(f"a {stack[-1]!r} is never closed")
    return "".join(out)


_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _check_token(query: str, tokens: list[Token], index: int, token: Token, before: Token | None,
                 after: Token | None, stack: list[str]) -> str:
    """The token's text for the rebuilt statement, once its place in the statement has been checked."""
    kind, text = token.kind, token.text
    if kind == "string":
        return _canonical_string(text)
    if kind == "param":
        return f"${text}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+", text) else f"${_quoted(text)}"
    if kind == "number":
        return text
    if kind == "op":
        return _check_operator(query, token, stack)
    role = _role(tokens, index, before, stack)
    if role in ("property", "key", "label"):
        return _quoted(text)
    if role == "call_part":  # checked with the whole dotted name at its first word
        return text
    if kind == "quoted":
        if role == "function":
            raise refuse("a function name cannot be quoted", query, token.start)
        return _quoted(text)
    upper = text.upper()
    if upper in READ_KEYWORDS:
        _check_keyword(query, tokens, index, upper)
        return text
    if role == "function":
        name = _dotted_name(tokens, index)
        if before is not None and before.kind == "word" and before.text.upper() == "CALL":
            if name.lower() not in READ_PROCEDURES:
                raise refuse(f"CALL {name} is refused: only the catalogue procedures "
                             f"{', '.join(sorted(READ_PROCEDURES))} may be called", query, token.start)
        elif name.lower() not in READ_FUNCTIONS:
            reason = _writing_reason(token)
            raise refuse(reason or f"the function {name} is not on the list of reading functions", query, token.start)
        return text
    reason = _writing_reason(token)
    if reason:
        raise refuse(reason, query, token.start)
    if not _expects_operand(before):
        raise refuse(f"{text!r} is not a clause of a reading query ({ALLOWED_CLAUSES})", query, token.start)
    return text


def _check_operator(query: str, token: Token, stack: list[str]) -> str:
    text = token.text
    if text == ";":
        raise refuse("only one statement is allowed: a second statement after ';' is refused", query, token.start)
    if text in ("(", "[", "{"):
        stack.append(text)
        if len(stack) > MAX_NESTING:
            raise refuse(f"brackets nest deeper than {MAX_NESTING}", query, token.start)
    elif text in _CLOSERS:
        if not stack or stack.pop() != _CLOSERS[text]:
            raise malformed(f"an unmatched {text!r}", query, token.start)
    elif text in ("+=", "::", "?"):
        raise refuse(f"{text!r} is not part of a reading query", query, token.start)
    return text


def _role(tokens: list[Token], index: int, before: Token | None, stack: list[str]) -> str:
    """What a word or quoted name is by where it stands: property, key, label, function (the first word of
    a called name), call_part (a later word of a dotted called name) or name (a keyword or a variable)."""
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if before is not None and before.kind == "op" and before.text == ".":
        dotted = index >= 2 and tokens[index - 2].kind == "word" and _is_call(tokens, index - 2)
        return "call_part" if dotted else "property"
    if _is_call(tokens, index):
        return "function"
    if after is not None and after.kind == "op" and after.text == ":" and stack and stack[-1] == "{":
        return "key"
    if before is not None and before.kind == "op" and before.text == ":" and not _is_value_colon(tokens, index - 1,
                                                                                                   stack):
        return "label"
    return "name"


def _is_call(tokens: list[Token], index: int) -> bool:
    """Whether the word at `index` is (part of) a dotted name followed by an opening parenthesis."""
    pos = index
    while pos + 2 < len(tokens) and tokens[pos + 1].text == "." and tokens[pos + 2].kind == "word":
        pos += 2
    nxt = tokens[pos + 1] if pos + 1 < len(tokens) else None
    return nxt is not None and nxt.kind == "op" and nxt.text == "(" and tokens[index].kind in ("word", "quoted")


def _dotted_name(tokens: list[Token], index: int) -> str:
    """The whole dotted name (db.schema.visualization) that the word at `index` belongs to."""
    start = index
    while start >= 2 and tokens[start - 1].text == "." and tokens[start - 2].kind == "word":
        start -= 2
    end = index
    while end + 2 < len(tokens) and tokens[end + 1].text == "." and tokens[end + 2].kind == "word":
        end += 2
    return "".join(t.text for t in tokens[start:end + 1])


def _is_value_colon(tokens: list[Token], colon: int, stack: list[str]) -> bool:
    """A colon inside a map after its key ({name: x}) introduces a value; elsewhere it introduces a label."""
    key = tokens[colon - 1] if colon else None
    if not stack or stack[-1] != "{" or key is None or key.kind not in ("word", "quoted"):
        return False
    before_key = tokens[colon - 2] if colon >= 2 else None
    return before_key is not None and before_key.kind == "op" and before_key.text in ("{", ",")


def _expects_operand(before: Token | None) -> bool:
    if before is None:
        return False
    if before.kind == "op":
        return before.text in OPERAND_OPERATORS or before.text == ":"
    return before.kind == "word" and before.text.upper() in OPERAND_KEYWORDS


def _check_keyword(query: str, tokens: list[Token], index: int, upper: str) -> None:
    """Keywords that must be followed by one word (OPTIONAL MATCH, ORDER BY), CALL's procedure, UNION's clause."""
    token = tokens[index]
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if upper in FOLLOWED_BY:
        if after is None or after.kind != "word" or after.text.upper() not in FOLLOWED_BY[upper]:
            raise refuse(f"{upper} must be followed by {' or '.join(FOLLOWED_BY[upper])}", query, token.start)
    if upper == "CALL" and (after is None or after.kind != "word" or not _is_call(tokens, index + 1)):
        raise refuse("CALL takes a catalogue procedure by name and arguments (subqueries and options such as "
                     "CALL timeout=0 are refused)", query, token.start)
    if upper == "UNION" and after is not None and after.kind == "word" and after.text.upper() not in (
            CLAUSE_STARTS | {"ALL"}):
        raise refuse(f"UNION must be followed by a reading clause ({ALLOWED_CLAUSES})", query, token.start)


def _writing_reason(token: Token) -> str | None:
    reason = WRITING_KEYWORDS.get(token.text.upper()) if token.kind == "word" else None
    if reason is None:
        return None
    return (f"the query uses {token.text.upper()}, which {reason}; only reading clauses are allowed "
            f"({ALLOWED_CLAUSES})")
