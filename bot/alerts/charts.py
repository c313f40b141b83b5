"""What a chart is drawn from, read from the store as the plain values bot/messages/chart.py renders: a daily
series over the range, every live note's conversion and cap price, 8-K dates (and AI/HPC deal dates once a deals
table exists), and the chat's own thresholds from /alerts. Also the render cache: one PNG per
(subject, range, day) and the exact values drawn, so a chart asked for twice a day is drawn once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from bot.messages.chart import (
    CAP,
    CHANGE,
    CHART_RANGES,
    CONVERSION,
    DEAL,
    FILING,
    HASHPRICE,
    PRICE,
    THRESHOLD,
    WATCHLIST,
    WEEK,
    ChartData,
    ChartLine,
    ChartMarker,
    render_chart,
)
from bot.messages.rules import BTC, NETWORK
from bot.messages.texts import t
from store import chart_queries, deal_queries, queries, sec_queries
from store.models import Chat, ConvertibleNote

#: The filings marked on a share-price chart.
MARKED_FORMS = ("8-K", "8-K/A")
#: Rendered charts kept in memory (a PNG is about 60 kB).
MAX_CACHED_CHARTS = 64


@dataclass(frozen=True)
class ChartRequest:
    """A valid chart request: a ticker, BTC or NETWORK; its metric (price, or hashprice for NETWORK); a range."""

    subject: str
    metric: str
    range_key: str


def daily(points: list[tuple[datetime, float]]) -> tuple[tuple[date, float], ...]:
    """The last value of each UTC day, oldest first (live quotes and backfilled closes alike)."""
    by_day: dict[date, float] = {}
    for at, value in points:
        by_day[at.astimezone(UTC).date()] = value
    return tuple((day, by_day[day]) for day in sorted(by_day))


def _live(note: ConvertibleNote, today: date) -> bool:
    """Not matured (by date, else by year) and in dollars (a euro conversion price is not on a dollar chart)."""
    if (note.currency or "USD") != "USD":
        return False
    if note.maturity is not None:
        return note.maturity >= today
    return note.maturity_year is None or note.maturity_year >= today.year


def note_lines(notes: list[ConvertibleNote], today: date) -> tuple[ChartLine, ...]:
    """A conversion-price line and a cap-price line for each live note, highest first, duplicates merged."""
    lines: dict[tuple[str, float], ChartLine] = {}
    for note in notes:
        if not _live(note, today):
            continue
        year = note.maturity.year if note.maturity else note.maturity_year
        for kind, value in ((CONVERSION, note.conversion_price_usd), (CAP, note.cap_price_usd)):
            if value and value > 0:
                lines.setdefault((kind, round(value, 4)), ChartLine(kind, round(value, 4), year))
    return tuple(sorted(lines.values(), key=lambda line: (-line.value, line.kind)))


def threshold_lines(session: Session, chat_id: int | None, subject: str, metric: str) -> tuple[ChartLine, ...]:
    """The chat's rules on this subject's metric, as dashed lines (none for a chart without a chat)."""
    if chat_id is None:
        return ()
    rules = chart_queries.chat_thresholds(session, chat_id, subject, metric)
    return tuple(ChartLine(THRESHOLD, rule.value, op=rule.op) for rule in rules)


def deal_markers(session: Session, ticker: str, since: date) -> tuple[ChartMarker, ...]:
    """The miner's signed AI/HPC deals since `since` (the day each was first reported), labelled with the
    counterparty; LOIs / MOUs are not drawn (they are not deals)."""
    start = datetime.combine(since, time(0), UTC)
    announced = [
        (_as_utc(deal.announced_at), deal.counterparty or "")
        for deal in deal_queries.deals_of(session, [ticker])
        if deal.kind != deal_queries.NON_BINDING
    ]
    return tuple(ChartMarker(at.date(), DEAL, name) for at, name in sorted(announced) if at >= start)


def _as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; the store writes UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def chart_data(session: Session, request: ChartRequest, chat_id: int | None, today: date, lang: str) -> ChartData:
    """Everything one chart is drawn from, for `chat_id` (its thresholds) on `today`."""
    days = CHART_RANGES[request.range_key]
    start = today - timedelta(days=days)
    since = datetime.combine(start, time(0), UTC)
    if request.metric == HASHPRICE:
        points = daily(chart_queries.hashprice_series(session, since))
        lines = threshold_lines(session, chat_id, NETWORK, HASHPRICE)
        markers: tuple[ChartMarker, ...] = ()
    else:
        points = daily(chart_queries.price_series(session, request.subject, since))
        lines = threshold_lines(session, chat_id, request.subject, PRICE)
        markers = ()
        if request.subject != BTC:
            lines = note_lines(sec_queries.notes_of(session, request.subject), today) + lines
            filed = chart_queries.filing_days(session, request.subject, MARKED_FORMS, start)
            label = t(lang, "chart_filing")
            markers = tuple(ChartMarker(day, FILING, label) for day in filed)
            markers += deal_markers(session, request.subject, start)
    return ChartData(request.subject, request.metric, request.range_key, points, lines, markers, lang, start=start)


#: The digest chart's window: the week before the digest.
WEEK_DAYS = 7


def watchlist_week(session: Session, chat: Chat, until: datetime) -> ChartData:
    """The weekly digest's chart: each watched ticker's daily closes over the week before `until`."""
    since = until - timedelta(days=WEEK_DAYS)
    series = tuple(
        (ticker, daily(chart_queries.price_series(session, ticker, since)))
        for ticker in queries.watchlist(session, chat.id)
    )
    return ChartData(WATCHLIST, CHANGE, WEEK, (), lang=chat.lang, series=tuple(s for s in series if len(s[1]) >= 2))


class ChartCache:
    """Rendered PNGs by (subject, metric, range, day) and the values drawn: another chat's thresholds, a new note
    or a new close give a new picture; the same request the same day reuses the old one."""

    def __init__(self, render: Callable[[ChartData], bytes] = render_chart, size: int = MAX_CACHED_CHARTS) -> None:
        self.render = render
        self.size = size
        self._pngs: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self.renders = 0

    def png(self, data: ChartData, today: date) -> bytes:
        """The PNG of `data` (blocking: call it on a worker thread)."""
        key = (data.subject, data.metric, data.range_key, today, data)
        cached = self._pngs.get(key)
        if cached is not None:
            self._pngs.move_to_end(key)
            return cached
        png = self.render(data)
        self.renders += 1
        self._pngs[key] = png
        while len(self._pngs) > self.size:
            self._pngs.popitem(last=False)
        return png
