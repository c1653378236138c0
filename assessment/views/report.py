"""The PDF advice for the college van B en W, and the same document as HTML.

Only users who may see the partnership get it (404 for everyone else); every
download (PDF or .docx) is logged (who, when, which). Browsers and proxies never keep either
response. A finalised assessment's advice comes from storage, a draft's is
made on demand (``assessment.advice``)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import never_cache

from ..advice import advice_file
from ..collegeadvies.document import TEMPLATE, load_advice, template_context
from ..models import ReportDownload
from ..querysets import get_assessment_for_user

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(request, pk, kind: str, content_type: str):
    assessment = get_assessment_for_user(request.user, pk)
    filename, content = advice_file(assessment, kind)
    ReportDownload.objects.create(assessment=assessment, user=request.user, format=kind)
    response = HttpResponse(content, content_type=content_type)
    # The file name is a slug (ASCII, no quotes), safe in the header as is.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
def report_pdf(request, pk):
    return _download(request, pk, "pdf", "application/pdf")


@never_cache
def report_docx(request, pk):
    """The same advice as an editable Word document."""
    return _download(request, pk, "docx", DOCX)


@never_cache
def report_html(request, pk):
    """A quick look in the browser at what the PDF will say (not logged)."""
    assessment = get_assessment_for_user(request.user, pk)
    with translation.override("nl"):
        return render(request, TEMPLATE, template_context(load_advice(assessment)))


urlpatterns = [
    path("afwegingen/<int:pk>/advies.pdf", report_pdf, name="report_pdf"),
    path("afwegingen/<int:pk>/advies.html", report_html, name="report_html"),
    path("afwegingen/<int:pk>/advies.docx", report_docx, name="report_docx"),
]
