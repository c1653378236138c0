"""The bar chart object (core.charts): its geometry, the twelve-bars rule of the
PDF overview, long labels and how values are written. Plain data, no database."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from core.charts import PRINT_BARS, PRINT_COLUMN, PRINT_PAGE, SCREEN, Bar, BarChart, Tick


def chart(*values, **options):
    return BarChart("Per gemeente", [Bar(f"G{i}", v) for i, v in enumerate(values)], **options)


def lengths(drawing):
    return [bar.length for bar in drawing.bars]


def test_bars_are_drawn_to_the_largest_value():
    drawing = chart(1, 2, 4).drawn(SCREEN)
    assert lengths(drawing) == ["65", "130", "260"]
    # The value follows the end of its bar.
    assert [bar.value_x for bar in drawing.bars] == ["271", "336", "466"]
    assert [bar.y for bar in drawing.bars] == ["3", "29", "55"]
    assert drawing.height == "82"  # three rows of 26 and 4 below


def test_a_zero_bar_has_no_length_and_its_value_at_the_start():
    drawing = chart(0, 3).drawn(SCREEN)
    first = drawing.bars[0]
    assert first.length == "0" and first.text == "0"
    assert first.value_x == str(SCREEN.bar_x + SCREEN.value_gap)


def test_a_chart_of_zeros_draws_no_bars_and_does_not_divide_by_zero():
    zeros = chart(0, 0, 0)
    assert zeros.maximum == 1
    assert lengths(zeros.drawn(SCREEN)) == ["0", "0", "0"]
    assert lengths(zeros.drawn(PRINT_COLUMN)) == ["0", "0", "0"]


def test_one_bar_fills_the_chart():
    drawing = chart(Decimal("7.5")).drawn(PRINT_COLUMN)
    assert lengths(drawing) == [str(PRINT_COLUMN.bar_length)]
    assert drawing.height == str(PRINT_COLUMN.row + PRINT_COLUMN.below)


def test_an_empty_chart_has_no_bars():
    drawing = chart().drawn(SCREEN)
    assert drawing.bars == [] and drawing.height == "4"


def test_coordinates_keep_a_dot_in_dutch_and_english():
    for language in ("nl", "en"):
        with translation.override(language):
            drawing = chart(1, 3).drawn(SCREEN)
            assert drawing.bars[0].length == "86.7"  # 260 / 3


def test_a_fixed_scale_with_ticks_and_an_emphasised_total():
    """The advice's score chart: 0–100 %, lines at the limits of the bands, the
    total a little apart, values right-aligned."""
    scores = BarChart(
        "Score per thema",
        [
            Bar("B. Missie", Decimal("83.3"), display="83,3%"),
            Bar("C. Reputatie", Decimal(100), display="100,0%"),
            Bar("Totaalscore", Decimal("95.2"), display="95,2%", emphasis=True),
        ],
        scale=Decimal(100),
        ticks=[Tick(0, "0%"), Tick(50, "50%", marked=True), Tick(100, "100%")],
    )
    drawing = scores.drawn(PRINT_PAGE)
    assert lengths(drawing) == ["308.2", "370", "352.2"]  # of 370 px for 100 %
    assert [bar.y for bar in drawing.bars] == ["0", "24", "54"]  # 6 px before the total
    assert [bar.text for bar in drawing.bars] == ["83,3%", "100,0%", "95,2%"]
    assert {bar.value_x for bar in drawing.bars} == {"640"}
    assert PRINT_PAGE.value_anchor == "end"
    assert [(t.x, t.marked) for t in drawing.ticks] == [
        ("215", False),
        ("400", True),
        ("585", False),
    ]
    assert drawing.axis_y == "78" and drawing.height == "100"


def test_a_value_beyond_the_scale_stops_at_its_end():
    assert lengths(chart(150, scale=100).drawn(SCREEN)) == ["260"]


def test_the_print_keeps_the_eleven_largest_and_adds_up_the_rest():
    values = [5, 1, 9, 2, 8, 3, 7, 4, 6, 10, 11, 12, 1, 1, 2]  # 15 bars
    leads = chart(*values)
    printed = leads.largest()
    assert len(printed.bars) == PRINT_BARS == 12
    kept, others = printed.bars[:-1], printed.bars[-1]
    # The eleven largest, in the order of the chart (alphabetical on the dashboard).
    assert [bar.value for bar in kept] == [5, 9, 2, 8, 3, 7, 4, 6, 10, 11, 12]
    assert others.label == "Overige 4" and others.value == 1 + 1 + 1 + 2
    assert sum(bar.value for bar in printed.bars) == sum(values)
    # The print layout applies the rule itself; the screen shows every bar.
    assert [bar.label for bar in leads.drawn(PRINT_COLUMN).bars][-1] == "Overige 4"
    assert len(leads.drawn(SCREEN).bars) == 15


def test_twelve_bars_print_as_they_are():
    twelve = chart(*range(12))
    assert twelve.largest() is twelve
    assert "Overige" not in " ".join(bar.label for bar in twelve.drawn(PRINT_COLUMN).bars)


def test_bars_alike_in_label_and_value_are_counted_once_each():
    same = BarChart("Per gemeente", [Bar("Gelijk", 1) for _ in range(14)])
    printed = same.largest()
    assert len(printed.bars) == 12
    assert printed.bars[-1].label == "Overige 3" and printed.bars[-1].value == 3


def test_the_rest_is_named_in_the_language_of_the_page():
    with translation.override("en"):
        assert chart(*range(20)).largest().bars[-1].label == "Other 9"


def test_long_labels_are_cut_short_in_print_only():
    name = "Samenwerkingsverband Gezonde Leefomgeving Noordoost-Overijssel"
    drawing = BarChart("Per thema", [Bar(name, 3, url="/samenwerkingen/?theme=1")]).drawn(SCREEN)
    bar = drawing.bars[0]
    assert bar.label == name
    assert bar.short_label == name[: SCREEN.label_chars - 1] + "…"
    assert len(bar.short_label) == SCREEN.label_chars
    printed = BarChart("Per thema", [Bar(name, 3)]).drawn(PRINT_COLUMN).bars[0]
    assert len(printed.short_label) == PRINT_COLUMN.label_chars == 26
    html = render_screen(BarChart("Per thema", [Bar(name, 3, url="/samenwerkingen/?theme=1")]))
    # On screen the label is HTML text in full (it wraps on a phone) and the
    # row's link says it in full; so does the table.
    assert f'<span class="pps-chart__label">{name}</span>' in html
    assert "…" not in html and "<text" not in html
    assert f'<th scope="row">{name}</th>' in html


def test_values_are_written_the_dutch_way():
    values = chart(2500, Decimal("10.0"), Decimal("10.5"), 0)
    with translation.override("nl"):
        assert [bar.text for bar in values.bars] == ["2.500", "10", "10,50", "0"]
    with translation.override("en"):
        assert [bar.text for bar in values.bars] == ["2,500", "10", "10.50", "0"]
    assert Bar("Totaalscore", Decimal("95.24"), display="95,2%").text == "95,2%"


def render_screen(bar_chart, layout="screen"):
    template = Template("{% load portal %}{% bar_chart chart layout %}")
    return template.render(Context({"chart": bar_chart, "layout": layout}))


def test_the_screen_shows_the_numbers_as_a_table_with_their_links():
    html = render_screen(
        BarChart(
            "Inbreng in euro's, per soort",
            [Bar("Geld", Decimal("36000.00"), url="/s/?contribution=geld"), Bar("Kennis", 0)],
            unit="Euro's",
        )
    )
    assert (
        '<a class="pps-chart__row" href="/s/?contribution=geld">'
        '<span class="pps-chart__label">Geld</span>'
    ) in html
    assert '<span class="pps-chart__value">36.000</span></a>' in html
    assert '<th scope="col" class="text-end">Euro&#x27;s</th>' in html
    assert (
        '<a href="/s/?contribution=geld">36.000<span class="visually-hidden"> Geld</span></a>'
        in html
    )
    assert '<th scope="row">Kennis</th><td class="text-end">0</td>' in html
    assert 'width="260"' in html


def test_an_empty_chart_says_so_on_screen():
    html = render_screen(BarChart("Afwegingen per status", []))
    assert "Geen gegevens." in html and "<svg" not in html and "<li>" not in html


def test_print_draws_the_values_beside_the_bars():
    html = render_screen(chart(2500, 1250), "print-column")
    assert 'width="330"' in html and 'aria-label="Per gemeente"' in html
    assert ">2.500</text>" in html and ">1.250</text>" in html
    assert '<rect x="130" y="18" width="85" height="11" fill="#154273">' in html
