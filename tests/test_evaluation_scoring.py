"""The results of an evaluation round (evaluation/scoring.py): a pure
function, tested without a database on its boundaries, "weet niet" and the
minimum group size."""

from decimal import Decimal

import pytest

from evaluation.scoring import (
    ATTENTION,
    CONCERN,
    MIN_GROUP,
    PRIVATE,
    PUBLIC,
    STRONG,
    Bands,
    CategorySpec,
    QuestionSpec,
    RespondentData,
    StatementSpec,
    mean_of,
    score_round,
    trend,
)

BANDS = Bands(Decimal("4.0"), Decimal("3.0"), Decimal("1.0"))
VISION = CategorySpec(
    1,
    "A",
    "Gedeelde visie en doelen",
    "Visie",
    (StatementSpec(11, "A1", "We delen het doel."), StatementSpec(12, "A2", "Doelen zijn helder.")),
)
REGIE = CategorySpec(
    2, "B", "Leiderschap en regie", "Regie", (StatementSpec(21, "B1", "De regie is duidelijk."),)
)
GOOD = QuestionSpec(1, "O1", "Wat gaat goed?")
BETTER = QuestionSpec(2, "O2", "Wat kan beter?")


def person(pk, side, group, scores=None, texts=None, name=""):
    return RespondentData(
        id=pk,
        side=side,
        group=group,
        group_label=group.title(),
        name=name or f"Persoon {pk}",
        scores=scores or {},
        texts=texts or {},
    )


def public(pk, scores=None, group="zwolle", **kwargs):
    return person(pk, PUBLIC, group, scores, **kwargs)


def private(pk, scores=None, group="super", **kwargs):
    return person(pk, PRIVATE, group, scores, **kwargs)


def run(respondents, categories=(VISION, REGIE), named=False, bands=BANDS):
    return score_round(categories, (GOOD, BETTER), respondents, bands, named=named)


# --- Means, bands and rounding -------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "value", "band"),
    [
        ([4, 4], "4.0", STRONG),
        ([4] * 47 + [3] * 3, "3.9", ATTENTION),  # 3.94
        ([3, 3], "3.0", ATTENTION),
        ([3] * 9 + [2], "2.9", CONCERN),
        ([1], "1.0", CONCERN),
        ([5], "5.0", STRONG),
    ],
)
def test_bands_at_their_boundaries(scores, value, band):
    mean = mean_of(scores, BANDS)
    assert mean.value == Decimal(value)
    assert mean.band == band


def test_the_rounded_mean_decides_the_band():
    # 79 / 20 = 3.95: shown as 4,0 and read as sterk, as the reader sees it.
    scores = [4] * 19 + [3]
    assert sum(scores) / len(scores) == 3.95
    mean = mean_of(scores, BANDS)
    assert mean.value == Decimal("4.0")
    assert mean.band == STRONG
    # 2.95 → 3,0 aandacht; 2.94 → 2,9 zorg.
    assert mean_of([3] * 19 + [2], BANDS).band == ATTENTION
    assert mean_of([3] * 47 + [2] * 3, BANDS).value == Decimal("2.9")


def test_weet_niet_counts_in_the_spread_but_never_in_a_mean():
    result = run([public(1, {11: 0, 12: 4, 21: 0}), public(2, {11: 2, 12: 0, 21: 0})])
    vision, regie = result.categories
    assert vision.public.value == Decimal("3.0")  # (4 + 2) / 2, the two "weet niet" left out
    assert vision.public.answers == 2
    assert regie.public.value is None  # only "weet niet": no mean, no band
    assert regie.public.band is None
    spread = result.statements[0].public
    assert spread.counts == (0, 1, 0, 0, 0)
    assert spread.unknown == 1
    assert spread.total == 2
    assert spread.mean.value == Decimal("2.0")


def test_a_category_mean_is_over_all_its_answers_not_a_mean_of_means():
    # Person 1 answers both statements (5, 5), person 2 one (2): (5+5+2)/3 = 4.0,
    # whereas the mean of their means would be (5 + 2) / 2 = 3.5.
    result = run([public(1, {11: 5, 12: 5}), public(2, {11: 2, 12: 0})])
    assert result.categories[0].public.value == Decimal("4.0")


