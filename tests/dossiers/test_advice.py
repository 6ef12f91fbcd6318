"""The advice: points citing frozen evidence with its source, frozen once given, the
landlord's reply per point, and the letter as a page and a PDF."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from consult.core.errors import DomainError
from consult.dossiers import services
from consult.dossiers.advice import services as advice
from consult.dossiers.advice.models import AdvicePoint
from consult.dossiers.models import Dossier, Phase, ReplyOutcome
from consult.extensions import db
from consult.invitations import inviting, submitting
from consult.invitations.models import Invitation
from tests import factories
from tests.conftest import login


@pytest.fixture
def evidence(ctx):
    """A dossier with a snapshot of six answers, all choosing the first option."""
    org = factories.organisation()
    for _ in range(6):
        factories.member(org)
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    for invitation in db.session.scalars(select(Invitation)).all():
        submitting.submit(invitation, factories.answers(consultation))
    dossier = factories.dossier(org, requested_on=date(2026, 9, 1))
    snapshot = services.freeze_evidence(dossier, consultation)
    return dossier, snapshot


def test_citable_figures_read_like_a_sentence_with_their_source(evidence):
    """Does a cited figure read as '100,0% of 6 respondents' with response and date?"""
    dossier, snapshot = evidence
    figures = [c for c in advice.citables(snapshot) if not c.quote]
    assert figures and "100,0% van 6 respondenten" in figures[0].text
    assert "respons 100,0%" in advice.source_line(snapshot)


def test_a_point_cites_evidence_and_keeps_it_when_answers_change(evidence):
    """Does the cited sentence stay the same after more answers come in (frozen evidence)?"""
    dossier, snapshot = evidence
    key = advice.citables(snapshot)[0].key
    point = advice.save_point(
        dossier, "Verlaag de kosten", "Leden willen dit", [(snapshot.id, key)]
    )
    before = [item.citable.text for item in advice.cited([point])[point.id]]
    factories.member(dossier.organisation)
    assert [item.citable.text for item in advice.cited([point])[point.id]] == before


def test_citing_outside_the_dossiers_evidence_is_refused(evidence):
    """Is a made-up figure, or a snapshot of another dossier, refused?"""
    dossier, snapshot = evidence
    other = factories.dossier(dossier.organisation, title="Ander dossier")
    with pytest.raises(DomainError):
        advice.save_point(dossier, "X", "", [(snapshot.id, "999|count|Verzonnen")])
    with pytest.raises(DomainError):
        advice.save_point(other, "X", "", [(snapshot.id, advice.citables(snapshot)[0].key)])


def test_points_are_numbered_again_after_removal(evidence):
    """After removing point 1 of three, are the others 1 and 2?"""
    dossier, _snapshot = evidence
    points = [advice.save_point(dossier, f"Punt {n}", "", []) for n in range(3)]
    advice.remove_point(points[0])
    db.session.expire(dossier, ["points"])
    assert [(p.position, p.advice) for p in dossier.points] == [(1, "Punt 1"), (2, "Punt 2")]


def test_given_advice_cannot_change_and_replies_come_after(evidence):
    """Once the advice is given, are its points fixed and replies possible, not before?"""
    dossier, _snapshot = evidence
    point = advice.save_point(dossier, "Punt", "", [])
    with pytest.raises(DomainError):
        advice.record_reply(point, ReplyOutcome.FOLLOWED, "")
    services.move(dossier, Phase.DRAFTING)
    services.move(dossier, Phase.ADVISED, on=date(2026, 10, 1))
    with pytest.raises(DomainError):
        advice.save_point(dossier, "Nog een punt", "", [])
    with pytest.raises(DomainError):
        advice.remove_point(point)
    with pytest.raises(DomainError, match="redenen"):
        advice.record_reply(point, ReplyOutcome.NOT_FOLLOWED, "  ")
    advice.record_reply(point, ReplyOutcome.PARTLY, "Te duur; wel de helft")
    assert (point.reply_outcome, point.reply_reasoning) == ("partly", "Te duur; wel de helft")


def _dossier_with_evidence(app, world):
    """Five paper forms and a snapshot on the world's dossier of organisation A."""
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.services import enter_paper_form

    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        for _ in range(5):
            enter_paper_form(consultation, factories.answers(consultation))
        dossier = db.session.get(Dossier, world.a.dossier_id)
        dossier.landlord_contact = "Woonstichting Voorbeeld\nt.a.v. mevrouw Jansen"
        snapshot = services.freeze_evidence(dossier, consultation)
        db.session.commit()
        return snapshot.id, advice.citables(snapshot)[0]


