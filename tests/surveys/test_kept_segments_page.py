"""The board sees, before publishing, how many members sit in small combinations of
segments, and chooses which segments anonymous answers keep (issue 21)."""

from sqlalchemy import select

from consult.extensions import db
from consult.panel.models import SegmentDimension
from consult.surveys.models.consultations import Consultation
from tests.conftest import login


def _url(org, consultation_id=None):
    return f"/o/{org.slug}/consultations/{consultation_id or org.consultation_id}/segments"


def _dimension_ids(app, org) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(
            select(SegmentDimension.name, SegmentDimension.id).filter_by(organisation_id=org.id)
        )
        return dict(rows.all())


def _kept(app, consultation_id):
    with app.app_context():
        return db.session.get(Consultation, consultation_id).kept_dimension_ids


def test_the_board_sees_members_in_small_groups(client, world):
    """With three invited members (Noord 2, Zuid 1, all jong), are all three counted in
    small groups per segment and together, on the page and on the consultation page?"""
    login(client, world.a.board)
    page = client.get(_url(world.a))
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "Geteld over de 3 uitgenodigde leden." in text
    for name in ("Wijk", "Leeftijd", "Al deze samen"):
        assert f'<th scope="row">{name}</th><td class="number">3</td>' in text
    detail = client.get(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}")
    assert "3 leden zitten in een combinatie van segmenten" in " ".join(detail.text.split())


def test_the_board_chooses_fewer_segments(app, client, world):
    """Does ticking Leeftijd alone store that choice and report on Leeftijd only?"""
    ids = _dimension_ids(app, world.a)
    login(client, world.a.board)
    saved = client.post(
        _url(world.a), data={"dimensions": [ids["Leeftijd"]]}, follow_redirects=True
    )
    assert "De segmenten om te bewaren zijn opgeslagen." in saved.text
    assert '<th scope="row">Wijk</th>' not in saved.text
    assert _kept(app, world.a.consultation_id) == [ids["Leeftijd"]]
    # None ticked: the browser sends the button alone.
    none = client.post(_url(world.a), data={"submit": "1"}, follow_redirects=True)
    assert "De antwoorden bewaren geen segmenten." in none.text
    assert _kept(app, world.a.consultation_id) == []


def test_another_organisations_segment_is_refused(app, client, world):
    """Is a dimension of organisation B refused on A's page, with a message, nothing saved?"""
    login(client, world.a.board)
    other = _dimension_ids(app, world.b)["Wijk"]
    refused = client.post(_url(world.a), data={"dimensions": [other]})
    assert refused.status_code == 400 and 'class="error"' in refused.text
    assert _kept(app, world.a.consultation_id) is None


def test_only_the_board_of_the_organisation_chooses(client, world):
    """Is a viewer refused, and another organisation's board member too?"""
    login(client, world.a.viewer)
    assert client.get(_url(world.a)).status_code == 403
    assert client.post(_url(world.a), data={"dimensions": []}).status_code == 403
    client.get("/logout")
    login(client, world.a.board)
    assert client.get(_url(world.b)).status_code in (403, 404)
    assert client.post(_url(world.b), data={"dimensions": []}).status_code in (403, 404)


def test_identified_consultations_have_no_such_page(app, client, world):
    """Does an identified consultation answer 404, and its page show no segment report?"""
    with app.app_context():
        db.session.get(Consultation, world.a.consultation_id).anonymous = False
        db.session.commit()
    login(client, world.a.board)
    assert client.get(_url(world.a)).status_code == 404
    detail = client.get(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}")
    assert "kept-segments" not in detail.text
