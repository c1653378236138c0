"""The evaluation report of a closed round as PDF for the partners (and as
HTML to look at first). Everyone who may see the partnership gets it once
the round is closed; before that, and for outsiders, a 404."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import never_cache

from ..models import RoundStatus
from ..querysets import get_round_for_user
from ..report import build_report, render_report


def _closed_round(request, pk):
    round = get_round_for_user(request.user, pk)
    if round.status != RoundStatus.CLOSED:
        raise Http404
    return round


@never_cache
def report_pdf(request, pk):
    filename, pdf = render_report(_closed_round(request, pk))
    response = HttpResponse(pdf, content_type="application/pdf")
    # The file name is a slug (ASCII, no quotes), safe in the header as is.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
def report_html(request, pk):
    round = _closed_round(request, pk)
    with translation.override("nl"):
        return render(request, "evaluation/report.html", {"report": build_report(round)})


urlpatterns = [
    path("evaluaties/<int:pk>/rapport.pdf", report_pdf, name="report_pdf"),
    path("evaluaties/<int:pk>/rapport.html", report_html, name="report_html"),
]
