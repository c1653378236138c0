"""Speed at national scale, measured.

    python manage.py benchmark [--repeat 20]

Loads the demo and the national data set into the configured database
(PostgreSQL when DATABASE_URL points there, SQLite otherwise) if they are not
there yet, logs in as the GGD coordinator with the most partnerships and
requests each page repeatedly through Django's full stack (middleware,
session, templates). Prints per page the number of queries, the median and
95th-percentile time, and both as a ratio to the smallest logged-in page.
The pages (but the outcome, which is the assessment page's sibling) and
every download are measured twice: as usually served (from the cache) and
right after a change to what they show (gathered afresh)."""

import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, User
from assessment.models import Assessment, AssessmentStatus, ReportDownload
from core import freshness
from demo import national
from partnerships.models import Partnership


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
        assessment = (
            Assessment.objects.filter(
                participation__partnership__lead_municipality__region=region,
                status=AssessmentStatus.FINAL,
            )
            .order_by("pk")
            .first()
        )
        client = Client()
        client.force_login(coordinator)
        last_download = ReportDownload.objects.order_by("-pk").values_list("pk", flat=True).first()

        def change_partnership():
            # What any change on the partnership's page does (core.freshness).
            freshness.touch_partnerships(pk=partnership.pk)

        def change_assessment():
            freshness.touch_partnerships(participations__assessments=assessment.pk)

        pages = [
            ("minimale pagina (sessie)", reverse("session_check"), repeat),
            ("dashboard", reverse("home"), repeat),
            # Every request right after a change in the region: counted afresh.
            ("dashboard na een wijziging", reverse("home"), repeat, change_partnership),
            ("lijst van samenwerkingen", reverse("partnerships:list"), repeat),
            (
                "lijst na een wijziging",
                reverse("partnerships:list"),
                repeat,
                change_partnership,
            ),
            ("pagina van een samenwerking", partnership.get_absolute_url(), repeat),
            (
                "samenwerking na een wijziging",
                partnership.get_absolute_url(),
                repeat,
                change_partnership,
            ),
            ("pagina van een afweging", assessment.get_absolute_url(), repeat),
            ("afweging na een wijziging", assessment.get_absolute_url(), repeat, change_assessment),
            (
                "uitkomst van een afweging",
                reverse("assessment:outcome", args=[assessment.pk]),
                repeat,
            ),
            ("export CSV", reverse("dashboard:export_csv"), repeat),
            (
                "export CSV na een wijziging",
                reverse("dashboard:export_csv"),
                max(3, repeat // 4),
                change_partnership,
            ),
            ("export Excel", reverse("dashboard:export_xlsx"), repeat),
            (
                "export Excel na een wijziging",
                reverse("dashboard:export_xlsx"),
                max(3, repeat // 4),
                change_partnership,
            ),
            ("PDF-overzicht dashboard", reverse("dashboard:pdf"), repeat),
            (
                "PDF-overzicht na een wijziging",
                reverse("dashboard:pdf"),
                pdf_repeat,
                change_partnership,
            ),
            ("PDF-advies afweging", reverse("assessment:report_pdf", args=[assessment.pk]), repeat),
            (
                "PDF-advies na een wijziging",
                reverse("assessment:report_pdf", args=[assessment.pk]),
                pdf_repeat,
                change_assessment,
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
        header = f"{'pagina':<30}{'queries':>8}{'mediaan ms':>12}{'p95 ms':>10}{'× minimaal':>12}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        # Count each page's queries once, then time the pages in turns (each
        # round requests every page once), so that the machine's ups and downs
        # fall on all pages alike and the ratios stay comparable. A page timed
        # "after a change" gets its change right before each request; every
        # other page an untimed request first, so a change made for another
        # row does not count against it.
        measured = []
        for label, url, times, *before in pages:
            before = before[0] if before else None
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
                self.stdout.write(f"{label:<30} status {response.status_code}")
                continue
            measured.append((label, url, times, before, query_count, []))
        for round_number in range(max(times for _l, _u, times, *_rest in measured)):
            for _label, url, times, before, _count, timings in measured:
                if round_number >= times:
                    continue
                if before:
                    before()
                else:
                    client.get(url)
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
        baseline = None
        for label, _url, _times, _before, query_count, timings in measured:
            median = statistics.median(timings)
            p95 = _percentile(timings, 0.95)
            if baseline is None:
                baseline = median
            self.stdout.write(
                f"{label:<30}{query_count:>8}{median:>12.1f}{p95:>10.1f}{median / baseline:>12.1f}"
            )
        # The benchmark's own downloads are not real ones: leave no log of them.
        ReportDownload.objects.filter(
            pk__gt=last_download or 0, user=coordinator, assessment=assessment
        ).delete()
        self.stdout.write(
            "\nDoel: elke pagina binnen 3 × de minimale pagina en met evenveel queries als bij "
            "de demodata. Een PDF maken kost WeasyPrint zelf het meeste: dat meet benchmark_pdf."
        )
