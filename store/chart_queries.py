"""Queries behind the charts: the price and hashprice series over a window, the backfill of daily history, and
the dates to mark (8-K filings). Backfilled points are stamped at a fixed hour of their day and never land on
the current day, so the live quotes stay the newest points of each series."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from sqlmodel import Session, col, select

from store.models import AlertRule, Filing, NetworkStat, PricePoint

#: Where a backfilled daily close sits in its day (about the US close).
DAILY_CLOSE_UTC = time(20, 0)
#: Where a backfilled daily hashprice sits in its day.
DAILY_HASHPRICE_UTC = time(12, 0)
DAILY_SOURCE = "yahoo-daily"


def price_series(session: Session, symbol: str, since: datetime) -> list[tuple[datetime, float]]:
    """Every stored price of `symbol` since `since`, oldest first (live quotes and backfilled closes)."""
    rows = session.exec(
        select(PricePoint.at, PricePoint.price)
        .where(PricePoint.symbol == symbol, col(PricePoint.at) >= since)
        .order_by(col(PricePoint.at), col(PricePoint.id))
    )
    return [(at, float(price)) for at, price in rows]


def hashprice_series(session: Session, since: datetime) -> list[tuple[datetime, float]]:
    """Every stored hashprice since `since`, oldest first."""
    rows = session.exec(
        select(NetworkStat.at, NetworkStat.hashprice_usd_per_ph_day)
        .where(col(NetworkStat.at) >= since, col(NetworkStat.hashprice_usd_per_ph_day).is_not(None))
        .order_by(col(NetworkStat.at), col(NetworkStat.id))
    )
    return [(at, float(value)) for at, value in rows if value is not None]


def _days_with_points(stamps: Iterable[datetime]) -> set[date]:
    return {stamp.astimezone(UTC).date() for stamp in stamps}


def insert_daily_closes(session: Session, symbol: str, closes: Iterable[tuple[date, float]], today: date) -> int:
    """Add a daily close for each past day that has no price of `symbol` yet; returns how many were added."""
    known = _days_with_points(session.exec(select(PricePoint.at).where(PricePoint.symbol == symbol)))
    added = 0
    for day, close in closes:
        if day >= today or day in known:
            continue
        at = datetime.combine(day, DAILY_CLOSE_UTC, UTC)
        session.add(PricePoint(symbol=symbol, price=close, source=DAILY_SOURCE, at=at))
        known.add(day)
        added += 1
    session.flush()
    return added


def insert_daily_hashprices(session: Session, values: Iterable[tuple[date, float]], today: date) -> int:
    """Add a daily hashprice for each past day that has no network snapshot yet; returns how many were added."""
    known = _days_with_points(session.exec(select(NetworkStat.at)))
    added = 0
    for day, value in values:
        if day >= today or day in known:
            continue
        session.add(NetworkStat(at=datetime.combine(day, DAILY_HASHPRICE_UTC, UTC), hashprice_usd_per_ph_day=value))
        known.add(day)
        added += 1
    session.flush()
    return added


def daily_closes(session: Session, symbol: str, since: datetime) -> dict[date, float]:
    """The last price of each UTC day since `since` (what a daily series needs, e.g. BTC/USD for hashprice)."""
    return {at.astimezone(UTC).date(): price for at, price in price_series(session, symbol, since)}


def filing_days(session: Session, ticker: str, forms: tuple[str, ...], since: date) -> list[date]:
    """The days `ticker` filed one of `forms` since `since`, oldest first (one per day)."""
    rows = session.exec(
        select(Filing).where(
            Filing.ticker == ticker,
            col(Filing.form).in_(forms),
            col(Filing.filed).is_not(None),
            col(Filing.filed) >= since,
        )
    )
    return sorted({row.filed for row in rows if row.filed is not None})


def chat_thresholds(session: Session, chat_id: int, subject: str, metric: str) -> list[AlertRule]:
    """The chat's rules on one subject's metric (the dashed lines of its BTC and hashprice charts)."""
    return list(
        session.exec(
            select(AlertRule)
            .where(AlertRule.chat_id == chat_id, AlertRule.subject == subject, AlertRule.metric == metric)
            .order_by(col(AlertRule.number))
        )
    )
