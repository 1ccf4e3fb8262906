"""The query service under attack, as an attacker would try it: a real uvicorn server on a copy of the corpus
graph, every request sent over HTTP. Each attack is refused or harmless: nothing read from or written to the
file system, nothing changed in the graph, the database file byte-identical afterwards, the server alive.

The attacks are the ones reported against the lexical guard (a comment marker inside a string hid the rest
of a query from it) plus variants: look-alike letters, nested and unclosed comments, escaped quotes, line
ends a comment may or may not stop at, backticks, parameters, subqueries, option calls, deep nesting, a
memory bomb, a query that crashes the store, a flood of slow queries.
"""

from __future__ import annotations

import hashlib
import math
import shutil
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from conftest import POLICYKG, ROOT, running_server

SLOW = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x * y AS p WHERE p % 7 = 3 RETURN sum(p)"
TIMEOUT_MS = 2000
SECRET = "root:x:0:0"  # the first line of /etc/passwd


@pytest.fixture(scope="module")
def target(corpus_db, tmp_path_factory):
    """A server over a private copy of the corpus graph, with a short query timeout and a small queue."""
    folder = tmp_path_factory.mktemp("attacked")
    db = folder / "graph.lbug"
    shutil.copy(corpus_db, db)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    env = {"POLICYKG_CYPHER_TIMEOUT_MS": str(TIMEOUT_MS), "POLICYKG_CYPHER_WORKERS": "2",
           "POLICYKG_CYPHER_QUEUE": "4", "POLICYKG_CYPHER_MEMORY_MB": "512"}
    with running_server(db, env) as url:
        yield {"url": url, "db": db, "folder": folder, "digest": digest}
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest, "the database file changed under attack"


def cypher(target, query: str, params: dict | None = None) -> httpx.Response:
    return httpx.post(f"{target['url']}/cypher", json={"query": query, "params": params or {}}, timeout=60)


def alive(target) -> dict:
    health = httpx.get(f"{target['url']}/health", timeout=60)
    assert health.status_code == 200
    return health.json()


def written_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(("graph.lbug", "uvicorn-"))}


# Each: a query that must not run as written. `{dir}` is the attacked server's folder, watched for new files.
SMUGGLED = [
    "WITH '/*' AS a LOAD FROM '/etc/passwd' (file_format='csv', header=false, delim=':') RETURN *, '*/' AS b",
    "RETURN '/*'; COPY (MATCH (d:Document) RETURN d.id, d.text) TO '{dir}/x.parquet'; RETURN '*/'",
    "RETURN '/*'; CALL timeout=0; MATCH p=(a)-[*1..30]-(b) RETURN count(*); RETURN '*/'",
    "RETURN '/*'; COMMIT; CREATE (:City {id:'x', name:'x'}); RETURN '*/'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "COPY City FROM '{dir}/cities.csv'",
    "COPY (MATCH (c:City) RETURN c.id) TO '{dir}/cities.csv'",
    "EXPORT DATABASE '{dir}/dump'",
    "IMPORT DATABASE '{dir}/dump'",
    "ATTACH '{dir}/other.lbug' AS other (dbtype lbug)",
    "CALL timeout=0",
    "CALL threads=64",
    "MATCH (n) CALL { MATCH (m) DETACH DELETE m } RETURN n",
    "BEGIN TRANSACTION",
    "CHECKPOINT",
    "CREATE NODE TABLE Evil(id STRING PRIMARY KEY)",
    "DROP TABLE City",
    "MATCH (c:City) SET c.name = 'x' RETURN c",
    "MATCH (c:City) WITH c MERGE (:City {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) RETURN n // comment\nCOPY (MATCH (c:City) RETURN c.id) TO '{dir}/a.csv'",
    "MATCH (n) RETURN n /* nested /* comment */ COPY (MATCH (c:City) RETURN c.id) TO '{dir}/b.csv' */",
    "RETURN 'it\\'s'; COPY (MATCH (c:City) RETURN c.id) TO '{dir}/c.csv'",
    "RETURN \"a\\\"b\"; DROP TABLE City",
    "RETURN 'a\\\\'; DROP TABLE City; RETURN '",
    "RETURN `a;b` UNION LOAD FROM '/etc/passwd' RETURN *",
    "MATCH (n) RETURN n ＣＯＰＹ (MATCH (c:City) RETURN c.id) TO '{dir}/d.csv'",
    "MATCH (n) RETURN n СOPY (MATCH (c:City) RETURN c.id) TO '{dir}/e.csv'",  # a Cyrillic С
    "MATCH (n) RETURN n\u2028COPY (MATCH (c:City) RETURN c.id) TO '{dir}/f.csv'",
    "RETURN 1 // a comment a store might end at \\r\rCOPY (MATCH (c:City) RETURN c.id) TO '{dir}/g.csv'",
    "RETURN `x` AS a, `y`(1) AS b",
    "RETURN load_extension('httpfs')",
    "UNWIND [1] AS x CALL db.createLabel('Evil') RETURN x",
    "EXPLAIN MATCH (n) DETACH DELETE n",
    "PROFILE MATCH (n) RETURN n",
    "USE other MATCH (n) RETURN n",
    "MATCH (c:City) FOREACH (x IN [1] | SET c.name = 'x')",
    "RETURN 1 UNION ALL CREATE (:City {id: 'y'})",
    "WITH 1 AS x OPTIONAL CREATE (:City {id: 'z'}) RETURN x",
    "RETURN " + "(" * 5000 + "1" + ")" * 5000,
    "RETURN " + "(" * 2000 + "1" + ")" * 2000,
    "RETURN " + "NOT " * 3000 + "true",
    "RETURN " + "[" * 3000 + "]" * 3000,
    "RETURN '" + "\\'" * 5000,
    "RETURN 1 /* never closed COPY (MATCH (c:City) RETURN c.id) TO '{dir}/h.csv'",
]


