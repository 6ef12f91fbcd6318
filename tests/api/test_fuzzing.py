"""A fuzzing run of the JSON API from its own OpenAPI document (schemathesis).

For every operation of /api/v1/openapi.json, schemathesis generates requests from the
document (path values of every shape, for organisation A's real slug half the time) with a
working bearer token, sends them to the app through WSGI, and checks that no answer is a
server error and that every answer has the status codes, content type and schema the
document promises.
"""

import hashlib

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from consult import create_app
from tests.api.conftest import make_token

#: Generated requests per operation: enough to reach odd path values, quick enough for CI.
EXAMPLES = 25


@pytest.fixture
def fuzzed_app(app_with, world, seeded):
    """The app with organisation A's data, its rate limit far above the fuzzer's pace."""
    return app_with(API_RATE_LIMIT="100000 per minute")


@pytest.fixture
def bearer(fuzzed_app, world) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(fuzzed_app, world.a.id, world.a.board)}"}


#: The document as the app serves it (it needs no database); each test calls its own app.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"}),
)


def _real_slug_half_the_time(case, slug: str) -> None:
    """Aim half of the cases at the real organisation, so its ids are tried too."""
    generated = str(case.path_parameters.get("org", ""))
    if "org" in (case.path_parameters or {}) and hashlib.sha256(generated.encode()).digest()[0] % 2:
        case.path_parameters["org"] = slug


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_never_fails_and_keeps_to_its_document(case, fuzzed_app, bearer, world):
    """Does every generated request get an answer that is no server error and that has the
    status, content type and schema the OpenAPI document promises?"""
    _real_slug_half_the_time(case, world.a.slug)
    case.call_and_validate(
        app=fuzzed_app,
        headers=bearer,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
