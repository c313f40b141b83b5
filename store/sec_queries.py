"""Queries of the SEC watcher and its bot commands: filings, convertible notes, shares outstanding.

Rows in, rows out; what a filing or a note means is decided in `watchers/` and `bot/messages/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from store.models import ConvertibleNote, Filing, NetworkStat, NewsEvent, SharesOutstanding
from store.queries import insert_ignore, recent_events

#: Accessions looked up per IN (...) query (well under SQLite's bound-parameter limit).
ACCESSION_CHUNK = 500


def known_accessions(session: Session, ciks: Iterable[int]) -> set[str]:
    """Accessions already stored for these issuers."""
    ciks = list(ciks)
    if not ciks:
        return set()
    return set(session.exec(select(Filing.accession).where(col(Filing.cik).in_(ciks))))


def existing_accessions(session: Session, accessions: Sequence[str]) -> set[str]:
    """Which of `accessions` are stored (for skipping baseline rows that are known already)."""
    found: set[str] = set()
    for start in range(0, len(accessions), ACCESSION_CHUNK):
        chunk = list(accessions[start : start + ACCESSION_CHUNK])
        found.update(session.exec(select(Filing.accession).where(col(Filing.accession).in_(chunk))))
    return found


def insert_filing(session: Session, values: dict[str, Any]) -> bool:
    """Store a filing unless its accession is known; True when this call stored it (the database decides)."""
    return insert_ignore(session, Filing, values, ("accession",))


def latest_filings(session: Session, ticker: str, limit: int = 10) -> list[Filing]:
    """The issuer's filings, newest first (by filing date, then acceptance time)."""
    statement = (
        select(Filing)
        .where(Filing.ticker == ticker)
        .order_by(
            col(Filing.filed).desc(),
            col(Filing.accepted_at).desc(),
            col(Filing.accession).desc(),
        )
        .limit(limit)
    )
    return list(session.exec(statement))


def notes_of(session: Session, ticker: str) -> list[ConvertibleNote]:
    """Every known convertible note of the issuer, oldest announcement first."""
    statement = (
        select(ConvertibleNote)
        .where(ConvertibleNote.ticker == ticker)
        .order_by(col(ConvertibleNote.announced_on), col(ConvertibleNote.id))
    )
    return list(session.exec(statement))


def shares_outstanding(session: Session, ticker: str) -> SharesOutstanding | None:
    return session.get(SharesOutstanding, ticker)


def save_shares_outstanding(session: Session, ticker: str, shares: float, as_of: date, now: datetime) -> bool:
    """Keep the latest share count per issuer; True when it changed."""
    row = session.get(SharesOutstanding, ticker)
    if row is None:
        session.add(SharesOutstanding(ticker=ticker, shares=shares, as_of=as_of, updated_at=now))
        return True
    changed = (row.shares, row.as_of) != (shares, as_of)
    row.shares, row.as_of, row.updated_at = shares, as_of, now
    session.add(row)
    return changed


def latest_hashprice(session: Session) -> NetworkStat | None:
    """The newest network snapshot that has a hashprice."""
    return session.exec(
        select(NetworkStat)
        .where(col(NetworkStat.hashprice_usd_per_ph_day).is_not(None))
        .order_by(col(NetworkStat.at).desc(), col(NetworkStat.id))
    ).first()


def themed_news(session: Session, ticker: str, limit: int) -> list[NewsEvent]:
    """The issuer's latest stories that carry at least one theme (the /status card's news)."""
    events = recent_events(session, tickers=[ticker], limit=limit * 10)
    return [event for event in events if event.themes][:limit]
