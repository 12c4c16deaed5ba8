"""The OpenAPI schema is pinned, and no generated request makes the server fail."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import schemathesis
from apistore import app_over, coded_examples
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from whowhom.api.main import create_app

PINNED = Path(__file__).with_name("openapi.json")


def test_openapi_schema_matches_the_pinned_copy() -> None:
    """A change to the API shows up here; if it is meant, re-pin the schema with
    ``WHOWHOM_PIN_OPENAPI=1 pytest tests/api/test_api_schema.py``."""
    schema = TestClient(create_app()).get("/openapi.json").json()
    schema["info"].pop("version", None)  # the package version changes with every release
    if os.environ.get("WHOWHOM_PIN_OPENAPI") == "1":
        PINNED.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert schema == json.loads(PINNED.read_text(encoding="utf-8"))


def test_every_endpoint_has_an_error_response_documented() -> None:
    schema = json.loads(PINNED.read_text(encoding="utf-8"))
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert "422" in operation["responses"], f"{method} {path}"


APP = app_over(coded_examples())
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)


@SCHEMA.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.filterwarnings("ignore")
def test_generated_requests_never_get_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
