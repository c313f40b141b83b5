"""Price history for charts: daily closes from the Yahoo chart API (`range`/`interval`), and daily hashprice
from mempool.space's hashrate and block-reward history.

Daily closes come from the same v8 chart endpoint as quotes, asked for a long range of daily bars; each bar's
day is its exchange-local date. Hashprice per day = (average reward per block × 144 blocks, in BTC) × BTC/USD
of that day ÷ the day's average hashrate in PH/s (the formula of watchers/network.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote

import httpx

from watchers.http import fetch
from watchers.network import BLOCKS_PER_DAY, HASHES_PER_PH, SATOSHIS_PER_BTC, hashprice_usd_per_ph_day
from watchers.prices import JSON_ACCEPT, UnusableAnswer, _exchange_zone, finite_number, load_json_object

#: Two years of daily bars are about 30 kB; a year of mempool's daily history a little more.
MAX_HISTORY_BYTES = 2 * 1024 * 1024
#: How much history one backfill asks for (the longest chart range is two years).
HISTORY_RANGE = "2y"
#: Yahoo's symbol for BTC/USD.
YAHOO_BTC_SYMBOL = "BTC-USD"
#: mempool.space's history window for hashrate and rewards.
MEMPOOL_HISTORY_WINDOW = "2y"


@dataclass(frozen=True)
class DailyValue:
    """One day's value of a series (a close, or a day's hashprice)."""

    day: date
    value: float


def _day(stamp: object, zone: object = UTC) -> date | None:
    seconds = finite_number(stamp)
    if seconds is None or seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC).astimezone(zone).date()  # type: ignore[arg-type]
    except (OverflowError, OSError, ValueError):
        return None


def parse_yahoo_daily_closes(body: bytes) -> list[DailyValue]:
    """A Yahoo v8 chart answer with daily bars → one close per exchange-local day, oldest first.
    Bars without a close (a half-formed bar, a halt) are skipped; a range without `timestamp` has no bars."""
    data = load_json_object(body, "Yahoo")
    chart = data.get("chart")
    if not isinstance(chart, dict) or chart.get("error"):
        raise UnusableAnswer("Yahoo answer has no chart")
    results = chart.get("result")
    result = results[0] if isinstance(results, list) and results else None
    if not isinstance(result, dict):
        raise UnusableAnswer("Yahoo chart has no result")
    meta = result.get("meta")
    zone = _exchange_zone(meta if isinstance(meta, dict) else {})
    timestamps = result.get("timestamp")
    indicators = result.get("indicators")
    quotes = indicators.get("quote") if isinstance(indicators, dict) else None
    closes = quotes[0].get("close") if isinstance(quotes, list) and quotes and isinstance(quotes[0], dict) else None
    if not isinstance(timestamps, list) or not isinstance(closes, list):
        return []
    by_day: dict[date, float] = {}
    for stamp, close in zip(timestamps, closes, strict=False):
        day, value = _day(stamp, zone), finite_number(close)
        if day is not None and value is not None and value > 0:
            by_day[day] = value  # a later bar of the same day (the live one) wins
    return [DailyValue(day, by_day[day]) for day in sorted(by_day)]


def _daily_averages(rows: object, key: str) -> dict[date, float]:
    if not isinstance(rows, list):
        return {}
    found: dict[date, float] = {}
    for row in rows:
        if not isinstance(row, dict):
            continue
        day, value = _day(row.get("timestamp")), finite_number(row.get(key))
        if day is not None and value is not None and value > 0:
            found[day] = value
    return found


def parse_mempool_hashrates(body: bytes) -> dict[date, float]:
    """`/api/v1/mining/hashrate/{window}` → average hashrate per day in PH/s (from `hashrates[].avgHashrate`)."""
    data = load_json_object(body, "mempool hashrate")
    return {day: value / HASHES_PER_PH for day, value in _daily_averages(data.get("hashrates"), "avgHashrate").items()}


def parse_mempool_block_rewards(body: bytes) -> dict[date, float]:
    """`/api/v1/mining/blocks/rewards/{window}` → BTC mined per 144 blocks (fees included) per day, from the
    average reward per block in satoshis (`avgRewards`, subsidy plus fees)."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise UnusableAnswer("mempool block rewards answered non-JSON") from exc
    return {
        day: value * BLOCKS_PER_DAY / SATOSHIS_PER_BTC for day, value in _daily_averages(data, "avgRewards").items()
    }


def daily_hashprice(
    hashrates_ph_s: dict[date, float], mined_btc_144: dict[date, float], btc_usd: dict[date, float]
) -> list[DailyValue]:
    """Hashprice for each day all three inputs know (mempool's rows are a few days apart on long windows: a
    day's reward and BTC close are taken from that day, else the nearest earlier one)."""
    values: list[DailyValue] = []
    reward_days, price_days = sorted(mined_btc_144), sorted(btc_usd)
    for day in sorted(hashrates_ph_s):
        reward = _at_or_before(mined_btc_144, reward_days, day)
        price = _at_or_before(btc_usd, price_days, day)
        if reward is not None and price is not None:
            values.append(DailyValue(day, hashprice_usd_per_ph_day(reward, price, hashrates_ph_s[day])))
    return values


def _at_or_before(series: dict[date, float], days: list[date], day: date) -> float | None:
    if day in series:
        return series[day]
    earlier = [d for d in days if d <= day]
    return series[earlier[-1]] if earlier and (day - earlier[-1]).days <= 7 else None


async def fetch_daily_closes(
    client: httpx.AsyncClient, symbol: str, yahoo_url: str, history_range: str = HISTORY_RANGE
) -> list[DailyValue]:
    """Daily closes of a ticker (or `BTC`, asked as BTC-USD) over `history_range`, oldest first."""
    yahoo_symbol = YAHOO_BTC_SYMBOL if symbol.upper() == "BTC" else symbol.upper()
    url = f"{yahoo_url.rstrip('/')}/v8/finance/chart/{quote(yahoo_symbol, safe='')}?interval=1d&range={history_range}"
    result = await fetch(client, url, headers={"Accept": JSON_ACCEPT}, max_bytes=MAX_HISTORY_BYTES)
    return parse_yahoo_daily_closes(result.body)


async def fetch_hashprice_history(
    client: httpx.AsyncClient, mempool_url: str, btc_usd: dict[date, float], window: str = MEMPOOL_HISTORY_WINDOW
) -> list[DailyValue]:
    """Daily hashprice over `window` from mempool.space's hashrate and block-reward history and BTC closes."""
    base = mempool_url.rstrip("/")
    hashrates = await fetch(
        client, f"{base}/api/v1/mining/hashrate/{window}", headers={"Accept": JSON_ACCEPT}, max_bytes=MAX_HISTORY_BYTES
    )
    rewards = await fetch(
        client,
        f"{base}/api/v1/mining/blocks/rewards/{window}",
        headers={"Accept": JSON_ACCEPT},
        max_bytes=MAX_HISTORY_BYTES,
    )
    return daily_hashprice(parse_mempool_hashrates(hashrates.body), parse_mempool_block_rewards(rewards.body), btc_usd)
