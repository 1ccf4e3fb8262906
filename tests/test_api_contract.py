"""The OpenAPI schema is a contract: schemathesis generates requests for every operation of a real server.

For each operation it sends up to EXAMPLES requests built from the schema (valid ones and, in its negative
mode, invalid ones) and checks that none is answered with a 5xx, that every status code and content type
is one the operation documents, and that every JSON body matches its documented schema. The server is the
session's uvicorn process over the bundled corpus graph; the last test asks it /health, so a request that
crashed the process (the store's SIGSEGV on deep pages did) fails here even if no check noticed.

Derandomized (a fixed seed per operation), deadline off: CI sees the same requests every run, and slow
answers (figures, the first analysis) are not failures.
"""

from __future__ import annotations

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.api.main import create_app

EXAMPLES = 20
FIGURE_EXAMPLES = 5  # a figure takes a second or more to draw; a few cover its format, kind and size
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FIGURES = r"/figure\."
SETTINGS = {"deadline": None, "derandomize": True, "database": None, "phases": [Phase.explicit, Phase.generate],
            "suppress_health_check": list(HealthCheck)}


# The schema the server serves, built in-process so pytest can list one test per operation when collecting
# (schemathesis' fixture-loaded schemas need pytest internals pytest 9 removed); the first test checks that
# the server serves exactly this schema.
SPEC = create_app().openapi()
schema = schemathesis.openapi.from_dict(SPEC)


def test_server_serves_this_schema(server: str) -> None:
    assert httpx.get(f"{server}/openapi.json", timeout=30).json() == SPEC


@schema.exclude(path_regex=FIGURES).parametrize()
@settings(max_examples=EXAMPLES, **SETTINGS)
def test_operation_keeps_its_contract(case: schemathesis.Case, server: str) -> None:
    case.call_and_validate(base_url=server, checks=CHECKS, timeout=120)


@schema.include(path_regex=FIGURES).parametrize()
@settings(max_examples=FIGURE_EXAMPLES, **SETTINGS)
def test_figure_keeps_its_contract(case: schemathesis.Case, server: str) -> None:
    case.call_and_validate(base_url=server, checks=CHECKS, timeout=120)


def test_server_alive_after_the_contract_run(server: str) -> None:
    response = httpx.get(f"{server}/health", timeout=30)
    assert response.status_code == 200 and response.json()["status"] == "ok"
