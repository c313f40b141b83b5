"""The history job: backfill daily closes once per ticker and BTC (Yahoo chart API, `range`/`interval`) and daily
hashprice (mempool.space hashrate and block-reward history priced with the BTC closes), so a chart shows more
than what the bot saw since it started. The live quote and network polls keep the series current afterwards.

One Source row per history ("history:MARA", "history:BTC", "history:hashprice"): `baseline_done` once it is
backfilled; a failure backs off like every other source and is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from minerwatch.config import Settings
from minerwatch.jobs.market import next_poll_after_failure
from store import chart_queries, queries
from store.db import off_loop, session_scope
from store.models import Source
from watchers.history import DailyValue, fetch_daily_closes, fetch_hashprice_history
from watchers.http import FetchError
from watchers.prices import BTC_SYMBOL, UnusableAnswer

log = logging.getLogger(__name__)

HISTORY_KIND = "history"
HASHPRICE_KEY = "history:hashprice"
#: How often the job looks for a history still to backfill (a success is not repeated; a failure backs off).
HISTORY_INTERVAL = timedelta(minutes=30)
#: BTC closes read to price the hashprice history (the longest chart range and a little more).
HASHPRICE_BTC_DAYS = 800


def history_key(symbol: str) -> str:
    return f"{HISTORY_KIND}:{symbol}"


class HistoryJob:
    """Backfills what is not backfilled yet; BTC before hashprice, which is priced with the BTC closes."""

    def __init__(
        self,
        engine: Engine,
        client: httpx.AsyncClient,
        settings: Settings,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.client = client
        self.settings = settings
        self.clock = clock
        self.symbols = [BTC_SYMBOL, *(s for s in dict.fromkeys(settings.tickers) if s != BTC_SYMBOL)]
        entries = [(history_key(s), f"{s} daily closes (Yahoo)") for s in self.symbols]
        entries.append((HASHPRICE_KEY, "hashprice history (mempool.space)"))
        with session_scope(engine) as session:
            queries.sync_sources(session, HISTORY_KIND, entries)

    async def run_once(self) -> int:
        """Backfill every due history; returns the number of points added."""
        now = self.clock()
        pending = await off_loop(self._pending, now)
        added = 0
        for symbol in self.symbols:
            if history_key(symbol) in pending:
                added += await self._backfill(history_key(symbol), self._closes(symbol), symbol)
        if HASHPRICE_KEY in pending and history_key(BTC_SYMBOL) not in await off_loop(self._pending, now):
            added += await self._backfill(HASHPRICE_KEY, self._hashprices(), None)
        return added

    def _pending(self, now: datetime) -> set[str]:
        with session_scope(self.engine) as session:
            rows = session.exec(select(Source).where(Source.kind == HISTORY_KIND, Source.baseline_done == False))  # noqa: E712
            return {row.key for row in rows if row.next_poll_at is None or row.next_poll_at <= now}

    async def _closes(self, symbol: str) -> list[DailyValue]:
        return await fetch_daily_closes(self.client, symbol, self.settings.prices.yahoo_url)

    async def _hashprices(self) -> list[DailyValue]:
        today = self.clock().date()
        since = datetime.combine(today - timedelta(days=HASHPRICE_BTC_DAYS), time(0), UTC)
        btc = await off_loop(self._btc_closes, since)
        return await fetch_hashprice_history(self.client, self.settings.network.mempool_url, btc)

    def _btc_closes(self, since: datetime) -> dict[date, float]:
        with session_scope(self.engine) as session:
            return chart_queries.daily_closes(session, BTC_SYMBOL, since)

    async def _backfill(self, key: str, fetch_values: Awaitable[list[DailyValue]], symbol: str | None) -> int:
        now = self.clock()
        try:
            values = await fetch_values
        except (FetchError, UnusableAnswer) as error:
            await off_loop(self._failed, key, now, error)
            return 0
        return await off_loop(self._store, key, symbol, values, now)

    def _store(self, key: str, symbol: str | None, values: list[DailyValue], now: datetime) -> int:
        pairs = [(value.day, value.value) for value in values]
        with session_scope(self.engine) as session:
            if symbol is None:
                added = chart_queries.insert_daily_hashprices(session, pairs, now.date())
            else:
                added = chart_queries.insert_daily_closes(session, symbol, pairs, now.date())
            source = session.exec(select(Source).where(Source.key == key)).one()
            queries.record_success(session, source, now, etag=None, last_modified=None, next_poll_at=now)
            source.baseline_done = True
            session.add(source)
        log.info("%s: %d daily points backfilled", key, added)
        return added

    def _failed(self, key: str, now: datetime, error: Exception) -> None:
        with session_scope(self.engine) as session:
            source = session.exec(select(Source).where(Source.key == key)).one()
            next_poll = next_poll_after_failure(now, HISTORY_INTERVAL, source.failures + 1, None)
            change = queries.record_failure(session, source, now, str(error), next_poll)
        if change:
            log.warning("%s is failing: %s", key, error)
