"""Stock and BTC/USD quotes: Yahoo chart API with a Stooq CSV fallback; CoinGecko with a mempool.space fallback.

A quote carries the price, the previous close, the 1-day change computed against that close, the market time
and the source that answered. Junk answers count as failures so that the fallback is tried: Yahoo's plain-text
"Too Many Requests", its 404 JSON for unknown symbols, Stooq's `N/D` rows or HTML pages, and CoinGecko's
rate-limit body that can arrive with HTTP 200.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx

from watchers.http import FetchError, fetch

#: A quote answer is a few kB; anything near this is not a quote.
MAX_QUOTE_BYTES = 256 * 1024
#: Daily bars over five days: enough to find the previous session's close across a weekend.
YAHOO_CHART_QUERY = "interval=1d&range=5d"
#: A bar older than this is not "the previous close" (a historic range, or a long-stale chart).
MAX_PREVIOUS_CLOSE_AGE = timedelta(days=7)
#: UTC offsets are below a day; a larger `gmtoffset` is junk.
MAX_UTC_OFFSET_SECONDS = 86_400
#: Stooq columns for `f=sd2t2ohlcv&h`: symbol, date, time, open, high, low, close, volume.
STOOQ_FIELDS = "sd2t2ohlcv"
STOOQ_HEADER = ("symbol", "date", "time", "open", "high", "low", "close", "volume")
STOOQ_US_SUFFIX = ".us"
#: Stooq prints its quote times in Warsaw local time (an assumption: no successful capture is on file).
STOOQ_TIMEZONE = ZoneInfo("Europe/Warsaw")
COINGECKO_QUERY = "ids=bitcoin&vs_currencies=usd&include_24hr_change=true&include_last_updated_at=true"
BTC_SYMBOL = "BTC"
JSON_ACCEPT = "application/json"


@dataclass(frozen=True)
class Quote:
    """One price observation: `change_pct` is the 1-day change against `previous_close` (None when unknown)."""

    symbol: str
    price: float
    previous_close: float | None
    change_pct: float | None
    at: datetime
    source: str


class UnusableAnswer(ValueError):
    """The source answered, but not with usable data (rate-limit text, error JSON, N/D row, HTML page)."""


class QuoteUnavailable(FetchError):
    """Every source for a symbol failed; the message lists each source's reason."""

    def __init__(self, symbol: str, failures: list[str], retry_after: float | None = None) -> None:
        super().__init__(f"no quote for {symbol}: " + "; ".join(failures), retry_after=retry_after)
        self.symbol = symbol
        self.failures = tuple(failures)


def finite_number(value: object) -> float | None:
    """A JSON number, or a numeric string (mempool sends some numbers as strings); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ""))
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _positive(value: object) -> float | None:
    number = finite_number(value)
    return number if number is not None and number > 0 else None


def _epoch(value: object) -> datetime | None:
    """Unix seconds → aware UTC datetime; None when missing or absurd."""
    seconds = finite_number(value)
    if seconds is None or seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def load_json_object(body: bytes, source: str) -> dict[str, object]:
    """The body as a JSON object, or UnusableAnswer quoting the start of what came instead."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        snippet = body[:40].decode("utf-8", errors="replace").strip()
        raise UnusableAnswer(f"{source} answered non-JSON: {snippet!r}") from exc
    if not isinstance(data, dict):
        raise UnusableAnswer(f"{source} answered JSON that is not an object")
    return data


def change_pct(price: float, previous_close: float | None) -> float | None:
    """1-day change in percent against the previous close."""
    if previous_close is None or previous_close <= 0:
        return None
    return (price - previous_close) / previous_close * 100.0


def _exchange_zone(meta: dict[str, object]) -> tzinfo:
    name = meta.get("exchangeTimezoneName")
    if isinstance(name, str):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
            pass
    offset = finite_number(meta.get("gmtoffset"))
    if offset is None or abs(offset) >= MAX_UTC_OFFSET_SECONDS:
        return UTC
    return timezone(timedelta(seconds=offset))