def test_custom_bands_of_the_instrument_version_are_used():
    bands = Bands(Decimal("4.5"), Decimal("3.5"), Decimal("0.5"))
    result = run(
        [public(1, {11: 4}), public(2, {11: 4}), private(3, {11: 5}), private(4, {11: 4})],
        bands=bands,
    )
    vision = result.categories[0]
    assert vision.public.band == ATTENTION
    assert vision.private.value == Decimal("4.5")
    assert vision.private.band == STRONG
    assert vision.difference == Decimal("0.5")
    assert vision.highlighted


# --- Differences ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("public_scores", "private_scores", "difference", "highlighted"),
    [
        ((4, 4), (3, 3), "-1.0", True),  # exactly the limit: highlighted
        ((3, 3), (4, 4), "1.0", True),  # either way
        ((4, 4), (3, 4), "-0.5", False),
        ((4, 3), (2, 2), "-1.5", True),
        # 3.95 → 4,0 against 3,0: the rounded means differ by 1,0, as the reader computes.
        ((4,) * 19 + (3,), (3, 3), "-1.0", True),
        ((3, 3), (3, 3), "0.0", False),
    ],
)
def test_difference_is_private_minus_public_of_the_rounded_means(
    public_scores, private_scores, difference, highlighted
):
    respondents = [public(i, {11: s}) for i, s in enumerate(public_scores)]
    respondents += [private(100 + i, {11: s}) for i, s in enumerate(private_scores)]
    vision = run(respondents).categories[0]
    assert vision.difference == Decimal(difference)
    assert vision.highlighted is highlighted
    assert run(respondents).highlighted == ((vision,) if highlighted else ())


def test_no_difference_when_a_side_has_no_mean():
    result = run([public(1, {11: 4}), public(2, {11: 4}), private(3, {11: 0}), private(4, {11: 0})])
    vision = result.categories[0]
    assert vision.private.value is None
    assert vision.difference is None
    assert not vision.highlighted


# --- The minimum group size -----------------------------------------------------------


def test_a_side_with_one_respondent_shows_no_means_spread_or_difference():
    result = run([public(1, {11: 4}), public(2, {11: 2}), private(3, {11: 1, 12: 1, 21: 1})])
    assert MIN_GROUP == 2
    assert result.side_count(PRIVATE).answered == 1
    assert not result.side_count(PRIVATE).shown
    assert result.side_count(PUBLIC).shown
    vision = result.categories[0]
    assert vision.public.value == Decimal("3.0")
    assert vision.private.value is None
    assert vision.difference is None
    assert result.statements[0].private is None
    assert result.statements[0].public is not None


def test_only_those_who_answered_count_toward_the_minimum():
    result = run([private(1, {11: 4}), private(2), public(3, {11: 4}), public(4, {11: 2})])
    assert result.side_count(PRIVATE).asked == 2
    assert result.side_count(PRIVATE).answered == 1
    assert result.categories[0].private.value is None
    assert result.asked == 4
    assert result.answered == 3


def test_weet_niet_alone_is_an_answer_and_counts_toward_the_minimum():
    result = run([private(1, {11: 0}), private(2, {11: 4})])
    assert result.side_count(PRIVATE).shown
    assert result.categories[0].private.value == Decimal("4.0")


def test_a_group_is_shown_apart_from_two_respondents():
    result = run(
        [
            public(1, {11: 4}, group="zwolle"),
            public(2, {11: 2}, group="zwolle"),
            public(3, {11: 5}, group="ggd"),
            public(4, {11: 5}, group="ggd"),
            private(5, {11: 3}, group="super"),
            private(6, {11: 5}, group="verzekeraar"),
        ]
    )
    assert [(g.side, g.label, g.respondents) for g in result.groups] == [
        (PUBLIC, "Ggd", 2),
        (PUBLIC, "Zwolle", 2),
    ]
    assert result.groups[1].means[0].value == Decimal("3.0")
    # The two partners are one each: merged into the private side, which is shown.
    assert result.merged_groups == ((PRIVATE, "Super"), (PRIVATE, "Verzekeraar"))
    assert result.categories[0].private.value == Decimal("4.0")


def test_no_group_apart_when_the_rest_of_its_side_is_one_person():
    # The side (3) minus Zwolle (2) would give the GGD person's answers away.
    result = run(
        [
            public(1, {11: 4}, group="zwolle"),
            public(2, {11: 2}, group="zwolle"),
            public(3, {11: 5}, group="ggd"),
        ]
    )
    assert result.groups == ()
    assert result.merged_groups == ((PUBLIC, "Ggd"), (PUBLIC, "Zwolle"))
    assert result.categories[0].public.value == Decimal("3.7")


