"""A tenant answers the demo's open consultation on a 360 px phone, page by page: every tap
target is at least 48 px high and 44 px wide, no text is under 16 px, nothing scrolls
sideways (also at 200% zoom), a failed send puts the focus on the error summary with the
first problem one Tab away, and the page is under 30 KB without any JavaScript."""

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import open_invitation

#: Visible controls and links whose box (a choice's whole label) is under 48 x 44 px.
SMALL_TARGETS = """() => {
  const small = [];
  for (const element of document.querySelectorAll('a, button, input, select, textarea')) {
    if (element.type === 'hidden') continue;
    const box = (element.closest('label.choice') || element).getBoundingClientRect();
    if (box.right <= 0 || box.width === 0) continue;  // the skip link waits off screen
    if (box.height < 48 || box.width < 44) {
      small.push(`${element.name || element.textContent.trim()}: ${box.width}x${box.height}`);
    }
  }
  return small;
}"""

#: Visible text set under 16 px.
SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim()) continue;
    if (['OPTION', 'PROGRESS'].includes(parent.tagName)) continue;  // drawn by the control
    if (!parent.checkVisibility() || parent.getBoundingClientRect().right <= 0) continue;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < 16) small.push(`${walker.currentNode.textContent.trim().slice(0, 30)}: ${size}px`);
  }
  return small;
}"""


def problems_on(page, where: str) -> list[str]:
    """What is too small or too wide on ``page`` as a tenant sees it: once it has loaded with
    its stylesheet (before that the skip link stands unstyled on the page)."""
    page.wait_for_load_state("load")
    found = [f"{where}: small target {t}" for t in page.evaluate(SMALL_TARGETS)]
    found += [f"{where}: small text {t}" for t in page.evaluate(SMALL_TEXT)]
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        found.append(f"{where}: the page scrolls sideways")
    return found


def fill_in(page) -> None:
    """The first choice of every question (Ja, so that every page shows), other places of a
    ranking in turn, and a number where one is asked."""
    for group in page.locator("main fieldset.choices").all():
        group.locator("label.choice").first.click()
    for place, select_box in enumerate(page.locator("main select").all(), start=1):
        select_box.select_option(index=place)
    for box in page.locator('main input[inputmode="numeric"]').all():
        box.fill("2")


def test_a_tenant_answers_the_demo_on_a_360_px_phone(live_server, browser):
    app, base = live_server.app, live_server.url
    url = f"{base}/i/{open_invitation(app)}"
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    try:
        html = page.request.get(url).text()
        css = page.request.get(f"{base}/static/css/consult.css").body()
        assert "<script" not in html
        assert len(html.encode()) + len(css) < 30_000, (len(html.encode()), len(css))
        page.goto(url)
        page.set_viewport_size({"width": 180, "height": 370})  # 360 px at 200% zoom
        problems += problems_on(page, "page 1 at 200% zoom")
        page.set_viewport_size({"width": 360, "height": 740})
        for number in range(1, 6):
            problems += problems_on(page, f"page {number}")
            main_button = page.locator(".page-buttons .button-main")
            main_button.click()  # nothing filled in
            summary = page.locator("#error-summary")
            expect(summary).to_be_focused()
            problems += problems_on(page, f"page {number} with messages")
            page.keyboard.press("Tab")
            first_link = summary.get_by_role("link").first
            expect(first_link).to_be_focused()
            page.keyboard.press("Enter")
            target = first_link.get_attribute("href")
            assert page.evaluate("document.activeElement.id") == target.lstrip("#")
            fill_in(page)
            page.locator(".page-buttons .button-main").click()
            if page.get_by_role("heading", level=1).text_content().startswith("Bedankt"):
                break
        else:
            raise AssertionError("the questionnaire did not end within five pages")
        assert number == 3, f"every page of the demo is shown, {number} in all"
    finally:
        context.close()
    assert not problems, "\n".join(problems)
