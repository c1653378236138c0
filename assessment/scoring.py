"""Scoring an assessment: a pure function over plain data, so it can be
tested without a database and recomputed by hand from the report.

The rules (domain notes, Afwegingskader):

* every scored theme: the points of the chosen answers against the maximum
  (Ja 2, Deels 1, Nee 0; "Onbekend" scores nothing but still counts toward the
  maximum, and must be resolved before review);
* the total: the weighted mean of the theme percentages,
  sum(weight × percentage) / sum(weights), rounded to one decimal; the
  rounded figure, the one the reader sees, decides the band;
* any knock-out answered "ja" decides the outcome (Niet samenwerken)
  whatever the score;
* otherwise the first band, from the highest, whose minimum total is met and
  (if it sets one) under whose minimum no theme falls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from core.prepared import Bundle
from core.translations import text_in_language

DECLINE = "niet"
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class OptionSpec:
    id: int
    label: str
    points: int | None
    is_unknown: bool = False
    triggers_knockout: bool = False


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    code: str
    text: str
    options: tuple[OptionSpec, ...]
    is_knockout: bool = False

    @property
    def max_points(self) -> int:
        return max((o.points or 0 for o in self.options), default=0)


@dataclass(frozen=True)
class ThemeSpec:
    id: int
    code: str
    title: str
    weight: Decimal
    questions: tuple[QuestionSpec, ...]
    is_knockout: bool = False


@dataclass(frozen=True)
class BandSpec:
    outcome: str
    min_total: Decimal
    min_theme: Decimal | None = None


@dataclass
class ThemeScore:
    code: str
    title: str
    weight: Decimal
    points: int
    max_points: int
    percent: Decimal  # one decimal
    weighted: Decimal  # weight × percent (unrounded product of the shown figures)


@dataclass
class KnockoutResult:
    code: str
    text: str
    answer: str  # the chosen label, or "" when not answered
    triggered: bool


@dataclass
class ScoreResult:
    themes: list[ThemeScore] = field(default_factory=list)
    knockouts: list[KnockoutResult] = field(default_factory=list)
    total_percent: Decimal = Decimal(0)
    weight_sum: Decimal = Decimal(0)
    weighted_sum: Decimal = Decimal(0)
    unresolved: list[str] = field(default_factory=list)  # question codes
    question_count: int = 0
    outcome: str = DECLINE
    knocked_out: bool = False
    lowest_theme: ThemeScore | None = None

    @property
    def is_complete(self) -> bool:
        return not self.unresolved

    @property
    def is_determined(self) -> bool:
        """Whether the outcome is known: every question answered, or a
        knock-out answered ‘Ja’ (then it is ‘niet samenwerken’ whatever comes)."""
        return self.is_complete or self.knocked_out


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def score(
    themes: list[ThemeSpec], bands: list[BandSpec], answers: dict[int, int | None]
) -> ScoreResult:
    """``answers`` maps question id to the chosen option id (or None)."""
    result = ScoreResult()
    for theme in themes:
        points = 0
        max_points = 0
        for question in theme.questions:
            result.question_count += 1
            options = {o.id: o for o in question.options}
            chosen = options.get(answers.get(question.id))
            if chosen is None or chosen.is_unknown:
                result.unresolved.append(question.code)
            if theme.is_knockout or question.is_knockout:
                triggered = bool(chosen and chosen.triggers_knockout)
                result.knockouts.append(
                    KnockoutResult(
                        question.code, question.text, chosen.label if chosen else "", triggered
                    )
                )
                result.knocked_out |= triggered
                continue
            points += chosen.points or 0 if chosen else 0
            max_points += question.max_points
        if theme.is_knockout or max_points == 0:
            continue
        percent = _round(Decimal(points) * 100 / max_points)
        theme_score = ThemeScore(
            theme.code,
            theme.title,
            theme.weight,
            points,
            max_points,
            percent,
            theme.weight * percent,
        )
        result.themes.append(theme_score)

    result.weight_sum = sum((t.weight for t in result.themes), Decimal(0))
    result.weighted_sum = sum((t.weighted for t in result.themes), Decimal(0))
    if result.weight_sum:
        result.total_percent = _round(result.weighted_sum / result.weight_sum)
    if result.themes:
        result.lowest_theme = min(result.themes, key=lambda t: t.percent)

    if result.knocked_out:
        result.outcome = DECLINE
        return result
    for band in sorted(bands, key=lambda b: b.min_total, reverse=True):
        if result.total_percent < band.min_total:
            continue
        if band.min_theme is not None and any(
            t.percent < band.min_theme for t in result.themes if t.weight > 0
        ):
            continue
        result.outcome = band.outcome
        break
    else:
        result.outcome = DECLINE
    return result


# --- Loading the specs of a stored questionnaire version -------------------

# A row of the themes' query: the theme, its question, the question's option.
SPEC_FIELDS = (
    "pk",
    "code",
    "theme_title",
    "weight",
    "is_knockout",
    "questions__pk",
    "questions__code",
    "question_text",
    "questions__is_knockout",
    "questions__options__pk",
    "option_label",
    "questions__options__points",
    "questions__options__is_unknown",
    "questions__options__triggers_knockout",
)


def specs_for_version(version) -> tuple[list[ThemeSpec], list[BandSpec]]:
    """The themes and bands of a version as plain data (2 queries: the themes
    with their questions and options joined, as plain values; the bands)."""
    themes, _answers = _read_specs(version)
    return themes, _bands(version)


def specs_and_answers(assessment) -> tuple[list[ThemeSpec], list[BandSpec], dict]:
    """The themes and bands of the assessment's version (as
    ``specs_for_version``) and its answers, the chosen option's key per
    question's key (None: not chosen), read with the questions: one
    prepared query (``core.prepared``) for the themes and the bands."""
    rows = _ASSESSMENT_SPECS.rows(assessment.pk)
    themes, answers = _specs(rows["themes"], with_answers=True)
    return themes, [BandSpec(*band) for band in rows["bands"]], answers


def _bands(version) -> list[BandSpec]:
    return [
        BandSpec(*band) for band in version.bands.values_list("outcome", "min_total", "min_theme")
    ]


def _spec_rows(themes, chosen=None):
    """The rows of ``themes`` (a queryset of a version's themes) with their
    questions and options joined, as plain values in their order; with
    ``chosen`` (an expression), each question's chosen option last."""
    extra = {"chosen": chosen} if chosen is not None else {}
    return (
        # Plain rows: django-modeltranslation's own reading of a translated
        # value builds an object per row (most of this function's time).
        themes.order_by(
            "order",
            "code",
            "questions__order",
            "questions__code",
            "questions__options__order",
            "questions__options__pk",
        )
        # A question's text and an option's label in the reader's language
        # (through a relation, a plain value reads the Dutch column).
        .annotate(
            theme_title=text_in_language("title"),
            question_text=text_in_language("questions__text"),
            option_label=text_in_language("questions__options__label"),
            **extra,
        )
        .values_list(*SPEC_FIELDS, *extra)
    )


def _assessment_themes(key):
    from django.db.models import OuterRef, Subquery

    from .models import Answer, QuestionnaireTheme

    return _spec_rows(
        QuestionnaireTheme.objects.rewrite(False).filter(version__assessments=key),
        Subquery(
            Answer.objects.filter(assessment=key, question=OuterRef("questions__pk"))
            .order_by()
            .values("option_id")[:1]
        ),
    )


def _assessment_bands(key):
    from .models import OutcomeBand

    return (
        OutcomeBand.objects.filter(version__assessments=key)
        .order_by("-min_total")  # as the model's ordering
        .values_list("outcome", "min_total", "min_theme")
    )


# An assessment's themes (with its answers) and bands: the SQL is the same
# for every assessment, compiled once per process.
_ASSESSMENT_SPECS = Bundle(themes=_assessment_themes, bands=_assessment_bands)


def _read_specs(version) -> tuple[list[ThemeSpec], dict]:
    """The version's themes with their questions and options (one query)."""
    from .models import QuestionnaireTheme

    return _specs(
        _spec_rows(QuestionnaireTheme.objects.rewrite(False).filter(version=version)),
        with_answers=False,
    )


def _specs(rows, *, with_answers: bool) -> tuple[list[ThemeSpec], dict]:
    """Specs from the rows of ``_spec_rows``; ``with_answers``: each
    question's chosen option from its rows' last column."""
    # theme key -> (its fields, question key -> (its fields, its options)), in order
    themes: dict = {}
    answers: dict = {}
    for row in rows:
        theme_id, code, title, weight, theme_knockout, question_id, *rest = row[: len(SPEC_FIELDS)]
        theme = themes.setdefault(theme_id, ((theme_id, code, title, weight), theme_knockout, {}))
        if question_id is None:
            continue  # a theme without questions
        if with_answers:
            answers[question_id] = row[-1]
        question_code, text, question_knockout, option_id, *option = rest
        question = theme[2].setdefault(
            question_id, ((question_id, question_code, text), question_knockout, [])
        )
        if option_id is not None:
            question[2].append(OptionSpec(option_id, *option))
    theme_specs = [
        ThemeSpec(
            *fields,
            tuple(
                QuestionSpec(*question_fields, tuple(options), question_knockout)
                for question_fields, question_knockout, options in questions.values()
            ),
            theme_knockout,
        )
        for fields, theme_knockout, questions in themes.values()
    ]
    return theme_specs, answers
