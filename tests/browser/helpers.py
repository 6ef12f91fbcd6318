"""What the browser scenarios share: the app's Dutch, waiting for mail, axe findings and the
checks every page at phone size must pass."""

import time

from flask_babel import force_locale, gettext
from sqlalchemy import select

from consult.core.tokens import derive_token
from consult.demo import seed
from consult.extensions import db
from consult.invitations import links, participation
from consult.invitations.models import Invitation
from consult.surveys.models.consultations import Consultation
from tests import factories


def in_dutch(app, text: str) -> str:
    """The app's own Dutch for an English UI text (the text itself if there is none)."""
    with app.test_request_context(), force_locale("nl"):
        return gettext(text)


def sign_in(app, page, base: str, address: str, password: str = factories.PASSWORD) -> None:
    """Sign in on the Dutch sign-in page."""
    page.goto(f"{base}/login")
    page.get_by_label(in_dutch(app, "E-mail address")).fill(address)
    page.get_by_label(in_dutch(app, "Password")).fill(password)
    page.get_by_role("button", name=in_dutch(app, "Sign in")).click()


def open_invitation(app) -> str:
    """Seed the demo; the link of a member not yet answering its open consultation."""
    with app.app_context():
        seed()
        invitation = db.session.scalar(
            select(Invitation)
            .join(Consultation)
            .where(Consultation.closes_on > Consultation.opens_on, ~participation.answered())
            .order_by(Consultation.opens_on.desc(), Invitation.id)
            .limit(1)
        )
        return derive_token(links.PURPOSE, invitation.token_salt)


#: Every chart on the page drawn by Plotly (its svg).
CHARTS_DRAWN = """() => [...document.querySelectorAll('.chart')]
  .every(chart => chart.querySelector('.main-svg'))"""


def draw_every_chart(page) -> None:
    """Scroll each chart into view (those further down are drawn only when they come near
    the screen, see consult/static/js/charts.js), then wait until every one is drawn."""
    for chart in page.locator(".chart").all():
        chart.scroll_into_view_if_needed()
    page.wait_for_function(CHARTS_DRAWN)
    page.evaluate("window.scrollTo(0, 0)")


def wait_for_mail(smtp_server, count: int, seconds: float = 10) -> list[bytes]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        received = list(smtp_server.received)
        if len(received) >= count:
            return received
        time.sleep(0.1)
    raise AssertionError(
        f"expected {count} e-mails within {seconds} s, the SMTP server got "
        f"{len(list(smtp_server.received))}"
    )


def axe_problems(page, where: str, impacts=("serious", "critical")) -> list[str]:
    """axe-core findings of the given impacts (None: all), one readable line per element."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    for violation in violations:  # all of them in the captured output, minor ones too
        print(
            f"axe on {where}: {violation['id']} ({violation['impact']}), "
            f"{len(violation['nodes'])} element(s)"
        )
    problems = []
    for violation in violations:
        if impacts is not None and violation.get("impact") not in impacts:
            continue
        for node in violation["nodes"]:
            problems.append(
                f"axe on {where}: {violation['id']} ({violation['impact']}) at "
                f"{node.get('target')}: {violation['help']} -- {node.get('failureSummary', '')}"
                f" -- html: {node.get('html', '')[:200]}"
            )
    return problems


#: Controls that are smaller than 44 px high (their label or row is the tap target).
SMALL_TARGETS = """() => {
  const small = [];
  const controls = 'main input, main select, main textarea, main button';
  for (const element of document.querySelectorAll(controls)) {
    if (element.type === 'hidden') continue;
    const box = (element.closest('.choice, .checkbox') || element).getBoundingClientRect();
    if (box.height < 44) small.push(`${element.name || element.textContent}: ${box.height}px`);
  }
  return small;
}"""


def check_page(page, where: str, problems: list[str]) -> None:
    problems += axe_problems(page, where, impacts=None)
    problems += [f"{where}: small tap target {t}" for t in page.evaluate(SMALL_TARGETS)]
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        problems.append(f"{where}: the page scrolls sideways")