def _previous_close_from_bars(result: dict[str, object], at: datetime, zone: tzinfo) -> float | None:
    """The close of the last daily bar before the session of `at`, if that bar is recent enough."""
    timestamps = result.get("timestamp")
    indicators = result.get("indicators")
    quotes = indicators.get("quote") if isinstance(indicators, dict) else None
    closes = quotes[0].get("close") if isinstance(quotes, list) and quotes and isinstance(quotes[0], dict) else None
    if not isinstance(timestamps, list) or not isinstance(closes, list):
        return None  # weekend and holiday ranges come without `timestamp`
    session_day = at.astimezone(zone).date()
    previous: float | None = None
    for stamp, close in zip(timestamps, closes, strict=False):
        bar_at, bar_close = _epoch(stamp), _positive(close)
        if bar_at is None or bar_close is None or bar_at.astimezone(zone).date() >= session_day:
            continue
        if at - bar_at <= MAX_PREVIOUS_CLOSE_AGE:
            previous = bar_close
    return previous


def parse_yahoo_chart(body: bytes, ticker: str) -> Quote:
    """A Yahoo v8 chart answer → Quote. Price and time from `meta`; the previous close from `meta.previousClose`
    or else the last daily bar of an earlier session (never `chartPreviousClose`, the close before the range)."""
    data = load_json_object(body, "Yahoo")
    chart = data.get("chart")
    if not isinstance(chart, dict):
        raise UnusableAnswer("Yahoo answer has no chart")
    error = chart.get("error")
    if error:
        detail = (error.get("description") or error.get("code")) if isinstance(error, dict) else error
        raise UnusableAnswer(f"Yahoo error: {str(detail)[:120]}")
    results = chart.get("result")
    result = results[0] if isinstance(results, list) and results else None
    meta = result.get("meta") if isinstance(result, dict) else None
    if not isinstance(result, dict) or not isinstance(meta, dict):
        raise UnusableAnswer("Yahoo chart has no result")
    price = _positive(meta.get("regularMarketPrice"))
    at = _epoch(meta.get("regularMarketTime"))
    if price is None or at is None:
        raise UnusableAnswer("Yahoo chart has no regular market price and time")
    previous = _positive(meta.get("previousClose")) or _previous_close_from_bars(result, at, _exchange_zone(meta))
    return Quote(ticker.upper(), price, previous, change_pct(price, previous), at, "yahoo")


