"""The board's member list: search, filters, pages, changes, erasure and the export."""

import csv
import io
from datetime import date, timedelta

import openpyxl
from sqlalchemy import select

from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.panel import queries
from consult.panel.models import MemberStatus, PanelMember, SegmentDimension
from tests import factories
from tests.conftest import login

HOSTILE = '=HYPERLINK("http://evil.example","klik")'


def panel_of(app, world) -> dict:
    """Organisation A with named members in both districts, one hostile name."""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        wijk = db.session.scalar(
            select(SegmentDimension).filter_by(organisation_id=org.id, name="Wijk")
        )
        factories.member(
            org, email="jansen@example.org", name="Piet Jansen", values=[wijk.values[0]]
        )
        factories.member(org, email="smit@example.org", name=HOSTILE, values=[wijk.values[1]])
        db.session.commit()
        return {"wijk": wijk.id, "noord": wijk.values[0].id, "zuid": wijk.values[1].id}


def test_search_finds_a_member_by_part_of_the_name(app, client, world):
    """Does searching "jans" find Piet Jansen and nobody else?"""
    panel_of(app, world)
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/panel/?search=JANS&lang=en").text
    assert "jansen@example.org" in page and "smit@example.org" not in page
    assert "1 member matches" in page


def test_the_district_filter_and_unknown(app, client, world):
    """Does filtering on Zuid, or on an unknown district, show exactly those members?"""
    ids = panel_of(app, world)
    login(client, world.a.board)
    zuid = client.get(f"/o/{world.a.slug}/panel/?segment_{ids['wijk']}={ids['zuid']}").text
    assert "smit@example.org" in zuid and "jansen@example.org" not in zuid
    with app.app_context():
        factories.member(db.session.get(Organisation, world.a.id), email="onbekend@example.org")
        db.session.commit()
    unknown = client.get(f"/o/{world.a.slug}/panel/?segment_{ids['wijk']}=0").text
    assert "onbekend@example.org" in unknown and "smit@example.org" not in unknown


def test_a_tampered_filter_value_filters_nothing_and_breaks_nothing(app, client, world):
    """Does a value id of another organisation in the filter leave the whole list shown?"""
    ids = panel_of(app, world)
    login(client, world.a.board)
    response = client.get(f"/o/{world.a.slug}/panel/?segment_{ids['wijk']}=999999&lang=en")
    assert response.status_code == 200 and "5 members match" in response.text


def test_a_large_panel_comes_a_page_at_a_time(app, client, world, monkeypatch):
    """Does a panel larger than a page show a page and a link to the next one?"""
    monkeypatch.setattr(queries, "PER_PAGE", 2)
    login(client, world.a.board)
    first = client.get(f"/o/{world.a.slug}/panel/?lang=en").text
    assert "Page 1 of 2" in first and "Next page" in first
    second = client.get(f"/o/{world.a.slug}/panel/?page=2&lang=en").text
    assert "Page 2 of 2" in second and first.count("@example.org") > second.count("@example.org")


def test_the_export_holds_the_filtered_members_with_formulas_defused(app, client, world):
    """Are CSV and Excel exports limited to the filter, formula-safe and in the audit log?"""
    ids = panel_of(app, world)
    login(client, world.a.board)
    query = f"?segment_{ids['wijk']}={ids['zuid']}"
    csv_file = client.post(f"/o/{world.a.slug}/panel/export.csv{query}")
    assert csv_file.headers["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(csv_file.data.decode("utf-8-sig")), delimiter=";"))
    emails = [row[0] for row in rows[1:]]
    assert "smit@example.org" in emails and "jansen@example.org" not in emails
    assert any(row[1] == "'" + HOSTILE for row in rows)

    xlsx_file = client.post(f"/o/{world.a.slug}/panel/export.xlsx{query}")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_file.data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'" + HOSTILE in [cell.value for cell in cells]
    with app.app_context():
        entries = db.session.scalars(
            select(AuditEntry).filter_by(action="panel.exported").order_by(AuditEntry.id)
        ).all()
        assert [entry.details["format"] for entry in entries] == ["csv", "xlsx"]
        assert "smit@example.org" not in str([entry.details for entry in entries])


def test_viewers_cannot_export_or_change(client, world):
    """Is the export (personal data) and changing members only for the board?"""
    login(client, world.a.viewer)
    assert client.post(f"/o/{world.a.slug}/panel/export.csv").status_code == 403
    assert client.get(f"/o/{world.a.slug}/panel/{world.a.member_ids[0]}/edit").status_code == 403


def test_the_board_changes_and_pauses_a_member(app, client, world):
    """Are name, language, district and pause saved and audited; is a past day refused?"""
    ids = panel_of(app, world)
    with app.app_context():
        member_id = db.session.scalar(select(PanelMember.id).filter_by(email="jansen@example.org"))
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/panel/{member_id}/edit"
    past = client.post(f"{url}?lang=en", data={"language": "nl", "paused_until": "2001-01-01"})
    assert past.status_code == 200 and "Choose a day in the future." in past.text
    until = date.today() + timedelta(days=20)
    data = {"name": "P. Jansen", "language": "en", f"segment_{ids['wijk']}": str(ids["zuid"]),
            "paused_until": until.isoformat()}  # fmt: skip
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        member = db.session.get(PanelMember, member_id)
        assert (member.name, member.locale, member.paused_until) == ("P. Jansen", "en", until)
        assert [s.value_id for s in member.segments] == [ids["zuid"]]
        actions = db.session.scalars(select(AuditEntry.action)).all()
        assert "member.edited" in actions and "member.paused" in actions


def test_the_board_erases_a_member_on_request(app, client, world):
    """Does erasing from the board's list leave a tombstone, hidden from the list?"""
    panel_of(app, world)
    with app.app_context():
        member_id = db.session.scalar(select(PanelMember.id).filter_by(email="jansen@example.org"))
    login(client, world.a.board)
    client.post(f"/o/{world.a.slug}/panel/{member_id}/erase")
    with app.app_context():
        member = db.session.get(PanelMember, member_id)
        assert member.status == MemberStatus.ERASED and member.email is None
    assert "jansen@example.org" not in client.get(f"/o/{world.a.slug}/panel/").text
    assert client.get(f"/o/{world.a.slug}/panel/{member_id}/edit").status_code == 404


def test_a_member_of_another_organisation_cannot_be_changed(client, world):
    """Does a board member of A get 404 for a member of B?"""
    login(client, world.a.board)
    assert client.get(f"/o/{world.a.slug}/panel/{world.b.member_ids[0]}/edit").status_code == 404
    assert client.post(f"/o/{world.a.slug}/panel/{world.b.member_ids[0]}/erase").status_code == 404
