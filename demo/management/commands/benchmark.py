"""Speed at national scale, measured against goals.

    python manage.py benchmark [--repeat 20]

Loads the demo and the national data set into the configured database
(PostgreSQL when DATABASE_URL points there, SQLite otherwise) if they are not
there yet, logs in as the GGD coordinator with the most partnerships and
requests each page repeatedly through Django's full stack (middleware,
session, templates). Prints per row the number of queries, the median and
95th-percentile time, the ratio to the smallest logged-in page, the row's goal
and whether it meets it:

* every HTML page within 3 × the minimal page as usually served, and within
  5 × on the first request after a change to what it shows;
* the exports within 5 × after a change;
* the PDF overview and a draft's PDF advice (both made on every request after
  a change) within 1.2 × of WeasyPrint's own time for the same HTML, timed
  in the same rounds (the median of the rounds' ratios); a finalised advice
  comes from storage (3 ×)."""

import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.db.models import Count
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role, User
from assessment.collegeadvies.document import TEMPLATE, load_advice, template_context
from assessment.models import Assessment, AssessmentStatus, ReportDownload
from core.pdf import html_to_pdf
from dashboard import figures
from dashboard.views import _heading
from demo import national
from partnerships import revision
from partnerships.models import Partnership

# Goals: a ratio to the minimal page, or to WeasyPrint's time for the same HTML.
USUAL, AFTER_CHANGE, WEASYPRINT = 3.0, 5.0, 1.2


def _timed(call, *args) -> float:
    """How long ``call(*args)`` took, in ms."""
    start = time.perf_counter()
    call(*args)
    return (time.perf_counter() - start) * 1000