def test_board_writes_a_point_and_prints_the_letter(app, client, world):
    """Can the board write a point citing a figure, and does the letter carry it with source,
    the appendix and the fingerprint, as a page and as a PDF?"""
    snapshot_id, figure = _dossier_with_evidence(app, world)
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}"
    page = client.get(f"{base}/advice").get_data(as_text=True)
    assert figure.text in page
    response = client.post(
        f"{base}/advice",
        data={
            "advice": "Houd de servicekosten gelijk.",
            "reasoning": "De meeste huurders vinden ze nu al hoog.",
            "cited_figures": f"{snapshot_id}#{figure.key}",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Houd de servicekosten gelijk." in page and "Bron:" in page
    letter = client.get(f"{base}/letter").get_data(as_text=True)
    assert "Punt 1" in letter and "[1]" in letter and "mevrouw Jansen" in letter
    assert "Bijlage: wat onze leden zeiden" in letter and "SHA-256" in letter
    pdf = client.get(f"{base}/letter.pdf")
    assert pdf.headers["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Houd de servicekosten gelijk." in text and "14 dagen" in text
    assert "100,0% van 5 respondenten" in text


def test_a_tampered_citation_is_refused_on_the_page(app, client, world):
    """Is a posted citation that is not on the form refused, with nothing stored?"""
    snapshot_id, _figure = _dossier_with_evidence(app, world)
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/advice",
        data={"advice": "X", "cited_figures": f"{snapshot_id}#1|count|Nep"},
    )
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(AdvicePoint)).all() == []


def test_another_organisation_cannot_reach_a_point(app, client, world):
    """Does B's board get 404 on A's advice point, and a viewer 403 on writing?"""
    with app.app_context():
        point = advice.save_point(db.session.get(Dossier, world.a.dossier_id), "Punt", "", [])
        db.session.commit()
        point_id = point.id
    base = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/advice"
    login(client, world.b.board)
    assert client.post(f"{base}/{point_id}/remove").status_code == 404
    viewer = app.test_client()
    login(viewer, world.a.viewer)
    assert viewer.post(f"{base}/{point_id}/remove").status_code == 403
    assert viewer.get(base).status_code == 200


def test_changing_a_point_keeps_and_replaces_its_citations(evidence):
    """Can a cited point be saved again with the same figure, and then with another?"""
    dossier, snapshot = evidence
    first, second = [c.key for c in advice.citables(snapshot)][:2]
    point = advice.save_point(dossier, "Punt", "", [(snapshot.id, first)])
    db.session.flush()
    advice.save_point(dossier, "Punt, beter", "", [(snapshot.id, first)], point=point)
    advice.save_point(dossier, "Punt, anders", "", [(snapshot.id, second)], point=point)
    db.session.flush()
    assert [c.key for c in point.citations] == [second]


def test_a_dossier_closed_without_advice_shows_no_draft(app, client, world):
    """Closed straight from 'announced': do the landlord and members see no draft point?"""
    from consult.dossiers.feedback import services as feedback
    from consult.dossiers.models import FeedbackVisibility

    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        advice.save_point(dossier, "Geheim concept", "", [])
        services.move(dossier, Phase.CLOSED)
        dossier.shared_with_landlord = True
        feedback.share(dossier, FeedbackVisibility.PUBLIC, "")
        db.session.commit()
        key = dossier.feedback_key
    assert "Geheim concept" not in client.get(f"/terugkoppeling/{key}").get_data(as_text=True)
    login(client, world.a.landlord)
    page = f"/o/{world.a.slug}/verhuurder/{world.a.dossier_id}"
    assert "Geheim concept" not in client.get(page).get_data(as_text=True)
    assert client.get(f"{page}/letter.pdf").status_code == 404


def test_two_points_cannot_share_a_number(evidence):
    """Is a second point with the same number refused by the database (two board members
    adding at once), and does adding still number on?"""
    import sqlalchemy.exc

    from consult.dossiers.advice.models import AdvicePoint

    dossier, _snapshot = evidence
    first = advice.save_point(dossier, "Eerste", "", [])
    with pytest.raises(sqlalchemy.exc.IntegrityError), db.session.begin_nested():
        db.session.add(
            AdvicePoint(
                organisation_id=dossier.organisation_id,
                dossier_id=dossier.id,
                position=first.position,
                advice="Dubbel",
            )
        )
    assert advice.save_point(dossier, "Tweede", "", []).position == 2
