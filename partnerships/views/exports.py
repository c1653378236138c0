"""The filtered list of partnerships as CSV and as an Excel workbook."""

import csv
from io import BytesIO

from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.scoping import visible_municipalities, visible_partnerships
from assessment.models import Assessment, AssessmentStatus
from dashboard.forms import DashboardFilterForm
from dashboard.summary import filter_partnerships

from ..forms.partnership import PartnershipFilterForm
from ..models import Participation, Partnership
from .partnerships import apply_list_filters

COLUMNS = [
    ("name", _("Naam")),
    ("lead", _("Trekkende gemeente")),
    ("region", _("GGD-regio")),
    ("theme", _("Thema")),
    ("phase_number", _("Fase (nummer)")),
    ("phase", _("Fase")),
    ("status", _("Status")),
    ("start", _("Startdatum")),
    ("end", _("Geplande einddatum")),
    ("partner_count", _("Aantal partners")),
    ("partners", _("Partners")),
    ("outcomes", _("Uitkomsten van vastgestelde afwegingen")),
]


def export_rows(user, params):
    """The rows of the export: the list's and the dashboard's filters apply
    (a fixed number of queries, however many partnerships)."""
    municipalities = visible_municipalities(user)
    queryset = visible_partnerships(
        user,
        Partnership.objects.select_related(
            "theme", "phase", "lead_municipality__region"
        ).prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation")
                .order_by("organisation__name")
                .prefetch_related(
                    Prefetch(
                        "assessments",
                        queryset=Assessment.objects.filter(status=AssessmentStatus.FINAL).order_by(
                            "-finalised_at"
                        ),
                    )
                ),
            )
        ),
    )
    list_form = PartnershipFilterForm(params, municipalities=municipalities)
    if list_form.is_valid():
        queryset = apply_list_filters(queryset, list_form.cleaned_data)
    dashboard_form = DashboardFilterForm(params, municipalities=municipalities)
    filters = dashboard_form.filters()
    filters.pop("municipality", None)  # applied above already
    filters.pop("theme", None)
    queryset = filter_partnerships(queryset, **filters)
    for partnership in queryset.order_by("lead_municipality__name", "name", "pk"):
        participations = list(partnership.participations.all())
        outcomes = []
        for participation in participations:
            latest = next(iter(participation.assessments.all()), None)
            if latest:
                outcomes.append(f"{participation.organisation.name}: {latest.outcome_label()}")
        yield {
            "name": partnership.name,
            "lead": partnership.lead_municipality.name,
            "region": partnership.lead_municipality.region.name,
            "theme": partnership.theme.name,
            "phase_number": partnership.phase.number,
            "phase": partnership.phase.name,
            "status": partnership.get_status_display(),
            "start": partnership.start_date,
            "end": partnership.planned_end_date,
            "partner_count": len(participations),
            "partners": "; ".join(p.organisation.name for p in participations),
            "outcomes": "; ".join(outcomes),
        }


def _filename(extension):
    return f"samenwerkingen-{timezone.localdate().isoformat()}.{extension}"


@require_GET
def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(label) for _key, label in COLUMNS])
    for row in export_rows(request.user, request.GET):
        writer.writerow(
            [
                row[key].isoformat() if hasattr(row[key], "isoformat") else row[key]
                for key, _label in COLUMNS
            ]
        )
    return response


@require_GET
def export_xlsx(request):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Samenwerkingen")[:31]
    sheet.append([str(label) for _key, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export_rows(request.user, request.GET):
        sheet.append([row[key] for key, _label in COLUMNS])
    for index, (key, _label) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        if key in ("start", "end"):
            for cell in sheet[letter][1:]:
                cell.number_format = "DD-MM-YYYY"
        sheet.column_dimensions[letter].width = (
            14 if key in ("start", "end", "phase_number", "partner_count") else 30
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


urlpatterns = [
    path("samenwerkingen/export.csv", export_csv, name="export_csv"),
    path("samenwerkingen/export.xlsx", export_xlsx, name="export_xlsx"),
]