def parse_stooq_csv(text: str, ticker: str) -> Quote:
    """A Stooq `f=sd2t2ohlcv&h` CSV → Quote (close as price; this format carries no previous close)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    header = tuple(cell.strip().lower() for cell in lines[0].split(",")) if lines else ()
    if header != STOOQ_HEADER or len(lines) < 2:
        raise UnusableAnswer(f"Stooq answered something other than the quote CSV: {text[:40]!r}")
    row = [cell.strip() for cell in lines[1].split(",")]
    if len(row) != len(STOOQ_HEADER):
        raise UnusableAnswer("Stooq quote row has the wrong number of columns")
    price = _positive(row[6])
    if price is None:
        raise UnusableAnswer(f"Stooq has no data for {row[0][:20]!r} ({row[6][:10]})")
    try:
        day = date.fromisoformat(row[1])
        clock = time.fromisoformat(row[2])
    except ValueError as exc:
        raise UnusableAnswer(f"Stooq quote has no usable date/time: {row[1][:12]!r} {row[2][:12]!r}") from exc
    at = datetime.combine(day, clock, STOOQ_TIMEZONE).astimezone(UTC)
    return Quote(ticker.upper(), price, None, None, at, "stooq")


def parse_coingecko_simple_price(body: bytes, now: datetime) -> Quote:
    """CoinGecko `simple/price` for bitcoin → Quote. The previous close is the price 24 h ago, derived from
    `usd_24h_change`; a rate-limit body (even with HTTP 200) is junk."""
    data = load_json_object(body, "CoinGecko")
    status = data.get("status")
    if isinstance(status, dict) and status.get("error_code"):
        raise UnusableAnswer(f"CoinGecko error {status.get('error_code')}: {str(status.get('error_message'))[:80]}")
    bitcoin = data.get("bitcoin")
    price = _positive(bitcoin.get("usd")) if isinstance(bitcoin, dict) else None
    if not isinstance(bitcoin, dict) or price is None:
        raise UnusableAnswer("CoinGecko answer has no bitcoin.usd")
    change = finite_number(bitcoin.get("usd_24h_change"))
    previous = price / (1 + change / 100.0) if change is not None and change > -100 else None
    at = _epoch(bitcoin.get("last_updated_at")) or now
    return Quote(BTC_SYMBOL, price, previous, change if previous is not None else None, at, "coingecko")


def parse_mempool_prices(body: bytes, now: datetime) -> Quote:
    """mempool.space `/api/v1/prices` → Quote (a spot price only: no previous close, so no change)."""
    data = load_json_object(body, "mempool.space")
    price = _positive(data.get("USD"))
    if price is None:
        raise UnusableAnswer("mempool.space prices have no USD")
    return Quote(BTC_SYMBOL, price, None, None, _epoch(data.get("time")) or now, "mempool")


def _base(url: str) -> str:
    return url.rstrip("/")


async def _first_quote(symbol: str, attempts: list[tuple[str, Callable[[], Awaitable[Quote]]]]) -> Quote:
    """Try each source in order; the first usable quote wins, else QuoteUnavailable with every reason."""
    failures: list[str] = []
    retry_after: float | None = None
    for source, attempt in attempts:
        try:
            return await attempt()
        except FetchError as exc:
            failures.append(f"{source}: {exc}")
            if exc.retry_after is not None:
                retry_after = max(retry_after or 0.0, exc.retry_after)
        except UnusableAnswer as exc:
            failures.append(f"{source}: {exc}")
    raise QuoteUnavailable(symbol, failures, retry_after)


async def fetch_stock_quote(client: httpx.AsyncClient, ticker: str, yahoo_url: str, stooq_url: str) -> Quote:
    """The latest quote of a listed ticker: Yahoo's chart API, else Stooq's CSV; QuoteUnavailable when both fail."""
    ticker = ticker.strip().upper()
    yahoo = f"{_base(yahoo_url)}/v8/finance/chart/{quote(ticker, safe='')}?{YAHOO_CHART_QUERY}"
    stooq_symbol = quote(ticker.lower() + STOOQ_US_SUFFIX, safe="")
    stooq = f"{_base(stooq_url)}/q/l/?s={stooq_symbol}&f={STOOQ_FIELDS}&h&e=csv"

    async def from_yahoo() -> Quote:
        result = await fetch(client, yahoo, headers={"Accept": JSON_ACCEPT}, max_bytes=MAX_QUOTE_BYTES)
        return parse_yahoo_chart(result.body, ticker)

    async def from_stooq() -> Quote:
        result = await fetch(client, stooq, max_bytes=MAX_QUOTE_BYTES)
        return parse_stooq_csv(result.text(), ticker)

    return await _first_quote(ticker, [("yahoo", from_yahoo), ("stooq", from_stooq)])


async def fetch_btc_quote(
    client: httpx.AsyncClient, coingecko_url: str, mempool_url: str, *, now: datetime | None = None
) -> Quote:
    """BTC/USD: CoinGecko (with its 24 h change), else mempool.space's spot price; QuoteUnavailable when both fail.
    `now` stamps a quote whose answer carries no time."""
    stamp = now or datetime.now(UTC)
    coingecko = f"{_base(coingecko_url)}/api/v3/simple/price?{COINGECKO_QUERY}"
    mempool = f"{_base(mempool_url)}/api/v1/prices"

    async def from_coingecko() -> Quote:
        result = await fetch(client, coingecko, headers={"Accept": JSON_ACCEPT}, max_bytes=MAX_QUOTE_BYTES)
        return parse_coingecko_simple_price(result.body, stamp)

    async def from_mempool() -> Quote:
        result = await fetch(client, mempool, headers={"Accept": JSON_ACCEPT}, max_bytes=MAX_QUOTE_BYTES)
        return parse_mempool_prices(result.body, stamp)

    return await _first_quote(BTC_SYMBOL, [("coingecko", from_coingecko), ("mempool", from_mempool)])
