"""Narrowing the results to one group, and splitting them per channel, as a board sees it."""

from consult.extensions import db
from consult.panel import services as panel
from consult.surveys import closing, services
from consult.surveys.models.responses import Channel
from tests import factories
from tests.conftest import login


def seed(app, respondents: dict[tuple[str, str, str], int]):
    """Respondents per (channel, district, complex); every one picks the first option.

    Returns (board e-mail, results URL, value id per label).
    """
    with app.app_context():
        org = factories.organisation()
        wijk = panel.define_dimension(org, "Wijk", ["Noord", "Zuid"])
        complex_ = panel.define_dimension(org, "Complex", ["Parkzicht", "Het Hof", "De Linde"])
        values = {v.label: v.id for v in [*wijk.values, *complex_.values]}
        survey = factories.consultation(org)
        for (channel, district, building), count in respondents.items():
            segments = [(wijk.id, values[district]), (complex_.id, values[building])]
            for _ in range(count):
                answers = factories.answers(survey)
                services.record_response(survey, answers, Channel(channel), segments)
        closing.close_early(survey, "Klaar")  # groups wait until an anonymous one closes
        board = factories.user(org).email
        url = f"/o/{org.slug}/consultations/{survey.id}/results"
        db.session.commit()
    return board, url, values


#: Noord is Parkzicht (10) and Het Hof (2); Zuid is De Linde (9).
PARKZICHT_HOLDS_ALL_BUT_TWO_OF_NOORD = {
    ("invitation", "Noord", "Parkzicht"): 10,
    ("invitation", "Noord", "Het Hof"): 2,
    ("invitation", "Zuid", "De Linde"): 9,
}


def test_the_results_of_one_district_only(app, client):
    """Does choosing Noord show Noord's own figures, with its base and a clear notice?"""
    board, url, values = seed(
        app,
        {
            ("invitation", "Noord", "Parkzicht"): 6,
            ("invitation", "Noord", "Het Hof"): 6,
            ("invitation", "Zuid", "De Linde"): 9,
        },
    )
    login(client, board)
    page = client.get(f"{url}?segment={values['Noord']}").get_data(as_text=True)
    assert "Alleen de antwoorden van Wijk: Noord." in page
    assert "Antwoorden (n = 12)" in page
    everyone = client.get(url).get_data(as_text=True)
    assert "Antwoorden (n = 21)" in everyone


def test_a_small_complex_is_hidden_with_the_next_smallest_and_says_why(app, client):
    """Het Hof (2) is hidden, De Linde (9) too so the total minus Parkzicht does not give
    Het Hof away; Parkzicht (10) is shown, and each hidden cell says why."""
    board, url, values = seed(app, PARKZICHT_HOLDS_ALL_BUT_TWO_OF_NOORD)
    login(client, board)
    parkzicht = client.get(f"{url}?segment={values['Parkzicht']}").get_data(as_text=True)
    assert "Alleen de antwoorden van Complex: Parkzicht." in parkzicht
    assert "Antwoorden (n = 10)" in parkzicht
    complex_id = _dimension_of(app, values["Parkzicht"])
    split = client.get(f"{url}?by={complex_id}").get_data(as_text=True)
    first_row = _crosstab(split).split("</tr>")[1]
    assert first_row.count("niet getoond") == 2 and "100,0%" in first_row
    assert "(minder dan 5)" in first_row and "(beschermt een kleine groep)" in first_row


def test_the_answers_per_channel(app, client):
    """Does 'per channel' show each channel's share side by side?"""
    board, url, _values = seed(
        app,
        {("invitation", "Noord", "Parkzicht"): 6, ("paper", "Zuid", "De Linde"): 6},
    )
    login(client, board)
    page = client.get(f"{url}?by=channel").get_data(as_text=True)
    assert "Per kanaal (percentage binnen elke groep)" in page
    assert "papieren formulier" in _crosstab(page)


def test_a_group_of_another_organisation_or_nonsense_is_ignored(app, client, world):
    """Does a value id of another organisation, or garbage, simply show everyone?"""
    _board, _url, values = seed(app, {("invitation", "Noord", "Parkzicht"): 6})
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    for wrong in (values["Noord"], "abc", "-1", ""):
        response = client.get(f"{url}?segment={wrong}&by={wrong}")
        assert response.status_code == 200
        assert "Alleen de antwoorden van" not in response.get_data(as_text=True)


def _dimension_of(app, value_id: int) -> int:
    from consult.panel.models import SegmentValue

    with app.app_context():
        return db.session.get(SegmentValue, value_id).dimension_id


def _crosstab(page: str) -> str:
    start = page.index("(percentage binnen elke groep)")
    return page[start : page.index("</table>", start)]


def test_a_hidden_group_shows_neither_figures_nor_its_size(app, client):
    """Het Hof has two respondents: its own view shows no count, no n and no answers."""
    board, url, values = seed(app, PARKZICHT_HOLDS_ALL_BUT_TWO_OF_NOORD)
    login(client, board)
    page = client.get(f"{url}?segment={values['Het Hof']}").get_data(as_text=True)
    assert "<dd>–</dd>" in page and "Het aantal respondenten van deze groep" in page
    assert "Niet getoond voor deze groep" in page
    assert "2 antwoorden" not in page and "100,0%" not in page


def test_one_group_lists_no_open_answers(app, client):
    """Beside a group, a text could point to its writer: only the count is shown."""
    with app.app_context():
        org = factories.organisation()
        wijk = panel.define_dimension(org, "Wijk", ["Noord", "Zuid"])
        survey = factories.consultation(org)
        for district in ("Noord",) * 6 + ("Zuid",) * 6:
            value = next(v for v in wijk.values if v.label == district)
            answers = factories.answers(survey, text=f"Opmerking uit {district}")
            services.record_response(survey, answers, Channel.INVITATION, [(wijk.id, value.id)])
        closing.close_early(survey, "Klaar")
        board, noord = factories.user(org).email, wijk.values[0].id
        url = f"/o/{org.slug}/consultations/{survey.id}/results"
        db.session.commit()
    login(client, board)
    assert "Opmerking uit Noord" in client.get(url).get_data(as_text=True)
    page = client.get(f"{url}?segment={noord}").get_data(as_text=True)
    assert "Opmerking uit Noord" not in page and "niet opgesomd" in page
