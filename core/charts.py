"""Bar charts drawn on the server, with their geometry computed here.

A :class:`BarChart` holds labelled values. :meth:`BarChart.drawn` computes,
once and in Python, where every bar, label, value and tick goes for one
medium (a :class:`Layout`: the dashboard page, a column of the PDF overview,
the text width of the PDF advice). :meth:`Drawing.html` writes what it
computed as markup, in Python (a page shows a dozen charts of up to hundreds
of bars: a template per bar costs more than the rest of the page): on screen
the SVG drawing and its numbers as a table, in a PDF the SVG with the values
beside the bars. The ``{% bar_chart %}`` tag (``core.templatetags.portal``)
picks the layout.

Coordinates are strings with a decimal dot whatever the language of the page
(a Dutch comma would break the SVG); values are shown as the language writes
them ("2.500", "10,50"), or as the chart's maker formatted them ("82,5%")."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from core.numbers import format_euros

Number = int | float | Decimal

# A page of the PDF overview holds about twelve bars per chart; the whole
# country has 342 gemeenten.
PRINT_BARS = 12


def number_text(value: Number) -> str:
    """A value as the active language writes it: whole numbers without
    decimals, others with two, thousands grouped ("2.500", "10,50" in Dutch)."""
    if type(value) is int and -1000 < value < 1000:
        return str(value)  # as floatformat writes it, without asking it (most values)
    return str(floatformat(value, "-2g"))


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number
    url: str = ""  # the list of exactly what the value counts
    display: str = ""  # the value as shown ("82,5%"); default: number_text(value)
    emphasis: bool = False  # stands out and a little apart (the total score)

    @property
    def count(self) -> Number:
        """The value, by the name the dashboard gives it (a number of things)."""
        return self.value

    @property
    def text(self) -> str:
        return self.display or number_text(self.value)


@dataclass(frozen=True)
class Tick:
    """A vertical line across the bars at ``value``, labelled under them."""

    value: Number
    label: str
    marked: bool = False  # a limit that matters (a threshold), drawn dashed in red


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    unit: str = ""  # what the values are, when not a number of things ("Uren")
    scale: Number | None = None  # the value of a full bar; default: the largest value
    ticks: list[Tick] = field(default_factory=list)
    description: str = ""  # what a screen reader hears for the drawing; default: the title
    currency: bool = False  # values are amounts in euros: shown with the euro sign

    def value_text(self, bar: Bar) -> str:
        """A bar's value as shown: its own text, an amount (€ 1.200,50) or a number."""
        if self.currency and not bar.display:
            return format_euros(bar.value)
        return bar.text

    @property
    def maximum(self) -> Number:
        """The value of a full bar (never 0: a chart of zeros draws no bars)."""
        if self.scale:
            return self.scale
        return max((bar.value for bar in self.bars), default=0) or 1

    def largest(self, limit: int = PRINT_BARS) -> BarChart:
        """The chart with at most ``limit`` bars: the ``limit - 1`` largest in
        their own order, then the rest added up in one bar."""
        if len(self.bars) <= limit:
            return self
        ranked = sorted(range(len(self.bars)), key=lambda i: self.bars[i].value, reverse=True)
        kept = set(ranked[: limit - 1])
        rest = [bar for i, bar in enumerate(self.bars) if i not in kept]
        others = Bar(
            gettext("Overige %(count)s") % {"count": len(rest)},
            sum(bar.value for bar in rest),
        )
        return BarChart(
            self.title,
            [bar for i, bar in enumerate(self.bars) if i in kept] + [others],
            self.unit,
            self.scale,
            self.ticks,
            self.description,
            self.currency,
        )

    def drawn(self, layout: Layout) -> Drawing:
        """Where everything goes in ``layout`` (its ``max_bars`` applied)."""
        chart = self.largest(layout.max_bars) if layout.max_bars else self
        maximum = chart.maximum
        top = 0  # of the current row
        bars = []
        for bar in chart.bars:
            if bar.emphasis:
                top += layout.emphasis_gap
            length = layout.bar_length * _share(bar.value, maximum)
            value_x = (
                layout.width
                if layout.value_gap is None
                else layout.bar_x + length + layout.value_gap
            )
            bars.append(
                DrawnBar(
                    label=bar.label,
                    short_label=_short(bar.label, layout.label_chars),
                    text=chart.value_text(bar),
                    url=bar.url,
                    emphasis=bar.emphasis,
                    y=_px(top + layout.bar_top),
                    text_y=_px(top + layout.baseline),
                    length=_px(length),
                    value_x=_px(value_x),
                )
            )
            top += layout.row
        ticks = [
            DrawnTick(
                tick.label,
                _px(layout.bar_x + layout.bar_length * _share(tick.value, maximum)),
                tick.marked,
            )
            for tick in chart.ticks
        ]
        return Drawing(
            chart=chart,
            layout=layout,
            height=_px(top + layout.below),
            bars=bars,
            ticks=ticks,
            axis_y=_px(top),
            tick_label_y=_px(top + layout.tick_label),
        )


