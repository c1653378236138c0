"""The partnership list's filter fields and rows, written in Python: the same
markup as a template per field and per row, without one (the list is shown
on every visit; its template nodes cost more than its queries)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.translation import gettext

FIELD = (
    '\n    <div class="col-sm-6 col-lg-3">\n'
    '      <label class="form-label" for="{}">{}</label>\n'
    "      {}\n"
    "    </div>\n  "
)

ROW = (
    "\n  <tr>\n"
    '    <td class="pps-table__title"><a href="{}">{}</a></td>\n'
    '    <td data-label="{}">{}</td>\n'
    '    <td data-label="{}">{}</td>\n'
    '    <td data-label="{}">{}</td>\n'
    '    <td data-label="{}">{}</td>\n'
    '    <td data-label="{}">{}</td>\n'
    "  </tr>\n"
)

# A key no partnership has, to write every row's link from one reversed URL.
_KEY = 987654321


def filter_fields(form) -> str:
    """Each field of the filter form with its label."""
    return format_html_join("", FIELD, ((f.id_for_label, f.label, f) for f in form))


def rows(partnerships) -> str:
    """A table row per partnership (with ``partner_count``)."""
    link = reverse("partnerships:detail", args=[_KEY])
    theme, lead, phase, partners, status = (
        gettext("Thema"),
        gettext("Trekker"),
        gettext("Fase"),
        gettext("Partners"),
        gettext("Status"),
    )
    return format_html_join(
        "",
        ROW,
        (
            (
                link.replace(str(_KEY), str(p.pk)),
                p.name,
                theme,
                p.theme,
                lead,
                p.lead_municipality,
                phase,
                p.phase,
                partners,
                localize(p.partner_count),
                status,
                p.get_status_display(),
            )
            for p in partnerships
        ),
    )
