"""Time the PDF advice: the portal's whole path next to WeasyPrint alone.

    python manage.py benchmark_pdf [--repeat 5]

Uses the demo assessment with the most answers and the longest texts
(run load_demo first). Prints the median and fastest time of both paths and
their ratio, so the portal's overhead around WeasyPrint is visible."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Sum
from django.db.models.functions import Length
from django.template.loader import render_to_string

from assessment.models import Assessment
from assessment.report import build_report
from core.pdf import html_to_pdf


def _timed(function, repeat):
    timings = []
    for _index in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return timings


class Command(BaseCommand):
    help = "Meet de tijd om het PDF-advies te maken, naast de tijd van WeasyPrint alleen."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, repeat, **options):
        assessment = (
            Assessment.objects.annotate(
                answer_count=Count("answers"), text=Sum(Length("answers__explanation"))
            )
            .order_by("-answer_count", "-text")
            .select_related("participation__organisation", "participation__partnership")
            .first()
        )
        if assessment is None:
            raise CommandError(
                "Geen afwegingen gevonden: draai eerst 'python manage.py load_demo'."
            )

        def portal():
            report = build_report(Assessment.objects.get(pk=assessment.pk))
            html_to_pdf(render_to_string("assessment/report.html", {"report": report}))

        html = render_to_string("assessment/report.html", {"report": build_report(assessment)})
        html_to_pdf(html)  # warm up: imports, fonts
        portal_times = _timed(portal, repeat)
        weasy_times = _timed(lambda: html_to_pdf(html), repeat)
        size = len(html_to_pdf(html))

        self.stdout.write(
            f"Afweging #{assessment.pk}: {assessment.participation.organisation} "
            f"({assessment.answer_count} antwoorden), {repeat} keer\n"
        )
        self.stdout.write(f"{'pad':<36}{'mediaan (s)':>12}{'snelste (s)':>13}")
        for label, timings in (
            ("portaal (gegevens + HTML + PDF)", portal_times),
            ("WeasyPrint alleen (zelfde HTML)", weasy_times),
        ):
            self.stdout.write(
                f"{label:<36}{statistics.median(timings):>12.3f}{min(timings):>13.3f}"
            )
        ratio = statistics.median(portal_times) / statistics.median(weasy_times)
        overhead = statistics.median(portal_times) - statistics.median(weasy_times)
        self.stdout.write(
            f"verhouding portaal / WeasyPrint: {ratio:.2f} (overhead {overhead * 1000:.0f} ms)"
        )
        self.stdout.write(f"grootte van het PDF-bestand: {size / 1024:.0f} kB")
