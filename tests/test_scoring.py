"""The scoring function of the Afwegingskader: bands, weights, knock-outs,
unresolved answers. Plain data, no database."""

from decimal import Decimal

import pytest

from assessment.scoring import BandSpec, OptionSpec, QuestionSpec, ThemeSpec, score

BANDS = [
    BandSpec("samenwerken", Decimal(75), Decimal(50)),
    BandSpec("voorwaarden", Decimal(50)),
    BandSpec("niet", Decimal(0)),
]
_ids = iter(range(1, 100_000))


def scale():
    """Ja 2, Deels 1, Nee 0, Onbekend (nothing, unresolved)."""
    return (
        OptionSpec(next(_ids), "Ja", 2),
        OptionSpec(next(_ids), "Deels", 1),
        OptionSpec(next(_ids), "Nee", 0),
        OptionSpec(next(_ids), "Onbekend", None, is_unknown=True),
    )


def theme(code, questions=2, weight=1):
    return ThemeSpec(
        next(_ids),
        code,
        f"Thema {code}",
        Decimal(weight),
        tuple(
            QuestionSpec(next(_ids), f"{code}{n}", "?", scale()) for n in range(1, questions + 1)
        ),
    )


def knockout_theme():
    questions = tuple(
        QuestionSpec(
            next(_ids),
            f"A{n}",
            "Uitsluitingsgrond?",
            (
                OptionSpec(next(_ids), "Ja", None, triggers_knockout=True),
                OptionSpec(next(_ids), "Nee", None),
                OptionSpec(next(_ids), "Onbekend", None, is_unknown=True),
            ),
            is_knockout=True,
        )
        for n in range(1, 5)
    )
    return ThemeSpec(
        next(_ids), "A", "Uitsluitingsgronden", Decimal(0), questions, is_knockout=True
    )


def answer(theme_spec, *labels):
    return {
        q.id: next(o.id for o in q.options if o.label == label)
        for q, label in zip(theme_spec.questions, labels, strict=True)
    }


def answer_all(themes, per_theme):
    answers = {}
    for theme_spec, labels in zip(themes, per_theme, strict=True):
        answers |= answer(theme_spec, *labels)
    return answers


def no_knockouts(ko):
    return answer(ko, "Nee", "Nee", "Nee", "Nee")


def test_all_yes_is_full_score_and_samenwerken():
    ko, b, c = knockout_theme(), theme("B"), theme("C")
    result = score([ko, b, c], BANDS, no_knockouts(ko) | answer_all([b, c], [("Ja", "Ja")] * 2))
    assert result.total_percent == Decimal(100)
    assert result.outcome == "samenwerken"
    assert result.is_complete and not result.knocked_out
    assert [(t.code, t.points, t.max_points, t.percent) for t in result.themes] == [
        ("B", 4, 4, Decimal(100)),
        ("C", 4, 4, Decimal(100)),
    ]


@pytest.mark.parametrize(
    ("labels", "total", "outcome"),
    [
        # four themes of two questions (max 4 points each): 12/16 = 75 % exactly
        ((("Ja", "Ja"), ("Ja", "Ja"), ("Ja", "Nee"), ("Ja", "Nee")), "75.0", "samenwerken"),
        # 11/16 = 68.75 -> 68.8 %: under 75
        ((("Ja", "Ja"), ("Ja", "Deels"), ("Ja", "Nee"), ("Ja", "Nee")), "68.8", "voorwaarden"),
        # 8/16 = 50 % exactly
        ((("Ja", "Ja"), ("Ja", "Ja"), ("Nee", "Nee"), ("Nee", "Nee")), "50.0", "voorwaarden"),
        # 7/16 = 43.75 -> 43.8 %
        ((("Ja", "Ja"), ("Ja", "Deels"), ("Nee", "Nee"), ("Nee", "Nee")), "43.8", "niet"),
        ((("Nee", "Nee"),) * 4, "0.0", "niet"),
    ],
)
def test_band_boundaries(labels, total, outcome):
    themes = [theme(code) for code in "BCDE"]
    result = score(themes, BANDS, answer_all(themes, labels))
    assert result.total_percent == Decimal(total)
    assert result.outcome == outcome


def test_a_theme_below_fifty_percent_blocks_samenwerken_even_at_a_high_total():
    # B..E full, F at 1/4 = 25 %: total (4×100 + 25)/5 = 85 %, but F < 50 %.
    themes = [theme(code) for code in "BCDEF"]
    labels = [("Ja", "Ja")] * 4 + [("Deels", "Nee")]
    result = score(themes, BANDS, answer_all(themes, labels))
    assert result.total_percent == Decimal(85)
    assert result.lowest_theme.code == "F"
    assert result.outcome == "voorwaarden"


def test_a_theme_at_exactly_fifty_percent_does_not_block():
    themes = [theme(code) for code in "BCDE"]
    labels = [("Ja", "Ja")] * 3 + [("Ja", "Nee")]
    result = score(themes, BANDS, answer_all(themes, labels))
    assert result.total_percent == Decimal("87.5")
    assert result.outcome == "samenwerken"


def test_weights_change_the_total():
    heavy, light = theme("B", weight=3), theme("C", weight=1)
    answers = answer_all([heavy, light], [("Ja", "Ja"), ("Nee", "Nee")])
    result = score([heavy, light], BANDS, answers)
    # (3 × 100 + 1 × 0) / 4 = 75 %
    assert result.weight_sum == 4
    assert result.weighted_sum == Decimal(300)
    assert result.total_percent == Decimal(75)
    # Equal weights: 50 %.
    equal = score([theme("B"), theme("C")], BANDS, {})
    assert equal.total_percent == 0
    b, c = theme("B"), theme("C")
    assert (
        score([b, c], BANDS, answer_all([b, c], [("Ja", "Ja"), ("Nee", "Nee")])).total_percent == 50
    )


def test_zero_weight_theme_does_not_count():
    b, c = theme("B"), theme("C", weight=0)
    result = score([b, c], BANDS, answer_all([b, c], [("Ja", "Ja"), ("Nee", "Nee")]))
    assert result.total_percent == 100
    assert result.outcome == "samenwerken"


@pytest.mark.parametrize("knockout_index", [0, 1, 2, 3])
def test_any_knockout_overrides_a_high_score(knockout_index):
    ko, b = knockout_theme(), theme("B")
    labels = ["Nee"] * 4
    labels[knockout_index] = "Ja"
    result = score([ko, b], BANDS, answer(ko, *labels) | answer(b, "Ja", "Ja"))
    assert result.total_percent == 100
    assert result.knocked_out
    assert result.outcome == "niet"
    assert [k.triggered for k in result.knockouts] == [i == knockout_index for i in range(4)]


def test_knockout_questions_do_not_count_in_the_score():
    ko, b = knockout_theme(), theme("B")
    result = score([ko, b], BANDS, no_knockouts(ko) | answer(b, "Ja", "Deels"))
    assert [t.code for t in result.themes] == ["B"]
    assert result.total_percent == 75


def test_unknown_and_missing_answers_are_unresolved_and_score_nothing():
    ko, b = knockout_theme(), theme("B")
    answers = answer(ko, "Nee", "Onbekend", "Nee", "Nee") | answer(b, "Ja", "Onbekend")
    del answers[ko.questions[3].id]
    result = score([ko, b], BANDS, answers)
    assert result.unresolved == ["A2", "A4", "B2"]
    assert not result.is_complete
    # Onbekend scores nothing but the question still counts toward the maximum.
    assert (result.themes[0].points, result.themes[0].max_points) == (2, 4)
    assert result.total_percent == 50
