"""The partnership list's filter fields and rows, written in Python: the same
markup as a template per field and per row, without one (the list is shown
on every visit; its template nodes cost more than its queries)."""

from __future__ import annotations

from django.utils.formats import localize
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.links import reverser
from core.translations import text_in_language

from .models import Status

FIELD = (
    '\n    <div class="col-sm-6 col-lg-3">\n'
    '      <label class="form-label" for="{}">{}</label>\n'
    "      {}\n"
    "    </div>\n  "
)

ROW = (
    "\n  <tr>\n"
    '    <td class="pps-table__title"><a href="{link}">{name}</a></td>\n'
    '    <td data-label="{theme_label}">{theme}</td>\n'
    '    <td data-label="{lead_label}">{lead}</td>\n'
    '    <td data-label="{phase_label}">{phase}</td>\n'
    '    <td data-label="{partners_label}">{partners}</td>\n'
    '    <td data-label="{status_label}">{status}</td>\n'
    "  </tr>\n"
)


def filter_fields(form) -> str:
    """Each field of the filter form with its label."""
    return format_html_join("", FIELD, ((f.id_for_label, f.label, f) for f in form))


def row_values(partnerships):
    """What a row shows of each partnership (a queryset with
    ``partner_count``), in the list's order, as plain values (named: ``pk``,
    ``name``, ``partner_count``, …). A theme's and a phase's name in the
    reader's language, from their Dutch and English columns
    (django-modeltranslation), as ``str(theme)`` and ``str(phase)`` read them."""
    return (
        partnerships.annotate(
            theme_name=text_in_language("theme__name"),
            phase_name=text_in_language("phase__name"),
        )
        .order_by("name", "pk")
        .values_list(
            "pk",
            "name",
            "theme_name",
            "lead_municipality__name",
            "phase__number",
            "phase_name",
            "partner_count",
            "status",
            named=True,
        )
    )


def rows(partnerships) -> str:
    """A table row per partnership (of ``row_values``): every value escaped
    here, the column labels and status names looked up once."""
    link = reverser("partnerships:detail")  # reversed once for all rows
    labels = {
        "theme_label": escape(gettext("Thema")),
        "lead_label": escape(gettext("Trekker")),
        "phase_label": escape(gettext("Fase")),
        "partners_label": escape(gettext("Partners")),
        "status_label": escape(gettext("Status")),
    }
    statuses = {value: escape(label) for value, label in Status.choices}
    return mark_safe(  # noqa: S308 - every part is escaped
        "".join(
            ROW.format(
                link=escape(link(p.pk)),
                name=escape(p.name),
                theme=escape(p.theme_name),
                lead=escape(p.lead_municipality__name),
                phase=escape(f"{p.phase__number}. {p.phase_name}"),  # as str(phase)
                partners=escape(localize(p.partner_count)),
                status=statuses.get(p.status) or escape(p.status),
                **labels,
            )
            for p in partnerships
        )
    )
