"""The PDF advice for the college van B en W."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache

from accounts.scoping import get_assessment_for_user
from core.pdf import render_pdf

from ..models import Assessment, ReportDownload
from ..report import build_report

RELATED = ("participation__partnership__phase", "participation__partnership__theme")


@never_cache
def report_pdf(request, pk):
    assessment = get_assessment_for_user(
        request.user, pk, queryset=Assessment.objects.select_related(*RELATED)
    )
    report = build_report(assessment)
    _html, pdf = render_pdf("assessment/report.html", {"report": report})
    ReportDownload.objects.create(assessment=assessment, user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    return response


@never_cache
def report_html(request, pk):
    """The same document as HTML, for a quick look in the browser."""
    assessment = get_assessment_for_user(
        request.user, pk, queryset=Assessment.objects.select_related(*RELATED)
    )
    return render(request, "assessment/report.html", {"report": build_report(assessment)})


urlpatterns = [
    path("afwegingen/<int:pk>/advies.pdf", report_pdf, name="report_pdf"),
    path("afwegingen/<int:pk>/advies.html", report_html, name="report_html"),
]