@pytest.mark.parametrize("query", SMUGGLED)
def test_a_smuggled_clause_never_runs(target, query):
    query = query.replace("{dir}", str(target["folder"]))
    before = alive(target)
    answer = cypher(target, query)
    assert answer.status_code in (400, 403, 422), (answer.status_code, answer.text[:300])
    assert SECRET not in answer.text
    assert not written_files(target["folder"])
    assert alive(target) == before


def test_exports_refuse_the_same_attacks_and_links_never_run_cypher(target):
    attack = SMUGGLED[0]
    by_link = httpx.get(f"{target['url']}/export", params={"format": "json", "cypher": attack}, timeout=60)
    assert by_link.status_code == 405 and SECRET not in by_link.text
    by_post = httpx.post(f"{target['url']}/export", json={"format": "json", "cypher": attack}, timeout=60)
    assert by_post.status_code == 403 and SECRET not in by_post.text
    copy = SMUGGLED[1].replace("{dir}", str(target["folder"]))
    assert httpx.post(f"{target['url']}/export", json={"cypher": copy}, timeout=60).status_code == 403
    assert not written_files(target["folder"])


def test_parameters_are_data_never_cypher(target):
    injected = "x'}) DETACH DELETE n //"
    answer = cypher(target, "MATCH (c:City) WHERE c.name = $name RETURN count(c) AS n", {"name": injected})
    assert answer.status_code == 200 and answer.json()["rows"] == [[0]]
    for params in ({"bad name": 1}, {"名": 1}, {"x": "a" * 100_000}):
        assert cypher(target, "RETURN 1", params).status_code in (403, 422)


def test_reads_that_look_like_writes_pass(target):
    """Evidence offsets are properties named start and end: reading them is a read, in either spelling."""
    answer = cypher(target, "MATCH (c:City)-[t:TARGETS]->(i:Industry) WHERE t.start >= 0 "
                            "RETURN t.start AS start_at, t.`end` AS end_at, t.end - t.start AS width, "
                            "'CREATE; DELETE /* // */' AS text LIMIT 3")
    assert answer.status_code == 200, answer.text
    rows = answer.json()["rows"]
    assert len(rows) == 3 and all(r[1] - r[0] == r[2] > 0 and r[3] == "CREATE; DELETE /* // */" for r in rows)


