"""The read-only guard (graph/readonly.py), fuzzed: generated mixtures of strings, comments, quoted names,
keywords and punctuation never let anything but a read through.

The oracle is the store itself, not the guard's own idea of Cypher: every statement the guard accepts is run
by LadybugDB on a database opened READ-WRITE, outside any read-only transaction, and afterwards the graph has
the same tables and counts and no file has appeared. The guard is the only wall here, so a write, a file
read or write, or a second statement slipping through would show. The rebuilt statement is also a fixed
point of the guard (checking it again changes nothing), since the sandbox's worker checks it a second time.

About a quarter of the generated mixtures are accepted reads. Checked when written: the fuzz fails within its
400 examples against the old lexical filter (strings blanked, a list of writing words) and against a guard
that stops classifying words by position.
"""

from __future__ import annotations

from pathlib import Path

import ladybug
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.build import build
from app.settings import BUNDLED_CORPUS
from graph.readonly import CypherSyntaxError, check_read_only
from graph.stores import ReadOnlyViolation, StoreError, open_store

WRITES = [
    "CREATE (:City {id: 'evil', name: 'evil'})", "MERGE (:City {id: 'evil'})", "MATCH (n:City) DELETE n",
    "MATCH (n) DETACH DELETE n", "SET n.name = 'x'", "REMOVE n.name", "DROP TABLE City",
    "COPY City FROM '{dir}/in.csv'", "COPY (MATCH (c:City) RETURN c.id) TO '{dir}/out.csv'",
    "LOAD FROM '/etc/passwd' (header=false, delim=':') RETURN *", "INSTALL json", "LOAD json",
    "ATTACH '{dir}/x.lbug' AS x (dbtype lbug)", "EXPORT DATABASE '{dir}/dump'", "BEGIN TRANSACTION", "COMMIT",
    "ROLLBACK", "CHECKPOINT", "CALL threads=1", "CALL timeout=0", "CREATE NODE TABLE Evil(id INT64, PRIMARY KEY(id))",
    "CREATE MACRO evil(x) AS x", "ALTER TABLE City ADD evil INT64", "ＣＲＥＡＴＥ (:City {id: 'x'})",
    "СREATE (:City {id: 'x'})",
]
READS = [
    "MATCH (n:City)", "MATCH (c:City)-[t:TARGETS]->(i:Industry)", "OPTIONAL MATCH (n)-[:PART_OF]->(m)",
    "WHERE n.name <> 'x'", "WITH n", "WITH n, count(*) AS k", "RETURN n.name", "RETURN t.start, t.end",
    "RETURN count(*)", "UNWIND [1, 2] AS x", "RETURN x", "UNION", "UNION ALL", "ORDER BY n.name", "LIMIT 3",
    "RETURN DISTINCT n.id", "WHERE n.id IN ['a', 'b'] AND NOT n.name STARTS WITH 'y'",
    "RETURN CASE WHEN n.name IS NULL THEN 0 ELSE 1 END", "CALL show_tables() RETURN name", "RETURN {k: 1, end: 2}",
    "RETURN $p", "RETURN label(t)", "RETURN [1, 2][0]",
]
PUNCTUATION = [";", ",", "(", ")", "[", "]", "{", "}", ":", ".", "|", "=", "<", ">", "-", "->", "*", "$", "`"]
TRICKY_TEXT = st.lists(st.sampled_from(list("'\"`\\/*;\n\r ab") + ["/*", "*/", "//", "\\'", "\\\\", "CREATE",
                                                                     "COPY", "'; ", "\u2028"]),
                       max_size=12).map("".join)
STRINGS = st.one_of(TRICKY_TEXT.map(lambda s: "'" + s + "'"), TRICKY_TEXT.map(lambda s: '"' + s + '"'))
COMMENTS = st.one_of(TRICKY_TEXT.map(lambda s: "/*" + s.replace("*/", "") + "*/"),
                     TRICKY_TEXT.map(lambda s: "//" + s + "\n"), TRICKY_TEXT.map(lambda s: "/*" + s))
QUOTED = TRICKY_TEXT.map(lambda s: "`" + s + "`")
SEPARATORS = st.sampled_from([" ", "", "\n", "\t", "\r", "\u00a0", " /**/ "])
FRAGMENTS = st.one_of(st.sampled_from(WRITES), st.sampled_from(READS), st.sampled_from(PUNCTUATION), STRINGS,
                      COMMENTS, QUOTED, st.sampled_from(["n", "m", "x", "start", "end", "1", "0.5", "$p"]))