def _percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Meet de snelheid van de belangrijkste pagina's met de landelijke dataset."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--pdf-repeat", type=int, default=3)

    def handle(self, *args, repeat, pdf_repeat, **options):
        if not national.is_loaded():
            self.stdout.write("Landelijke dataset laden…")
            call_command("load_demo", national=True, force=True, stdout=self.stdout)
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

        coordinator = (
            User.objects.filter(role=Role.COORDINATOR)
            .annotate(n=Count("region__municipalities__led_partnerships"))
            .order_by("-n")
            .first()
        )
        region = coordinator.region
        partnership = (
            Partnership.objects.filter(lead_municipality__region=region)
            .annotate(n=Count("participations"))
            .order_by("-n", "pk")
            .first()
        )
        in_region = Assessment.objects.filter(
            participation__partnership__lead_municipality__region=region
        ).order_by("pk")
        assessment = in_region.filter(status=AssessmentStatus.FINAL).first()
        draft = in_region.filter(status=AssessmentStatus.CONCEPT).first()
        client = Client()
        client.force_login(coordinator)
        last_download = ReportDownload.objects.order_by("-pk").values_list("pk", flat=True).first()

        def change_partnership():
            # What any change to the partnership or its records does (partnerships.revision).
            revision.touch_partnerships(pk=partnership.pk)

        def change_assessment():
            revision.touch_partnerships(participations__assessments=assessment.pk)

        def change_draft():
            revision.touch_partnerships(participations__assessments=draft.pk)

        def overview_html():
            with translation.override("nl"):
                form = figures.filter_form(coordinator, {})
                return render_to_string(
                    "dashboard/overview_pdf.html",
                    {
                        "dashboard": figures.build(coordinator, {}, form),
                        "heading": _heading(coordinator),
                        "today": timezone.localdate(),
                        "user": coordinator,
                    },
                )

        def advice_html():
            with translation.override("nl"):
                return render_to_string(TEMPLATE, template_context(load_advice(draft)))

        # (label, url, rounds, goal, change before each request or None, HTML
        # for WeasyPrint alone or None). A goal is a ratio to the minimal page,
        # or, with HTML, to WeasyPrint's time for that HTML.
        partnership_url = partnership.get_absolute_url()
        assessment_url = assessment.get_absolute_url()
        outcome_url = reverse("assessment:outcome", args=[assessment.pk])
        csv_url = reverse("dashboard:export_csv")
        xlsx_url = reverse("dashboard:export_xlsx")
        overview_url = reverse("dashboard:pdf")
        few = max(3, repeat // 4)
        pages = [
            ("minimale pagina (sessie)", reverse("session_check"), repeat, None, None, None),
            ("dashboard", reverse("home"), repeat, USUAL, None, None),
            ("lijst van samenwerkingen", reverse("partnerships:list"), repeat, USUAL, None, None),
            ("pagina van een samenwerking", partnership_url, repeat, USUAL, None, None),
            ("pagina van een afweging", assessment_url, repeat, USUAL, None, None),
            ("uitkomst van een afweging", outcome_url, repeat, USUAL, None, None),
            ("export CSV", csv_url, repeat, USUAL, None, None),
            ("export Excel", xlsx_url, repeat, USUAL, None, None),
            ("PDF-overzicht dashboard", overview_url, repeat, USUAL, None, None),
            (
                "PDF-advies (vastgesteld, bewaard)",
                reverse("assessment:report_pdf", args=[assessment.pk]),
                repeat,
                USUAL,
                None,
                None,
            ),
            # The first request after a change to what the page shows.
            ("dashboard", reverse("home"), repeat, AFTER_CHANGE, change_partnership, None),
            (
                "lijst van samenwerkingen",
                reverse("partnerships:list"),
                repeat,
                AFTER_CHANGE,
                change_partnership,
                None,
            ),
            (
                "pagina van een samenwerking",
                partnership_url,
                repeat,
                AFTER_CHANGE,
                change_partnership,
                None,
            ),
            (
                "pagina van een afweging",
                assessment_url,
                repeat,
                AFTER_CHANGE,
                change_assessment,
                None,
            ),
            (
                "uitkomst van een afweging",
                outcome_url,
                repeat,
                AFTER_CHANGE,
                change_assessment,
                None,
            ),
            ("export CSV", csv_url, few, AFTER_CHANGE, change_partnership, None),
            ("export Excel", xlsx_url, few, AFTER_CHANGE, change_partnership, None),
            (
                "PDF-overzicht dashboard",
                overview_url,
                pdf_repeat,
                WEASYPRINT,
                change_partnership,
                overview_html,
            ),
            (
                "PDF-advies (concept, steeds gemaakt)",
                reverse("assessment:report_pdf", args=[draft.pk]),
                pdf_repeat,
                WEASYPRINT,
                change_draft,
                advice_html,
            ),
        ]
        counts = {
            "regio's": User.objects.filter(role=Role.COORDINATOR).count(),
            "samenwerkingen": Partnership.objects.count(),
            "afwegingen": Assessment.objects.count(),
        }
        self.stdout.write(
            f"Database: {connection.vendor}; {counts}; ingelogd als {coordinator.username} ({region}), "
            f"{Partnership.objects.filter(lead_municipality__region=region).count()} samenwerkingen in de regio\n"
        )
        # Count each page's queries once, then time the pages in turns (each
        # round requests every page once), so that the machine's ups and downs
        # fall on all pages alike and the ratios stay comparable. A row timed
        # "after a change" gets its change right before each request; every
        # other row an untimed request first, so a change made for another
        # row does not count against it. A PDF row with HTML also times
        # WeasyPrint alone on that HTML, in the same round (before the page in
        # every other round).
        measured = []
        for label, url, times, goal, before, html in pages:
            client.get(url)  # warm up
            if before:
                before()
            settings.DEBUG = True  # count the queries with Django's query log
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            query_count = len(queries)  # read before the next request clears the log
            settings.DEBUG = False  # time the page as production runs it
            if response.status_code != 200:
                self.stdout.write(f"{label:<38} status {response.status_code}")
                continue
            source = html() if html else None
            measured.append((label, url, times, goal, before, source, query_count, [], []))
        for round_number in range(max(row[2] for row in measured)):
            for _label, url, times, _goal, before, source, _count, timings, alone in measured:
                if round_number >= times:
                    continue
                # WeasyPrint alone before the page in every other round, so
                # that neither gains from going second.
                alone_first = source is not None and round_number % 2
                if alone_first:
                    alone.append(_timed(html_to_pdf, source))
                if before:
                    before()
                else:
                    client.get(url)
                timings.append(_timed(client.get, url))
                if source is not None and not alone_first:
                    alone.append(_timed(html_to_pdf, source))
        header = (
            f"{'pagina':<38}{'queries':>8}{'mediaan ms':>12}{'p95 ms':>10}{'× minimaal':>12}"
            f"  {'doel':<28}{'gehaald':>8}"
        )
        baseline = statistics.median(measured[0][7])
        after = False
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        missed = 0
        for label, _url, _times, goal, before, _source, query_count, timings, alone in measured:
            if before and not after:
                after = True
                self.stdout.write("de eerste aanvraag na een wijziging van wat ze toont:")
            median = statistics.median(timings)
            ratio = median / baseline
            if goal is None:
                target, met = "", ""
            elif alone:
                # The page and WeasyPrint alone were timed in the same rounds:
                # the ratio is the median of each round's own, which the
                # machine's ups and downs between rounds do not move.
                weasy = statistics.median(alone)
                paired = statistics.median(t / a for t, a in zip(timings, alone, strict=True))
                target = f"≤ {goal} × WeasyPrint ({paired:.2f} ×, {weasy:.0f} ms)"
                met = paired <= goal
            else:
                target = f"≤ {goal:.0f} × minimaal"
                met = ratio <= goal
            if met is False:
                missed += 1
            shown = "" if met == "" else ("ja" if met else "NEE")
            self.stdout.write(
                f"{label:<38}{query_count:>8}{median:>12.1f}{_percentile(timings, 0.95):>10.1f}"
                f"{ratio:>12.1f}  {target:<28}{shown:>8}"
            )
        # The benchmark's own downloads are not real ones: leave no log of them.
        ReportDownload.objects.filter(
            pk__gt=last_download or 0, user=coordinator, assessment__in=[assessment, draft]
        ).delete()
        self.stdout.write(
            "\nDoelen: elke HTML-pagina binnen 3 × de minimale pagina zoals gewoonlijk geserveerd en "
            "binnen 5 × bij de eerste aanvraag na een wijziging; de exports binnen 5 × na een "
            "wijziging; het PDF-overzicht en het PDF-advies binnen 1,2 × de tijd van WeasyPrint "
            "zelf voor dezelfde HTML. "
            + ("Alle doelen gehaald." if not missed else f"{missed} doel(en) niet gehaald.")
        )
