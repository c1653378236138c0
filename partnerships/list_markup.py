"""The partnership list's filter fields and rows, written in Python: the same
markup as a template per field and per row, without one (the list is shown
on every visit; its template nodes cost more than its queries). The
filters' choices come in one prepared query (``filter_choices``), the page's
rows with their count in one query (``page_of``)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.formats import localize
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from accounts.scoping import scope_for
from core.links import reverser
from core.prepared import Bundle, planned_once
from core.translations import DEFAULT_LANGUAGE, localized, text_in_language
from regions.models import Municipality

from .models import HealthTheme, Phase, Status

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


# The filters' choices (themes, phases and the scope's gemeenten) as plain
# rows, by what the scope's key is: a region's or a gemeente's.
def _themes(key):
    # As the form's queryset: sorted by the Dutch name (the queryset is made
    # when the form's module is loaded, and django-modeltranslation sorts by
    # the language active then), labelled as str(theme) reads it.
    return (
        QuerySet(HealthTheme)
        .annotate(label=text_in_language("name"))
        .order_by(localized("name", DEFAULT_LANGUAGE))
        .values_list("pk", "label")
    )


def _phases(key):
    return (
        QuerySet(Phase)
        .annotate(label=text_in_language("name"))
        .order_by("number")
        .values_list("pk", "number", "label")
    )


def _municipalities(lookup):
    def build(key):
        return (
            Municipality.objects.filter(**{lookup: key}).order_by("name").values_list("pk", "name")
        )

    return build


_CHOICES = {
    kind: Bundle(themes=_themes, phases=_phases, municipalities=_municipalities(lookup))
    for kind, lookup in (("region", "region_id"), ("municipality", "pk"))
}


def choice_rows(user) -> dict[str, list[tuple]] | None:
    """The filters' choices in ``user``'s scope as rows, read in one prepared
    query: ``themes`` (key, label), ``phases`` (key, number, label) and the
    scope's ``municipalities`` (of ``accounts.scoping.visible_municipalities``:
    key, name). ``None`` for the beheerder (all gemeenten), whose choices
    the forms' fields read."""
    scope = scope_for(user)
    bundle = _CHOICES.get(scope.kind)
    if bundle is None:
        return None
    return bundle.rows(scope.ident)


def filter_choices(form, user) -> None:
    """The choices of the filter form's themes, phases and gemeenten for its
    select boxes (``choice_rows``) instead of one query each. Each field
    still checks a choice against its own queryset. The beheerder's (all
    gemeenten) are left to the fields."""
    rows = choice_rows(user)
    if rows is None:
        return
    choices = {
        "theme": rows["themes"],
        "phase": [(pk, f"{number}. {label}") for pk, number, label in rows["phases"]],
        "municipality": rows["municipalities"],
        "lead": rows["municipalities"],
    }
    for name, options in choices.items():
        field = form.fields[name]
        field.widget.choices = [("", field.empty_label), *options]


def page_of(partnerships, number, per_page: int) -> Page:
    """The page ``number`` of ``partnerships`` (a queryset with
    ``partner_count``) as ``Paginator.get_page`` gives it, its rows of
    ``row_values``. On the first page, the one nearly always asked for,
    their count comes with them, counted in the same query (a window over
    every row the filters leave). Another page, or rows made distinct
    (whose count a window would not give), cost a count of their own, as
    Django's paginator does it: so a page past the end (shown as the last)
    costs what any other page costs, however many partnerships there are."""
    try:
        if isinstance(number, float) and not number.is_integer():
            raise ValueError
        wanted = 1 if number is None else int(number)
    except (TypeError, ValueError):
        wanted = 1  # as get_page reads what is no page number
    # PostgreSQL took longer to plan the page's query (and its count) than to run it.
    with planned_once():
        if wanted == 1 and not partnerships.query.distinct:
            rows = list(row_values(partnerships, counted=True)[:per_page])
            paginator = Paginator(rows, per_page)
            paginator.count = rows[0].total if rows else 0
            return Page(rows, 1, paginator)
        page = Paginator(row_values(partnerships), per_page).get_page(number)
        page.object_list = list(page.object_list)  # read here, as planned
        return page


def row_values(partnerships, *, counted: bool = False):
    """What a row shows of each partnership (a queryset with
    ``partner_count``), in the list's order, as plain values (named: ``pk``,
    ``name``, ``partner_count``, …). A theme's and a phase's name in the
    reader's language, from their Dutch and English columns
    (django-modeltranslation), as ``str(theme)`` and ``str(phase)`` read them.
    ``counted``: each row also has ``total``, the number of rows."""
    total = {"total": Window(Count("*"))} if counted else {}
    return (
        partnerships.annotate(
            theme_name=text_in_language("theme__name"),
            phase_name=text_in_language("phase__name"),
            **total,
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
            *total,
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
