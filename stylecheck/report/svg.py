"""Draw the report's charts as inline SVG strings: no script, no font, no external resource.

Four primitives: `column_chart` (one bar per chapter, with an optional reference line),
`grouped_chart` (two or more series per chapter), `histogram` (touching columns) and
`bar_list` (horizontal bars with a label on the left and a note on the right). Callers pass
ready-made labels, tooltips and notes; this module only lays them out, so number formatting
stays in one place (the HTML renderer).

Every piece of text goes through `text()`, which escapes it (`html.escape(..., quote=True)`)
and drops the characters XML forbids, so each chart is well-formed XML as well as safe HTML.
The `<svg>` element carries no `xmlns`: the HTML parser puts it in the SVG namespace itself,
and the page then holds no URL at all.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

BAR = "#3b6ea5"  # the accent colour of every bar (the browser test counts its pixels)
BAR_2 = "#d9903d"  # the second series of a grouped chart
REFERENCE = "#b23a48"  # the dashed reference line and its legend
AXIS = "#6b7280"
GRID = "#e5e7eb"
INK = "#374151"

WIDTH = 520  # the viewBox width; the page scales each chart to its column
FONT = 12
CHAR = 6.8  # the average advance of one character at FONT in a system sans-serif
ROTATED_CHARS = 14  # labels longer than this are cut when they are turned
ROTATED_SPACING = 16  # horizontal pixels between two turned labels, so they never touch

# C0 controls (bar tab, newline and carriage return), DEL, lone surrogates and the two
# non-characters: XML 1.0 forbids them, and a title read from a file might hold any of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Bar:
    """One bar: its axis label, its value (None: no value, the slot stays empty), and words."""

    label: str
    value: float | None
    tooltip: str = ""  # the hover text; the label when empty
    note: str = ""  # printed at the end of the bar when there is room ("7.2", "×14")


@dataclass(frozen=True)
class Series:
    """One series of a grouped chart: a name for the legend, a colour, one bar per group."""

    name: str
    colour: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Reference:
    """A dashed horizontal line across a column chart, such as the manuscript's value."""

    value: float
    label: str


def text(value: str) -> str:
    """Return `value` escaped for HTML and XML text and attributes, without forbidden chars."""
    return html.escape(_NOT_XML.sub("", value), quote=True)


def truncate(value: str, limit: int) -> str:
    """Return `value` cut to at most `limit` characters, ending with "…" when it was cut."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    return value[: max(limit - 1, 0)].rstrip() + "…"


def column_chart(
    chart_id: str,
    label: str,
    bars: Sequence[Bar],
    *,
    unit: str = "",
    reference: Reference | None = None,
    colour: str = BAR,
) -> str:
    """Return a vertical bar chart, one bar per item, with an optional reference line."""
    legend = [_LegendLine(reference.label)] if reference else []
    return _columns(
        chart_id,
        label,
        [bar.label for bar in bars],
        [Series("", colour, tuple(bars))],
        unit=unit,
        gap=0.3,
        widest=56,
        legend=legend,
        reference=reference,
    )


def grouped_chart(
    chart_id: str, label: str, groups: Sequence[str], series: Sequence[Series], *, unit: str = ""
) -> str:
    """Return a bar chart with one bar of each series side by side for every group."""
    for one in series:
        if len(one.bars) != len(groups):
            raise ValueError(f"series {one.name!r} has {len(one.bars)} bars for {len(groups)}")
    legend = [_LegendSwatch(one.name, one.colour) for one in series]
    return _columns(
        chart_id,
        label,
        list(groups),
        list(series),
        unit=unit,
        gap=0.25,
        widest=36 * len(series),
        legend=legend,
    )


def histogram(
    chart_id: str, label: str, bins: Sequence[Bar], *, unit: str = "", colour: str = BAR
) -> str:
    """Return a histogram: touching columns, one per bin, labelled with the bin's range."""
    return _columns(
        chart_id,
        label,
        [one.label for one in bins],
        [Series("", colour, tuple(bins))],
        unit=unit,
        gap=0.06,
        legend=[],
    )


