"""The board imports members from the landlord's list: upload, columns, preview, commit."""

from sqlalchemy import select

from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.panel.models import JoinBasis, MemberStatus, PanelImport, PanelMember, SegmentDimension
from tests.conftest import login
from tests.imports.helpers import choose, commit, import_id_of, member_count, upload

LIST = (
    b"E-mail;Naam;Wijk;Taal\n"
    b"jan@example.org;Jan de Vries;Noord;nl\n"
    b"Piet@Example.org;Piet Jansen;zuid ;EN\n"
    b"kees@example.org;;;\n"
)


def _dimension_id(app, org_id, name) -> str:
    with app.app_context():
        return str(
            db.session.scalar(
                select(SegmentDimension.id).filter_by(organisation_id=org_id, name=name)
            )
        )


def _member(app, org_id, email) -> PanelMember | None:
    with app.app_context():
        member = db.session.scalar(
            select(PanelMember).filter_by(organisation_id=org_id, email=email)
        )
        if member is not None:
            db.session.expunge(member)
        return member


def test_the_columns_are_guessed_from_the_headings(app, client, world):
    """Are "E-mail", "Naam", a dimension's name and "Taal" chosen for their columns at once?"""
    login(client, world.a.board)
    response = upload(client, world.a.slug, LIST)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    wijk = _dimension_id(app, world.a.id, "Wijk")
    for name, value in (
        ("column_0", "email"),
        ("column_1", "name"),
        ("column_2", wijk),
        ("column_3", "language"),
    ):
        field = page[page.index(f'name="{name}"') :].split("</select>")[0]
        assert f'selected value="{value}"' in field or f'value="{value}" selected' in field
    assert "For example: jan@example.org" in page


def test_imported_members_are_invited_to_join_and_asked_to_confirm(app, client, world):
    """Does a commit add the rows as members invited to join, each with a confirmation mail?"""
    login(client, world.a.board)
    import_id = import_id_of(upload(client, world.a.slug, LIST))
    wijk = _dimension_id(app, world.a.id, "Wijk")
    choose(client, world.a.slug, import_id, "email", "name", wijk, "language")

    preview = client.get(f"/o/{world.a.slug}/panel/import/{import_id}/preview").text
    assert "New members</dt><dd>3</dd>" in preview.replace("\n", "")
    assert "Nothing has been stored yet" in preview
    assert member_count(app, world.a.id) == 3

    page = commit(client, world.a.slug, import_id).text
    assert "Imported: 3 added, 0 updated, 0 rows skipped." in page
    piet = _member(app, world.a.id, "piet@example.org")
    assert piet.status == MemberStatus.INVITED and piet.locale == "en"
    assert piet.join_basis is None and piet.joined_at is None  # consent comes with the click
    with app.app_context():
        piet = db.session.get(PanelMember, piet.id)
        assert piet.value_in(piet.segments[0].value.dimension).label == "Zuid"
        kees = db.session.scalar(select(PanelMember).filter_by(email="kees@example.org"))
        assert kees.name is None and kees.locale == "nl" and kees.segments == []
        mails = db.session.scalars(
            select(OutboxMessage.recipient).filter_by(kind="member_confirm")
        ).all()
        assert sorted(mails) == ["jan@example.org", "kees@example.org", "piet@example.org"]
        upload_row = db.session.scalar(select(PanelImport))
        assert upload_row.content is None and upload_row.committed_at is not None
        assert upload_row.summary == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 0}


def test_a_recorded_basis_makes_members_active_without_mail(app, client, world):
    """With a lawful basis recorded, are new members active at once, with that basis?"""
    login(client, world.a.board)
    note = "artikel 4 samenwerkingsovereenkomst"
    import_id = import_id_of(upload(client, world.a.slug, LIST, basis_note=note))
    choose(client, world.a.slug, import_id, "email", "name", "", "")
    preview = client.get(f"/o/{world.a.slug}/panel/import/{import_id}/preview").text
    assert f"on the lawful basis you recorded: {note}" in preview
    commit(client, world.a.slug, import_id)
    jan = _member(app, world.a.id, "jan@example.org")
    assert jan.status == MemberStatus.ACTIVE and jan.joined_at is not None
    assert jan.join_basis == JoinBasis.RECORDED_BASIS and jan.basis_note == note
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage).filter_by(kind="member_confirm")) is None


def test_a_lawful_basis_without_words_is_refused(app, client, world):
    """Is choosing "we have a lawful basis" without saying which refused, storing nothing?"""
    login(client, world.a.board)
    response = upload(client, world.a.slug, LIST, basis_note="  ")
    assert response.status_code == 200
    assert "Write down the lawful basis, or choose to ask." in response.text
    with app.app_context():
        assert db.session.scalar(select(PanelImport)) is None


def test_the_audit_log_names_who_imported_with_counts_only(app, client, world):
    """Does the audit log record the import by the board member, with counts and no address?"""
    login(client, world.a.board)
    import_id = import_id_of(upload(client, world.a.slug, LIST))
    choose(client, world.a.slug, import_id, "email", "name", "", "")
    commit(client, world.a.slug, import_id)
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).filter_by(action="panel.imported"))
        assert entry.actor_label == world.a.board and entry.subject == f"import {import_id}"
        assert entry.details["added"] == 3 and entry.details["skipped"] == 0
        assert "example.org" not in repr(entry.details) + entry.subject
    log = client.get(f"/o/{world.a.slug}/audit/").text
    assert "imported members" in log


def test_a_list_without_an_email_column_is_refused_at_the_columns(app, client, world):
    """Is a mapping without an e-mail column refused as a missing required column?"""
    login(client, world.a.board)
    import_id = import_id_of(upload(client, world.a.slug, LIST))
    response = choose(client, world.a.slug, import_id, "", "name", "", "")
    assert response.status_code == 200
    assert "Missing required column" in response.text
    with app.app_context():
        assert db.session.get(PanelImport, import_id).mapping is None
    assert member_count(app, world.a.id) == 3


def test_one_kind_of_data_in_two_columns_is_refused(app, client, world):
    """Is choosing "name" for two columns refused?"""
    login(client, world.a.board)
    import_id = import_id_of(upload(client, world.a.slug, LIST))
    response = choose(client, world.a.slug, import_id, "email", "name", "name", "")
    assert "Two columns hold the same data" in response.text


def test_an_import_is_committed_once(app, client, world):
    """Does committing the same list twice (a double click) add the members once?"""
    login(client, world.a.board)
    import_id = import_id_of(upload(client, world.a.slug, LIST))
    choose(client, world.a.slug, import_id, "email", "", "", "")
    commit(client, world.a.slug, import_id)
    again = commit(client, world.a.slug, import_id)
    assert "imported already" in again.text
    assert member_count(app, world.a.id) == 6


def test_another_organisations_import_cannot_be_committed(app, client, world):
    """Can a board member of A commit B's upload by its id?"""
    with app.app_context():
        from consult.organisations.models import Organisation
        from tests import factories

        other = factories.panel_import(
            db.session.get(Organisation, world.b.id), mapping={"E-mail": "email"}
        )
        db.session.commit()
        other_id = other.id
    login(client, world.a.board)
    response = client.post(f"/o/{world.a.slug}/panel/import/{other_id}/commit")
    assert response.status_code == 404
    assert member_count(app, world.b.id) == 3
