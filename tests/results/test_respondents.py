"""Who answered, per segment: against the tenants and the panel, small groups hidden."""

from sqlalchemy import select

from consult.dossiers import services as dossiers
from consult.extensions import db
from consult.invitations import inviting, submitting
from consult.invitations.models import Invitation
from consult.panel import services as panel
from consult.panel.segments import set_populations
from consult.results.respondents import respondent_composition
from tests import factories
from tests.conftest import login


def _answered(org, groups: dict[str, tuple[int, int]], populations: dict[str, int], name="Wijk"):
    """A consultation answered, per value of a new dimension, by (members, answering)."""
    wijk = panel.define_dimension(org, name, list(groups))
    set_populations(wijk, {v.id: populations[v.label] for v in wijk.values})
    answering = set()
    for value in wijk.values:
        members, answers = groups[value.label]
        people = [factories.member(org, values=[value]) for _ in range(members)]
        answering |= {person.id for person in people[:answers]}
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    for invitation in db.session.scalars(select(Invitation)):
        if invitation.member_id in answering:
            submitting.submit(invitation, factories.answers(consultation))
    return consultation


def test_respondents_are_compared_with_tenants_and_panel(ctx):
    """With 12 from Noord and 6 from Zuid answering, and equal numbers of tenants, is Zuid
    called under-represented and the figures computed?"""
    org = factories.organisation()
    consultation = _answered(org, {"Noord": (12, 12), "Zuid": (12, 6)}, {"Noord": 500, "Zuid": 500})
    [wijk] = respondent_composition(consultation)
    noord, zuid = wijk.groups
    assert (noord.respondents, zuid.respondents) == (12, 6)
    assert round(zuid.share, 1) == 33.3 and zuid.population_share == 50 and zuid.panel_share == 50
    assert zuid.verdict == "under" and noord.verdict == "over"
    assert round(wijk.against_population, 1) == 83.3 and round(wijk.against_panel, 1) == 83.3


def test_a_small_group_and_its_neighbour_show_nothing(ctx):
    """With 2 from Zuid answering, are Zuid and the next smallest hidden, and the dimension's
    figures too, so the total cannot give the two away?"""
    org = factories.organisation()
    consultation = _answered(
        org,
        {"Noord": (9, 9), "Oost": (6, 6), "Zuid": (6, 2)},
        {"Noord": 300, "Oost": 300, "Zuid": 300},
    )
    [wijk] = respondent_composition(consultation)
    shown = {g.label: g.respondents for g in wijk.groups}
    assert shown == {"Noord": 9, "Oost": None, "Zuid": None}
    assert wijk.against_population is None and wijk.against_panel is None
    assert all(g.share is None and g.verdict is None for g in wijk.groups if g.label != "Noord")


def test_the_results_page_and_the_evidence_show_who_answered(app, client, world):
    """Does the results page say who answered, and does frozen evidence keep it?"""
    from consult.organisations.models import Organisation

    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        groups, tenants = {"Jong": (6, 6), "Oud": (12, 12)}, {"Jong": 600, "Oud": 400}
        consultation = _answered(org, groups, tenants, name="Leeftijdsgroep")
        dossier = factories.dossier(org)
        dossiers.freeze_evidence(dossier, consultation)
        db.session.commit()
        ids = consultation.id, dossier.id
    login(client, world.a.board)
    results = client.get(f"/o/{world.a.slug}/consultations/{ids[0]}/results").get_data(as_text=True)
    assert "Wie deden mee" in results and "Jong ondervertegenwoordigd" in results
    evidence = client.get(f"/o/{world.a.slug}/dossiers/{ids[1]}").get_data(as_text=True)
    assert "Jong ondervertegenwoordigd" in evidence
