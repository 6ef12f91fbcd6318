"""Fixtures of the API tests: tokens made through the service, requests with a bearer."""

import pytest
from sqlalchemy import select

from consult.accounts.models import User
from consult.api import tokens
from consult.extensions import db
from consult.organisations.models import Organisation


def make_token(app, org_id: int, email: str, name: str = "Power BI") -> str:
    """A new token of the organisation, made by the account with ``email``; its secret."""
    with app.app_context():
        organisation = db.session.get(Organisation, org_id)
        maker = db.session.scalar(select(User).where(User.email == email))
        _token, secret = tokens.make_token(organisation, name, maker)
        db.session.commit()
    return secret


def api_get(client, path: str, token: str | None = None, **headers):
    """GET ``path`` with ``Authorization: Bearer <token>`` when a token is given."""
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.get(path, headers=headers)


@pytest.fixture
def token(app, world) -> str:
    """A working token of organisation A, made by its board member."""
    return make_token(app, world.a.id, world.a.board)


#: People in the seeded organisation: none of this may ever appear in an API response.
MEMBER_NAMES = ("Jan Jansen", "Fatima el Amrani", "Kees de Boer")
LANDLORD_CONTACT = "Piet de Vries, p.devries@corporatie.example"


@pytest.fixture
def seeded(app, world, upload_folder):
    """Organisation A with everything the API can show: named members with segments and
    populations, a questionnaire of every kind answered by six, a dossier with responsible
    board members, a landlord contact, a document, evidence, advice given and a reply.

    Returns the ids of the questionnaire and the dossier.
    """
    from consult.core.clock import today as today_
    from consult.dossiers import services as dossiers
    from consult.dossiers.advice.services import record_reply, save_point
    from consult.dossiers.documents.services import add_document
    from consult.dossiers.models import DocumentKind, Phase, ReplyOutcome
    from consult.panel.models import SegmentDimension
    from consult.panel.segments import set_populations
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.services import enter_paper_form
    from tests import factories
    from tests.results.test_kinds import seed

    with app.app_context():
        organisation = db.session.get(Organisation, world.a.id)
        board = db.session.scalar(select(User).where(User.email == world.a.board))
        wijk = db.session.get(SegmentDimension, world.a.dimension_id)
        set_populations(wijk, {wijk.values[0].id: 600, wijk.values[1].id: 400})
        for index, name in enumerate(MEMBER_NAMES):
            factories.member(organisation, name=name, values=[wijk.values[index % 2]])
        survey = seed(organisation)
        consultation = db.session.get(Consultation, world.a.consultation_id)
        for _ in range(5):
            enter_paper_form(consultation, factories.answers(consultation), actor=board)
        dossier = factories.dossier(
            organisation, "Huurverhoging", responsibles=[board], landlord_contact=LANDLORD_CONTACT
        )
        add_document(dossier, "brief.pdf", b"%PDF-1.7\n", DocumentKind.REQUEST, actor=board)
        dossiers.freeze_evidence(dossier, survey, actor=board)
        point = save_point(dossier, "Verhoog de huur niet", "De leden zijn tegen", [], actor=board)
        dossiers.move(dossier, Phase.DRAFTING, actor=board)
        dossiers.move(dossier, Phase.ADVISED, on=today_(), actor=board)
        record_reply(point, ReplyOutcome.PARTLY, "Half zo veel", actor=board)
        dossiers.move(
            dossier, Phase.LANDLORD_REPLY, on=today_(), outcome=ReplyOutcome.PARTLY, actor=board
        )
        db.session.commit()
        return {"consultation_id": survey.id, "dossier_id": dossier.id}


def documented_get_urls(app, values: dict) -> dict[str, list[str]]:
    """Per GET path of the OpenAPI document, its URLs with each combination of ``values``.

    :param values: path parameter -> the values to try, e.g. {"org": ["alfa"]}.
    """
    from itertools import product
    from string import Formatter

    with app.test_request_context():
        from consult.api.openapi import document

        paths = document()["paths"]
    found = {}
    for path, operations in paths.items():
        if "get" not in operations:
            continue
        names = [name for _, name, _, _ in Formatter().parse(path) if name]
        found[path] = [
            path.format(**dict(zip(names, chosen, strict=True)))
            for chosen in product(*(values[name] for name in names))
        ]
    return found
