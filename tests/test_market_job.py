"""Price and network jobs on both databases: threshold alerts fire once per crossing with both values, honour
the cooldown, once/until, a Yahoo outage (Stooq answers), restarts, chat settings; rules stay per chat."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.alerts.rules import MAX_RULES_PER_CHAT, canonical_text, parse_rule
from bot.alerts.rules_store import current_values, same_rule, seed_state
from minerwatch.config import Settings, load_settings
from minerwatch.jobs.market import NETWORK_SOURCE_KEY, NetworkJob, PricesJob, price_source_key
from store import alert_queries
from store.db import session_scope
from store.models import AlertRule, ConvertibleNote, FiredAlert, NetworkStat, PricePoint, Source
from tests.conftest import Clock
from tests.helpers import add_chat, outbox
from watchers.network import HASHES_PER_PH, SATOSHIS_PER_BTC

FIXTURES = Path(__file__).parent / "fixtures"
TICKERS = ("MARA", "CIFR")
YAHOO, STOOQ, COINGECKO, MEMPOOL = "yahoo.test", "stooq.test", "coingecko.test", "mempool.test"
#: Stooq prints quote times in Warsaw time (watchers.prices.STOOQ_TIMEZONE).
WARSAW = ZoneInfo("Europe/Warsaw")


def fixture(path: str) -> bytes:
    return (FIXTURES / path).read_bytes()


class MarketAPI:
    """The price and network APIs as one app the test steers: Yahoo, Stooq, CoinGecko and mempool.space.

    Bodies are the real captures in tests/fixtures with the quoted numbers and times replaced by the test's.
    Stooq is the exception: no successful Stooq answer was ever captured, so its CSV is built from the documented
    `f=sd2t2ohlcv&h` layout. `answer` is transport-free, so the loopback double in test_alerts_e2e serves it too.
    """

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.prices: dict[str, float] = {"MARA": 12.40, "CIFR": 11.00}
        self.previous_close: dict[str, float] = {}
        self.btc_usd = 103_663.0  # the captured CoinGecko value
        self.yahoo_down = False
        self.stooq_down = False
        self.retry_after: str | None = None
        self.quote_time: datetime | None = None  # set to freeze the quote time (a closed market); else the clock
        self.requests: list[str] = []  # "host path"

    def answer(self, host: str, path: str, query: dict[str, str]) -> tuple[int, str, bytes, dict[str, str]]:
        """(status, content type, body, extra headers) for one GET, routed by path (each API has its own)."""
        self.requests.append(f"{host} {path}")
        at = self.quote_time or self.clock()
        if path.startswith("/v8/finance/chart/"):
            return self._yahoo(path.rsplit("/", 1)[-1].upper(), at)
        if path == "/q/l/":
            return self._stooq(query.get("s", "").upper().removesuffix(".US"), at)
        if path == "/api/v3/simple/price":
            data = json.loads(fixture("coingecko/simple_price_bitcoin.json"))
            data["bitcoin"].update(usd=self.btc_usd, last_updated_at=int(at.timestamp()))
            return 200, "application/json", json.dumps(data).encode(), {}
        mempool = {
            "/api/v1/prices": "mempool/prices_2024-03-31.json",
            "/api/v1/mining/hashrate/3d": "mempool/hashrate_3d_2022-05.json",
            "/api/v1/mining/reward-stats/144": "mempool/reward_stats_100_blocks_2022-05.json",
            "/api/v1/difficulty-adjustment": "mempool/difficulty_adjustment_2024-03-31.json",
        }
        if path in mempool:
            return 200, "application/json", fixture(mempool[path]), {}
        return 404, "text/plain", b"not found", {}

    def _yahoo(self, symbol: str, at: datetime) -> tuple[int, str, bytes, dict[str, str]]:
        if self.yahoo_down:
            headers = {"Retry-After": self.retry_after} if self.retry_after else {}
            return 429, "text/plain", fixture("yahoo/rate_limited_429.txt"), headers
        if symbol not in self.prices:
            return 404, "application/json", fixture("yahoo/unknown_symbol_404.json"), {}
        data = json.loads(fixture("yahoo/chart_weekend_no_timestamp.json"))
        meta = data["chart"]["result"][0]["meta"]
        meta.update(symbol=symbol, regularMarketPrice=self.prices[symbol], regularMarketTime=int(at.timestamp()))
        meta["previousClose"] = self.previous_close.get(symbol)
        return 200, "application/json", json.dumps(data).encode(), {}

    def _stooq(self, symbol: str, at: datetime) -> tuple[int, str, bytes, dict[str, str]]:
        if self.stooq_down:
            return 503, "text/html", b"<html>Service unavailable</html>", {}
        if symbol not in self.prices:
            return 200, "text/csv", fixture("stooq/unknown_symbol_nd.csv"), {}
        local = at.astimezone(WARSAW)
        price = self.prices[symbol]
        row = f"{symbol}.US,{local:%Y-%m-%d},{local:%H:%M:%S},{price},{price},{price},{price},1000"
        return 200, "text/csv", f"Symbol,Date,Time,Open,High,Low,Close,Volume\r\n{row}\r\n".encode(), {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        status, content_type, body, headers = self.answer(request.url.host, request.url.path, dict(request.url.params))
        return httpx.Response(status, content=body, headers={"Content-Type": content_type, **headers})

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self))


def market_settings(origin: str = "https://{host}", tickers: tuple[str, ...] = TICKERS) -> Settings:
    """Default settings pointed at the doubles, with a small universe."""
    settings = load_settings(None, use_default_path=False)
    miners = [miner for miner in settings.miners if miner.ticker in tickers]
    return settings.model_copy(
        update={
            "miners": miners,
            "prices": settings.prices.model_copy(
                update={
                    "yahoo_url": origin.format(host=YAHOO),
                    "stooq_url": origin.format(host=STOOQ),
                    "coingecko_url": origin.format(host=COINGECKO),
                    "interval": timedelta(minutes=1),
                }
            ),
            "network": settings.network.model_copy(
                update={"mempool_url": origin.format(host=MEMPOOL), "interval": timedelta(minutes=10)}
            ),
        }
    )


def add_rule(engine: Engine, chat_id: int, text: str, today: date) -> AlertRule:
    spec = parse_rule(text, TICKERS, today=today)
    with session_scope(engine) as session:
        return alert_queries.add_rule(
            session, chat_id, text=canonical_text(spec), limit=MAX_RULES_PER_CHAT, **asdict(spec)
        )


def fired(engine: Engine) -> list[FiredAlert]:
    with session_scope(engine) as session:
        return list(session.exec(select(FiredAlert).order_by(FiredAlert.id)))


def rules(engine: Engine) -> list[AlertRule]:
    with session_scope(engine) as session:
        return list(session.exec(select(AlertRule).order_by(AlertRule.id)))


@pytest.fixture
def api(clock: Clock) -> MarketAPI:
    return MarketAPI(clock)


@pytest.fixture
def prices_job(engine: Engine, api: MarketAPI, clock: Clock) -> PricesJob:
    return PricesJob(engine, api.client(), market_settings(), clock=clock)


async def step(job: PricesJob | NetworkJob, clock: Clock, **advance: float) -> int:
    clock.advance(**advance)
    return await job.run_once()


async def test_price_falling_below_the_threshold_alerts_once_with_both_values(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    rule = add_rule(engine, 1, "MARA price < 12", clock().date())
    assert await prices_job.run_once() == 0  # 12.40: above
    api.prices["MARA"] = 11.80
    assert await step(prices_job, clock, minutes=1) == 1
    [row] = outbox(engine)
    assert row.chat_id == 1 and row.kind == "alert" and not row.disable_notification
    assert "MARA price: 12.40 USD → 11.80 USD" in row.text and "Alert #1" in row.text
    assert row.idempotency_key == f"alert:{rule.id}:{clock().isoformat()}"
    api.prices["MARA"] = 11.70
    assert await step(prices_job, clock, minutes=1) == 0  # still below: no repeat
    api.quote_time = clock()
    assert await step(prices_job, clock, minutes=1) == 0  # market closed: the same quote time again
    assert len(outbox(engine)) == 1
    assert [alert.text for alert in fired(engine)] == [
        "#1 MARA price &lt; 12.00 USD: 12.40 USD → 11.80 USD (2026-11-25 12:01 UTC)"
    ]
    with session_scope(engine) as session:
        points = session.exec(select(PricePoint).where(PricePoint.symbol == "MARA")).all()
        assert [point.price for point in points] == [12.40, 11.80, 11.70]  # the repeated quote is not a new point


async def test_back_above_and_below_fires_again_once_the_cooldown_has_passed(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    add_rule(engine, 1, "MARA price < 12", clock().date())  # default cooldown: 1h
    series = [(0, 12.40), (1, 11.80), (1, 12.10), (1, 11.90), (60, 12.20), (1, 11.50)]
    queued = []
    for minutes, price in series:
        api.prices["MARA"] = price
        queued.append(await step(prices_job, clock, minutes=minutes))
    assert queued == [0, 1, 0, 0, 0, 1]  # the dip at 12:03 is inside the hour after the first alert
    texts = [row.text for row in outbox(engine)]
    assert "12.40 USD → 11.80 USD" in texts[0] and "12.20 USD → 11.50 USD" in texts[1]


async def test_no_cooldown_fires_on_every_crossing(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    add_rule(engine, 1, "MARA price < 12 cooldown=0", clock().date())
    for price in (12.40, 11.80, 12.10, 11.90):
        api.prices["MARA"] = price
        await step(prices_job, clock, minutes=1)
    assert len(outbox(engine)) == 2


async def test_yahoo_rate_limited_falls_back_to_stooq_and_the_rule_still_fires(
    engine: Engine, api: MarketAPI, clock: Clock
) -> None:
    add_chat(engine, 1)
    add_rule(engine, 1, "MARA price < 12", clock().date())
    job = PricesJob(engine, api.client(), market_settings(tickers=("MARA",)), clock=clock)
    await job.run_once()
    api.yahoo_down, api.retry_after = True, "600"
    api.prices["MARA"] = 11.80
    assert await step(job, clock, minutes=1) == 1
    assert f"{YAHOO} /v8/finance/chart/MARA" in api.requests and f"{STOOQ} /q/l/" in api.requests
    assert "12.40 USD → 11.80 USD" in outbox(engine)[0].text
    with session_scope(engine) as session:
        latest = alert_queries.latest_price(session, "MARA")
        assert latest is not None and (latest.source, latest.price) == ("stooq", 11.80)
        source = session.exec(select(Source).where(Source.key == price_source_key("MARA"))).one()
        assert source.failures == 0  # the logical source answered, through its fallback
        assert source.next_poll_at is not None and source.next_poll_at <= clock() + timedelta(minutes=1)


async def test_a_quote_source_failing_backs_off_logs_once_and_recovers(
    engine: Engine, api: MarketAPI, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    job = PricesJob(engine, api.client(), market_settings(tickers=("MARA",)), clock=clock)
    api.yahoo_down, api.stooq_down, api.retry_after = True, True, "900"
    await job.run_once()
    with session_scope(engine) as session:
        source = session.exec(select(Source).where(Source.key == price_source_key("MARA"))).one()
        assert source.failures == 1 and "yahoo" in (source.last_error or "") and "stooq" in (source.last_error or "")
        assert source.next_poll_at is not None and source.next_poll_at >= clock() + timedelta(seconds=900)
    before = len(api.requests)
    await step(job, clock, minutes=5)
    assert [r for r in api.requests[before:] if "chart/MARA" in r] == []  # not due yet: Retry-After honoured
    for _ in range(3):
        await step(job, clock, hours=2)
    assert len([r for r in caplog.records if "is failing" in r.getMessage()]) == 1
    api.yahoo_down = api.stooq_down = False
    await step(job, clock, hours=2)
    assert len([r for r in caplog.records if "recovered" in r.getMessage()]) == 1
    with session_scope(engine) as session:
        assert session.exec(select(Source).where(Source.key == price_source_key("MARA"))).one().failures == 0


async def test_once_rule_is_deleted_after_firing_and_until_expires_without_firing(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    add_rule(engine, 1, "MARA price < 12 once", clock().date())
    until = add_rule(engine, 1, "CIFR price > 12 until=2026-11-26", clock().date())
    await prices_job.run_once()
    api.prices["MARA"] = 11.80
    await step(prices_job, clock, minutes=1)
    [row] = outbox(engine)
    assert "One-time alert: it is deleted now." in row.text
    assert [rule.id for rule in rules(engine)] == [until.id]
    api.prices["CIFR"] = 12.50
    await step(prices_job, clock, days=2)  # 2026-11-27: past the until day
    assert rules(engine) == [] and len(outbox(engine)) == 1


async def test_a_new_rule_remembers_the_latest_value_as_the_old_side_of_its_first_alert(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    await prices_job.run_once()  # 12.40 stored before any rule exists
    spec = parse_rule("MARA price < 12", TICKERS, today=clock().date())
    with session_scope(engine) as session:  # what /alert does
        assert current_values(session, "MARA", clock().date()) == {
            "price": 12.40,
            "change": None,
            "conv_distance": None,
        }
        seed = seed_state(current_values(session, "MARA", clock().date()), spec.metric)
        alert_queries.add_rule(
            session, 1, text=canonical_text(spec), limit=MAX_RULES_PER_CHAT, state=seed.to_dict(), **asdict(spec)
        )
        assert current_values(session, "NETWORK", clock().date()) == {}  # no snapshot yet
    api.prices["MARA"] = 11.80
    assert await step(prices_job, clock, minutes=1) == 1
    assert "MARA price: 12.40 USD → 11.80 USD" in outbox(engine)[0].text


async def test_restart_between_two_data_points_neither_misses_nor_repeats(
    engine: Engine, api: MarketAPI, clock: Clock
) -> None:
    add_chat(engine, 1)
    add_rule(engine, 1, "MARA price < 12", clock().date())
    await PricesJob(engine, api.client(), market_settings(), clock=clock).run_once()
    api.prices["MARA"] = 11.80
    clock.advance(minutes=1)
    assert await PricesJob(engine, api.client(), market_settings(), clock=clock).run_once() == 1
    clock.advance(minutes=1)
    assert await PricesJob(engine, api.client(), market_settings(), clock=clock).run_once() == 0
    [row] = outbox(engine)
    assert "12.40 USD → 11.80 USD" in row.text


async def test_silent_off_and_muted_chats(engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock) -> None:
    add_chat(engine, 1, notify_alerts="silent")
    add_chat(engine, 2, notify_alerts="off")
    add_chat(engine, 3, mute_until=clock() + timedelta(hours=1))
    add_chat(engine, 4, active=False)
    for chat_id in (1, 2, 3, 4):
        add_rule(engine, chat_id, "MARA price < 12", clock().date())
    await prices_job.run_once()
    api.prices["MARA"] = 11.80
    assert await step(prices_job, clock, minutes=1) == 1
    assert [(row.chat_id, row.disable_notification) for row in outbox(engine)] == [(1, True)]
    assert sorted(alert.chat_id for alert in fired(engine)) == [1, 2, 3]  # the digest lists them all


async def test_change_rule_uses_the_quotes_one_day_change(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    add_rule(engine, 1, "MARA change < -5%", clock().date())
    api.previous_close["MARA"] = 12.00
    await prices_job.run_once()  # 12.40: +3.33%
    api.prices["MARA"] = 11.00  # (11.00 - 12.00) / 12.00 = -8.33%
    assert await step(prices_job, clock, minutes=1) == 1
    assert "MARA 1-day change: +3.33% → -8.33%" in outbox(engine)[0].text


async def test_conversion_distance_uses_the_nearest_convertible_note(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    with session_scope(engine) as session:
        session.add(ConvertibleNote(ticker="CIFR", conversion_price_usd=13.0, maturity=date(2030, 6, 1)))
        session.add(ConvertibleNote(ticker="CIFR", conversion_price_usd=30.0, maturity=date(2031, 6, 1)))
        session.add(ConvertibleNote(ticker="CIFR", conversion_price_usd=11.5, maturity=date(2025, 6, 1)))  # matured
    add_rule(engine, 1, "CIFR conv_distance < 10%", clock().date())
    await prices_job.run_once()  # 11.00: (13.00 - 11.00) / 11.00 = 18.18%
    api.prices["CIFR"] = 12.00  # (13.00 - 12.00) / 12.00 = 8.33%
    assert await step(prices_job, clock, minutes=1) == 1
    assert "CIFR distance to conversion price: 18.18% → 8.33%" in outbox(engine)[0].text


async def test_an_in_the_money_note_counts_by_its_absolute_distance(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    with session_scope(engine) as session:
        session.add(ConvertibleNote(ticker="CIFR", conversion_price_usd=9.0, maturity=date(2030, 6, 1)))  # in the money
        session.add(ConvertibleNote(ticker="CIFR", conversion_price_usd=12.0, maturity=date(2031, 6, 1)))
    add_rule(engine, 1, "CIFR conv_distance < 5%", clock().date())
    # 11.00: (9.00 - 11.00) / 11.00 = -18.18% is further away than (12.00 - 11.00) / 11.00 = +9.09%
    assert await prices_job.run_once() == 0
    with session_scope(engine) as session:
        assert current_values(session, "CIFR", clock().date())["conv_distance"] == pytest.approx(100 / 11)
    api.prices["CIFR"] = 11.50  # -21.74% and +4.35%: the nearest note is now within 5%
    assert await step(prices_job, clock, minutes=1) == 1
    assert "CIFR distance to conversion price: 9.09% → 4.35%" in outbox(engine)[0].text


async def test_btc_first_then_hashprice_from_the_served_mempool_data(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    add_chat(engine, 1)
    add_rule(engine, 1, "BTC price > 100000", clock().date())
    add_rule(engine, 1, "NETWORK hashprice > 350", clock().date())
    assert await prices_job.run_once() == 1  # 103,663 USD: above at its first value
    assert api.requests[0].startswith(COINGECKO)
    network_job = NetworkJob(engine, api.client(), market_settings(), clock=clock)
    assert await network_job.run_once() == 1
    # The served reward-stats cover blocks 736556..736655 (100 blocks): 63,811,748,254 sat incl. fees.
    btc_mined_144 = 63_811_748_254 / SATOSHIS_PER_BTC * 144 / 100  # = 918.8891748576 BTC per 144 blocks
    hashrate_ph_s = 252_033_247_355_212_300_000 / HASHES_PER_PH  # = 252,033.2473552123 PH/s
    revenue_usd = btc_mined_144 * 103_663.0  # = 95,254,808.53 USD per day at the served BTC/USD
    hashprice = revenue_usd / hashrate_ph_s  # = 377.9454 USD per PH/s per day
    assert btc_mined_144 == pytest.approx(918.8891748576)
    assert hashrate_ph_s == pytest.approx(252_033.2473552123)
    assert revenue_usd == pytest.approx(95_254_808.5333, abs=1e-3)
    assert hashprice == pytest.approx(377.9454, abs=1e-4)
    with session_scope(engine) as session:
        stat = session.exec(select(NetworkStat)).one()
        assert stat.btc_usd == 103_663.0 and stat.btc_mined_144 == pytest.approx(btc_mined_144)
        assert stat.hashrate_ph_s == pytest.approx(hashrate_ph_s)
        assert stat.hashprice_usd_per_ph_day == pytest.approx(hashprice)
        assert stat.next_retarget_at == datetime.fromtimestamp(1712766704.114, UTC)
    assert "Network hashprice: now 377.95 USD/PH/day" in outbox(engine)[1].text
    assert await step(network_job, clock, minutes=5) == 0  # not due before its 10-minute interval
    with session_scope(engine) as session:
        source = session.exec(select(Source).where(Source.key == NETWORK_SOURCE_KEY)).one()
        assert source.failures == 0 and source.last_ok_at == clock() - timedelta(minutes=5)


async def test_network_job_without_a_stored_btc_price_fetches_one(engine: Engine, api: MarketAPI, clock: Clock) -> None:
    network_job = NetworkJob(engine, api.client(), market_settings(), clock=clock)
    await network_job.run_once()
    with session_scope(engine) as session:
        stat = session.exec(select(NetworkStat)).one()
        assert stat.btc_usd == 103_663.0 and stat.hashprice_usd_per_ph_day == pytest.approx(377.9454, abs=1e-4)


async def test_delete_rule_is_scoped_to_the_chat_and_numbers_are_per_chat(engine: Engine, clock: Clock) -> None:
    add_chat(engine, 1)
    add_chat(engine, 2)
    first = add_rule(engine, 1, "MARA price < 12", clock().date())
    other = add_rule(engine, 2, "MARA price < 10", clock().date())
    assert (first.number, other.number) == (1, 1)
    with session_scope(engine) as session:
        assert alert_queries.delete_rule(session, 2, 2) is None
        deleted = alert_queries.delete_rule(session, 2, 1)
        assert deleted is not None and deleted.id == other.id
        assert [rule.id for rule in alert_queries.list_rules(session, 1)] == [first.id]
        assert alert_queries.list_rules(session, 2) == []
    assert add_rule(engine, 1, "CIFR price > 20", clock().date()).number == 2


async def test_identical_rules_stored_before_duplicates_were_refused_send_one_message(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock
) -> None:
    # A database from before /alert refused duplicates: chat 1 has "MARA price < 12" twice (#1, #2), and #3
    # differs only by `once`; chat 2 has the same rule as chat 1's #1. The rows stay; only the oldest speaks.
    add_chat(engine, 1)
    add_chat(engine, 2)
    add_rule(engine, 1, "MARA price < 12", clock().date())
    add_rule(engine, 1, "mara price<12.00 cooldown=60m", clock().date())
    add_rule(engine, 1, "MARA price < 12 once", clock().date())
    add_rule(engine, 2, "MARA price < 12", clock().date())
    await prices_job.run_once()
    api.prices["MARA"] = 11.80
    assert await step(prices_job, clock, minutes=1) == 3
    sent = [(row.chat_id, row.text.splitlines()[0]) for row in outbox(engine)]
    assert sent == [
        (1, "🔔 <b>Alert #1</b>: MARA price &lt; 12.00 USD · cooldown 1h"),
        (1, "🔔 <b>Alert #3</b>: MARA price &lt; 12.00 USD · cooldown 1h · once"),
        (2, "🔔 <b>Alert #1</b>: MARA price &lt; 12.00 USD · cooldown 1h"),
    ]
    assert [(alert.chat_id, alert.text[:3]) for alert in fired(engine)] == [(1, "#1 "), (1, "#3 "), (2, "#1 ")]
    with session_scope(engine) as session:  # the silent twin was evaluated too: deleting #1 fires nothing at once
        [twin] = [rule for rule in alert_queries.list_rules(session, 1) if rule.number == 2]
        assert twin.state["armed"] is False and twin.state["last_value"] == 11.80
        assert alert_queries.delete_rule(session, 1, 1) is not None
    api.prices["MARA"] = 11.70
    assert await step(prices_job, clock, minutes=1) == 0
    api.prices["MARA"] = 12.30
    await step(prices_job, clock, minutes=90)
    api.prices["MARA"] = 11.60
    assert await step(prices_job, clock, minutes=1) == 2  # in chat 1, #2 speaks now
    assert [(row.chat_id, row.text.partition(":")[0]) for row in outbox(engine)[3:]] == [
        (1, "🔔 <b>Alert #2</b>"),
        (2, "🔔 <b>Alert #1</b>"),
    ]


async def test_same_rule_finds_the_chats_identical_rule_after_normalisation(engine: Engine, clock: Clock) -> None:
    add_chat(engine, 1)
    add_chat(engine, 2)
    add_rule(engine, 1, "MARA price < 12", clock().date())
    add_rule(engine, 1, "BTC change > 5% once until=2027-01-31", clock().date())
    today = clock().date()
    with session_scope(engine) as session:

        def found(chat_id: int, text: str) -> int | None:
            rule = same_rule(session, chat_id, parse_rule(text, TICKERS, today=today))
            return rule.number if rule else None

        assert found(1, "$mara  price<12.00 cooldown=1h") == 1
        assert found(1, "btc change >5 % until = 2027-01-31 once") == 2
        assert found(1, "MARA price <= 12") is None  # another comparison
        assert found(1, "MARA price < 12 cooldown=0") is None  # other options
        assert found(1, "BTC change > 5% once") is None
        assert found(2, "MARA price < 12") is None  # another chat's rule is not this chat's


async def test_a_chat_keeps_at_most_the_allowed_number_of_rules(engine: Engine, clock: Clock) -> None:
    add_chat(engine, 1)
    for index in range(MAX_RULES_PER_CHAT):
        add_rule(engine, 1, f"MARA price > {index + 1}", clock().date())
    with pytest.raises(alert_queries.RuleLimitReached):
        add_rule(engine, 1, "MARA price > 100", clock().date())
    add_chat(engine, 2)
    assert add_rule(engine, 2, "MARA price > 100", clock().date()).number == 1
    with session_scope(engine) as session:
        assert len(alert_queries.list_rules(session, 1)) == MAX_RULES_PER_CHAT


async def test_a_quote_stamped_in_the_future_is_stamped_on_arrival_and_does_not_freeze_the_series(
    engine: Engine, api: MarketAPI, prices_job: PricesJob, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    api.quote_time = clock() + timedelta(hours=5)  # a source whose clock or time zone is off
    await prices_job.run_once()
    api.quote_time = None
    api.prices["MARA"] = 11.80
    await step(prices_job, clock, minutes=1)
    api.quote_time = clock() + timedelta(hours=5)
    api.prices["MARA"] = 11.60
    await step(prices_job, clock, minutes=1)
    with session_scope(engine) as session:
        points = session.exec(select(PricePoint).where(PricePoint.symbol == "MARA").order_by(col(PricePoint.at))).all()
    assert [(point.price, point.at) for point in points] == [
        (12.40, clock() - timedelta(minutes=2)),
        (11.80, clock() - timedelta(minutes=1)),
        (11.60, clock()),
    ]
    ahead = [r.getMessage() for r in caplog.records if "ahead of the time they arrive" in r.getMessage()]
    # once per source (the BTC and the stock source), not once per quote or per ticker
    assert sorted(line.split()[0] for line in ahead) == ["coingecko", "yahoo"]
    assert all("5h 00m ahead" in line for line in ahead)
