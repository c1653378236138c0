"""The filtered list of partnerships as CSV and as an Excel workbook: the rows
and the files (here, not in ``partnerships``, because a row holds the
outcomes of assessments). The downloads are ``export_views.py``."""

import csv
from io import BytesIO, StringIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scoping import visible_municipalities
from assessment.models import (
    REASSESSMENT_LABELS,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    Outcome,
)
from core.forms import DATE_FORMAT
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


def chosen_partnerships(user, params):
    """The partnerships the export holds: those the user may see, with the
    list's filters in ``params`` (the dashboard's are among them)."""
    queryset = Partnership.objects.visible_to(user)
    form = PartnershipFilterForm(params, municipalities=visible_municipalities(user))
    if form.is_valid():
        queryset = apply_list_filters(queryset, form.cleaned_data)
    return queryset


def export_rows(queryset):
    """The rows of the export, one per partnership in ``queryset``, by lead
    gemeente and name. Three queries of plain values, however many partnerships."""
    # The partnerships as a subquery (not a list of keys) in all three, so the
    # database plans one join however many partnerships match.
    chosen = queryset.values("pk")
    rows = list(
        Partnership.objects.filter(pk__in=chosen)
        .order_by("lead_municipality__name", "name", "pk")
        .values(
            "pk",
            "name",
            "lead_municipality__name",
            "lead_municipality__region__name",
            "theme__name",
            "phase__number",
            "phase__name",
            "status",
            "start_date",
            "planned_end_date",
        )
    )
    partners: dict[int, list[str]] = {}
    participations: dict[int, tuple[int, str]] = {}
    for participation_id, partnership_id, name in (
        Participation.objects.filter(partnership__in=chosen)
        .exclude(status=ParticipationStatus.WITHDRAWN)  # as the list counts them
        .order_by("organisation__name")
        .values_list("pk", "partnership_id", "organisation__name")
    ):
        partners.setdefault(partnership_id, []).append(name)
        participations[participation_id] = (partnership_id, name)
    outcomes: dict[int, dict[str, str]] = {}
    labels = dict(Outcome.choices)
    reassessment = dict(REASSESSMENT_LABELS)
    for participation_id, outcome, kind in (
        Assessment.objects.filter(
            participation__partnership__in=chosen, status=AssessmentStatus.FINAL
        )
        .order_by("finalised_at")  # the newest wins below
        .values_list("participation_id", "outcome", "kind")
    ):
        if participation_id not in participations:
            continue  # became a partner between the two queries: in the next export
        partnership_id, name = participations[participation_id]
        label = reassessment[outcome] if kind == AssessmentKind.REASSESSMENT else labels[outcome]
        outcomes.setdefault(partnership_id, {})[name] = str(label)
    status_labels = dict(Status.choices)
    for row in rows:
        names = partners.get(row["pk"], [])
        yield {
            "name": row["name"],
            "lead": row["lead_municipality__name"],
            "region": row["lead_municipality__region__name"],
            "theme": row["theme__name"],
            "phase_number": row["phase__number"],
            "phase": row["phase__name"],
            "status": str(status_labels.get(row["status"], row["status"])),
            "start": row["start_date"],
            "end": row["planned_end_date"],
            "partner_count": len(names),
            "partners": "; ".join(names),
            "outcomes": "; ".join(f"{n}: {o}" for n, o in outcomes.get(row["pk"], {}).items()),
        }


# A spreadsheet program takes a cell that starts with one of these for a
# formula; names come from users, so they never may be (CSV injection).
FORMULA_START = ("=", "+", "-", "@")


def _csv_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(rows) -> bytes:
    out = StringIO()
    out.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(label) for _key, label in COLUMNS])
    for row in rows:
        writer.writerow(
            [
                # Dates as the portal shows and reads them (31-12-2026).
                row[key].strftime(DATE_FORMAT)
                if hasattr(row[key], "strftime")
                else _csv_text(row[key])
                for key, _label in COLUMNS
            ]
        )
    return out.getvalue().encode()


def xlsx_bytes(rows) -> bytes:
    """The workbook, written as it goes (openpyxl's write-only mode: a
    fraction of the time and memory of building the sheet in memory)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Samenwerkingen")[:31])
    for index, (key, _label) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (
            14 if key in ("start", "end", "phase_number", "partner_count") else 30
        )
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value, key=None, font=None):
        made = WriteOnlyCell(sheet, value=value)
        if made.data_type == "f":  # text that looks like a formula stays text
            made.data_type = "s"
        if key in ("start", "end") and value is not None:
            made.number_format = "DD-MM-YYYY"
        if font is not None:
            made.font = font
        return made

    sheet.append([cell(str(label), font=bold) for _key, label in COLUMNS])
    count = 0
    for row in rows:
        sheet.append([cell(row[key], key) for key, _label in COLUMNS])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
