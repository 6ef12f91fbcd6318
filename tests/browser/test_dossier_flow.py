"""A dossier from the landlord's request to the members' feedback page, as the people do it
on their phones: the board opens it from the kruisjeslijst, freezes the members' answers,
writes a point citing them and gives the advice; the landlord replies in its own account;
the board closes the loop and mails the members, who read what became of their answers.
In Dutch; axe-core checks every page on the way."""

import email
import re

from playwright.sync_api import expect
from sqlalchemy import select

from consult.agreements import services as agreements
from consult.core.clock import today
from consult.core.policy import Role
from consult.extensions import db
from consult.invitations import inviting, submitting
from consult.invitations.models import Invitation
from tests import factories
from tests.browser.helpers import axe_problems, in_dutch, wait_for_mail

MEMBERS = 5


def seed(app) -> dict:
    with app.app_context():
        org = factories.organisation("Huurdersvereniging De Linde")
        agreements.start_from_template(org, today().replace(month=1, day=15))
        for number in range(MEMBERS):
            factories.member(org, f"huurder{number}@example.org")
        consultation = factories.consultation(org, title="Servicekosten 2027")
        inviting.invite_panel(consultation)
        for invitation in db.session.scalars(select(Invitation)):
            submitting.submit(invitation, factories.answers(consultation))
        board = factories.user(org)
        landlord = factories.user(org, Role.LANDLORD, email="consulent@woonstichting.example")
        db.session.commit()
        return {"slug": org.slug, "board": board.email, "landlord": landlord.email}


def sign_in(app, page, base, address):
    page.goto(f"{base}/login")
    page.get_by_label(in_dutch(app, "E-mail address")).fill(address)
    page.get_by_label(in_dutch(app, "Password")).fill(factories.PASSWORD)
    page.get_by_role("button", name=in_dutch(app, "Sign in")).click()


def move_to(app, page, phase, on=None):
    page.get_by_label(in_dutch(app, "Next phase"), exact=True).select_option(
        label=in_dutch(app, phase)
    )
    if on:
        page.get_by_label(in_dutch(app, "Date"), exact=True).fill(on)
    page.get_by_role("button", name=in_dutch(app, "Change phase")).click()
    expect(page.get_by_role("status")).to_contain_text(in_dutch(app, phase))


