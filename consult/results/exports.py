"""The results as a spreadsheet for the board meeting: aggregated figures only, with the
same small-group rule as the page (a question under the minimum gives only its n)."""

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from consult.results.figures import ConsultationResults


def headings() -> list[str]:
    interval = _("Interval (95 percent)")
    return [_("Question"), _("Answer"), _("Number"), _("Percentage"), "n", interval]


def _interval(count) -> str:
    """The 95% interval as text ("56,6–100,0" in Dutch, "56.6–100.0" in English)."""
    if not count.interval:
        return ""
    low, high = (format_decimal(bound, "0.0") for bound in count.interval)
    return f"{low}–{high}"


def result_rows(results: ConsultationResults) -> list[list]:
    """One row per answer of each question; averages, NPS and open answers as rows of their
    own. Numbers stay numbers (``core.spreadsheets`` writes them in the file's dialect)."""
    rows = []
    for question in results.questions:
        text, n = question.text, question.answered
        if question.suppressed:
            note = _("fewer than %(k)d answers: not shown", k=results.min_group_size)
            rows.append([text, note, "", "", n, ""])
            continue
        for count in question.counts:
            rows.append([text, count.label, count.count, count.percentage, n, _interval(count)])
        for statement in question.statements:
            for count in statement.counts:
                rows.append(
                    [
                        f"{text} – {statement.label}",
                        count.label,
                        count.count,
                        count.percentage,
                        statement.answered,
                        _interval(count),
                    ]
                )
        for item in question.ranking:
            place = _("average place %(place)s", place=item.average_place or "–")
            rows.append([text, f"{item.label} ({place})", item.first_places, "", n, ""])
        if question.average is not None:
            rows.append([text, _("average"), question.average, "", n, ""])
        if question.nps is not None:
            rows.append([text, "Net Promoter Score", question.nps, "", n, ""])
        for answer in question.open_answers:
            rows.append([text, answer, "", "", n, ""])
        if question.kind == "photo":  # only how many: the photos stay with the board
            rows.append([text, ngettext("%(num)d photo", "%(num)d photos", n), n, "", n, ""])
    return rows
