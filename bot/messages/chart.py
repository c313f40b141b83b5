"""The chart message kind: plain values in (a daily series, horizontal lines, dated markers), PNG bytes and a
one-line caption out. Pure: matplotlib's Agg canvas on a `Figure` of its own (no pyplot state, no display), so
renders may run on worker threads.

Made for a phone in either Telegram theme: a white card with dark type (a photo keeps its own background),
large type, one colour per kind of line, no grid boxes or legends; every line is labelled where it ends.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from babel.dates import format_date
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.messages.locale import day, money, number, percent
from bot.messages.markup import esc
from bot.messages.texts import t

#: The ranges a chart knows, in days (the first is the default).
CHART_RANGES: Mapping[str, int] = {"3m": 91, "30d": 30, "6m": 182, "1y": 365, "2y": 730}
#: Days (or a tenth of the range, if more) the stored history may start after the range does and the caption
#: still speak of the change "over the range" (weekends, a late first poll).
SHORT_HISTORY_SLACK_DAYS = 7
DEFAULT_RANGE = "3m"
#: Pixels of the PNG: Telegram shows photos up to 1280 px on the long side.
CHART_WIDTH_PX, CHART_HEIGHT_PX = 1280, 720
CHART_DPI = 160
#: A line further than this factor above the series' high (or below its low) is drawn at the edge, with an arrow.
MAX_LINE_REACH = 2.0

CONVERSION, CAP, THRESHOLD = "conversion", "cap", "threshold"
FILING, DEAL = "filing", "deal"
PRICE, HASHPRICE, CHANGE = "price", "hashprice", "change"
#: The weekly digest's chart: every watched ticker's change over the week, in percent.
WATCHLIST, WEEK = "WATCHLIST", "7d"
#: Colours of the digest chart's tickers, in order (more tickers than colours reuse them).
SERIES_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")

#: Few colours, each readable on white and distinct for the colour-blind (Okabe-Ito).
INK, MUTED, BACKGROUND = "#1f2328", "#6e7781", "#ffffff"
SERIES_COLOUR = "#0072b2"
LINE_COLOURS = {CONVERSION: "#d55e00", CAP: "#cc79a7", THRESHOLD: "#e69f00"}
MARKER_COLOURS = {FILING: MUTED, DEAL: "#009e73"}
BASE_FONT_PT = 13


@dataclass(frozen=True)
class ChartLine:
    """A horizontal line: a note's conversion or cap price (with its maturity year), or a chat's threshold."""

    kind: str
    value: float
    year: int | None = None
    op: str = ""


@dataclass(frozen=True)
class ChartMarker:
    """A dated event under the series: an 8-K filing or an AI/HPC deal."""

    day: date
    kind: str
    label: str = ""


@dataclass(frozen=True)
class ChartData:
    """Everything one chart is drawn from. `subject` is a ticker, BTC or NETWORK; `metric` price or hashprice."""

    subject: str
    metric: str
    range_key: str
    points: tuple[tuple[date, float], ...]
    lines: tuple[ChartLine, ...] = ()
    markers: tuple[ChartMarker, ...] = ()
    lang: str = "en"
    #: the digest chart: (ticker, daily closes) per watched ticker, drawn as % change from each one's first close
    series: tuple[tuple[str, tuple[tuple[date, float], ...]], ...] = ()
    #: the first day of the range asked for (today less the range); None: counted back from the last point
    start: date | None = None

    @property
    def last(self) -> tuple[date, float] | None:
        return self.points[-1] if self.points else None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready values (golden files compare these, not pixels)."""
        values = asdict(self)
        values.pop("start")  # the range's first day follows from the day the chart is drawn
        values["points"] = [f"{day.isoformat()} {round(value, 4):g}" for day, value in self.points]
        values["markers"] = [{**asdict(m), "day": m.day.isoformat()} for m in self.markers]
        values["series"] = [
            [name, [f"{day.isoformat()} {round(value, 4):g}" for day, value in points]] for name, points in self.series
        ]
        return values


def value_text(metric: str, value: float, lang: str) -> str:
    """A price in dollars; hashprice in USD/PH/day."""
    if metric == HASHPRICE:
        return f"{number(value, lang, 2)} $/PH/d"
    return money(value, lang, decimals=2 if value < 1000 else 0)


def line_label(line: ChartLine, metric: str, lang: str) -> str:
    """Short enough to fit beside the plot: `conv $18.25 '31`, `alert < 45.00` (hashprice without its unit)."""
    value = number(line.value, lang, 2) if metric == HASHPRICE else value_text(metric, line.value, lang)
    if line.kind == THRESHOLD:
        return t(lang, "chart_line_threshold", op=line.op, value=value)
    key = "chart_line_conversion" if line.kind == CONVERSION else "chart_line_cap"
    year = f" \u2019{line.year % 100:02d}" if line.year else ""
    return t(lang, key, value=value, year=year)


