"""End to end: `minerwatch run` against the loopback Bot API double and a loopback EDGAR + market API.

python-telegram-bot talks real HTTP to the Bot API double; the SEC watcher reads EDGAR (the `EdgarSite` of
test_sec_job) and the price and network watchers read Yahoo, CoinGecko and mempool.space (the `MarketAPI` of
test_market_job) over real HTTP from one loopback server. A user sends /start (the default watchlist: MARA,
CIFR, IREN, WULF); a new 8-K of CIFR arrives within one poll interval plus a second with its items in words;
an 8-K whose exhibit prices convertible notes arrives with the terms; /converts, /filings and /status show
them; every EDGAR request declared the User-Agent and none came faster than 10 a second.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from sqlmodel import select

from bot.sender import PRIVATE_CHAT_INTERVAL_S
from classifiers.keywords import KeywordClassifier
from minerwatch.config import Settings, load_settings
from minerwatch.runtime import Runtime
from store.db import session_scope
from store.models import PricePoint, SharesOutstanding, Source
from tests.doubles.botapi import BotApiDouble
from tests.doubles.botapi_types import SentMessage
from tests.doubles.server import LoopbackServer, Request, Response
from tests.helpers import until
from tests.test_market_job import MarketAPI
from tests.test_sec_job import CIFR, MARA, PRICING_RELEASE, USER_AGENT, WULF, EdgarSite, at

TOKEN = "616161:AAE-sec-test-token"
SEC_INTERVAL_S = 1.0
IREN = 1878848
COMPANIES = {MARA: "MARA Holdings, Inc.", CIFR: "Cipher Mining Inc.", IREN: "IREN Ltd", WULF: "TERAWULF INC."}
USER = 42
#: The SEC allows 10 requests per second; the loopback clock jitters by a few milliseconds.
JITTER_S = 0.02


def make_settings(tmp_path: Path, bot_api: BotApiDouble, origin: str) -> Settings:
    config = tmp_path / "minerwatch.toml"
    miners = "".join(
        f'[[miners]]\nticker = "{ticker}"\nname = "{name}"\ncik = {cik}\n'
        for ticker, name, cik in (
            ("MARA", "MARA Holdings", MARA),
            ("CIFR", "Cipher Mining", CIFR),
            ("IREN", "IREN", IREN),
            ("WULF", "TeraWulf", WULF),
        )
    )
    config.write_text(
        f"""
feeds = []
[telegram]
token = "{TOKEN}"
api_url = "{bot_api.base_url}"
[database]
url = "sqlite:///{tmp_path / "minerwatch.db"}"
[sec]
user_agent = "{USER_AGENT}"
www_url = "{origin}"
data_url = "{origin}"
interval = "{SEC_INTERVAL_S:g}s"
[prices]
yahoo_url = "{origin}"
stooq_url = "{origin}"
coingecko_url = "{origin}"
interval = "1s"
[network]
mempool_url = "{origin}"
interval = "1h"
[sender]
interval = "1s"
[classifier]
kind = "keywords"
{miners}""",
        encoding="utf-8",
    )
    return load_settings(config)


def loopback(site: EdgarSite, market: MarketAPI) -> LoopbackServer:
    """EDGAR and the market APIs behind one real HTTP server on 127.0.0.1 (their paths do not overlap)."""
    edgar_paths = ("/submissions/", "/cgi-bin/", "/Archives/", "/api/xbrl/", "/files/")

    async def handle(request: Request) -> Response:
        if request.path.startswith(edgar_paths):
            headers = {name.lower(): value for name, value in request.headers.as_dict().items()}
            status, content_type, body, extra = site.answer(request.path, request.query_params(), headers)
        else:
            host = request.headers.get("Host") or ""
            status, content_type, body, extra = market.answer(host, request.path, request.query_params())
        return Response(status, body, [("Content-Type", content_type), *extra.items()])

    return LoopbackServer(handle, server_name="edgar-and-market-double")


async def ask(bot_api: BotApiDouble, text: str) -> SentMessage:
    """Send a command as the user and return the bot's answer."""
    before = len(bot_api.sent)
    bot_api.push_text(USER, USER, text)
    return (await bot_api.wait_for_messages(before + 1))[before]


