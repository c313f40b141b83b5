"""Per-miner mutes: a chat silences one miner's instant alerts for a while (the "🔕 Mute" button); the digest
still lists them. Expired rows are ignored and replaced on the next mute."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from store.models import MinerMute


def mute_miner(session: Session, chat_id: int, ticker: str, until: datetime) -> None:
    """Mute `ticker` in `chat_id` until `until` (a later mute replaces an earlier one)."""
    row = session.get(MinerMute, (chat_id, ticker))
    if row is None:
        session.add(MinerMute(chat_id=chat_id, ticker=ticker, until=until))
    else:
        row.until = until
        session.add(row)
    session.flush()


def unmute_miner(session: Session, chat_id: int, ticker: str) -> bool:
    row = session.get(MinerMute, (chat_id, ticker))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def unmute_all(session: Session, chat_id: int) -> int:
    """/unmute: every per-miner mute of the chat ends; returns how many there were."""
    rows = list(session.exec(select(MinerMute).where(col(MinerMute.chat_id) == chat_id)))
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


def muted_tickers(session: Session, chat_id: int, now: datetime) -> set[str]:
    """The miners `chat_id` has muted at `now`."""
    rows = session.exec(select(MinerMute.ticker).where(col(MinerMute.chat_id) == chat_id, col(MinerMute.until) > now))
    return set(rows)


def mutes_until(session: Session, chat_id: int, now: datetime) -> dict[str, datetime]:
    """The miners `chat_id` has muted at `now`, each with when its mute ends, by ticker."""
    rows = session.exec(
        select(MinerMute)
        .where(col(MinerMute.chat_id) == chat_id, col(MinerMute.until) > now)
        .order_by(MinerMute.ticker)
    )
    return {row.ticker: row.until for row in rows}


def all_muted(session: Session, chat_id: int, tickers: Iterable[str], now: datetime) -> bool:
    """True when every one of `tickers` is muted in the chat (an alert about only muted miners is skipped)."""
    wanted = set(tickers)
    return bool(wanted) and wanted <= muted_tickers(session, chat_id, now)
