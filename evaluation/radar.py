"""Radar charts drawn on the server (SVG, no JavaScript), with their geometry
computed here, as ``core.charts`` does for bar charts.

A :class:`RadarChart` holds one axis per category (its short title) and one
or more series of means on the scale 1-5 (the public and the private side,
or the rounds of a trend). :meth:`RadarChart.drawn` computes where every
ring, axis, label, point and legend entry goes for one :class:`Layout`; the
template ``evaluation/includes/radar.html`` only places what it computed,
on screen and in the PDF alike. Each series differs in line pattern and
point shape as well as colour, and the legend shows both, so the chart never
depends on colour alone. The chart has ``role="img"`` with a ``<title>`` and
``<desc>``; the numbers go in a table beside it.

Coordinates are strings with a decimal dot whatever the language of the page."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

SCALE_MAX = 5
RINGS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Style:
    colour: str
    dash: str  # stroke-dasharray; "" is a solid line
    marker: str  # circle, square, triangle, diamond
    name: str  # the line and point in words, for the description


# Contrast at least 3:1 against white (WCAG 1.4.11), and every style also
# differs in line pattern and point shape.
STYLES = (
    Style("#154273", "", "circle", "doorgetrokken lijn, ronde punten"),
    Style("#a14a00", "7,4", "square", "gestreepte lijn, vierkante punten"),
    Style("#2f6f3e", "2,3", "triangle", "gestippelde lijn, driehoekige punten"),
    Style("#6b3fa0", "9,3,2,3", "diamond", "streep-stippellijn, ruitvormige punten"),
)


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[Decimal | None, ...]  # per axis; None: no value (not drawn)
    style: int = 0


@dataclass
class RadarChart:
    key: str  # unique on the page (ids of the title and description)
    title: str
    axes: tuple[str, ...]
    series: tuple[Series, ...]
    description: str = ""
    marked: tuple[Decimal, ...] = ()  # rings drawn dashed (the bands' limits)

    @property
    def drawable(self) -> bool:
        return len(self.axes) >= 3 and any(
            v is not None for series in self.series for v in series.values
        )

    def drawn(self, layout: Layout) -> RadarDrawing:
        n = len(self.axes)
        radius = layout.radius
        cx = layout.width / 2
        cy = layout.top + radius

        def point(axis: int, value: float) -> tuple[float, float]:
            angle = -math.pi / 2 + 2 * math.pi * axis / n
            r = radius * value / SCALE_MAX
            return cx + r * math.cos(angle), cy + r * math.sin(angle)

        rings = [
            DrawnRing(_points(point(i, ring) for i in range(n)), str(ring), False) for ring in RINGS
        ]
        rings += [
            DrawnRing(_points(point(i, float(m)) for i in range(n)), "", True)
            for m in self.marked
            if 0 < m <= SCALE_MAX
        ]
        ring_labels = [
            DrawnText(_px(cx + 4), _px(point(0, ring)[1] - 2), "start", (str(ring),))
            for ring in RINGS
        ]
        axes, labels = [], []
        for i, label in enumerate(self.axes):
            x, y = point(i, SCALE_MAX)
            axes.append((_px(x), _px(y)))
            angle = -math.pi / 2 + 2 * math.pi * i / n
            cos, sin = math.cos(angle), math.sin(angle)
            lx = cx + (radius + layout.label_gap) * cos
            ly = cy + (radius + layout.label_gap) * sin
            anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
            lines = tuple(textwrap.wrap(label, layout.label_chars)[:2]) or ("",)
            if sin < -0.5:  # above the chart: the last line just above the tip
                ly -= (len(lines) - 1) * layout.line_height
            elif sin > 0.5:  # below: the first line just under it
                ly += layout.font_size
            else:
                ly += layout.font_size / 3 - (len(lines) - 1) * layout.line_height / 2
            labels.append(DrawnText(_px(lx), _px(ly), anchor, lines))
        series = []
        for one in self.series:
            style = STYLES[one.style % len(STYLES)]
            present = [(i, float(v)) for i, v in enumerate(one.values) if v is not None]
            markers = [_marker(style.marker, *point(i, v)) for i, v in present]
            series.append(
                DrawnSeries(
                    label=one.label,
                    style=style,
                    # A polygon only when every axis has a value; else only the points.
                    polygon=(_points(point(i, v) for i, v in present) if len(present) == n else ""),
                    markers=markers,
                )
            )
        legend_top = cy + radius + layout.legend_gap
        legend = [
            DrawnLegend(
                label=one.label,
                style=one.style,
                line_y=_px(legend_top + row * layout.line_height * 1.6),
                text_y=_px(legend_top + row * layout.line_height * 1.6 + layout.font_size / 3),
                marker=_marker(
                    one.style.marker,
                    layout.legend_x + 15,
                    legend_top + row * layout.line_height * 1.6,
                ),
            )
            for row, one in enumerate(series)
        ]
        height = legend_top + len(series) * layout.line_height * 1.6 + layout.bottom
        return RadarDrawing(
            chart=self,
            layout=layout,
            height=_px(height),
            centre=(_px(cx), _px(cy)),
            rings=rings,
            ring_labels=ring_labels,
            axes=axes,
            labels=labels,
            series=series,
            legend=legend,
            legend_x=layout.legend_x,
            legend_line_end=layout.legend_x + 30,
            legend_text_x=layout.legend_x + 40,
        )


@dataclass(frozen=True)
class Layout:
    """Sizes in SVG units (CSS pixels)."""

    width: int
    radius: int
    top: int  # room above the chart for the top label
    label_gap: int  # labels this far outside the outer ring
    label_chars: int  # a label wraps at this many characters (two lines at most)
    font_size: int
    line_height: int
    legend_gap: int  # from the outer ring down to the legend
    legend_x: int
    bottom: int = 6
    font_family: str = "Source Sans 3, sans-serif"


@dataclass(frozen=True)
class DrawnRing:
    points: str
    label: str
    marked: bool


@dataclass(frozen=True)
class DrawnText:
    x: str
    y: str
    anchor: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class DrawnMarker:
    kind: str  # circle or polygon
    x: str
    y: str
    points: str = ""


@dataclass(frozen=True)
class DrawnSeries:
    label: str
    style: Style
    polygon: str
    markers: list[DrawnMarker]


@dataclass(frozen=True)
class DrawnLegend:
    label: str
    style: Style
    line_y: str
    text_y: str
    marker: DrawnMarker


@dataclass(frozen=True)
class RadarDrawing:
    chart: RadarChart
    layout: Layout
    height: str
    centre: tuple[str, str]
    rings: list[DrawnRing]
    ring_labels: list[DrawnText]
    axes: list[tuple[str, str]]
    labels: list[DrawnText]
    series: list[DrawnSeries]
    legend: list[DrawnLegend] = field(default_factory=list)
    legend_x: int = 0
    legend_line_end: int = 0
    legend_text_x: int = 0


SCREEN = Layout(
    width=560,
    radius=150,
    top=60,
    label_gap=12,
    label_chars=20,
    font_size=13,
    line_height=15,
    legend_gap=46,
    legend_x=20,
)
# The width of the text on A4 with 20 mm margins (640 px).
PRINT = Layout(
    width=640,
    radius=170,
    top=56,
    label_gap=12,
    label_chars=24,
    font_size=11,
    line_height=13,
    legend_gap=42,
    legend_x=40,
)
LAYOUTS = {"screen": SCREEN, "print": PRINT}


def _marker(kind: str, x: float, y: float, size: float = 4.5) -> DrawnMarker:
    if kind == "circle":
        return DrawnMarker("circle", _px(x), _px(y))
    if kind == "square":
        corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
        s = size * 0.85
    elif kind == "triangle":
        corners = [(0, -1.15), (1, 0.75), (-1, 0.75)]
        s = size * 1.1
    else:  # diamond
        corners = [(0, -1), (1, 0), (0, 1), (-1, 0)]
        s = size * 1.2
    return DrawnMarker(
        "polygon", _px(x), _px(y), _points((x + dx * s, y + dy * s) for dx, dy in corners)
    )


def _points(points) -> str:
    return " ".join(f"{_px(x)},{_px(y)}" for x, y in points)


def _px(value: float) -> str:
    """An SVG coordinate: at most one decimal, and a dot."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text