@dataclass(frozen=True)
class Layout:
    """The sizes of a chart in one medium, in SVG units (CSS pixels)."""

    medium: str  # "screen" (a drawing and a table) or "print" (a drawing)
    width: int
    bar_x: int  # bars start here; their labels are to the left
    bar_length: int  # of a full bar (the chart's maximum)
    row: int  # per bar, with the space between bars
    bar_height: int
    bar_top: int  # of the bar within its row
    baseline: int  # of the label and value within the row
    label_chars: int  # longer labels are cut short with "…"
    value_gap: int | None = 6  # the value this far after the bar; None: right-aligned
    emphasis_gap: int = 0  # extra space above a bar with emphasis
    below: int = 4  # room under the last bar (for the ticks' labels)
    tick_label: int = 14  # baseline of the ticks' labels, under the bars
    max_bars: int | None = None  # more bars: the largest and the rest added up
    # Print only (the screen's stylesheet colours its charts):
    font_size: int = 8
    tick_font_size: int = 10
    colour: str = "#154273"
    emphasis_colour: str = "#0b2545"
    track_colour: str = ""  # the bar's full length behind it, if any

    @property
    def value_anchor(self) -> str:
        return "end" if self.value_gap is None else "start"


@dataclass(frozen=True)
class DrawnBar:
    label: str  # in full (the table, the link's name)
    short_label: str  # in the drawing
    text: str  # the value as shown
    url: str
    emphasis: bool
    y: str
    text_y: str
    length: str
    value_x: str


@dataclass(frozen=True)
class DrawnTick:
    label: str
    x: str
    marked: bool


@dataclass(frozen=True)
class Drawing:
    chart: BarChart  # as drawn (after ``max_bars``)
    layout: Layout
    height: str
    bars: list[DrawnBar]
    ticks: list[DrawnTick]
    axis_y: str  # where the ticks' lines end
    tick_label_y: str

    def html(self) -> SafeString:
        """The chart's markup for its medium; every text in it escaped."""
        if self.layout.medium == "screen":
            return _screen_html(self)
        return _print_html(self)


def _screen_html(drawing: Drawing) -> SafeString:
    """On screen: one row per bar in HTML (the label in full, in the page's
    own type, wrapping on a phone; the bar a small SVG that stretches with
    the row; each row a link to what it counts) and the numbers as a table,
    for those who do not see the drawing. The label is never cut short and
    never shrinks with the screen (the print layouts draw it in the SVG)."""
    chart, layout = drawing.chart, drawing.layout
    title = escape(chart.title)
    parts = [
        f'<figure class="chart pps-chart mb-4">\n  <figcaption class="h5">{title}</figcaption>\n'
    ]
    if not drawing.bars:
        nothing = escape(gettext("Geen gegevens."))
        parts.append(f"  <p>{nothing}</p>\n</figure>")
        return mark_safe("".join(parts))  # noqa: S308 (escaped above)
    parts.append('  <ul class="pps-chart__bars">\n')
    rows = []
    for bar in drawing.bars:
        label, text, url = escape(bar.label), escape(bar.text), escape(bar.url)
        opening, closing = (
            (f'<a class="pps-chart__row" href="{url}">', "</a>")
            if bar.url
            else ('<span class="pps-chart__row">', "</span>")
        )
        parts.append(
            f"    <li>{opening}"
            f'<span class="pps-chart__label">{label}</span>'
            f'<svg class="pps-chart__bar" viewBox="0 0 {layout.bar_length} {layout.bar_height}" '
            'preserveAspectRatio="none" aria-hidden="true" focusable="false">'
            f'<rect x="0" y="0" height="{layout.bar_height}" width="{bar.length}" '
            'class="chart-bar"></rect></svg>'
            f'<span class="pps-chart__value">{text}</span>'
            f"{closing}</li>\n"
        )
        value = (
            f'<a href="{url}">{text}<span class="visually-hidden"> {label}</span></a>'
            if bar.url
            else text
        )
        rows.append(f'<tr><th scope="row">{label}</th><td class="text-end">{value}</td></tr>')
    unit = escape(chart.unit or gettext("Aantal"))
    as_table, category = escape(gettext("Cijfers als tabel")), escape(gettext("Categorie"))
    parts.append(
        "  </ul>\n"
        "  <details>\n"
        f"    <summary>{as_table}</summary>\n"
        '    <table class="utrecht-table utrecht-table--html-table pps-table pps-table--compact mt-2">\n'
        f'      <caption class="visually-hidden">{title}</caption>\n'
        f'      <thead><tr><th scope="col">{category}</th>'
        f'<th scope="col" class="text-end">{unit}</th></tr></thead>\n'
        f"      <tbody>{''.join(rows)}</tbody>\n"
        "    </table>\n"
        "  </details>\n"
        "</figure>"
    )
    return mark_safe("".join(parts))  # noqa: S308 (every text escaped above)


