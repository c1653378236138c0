"""HTML to PDF with WeasyPrint: one small module every report goes through.

* WeasyPrint is imported lazily (its import costs about half a second).
* Static files (fonts, the print stylesheet, images) are read from disk,
  never over HTTP; any other URL is refused, so a report never reaches out to
  the network.
* The output is a tagged PDF/A-3u (archival and accessible): ``lang`` and
  ``<title>`` come from the HTML.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# The base URL the report HTML is rendered against; only its static path is served.
BASE_URL = "https://pps-portaal.invalid/"


def _static_path(url: str) -> Path | None:
    prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    relative = url[len(prefix) :].split("?")[0].split("#")[0]
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = Path(settings.STATIC_ROOT) / relative
    return candidate if candidate.is_file() else None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_path(url)
            if path is None:
                raise ValueError(f"Alleen statische bestanden van het portaal: {url}")
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

    return StaticFileFetcher(fail_on_errors=True)


def html_to_pdf(html: str, css: str = "") -> bytes:
    """``css``: a stylesheet applied after the document's own (a gemeente's
    look: ``regions.branding.Look.css``), kept out of the HTML so that the
    same HTML can be shown in a browser under a strict CSP."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    stylesheets = [CSS(string=css, base_url=BASE_URL, url_fetcher=_fetcher())] if css else None
    return document.write_pdf(pdf_variant="pdf/a-3u", pdf_tags=True, stylesheets=stylesheets)


def render_pdf(template_name: str, context: dict, css: str = "") -> tuple[str, bytes]:
    """Render a template to HTML and the HTML to PDF (with ``css`` after the
    document's own stylesheets); returns both."""
    html = render_to_string(template_name, context)
    return html, html_to_pdf(html, css)
