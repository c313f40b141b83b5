"""Price watcher on the real Yahoo / Stooq / CoinGecko / mempool bodies: parsing, junk detection and fallbacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from watchers.http import FetchError
from watchers.prices import (
    MAX_QUOTE_BYTES,
    QuoteUnavailable,
    UnusableAnswer,
    fetch_btc_quote,
    fetch_stock_quote,
    parse_coingecko_simple_price,
    parse_mempool_prices,
    parse_stooq_csv,
    parse_yahoo_chart,
)

FIXTURES = Path(__file__).parent / "fixtures"
YAHOO, STOOQ, COINGECKO, MEMPOOL = (
    "https://yahoo.test",
    "https://stooq.test",
    "https://coingecko.test",
    "https://mempool.test",
)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

# Built from the documented `f=sd2t2ohlcv&h` layout (SOURCES.md "Missing"): no real successful Stooq answer exists.
STOOQ_SUCCESS_BUILT = (
    "Symbol,Date,Time,Open,High,Low,Close,Volume\r\nMARA.US,2026-11-24,22:00:09,11.9,12.4,11.7,12.05,41234567\r\n"
)


def fixture(path: str) -> bytes:
    return (FIXTURES / path).read_bytes()


def btc_usd_chart_as_of_2020_01_03() -> bytes:
    """The real BTC-USD daily chart, with `meta` moved to 2020-01-03 15:00 UTC and that day's close as the price,
    as if fetched then (the recorded `meta` is from 2025, years after its bars)."""
    data = json.loads(fixture("yahoo/chart_daily_bars_btc_usd.json"))
    meta = data["chart"]["result"][0]["meta"]
    meta["regularMarketTime"] = int(datetime(2020, 1, 3, 15, 0, tzinfo=UTC).timestamp())
    meta["regularMarketPrice"] = data["chart"]["result"][0]["indicators"]["quote"][0]["close"][2]
    return json.dumps(data).encode()


Responder = httpx.Response | Callable[[httpx.Request], httpx.Response]


class Sources:
    """httpx.MockTransport app answering by host; records every request."""

    def __init__(self, **answers: Responder) -> None:
        self.answers = {f"{host}.test": answer for host, answer in answers.items()}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.get(request.url.host)
        if answer is None:
            raise httpx.ConnectError("connection refused", request=request)
        return answer(request) if callable(answer) else answer

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self))

    def hosts(self) -> list[str]:
        return [request.url.host for request in self.requests]


def ok(body: bytes | str, content_type: str = "application/json") -> httpx.Response:
    content = body.encode() if isinstance(body, str) else body
    return httpx.Response(200, content=content, headers={"Content-Type": content_type})


# --- parsers on the real bodies ------------------------------------------------------------------------------


def test_yahoo_weekend_range_without_timestamps_still_gives_price_and_previous_close() -> None:
    quote = parse_yahoo_chart(fixture("yahoo/chart_weekend_no_timestamp.json"), "aapl")
    assert quote.symbol == "AAPL" and quote.source == "yahoo"
    assert quote.price == 244.87
    assert quote.previous_close == 244.47
    assert quote.change_pct == pytest.approx((244.87 - 244.47) / 244.47 * 100)
    assert quote.at == datetime(2025, 2, 19, 21, 0, 1, tzinfo=UTC)


def test_yahoo_previous_close_is_the_last_bar_of_an_earlier_session() -> None:
    quote = parse_yahoo_chart(btc_usd_chart_as_of_2020_01_03(), "BTC-USD")
    assert quote.price == pytest.approx(7344.88427734375)
    assert quote.previous_close == pytest.approx(6985.47021484375)  # the 2020-01-02 close, not the same-day bar
    assert quote.change_pct == pytest.approx(5.1452, abs=1e-3)


def test_yahoo_stale_bars_and_chart_previous_close_are_not_a_previous_close() -> None:
    quote = parse_yahoo_chart(fixture("yahoo/chart_historic_range_stale_bars.json"), "AAPL")
    assert quote.price == 220.003
    assert quote.at == datetime(2025, 3, 24, 13, 51, 33, tzinfo=UTC)
    assert quote.previous_close is None and quote.change_pct is None  # 2022 bar and chartPreviousClose ignored


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (fixture("yahoo/rate_limited_429.txt"), "non-JSON"),
        (fixture("yahoo/unknown_symbol_404.json"), "No data found"),
        (b"", "non-JSON"),
        (b"<html><body>consent</body></html>", "non-JSON"),
        (b"[1, 2]", "not an object"),
        (b'{"chart": {"result": [], "error": null}}', "no result"),
        (b'{"chart": {"result": [{"meta": {"regularMarketPrice": "NaN"}}], "error": null}}', "no regular market"),
        (b"\xff\xfe\x00junk", "non-JSON"),
        (b"[" * 100_000, "non-JSON"),
    ],
)
def test_yahoo_junk_is_an_unusable_answer(body: bytes, reason: str) -> None:
    with pytest.raises(UnusableAnswer, match=reason):
        parse_yahoo_chart(body, "MARA")


def test_stooq_nd_row_is_an_unusable_answer() -> None:
    with pytest.raises(UnusableAnswer, match="no data"):
        parse_stooq_csv(fixture("stooq/unknown_symbol_nd.csv").decode(), "APPL")


def test_stooq_quote_in_warsaw_time_becomes_utc() -> None:
    quote = parse_stooq_csv(STOOQ_SUCCESS_BUILT, "mara")
    assert (quote.symbol, quote.price, quote.source) == ("MARA", 12.05, "stooq")
    assert quote.previous_close is None and quote.change_pct is None  # this CSV format has no previous close
    assert quote.at == datetime(2026, 11, 24, 21, 0, 9, tzinfo=UTC)  # 22:00:09 CET


@pytest.mark.parametrize(
    "text",
    ["", "Exceeded the daily hits limit", "<!DOCTYPE html><html>proof of work</html>", "Symbol,Date\r\nMARA.US,x\r\n"],
)
def test_stooq_pages_that_are_not_the_csv_are_unusable(text: str) -> None:
    with pytest.raises(UnusableAnswer):
        parse_stooq_csv(text, "MARA")


def test_coingecko_price_with_24h_change_gives_the_price_a_day_ago() -> None:
    quote = parse_coingecko_simple_price(fixture("coingecko/simple_price_bitcoin.json"), NOW)
    assert (quote.symbol, quote.price, quote.source) == ("BTC", 103663, "coingecko")
    assert quote.change_pct == pytest.approx(1.6371141415010508)
    assert quote.previous_close == pytest.approx(103663 / 1.016371141415010508)
    assert quote.at == datetime.fromtimestamp(1747407859, UTC)


def test_coingecko_rate_limit_body_is_unusable_even_as_json() -> None:
    with pytest.raises(UnusableAnswer, match="CoinGecko error 429"):
        parse_coingecko_simple_price(fixture("coingecko/rate_limited_429.json"), NOW)


def test_mempool_prices_are_a_spot_price_without_change() -> None:
    quote = parse_mempool_prices(fixture("mempool/prices_2024-03-31.json"), NOW)
    assert (quote.symbol, quote.price, quote.source) == ("BTC", 69880, "mempool")
    assert quote.previous_close is None and quote.change_pct is None
    assert quote.at == datetime.fromtimestamp(1711854906, UTC)


# --- fetching with fallbacks ---------------------------------------------------------------------------------


async def test_stock_quote_comes_from_yahoo_when_it_answers() -> None:
    sources = Sources(yahoo=ok(fixture("yahoo/chart_weekend_no_timestamp.json")), stooq=ok(STOOQ_SUCCESS_BUILT))
    async with sources.client() as client:
        quote = await fetch_stock_quote(client, "mara", YAHOO + "/", STOOQ)
    assert quote.source == "yahoo" and quote.symbol == "MARA"
    assert sources.hosts() == ["yahoo.test"]
    url = sources.requests[0].url
    assert url.path == "/v8/finance/chart/MARA"
    assert url.params["interval"] == "1d" and url.params["range"] == "5d"


@pytest.mark.parametrize(
    "yahoo_answer",
    [
        httpx.Response(429, content=fixture("yahoo/rate_limited_429.txt"), headers={"Content-Type": "text/plain"}),
        httpx.Response(404, content=fixture("yahoo/unknown_symbol_404.json")),
        ok(fixture("yahoo/rate_limited_429.txt"), "text/html"),  # junk with HTTP 200
        ok(b"x" * (MAX_QUOTE_BYTES + 1)),
        httpx.Response(503),
    ],
    ids=["429-text", "404-json", "200-junk", "oversize", "503"],
)
async def test_stock_quote_falls_back_to_stooq(yahoo_answer: httpx.Response) -> None:
    sources = Sources(yahoo=yahoo_answer, stooq=ok(STOOQ_SUCCESS_BUILT, "text/csv"))
    async with sources.client() as client:
        quote = await fetch_stock_quote(client, "MARA", YAHOO, STOOQ)
    assert quote.source == "stooq" and quote.price == 12.05
    assert sources.hosts() == ["yahoo.test", "stooq.test"]
    assert str(sources.requests[1].url) == f"{STOOQ}/q/l/?s=mara.us&f=sd2t2ohlcv&h&e=csv"


async def test_stock_quote_falls_back_when_yahoo_refuses_the_connection() -> None:
    sources = Sources(stooq=ok(STOOQ_SUCCESS_BUILT))
    async with sources.client() as client:
        quote = await fetch_stock_quote(client, "MARA", YAHOO, STOOQ)
    assert quote.source == "stooq"


async def test_stock_quote_unavailable_names_both_reasons_and_keeps_retry_after() -> None:
    rate_limited = httpx.Response(429, content=fixture("yahoo/rate_limited_429.txt"), headers={"Retry-After": "30"})
    sources = Sources(yahoo=rate_limited, stooq=ok(fixture("stooq/unknown_symbol_nd.csv"), "text/csv"))
    async with sources.client() as client:
        with pytest.raises(QuoteUnavailable) as caught:
            await fetch_stock_quote(client, "MARA", YAHOO, STOOQ)
    error = caught.value
    assert isinstance(error, FetchError)
    assert error.retry_after == 30
    assert error.failures[0].startswith("yahoo: HTTP 429") and error.failures[1].startswith("stooq: Stooq has no data")


async def test_stock_ticker_is_escaped_in_the_url() -> None:
    sources = Sources(yahoo=ok(fixture("yahoo/chart_weekend_no_timestamp.json")))
    async with sources.client() as client:
        await fetch_stock_quote(client, "a/b?c", YAHOO, STOOQ)
    assert sources.requests[0].url.raw_path.startswith(b"/v8/finance/chart/A%2FB%3FC?")


async def test_btc_quote_comes_from_coingecko_when_it_answers() -> None:
    sources = Sources(coingecko=ok(fixture("coingecko/simple_price_bitcoin.json")))
    async with sources.client() as client:
        quote = await fetch_btc_quote(client, COINGECKO, MEMPOOL, now=NOW)
    assert quote.source == "coingecko" and quote.price == 103663
    params = sources.requests[0].url.params
    assert params["ids"] == "bitcoin" and params["vs_currencies"] == "usd" and params["include_24hr_change"] == "true"


@pytest.mark.parametrize(
    "coingecko_answer",
    [
        httpx.Response(429, content=fixture("coingecko/rate_limited_429.json"), headers={"Retry-After": "53"}),
        ok(fixture("coingecko/rate_limited_429.json")),  # the same body with HTTP 200
    ],
    ids=["http-429", "http-200-429-body"],
)
async def test_btc_quote_falls_back_to_mempool(coingecko_answer: httpx.Response) -> None:
    sources = Sources(coingecko=coingecko_answer, mempool=ok(fixture("mempool/prices_2024-03-31.json")))
    async with sources.client() as client:
        quote = await fetch_btc_quote(client, COINGECKO, MEMPOOL, now=NOW)
    assert quote.source == "mempool" and quote.price == 69880
    assert sources.requests[1].url.path == "/api/v1/prices"


async def test_btc_quote_unavailable_when_both_fail() -> None:
    sources = Sources(coingecko=ok(fixture("coingecko/rate_limited_429.json")), mempool=httpx.Response(502))
    async with sources.client() as client:
        with pytest.raises(QuoteUnavailable, match="coingecko: CoinGecko error 429.*mempool: HTTP 502"):
            await fetch_btc_quote(client, COINGECKO, MEMPOOL, now=NOW)
