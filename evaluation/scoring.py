"""The results of an evaluation round: a pure function over plain data, so it
can be tested without a database and recomputed by hand from the report.

The rules (issue 13, the bands of the Wilder Collaboration Factors Inventory):

* Every statement is answered 1 (helemaal oneens) to 5 (helemaal eens) or 0
  ("weet niet"). "Weet niet" is counted in the spread but never in a mean.
* A category's mean for a side (publiek, privaat) is the mean of all the
  answers 1-5 that the side's respondents gave to the category's statements
  (every answer weighs the same; not a mean of means). It is rounded half up
  to one decimal, and the rounded figure, the one the reader sees, is the one
  read: its band (>= ``strong_from`` sterk, >= ``attention_from`` aandacht,
  below it zorg; so 3.95 is shown 4,0 and is sterk) and the difference
  between the sides (private minus public, of the rounded means; highlighted
  when its size is at least ``difference_from``, so 4,0 and 3,0 differ by
  1,0 and are highlighted).
* A respondent counts when she gave at least one answer (a statement, also
  "weet niet", or an open question). A group (a gemeente or the GGD on the
  public side, a partner organisation on the private side) is shown apart
  only with at least :data:`MIN_GROUP` respondents; a smaller group's
  answers count in its side only. When the small groups of a side hold one
  person together, no group of that side is shown apart (the side's means
  minus those of the groups would be that person's). The same holds for a side: one person's
  answers are never shown as "the private side" (nor its spread, nor its
  open answers apart). In a round set to "named" (everyone knew beforehand)
  there is no minimum and the results are also shown per person.
* Open answers are grouped per question and per side, without names (with
  names in a named round). When a side is too small to be shown apart, the
  answers of both sides are shown together, in alphabetical order, so no
  answer can be traced to that side; with fewer than :data:`MIN_GROUP`
  respondents in all none are shown.

:func:`score_round` computes a round; :func:`trend` puts the results of
several rounds side by side per category (matched by the category's code, as
the instrument may change between rounds).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

PUBLIC = "publiek"
PRIVATE = "privaat"
SIDES = (PUBLIC, PRIVATE)

STRONG = "sterk"
ATTENTION = "aandacht"
CONCERN = "zorg"

UNKNOWN = 0  # "weet niet"
SCALE = (1, 2, 3, 4, 5)
MIN_GROUP = 2
ONE_DECIMAL = Decimal("0.1")


# --- Input ------------------------------------------------------------------


@dataclass(frozen=True)
class Bands:
    """How a mean is read (the instrument version's settings)."""

    strong_from: Decimal = Decimal("4.0")
    attention_from: Decimal = Decimal("3.0")
    difference_from: Decimal = Decimal("1.0")

    def band(self, mean: Decimal | None) -> str | None:
        if mean is None:
            return None
        if mean >= self.strong_from:
            return STRONG
        if mean >= self.attention_from:
            return ATTENTION
        return CONCERN


@dataclass(frozen=True)
class StatementSpec:
    id: int
    code: str
    text: str


@dataclass(frozen=True)
class CategorySpec:
    id: int
    code: str
    title: str
    short_title: str
    statements: tuple[StatementSpec, ...]


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    code: str
    text: str


@dataclass(frozen=True)
class RespondentData:
    """One person asked, with her answers: ``scores`` {statement id: 0-5},
    ``texts`` {open question id: text}. ``group`` is a key unique within the
    round (e.g. "gemeente:12", "organisatie:7"), ``group_label`` its name;
    ``name`` is used only in a named round."""

    id: int
    side: str
    group: str
    group_label: str
    name: str = ""
    scores: dict[int, int] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        return bool(self.scores) or any(t.strip() for t in self.texts.values())


# --- Output -----------------------------------------------------------------


@dataclass(frozen=True)
class Mean:
    """A mean of answers 1-5, rounded to one decimal, with how it reads;
    ``value`` is None when there is nothing to show (no answers, or too few
    respondents)."""

    value: Decimal | None
    band: str | None
    answers: int = 0  # answers 1-5 it is the mean of


NO_MEAN = Mean(None, None)


@dataclass(frozen=True)
class CategoryResult:
    code: str
    title: str
    short_title: str
    public: Mean
    private: Mean
    difference: Decimal | None  # private minus public (of the rounded means)
    highlighted: bool  # |difference| >= difference_from

    def side(self, side: str) -> Mean:
        return self.public if side == PUBLIC else self.private


@dataclass(frozen=True)
class Spread:
    """The answers to one statement of one side: how many gave 1 … 5 and
    "weet niet", and the mean of the 1-5 answers."""

    counts: tuple[int, int, int, int, int]  # of 1, 2, 3, 4, 5
    unknown: int
    mean: Mean

    @property
    def total(self) -> int:
        return sum(self.counts) + self.unknown


@dataclass(frozen=True)
class StatementResult:
    category_code: str
    code: str
    text: str
    public: Spread | None  # None: the side is not shown (too few respondents)
    private: Spread | None


@dataclass(frozen=True)
class GroupResult:
    """A gemeente, the GGD or a partner organisation, shown apart."""

    side: str
    key: str
    label: str
    respondents: int
    means: tuple[Mean, ...]  # per category, in the categories' order


@dataclass(frozen=True)
class PersonResult:
    """One person's means per category (named rounds only)."""

    side: str
    name: str
    group_label: str
    means: tuple[Mean, ...]


@dataclass(frozen=True)
class SideCount:
    side: str
    asked: int
    answered: int
    shown: bool  # enough respondents (or a named round) to show the side apart


@dataclass(frozen=True)
class OpenAnswerGroup:
    """The answers to one open question of one side (``side`` None: both
    sides together, as one side is too small to be shown apart)."""

    side: str | None
    answers: tuple[tuple[str, str], ...]  # (name or "", text)


@dataclass(frozen=True)
class QuestionAnswers:
    code: str
    text: str
    groups: tuple[OpenAnswerGroup, ...]


@dataclass(frozen=True)
class RoundResult:
    bands: Bands
    named: bool
    sides: tuple[SideCount, ...]  # public, private
    categories: tuple[CategoryResult, ...]
    statements: tuple[StatementResult, ...]
    groups: tuple[GroupResult, ...]  # shown apart (>= MIN_GROUP, or named)
    merged_groups: tuple[tuple[str, str], ...]  # (side, label): too small, in their side only
    persons: tuple[PersonResult, ...]  # named rounds only
    open_answers: tuple[QuestionAnswers, ...]

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sides)

    @property
    def asked(self) -> int:
        return sum(s.asked for s in self.sides)

    def side_count(self, side: str) -> SideCount:
        return next(s for s in self.sides if s.side == side)

    @property
    def highlighted(self) -> tuple[CategoryResult, ...]:
        return tuple(c for c in self.categories if c.highlighted)

    @property
    def has_means(self) -> bool:
        return any(
            c.public.value is not None or c.private.value is not None for c in self.categories
        )


