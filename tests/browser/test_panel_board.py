"""A board member reads the panel on a phone: segments with tenant numbers, the dashboard,
the filtered member list and its export. In Dutch; axe-core checks each page."""

import csv
import io

from playwright.sync_api import expect

from consult.extensions import db
from tests import factories
from tests.browser.helpers import axe_problems, in_dutch

ELDERLY_MEMBERS = 6


def seed(app) -> dict:
    with app.app_context():
        org = factories.organisation("Huurdersvereniging De Linde")
        wijk, leeftijd = factories.dimensions(org)
        noord, _ = wijk.values
        jong, oud = leeftijd.values
        factories.member(org, "jonge.huurder@example.org", [noord, jong], name="Sanne")
        for number in range(ELDERLY_MEMBERS):
            factories.member(org, f"oud{number}@example.org", [noord, oud])
        board = factories.user(org).email
        db.session.commit()
        return {"slug": org.slug, "board": board}


def test_the_board_reads_its_panel_on_a_phone(live_server, phone):
    app, base = live_server.app, live_server.url
    people = seed(app)
    problems: list[str] = []
    page = phone().new_page()
    page.goto(f"{base}/login")
    page.get_by_label(in_dutch(app, "E-mail address")).fill(people["board"])
    page.get_by_label(in_dutch(app, "Password")).fill(factories.PASSWORD)
    page.get_by_role("button", name=in_dutch(app, "Sign in")).click()

    # Segments: enter how many tenant households each age band stands for.
    page.goto(f"{base}/o/{people['slug']}/panel/")
    page.get_by_role("link", name=in_dutch(app, "Segments")).click()
    problems += axe_problems(page, "segments page")
    age_section = page.get_by_role("region", name="Leeftijd", exact=True)
    age_section.get_by_label("jong", exact=True).fill("600")
    age_section.get_by_label("oud", exact=True).fill("400")
    age_section.get_by_role("button", name=in_dutch(app, "Save numbers of tenants")).click()
    expect(
        page.get_by_role("region", name="Leeftijd", exact=True).get_by_label("jong")
    ).to_have_value("600")

    # The dashboard says in words who is missing.
    page.goto(f"{base}/o/{people['slug']}/panel/dashboard")
    problems += axe_problems(page, "panel dashboard")
    expect(page.get_by_text("jong ondervertegenwoordigd", exact=False)).to_be_visible()

    # The member list: search for one member, then export what the filter shows.
    page.goto(f"{base}/o/{people['slug']}/panel/")
    page.get_by_text(in_dutch(app, "Search and filter")).click()
    page.get_by_label(in_dutch(app, "Search in address or name")).fill("Sanne")
    page.get_by_role("button", name=in_dutch(app, "Filter")).click()
    expect(page.get_by_role("status")).to_contain_text("1")
    expect(page.get_by_role("cell", name="jonge.huurder@example.org", exact=False)).to_be_visible()
    problems += axe_problems(page, "filtered member list")
    with page.expect_download() as download_info:
        page.get_by_role("button", name=in_dutch(app, "Export as CSV")).click()
    rows = list(
        csv.reader(
            io.StringIO(download_info.value.path().read_text(encoding="utf-8-sig")), delimiter=";"
        )
    )
    assert len(rows) == 2 and "jonge.huurder@example.org" in rows[1], rows

    assert not problems, "\n".join(problems)
