"""The history job: daily closes backfilled once per ticker and BTC from the Yahoo chart API (`interval=1d`,
`range=2y`), hashprice history from mempool.space's hashrate and block-reward history priced with those BTC
closes; a failing backfill backs off and is retried, a finished one is never asked again. HTTP through
httpx.MockTransport; the clock is the conftest Clock."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from minerwatch.jobs.history import HistoryJob
from store.db import session_scope
from store.models import NetworkStat, PricePoint, Source
from tests.conftest import Clock
from tests.test_charts import mara_closes, mempool_hashrate_body, mempool_rewards_body, yahoo_daily_body
from tests.test_market_job import MEMPOOL, YAHOO, market_settings


class HistoryAPI:
    """Yahoo daily history per symbol (a missing one answers 429 text, as Yahoo does) and mempool's history."""

    def __init__(self, today: date) -> None:
        days = [today - timedelta(days=i) for i in range(30, 0, -1)]
        self.history = {
            "MARA": yahoo_daily_body("MARA", list(mara_closes(today - timedelta(days=1), 20))),
            "BTC-USD": yahoo_daily_body("BTC-USD", [(day, 90_000.0 + 100 * i) for i, day in enumerate(days)]),
        }
        self.hashrates = mempool_hashrate_body([(day, 1.0e21) for day in days[::3]])  # every third day, as on 1y+
        self.rewards = mempool_rewards_body([(day, 3.15e8) for day in days[::3]])
        self.asked: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.asked.append(f"{request.url.host}{request.url.path}?{request.url.query.decode()}")
        if request.url.host == YAHOO:
            symbol = request.url.path.rsplit("/", 1)[-1]
            assert request.url.params["interval"] == "1d" and request.url.params["range"] == "2y"
            if symbol in self.history:
                return httpx.Response(200, content=self.history[symbol])
            return httpx.Response(429, content=b"Too Many Requests\n", headers={"Content-Type": "text/plain"})
        if request.url.host == MEMPOOL and request.url.path == "/api/v1/mining/hashrate/2y":
            return httpx.Response(200, content=self.hashrates)
        if request.url.host == MEMPOOL and request.url.path == "/api/v1/mining/blocks/rewards/2y":
            return httpx.Response(200, content=self.rewards)
        return httpx.Response(404, content=b"{}")


@pytest.fixture
def history_api(clock: Clock) -> HistoryAPI:
    return HistoryAPI(clock().date())


async def test_backfill_once_then_only_what_failed(engine: Engine, clock: Clock, history_api: HistoryAPI) -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(history_api)) as client:
        job = HistoryJob(engine, client, market_settings(), clock=clock)
        added = await job.run_once()
        with session_scope(engine) as session:
            mara = session.exec(select(PricePoint).where(PricePoint.symbol == "MARA")).all()
            btc = session.exec(select(PricePoint).where(PricePoint.symbol == "BTC")).all()
            stats = session.exec(select(NetworkStat)).all()
            sources = {row.key: row for row in session.exec(select(Source).where(Source.kind == "history"))}
        assert len(mara) == 20 and len(btc) == 30 and len(stats) == 10
        assert added == len(mara) + len(btc) + len(stats)
        assert all(point.source == "yahoo-daily" and point.at.date() < clock().date() for point in mara + btc)
        first = min(stats, key=lambda stat: stat.at)
        # 3.15 BTC per block × 144 blocks × that day's BTC close ÷ 1,000,000 PH/s
        assert first.hashprice_usd_per_ph_day == pytest.approx(3.15 * 144 * 90_000.0 / 1_000_000)
        assert sources["history:CIFR"].failures == 1 and not sources["history:CIFR"].baseline_done
        assert all(sources[key].baseline_done for key in ("history:MARA", "history:BTC", "history:hashprice"))

        history_api.asked.clear()
        assert await job.run_once() == 0  # CIFR backs off; the rest is done
        assert history_api.asked == []
        history_api.history["CIFR"] = yahoo_daily_body("CIFR", [(clock().date() - timedelta(days=1), 6.2)])
        clock.advance(hours=2)
        assert await job.run_once() == 1
        assert history_api.asked == [f"{YAHOO}/v8/finance/chart/CIFR?interval=1d&range=2y"]
