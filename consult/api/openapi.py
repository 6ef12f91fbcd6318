"""The OpenAPI 3.1 description of the API, written as data.

Every response object is closed (``additionalProperties: false``) and every field required,
so the tests, which check real responses against these schemas, fail when a field appears
that is not described here. Like the README, it is written for developers, in English.
"""

from flask import current_app

from consult.agreements.models import AdviceRight
from consult.dossiers.deadlines.services import DEADLINE_LABELS
from consult.dossiers.models import AdviceKind, Phase, ReplyOutcome
from consult.surveys.models.consultations import ConsultationState
from consult.surveys.models.questions import QuestionKind

PREFIX = "/api/v1"
ORGANISATION = f"{PREFIX}/organisations/{{org}}"

DESCRIPTION = """\
Read-only figures of one tenant organisation in Consult: its consultations and their results,
its panel's composition, and its advice dossiers with their evidence.

**Tokens.** A board member or admin makes a token on the organisation's page *API tokens*
(`/o/<organisation>/api-tokens`). It is shown once; send it as `Authorization: Bearer <token>`.
A token reads only its own organisation. It stops working when it is revoked, or when the
board member who made it no longer has an editing role (board or admin) in the organisation.

**Privacy.** No response names a person: no e-mail addresses or names of members or board
members. A figure about fewer respondents than `min_group_size` is left out, as on the
results page: such a question keeps only its base (`answered`) and says `suppressed: true`.

**Language.** Codes (`state`, `phase`, `right`, ...) never change; the `*_label` fields
beside them and the answer labels follow `Accept-Language` (`nl`, the default, or `en`).

**Times** are UTC, written without an offset (`2026-11-25T09:30:00`); dates are `YYYY-MM-DD`.
Requests are limited per token (see the `X-RateLimit-*` headers); above the limit: 429.
"""


def _nullable(schema: dict) -> dict:
    if "enum" in schema:
        return {**schema, "type": [schema["type"], "null"], "enum": [*schema["enum"], None]}
    if "type" in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(items: dict, description: str | None = None) -> dict:
    schema = {"type": "array", "items": items}
    return {**schema, "description": description} if description else schema


def _object(description: str, /, **properties) -> dict:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _enum(values, description: str | None = None) -> dict:
    schema = {"type": "string", "enum": [str(value) for value in values]}
    return {**schema, "description": description} if description else schema


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
COUNT = {"type": "integer", "minimum": 0}
NUMBER = {"type": "number"}
BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
MOMENT = {"type": "string", "description": "UTC, ISO 8601 without offset"}
PERCENTAGE = {"type": "number", "minimum": 0, "maximum": 100}
VERDICT = {
    "enum": ["under", "over", None],
    "description": "Under- or over-represented against the tenants; null when close enough "
    "or unknown.",
}

_RESULTS = {
    "consultation_id": _nullable(INTEGER),
    "title": STRING,
    "respondents": COUNT,
    "invited": COUNT,
    "response_rate": _nullable({**PERCENTAGE, "description": "Used invitations / invitations."}),
    "computed_at": MOMENT,
    "questions": _list(_ref("QuestionResult")),
    "min_group_size": {
        **COUNT,
        "description": "Figures based on fewer respondents than this are left out.",
    },
}
_STATE = {
    "state": _enum([s for s in ConsultationState if s != ConsultationState.DRAFT]),
    "state_label": STRING,
}
_DOSSIER = {
    "id": INTEGER,
    "code": {**STRING, "description": "K<yy>-<nnn>, numbered per organisation and year."},
    "title": STRING,
    "phase": _enum(Phase),
    "phase_label": STRING,
    "right": _enum(AdviceRight),
    "right_label": STRING,
    "kind": _enum(AdviceKind, "Requested by the landlord, or unsolicited."),
    "kind_label": STRING,
    "description": STRING,
    "opened_at": MOMENT,
    "requested_on": _nullable(DATE),
    "advice_due_on": _nullable(DATE),
    "advice_given_on": _nullable(DATE),
    "reply_received_on": _nullable(DATE),
    "reply_outcome": _nullable(_enum(ReplyOutcome)),
    "deadlines": _list(_ref("Deadline"), "The dossier's dates so far, in procedure order."),
}

