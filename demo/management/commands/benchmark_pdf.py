"""Time the PDF advice: the portal's whole path next to WeasyPrint alone.

    python manage.py benchmark_pdf [--repeat 5]

Uses the assessment with the most answers and the longest texts. When there
is none, the demo data is loaded inside a transaction that is rolled back at
the end, so nothing is left behind. Prints the median and fastest time of

* the portal: building the report data + rendering the template +
  ``core.pdf.html_to_pdf``;
* WeasyPrint alone: ``HTML(...).write_pdf(...)`` on the same, pre-rendered
  HTML with the same URL fetcher and options;

and their ratio, so the portal's overhead around WeasyPrint is visible. Each
path shows its wall-clock time and its CPU time (median and fastest; this
process only, so on SQLite the database's work too, on PostgreSQL not), and
the machine's load is printed first: on a machine shared with other work the
wall-clock time grows with the load, the CPU time less but still (on the
shared 2-core machine of December 2026 the same rendering took 1.5 to 3.3 s
of CPU; the fastest CPU time is the nearest to a quiet machine's). To compare
two versions of the HTML or CSS regardless of the load, count instructions:
``valgrind --tool=cachegrind --cache-sim=no python script.py`` (README,
"Speed, measured").

Then the largest assessment the limits allow (every text at its maximum:
the partnership's name and societal goal, the partner's name, every
explanation, every theme's notes, the conditions and the review remark) is
rendered the same way, with the officer's collegeadvies at its limits too;
its PDF must stay under 2 s and its .docx under 1 s (median), printed next to
WeasyPrint alone for the same HTML (issue 11: 1 MB of text once made an
805-page PDF that took minutes; issue 14)."""

import io
import itertools
import os
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, Length
from django.template.loader import render_to_string

from assessment.collegeadvies.document import TEMPLATE, load_advice, template_context
from assessment.collegeadvies.docx import build_docx
from assessment.collegeadvies.drafts import SECTION_KEYS
from assessment.models import AdviceText, Answer, Assessment, Question, ThemeNote
from core import pdf

LARGEST_ALLOWED_SECONDS = 2.0
LARGEST_ALLOWED_DOCX_SECONDS = 1.0

# Words of a plausible Dutch explanation, repeated up to a field's limit.
SENTENCE = (
    "De partner levert gezonde producten aan de kantine van de school en "
    "spreekt met de gemeente af dat reclame voor snoep en frisdrank "
    "verdwijnt; de GGD volgt de afspraken elk kwartaal."
)
WORDS = SENTENCE.split(" ")


class _Rollback(Exception):
    pass


def text_of(length: int) -> str:
    """Text of exactly ``length`` characters: words, a line break every 60 words."""
    parts, size = [], 0
    for index, word in enumerate(itertools.cycle(WORDS)):
        separator = "\n" if index and index % 60 == 0 else " "
        piece = (separator if parts else "") + word
        if size + len(piece) > length:
            break
        parts.append(piece)
        size += len(piece)
    text = "".join(parts)
    return text + "." * (length - len(text))


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def fill_to_the_limits(assessment) -> int:
    """Every text of ``assessment`` (and what its PDF shows of its
    partnership and partner) at its maximum, every question answered; returns
    the number of characters. Meant inside a transaction that is rolled back."""
    partnership = assessment.participation.partnership
    organisation = assessment.participation.organisation
    texts = 0
    for record, names in (
        (partnership, ("name", "societal_goal")),
        (organisation, ("name",)),
        (assessment, ("conditions", "review_remark")),
    ):
        for name in names:
            value = text_of(_limit(type(record), name))
            type(record).objects.filter(pk=record.pk).update(**{name: value})
            texts += len(value)
    # Written past the models' save (which refuses changes to a finalised
    # assessment, as the largest one usually is): this runs inside a
    # transaction that is rolled back.
    explanation = text_of(_limit(Answer, "explanation"))
    questions = list(
        Question.objects.filter(theme__version=assessment.version).prefetch_related("options")
    )
    answered = set(assessment.answers.values_list("question_id", flat=True))
    assessment.answers.update(explanation=explanation)
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            question=question,
            option=question.options.all()[0],
            explanation=explanation,
        )
        for question in questions
        if question.pk not in answered
    )
    texts += len(explanation) * len(questions)
    notes = text_of(_limit(ThemeNote, "notes"))
    themes = list(assessment.version.themes.all())
    noted = set(assessment.theme_notes.values_list("theme_id", flat=True))
    assessment.theme_notes.update(notes=notes)
    ThemeNote.objects.bulk_create(
        ThemeNote(assessment=assessment, theme=theme, notes=notes)
        for theme in themes
        if theme.pk not in noted
    )
    texts += len(notes) * len(themes)
    # The officer's collegeadvies: every section and the letterhead at its limit.
    values = {
        name: text_of(_limit(AdviceText, name))
        for name in [*SECTION_KEYS, "case_number", "author_name", "department", "portfolio_holder"]
    }
    if not AdviceText.objects.filter(assessment=assessment).update(**values):
        AdviceText.objects.bulk_create([AdviceText(assessment=assessment, **values)])
    texts += sum(len(value) for value in values.values())
    return texts


