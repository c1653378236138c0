"""Table rows of an assessment's page and outcome, written in Python: the same
markup as a template loop per theme and per knock-out question, without one
(both pages are gathered afresh on every visit)."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


def progress_rows(assessment, progress) -> str:
    """Per theme (``progress``: theme spec, answered, total) a row with the
    link to its questions and how many of them are answered."""
    rows = []
    for theme, answered, total in progress:
        url = reverse("assessment:theme", args=[assessment.pk, theme.code])
        counted = gettext("%(answered)s van %(total)s") % {
            "answered": escape(localize(answered)),
            "total": escape(localize(total)),
        }
        rows.append(
            f'\n        <tr><td><a href="{escape(url)}">{escape(theme.code)}. {escape(theme.title)}'
            f"</a></td><td>{counted}</td></tr>\n      "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped


def knockout_rows(result) -> str:
    """Per knock-out question its answer, and whether it excludes."""
    excluded = escape(gettext("uitgesloten"))
    rows = []
    for knockout in result.knockouts:
        if knockout.triggered:
            answer = f"<strong>{escape(knockout.answer)}: {excluded}</strong>"
        else:
            answer = escape(knockout.answer or "—")
        rows.append(
            f"<tr><td>{escape(knockout.code)}. {escape(knockout.text)}</td><td>{answer}</td></tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped


def score_rows(result) -> str:
    """Per scored theme its points, maximum, percentage, weight and product."""
    rows = []
    for theme in result.themes:
        rows.append(
            f'\n        <tr><th scope="row">{escape(theme.code)}. {escape(theme.title)}</th>'
            f'<td class="text-end">{escape(localize(theme.points))}</td>'
            f'<td class="text-end">{escape(localize(theme.max_points))}</td>'
            f'<td class="text-end">{escape(localize(theme.percent))}%</td>'
            f'<td class="text-end">{escape(floatformat(theme.weight, "-2"))}</td>'
            f'<td class="text-end">{escape(floatformat(theme.weighted, "-2"))}</td></tr>\n      '
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped
