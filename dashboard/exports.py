"""The filtered list of partnerships as CSV and as an Excel workbook: the rows
and the files (here, not in ``partnerships``, because a row holds the
outcomes of assessments). The downloads are ``export_views.py``.

A download is in the interface language, headers and values alike: the
theme's and phase's names, statuses and outcomes in that language, dates as
a date field of that language shows them (its first ``DATE_INPUT_FORMATS``),
and a CSV separated as a spreadsheet
program of that language expects it (";" where the decimal mark is a comma,
as in Dutch; "," in English). The cache keeps a file per language
(``core.cache``)."""

import csv
from io import BytesIO, StringIO

from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scoping import visible_municipalities
from assessment.models import (
    REASSESSMENT_LABELS,
    AssessmentKind,
    AssessmentStatus,
    Outcome,
)
from core import cache
from core.lookups import OneOf
from core.prepared import planned_once
from core.translations import text_in_language
from organisations.models import Organisation
from partnerships.filters import apply_list_filters
from partnerships.forms.partnership import PartnershipFilterForm
from partnerships.models import Participation, ParticipationStatus, Partnership, Status

# Lazy: the headers are in the language of each download.
COLUMNS = [
    ("name", gettext_lazy("Naam")),
    ("lead", gettext_lazy("Trekkende gemeente")),
    ("region", gettext_lazy("GGD-regio")),
    ("theme", gettext_lazy("Thema")),
    ("phase_number", gettext_lazy("Fase (nummer)")),
    ("phase", gettext_lazy("Fase")),
    ("status", gettext_lazy("Status")),
    ("start", gettext_lazy("Startdatum")),
    ("end", gettext_lazy("Geplande einddatum")),
    ("partner_count", gettext_lazy("Aantal partners")),
    ("partners", gettext_lazy("Partners")),
    ("outcomes", gettext_lazy("Uitkomsten van vastgestelde afwegingen")),
]
# The columns that hold dates and numbers; the others hold text.
DATE_COLUMNS = {"start", "end"}
NUMBER_COLUMNS = {"phase_number", "partner_count"}


def chosen_partnerships(user, params):
    """The partnerships the export holds: those the user may see, with the
    list's filters in ``params`` (the dashboard's are among them)."""
    queryset = Partnership.objects.visible_to(user)
    if not params:  # no filters: no form to build and check
        return queryset
    form = PartnershipFilterForm(params, municipalities=visible_municipalities(user))
    if form.is_valid():
        queryset = apply_list_filters(queryset, form.cleaned_data)
    return queryset


def export_members(queryset) -> list[tuple[int, int]]:
    """(key, revision) of the partnerships in ``queryset``, in the export's
    order: by lead gemeente and name. One query; its sums are the state of
    the export (``revision.state_of_pairs``)."""
    members = (
        Partnership.objects.filter(pk__in=queryset.values("pk"))
        .order_by("lead_municipality__name", "name", "pk")
        .values_list("pk", "revision")
    )
    with planned_once():  # PostgreSQL took as long to plan it as to run it
        return list(members)


def export_rows(queryset, members: list[tuple[int, int]] | None = None) -> list[dict]:
    """The rows of the export, one per partnership in ``queryset`` (its
    ``export_members`` when read already), by lead gemeente and name. Each
    partnership's row is kept in the cache for its revision and the language
    (``core.cache.cached_each``): after a change only the changed ones are
    read again, two queries for however many."""
    if members is None:
        members = export_members(queryset)
    known = cache.cached_each(
        "export-row", dict(members), rows_of, layout=[key for key, _label in COLUMNS]
    )
    return [known[pk] for pk, _revision in members if pk in known]


def rows_of(keys: list[int]) -> dict[int, dict]:
    """The export's row of each partnership with these ``keys``, from the
    database: two queries of plain values, however many partnerships."""
    rows = list(
        Partnership.objects.filter(OneOf(F("pk"), keys))
        .order_by()
        .annotate(
            theme_label=text_in_language("theme__name"),
            phase_label=text_in_language("phase__name"),
        )
        .values_list(
            "pk",
            "name",
            "lead_municipality__name",
            "lead_municipality__region__name",
            "theme_label",
            "phase__number",
            "phase_label",
            "status",
            "start_date",
            "planned_end_date",
        )
    )
    # The partnerships' keys in one parameter (however many).
    chosen = OneOf(F("partnership_id"), keys)
    # The labels in the download's language, translated once.
    labels = {value: str(label) for value, label in Outcome.choices}
    reassessment = {value: str(label) for value, label in REASSESSMENT_LABELS.items()}
    partners: dict[int, list[str]] = {}
    previous = None
    finalised: dict[int, list[tuple]] = {}
    # Partners by name, each with its finalised assessments (if any), in one query.
    for participation_id, partnership_id, name, assessment_id, turn, outcome, kind in (
        Participation.objects.filter(chosen)
        .exclude(status=ParticipationStatus.WITHDRAWN)  # as the list counts them
        .annotate(
            # Looked up per partner: joining the organisations made PostgreSQL
            # hash all of them (20,000 in the country) for a region's 1,500.
            organisation_name=Subquery(
                Organisation.objects.filter(pk=OuterRef("organisation_id"))
                .order_by()
                .values("name")
            ),
            final=FilteredRelation(
                "assessments", condition=Q(assessments__status=AssessmentStatus.FINAL)
            ),
        )
        # The finalised assessments' order (by moment, the later one of a
        # tie) as a number: cheaper to read than the moment itself.
        .annotate(turn=Window(RowNumber(), order_by=[F("final__finalised_at"), F("final__pk")]))
        .order_by("organisation_name", "pk")
        .values_list(
            "pk",
            "partnership_id",
            "organisation_name",
            "final__pk",
            "turn",
            "final__outcome",
            "final__kind",
        )
    ):
        if participation_id != previous:  # its rows follow each other (by name, pk)
            previous = participation_id
            partners.setdefault(partnership_id, []).append(name)
        if assessment_id is not None:
            label = (
                reassessment[outcome] if kind == AssessmentKind.REASSESSMENT else labels[outcome]
            )
            finalised.setdefault(partnership_id, []).append((turn, name, label))
    # Per partner the outcome of its newest final assessment (the later one of
    # a tie), the partners in the order of their first.
    outcomes: dict[int, dict[str, str]] = {}
    for partnership_id, assessments in finalised.items():
        outcome_of = outcomes[partnership_id] = {}
        for _turn, name, label in sorted(assessments):
            outcome_of[name] = label
    status_labels = {value: str(label) for value, label in Status.choices}
    found = {}
    for pk, name, lead, region, theme, number, phase, status, start, end in rows:
        names = partners.get(pk, [])
        found[pk] = {
            "name": name,
            "lead": lead,
            "region": region,
            "theme": theme,
            "phase_number": number,
            "phase": phase,
            "status": status_labels.get(status, status),
            "start": start,
            "end": end,
            "partner_count": len(names),
            "partners": "; ".join(names),
            "outcomes": "; ".join(f"{n}: {o}" for n, o in outcomes.get(pk, {}).items()),
        }
    return found


# A spreadsheet program takes a cell that starts with one of these for a
# formula; names come from users, so they never may be (CSV injection).
FORMULA_START = ("=", "+", "-", "@")


def csv_delimiter() -> str:
    """What separates the fields for a spreadsheet program in the active
    language: ";" where numbers are written with a decimal comma."""
    return ";" if formats.get_format("DECIMAL_SEPARATOR") == "," else ","


def csv_bytes(rows) -> bytes:
    out = StringIO()
    out.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(out, delimiter=csv_delimiter())
    writer.writerow([str(label) for _key, label in COLUMNS])
    # Each column holds one kind of value, written as that kind: dates as the
    # portal shows and reads them (31-12-2026), text never as a formula.
    date_format = date_input_format()
    keys = [key for key, _label in COLUMNS]
    dates = [index for index, key in enumerate(keys) if key in DATE_COLUMNS]
    texts = [index for index, key in enumerate(keys) if key not in DATE_COLUMNS | NUMBER_COLUMNS]
    for row in rows:
        cells = [row[key] for key in keys]
        for index in dates:
            if cells[index] is not None:
                cells[index] = cells[index].strftime(date_format)
        for index in texts:
            value = cells[index]
            if value and value.startswith(FORMULA_START):
                cells[index] = "'" + value
        writer.writerow(cells)
    return out.getvalue().encode()


def date_input_format() -> str:
    """How a date field shows a date in the active language ("%d-%m-%Y")."""
    return formats.get_format("DATE_INPUT_FORMATS")[0]


# strftime's date directives and Excel's number format for them.
EXCEL_DATE_PARTS = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%y": "YY"}


def excel_date_format() -> str:
    """The active language's date as an Excel number format ("DD-MM-YYYY")."""
    pattern = date_input_format()
    for directive, excel in EXCEL_DATE_PARTS.items():
        pattern = pattern.replace(directive, excel)
    return pattern


def xlsx_bytes(rows) -> bytes:
    """The workbook, written by rustpy-xlsxwriter (rust_xlsxwriter, the
    Rust twin of XlsxWriter: a fifth of XlsxWriter's time). Every cell is
    written by its type: text always as text (never a formula or a link,
    whatever it starts with), numbers as numbers, dates as dates shown as the
    language's short date (dd-mm-jjjj); None and "" leave the cell empty. The
    header bold, frozen and filtered, also over no rows at all."""
    from rustpy_xlsxwriter import FastExcel, Format

    named = [(key, str(label)) for key, label in COLUMNS]  # the header, translated once
    labels = [label for _key, label in named]
    records = [{label: row[key] for key, label in named} for row in rows]
    if not records:  # the header comes from the records' keys: one of empty cells
        records = [dict.fromkeys(labels)]
    buffer = BytesIO()
    (
        FastExcel(buffer)
        .format(datetime_format=excel_date_format())
        .freeze(row=1)
        .sheet(
            _("Samenwerkingen")[:31],
            records,
            column_widths=[
                14 if key in DATE_COLUMNS | NUMBER_COLUMNS else 30 for key, _ in COLUMNS
            ],
            header_format=Format().set_bold(),
            autofilter=True,
        )
        .save()
    )
    return buffer.getvalue()
