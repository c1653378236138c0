"""The radar chart's geometry (evaluation/radar.py) and its drawing."""

from decimal import Decimal

from django.template.loader import render_to_string

from evaluation.radar import PRINT, SCREEN, STYLES, RadarChart, Series


def chart(*series, axes=("Visie", "Partners", "Regie", "Afspraken")):
    return RadarChart(
        key="test",
        title="Gemiddelde per categorie",
        axes=axes,
        series=series,
        description="Beschrijving voor een schermlezer.",
        marked=(Decimal("3.0"), Decimal("4.0")),
    )


def test_values_sit_on_their_axes_at_their_share_of_five():
    drawing = chart(Series("Publiek", (Decimal(5), Decimal(5), Decimal(5), Decimal(5)))).drawn(
        SCREEN
    )
    cx, cy = float(drawing.centre[0]), float(drawing.centre[1])
    points = [tuple(map(float, p.split(","))) for p in drawing.series[0].polygon.split()]
    # Top, right, bottom, left: the first axis points up.
    assert points == [
        (cx, cy - SCREEN.radius),
        (cx + SCREEN.radius, cy),
        (cx, cy + SCREEN.radius),
        (cx - SCREEN.radius, cy),
    ]
    half = chart(Series("Privaat", (Decimal("2.5"),) * 4)).drawn(SCREEN)
    first = tuple(map(float, half.series[0].polygon.split()[0].split(",")))
    assert first == (cx, cy - SCREEN.radius / 2)


def test_a_missing_value_draws_points_but_no_polygon():
    drawing = chart(Series("Privaat", (Decimal(4), None, Decimal(3), Decimal(2)))).drawn(SCREEN)
    assert drawing.series[0].polygon == ""
    assert len(drawing.series[0].markers) == 3


def test_series_differ_in_line_and_shape_not_only_colour():
    assert len({s.dash for s in STYLES}) == len(STYLES)
    assert len({s.marker for s in STYLES}) == len(STYLES)
    drawing = chart(
        Series("Publiek", (Decimal(4),) * 4, style=0), Series("Privaat", (Decimal(3),) * 4, style=1)
    ).drawn(PRINT)
    assert [entry.label for entry in drawing.legend] == ["Publiek", "Privaat"]
    assert drawing.legend[0].marker.kind == "circle"
    assert drawing.legend[1].marker.kind == "polygon"
    assert drawing.legend[1].style.dash


def test_long_labels_wrap_on_two_lines_at_most():
    drawing = chart(
        Series("Publiek", (Decimal(4),) * 3),
        axes=("Communicatie, vertrouwen en draagvlak ook bestuurlijk", "Regie", "Resultaten"),
    ).drawn(SCREEN)
    assert len(drawing.labels[0].lines) == 2
    assert drawing.labels[0].anchor == "middle"


def test_fewer_than_three_axes_or_no_values_is_not_drawable():
    assert not chart(Series("Publiek", (Decimal(4), Decimal(4))), axes=("A", "B")).drawable
    assert not chart(Series("Publiek", (None,) * 4)).drawable
    assert chart(Series("Publiek", (None, Decimal(1), None, None))).drawable


def test_the_svg_is_an_image_with_title_and_description():
    drawing = chart(Series("Publiek", (Decimal(4),) * 4)).drawn(SCREEN)
    svg = render_to_string("evaluation/includes/radar.html", {"drawing": drawing})
    assert 'role="img"' in svg
    assert 'aria-labelledby="test-title test-desc"' in svg
    assert '<title id="test-title">Gemiddelde per categorie</title>' in svg
    assert '<desc id="test-desc">Beschrijving voor een schermlezer.</desc>' in svg
    assert "stroke-dasharray" in svg  # the bands' limits
    assert "," not in drawing.centre[0]