SCHEMAS = {
    "Error": _object("What went wrong, in the request's language.", error=STRING),
    "Organisation": _object(
        "The organisation and how much it holds.",
        name=STRING,
        slug=STRING,
        active_members=COUNT,
        consultations={**COUNT, "description": "Consultations other than drafts."},
        dossiers=COUNT,
    ),
    "ConsultationSummary": _object(
        "A consultation (never a draft).",
        id=INTEGER,
        title=STRING,
        **_STATE,
        opens_on=DATE,
        closes_on=DATE,
        respondents=COUNT,
        invited=COUNT,
        response_rate=_nullable(PERCENTAGE),
    ),
    "ConsultationList": _object(
        "The consultations, the latest opening first.",
        consultations=_list(_ref("ConsultationSummary")),
    ),
    "AnswerCount": _object(
        "How many respondents gave one answer.",
        label=STRING,
        count=COUNT,
        percentage={**PERCENTAGE, "description": "Of those who answered the question."},
        interval=_nullable(
            {
                "type": "array",
                "items": PERCENTAGE,
                "minItems": 2,
                "maxItems": 2,
                "description": "95% Wilson interval of the percentage: [low, high].",
            }
        ),
    ),
    "StatementResult": _object(
        "One statement of a matrix question.",
        label=STRING,
        answered=COUNT,
        counts=_list(_ref("AnswerCount")),
    ),
    "RankedItem": _object(
        "One item of a ranking question.",
        label=STRING,
        ranked=COUNT,
        first_places=COUNT,
        average_place=_nullable(NUMBER),
    ),
    "ThemeCount": _object(
        "A theme the board gave open answers of the question, and how many carry it.",
        label=STRING,
        count=COUNT,
        percentage={**PERCENTAGE, "description": "Of the question's open answers."},
    ),
    "QuestionResult": _object(
        "The figures of one question; all empty or null when suppressed.",
        question_id=INTEGER,
        text=STRING,
        kind=_enum(QuestionKind),
        answered={**COUNT, "description": "Respondents who answered: the base of the shares."},
        counts=_list(_ref("AnswerCount")),
        open_answers=_list(STRING, "Open answers and 'other, namely' texts."),
        themes=_list(_ref("ThemeCount"), "The board's themes of the open answers."),
        quotes=_list(STRING, "Open answers the board marked to quote in an advice."),
        open_answer_count={**COUNT, "description": "How many: all are listed; 0 if suppressed."},
        statements=_list(_ref("StatementResult")),
        ranking=_list(_ref("RankedItem")),
        average=_nullable(NUMBER),
        minimum=_nullable(INTEGER),
        maximum=_nullable(INTEGER),
        nps=_nullable({**NUMBER, "description": "% 9-10 minus % 0-6, where the board asked."}),
        suppressed={
            **BOOLEAN,
            "description": "Fewer respondents than min_group_size: every figure left out.",
        },
    ),
    "RespondentGroup": _object(
        "Respondents with one segment value; null where the group is too small to show.",
        label=STRING,
        respondents=_nullable(COUNT),
        share=_nullable(PERCENTAGE),
        panel_share=_nullable(PERCENTAGE),
        population_share=_nullable(PERCENTAGE),
        verdict=VERDICT,
    ),
    "RespondentDimension": _object(
        "Who answered in one segment dimension, beside the panel and the tenants.",
        name=STRING,
        groups=_list(_ref("RespondentGroup")),
        against_population=_nullable(PERCENTAGE),
        against_panel=_nullable(PERCENTAGE),
    ),
    "ConsultationResults": _object(
        "Results as frozen in evidence, shown with today's small-group rule.", **_RESULTS
    ),
    "LiveResults": _object(
        "The results as of now, as on the results page.",
        **_RESULTS,
        **_STATE,
        respondent_composition=_list(_ref("RespondentDimension")),
    ),
    "PanelGroup": _object(
        "Active members with one segment value, against the tenants entered for it.",
        label=STRING,
        members=COUNT,
        population=_nullable(COUNT),
        panel_share=_nullable(PERCENTAGE),
        population_share=_nullable(PERCENTAGE),
        verdict=VERDICT,
    ),
    "PanelDimension": _object(
        "The panel in one segment dimension.",
        name=STRING,
        unknown={**COUNT, "description": "Active members without a value here."},
        representativeness=_nullable(
            {**PERCENTAGE, "description": "100 minus the dissimilarity index."}
        ),
        groups=_list(_ref("PanelGroup")),
    ),
    "Panel": _object(
        "The panel's size and composition; no member in person.",
        active_members=COUNT,
        dimensions=_list(_ref("PanelDimension")),
    ),
    "Deadline": _object(
        "A date of the advice procedure (Wohv art. 5).",
        kind=_enum(DEADLINE_LABELS),
        label=STRING,
        due_on=DATE,
        moved_from=_nullable({**DATE, "description": "Moved by a weekend or holiday."}),
        done=BOOLEAN,
    ),
    "DossierSummary": _object("An advice dossier.", **_DOSSIER),
    "DossierList": _object(
        "The dossiers, the newest code first.", dossiers=_list(_ref("DossierSummary"))
    ),
    "Evidence": _object(
        "Results of a consultation frozen at one moment; never changed.",
        id=INTEGER,
        consultation_id=_nullable(INTEGER),
        taken_at=MOMENT,
        content_hash={
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "SHA-256 of the figures as frozen (before today's suppression).",
        },
        results=_ref("ConsultationResults"),
        respondent_composition=_list(_ref("RespondentDimension")),
    ),
    "AdvicePoint": _object(
        "One point of the advice, and the landlord's reply to it.",
        position=INTEGER,
        advice=STRING,
        reasoning=STRING,
        reply_outcome=_nullable(_enum(ReplyOutcome)),
        reply_reasoning=STRING,
    ),
    "Dossier": _object(
        "An advice dossier with its evidence and, once given, its advice.",
        **_DOSSIER,
        evidence=_list(_ref("Evidence")),
        advice_points=_nullable(
            _list(
                _ref("AdvicePoint"),
                "Null until the advice is given (advice_given_on is set).",
            )
        ),
    ),
}