# --- Arithmetic -------------------------------------------------------------


def rounded(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def mean_of(scores: Iterable[int], bands: Bands) -> Mean:
    """The mean of the answers 1-5 among ``scores`` ("weet niet" left out)."""
    counted = [s for s in scores if s in SCALE]
    if not counted:
        return NO_MEAN
    value = rounded(Decimal(sum(counted)) / Decimal(len(counted)))
    return Mean(value, bands.band(value), len(counted))


def difference(public: Mean, private: Mean, bands: Bands) -> tuple[Decimal | None, bool]:
    """Private minus public, of the rounded means; highlighted from
    ``difference_from`` either way."""
    if public.value is None or private.value is None:
        return None, False
    value = private.value - public.value
    return value, abs(value) >= bands.difference_from


def spread_of(scores: Sequence[int], bands: Bands) -> Spread:
    counts = tuple(sum(1 for s in scores if s == point) for point in SCALE)
    unknown = sum(1 for s in scores if s == UNKNOWN)
    return Spread(counts, unknown, mean_of(scores, bands))


def _scores(respondents: Iterable[RespondentData], statement_ids: Iterable[int]) -> list[int]:
    ids = list(statement_ids)
    return [r.scores[i] for r in respondents for i in ids if i in r.scores]


# --- A round ----------------------------------------------------------------


def score_round(
    categories: Sequence[CategorySpec],
    questions: Sequence[QuestionSpec],
    respondents: Sequence[RespondentData],
    bands: Bands = Bands(),
    *,
    named: bool = False,
) -> RoundResult:
    """The results of one round (the rules in the module's text).
    ``respondents``: everyone asked, also those who did not answer."""
    answered = {side: [r for r in respondents if r.side == side and r.answered] for side in SIDES}
    shown = {side: named or len(answered[side]) >= MIN_GROUP for side in SIDES}
    sides = tuple(
        SideCount(
            side,
            asked=sum(1 for r in respondents if r.side == side),
            answered=len(answered[side]),
            shown=shown[side],
        )
        for side in SIDES
    )

    def side_mean(side, statement_ids):
        if not shown[side]:
            return NO_MEAN
        return mean_of(_scores(answered[side], statement_ids), bands)

    category_results = []
    for category in categories:
        ids = [s.id for s in category.statements]
        public, private = side_mean(PUBLIC, ids), side_mean(PRIVATE, ids)
        diff, highlighted = difference(public, private, bands)
        category_results.append(
            CategoryResult(
                category.code,
                category.title,
                category.short_title,
                public,
                private,
                diff,
                highlighted,
            )
        )

    statement_results = []
    for category in categories:
        for statement in category.statements:
            spreads = {
                side: (
                    spread_of(_scores(answered[side], [statement.id]), bands)
                    if shown[side]
                    else None
                )
                for side in SIDES
            }
            statement_results.append(
                StatementResult(
                    category.code,
                    statement.code,
                    statement.text,
                    spreads[PUBLIC],
                    spreads[PRIVATE],
                )
            )

    groups, merged = _groups(categories, answered, bands, named)
    persons = ()
    if named:
        persons = tuple(
            PersonResult(
                r.side,
                r.name,
                r.group_label,
                tuple(
                    mean_of(_scores([r], [s.id for s in c.statements]), bands) for c in categories
                ),
            )
            for side in SIDES
            for r in answered[side]
        )
    return RoundResult(
        bands=bands,
        named=named,
        sides=sides,
        categories=tuple(category_results),
        statements=tuple(statement_results),
        groups=groups,
        merged_groups=merged,
        persons=persons,
        open_answers=_open_answers(questions, answered, shown, named),
    )


def _groups(categories, answered, bands, named):
    groups, merged = [], []
    for side in SIDES:
        members: dict[str, list[RespondentData]] = {}
        for respondent in answered[side]:
            members.setdefault(respondent.group, []).append(respondent)
        # The side minus the groups shown apart must not be one person either.
        rest = sum(len(p) for p in members.values() if len(p) < MIN_GROUP)
        apart = named or not 0 < rest < MIN_GROUP
        for key, people in sorted(members.items(), key=lambda kv: kv[1][0].group_label):
            label = people[0].group_label
            if named or (apart and len(people) >= MIN_GROUP):
                means = tuple(
                    mean_of(_scores(people, [s.id for s in c.statements]), bands)
                    for c in categories
                )
                groups.append(GroupResult(side, key, label, len(people), means))
            else:
                merged.append((side, label))
    return tuple(groups), tuple(merged)


def _open_answers(questions, answered, shown, named) -> tuple[QuestionAnswers, ...]:
    everyone = [r for side in SIDES for r in answered[side]]
    if not named and len(everyone) < MIN_GROUP:
        return tuple(QuestionAnswers(q.code, q.text, ()) for q in questions)
    apart = all(shown.values())
    result = []
    for question in questions:

        def texts(people, question=question):
            found = [
                (r.name if named else "", r.texts[question.id].strip())
                for r in people
                if r.texts.get(question.id, "").strip()
            ]
            # Unnamed: in alphabetical order, never in the order of the respondents.
            return tuple(found if named else sorted(found, key=lambda a: a[1].casefold()))

        if apart:
            groups = tuple(
                OpenAnswerGroup(side, texts(answered[side]))
                for side in SIDES
                if texts(answered[side])
            )
        else:
            together = texts(everyone)
            groups = (OpenAnswerGroup(None, together),) if together else ()
        result.append(QuestionAnswers(question.code, question.text, groups))
    return tuple(result)


# --- Trends -----------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    """One round in a trend."""

    label: str  # the round's title
    public: Mean
    private: Mean
    difference: Decimal | None
    highlighted: bool


@dataclass(frozen=True)
class TrendRow:
    code: str
    title: str
    short_title: str
    points: tuple[TrendPoint | None, ...]  # per round; None: not asked in that round


@dataclass(frozen=True)
class Trend:
    rounds: tuple[str, ...]  # labels, oldest first
    rows: tuple[TrendRow, ...]


def trend(rounds: Sequence[tuple[str, RoundResult]]) -> Trend:
    """Category means per side across ``rounds`` ((label, result), oldest
    first). Categories are matched by code; their titles are those of the
    latest round that asks them, in the order of the latest round first."""
    order: list[str] = []
    latest: dict[str, CategoryResult] = {}
    for _label, result in reversed(rounds):
        for category in result.categories:
            if category.code not in latest:
                latest[category.code] = category
                order.append(category.code)
    rows = []
    for code in order:
        points = []
        for label, result in rounds:
            found = next((c for c in result.categories if c.code == code), None)
            points.append(
                None
                if found is None
                else TrendPoint(
                    label, found.public, found.private, found.difference, found.highlighted
                )
            )
        category = latest[code]
        rows.append(TrendRow(code, category.title, category.short_title, tuple(points)))
    return Trend(tuple(label for label, _result in rounds), tuple(rows))
