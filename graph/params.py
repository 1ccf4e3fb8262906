"""Query parameters from outside (an analyst's /cypher, an export's params): data a store can bind, bounded.

Parameters are never Cypher, so they cannot change what a query does; what they can do is fail outside the
store's own errors or take memory. LadybugDB's Python binding raises ValueError on a list that mixes strings
and numbers and OverflowError on an integer beyond INT64, which would reach the API as a 500; deep nesting
makes JSON handling recurse. So names are plain identifiers, values bindable JSON, nesting and size bounded.
One check, used by the export selection (graph/subgraph.py) and the Cypher sandbox (graph/stores/sandbox.py).
"""

from __future__ import annotations

import json
from typing import Any

MAX_PARAMS_DEPTH = 4  # a list of maps of lists is the deepest a real query needs
MAX_PARAMS_BYTES = 64 * 1024
MAX_NAME_CHARS = 64
INT64 = (-(2**63), 2**63 - 1)


def params_problem(params: Any, max_bytes: int = MAX_PARAMS_BYTES) -> str | None:
    """What makes these parameters unusable, in words, or None when a store can bind them."""
    if not isinstance(params, dict):
        return "params must be an object of name → value"
    for name, value in params.items():
        if not (isinstance(name, str) and name.isascii() and name.isidentifier() and len(name) <= MAX_NAME_CHARS):
            return f"parameter name {str(name)[:40]!r} is not a plain identifier"
        problem = _unbindable(value, MAX_PARAMS_DEPTH)
        if problem:
            return f"parameter {name!r}: {problem}"
    size = len(json.dumps(params, ensure_ascii=False).encode())
    if size > max_bytes:
        return f"params are {size} bytes as JSON; the limit is {max_bytes}"
    return None


def _unbindable(value: Any, depth: int) -> str | None:
    if depth < 0:
        return f"nested deeper than {MAX_PARAMS_DEPTH} levels"
    if isinstance(value, bool) or value is None or isinstance(value, str | float):
        return None
    if isinstance(value, int):
        return None if INT64[0] <= value <= INT64[1] else f"{value} does not fit a 64-bit integer"
    if isinstance(value, list):
        kinds = {_kind(item) for item in value if item is not None}
        if len(kinds) > 1:
            return f"a list must hold one kind of value, not {', '.join(sorted(kinds))}"
        return next((p for p in (_unbindable(item, depth - 1) for item in value) if p), None)
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            return "map keys must be strings"
        return next((p for p in (_unbindable(item, depth - 1) for item in value.values()) if p), None)
    return f"{type(value).__name__} is not a JSON value"


def _kind(value: Any) -> str:
    """The Cypher type family of a JSON value: int and float mix as numbers, bool does not."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return {str: "string", list: "list", dict: "map"}.get(type(value), type(value).__name__)
