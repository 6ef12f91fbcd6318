"""The preview shows every problem per row; a commit stores all clean rows, or nothing."""

from sqlalchemy import select

from consult.extensions import db
from consult.imports import services
from consult.membership import services as membership
from consult.organisations.models import Organisation
from consult.panel.models import MemberStatus, PanelMember
from tests import factories
from tests.conftest import login
from tests.imports.helpers import choose, commit, import_id_of, member_count, upload

PROBLEMS = (
    b"E-mail;Naam;Wijk;Taal\n"
    b"goed@example.org;Goed;Noord;nl\n"
    b"geen-adres;Fout;Noord;nl\n"
    b"dubbel@example.org;Een;;\n"
    b"Dubbel@Example.org;Twee;;\n"
    b"wijk@example.org;;Centrum;\n"
    b"taal@example.org;;;xx\n"
    b";Zonder adres;;\n"
    b"extra@example.org;;;;overbodig\n"
)


def _preview_of(client, slug, import_id) -> str:
    return client.get(f"/o/{slug}/panel/import/{import_id}/preview").text


def _prepared(app, client, world) -> int:
    login(client, world.a.board)
    import_id = import_id_of(upload(client, world.a.slug, PROBLEMS))
    with app.app_context():
        from consult.panel.models import SegmentDimension

        wijk = db.session.scalar(select(SegmentDimension.id).filter_by(name="Wijk"))
    choose(client, world.a.slug, import_id, "email", "name", str(wijk), "language")
    return import_id


def test_every_problem_of_every_row_is_shown_in_plain_language(app, client, world):
    """Does the preview list each row with a problem and say what is wrong, in words?"""
    page = _preview_of(client, world.a.slug, _prepared(app, client, world))
    for problem in (
        "“geen-adres” is not a valid e-mail address.",
        "The same address is also in row 5.",
        "The same address is also in row 4.",
        "Wijk: “Centrum” is not one of Noord, Zuid.",
        "Language “xx” is not one of nl, en, tr, ar, pl, de, fr, uk, ti.",
        "There is no e-mail address.",
        "This row has more cells than the list has column headings.",
    ):
        assert problem in page, problem
    assert "Rows with problems</dt><dd>7</dd>" in page.replace("\n", "")
    assert "Skip the 7 rows with problems" in page


def test_rows_with_problems_block_the_commit_and_nothing_is_stored(app, client, world):
    """While rows have problems, does a commit without "skip" store nothing at all?"""
    import_id = _prepared(app, client, world)
    page = commit(client, world.a.slug, import_id).text
    assert "7 rows have a problem." in page
    assert member_count(app, world.a.id) == 3


def test_skipping_the_problem_rows_stores_exactly_the_clean_rows(app, client, world):
    """With "skip the rows with problems" ticked, is exactly the one clean row stored?"""
    import_id = _prepared(app, client, world)
    commit(client, world.a.slug, import_id, skip=True, seen=7)
    with app.app_context():
        added = db.session.scalars(
            select(PanelMember.email).where(
                PanelMember.organisation_id == world.a.id, PanelMember.email.not_like("tenant%")
            )
        ).all()
    assert added == ["goed@example.org"]
    assert member_count(app, world.a.id) == 4


def test_a_list_that_changed_since_the_preview_is_not_imported(app, client, world):
    """If the board saw another number of problem rows than there are now, is it refused?"""
    import_id = _prepared(app, client, world)
    page = commit(client, world.a.slug, import_id, skip=True, seen=2).text
    assert "changed since the preview" in page
    assert member_count(app, world.a.id) == 3


def test_known_members_are_updated_never_doubled(ctx):
    """Is an address already on the panel updated (name, segment) instead of added again?"""
    org = factories.organisation()
    wijk, _ = factories.dimensions(org)
    member = factories.member(org, email="bekend@example.org", values=[wijk.values[0]])
    upload = factories.panel_import(
        org,
        "E-mail;Naam;Wijk;Taal\nBEKEND@example.org;Bekende Huurder;zuid;\n",
        mapping={"E-mail": "email", "Naam": "name", "Wijk": wijk.id, "Taal": "language"},
    )
    checked = services.preview(upload)
    assert [len(checked.new), len(checked.updated)] == [0, 1]
    summary = services.commit(upload)
    db.session.expire_all()
    assert summary["updated"] == 1 and summary["added"] == 0
    assert member.name == "Bekende Huurder" and member.value_in(wijk).label == "Zuid"
    assert member.locale == "nl" and member.status == MemberStatus.ACTIVE  # empty: unchanged
    assert db.session.scalar(select(PanelMember.id).where(PanelMember.id != member.id)) is None


def test_a_row_that_changes_nothing_is_counted_unchanged(ctx):
    """Is a row equal to what is stored counted as unchanged, with empty cells ignored?"""
    org = factories.organisation()
    factories.member(org, email="zelfde@example.org", name="Zelfde")
    upload = factories.panel_import(
        org, "E-mail;Naam\nzelfde@example.org;\n", mapping={"E-mail": "email", "Naam": "name"}
    )
    checked = services.preview(upload)
    assert [len(checked.new), len(checked.updated), len(checked.unchanged)] == [0, 0, 1]


def test_members_who_left_are_updated_but_not_invited_again(app, client, world):
    """Is a member who left updated without a new invitation, and does the preview say so?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        gone = factories.member(org, email="weg@example.org")
        membership.leave(gone)
        db.session.commit()
        gone_id = gone.id
    login(client, world.a.board)
    import_id = import_id_of(upload(client, world.a.slug, b"E-mail;Naam\nweg@example.org;Weg\n"))
    choose(client, world.a.slug, import_id, "email", "name")
    page = _preview_of(client, world.a.slug, import_id)
    assert "1 row names a member who left the panel" in page
    commit(client, world.a.slug, import_id)
    with app.app_context():
        gone = db.session.get(PanelMember, gone_id)
        assert gone.status == MemberStatus.LEFT and gone.name == "Weg"
        from consult.mail.models import OutboxMessage

        assert (
            db.session.scalar(select(OutboxMessage).filter_by(recipient="weg@example.org")) is None
        )


def test_an_erased_member_is_never_matched(ctx):
    """Does the address of an erased member count as new, leaving the tombstone alone?"""
    org = factories.organisation()
    erased = factories.member(org, email="gewist@example.org")
    membership.erase(erased)
    upload = factories.panel_import(
        org, "E-mail\ngewist@example.org\n", mapping={"E-mail": "email"}
    )
    assert len(services.preview(upload).new) == 1
    services.commit(upload)
    assert erased.status == MemberStatus.ERASED and erased.email is None
