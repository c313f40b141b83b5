"""The market watchers as scheduled jobs: BTC and stock quotes, Bitcoin network statistics, threshold alerts.

Each job polls its due sources, appends new data points to the store's series and, in the same transaction,
evaluates every threshold rule on them (`bot.alerts.rules_store.apply_data_point`), queuing alerts in the outbox.
Failure state lives on one Source row per logical source ("prices:MARA", "prices:BTC", "network:mempool"):
exponential backoff, Retry-After honoured, a warning when a source starts failing and one when it recovers.
A fallback that answers (Stooq for Yahoo, mempool.space for CoinGecko) counts as the source answering.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.alerts.rules import NETWORK
from bot.alerts.rules_store import apply_data_point, network_values, price_values
from minerwatch.config import Settings
from minerwatch.jobs.schedule import next_poll_after_success
from store import alert_queries, queries
from store.db import off_loop, session_scope
from store.models import PricePoint, Source
from watchers.http import FetchError, backoff_seconds
from watchers.network import NetworkSnapshot, fetch_network_snapshot
from watchers.prices import BTC_SYMBOL, Quote, fetch_btc_quote, fetch_stock_quote

log = logging.getLogger(__name__)

PRICES_KIND = "prices"
NETWORK_KIND = "network"
NETWORK_SOURCE_KEY = "network:mempool"
#: Ticker quotes fetched at once (Yahoo throttles bursts).
MAX_CONCURRENT_QUOTES = 4
#: Hashprice uses the latest stored BTC/USD when it is at most this old; otherwise it fetches a fresh quote.
MAX_BTC_PRICE_AGE = timedelta(hours=1)
#: A quote stamped up to this far after its arrival is clock jitter: re-stamped without a word (beyond: logged once).
MAX_SILENT_CLOCK_SKEW = timedelta(minutes=1)


def _rounded(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    return f"{minutes // 60}h {minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


def price_source_key(symbol: str) -> str:
    """The Source key of one symbol's quotes: `prices:MARA`, `prices:BTC`."""
    return f"{PRICES_KIND}:{symbol}"


def next_poll_after_failure(now: datetime, interval: timedelta, failures: int, retry_after: float | None) -> datetime:
    """After `failures` consecutive failures: the longest of the interval, the backoff and the Retry-After."""
    delay = max(interval.total_seconds(), backoff_seconds(failures), retry_after or 0.0)
    return now + timedelta(seconds=delay)


def _source(session: Session, key: str) -> Source:
    return session.exec(select(Source).where(Source.key == key)).one()


class _MarketJob:
    """What the price and network jobs share: the engine, the client, the clock and source health."""

    kind: str

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

    def _due(self, keys: list[str], now: datetime) -> set[str]:
        with session_scope(self.engine) as session:
            return {source.key for source in queries.due_sources(session, self.kind, now, keys=keys)}

    def _record_failure(self, key: str, now: datetime, interval: timedelta, error: FetchError) -> None:
        with session_scope(self.engine) as session:
            source = _source(session, key)
            next_poll = next_poll_after_failure(now, interval, source.failures + 1, error.retry_after)
            change = queries.record_failure(session, source, now, str(error), next_poll)
        if change:
            log.warning("%s is failing: %s (next try at %s)", change.source, error, f"{next_poll:%H:%M:%S}")

    def _record_success(self, session: Session, key: str, now: datetime, interval: timedelta) -> None:
        change = queries.record_success(
            session,
            _source(session, key),
            now,
            etag=None,
            last_modified=None,
            next_poll_at=next_poll_after_success(now, interval),
        )
        if change:
            log.warning("%s recovered", change.source)


