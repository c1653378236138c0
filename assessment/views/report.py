"""The PDF advice for the college van B en W, and the same document as HTML.

Only users who may see the partnership get it (404 for everyone else); every
PDF download is logged (who, when). Browsers and proxies never keep either
response. A finalised assessment's advice comes from storage, a draft's is
made on demand (``assessment.advice``)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import never_cache

from ..advice import advice_pdf
from ..collegeadvies.document import TEMPLATE, load_advice, template_context
from ..models import ReportDownload
from ..querysets import get_assessment_for_user


@never_cache
def report_pdf(request, pk):
    assessment = get_assessment_for_user(request.user, pk)
    filename, pdf = advice_pdf(assessment)
    ReportDownload.objects.create(assessment=assessment, user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    # The file name is a slug (ASCII, no quotes), safe in the header as is.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
def report_html(request, pk):
    """A quick look in the browser at what the PDF will say (not logged)."""
    assessment = get_assessment_for_user(request.user, pk)
    with translation.override("nl"):
        return render(request, TEMPLATE, template_context(load_advice(assessment)))


urlpatterns = [
    path("afwegingen/<int:pk>/advies.pdf", report_pdf, name="report_pdf"),
    path("afwegingen/<int:pk>/advies.html", report_html, name="report_html"),
]
