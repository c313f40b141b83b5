"""End to end: a real-style pricing release served as an 8-K's EX-99.1 (HTML <div> soup with a key-terms table)
by the loopback EDGAR double reaches the user as one alert with every stated term, and /converts shows them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from sqlmodel import select

from classifiers.keywords import KeywordClassifier
from minerwatch.runtime import Runtime
from store.db import session_scope
from store.models import PricePoint, SharesOutstanding, Source
from tests.doubles.botapi import BotApiDouble
from tests.helpers import until
from tests.test_converts_exhibits import DIV_SOUP_PRICING
from tests.test_market_job import MarketAPI
from tests.test_sec_e2e import COMPANIES, FIXTURES_EVENING, IREN, TOKEN, ask, loopback, make_settings
from tests.test_sec_job import CIFR, EdgarSite, at


@pytest.fixture(autouse=True)
def _on_the_fixtures_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "MINERWATCH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    with time_machine.travel(FIXTURES_EVENING, tick=True):
        yield


async def test_an_ex99_pricing_release_gives_an_alert_with_every_stated_term(tmp_path: Path) -> None:
    site = EdgarSite(COMPANIES, clock=time.monotonic)
    site.shares[IREN] = 250_000_000
    market = MarketAPI(lambda: datetime.now(UTC))
    market.prices.update(CIFR=15.90, IREN=14.20, WULF=6.10)
    async with BotApiDouble(token=TOKEN) as bot_api, loopback(site, market) as server:
        site.www = server.origin
        runtime = Runtime(make_settings(tmp_path, bot_api, server.origin), classifier=KeywordClassifier())
        await runtime.start()
        try:
            await bot_api.wait_for_calls("getUpdates")
            await ask(bot_api, "/start")

            def ready() -> bool:
                with session_scope(runtime.engine) as session:
                    baselined = session.exec(select(Source).where(Source.kind == "sec", Source.baseline_done)).all()
                    shares = session.get(SharesOutstanding, "CIFR")
                    price = session.exec(select(PricePoint).where(PricePoint.symbol == "CIFR")).first()
                return len(baselined) == 4 and shares is not None and price is not None

            await until(ready, timeout=20.0)
            site.file(CIFR, 97, "8-K", at(25, 17, 2), items=("1.01", "2.03", "9.01"), documents=(DIV_SOUP_PRICING,))
            deal = (await bot_api.wait_for_messages(2, timeout=30))[1]
            lines = deal.plain_text.split("\n")
            assert lines[0].startswith("💵 $CIFR priced $575M of convertible notes")
            assert "Principal: $575M (upsized) + purchasers' option for $86.25M more" in lines
            assert "Coupon: 1.125% · Matures: 2032-12-01" in lines
            assert "Conversion: 46.4037 shares per $1,000 = $21.55 per share, a 37.5% premium over $15.67" in lines
            assert "Capped call: cap $31.34 per share (offsets dilution up to that price)" in lines
            converts = (await ask(bot_api, "/converts CIFR")).plain_text
            assert "$21.55" in converts and "1.125%" in converts and "2032-12-01" in converts
        finally:
            await runtime.stop()