class PricesJob(_MarketJob):
    """Polls BTC/USD (CoinGecko → mempool.space), then every watched ticker (Yahoo → Stooq)."""

    kind = PRICES_KIND

    def __init__(
        self,
        engine: Engine,
        client: httpx.AsyncClient,
        settings: Settings,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(engine, client, settings, clock)
        self._sources_ahead: set[str] = set()  # sources already reported for stamping quotes in the future
        self.tickers = [ticker for ticker in dict.fromkeys(settings.tickers) if ticker != BTC_SYMBOL]
        self._semaphore = asyncio.Semaphore(MAX_CONCURRENT_QUOTES)
        sources = [(price_source_key(BTC_SYMBOL), "BTC/USD (CoinGecko → mempool.space)")]
        sources += [(price_source_key(ticker), f"{ticker} quote (Yahoo → Stooq)") for ticker in self.tickers]
        with session_scope(engine) as session:
            queries.sync_sources(session, PRICES_KIND, sources)

    async def run_once(self) -> int:
        """Poll every due quote source; returns the number of alerts queued."""
        now = self.clock()
        due = await off_loop(self._due, [price_source_key(s) for s in (BTC_SYMBOL, *self.tickers)], now)
        queued = 0
        if price_source_key(BTC_SYMBOL) in due:  # first: the network job prices hashprice with it
            queued += await self._poll(BTC_SYMBOL, self._btc_quote, now)
        results = await asyncio.gather(
            *(self._poll_limited(ticker, now) for ticker in self.tickers if price_source_key(ticker) in due),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, BaseException):
                log.error("a quote poll failed unexpectedly", exc_info=result)
            else:
                queued += result
        return queued

    def _btc_quote(self) -> Awaitable[Quote]:
        prices = self.settings.prices
        return fetch_btc_quote(self.client, prices.coingecko_url, self.settings.network.mempool_url, now=self.clock())

    async def _poll_limited(self, ticker: str, now: datetime) -> int:
        prices = self.settings.prices
        async with self._semaphore:
            return await self._poll(
                ticker, lambda: fetch_stock_quote(self.client, ticker, prices.yahoo_url, prices.stooq_url), now
            )

    async def _poll(self, symbol: str, fetch_quote: Callable[[], Awaitable[Quote]], now: datetime) -> int:
        """One symbol: fetch, then store the quote and evaluate its rules in one transaction."""
        key, interval = price_source_key(symbol), self.settings.prices.interval
        try:
            quote = await fetch_quote()
        except FetchError as error:  # QuoteUnavailable: every source for the symbol failed
            await off_loop(self._record_failure, key, now, interval, error)
            return 0
        quote = self._not_ahead_of_receipt(quote, self.clock())
        return await off_loop(self._store_quote, key, symbol, quote, now, interval)

    def _store_quote(self, key: str, symbol: str, quote: Quote, now: datetime, interval: timedelta) -> int:
        with session_scope(self.engine) as session:
            self._record_success(session, key, now, interval)
            return self.apply_quote(session, symbol, quote, now)

    def _not_ahead_of_receipt(self, quote: Quote, received_at: datetime) -> Quote:
        """A quote stamped after it arrived (a source's clock or time zone is off) is stamped with its arrival:
        kept as is, one point in the future would make every later quote look old until that time passed."""
        if quote.at <= received_at:
            return quote
        ahead = quote.at - received_at
        if ahead > MAX_SILENT_CLOCK_SKEW and quote.source not in self._sources_ahead:
            self._sources_ahead.add(quote.source)
            log.warning(
                "%s stamps quotes %s ahead of the time they arrive (%s for %s); using the arrival time",
                quote.source,
                _rounded(ahead),
                f"{quote.at:%Y-%m-%d %H:%M:%S} UTC",
                quote.symbol,
            )
        return replace(quote, at=received_at)

    @staticmethod
    def apply_quote(session: Session, symbol: str, quote: Quote, now: datetime) -> int:
        """Append the quote to the series; if it is a new data point, evaluate the symbol's rules on it."""
        point = alert_queries.record_price(
            session,
            symbol=symbol,
            price=quote.price,
            previous_close=quote.previous_close,
            change_pct=quote.change_pct,
            source=quote.source,
            at=quote.at,
        )
        if point is None:
            return 0
        values = price_values(session, symbol, quote.price, quote.change_pct, now.date())
        return apply_data_point(session, symbol, values, quote.at, now)


class NetworkJob(_MarketJob):
    """Polls mempool.space for hashrate, difficulty and 144-block rewards; hashprice with the latest BTC/USD."""

    kind = NETWORK_KIND

    def __init__(
        self,
        engine: Engine,
        client: httpx.AsyncClient,
        settings: Settings,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(engine, client, settings, clock)
        with session_scope(engine) as session:
            queries.sync_sources(session, NETWORK_KIND, [(NETWORK_SOURCE_KEY, "Bitcoin network (mempool.space)")])

    async def run_once(self) -> int:
        """Poll the network statistics when due; returns the number of alerts queued."""
        now = self.clock()
        interval = self.settings.network.interval
        if NETWORK_SOURCE_KEY not in await off_loop(self._due, [NETWORK_SOURCE_KEY], now):
            return 0
        btc_usd = await self._btc_usd(now)
        try:
            snapshot = await fetch_network_snapshot(self.client, self.settings.network.mempool_url, btc_usd, now=now)
        except FetchError as error:  # NetworkUnavailable: hashrate or reward stats failed
            await off_loop(self._record_failure, NETWORK_SOURCE_KEY, now, interval, error)
            return 0
        return await off_loop(self._store_snapshot, snapshot, now, interval)

    def _store_snapshot(self, snapshot: NetworkSnapshot, now: datetime, interval: timedelta) -> int:
        with session_scope(self.engine) as session:
            self._record_success(session, NETWORK_SOURCE_KEY, now, interval)
            return self.apply_snapshot(session, snapshot, now)

    def _latest_btc(self) -> PricePoint | None:
        with session_scope(self.engine) as session:
            return alert_queries.latest_price(session, BTC_SYMBOL)

    async def _btc_usd(self, now: datetime) -> float | None:
        """The latest stored BTC/USD if recent, else a fresh quote (at start-up the price job may not have run);
        None when neither is at hand, which leaves hashprice blank for this snapshot."""
        point = await off_loop(self._latest_btc)
        if point is not None and now - point.at <= MAX_BTC_PRICE_AGE:
            return point.price
        try:
            quote = await fetch_btc_quote(
                self.client, self.settings.prices.coingecko_url, self.settings.network.mempool_url, now=now
            )
        except FetchError as error:
            log.info("no BTC/USD for hashprice: %s", error)
            return None
        return quote.price

    @staticmethod
    def apply_snapshot(session: Session, snapshot: NetworkSnapshot, now: datetime) -> int:
        """Append the snapshot to the series and evaluate the NETWORK rules on it."""
        stat = alert_queries.record_network_stat(
            session,
            at=snapshot.at,
            difficulty=snapshot.difficulty,
            hashrate_ph_s=snapshot.hashrate_ph_s,
            btc_mined_144=snapshot.btc_mined_144,
            btc_usd=snapshot.btc_usd,
            hashprice_usd_per_ph_day=snapshot.hashprice_usd_per_ph_day,
            difficulty_change_pct=snapshot.difficulty_change_pct,
            next_retarget_at=snapshot.next_retarget_at,
        )
        if stat is None:
            return 0
        return apply_data_point(session, NETWORK, network_values(stat), snapshot.at, now)