def bar_list(
    chart_id: str, label: str, bars: Sequence[Bar], *, colour: str = BAR, empty: str = "Nothing"
) -> str:
    """Return horizontal bars, one row per item: label on the left, note after the bar."""
    row, top, bottom = 22, 8, 8
    if not bars:
        return _frame(chart_id, label, 60, [_message(WIDTH / 2, 34, empty)])
    label_chars = min(max(len(truncate(bar.label, 22)) for bar in bars), 22)
    note_chars = max(len(bar.note) for bar in bars)
    left = 8 + label_chars * CHAR + 8
    right = WIDTH - 8 - (note_chars * CHAR + 6 if note_chars else 0)
    plot = max(right - left, 1.0)
    # Non-negative lengths only; an all-zero list draws no bars rather than dividing by zero.
    longest = max((bar.value or 0.0 for bar in bars), default=0.0)
    scale = plot / longest if longest > 0 else 0.0
    parts = [
        _line(left, top, left, top + row * len(bars), AXIS),
    ]
    for index, bar in enumerate(bars):
        y = top + index * row
        middle = y + row / 2
        parts.append(
            _text(left - 8, middle, truncate(bar.label, 22), anchor="end", baseline="middle")
        )
        length = max(bar.value or 0.0, 0.0) * scale
        if length > 0:
            parts.append(_rect(left, y + 4, length, row - 8, colour, bar.tooltip or bar.label))
        if bar.note:
            parts.append(_text(left + length + 6, middle, bar.note, baseline="middle"))
    return _frame(chart_id, label, top + row * len(bars) + bottom, parts)


@dataclass(frozen=True)
class _LegendSwatch:
    name: str
    colour: str


@dataclass(frozen=True)
class _LegendLine:
    name: str


def _columns(
    chart_id: str,
    label: str,
    groups: list[str],
    series: list[Series],
    *,
    unit: str,
    gap: float,
    widest: float = math.inf,
    legend: Sequence[_LegendSwatch | _LegendLine],
    reference: Reference | None = None,
) -> str:
    """Lay out vertical bars: `gap` is the share of each group's slot left empty.

    A group is never wider than `widest`, so a chart of one or two chapters does not draw
    slabs across the whole plot.
    """
    values = [bar.value for one in series for bar in one.bars if bar.value is not None]
    low, high, ticks = _axis(values + ([reference.value] if reference else []))
    left, right, top, plot_height = 46.0, 10.0, 28.0 if legend else 12.0, 170.0
    plot_width = WIDTH - left - right
    count = len(groups)
    slot = plot_width / count if count else plot_width
    labels, bottom = _x_labels(groups, slot)
    height = top + plot_height + bottom

    def y_of(value: float) -> float:
        return top + (high - value) / (high - low) * plot_height

    parts: list[str] = []
    for tick in ticks:
        y = y_of(tick)
        parts.append(_line(left, y, left + plot_width, y, GRID))
        parts.append(_text(left - 6, y, _tick(tick) + unit, anchor="end", baseline="middle"))
    zero = y_of(0.0)
    if not values:
        parts.append(_message(left + plot_width / 2, top + plot_height / 2, "No data"))
    band = min(slot * (1 - gap), widest)
    width = band / max(len(series), 1)
    notes: list[str] = []  # drawn last, over the reference line
    for index in range(count):
        start = left + index * slot + (slot - band) / 2
        for number, one in enumerate(series):
            bar = one.bars[index]
            x = start + number * width
            if bar.value is None:
                # A dash on the axis, so the reader sees a gap in the data, not a zero.
                parts.append(_missing(x + width / 2, zero - 4, bar.tooltip or bar.label))
                continue
            y, end = sorted((y_of(bar.value), zero))
            tooltip = bar.tooltip or bar.label
            # A zero still gets a hairline, so it reads as "zero", not as "missing".
            parts.append(_rect(x, y, width, max(end - y, 0.75), one.colour, tooltip))
            # A note goes above the bar only where it fits inside the bar's own width.
            if bar.note and len(bar.note) * CHAR <= width + 2:
                notes.append(_text(x + width / 2, y - 4, bar.note, anchor="middle", small=True))
    parts.append(_line(left, zero, left + plot_width, zero, AXIS))
    if reference is not None:
        y = y_of(reference.value)
        parts.append(_line(left, y, left + plot_width, y, REFERENCE, dashed=True))
    parts.extend(notes)
    parts.extend(_legend(legend, left))
    parts.extend(_draw_x_labels(labels, left, slot, top + plot_height))
    return _frame(chart_id, label, height, parts)