@st.composite
def chaos(draw) -> str:
    """A read's opening, then any mixture: reads, strings, comments, quoted names, punctuation and now and then
    a write, joined by the separators lexers disagree about. Many are refused; hundreds are runnable reads."""
    opening = draw(st.sampled_from(["MATCH (n:City)", "RETURN 1 AS x", "UNWIND [1, 2] AS x", "WITH 1 AS x",
                                    "OPTIONAL MATCH (n)", "CALL show_tables() RETURN name"]))
    mixture = st.lists(st.one_of(FRAGMENTS, st.sampled_from(READS), STRINGS, COMMENTS), max_size=4)
    parts = [*draw(mixture), *draw(st.lists(st.sampled_from(WRITES), max_size=1)), *draw(mixture)]
    return opening + draw(SEPARATORS) + "".join(part + draw(SEPARATORS) for part in parts)


@st.composite
def read_with_decoys(draw) -> str:
    """A read whose strings, comments and quoted names carry writes: the guard must run it and nothing else."""
    decoy = draw(st.sampled_from(WRITES))
    string = draw(st.sampled_from([
        "'" + decoy.replace("\\", "\\\\").replace("'", "\\'") + "'",
        '"' + decoy.replace("\\", "\\\\").replace('"', '\\"') + '"',
    ]))
    comment = draw(st.sampled_from(["/* " + decoy.replace("*/", "") + " */", "// " + decoy + "\n"]))
    name = "`" + decoy.replace("`", "").replace("\n", " ") + "`"
    return draw(st.sampled_from([
        f"MATCH (n:City) WHERE n.name <> {string} RETURN n.id LIMIT 2",
        f"MATCH (n:City) {comment} RETURN n.id AS {name} LIMIT 2",
        f"RETURN {string} AS one {comment}",
        f"UNWIND [1, 2] AS x {comment} WITH x WHERE x > 1 RETURN x AS {name}",
    ]))


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    """A small graph opened read-write (one document of the corpus), and a folder watched for new files."""
    folder = tmp_path_factory.mktemp("guard")
    store = open_store(folder / "graph.lbug")
    build(store, [BUNDLED_CORPUS / "003_d17b420203dd7a74.txt"])
    connection = ladybug.Connection(store.db)
    connection.set_query_timeout(2000)
    yield {"store": store, "conn": connection, "dir": folder}
    store.close()


def state(writable) -> tuple:
    tables = writable["conn"].execute("CALL show_tables() RETURN name ORDER BY name").get_all()
    files = sorted(p.name for p in Path(writable["dir"]).iterdir())
    return tuple(map(tuple, tables)), tuple(sorted(writable["store"].counts().items())), tuple(files)


def run_if_accepted(writable, query: str) -> bool:
    query = query.replace("{dir}", str(writable["dir"]))
    try:
        statement = check_read_only(query)
    except (ReadOnlyViolation, CypherSyntaxError):
        return False
    assert check_read_only(statement) == statement
    before = state(writable)
    try:
        writable["conn"].execute(statement, {"p": 1} if "$p" in statement else {})  # unused parameters fail
    except RuntimeError:
        pass  # the store refused it (syntax, binder, timeout): refused is fine, only effects matter
    assert state(writable) == before, f"{query!r} ran as {statement!r} and changed the graph or the files"
    return True


FUZZ = settings(max_examples=400, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FUZZ
@given(query=chaos())
def test_whatever_the_guard_lets_through_only_reads(writable, query):
    run_if_accepted(writable, query)


@FUZZ
@given(query=read_with_decoys())
def test_writes_inside_strings_and_comments_are_text_and_the_read_still_runs(writable, query):
    assert run_if_accepted(writable, query), query


@pytest.mark.parametrize("write", WRITES)
def test_every_write_is_refused_alone_after_a_read_and_after_a_comment_or_string(write):
    for query in (write, f"MATCH (n) RETURN n {write}", f"MATCH (n) RETURN n; {write}",
                  f"RETURN '/*' AS a {write} RETURN '*/'", f"RETURN 1 /* x */ {write}"):
        with pytest.raises(StoreError):
            check_read_only(query)


def test_the_rebuilt_statement_quotes_names_and_drops_comments():
    statement = check_read_only("MATCH (t:Target) /* note */ RETURN t.start, t.end // tail")
    assert statement == "MATCH (t:`Target`) RETURN t.`start`, t.`end`"
    assert check_read_only("RETURN 'a\\'b' AS s") == "RETURN 'a\\'b' AS s"
    assert check_read_only('RETURN "say \\"hi\\"" AS s') == "RETURN 'say \"hi\"' AS s"