def test_a_memory_bomb_costs_one_worker(target):
    answer = cypher(target, "RETURN size(range(1, 300000000)) AS n")
    assert answer.status_code == 422 and "memory" in answer.json()["detail"]
    alive(target)
    assert cypher(target, "MATCH (c:City) RETURN count(c)").status_code == 200


def test_a_query_that_crashes_the_store_costs_one_worker(target):
    """LadybugDB segfaults on ORDER BY … SKIP far past the rows; in a worker that is one lost process."""
    answer = cypher(target, "MATCH (c:City) RETURN c.id ORDER BY c.id SKIP 12000 LIMIT 10")
    assert answer.status_code in (200, 422), answer.text
    if answer.status_code == 422:
        assert "worker" in answer.json()["detail"]
    alive(target)
    assert cypher(target, "MATCH (c:City) RETURN count(c)").status_code == 200


def test_a_slow_query_is_stopped_at_its_timeout(target):
    answer = cypher(target, SLOW)
    assert answer.status_code == 422 and "timeout" in answer.json()["detail"]


def test_a_flood_of_slow_queries_is_turned_away_while_health_answers(target):
    """40 slow queries at once against 2 workers and a queue of 4: the server admits at most its capacity per
    timeout window (each admitted query is stopped, 422, freeing its place) and turns the rest away (503 with
    Retry-After), while /health and the named queries answer. The bound counts the windows the flood lasted,
    so a loaded machine that starts the threads slowly does not change what is asserted."""
    statuses: list[int] = []
    retry_after: list[str] = []
    start = threading.Barrier(40)

    def slow():
        start.wait()
        response = cypher(target, SLOW)
        statuses.append(response.status_code)
        if response.status_code == 503:
            retry_after.append(response.headers.get("retry-after", ""))

    flood = [threading.Thread(target=slow) for _ in range(40)]
    began = time.monotonic()
    for thread in flood:
        thread.start()
    health = [alive(target) for _ in range(5)]  # answered while every worker is busy
    named = httpx.get(f"{target['url']}/cities", params={"industry": "增材制造"}, timeout=60)
    for thread in flood:
        thread.join()
    windows = 1 + math.ceil((time.monotonic() - began) / (TIMEOUT_MS / 1000))
    capacity = 2 + 4  # POLICYKG_CYPHER_WORKERS + POLICYKG_CYPHER_QUEUE of the target server
    counts = Counter(statuses)
    assert set(counts) <= {422, 503}, counts
    assert counts[422] <= capacity * windows, (counts, windows)
    assert counts[503] >= 40 - capacity * windows and counts[503] >= 1, (counts, windows)
    assert all(value.isdigit() for value in retry_after)
    assert len(health) == 5 and named.status_code == 200


@pytest.mark.parametrize("path", [
    "/cities?industry=增材制造&offset=12000",
    "/cities/city:610300/industries?offset=2147483647",
    "/cities/city:610300/industries?offset=4294967296",
    "/cities/city:610300/industries?offset=-1",
    "/cities?industry=增材制造&limit=100000000",
    "/export?center=city:610300&depth=99",
])
def test_named_queries_cannot_be_driven_into_a_crash(target, path):
    answer = httpx.get(target["url"] + path, timeout=60)
    assert answer.status_code in (200, 404, 422), answer.text[:300]
    alive(target)


def test_the_cli_opens_the_graph_read_only_and_refuses_smuggled_writes(target):
    db = target["folder"] / "cli-copy.lbug"
    shutil.copy(target["db"], db)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    for query in ("RETURN '/*'; COMMIT; CREATE (:City {id:'x', name:'x'}); RETURN '*/'", "INSTALL httpfs",
                  SMUGGLED[0]):
        done = subprocess.run([POLICYKG, "query", "--db", str(db), query], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and "refused" in done.stderr and SECRET not in done.stdout + done.stderr
    read = subprocess.run([POLICYKG, "query", "--db", str(db), "--json",
                           "MATCH (c:City) RETURN count(c) AS n"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert read.returncode == 0 and '"n"' in read.stdout
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    for leftover in target["folder"].glob("cli-copy.lbug*"):
        leftover.unlink()