def _timed(functions, repeat: int) -> list[tuple[list[float], list[float]]]:
    """Run the functions in turn, ``repeat`` rounds, so drift (CPU clock,
    other load) hits each alike; returns per function its wall-clock and its
    CPU timings."""
    timings = [([], []) for _function in functions]
    for _round in range(repeat):
        for function, (wall, cpu) in zip(functions, timings, strict=True):
            start, start_cpu = time.perf_counter(), time.process_time()
            function()
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
    return timings


def _load() -> str:
    try:
        one, five, _fifteen = os.getloadavg()
    except OSError:
        return "belasting van de machine onbekend"
    return f"belasting van de machine {one:.1f} (1 min), {five:.1f} (5 min), {os.cpu_count()} cores"


HEADER = (
    f"{'pad':<38}{'mediaan (s)':>13}{'snelste (s)':>13}{'CPU mediaan (s)':>17}"
    f"{'CPU snelste (s)':>17}"
)
RULE = "-" * 98


def _row(label: str, timings) -> str:
    wall, cpu = timings
    return (
        f"{label:<38}{statistics.median(wall):>13.3f}{min(wall):>13.3f}"
        f"{statistics.median(cpu):>17.3f}{min(cpu):>17.3f}"
    )


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
    advice = load_advice(Assessment(pk=assessment_pk))
    return pdf.html_to_pdf(render_to_string(TEMPLATE, template_context(advice)))


def portal_docx(assessment_pk: int) -> bytes:
    """The .docx as the download view makes it: the same data, python-docx."""
    return build_docx(load_advice(Assessment(pk=assessment_pk)))


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

        advice = load_advice(assessment)
        report = advice.report
        html = render_to_string(TEMPLATE, template_context(advice))
        document = weasyprint_pdf(html)  # warm up: imports, fonts, template cache

        portal_times, weasy_times = _timed(
            [lambda: portal_pdf(assessment.pk), lambda: weasyprint_pdf(html)], repeat
        )

        portal_median = statistics.median(portal_times[0])
        weasy_median = statistics.median(weasy_times[0])
        origin = "tijdelijk, wordt niet bewaard" if throwaway else "bestaande afweging"
        self.stdout.write(
            f"Afweging #{assessment.pk} ({origin}): {report.partner_name} — "
            f"{report.partnership_name}\n"
            f"{assessment.answer_count} antwoorden, {assessment.text} tekens toelichting, "
            f"HTML {len(html) / 1024:.0f} kB, PDF {len(document) / 1024:.0f} kB\n"
            f"{repeat} herhalingen per pad, om en om (na één opwarmronde); {_load()}\n"
        )
        self.stdout.write(HEADER)
        self.stdout.write(RULE)
        self.stdout.write(_row("portaal: gegevens + template + PDF", portal_times))
        self.stdout.write(_row("WeasyPrint alleen (zelfde HTML)", weasy_times))
        self.stdout.write(RULE)
        self.stdout.write(
            f"{'verhouding portaal / WeasyPrint':<38}{portal_median / weasy_median:>13.2f}\n"
            f"{'overhead van het portaal (mediaan)':<38}"
            f"{(portal_median - weasy_median) * 1000:>11.0f} ms"
        )
        self._largest_allowed(assessment, repeat)

    def _largest_allowed(self, assessment, repeat: int) -> None:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        characters = fill_to_the_limits(assessment)
        document = portal_pdf(assessment.pk)
        html = render_to_string(TEMPLATE, template_context(load_advice(assessment)))
        try:
            pages = len(PdfReader(io.BytesIO(document)).pages)
        except PdfReadError:  # not a real PDF (a test's stand-in)
            pages = "?"
        docx = portal_docx(assessment.pk)
        pdf_times, docx_times, weasy_times = _timed(
            [
                lambda: portal_pdf(assessment.pk),
                lambda: portal_docx(assessment.pk),
                lambda: weasyprint_pdf(html),
            ],
            repeat,
        )
        self.stdout.write(
            f"\nGrootst toegestane afweging (elke tekst op zijn maximum, het collegeadvies ook): "
            f"{characters} tekens, PDF {pages} pagina's, {len(document) / 1024:.0f} kB, "
            f".docx {len(docx) / 1024:.0f} kB"
        )
        self.stdout.write(f"{HEADER}  grens (mediaan)")
        self.stdout.write(RULE + "-" * 16)
        for label, timings, limit in (
            ("portaal: gegevens + template + PDF", pdf_times, LARGEST_ALLOWED_SECONDS),
            ("portaal: gegevens + .docx", docx_times, LARGEST_ALLOWED_DOCX_SECONDS),
            ("WeasyPrint alleen (zelfde HTML)", weasy_times, None),
        ):
            verdict = ""
            if limit is not None:
                wall, cpu = (statistics.median(t) for t in timings)
                verdict = (
                    f"{'binnen' if wall < limit else 'BOVEN'} {limit:.0f} s"
                    f" (CPU {'binnen' if cpu < limit else 'BOVEN'})"
                )
            self.stdout.write(f"{_row(label, timings)}  {verdict}")
        self.stdout.write(f"na afloop: {_load()}")
