"""What the API tells: the organisation, consultations, results with small groups left out,
the panel's composition, and dossiers with their evidence and, once given, their advice."""

from sqlalchemy import select

from consult.core.clock import today
from consult.dossiers import services as dossiers
from consult.dossiers.advice.services import save_point
from consult.dossiers.models import Dossier, Phase
from consult.extensions import db
from consult.invitations import submitting
from consult.invitations.models import Invitation
from consult.surveys.models.consultations import Consultation
from consult.surveys.services import enter_paper_form
from tests import factories
from tests.api.conftest import api_get


def url(world, rest: str = "") -> str:
    return f"/api/v1/organisations/{world.a.slug}{rest}"


def paper_answers(app, consultation_id: int, texts: list[str | None]) -> None:
    """One paper response per entry; None leaves the open question empty."""
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        for text in texts:
            answers = factories.answers(consultation, text=text or "")
            if text is None:
                del answers[consultation.questions[2].id]
            enter_paper_form(consultation, answers)
        db.session.commit()


def by_text(results: dict) -> dict[str, dict]:
    return {question["text"]: question for question in results["questions"]}


def test_the_organisation_and_its_counts(client, world, token):
    """Does the organisation come with its active members, consultations (not drafts) and
    dossiers?"""
    assert api_get(client, url(world), token).get_json() == {
        "name": "Huurders Alfa",
        "slug": world.a.slug,
        "active_members": 3,
        "consultations": 1,
        "dossiers": 1,
    }


def test_consultations_with_respondents_and_response_rate(app, client, world, token):
    """With two of three invited members answering, does the list say 2 respondents and a
    response rate of 66.7%?"""
    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        for invitation in db.session.scalars(select(Invitation).limit(2)):
            submitting.submit(invitation, factories.answers(consultation))
        db.session.commit()
    [listed] = api_get(client, url(world, "/consultations"), token).get_json()["consultations"]
    assert listed["id"] == world.a.consultation_id and listed["state"] == "open"
    assert (listed["respondents"], listed["invited"], listed["response_rate"]) == (2, 3, 66.7)
    assert listed["opens_on"] < listed["closes_on"]


def test_a_question_answered_by_three_shows_no_figures(app, client, world, token):
    """With six respondents of whom three wrote an open answer, does the choice question
    show its counts while the open question keeps only its base, its texts nowhere?"""
    paper_answers(app, world.a.consultation_id, ["Geheim een", "Geheim twee", "Geheim drie"])
    paper_answers(app, world.a.consultation_id, [None, None, None])
    response = api_get(
        client, url(world, f"/consultations/{world.a.consultation_id}/results"), token
    )
    results = response.get_json()
    assert results["respondents"] == 6 and results["min_group_size"] == 5
    questions = by_text(results)
    choice, remarks = questions["Welke post is belangrijk?"], questions["Opmerkingen?"]
    assert not choice["suppressed"] and choice["counts"][0]["count"] == 6
    assert remarks["suppressed"] and remarks["answered"] == 3
    assert remarks["open_answers"] == [] and remarks["counts"] == []
    assert "Geheim" not in response.text


def test_a_consultation_of_three_shows_no_figures_at_all(app, client, world, token):
    """With three respondents, is every question without counts or open answers, and the
    respondents' composition without any count?"""
    paper_answers(app, world.a.consultation_id, ["Mijn buurman", "Mijn buurman", "Mijn buurman"])
    response = api_get(
        client, url(world, f"/consultations/{world.a.consultation_id}/results"), token
    )
    results = response.get_json()
    assert results["respondents"] == 3
    for question in results["questions"]:
        assert question["suppressed"] and question["answered"] == 3
        assert question["counts"] == question["open_answers"] == question["statements"] == []
        assert question["average"] is None
    for dimension in results["respondent_composition"]:
        assert all(group["respondents"] is None for group in dimension["groups"])
    assert "buurman" not in response.text


def test_the_panel_composition(client, world, token):
    """Does the panel come as counts per segment value, two in Noord and one in Zuid?"""
    panel = api_get(client, url(world, "/panel"), token).get_json()
    assert panel["active_members"] == 3
    wijk = next(d for d in panel["dimensions"] if d["name"] == "Wijk")
    assert [(g["label"], g["members"]) for g in wijk["groups"]] == [("Noord", 2), ("Zuid", 1)]
    assert wijk["unknown"] == 0


def test_dossiers_with_their_dates_and_deadlines(app, client, world, token):
    """Does the list carry each dossier's code, phase, right and its advice deadline?"""
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        code, due = dossier.code, dossier.advice_due_on.isoformat()
    [listed] = api_get(client, url(world, "/dossiers"), token).get_json()["dossiers"]
    assert (listed["code"], listed["phase"], listed["right"]) == (code, "announced", "advice")
    assert listed["deadlines"] == [
        {
            "kind": "advice",
            "label": "Advies uiterlijk",
            "due_on": due,
            "moved_from": None,
            "done": False,
        }
    ]


def test_advice_points_appear_only_once_the_advice_is_given(app, client, world, token):
    """While drafting, are the advice points left out (null), and shown once it is given?"""
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        save_point(dossier, "Verlaag de servicekosten", "Leden vinden ze te hoog", [])
        dossiers.move(dossier, Phase.DRAFTING)
        db.session.commit()
    path = url(world, f"/dossiers/{world.a.dossier_id}")
    drafting = api_get(client, path, token)
    assert drafting.get_json()["advice_points"] is None
    assert "Verlaag" not in drafting.text
    with app.app_context():
        dossiers.move(db.session.get(Dossier, world.a.dossier_id), Phase.ADVISED, on=today())
        db.session.commit()
    [point] = api_get(client, path, token).get_json()["advice_points"]
    assert (point["position"], point["advice"]) == (1, "Verlaag de servicekosten")
    assert point["reply_outcome"] is None


def test_a_dossier_closed_without_advice_shows_no_points(app, client, world, token):
    """Does a dossier the board let pass (closed from announced) keep its draft points out?"""
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        save_point(dossier, "Concept dat nooit verstuurd is", "", [])
        dossiers.move(dossier, Phase.CLOSED)
        db.session.commit()
    response = api_get(client, url(world, f"/dossiers/{world.a.dossier_id}"), token)
    assert response.get_json()["phase"] == "closed"
    assert response.get_json()["advice_points"] is None and "Concept" not in response.text


def test_evidence_is_shown_as_frozen_with_small_groups_left_out(app, client, world, token):
    """Does a snapshot of three respondents come with its hash and moment, its figures left
    out, and unchanged by answers given after it was frozen?"""
    paper_answers(app, world.a.consultation_id, ["Uniek antwoord"] * 3)
    with app.app_context():
        snapshot = dossiers.freeze_evidence(
            db.session.get(Dossier, world.a.dossier_id),
            db.session.get(Consultation, world.a.consultation_id),
        )
        frozen_hash = snapshot.content_hash
        db.session.commit()
    paper_answers(app, world.a.consultation_id, ["Later"] * 3)
    response = api_get(client, url(world, f"/dossiers/{world.a.dossier_id}"), token)
    [evidence] = response.get_json()["evidence"]
    assert evidence["content_hash"] == frozen_hash
    assert evidence["consultation_id"] == world.a.consultation_id
    assert evidence["results"]["respondents"] == 3
    assert all(q["suppressed"] and not q["counts"] for q in evidence["results"]["questions"])
    assert "Uniek" not in response.text
