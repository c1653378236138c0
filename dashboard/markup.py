"""The dashboard's figures as HTML (``figures.figures_html``), written here
rather than by a template: a card per attention list and per figure of
"Evaluatie en besluit", a line per item and a chart each; an include and a
loop per item cost more than the figures' own counting. The markup is the
same the templates wrote, every text escaped as they escaped it."""

from __future__ import annotations

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.charts import SCREEN


def card(col: str, title, total: int, lines, more_url: str = "", more_text: str = "") -> str:
    """A count with its first items (``lines``: address, name, what
    follows); ``more_url``/``more_text``: a link to all of them instead of
    "x van y getoond"."""
    head = (
        f'\n<div class="{conditional_escape(col)}"><div class="card h-100"><div class="card-body">\n'
        f'  <h3 class="h5">{conditional_escape(title)} ({total})</h3>\n  '
    )
    if not lines:
        nothing = conditional_escape(_("Niets."))
        return f'{head}\n    <p class="mb-0">{nothing}</p>\n  \n</div></div></div>\n'
    items = "".join(
        f'<li><a href="{conditional_escape(url)}">{conditional_escape(name)}</a>'
        f" · {conditional_escape(detail)}</li>"
        for url, name, detail in lines
    )
    if more_url:
        more = (
            f'<p class="small mb-0"><a href="{conditional_escape(more_url)}">'
            f"{conditional_escape(more_text)}</a></p>"
        )
    elif total > len(lines):
        shown = _("%(shown)s van %(total)s getoond.") % {"shown": len(lines), "total": total}
        more = f'<p class="small mb-0">{shown}</p>'
    else:
        more = ""
    return (
        f'{head}\n    <ul class="attention-list">{items}</ul>\n    {more}\n  \n</div></div></div>\n'
    )


def figures_markup(dashboard) -> SafeString:
    """The figures of a ``figures.Dashboard`` as the page shows them."""
    total = dashboard.total
    labels = (
        f" ({'; '.join(str(conditional_escape(label)) for label in dashboard.filter_labels)})"
        if dashboard.filter_labels
        else ""
    )
    counted = ngettext("samenwerking", "samenwerkingen", total)
    # The headings' texts outside the f-strings: xgettext does not read calls in them.
    attention_heading = _("Wat aandacht vraagt")
    follow_up_heading = _("Evaluatie en besluit")
    figures_heading = _("In cijfers")
    parts = [
        f'\n\n<p><a href="{conditional_escape(dashboard.total_url)}"><span class="stat">{total}'
        f"</span> {counted}</a>{labels}.</p>\n\n"
        '<section aria-labelledby="aandacht-kop" class="mb-4">\n'
        f'  <h2 id="aandacht-kop" class="h3">{conditional_escape(attention_heading)}</h2>\n'
        '  <div class="row g-3">\n    \n    '
    ]
    to_review = _("Naar de lijst van afwegingen die wachten")
    for key, section in dashboard.attention_on_page:
        more = (dashboard.review_url, to_review) if key == "review" else ()
        parts.append(
            f"\n      {card('col-lg-6', section.title, section.total, section.lines, *more)}\n    "
        )
    explained = _(
        "Vanaf fase 5 wordt een samenwerking elk jaar geëvalueerd; na de geplande einddatum "
        "hoort er een besluit over het vervolg."
    )
    parts.append(
        "\n  </div>\n</section>\n\n"
        '<section aria-labelledby="evaluatie-besluit-kop" class="mb-4">\n'
        '  <h2 id="evaluatie-besluit-kop" class="h3">'
        f"{conditional_escape(follow_up_heading)}</h2>\n"
        f"  <p>{conditional_escape(explained)}</p>\n"
        '  <div class="row g-3">\n    '
    )
    for figure in dashboard.follow_up:
        parts.append(
            f"\n      {card('col-lg-6 col-xxl-3', figure.title, figure.total, figure.lines)}\n    "
        )
    parts.append(
        "\n  </div>\n</section>\n\n"
        '<section aria-labelledby="cijfers-kop">\n'
        f'  <h2 id="cijfers-kop" class="h3">{conditional_escape(figures_heading)}</h2>\n'
        '  <div class="row g-4">\n    '
    )
    parts.extend(
        f'<div class="col-lg-6">{chart.drawn(SCREEN).html()}</div>'
        for chart in dashboard.every_chart
    )
    parts.append("\n  </div>\n</section>\n")
    # Every text escaped above; the charts' markup is escaped by core.charts.
    return mark_safe("".join(parts))  # noqa: S308