def test_a_dossier_from_request_to_feedback(live_server, phone, smtp_server):
    app, base = live_server.app, live_server.url
    people = seed(app)

    def _(text):
        return in_dutch(app, text)

    problems: list[str] = []
    day = today().isoformat()

    # The board opens the dossier from the kruisjeslijst topic: the topic sets the right.
    board = phone().new_page()
    sign_in(app, board, base, people["board"])
    board.get_by_role("navigation", name=_("Main menu")).get_by_role(
        "link", name=_("Dossiers")
    ).click()
    board.get_by_role("link", name=_("Open a dossier")).click()
    board.get_by_label(_("Title")).fill("Servicekosten schoonmaak")
    # A topic with an advice right: one with the consent right runs as consent instead.
    board.get_by_label(_("Topic on the kruisjeslijst")).select_option(
        label="Procedures melding, controle en afhandeling onderhoudsklachten (G)"
    )
    board.get_by_label(_("Date of the landlord's request")).fill(day)
    board.get_by_label(people["board"]).check()
    board.get_by_role("button", name=_("Open dossier")).click()
    expect(board.get_by_role("status")).to_contain_text("K")
    dossier_url = board.url
    expect(board.get_by_text(_("Qualified advice right"), exact=True)).to_be_visible()
    problems += axe_problems(board, "the new dossier")

    # The members' answers are linked and frozen as evidence.
    board.get_by_label(_("Consultation"), exact=True).select_option(label="Servicekosten 2027")
    board.get_by_role("button", name=_("Link consultation")).click()
    board.get_by_role("button", name=_("Freeze results as evidence")).click()
    expect(board.locator("section.evidence .hash code")).to_have_text(re.compile("[0-9a-f]{64}"))

    # Drafting: a point that cites what the members chose.
    move_to(app, board, "Drafting the advice")
    board.get_by_role("link", name=_("Write and read the advice")).click()
    board.get_by_label(_("Our advice")).fill("Laat de schoonmaakkosten gelijk.")
    board.get_by_label(_("Why (the reasoning)")).fill(
        "Huurders vinden schoonmaak het belangrijkst."
    )
    board.get_by_label(re.compile("100,0% van 5 respondenten")).first.check()
    board.get_by_role("button", name=_("Save point")).click()
    expect(board.get_by_role("status")).to_contain_text(_("The point was saved."))
    expect(board.locator(".cited")).to_contain_text("100,0% van 5 respondenten")
    problems += axe_problems(board, "the advice page")
    board.goto(dossier_url)
    move_to(app, board, "Advice given", on=day)
    board.get_by_role("button", name=_("Share with the landlord")).click()
    problems += axe_problems(board, "the dossier with the advice given")

    # The landlord replies in its own account and never sees the panel.
    landlord = phone().new_page()
    sign_in(app, landlord, base, people["landlord"])
    expect(landlord.get_by_role("heading", level=1)).to_contain_text("De Linde")
    landlord.get_by_role("link", name=re.compile("Servicekosten schoonmaak")).click()
    expect(landlord.get_by_text("Laat de schoonmaakkosten gelijk.")).to_be_visible()
    landlord.get_by_label(_("The landlord follows the advice in part")).check()
    landlord.get_by_label(_("The landlord's arguments and how they were weighed")).fill(
        "Gelijk in 2027, in 2028 een kleine stijging."
    )
    landlord.get_by_role("button", name=_("Save reply")).click()
    expect(landlord.get_by_role("status")).to_contain_text(
        _("Your reply to every point is in: the tenant organisation received it today.")
    )
    problems += axe_problems(landlord, "the landlord's dossier page")

    # The reply is in; the board shows the feedback to members and mails them.
    board.goto(dossier_url)
    expect(board.locator(".facts").first).to_contain_text(_("Landlord's reply"))
    board.get_by_label(
        _("Panel members: a private link, on their own page and in the e-mail")
    ).check()
    board.get_by_label(_("What we did with the answers (in plain words for members)")).fill(
        "Dankzij u blijven de schoonmaakkosten in 2027 gelijk."
    )
    board.get_by_role("button", name=_("Save feedback")).click()
    board.get_by_role("button", name=_("Mail the feedback to members who took part")).click()
    expect(board.get_by_role("status")).to_contain_text(f"{MEMBERS}")
    problems += axe_problems(board, "the dossier with its feedback")

    # A member opens the link in the mail and reads what became of the answers.
    mails = wait_for_mail(smtp_server, 2 * MEMBERS)  # the invitations, then the feedback
    texts = [
        part.get_payload(decode=True).decode()
        for raw in mails
        for part in email.message_from_bytes(raw).walk()
        if part.get_content_type() == "text/plain"
    ]
    links = {m[0] for t in texts if (m := re.search(r"http://\S+/terugkoppeling/\S+", t))}
    assert len([t for t in texts if "/terugkoppeling/" in t]) == MEMBERS and len(links) == 1
    link = links.pop()
    tenant = phone().new_page()
    tenant.goto(link)
    expect(tenant.get_by_text("Dankzij u blijven de schoonmaakkosten")).to_be_visible()
    expect(tenant.get_by_text("Laat de schoonmaakkosten gelijk.")).to_be_visible()
    expect(tenant.get_by_text("Gelijk in 2027, in 2028 een kleine stijging.")).to_be_visible()
    expect(tenant.get_by_role("heading", name="Servicekosten 2027")).to_be_visible()
    problems += axe_problems(tenant, "the members' feedback page")

    assert not problems, "\n".join(problems)
