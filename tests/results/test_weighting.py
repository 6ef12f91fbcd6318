"""Results weighted to the tenants by one dimension, beside the unweighted figures."""

import itertools
from collections import Counter
from types import SimpleNamespace

from consult.extensions import db
from consult.panel import services as panel
from consult.panel.segments import set_populations
from consult.results.crosstabs import SegmentCounts
from consult.results.disclosure import decide
from consult.results.groups import Protection
from consult.results.respondents import respondent_composition
from consult.results.weighting import _weigh_question, weigh
from consult.surveys import closing, services
from consult.surveys.models.questions import QuestionKind
from consult.surveys.models.responses import Channel
from tests import factories
from tests.conftest import login


def seed(org, picks: dict[str | None, tuple[int, int]], populations: dict | None = None):
    """A consultation answered per district: label -> (choosing option 0, choosing option 1);
    the label None stands for respondents whose district is unknown."""
    wijk = panel.define_dimension(org, "Wijk", [label for label in picks if label])
    if populations:
        set_populations(wijk, {v.id: populations.get(v.label) for v in wijk.values})
    survey = factories.consultation(org)
    ids = {value.label: value.id for value in wijk.values}
    for label, (first, second) in picks.items():
        segments = [(wijk.id, ids[label])] if label else []
        for option_index in [0] * first + [1] * second:
            answers = factories.answers(survey, option_index=option_index)
            services.record_response(survey, answers, Channel.INVITATION, segments)
    return survey, wijk


def weighted(survey, wijk):
    """The weighting by ``wijk`` and the first (choice) question's weighted figures."""
    weighting = weigh(survey, wijk, respondent_composition(survey))
    choice = survey.questions[0]
    return weighting, weighting.questions[choice.id]


def test_weighted_shares_follow_the_tenants(ctx):
    """Noord (a quarter of the tenants) all chose Schoonmaak, Zuid (three quarters) half:
    is the weighted share 0.25 x 100% + 0.75 x 50% = 62.5%, where unweighted it is 11/16?"""
    survey, wijk = seed(
        factories.organisation(), {"Noord": (6, 0), "Zuid": (5, 5)}, {"Noord": 100, "Zuid": 300}
    )
    weighting, choice = weighted(survey, wijk)
    assert weighting.reason is None and choice.reason is None
    assert choice.percentages == [62.5, 37.5, 0.0]
    noord, zuid = weighting.strata
    assert (noord.population_share, round(noord.respondent_share, 1)) == (25.0, 37.5)
    assert (noord.factor, zuid.factor) == (0.67, 1.2)


def test_small_groups_are_weighted_together_never_alone(ctx):
    """With Oost (2) and West (3) too small to show, are they one stratum with their combined
    figures (1 of 5 chose Schoonmaak) and their combined quarter of the tenants?"""
    survey, wijk = seed(
        factories.organisation(),
        {"Noord": (6, 0), "Zuid": (5, 5), "Oost": (0, 2), "West": (1, 2)},
        {"Noord": 100, "Zuid": 200, "Oost": 50, "West": 50},
    )
    weighting, choice = weighted(survey, wijk)
    # 0.25 x 6/6 + 0.5 x 5/10 + 0.25 x 1/5; Oost and West weighted apart would give 54.2.
    assert choice.percentages == [55.0, 45.0, 0.0]
    assert [s.label for s in weighting.strata] == [
        "Noord",
        "Zuid",
        "Kleinere groepen samen: Oost, West",
    ]
    assert weighting.strata[2].population_share == 25.0


def test_respondents_without_a_district_are_left_out(ctx):
    """Do five respondents of unknown district leave the weighted figure as it was, and are
    they counted as left out?"""
    survey, wijk = seed(
        factories.organisation(),
        {"Noord": (6, 0), "Zuid": (5, 5), None: (0, 5)},
        {"Noord": 100, "Zuid": 300},
    )
    weighting, choice = weighted(survey, wijk)
    assert choice.percentages == [62.5, 37.5, 0.0]
    assert weighting.unknown == 5


def test_a_few_respondents_without_a_district_are_not_given_away(ctx):
    """With only two of unknown district (hidden on the cross-tab with Noord), is the question
    not weighted, since the weighted figure would tell the two apart from Noord?"""
    survey, wijk = seed(
        factories.organisation(),
        {"Noord": (6, 0), "Zuid": (5, 5), None: (2, 0)},
        {"Noord": 100, "Zuid": 300},
    )
    _weighting, choice = weighted(survey, wijk)
    assert choice.percentages == [] and "zonder bekende groep" in choice.reason


def test_without_the_number_of_tenants_nothing_is_weighted(ctx):
    """Without the tenants of Zuid entered, does the weighting say why and give no figures?"""
    survey, wijk = seed(factories.organisation(), {"Noord": (6, 0), "Zuid": (5, 5)}, {"Noord": 100})
    weighting = weigh(survey, wijk, respondent_composition(survey))
    assert "ontbreekt: Zuid" in weighting.reason
    assert weighting.questions == {} and weighting.strata == []