def test_a_named_round_shows_everyone_and_every_person():
    result = run(
        [
            public(1, {11: 4, 12: 5, 21: 2}, name="Sanne de Vries"),
            private(2, {11: 1, 12: 0, 21: 3}, name="Piet Bakker"),
        ],
        named=True,
    )
    assert result.side_count(PRIVATE).shown
    vision = result.categories[0]
    assert vision.public.value == Decimal("4.5")
    assert vision.private.value == Decimal("1.0")
    assert vision.highlighted
    assert [(p.name, p.side, p.means[0].value, p.means[1].value) for p in result.persons] == [
        ("Sanne de Vries", PUBLIC, Decimal("4.5"), Decimal("2.0")),
        ("Piet Bakker", PRIVATE, Decimal("1.0"), Decimal("3.0")),
    ]
    assert {g.label for g in result.groups} == {"Zwolle", "Super"}


def test_an_unnamed_round_has_no_persons():
    result = run([public(1, {11: 4}), public(2, {11: 4})])
    assert result.persons == ()


# --- Open answers ------------------------------------------------------------------


def test_open_answers_are_grouped_per_question_and_side_without_names():
    result = run(
        [
            public(1, {11: 4}, texts={1: "Het overleg loopt goed.", 2: "  "}),
            public(2, {11: 4}, texts={1: "Alle partners komen."}),
            private(3, {11: 3}, texts={2: "Meer terugkoppeling."}),
            private(4, {11: 3}, texts={2: "Besluiten sneller nemen."}),
        ]
    )
    good, better = result.open_answers
    assert good.text == "Wat gaat goed?"
    assert [(g.side, g.answers) for g in good.groups] == [
        (PUBLIC, (("", "Alle partners komen."), ("", "Het overleg loopt goed.")))
    ]
    assert [(g.side, [t for _n, t in g.answers]) for g in better.groups] == [
        (PRIVATE, ["Besluiten sneller nemen.", "Meer terugkoppeling."])
    ]


def test_open_answers_of_a_side_too_small_are_shown_with_the_other_side():
    result = run(
        [
            public(1, texts={1: "Zo"}),
            public(2, texts={1: "Anders"}),
            private(3, texts={1: "Bijna"}),
        ]
    )
    (group,) = result.open_answers[0].groups
    assert group.side is None
    assert [t for _n, t in group.answers] == ["Anders", "Bijna", "Zo"]


def test_a_single_respondent_in_all_shows_no_open_answers():
    result = run([private(1, texts={1: "Alleen ik."})])
    assert all(q.groups == () for q in result.open_answers)


def test_open_answers_of_a_named_round_carry_the_name():
    result = run([private(1, texts={1: "Alleen ik."}, name="Piet Bakker")], named=True)
    assert result.open_answers[0].groups[0].answers == (("Piet Bakker", "Alleen ik."),)


# --- Trends ----------------------------------------------------------------------


def test_trend_puts_rounds_side_by_side_per_category_code():
    first = run([public(1, {11: 4}), public(2, {11: 4}), private(3, {11: 2}), private(4, {11: 2})])
    renamed = CategorySpec(1, "A", "Visie en doelen (nieuw)", "Visie", VISION.statements)
    extra = CategorySpec(
        3, "C", "Resultaten", "Resultaten", (StatementSpec(31, "C1", "Er is effect."),)
    )
    second = run(
        [public(1, {11: 4, 31: 5}), public(2, {11: 5, 31: 5})],
        categories=(renamed, extra),
    )
    result = trend([("Ronde 2025", first), ("Ronde 2026", second)])
    assert result.rounds == ("Ronde 2025", "Ronde 2026")
    assert [(r.code, r.title) for r in result.rows] == [
        ("A", "Visie en doelen (nieuw)"),
        ("C", "Resultaten"),
        ("B", "Leiderschap en regie"),
    ]
    vision = result.rows[0]
    assert [p.public.value for p in vision.points] == [Decimal("4.0"), Decimal("4.5")]
    assert vision.points[0].difference == Decimal("-2.0")
    assert vision.points[0].highlighted
    assert vision.points[1].private.value is None  # nobody of the private side answered
    assert result.rows[1].points[0] is None  # not asked in the first round
    assert result.rows[2].points[1] is None