def week_changes(data: ChartData) -> list[tuple[str, float]]:
    """Each ticker's change over the digest chart's week in percent, best first."""
    changes = [
        (name, (points[-1][1] / points[0][1] - 1) * 100) for name, points in data.series if points and points[0][1] > 0
    ]
    return sorted(changes, key=lambda item: -item[1])


def chart_title(data: ChartData) -> str:
    if data.subject == WATCHLIST:
        return t(data.lang, "chart_subject_watchlist")
    subject = t(data.lang, "chart_subject_hashprice") if data.metric == HASHPRICE else data.subject
    return f"{subject} · {t(data.lang, 'chart_range_' + data.range_key)}"


def chart_caption(data: ChartData) -> str:
    """One line, Telegram HTML: subject, range, last value with its day, change over the range."""
    if data.subject == WATCHLIST:
        moves = " · ".join(f"{name} {percent(change, data.lang, signed=True)}" for name, change in week_changes(data))
        return t(data.lang, "chart_caption_week", title=esc(chart_title(data)), moves=esc(moves or "—"))
    last = data.last
    if last is None:
        return t(data.lang, "chart_caption_empty", title=esc(chart_title(data)))
    first_day, first_value = data.points[0]
    values = {
        "title": esc(chart_title(data)),
        "value": esc(value_text(data.metric, last[1], data.lang)),
        "day": esc(format_date(last[0], "d MMM", locale=_babel_locale(data.lang))),
    }
    if len(data.points) == 1:
        return t(data.lang, "chart_caption_one_day", **values)
    change = percent((last[1] / first_value - 1) * 100, data.lang, signed=True) if first_value > 0 else "—"
    days = CHART_RANGES.get(data.range_key, 91)
    start = data.start or last[0] - timedelta(days=days)
    if (first_day - start).days > max(SHORT_HISTORY_SLACK_DAYS, days // 10):
        # the store's history starts inside the range: the change is since then, and the caption says so
        since = esc(day(first_day, data.lang))
        return t(data.lang, "chart_caption_since", change=esc(change), since=since, **values)
    return t(data.lang, "chart_caption", change=esc(change), **values)


def _babel_locale(lang: str) -> str:
    return "de_DE" if lang == "de" else "en_US"


def _x(day: date) -> float:
    return float(date2num(datetime.combine(day, time(12))))


def _visible_limits(values: list[float], lines: tuple[ChartLine, ...]) -> tuple[float, float]:
    """The y range: the series and every line within reach of it, with a margin."""
    low, high = min(values), max(values)
    for line in lines:
        if high / MAX_LINE_REACH <= line.value <= high * MAX_LINE_REACH and line.value >= low / MAX_LINE_REACH:
            low, high = min(low, line.value), max(high, line.value)
    margin = (high - low) * 0.08 or high * 0.05 or 1.0
    return low - margin, high + margin


def render_chart(data: ChartData) -> bytes:
    """The chart as PNG bytes, CHART_WIDTH_PX × CHART_HEIGHT_PX."""
    figure = Figure(figsize=(CHART_WIDTH_PX / CHART_DPI, CHART_HEIGHT_PX / CHART_DPI), dpi=CHART_DPI)
    figure.patch.set_facecolor(BACKGROUND)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.08, 0.12, 0.68, 0.76))
    axes.set_facecolor(BACKGROUND)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(MUTED)
    axes.tick_params(colors=MUTED, labelsize=BASE_FONT_PT - 2, length=0)
    axes.grid(axis="y", color="#d0d7de", linewidth=0.6)
    figure.text(0.08, 0.93, chart_title(data), fontsize=BASE_FONT_PT + 5, color=INK, fontweight="bold")
    if data.series:
        _draw_series(axes, data)
        return _png(figure, data)
    if not data.points:
        figure.text(0.43, 0.5, t(data.lang, "chart_no_data"), fontsize=BASE_FONT_PT + 2, color=MUTED, ha="center")
        return _png(figure, data)
    xs = [_x(day) for day, _ in data.points]
    ys = [value for _, value in data.points]
    axes.plot(xs, ys, color=SERIES_COLOUR, linewidth=2.4, solid_capstyle="round")
    low, high = _visible_limits(ys, data.lines)
    axes.set_ylim(low, high)
    axes.set_xlim(xs[0], xs[-1] + max(1.0, (xs[-1] - xs[0]) * 0.01))
    _draw_lines(axes, data, low, high)
    _draw_markers(axes, data, low, high)
    _draw_last(axes, data, xs[-1], ys[-1])
    locale = _babel_locale(data.lang)
    pattern = "d MMM" if CHART_RANGES.get(data.range_key, 91) <= 182 else "MMM yy"
    axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=6))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_date(_day_of(x), pattern, locale=locale)))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: number(y, data.lang, 0 if high >= 100 else 2)))
    return _png(figure, data)