def test_a_question_with_one_stratum_is_not_weighted(ctx):
    """With Zuid too small, and so Noord hidden too, is there nothing to weight?"""
    survey, wijk = seed(
        factories.organisation(), {"Noord": (6, 4), "Zuid": (3, 0)}, {"Noord": 100, "Zuid": 100}
    )
    _weighting, choice = weighted(survey, wijk)
    assert choice.percentages == [] and "te weinig groepen" in choice.reason


def test_a_district_nobody_answered_from_is_named(ctx):
    """With Oost entered but silent, do Noord and Zuid stand for all, and is Oost named?"""
    survey, wijk = seed(
        factories.organisation(),
        {"Noord": (6, 0), "Zuid": (5, 5), "Oost": (0, 0)},
        {"Noord": 100, "Zuid": 300, "Oost": 400},
    )
    _weighting, choice = weighted(survey, wijk)
    assert choice.percentages == [62.5, 37.5, 0.0] and choice.missing == ["Oost"]


def _results_page(app, client, populations):
    with app.app_context():
        org = factories.organisation()
        survey, wijk = seed(org, {"Noord": (6, 0), "Zuid": (5, 5)}, populations)
        closing.close_early(survey, "Klaar")  # weighting waits until an anonymous one closes
        other = panel.define_dimension(factories.organisation(), "Wijk", ["A", "B"])
        board = factories.user(org).email
        base = f"/o/{org.slug}/consultations/{survey.id}/results"
        ids = wijk.id, other.id
        db.session.commit()
    login(client, board)
    return base, ids


def test_the_results_page_shows_weighted_beside_unweighted(app, client):
    """Does weighting by Wijk show both figures, labelled, and the weights per group?"""
    base, (wijk_id, _other) = _results_page(app, client, {"Noord": 100, "Zuid": 300})
    page = client.get(f"{base}?weigh={wijk_id}&lang=en").text
    assert '<th scope="col" class="number">Weighted</th>' in page
    # Unweighted 11/16 beside the weighted 0.25 x 100% + 0.75 x 50%.
    assert '<td class="number">68.8%</td><td class="number">62.5%</td>' in page
    assert "Weighted to Wijk: this is how the result would be" in page
    assert "Weights per group of Wijk" in page and "1.20" in page
    assert f'<option value="{wijk_id}" selected>' in page
    printed = client.get(f"{base}?weigh={wijk_id}&print=1&lang=en").text
    assert '<td class="number">68.8%</td><td class="number">62.5%</td>' in printed
    assert "Weighted to Wijk" in printed


def test_the_page_says_why_it_cannot_weight(app, client):
    """Without the tenants entered, does the page explain, and show no weighted column?"""
    base, (wijk_id, _other) = _results_page(app, client, None)
    page = client.get(f"{base}?weigh={wijk_id}&lang=en").text
    assert "The number of tenants is not entered for every group of Wijk" in page
    assert ">Weighted</th>" not in page


def test_a_foreign_or_garbled_dimension_is_ignored(app, client):
    """Does another organisation's dimension id, or garbage, show the page unweighted?"""
    base, (_wijk, other_id) = _results_page(app, client, {"Noord": 100, "Zuid": 300})
    for value in (other_id, "x", "", "1e9", "-1"):
        response = client.get(f"{base}?weigh={value}&lang=en")
        assert response.status_code == 200
        assert ">Weighted</th>" not in response.text and "68.8%" in response.text


def test_moving_answers_between_hidden_groups_changes_nothing(ctx):
    """For every mix of group sizes, does the weighted figure stay the same when answers move
    between hidden groups, so that it tells nothing about a hidden group on its own?"""
    question = SimpleNamespace(id=1, kind=QuestionKind.YES_NO)
    shares = {1: 0.2, 2: 0.3, 3: 0.5}
    values = [(1, "A"), (2, "B"), (3, "C"), (None, "unknown")]
    yes, no = ("number", 1), ("number", 0)
    for sizes in itertools.product([0, 1, 2, 3, 5, 6], repeat=4):
        answered = {v: n for (v, _label), n in zip(values, sizes, strict=True) if n}
        counted = _counted(values, {}, answered)
        hidden = [g.value for g in counted.groups(1) if not g.shown]
        if None in hidden:
            assert _weigh_question(question, counted, shares).percentages == [], sizes
            continue
        results = set()
        # Every way of giving the hidden groups' yes-answers out among them, same total.
        total_yes = sum(answered[v] for v in hidden) // 2
        for split in itertools.product(*(range(answered[v] + 1) for v in hidden)):
            if sum(split) != total_yes:
                continue
            answers = {(v, no): answered[v] for v in answered}
            answers.update({(v, yes): 0 for v in answered})
            for v, picked in zip(hidden, split, strict=True):
                answers[(v, yes)], answers[(v, no)] = picked, answered[v] - picked
            weighed = _weigh_question(question, _counted(values, answers, answered), shares)
            results.add(tuple(weighed.percentages))
        assert len(results) <= 1, sizes


def _counted(values, answers: dict, answered: dict) -> SegmentCounts:
    """Question 1's counts per group of one dimension, its groups shown as the results would."""
    protected = Protection(
        ["wijk"], {1: decide(Counter({(v,): n for v, n in answered.items()}), 1, 5)}
    )
    return SegmentCounts(values, {1: answers}, {1: answered}, "wijk", protected)
