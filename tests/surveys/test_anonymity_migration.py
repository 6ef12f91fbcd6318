"""Does upgrading forget what identified earlier anonymous responses? (issue 21, migration 0049)"""

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Answer, Response
from tests import factories
from tests.surveys.test_anonymity_adversary import MIN


def test_upgrading_turns_days_into_hashes_and_reorders_responses(app):
    """An anonymous consultation answered before the upgrade (days on invitations and
    responses, rows in the order they came): afterwards, are the days gone, does the
    application still know who answered, and are the answers all there?"""
    with app.app_context():
        org = factories.organisation()
        for number in range(MIN + 1):
            factories.member(org, f"lid{number}@example.org")
        consultation = factories.consultation(org)
        tokens = factories.invite(consultation)
        db.session.commit()
        consultation_id, answered = consultation.id, list(tokens)[:MIN]
    client = app.test_client()
    with app.app_context():
        survey = db.session.get(Consultation, consultation_id)
        form = factories.form_data(factories.answers(survey))
    for email in answered:
        assert client.post(f"/i/{tokens[email]}", data=form).location.endswith("/thanks")
    with app.app_context():
        downgrade(revision="0043")  # the schema as it was, with the days as they were kept
        db.session.execute(
            text("UPDATE invitations SET used_on = '2026-11-02' WHERE member_id IN "
                 "(SELECT id FROM panel_members WHERE email IN :emails)").bindparams(
                db.bindparam("emails", expanding=True)
            ),
            {"emails": answered},
        )  # fmt: skip
        db.session.commit()
        upgrade()
        of_it = Invitation.consultation_id == consultation_id
        assert db.session.scalar(select(func.count()).where(Invitation.used_on.is_not(None))) == 0
        dated = select(func.count()).where(Response.submitted_on.is_not(None))
        assert db.session.scalar(dated) == 0
        assert len(participation.answered_ids(of_it)) == MIN
        assert db.session.scalar(select(func.count(Response.id))) == MIN
        assert db.session.scalar(select(func.count(Answer.id))) == 3 * MIN
