"""The OpenAPI document: every API route described, and every real response valid against
the schema the document gives for it."""

import re

import pytest
from jsonschema import Draft202012Validator

from tests.api.conftest import api_get, documented_get_urls


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


def validator(document: dict, schema: dict) -> Draft202012Validator:
    """A validator of ``schema`` whose references point into the document's components."""
    return Draft202012Validator(
        {**schema, "components": document["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def api_rules(app) -> dict[str, set[str]]:
    """Each route under /api/v1/ as an OpenAPI path, with its methods."""
    return {
        re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule): {
            method.lower() for method in rule.methods - {"HEAD", "OPTIONS"}
        }
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
    }


def test_every_api_route_is_documented_and_nothing_more(app, document):
    """Is each route under /api/v1/ in the document with its methods, and does the document
    describe no route that is not there?"""
    documented = {path: set(operations) for path, operations in document["paths"].items()}
    assert api_rules(app) == documented


def test_the_document_is_openapi_3_1_with_valid_schemas(document):
    """Is it OpenAPI 3.1 with a bearer scheme, is every schema valid JSON Schema 2020-12,
    and does every operation behind a token declare the 401, 404 and 429 answers?"""
    assert document["openapi"] == "3.1.0"
    assert document["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    for path, operations in document["paths"].items():
        get = operations["get"]
        if get["security"]:
            assert {"200", "401", "404", "429"} <= set(get["responses"]), path


def test_every_response_matches_its_schema(app, client, world, seeded, token, document):
    """Does every endpoint's real answer, for a world with every kind of question, evidence
    and advice, validate against its schema?"""
    values = {
        "org": [world.a.slug],
        "consultation_id": [world.a.consultation_id, seeded["consultation_id"]],
        "dossier_id": [world.a.dossier_id, seeded["dossier_id"]],
    }
    checked = 0
    for path, urls in documented_get_urls(app, values).items():
        schema = document["paths"][path]["get"]["responses"]["200"]["content"]
        check = validator(document, schema["application/json"]["schema"])
        for url in urls:
            response = api_get(client, url, token)
            assert response.status_code == 200, url
            check.validate(response.get_json())
            checked += 1
    assert checked == 9  # the document itself, and each endpoint of the organisation


@pytest.mark.parametrize(("token_value", "status"), [("made-up", 401), (None, 404)])
def test_errors_match_the_error_schema(client, world, token, document, token_value, status):
    """Do a refused token and another organisation's path answer as the Error schema says?"""
    response = api_get(client, f"/api/v1/organisations/{world.b.slug}", token_value or token)
    assert response.status_code == status
    validator(document, {"$ref": "#/components/schemas/Error"}).validate(response.get_json())