def _print_html(drawing: Drawing) -> SafeString:
    """In a PDF (WeasyPrint): the SVG with the values beside the bars, its
    colours and fonts in the drawing itself."""
    chart, layout = drawing.chart, drawing.layout
    label = escape(chart.description or chart.title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout.width}" '
        f'height="{drawing.height}" viewBox="0 0 {layout.width} {drawing.height}" '
        f'role="img" aria-label="{label}">\n'
    ]
    font = f'font-size="{layout.font_size}" font-family="Source Sans 3"'
    for bar in drawing.bars:
        weight = "700" if bar.emphasis else "400"
        colour = layout.emphasis_colour if bar.emphasis else layout.colour
        parts.append(
            f'<text x="0" y="{bar.text_y}" {font} font-weight="{weight}" fill="#111">'
            f"{escape(bar.short_label)}</text>\n"
        )
        if layout.track_colour:
            parts.append(
                f'<rect x="{layout.bar_x}" y="{bar.y}" width="{layout.bar_length}" '
                f'height="{layout.bar_height}" fill="{layout.track_colour}"></rect>\n'
            )
        parts.append(
            f'<rect x="{layout.bar_x}" y="{bar.y}" width="{bar.length}" '
            f'height="{layout.bar_height}" fill="{colour}"></rect>\n'
            f'<text x="{bar.value_x}" y="{bar.text_y}" {font} font-weight="{weight}" '
            f'fill="#111" text-anchor="{layout.value_anchor}">{escape(bar.text)}</text>\n'
        )
    tick_font = f'font-size="{layout.tick_font_size}" font-family="Source Sans 3"'
    for tick in drawing.ticks:
        line = f'<line x1="{tick.x}" y1="0" x2="{tick.x}" y2="{drawing.axis_y}" '
        text = f'<text x="{tick.x}" y="{drawing.tick_label_y}" {tick_font} '
        if tick.marked:
            parts.append(
                f'{line}stroke="#9b1c1c" stroke-width="1" stroke-dasharray="4,3"></line>\n'
                f'{text}font-weight="700" fill="#9b1c1c" text-anchor="middle">'
                f"{escape(tick.label)}</text>\n"
            )
        else:
            parts.append(
                f'{line}stroke="#8a96a3" stroke-width="0.8"></line>\n'
                f'{text}fill="#444" text-anchor="middle">{escape(tick.label)}</text>\n'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text escaped above)


SCREEN = Layout(
    medium="screen",
    width=520,
    bar_x=200,
    bar_length=260,
    row=26,
    bar_height=18,
    bar_top=3,
    baseline=16,
    label_chars=28,
)
# A column of the PDF overview's grid (three charts side by side on A4 landscape).
PRINT_COLUMN = Layout(
    medium="print",
    width=330,
    bar_x=130,
    bar_length=170,
    row=16,
    bar_height=11,
    bar_top=2,
    baseline=11,
    label_chars=26,
    value_gap=4,
    max_bars=PRINT_BARS,
)
# The width of the text on A4 with 20 mm margins (640 px), so the SVG is drawn
# at its natural size: labels 215 px on the left, values 55 px on the right.
PRINT_PAGE = Layout(
    medium="print",
    width=640,
    bar_x=215,
    bar_length=640 - 215 - 55,
    row=24,
    bar_height=16,
    bar_top=0,
    baseline=12,
    label_chars=38,
    value_gap=None,
    emphasis_gap=6,
    below=22,
    font_size=11,
    colour="#4a77b4",
    track_colour="#eef1f5",
)
LAYOUTS = {"screen": SCREEN, "print-column": PRINT_COLUMN, "print-page": PRINT_PAGE}


def _short(label: str, chars: int) -> str:
    """``label`` cut short to ``chars`` characters with "…" (a label that
    fits, as most do, without asking the Truncator)."""
    return label if len(label) <= chars else Truncator(label).chars(chars)


def _share(value: Number, maximum: Number) -> float:
    """``value`` as a part of ``maximum``, between 0 and 1."""
    return min(max(float(value) / float(maximum), 0.0), 1.0)


def _px(value: float) -> str:
    """An SVG coordinate: at most one decimal, and a dot."""
    return f"{value:.1f}".removesuffix(".0")
