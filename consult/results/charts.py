"""Pure functions from aggregated results to Plotly figures (no database needed)."""

import json
import textwrap
from html import escape

import plotly.graph_objects as go

from consult.results.figures import QuestionResult
from consult.surveys.models.questions import QuestionKind

#: Okabe-Ito, safe for the common forms of colour blindness.
CHOICE_COLOUR = "#0072B2"
#: Diverging, colour-blind-safe: disagree (vermillion) through neutral (grey) to agree (blue).
AGREE_COLOURS = ["#D55E00", "#E69F00", "#999999", "#56B4E9", "#0072B2"]


#: Title lines are wrapped at this many characters of TITLE_SIZE px, so they fit a 360 px
#: phone unclipped (Plotly's default title size, 1.4 times the font, did not).
TITLE_WIDTH = 34
TITLE_SIZE = 16


def _title(text: str) -> str:
    """The title wrapped so it fits a phone, escaped (Plotly reads tags in its labels)."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, TITLE_WIDTH))


def _layout(title: str, bars: int) -> dict:
    """The layout of a horizontal bar chart with ``bars`` bars: room for every title line,
    axis text of 14 px (at least 12 px on a phone), the title from the left edge."""
    extra_title_lines = title.count("<br>")
    return {
        "title": {"text": title, "font": {"size": TITLE_SIZE}, "x": 0, "xanchor": "left"},
        "xaxis": {"title": {"text": "%"}, "range": [0, 100]},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "margin": {"l": 10, "r": 10, "t": 50 + 20 * extra_title_lines, "b": 40},
        "height": 130 + 20 * extra_title_lines + 40 * bars,
        # Plotly.js's own plain look (white, grey grid): the Python package's default
        # template would double the time to draw each chart in the browser.
        "font": {"size": 14},
        "template": None,
    }


def question_figure(result: QuestionResult) -> dict | None:
    """A horizontal bar chart of the answer counts, as Plotly's figure data; None for
    questions without counts.

    Plain data rather than a ``go.Figure``: building and validating twenty of those took
    longer than all the counting on a results page. ``go.Figure(...)`` accepts the result.
    """
    if not result.counts:
        return None
    # Plotly reads tags such as <a> in its labels: user text goes in escaped.
    labels = [escape(count.label) for count in result.counts]
    # No-break spaces keep "(n = 12)" together on one line.
    title = _title(f"{result.text} (n\u00a0=\u00a0{result.answered})")
    colours = AGREE_COLOURS if result.kind == QuestionKind.AGREE_SCALE else CHOICE_COLOUR
    bar = {
        "type": "bar",
        "x": [count.percentage for count in result.counts],
        "y": labels,
        "orientation": "h",
        "marker": {"color": colours},
        "text": [f"{c.percentage:.0f}% ({c.count})" for c in result.counts],
        "textposition": "auto",
        "hovertemplate": "%{y}: %{x}%<extra></extra>",
    }
    layout = _layout(title, len(labels))
    return {"data": [bar], "layout": layout}


#: Okabe-Ito, one colour per group of a split (repeated after seven groups).
GROUP_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]


def split_figure(crosstab, title: str) -> dict | None:
    """Grouped horizontal bars: per answer, its percentage within each group shown.

    :param crosstab: a ``crosstabs.CrossTab``; hidden groups get no bar.
    :param title: the chart's title ("... per Wijk"). None when no group is shown.
    """
    shown = [index for index, group in enumerate(crosstab.groups) if group.shown]
    if not shown:
        return None
    labels = [escape(label) for label, _cells in crosstab.rows]
    bars = [
        {
            "type": "bar",
            "name": escape(
                f"{crosstab.groups[index].label} (n = {crosstab.groups[index].answered})"
            ),
            "x": [cells[index] for _label, cells in crosstab.rows],
            "y": labels,
            "orientation": "h",
            "marker": {"color": GROUP_COLOURS[number % len(GROUP_COLOURS)]},
            "hovertemplate": "%{y}: %{x}%<extra>%{fullData.name}</extra>",
        }
        for number, index in enumerate(shown)
    ]
    layout = _layout(_title(title), len(labels) * max(1, len(shown) // 2))
    layout.update(barmode="group", legend={"orientation": "h", "y": -0.15, "traceorder": "normal"})
    layout["margin"]["b"] = 40 + 24 * len(shown)
    layout["height"] += 24 * len(shown)
    return {"data": bars, "layout": layout}


def split_json(crosstab, title: str) -> str | None:
    """The split's chart as JSON for the browser, or None."""
    figure = split_figure(crosstab, title)
    return json.dumps(figure, separators=(",", ":")) if figure else None


def figure_json(result: QuestionResult) -> str | None:
    """The chart as JSON for the browser, or None when the question has no chart."""
    figure = question_figure(result)
    return json.dumps(figure, separators=(",", ":")) if figure else None


#: Okabe-Ito colours for the funnel lines: sent, opened, submitted.
FUNNEL_COLOURS = ["#999999", "#E69F00", "#0072B2"]


def funnel_figure(days, reminder_dates, names: dict[str, str], title: str) -> go.Figure:
    """Cumulative sent, opened and submitted per day, with dashed lines on reminder days.

    :param names: the legend's words for "sent", "opened" and "submitted".
    """
    figure = go.Figure()
    for key, colour in zip(("sent", "opened", "submitted"), FUNNEL_COLOURS, strict=True):
        running, total = [], 0
        for day in days:
            total += getattr(day, key)
            running.append(total)
        figure.add_trace(
            go.Scatter(
                x=[day.day.isoformat() for day in days],
                y=running,
                name=escape(names[key]),
                mode="lines+markers",
                line={"color": colour, "shape": "hv"},
            )
        )
    for reminder_day in reminder_dates:
        figure.add_vline(x=reminder_day.isoformat(), line_dash="dash", line_color="#555555")
    figure.update_layout(
        title={"text": escape(title)},
        height=360,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        legend={"orientation": "h", "y": -0.2},
        font={"size": 14},
    )
    return figure


#: Okabe-Ito: the panel (blue) beside the tenants it should mirror (orange).
PANEL_COLOURS = ["#0072B2", "#E69F00"]


def composition_figure(comparison, names: dict[str, str]) -> go.Figure | None:
    """Per group of one dimension the panel's share beside the tenants' share (percent).

    :param names: the legend's words for "panel" and "tenants". None without populations.
    """
    if comparison.representativeness is None:
        return None
    labels = [escape(group.label) for group in comparison.groups]
    figure = go.Figure()
    for key, colour in zip(("panel", "tenants"), PANEL_COLOURS, strict=True):
        shares = [
            round((group.panel_share if key == "panel" else group.population_share) or 0, 1)
            for group in comparison.groups
        ]
        figure.add_trace(go.Bar(x=labels, y=shares, name=escape(names[key]), marker_color=colour))
    figure.update_layout(
        title={"text": escape(comparison.name)},
        barmode="group",
        yaxis={"title": {"text": "%"}},
        height=320,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        legend={"orientation": "h", "y": -0.25},
        font={"size": 14},
    )
    return figure


def panel_size_figure(months, title: str) -> go.Figure:
    """Active members at the end of each month."""
    figure = go.Figure(
        go.Scatter(
            x=[month.first_day.isoformat() for month in months],
            y=[month.active for month in months],
            mode="lines+markers",
            line={"color": PANEL_COLOURS[0]},
        )
    )
    figure.update_layout(
        title={"text": escape(title)},
        height=300,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        font={"size": 14},
    )
    return figure