def _axis(values: Sequence[float]) -> tuple[float, float, list[float]]:
    """Return the axis range (always including 0, never empty) and its round-numbered ticks."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    if high - low <= 0:
        high = 1.0  # all zero, or nothing to draw: a unit axis, so no division by zero
    step = _nice_step((high - low) / 4)
    low = math.floor(low / step + 1e-9) * step
    high = math.ceil(high / step - 1e-9) * step
    ticks = [low + index * step for index in range(round((high - low) / step) + 1)]
    return low, high, ticks


def _nice_step(raw: float) -> float:
    """Return the smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `raw`."""
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


def _tick(value: float) -> str:
    """Return an axis number: whole numbers without decimals, others with up to two."""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _x_labels(groups: Sequence[str], slot: float) -> tuple[list[tuple[int, str, bool]], float]:
    """Choose the x labels: level when they fit, else turned, cut short and thinned.

    Returns (index, label, turned) for each label to draw, and the bottom margin they need.
    """
    if not groups:
        return [], 12.0
    fitting = max(int(slot / CHAR), 1)
    if max(len(group) for group in groups) <= fitting or len(groups) <= 3:
        return [
            (index, truncate(group, max(fitting, 4)), False) for index, group in enumerate(groups)
        ], 24.0
    step = max(math.ceil(ROTATED_SPACING / slot), 1)
    labels = [
        (index, truncate(group, ROTATED_CHARS), True)
        for index, group in enumerate(groups)
        if index % step == 0
    ]
    longest = max(len(label) for _, label, _ in labels)
    return labels, 16 + longest * CHAR * math.sin(math.radians(45))


def _draw_x_labels(
    labels: Sequence[tuple[int, str, bool]], left: float, slot: float, baseline: float
) -> list[str]:
    parts = []
    for index, label, turned in labels:
        x = left + (index + 0.5) * slot
        if turned:
            y = baseline + 10
            parts.append(
                f'<text x="{x:.1f}" y="{y:.1f}" font-size="{FONT}" fill="{INK}" '
                f'text-anchor="end" transform="rotate(-45 {x:.1f} {y:.1f})">{text(label)}</text>'
            )
        else:
            parts.append(_text(x, baseline + 16, label, anchor="middle"))
    return parts


def _legend(items: Sequence[_LegendSwatch | _LegendLine], left: float) -> list[str]:
    parts, x, y = [], left, 12.0
    for item in items:
        if isinstance(item, _LegendSwatch):
            parts.append(
                f'<rect x="{x:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{item.colour}"/>'
            )
        else:
            parts.append(_line(x, y, x + 18, y, REFERENCE, dashed=True))
            x += 8  # the line is wider than a swatch
        parts.append(_text(x + 14, y, item.name, baseline="middle"))
        x += 14 + len(item.name) * CHAR + 18
    return parts


def _frame(chart_id: str, label: str, height: float, parts: Sequence[str]) -> str:
    """Wrap the drawing in an accessible `<svg>` that scales to its container's width."""
    return (
        f'<svg id="{text(chart_id)}" class="chart" role="img" aria-label="{text(label)}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'font-size="{FONT}">' + "".join(parts) + "</svg>"
    )


def _rect(x: float, y: float, width: float, height: float, colour: str, tooltip: str) -> str:
    return (
        f'<rect class="bar" x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" '
        f'fill="{colour}"><title>{text(tooltip)}</title></rect>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, *, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="5 4" stroke-width="1.5"' if dashed else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}"{dash}/>'
    )


def _text(
    x: float,
    y: float,
    value: str,
    *,
    anchor: str = "start",
    baseline: str = "auto",
    small: bool = False,
) -> str:
    # A small note gets a halo of the page colour, so a line behind it does not cross it.
    size = (
        f' font-size="{FONT - 1}" stroke="#ffffff" stroke-width="3" paint-order="stroke"'
        if small
        else ""
    )
    middle = ' dominant-baseline="middle"' if baseline == "middle" else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" fill="{INK}" text-anchor="{anchor}"{middle}{size}>'
        f"{text(value)}</text>"
    )


def _missing(x: float, y: float, tooltip: str) -> str:
    return (
        f'<text class="missing" x="{x:.1f}" y="{y:.1f}" fill="{AXIS}" text-anchor="middle">'
        f"—<title>{text(tooltip)}</title></text>"
    )


def _message(x: float, y: float, value: str) -> str:
    return _text(x, y, value, anchor="middle", baseline="middle")
