"""A member list may give postal addresses and the channel, beside or instead of e-mail."""

from sqlalchemy import select

from consult.extensions import db
from consult.imports import services as imports
from consult.imports.checks import preview
from consult.panel.models import PanelMember
from tests import factories

LIST = (
    "E-mail;Naam;Adres;Kanaal\n"
    "anna@example.org;Anna;Dorpsstraat 1, 1234 AB Ons Dorp;post\n"
    ";Bert;Kerkpad 3, 1000 AA Stad;\n"
    "carla@example.org;Carla;;\n"
    ";Dirk;;brief\n"
)
MAPPING = {"E-mail": "email", "Naam": "name", "Adres": "postal_address", "Kanaal": "channel"}


def _members(org) -> dict[str, PanelMember]:
    rows = db.session.scalars(select(PanelMember).filter_by(organisation_id=org.id))
    return {member.name: member for member in rows}


def test_importing_keeps_postal_addresses_and_the_channel(ctx):
    """Are e-mail, postal address and channel kept, post chosen without e-mail, and a row
    with neither address refused?"""
    org = factories.organisation()
    upload = factories.panel_import(org, LIST, MAPPING, basis="members' meeting decision")
    checked = preview(upload)
    assert [row.number for row in checked.problems] == [5]
    imports.commit(upload, skip_problems=True, expected_problems=1)
    members = _members(org)
    assert (members["Anna"].email, members["Anna"].channel) == ("anna@example.org", "post")
    assert members["Anna"].postal_address == "Dorpsstraat 1\n1234 AB Ons Dorp"
    assert (members["Bert"].email, members["Bert"].channel) == (None, "post")
    assert members["Bert"].gets_post and not members["Carla"].gets_post


def test_importing_the_same_list_again_changes_nothing(ctx):
    """Is a member without e-mail recognised by name and address on the next import?"""
    org = factories.organisation()
    text = "Naam;Adres\nBert;Kerkpad 3, 1000 AA Stad\n"
    mapping = {"Naam": "name", "Adres": "postal_address"}
    imports.commit(factories.panel_import(org, text, mapping, basis="besluit"))
    summary = imports.commit(factories.panel_import(org, text, mapping, basis="besluit"))
    assert (summary["added"], summary["unchanged"]) == (0, 1)


def test_without_e_mail_a_member_needs_a_recorded_basis(ctx):
    """Is a row without e-mail refused when members must confirm by mail?"""
    org = factories.organisation()
    text = "Naam;Adres\nBert;Kerkpad 3, 1000 AA Stad\n"
    upload = factories.panel_import(org, text, {"Naam": "name", "Adres": "postal_address"})
    assert "recorded basis" in preview(upload).problems[0].problems[0]
