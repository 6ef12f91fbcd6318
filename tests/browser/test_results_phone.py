"""The results of the demo, split per Wijk, on a 360 px phone: the charts are drawn by the
partial Plotly bundle, tables keep their words whole and scroll in their own box with the
first column in view, chart titles fit, axis text is at least 12 px, and axe finds nothing."""

from playwright.sync_api import expect
from sqlalchemy import select

from consult.demo import DEMO_PASSWORD, DEMO_SLUG, seed
from consult.extensions import db
from consult.panel.models import SegmentDimension
from tests.browser.helpers import axe_problems, draw_every_chart, sign_in

#: Per chart: is the title inside the chart; the smallest axis text; per table cell in a
#: scroll box, whether its words may break anywhere.
MEASURE = """() => {
  const charts = [...document.querySelectorAll('.chart')].map(chart => {
    const box = chart.getBoundingClientRect();
    const title = chart.querySelector('.gtitle').getBoundingClientRect();
    const ticks = [...chart.querySelectorAll('.xtick text, .ytick text')]
      .map(t => parseFloat(getComputedStyle(t).fontSize));
    return {fits: title.left >= box.left - 1 && title.right <= box.right + 1,
            smallest: Math.min(...ticks)};
  });
  const breaking = [...document.querySelectorAll('.table-scroll th, .table-scroll td')]
    .filter(cell => getComputedStyle(cell).overflowWrap === 'anywhere').length;
  const sticky = getComputedStyle(document.querySelector('.table-scroll th')).position;
  return {charts, breaking, sticky,
          sideways: document.documentElement.scrollWidth > window.innerWidth};
}"""


def test_the_split_results_read_well_on_a_phone(live_server, browser):
    app, base = live_server.app, live_server.url
    with app.app_context():
        seed()
        wijk = db.session.scalar(select(SegmentDimension).where(SegmentDimension.name == "Wijk"))
        wijk_id = wijk.id
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    sign_in(app, page, base, "bestuur@devoorbeeld.nl", DEMO_PASSWORD)
    page.goto(f"{base}/o/{DEMO_SLUG}/consultations/1/results?by={wijk_id}")
    draw_every_chart(page)
    expect(page.locator(".chart-split .main-svg").first).to_be_attached()
    measured = page.evaluate(MEASURE)
    problems = axe_problems(page, "results per Wijk", impacts=None)
    context.close()
    assert not problems, "\n".join(problems)
    assert measured["charts"] and all(chart["fits"] for chart in measured["charts"]), measured
    assert min(chart["smallest"] for chart in measured["charts"]) >= 12
    assert measured["breaking"] == 0 and measured["sticky"] == "sticky"
    assert not measured["sideways"]