def _day_of(x: float) -> date:
    return num2date(x).date()


def _draw_series(axes: Any, data: ChartData) -> None:
    """The digest chart: one line per ticker, in % from its first close, labelled with its change at the end."""
    axes.axhline(0.0, color=MUTED, linewidth=0.9)
    for index, (name, points) in enumerate(data.series):
        if len(points) < 2 or points[0][1] <= 0:
            continue
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        xs = [_x(day) for day, _ in points]
        ys = [(value / points[0][1] - 1) * 100 for _, value in points]
        axes.plot(xs, ys, color=colour, linewidth=2.4)
        label = f"{name} {percent(ys[-1], data.lang, signed=True)}"
        axes.annotate(label, xy=(1.0, ys[-1]), xycoords=("axes fraction", "data"), xytext=(8, 0),
                      textcoords="offset points", va="center", fontsize=BASE_FONT_PT, color=colour,
                      annotation_clip=False)  # fmt: skip
    locale = _babel_locale(data.lang)
    axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=7))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_date(_day_of(x), "EEE d", locale=locale)))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: percent(y, data.lang, decimals=0)))


def _draw_lines(axes: object, data: ChartData, low: float, high: float) -> None:
    for line in data.lines:
        colour = LINE_COLOURS.get(line.kind, MUTED)
        shown = min(max(line.value, low), high)
        arrow = "↑ " if line.value > high else "↓ " if line.value < low else ""
        style = (0, (5, 4)) if line.kind == THRESHOLD else "-"
        axes.axhline(shown, color=colour, linewidth=1.6, linestyle=style, alpha=0.95)  # type: ignore[attr-defined]
        axes.annotate(  # type: ignore[attr-defined]
            arrow + line_label(line, data.metric, data.lang),
            xy=(1.0, shown),
            xycoords=("axes fraction", "data"),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=BASE_FONT_PT - 1,
            color=colour,
            annotation_clip=False,
        )


def _draw_markers(axes: object, data: ChartData, low: float, high: float) -> None:
    first, last = data.points[0][0], data.points[-1][0]
    for marker in data.markers:
        if not first <= marker.day <= last:
            continue
        colour = MARKER_COLOURS.get(marker.kind, MUTED)
        axes.axvline(_x(marker.day), color=colour, linewidth=0.9, alpha=0.5)  # type: ignore[attr-defined]
        axes.annotate(  # type: ignore[attr-defined]
            marker.label,
            xy=(_x(marker.day), 0.0),
            xycoords=("data", "axes fraction"),
            xytext=(2, 3),
            textcoords="offset points",
            fontsize=BASE_FONT_PT - 4,
            color=colour,
            rotation=90,
            va="bottom",
        )


def _draw_last(axes: object, data: ChartData, x: float, y: float) -> None:
    axes.plot([x], [y], marker="o", markersize=8, color=SERIES_COLOUR)  # type: ignore[attr-defined]
    axes.annotate(  # type: ignore[attr-defined]
        value_text(data.metric, y, data.lang),
        xy=(x, y),
        xytext=(-10, 12),
        textcoords="offset points",
        ha="right",
        fontsize=BASE_FONT_PT + 1,
        fontweight="bold",
        color=SERIES_COLOUR,
        bbox={"boxstyle": "round,pad=0.25", "facecolor": BACKGROUND, "edgecolor": "none", "alpha": 0.85},
    )


def drawn_values(data: ChartData) -> str:
    """What the picture shows besides the series, as JSON: kept in the PNG's Description text chunk, so whoever
    holds the photo (a test, a support request) can read which lines and markers it was drawn with."""
    last = data.last
    return json.dumps(
        {
            "subject": data.subject,
            "metric": data.metric,
            "range": data.range_key,
            "lines": [asdict(line) for line in data.lines],
            "markers": [{**asdict(m), "day": m.day.isoformat()} for m in data.markers],
            "last": [last[0].isoformat(), round(last[1], 4)] if last else None,
            "series": [name for name, _ in data.series],
        },
        separators=(",", ":"),
        ensure_ascii=True,
    )


def _png(figure: Figure, data: ChartData) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Software": None, "Title": chart_title(data), "Description": drawn_values(data)}
    figure.savefig(buffer, format="png", dpi=CHART_DPI, facecolor=BACKGROUND, metadata=metadata)
    return buffer.getvalue()