#: The day the EDGAR fixtures (`at()` of test_sec_job) describe: the runtime's wall clock is set to its evening
#: (and keeps ticking), so "filed today" means the same on any day the suite runs.
FIXTURES_EVENING = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _on_the_fixtures_day() -> Iterator[None]:
    with time_machine.travel(FIXTURES_EVENING, tick=True):
        yield


pytestmark = pytest.mark.usefixtures("no_env")


async def test_new_8k_and_convertible_pricing_reach_the_user_and_the_commands_show_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    site = EdgarSite(COMPANIES, clock=time.monotonic)
    site.shares[IREN] = 250_000_000
    site.file(CIFR, 81, "10-Q", at(6, 16, 5))
    site.file(MARA, 51, "8-K", at(24, 7, 30), items=("8.01", "9.01"))
    market = MarketAPI(lambda: datetime.now(UTC))
    market.prices.update(CIFR=19.50, IREN=14.20, WULF=6.10)
    async with BotApiDouble(token=TOKEN) as bot_api, loopback(site, market) as server:
        site.www = server.origin
        settings = make_settings(tmp_path, bot_api, server.origin)
        runtime = Runtime(settings, classifier=KeywordClassifier())
        await runtime.start()
        try:
            await bot_api.wait_for_calls("getUpdates")
            welcome = await ask(bot_api, "/start")
            assert "You now follow CIFR, IREN, MARA, WULF" in welcome.plain_text

            def ready() -> bool:
                with session_scope(runtime.engine) as session:
                    baselined = session.exec(select(Source).where(Source.kind == "sec", Source.baseline_done)).all()
                    shares = session.get(SharesOutstanding, "CIFR")
                    price = session.exec(select(PricePoint).where(PricePoint.symbol == "CIFR")).first()
                return len(baselined) == 4 and shares is not None and price is not None

            await until(ready, timeout=10.0)
            assert len(bot_api.sent) == 1  # the baseline alerted nothing

            # A new 8-K of a watched miner.
            # (how fast it arrives is bench/news_latency.py's business; here: that it arrives, once, complete)
            filing = site.file(CIFR, 93, "8-K", at(25, 16, 5), items=("1.01", "2.03", "9.01"))
            alert = (await bot_api.wait_for_messages(2, timeout=SEC_INTERVAL_S + 20))[1]
            assert alert.chat_id == USER and alert.parse_mode == "HTML"
            assert alert.disable_notification is not True
            text = alert.plain_text
            assert text.startswith("📄 New 8-K from $CIFR — Current report")
            assert "• Item 1.01 Entry into a Material Definitive Agreement" in text
            assert "• Item 2.03 Creation of a Direct Financial Obligation" in text

            # An 8-K whose press release prices convertible notes (a second later: the sender paces a private
            # chat to one message a second, which is not the watcher's latency).
            await asyncio.sleep(PRIVATE_CHAT_INTERVAL_S)
            pricing = site.file(
                CIFR, 97, "8-K", at(25, 17, 2), items=("1.01", "2.03", "9.01"), documents=(PRICING_RELEASE,)
            )
            deal = (await bot_api.wait_for_messages(3, timeout=SEC_INTERVAL_S + 20))[2]
            lines = deal.plain_text.split("\n")
            assert lines[0] == "💵 $CIFR priced $850M of convertible notes"
            assert "Principal: $850M (upsized) + purchasers' option for $150M more" in lines
            assert "Coupon: 0% · Matures: 2031-06-01" in lines
            assert "Conversion: 38.154 shares per $1,000 = $26.21 per share, a 42.5% premium over $18.39" in lines
            assert "Capped call: cap $36.78 per share (offsets dilution up to that price)" in lines
            assert (
                "Full conversion: +32.43M shares = 8.5% of 381M outstanding (as of 2026-11-03); +38.15M with the option"
                in lines
            )
            assert any(line.startswith("Distance to conversion: +34.4% (last price $19.50,") for line in lines)
            assert any(link["url"].endswith(f"{pricing.folder}/ex99-1.htm") for link in _links(deal))

            converts = await ask(bot_api, "/converts CIFR")
            assert converts.plain_text.startswith("💵 $CIFR — convertible notes\nLast price $19.50")
            assert "381M shares outstanding (as of 2026-11-03)" in converts.plain_text
            assert "1. $850M 0% convertible notes due 2031-06-01 · priced 2026-11-25" in converts.plain_text
            assert "conversion $26.21 · distance +34.4% · dilution 8.5% · cap $36.78" in converts.plain_text

            filings = (await ask(bot_api, "/filings CIFR")).plain_text
            assert filings.startswith("📄 $CIFR — latest SEC filings")
            newest = filings.split("\n")[1:4]
            assert newest[0].startswith("• 2026-11-25 8-K Item 1.01 Entry into a Material Definitive Agreement")
            assert (
                newest[1].startswith("• 2026-11-25 8-K Item 1.01") and "2026-11-06 10-Q Quarterly report" in newest[2]
            )

            card = (await ask(bot_api, "/status CIFR")).plain_text
            assert card.startswith("📊 $CIFR — Cipher Mining\nPrice: $19.50")
            assert "BTC $103,663.00" in card and "hashprice" in card
            assert (
                "$850M 0% convertible notes due 2031-06-01: conversion $26.21 · distance +34.4% · dilution 8.5%" in card
            )
            assert "Latest filings\n• 2026-11-25 8-K" in card

            wrong = await ask(bot_api, "/status XYZ")
            assert "Unknown ticker XYZ" in wrong.plain_text and "/status MARA" in wrong.plain_text
            missing = await ask(bot_api, "/converts")
            assert missing.plain_text == "Name one miner, for example /converts CIFR."
            await asyncio.sleep(2 * SEC_INTERVAL_S)
            assert sum(m.plain_text.startswith(("📄 New", "💵 $CIFR priced")) for m in bot_api.sent) == 2  # once each
            assert filing.accession in {f.accession for f in site.filings}
        finally:
            await runtime.stop()

    seen = site.requests
    assert len(seen) > 20 and {request.user_agent for request in seen} == {USER_AGENT}
    times = [request.at for request in seen]
    assert all(times[i + 10] - times[i] >= 1.0 - JITTER_S for i in range(len(times) - 10)), "over 10 requests/s"
    assert TOKEN not in caplog.text


def _links(message: SentMessage) -> list[dict[str, str]]:
    return [entity for entity in message.entities if entity.get("type") == "text_link"]


async def test_without_a_user_agent_only_the_sec_watcher_is_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    site = EdgarSite(COMPANIES, clock=time.monotonic)
    market = MarketAPI(lambda: datetime.now(UTC))
    async with BotApiDouble(token=TOKEN) as bot_api, loopback(site, market) as server:
        settings = make_settings(tmp_path, bot_api, server.origin)
        settings = settings.model_copy(update={"sec": settings.sec.model_copy(update={"user_agent": ""})})
        runtime = Runtime(settings, classifier=KeywordClassifier())
        await runtime.start()
        try:
            await until(lambda: any("/v8/finance/chart/" in request for request in market.requests), timeout=10.0)
            assert runtime.scheduler is not None
            jobs = {job.id for job in runtime.scheduler.get_jobs()}
            assert "sec" not in jobs and {"news", "prices", "network", "sender"} <= jobs
        finally:
            await runtime.stop()
    assert site.requests == []
    [line] = [r.getMessage() for r in caplog.records if "SEC watcher" in r.getMessage()]
    assert line.startswith("SEC watcher not started: sec.user_agent is empty: the SEC requires a declared User-Agent")