def _error_response(description: str, headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }
    return {**response, "headers": headers} if headers else response


RESPONSES = {
    "Unauthorized": _error_response(
        "No token, or one that is unknown, revoked, or whose maker left the board: all alike.",
        {"WWW-Authenticate": {"schema": {"type": "string", "const": 'Bearer realm="Consult API"'}}},
    ),
    "NotFound": _error_response("Not found, or not of the token's organisation."),
    "TooManyRequests": _error_response("Above the token's rate limit; try again later."),
}


def _path_parameter(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
    }


ORG_PARAMETER = _path_parameter("org", "The organisation's slug, as in /o/<slug>/.", STRING)


def _get(operation_id: str, summary: str, schema: str, *parameters) -> dict:
    """A GET operation of the organisation, behind a token."""
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [ORG_PARAMETER, *parameters],
            "security": [{"bearerToken": []}],
            "responses": {
                "200": {
                    "description": summary,
                    "content": {"application/json": {"schema": _ref(schema)}},
                },
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "404": {"$ref": "#/components/responses/NotFound"},
                "429": {"$ref": "#/components/responses/TooManyRequests"},
            },
        }
    }


PATHS = {
    f"{PREFIX}/openapi.json": {
        "get": {
            "operationId": "openapi_document",
            "summary": "This document",
            "security": [],
            "responses": {
                "200": {
                    "description": "The OpenAPI 3.1 description of the API.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
    ORGANISATION: _get("organisation", "The organisation", "Organisation"),
    f"{ORGANISATION}/consultations": _get(
        "consultations", "The consultations other than drafts", "ConsultationList"
    ),
    f"{ORGANISATION}/consultations/{{consultation_id}}/results": _get(
        "results",
        "The results of a consultation",
        "LiveResults",
        _path_parameter("consultation_id", "A consultation of the organisation.", INTEGER),
    ),
    f"{ORGANISATION}/panel": _get("panel", "The panel's composition", "Panel"),
    f"{ORGANISATION}/dossiers": _get("dossiers", "The dossiers", "DossierList"),
    f"{ORGANISATION}/dossiers/{{dossier_id}}": _get(
        "dossier",
        "A dossier with its evidence",
        "Dossier",
        _path_parameter("dossier_id", "A dossier of the organisation.", INTEGER),
    ),
}


def document() -> dict:
    """The whole OpenAPI document, with this installation's address as the server."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Consult API", "version": "1.0.0", "description": DESCRIPTION},
        "servers": [{"url": current_app.config["BASE_URL"]}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "responses": RESPONSES,
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token made on the organisation's API tokens page.",
                }
            },
        },
    }
