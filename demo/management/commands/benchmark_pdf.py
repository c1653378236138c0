"""Time the PDF advice: the portal's whole path next to WeasyPrint alone.

    python manage.py benchmark_pdf [--repeat 5]

Uses the assessment with the most answers and the longest texts. When there
is none, the demo data is loaded inside a transaction that is rolled back at
the end, so nothing is left behind. Prints the median and fastest time of

* the portal: building the report data + rendering the template +
  ``core.pdf.html_to_pdf``;
* WeasyPrint alone: ``HTML(...).write_pdf(...)`` on the same, pre-rendered
  HTML with the same URL fetcher and options;

and their ratio, so the portal's overhead around WeasyPrint is visible."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, Length
from django.template.loader import render_to_string

from assessment.models import Assessment
from assessment.report import build_report
from core import pdf


class _Rollback(Exception):
    pass


def _timed(functions, repeat: int) -> list[list[float]]:
    """Run the functions in turn, ``repeat`` rounds, so drift (CPU clock,
    other load) hits each alike; returns the timings per function."""
    timings = [[] for _function in functions]
    for _round in range(repeat):
        for function, times in zip(functions, timings, strict=True):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return timings


def _largest():
    return (
        Assessment.objects.annotate(
            answer_count=Count("answers"),
            text=Coalesce(Sum(Length("answers__explanation")), 0),
        )
        .select_related("participation__organisation", "participation__partnership")
        .order_by("-answer_count", "-text", "pk")
        .first()
    )


def _load_demo_assessments():
    from demo import assessments, data, partnerships

    data.load_regions()
    data.load_users()
    partnerships.load_partnerships()
    assessments.load_assessments()


def portal_pdf(assessment_pk: int) -> bytes:
    """What the download view does, short of the HTTP response and the log."""
    report = build_report(Assessment(pk=assessment_pk))
    return pdf.html_to_pdf(render_to_string("assessment/report.html", {"report": report}))


def weasyprint_pdf(html: str) -> bytes:
    """WeasyPrint alone, with the options and fetcher ``core.pdf`` uses."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf._fetcher())
    return document.write_pdf(pdf_variant="pdf/a-3u", pdf_tags=True)


class Command(BaseCommand):
    help = "Meet de tijd om het PDF-advies te maken, naast de tijd van WeasyPrint alleen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat", type=int, default=5, help="Aantal herhalingen per pad (standaard 5)."
        )

    def handle(self, *args, repeat, **options):
        if repeat < 1:
            raise CommandError("--repeat moet minstens 1 zijn.")
        try:
            with transaction.atomic():
                self._run(repeat)
                raise _Rollback  # leave nothing behind (a throwaway demo, if one was made)
        except _Rollback:
            pass

    def _run(self, repeat: int) -> None:
        assessment = _largest()
        throwaway = assessment is None
        if throwaway:
            _load_demo_assessments()
            assessment = _largest()
        if assessment is None:
            raise CommandError("Geen afweging gevonden en de demodata gaf er ook geen.")

        report = build_report(assessment)
        html = render_to_string("assessment/report.html", {"report": report})
        document = weasyprint_pdf(html)  # warm up: imports, fonts, template cache

        portal_times, weasy_times = _timed(
            [lambda: portal_pdf(assessment.pk), lambda: weasyprint_pdf(html)], repeat
        )

        portal_median = statistics.median(portal_times)
        weasy_median = statistics.median(weasy_times)
        origin = "tijdelijk, wordt niet bewaard" if throwaway else "bestaande afweging"
        self.stdout.write(
            f"Afweging #{assessment.pk} ({origin}): {report.partner_name} — "
            f"{report.partnership_name}\n"
            f"{assessment.answer_count} antwoorden, {assessment.text} tekens toelichting, "
            f"HTML {len(html) / 1024:.0f} kB, PDF {len(document) / 1024:.0f} kB\n"
            f"{repeat} herhalingen per pad, om en om (na één opwarmronde)\n"
        )
        rows = [
            ("portaal: gegevens + template + PDF", portal_times),
            ("WeasyPrint alleen (zelfde HTML)", weasy_times),
        ]
        self.stdout.write(f"{'pad':<38}{'mediaan (s)':>13}{'snelste (s)':>13}")
        self.stdout.write("-" * 64)
        for label, timings in rows:
            self.stdout.write(
                f"{label:<38}{statistics.median(timings):>13.3f}{min(timings):>13.3f}"
            )
        self.stdout.write("-" * 64)
        self.stdout.write(
            f"{'verhouding portaal / WeasyPrint':<38}{portal_median / weasy_median:>13.2f}\n"
            f"{'overhead van het portaal (mediaan)':<38}"
            f"{(portal_median - weasy_median) * 1000:>11.0f} ms"
        )
