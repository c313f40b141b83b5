"""Charts: the data each chart is drawn from (golden files, not pixels), the history parsers and backfill, the
/chart argument grammar, the callback data, the render cache, and one image test (the PNG decodes, 1280 × 720).

History bodies are built from the real captures' shapes: the Yahoo daily-bars answer
(tests/fixtures/yahoo/chart_daily_bars_btc_usd.json) with our own bars put in, and mempool.space's hashrate
answer (tests/fixtures/mempool/hashrate_3d_2022-05.json) with our own days."""

from __future__ import annotations

import json
import math
import struct
import zlib
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.alerts.charts import ChartCache, ChartRequest, chart_data, daily, note_lines
from bot.handlers.charts import MAX_CALLBACK_DATA_BYTES, chart_callback_data, parse_chart_args
from bot.handlers.parsing import UsageError
from bot.messages.chart import CHART_HEIGHT_PX, CHART_WIDTH_PX, ChartData, chart_caption, render_chart
from store import alert_queries, chart_queries
from store.db import session_scope
from store.models import ConvertibleNote, Filing, NetworkStat, PricePoint
from tests.test_format import assert_golden
from watchers.history import (
    daily_hashprice,
    parse_mempool_block_rewards,
    parse_mempool_hashrates,
    parse_yahoo_daily_closes,
)

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 25)
UNIVERSE = ["MARA", "CIFR", "IREN", "WULF"]
CHAT = 42


# --- history bodies ------------------------------------------------------------------------------------------


def trading_days(end: date, count: int) -> list[date]:
    """`count` weekdays up to and including `end`, oldest first."""
    days: list[date] = []
    day = end
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return days[::-1]


def mara_closes(end: date = TODAY - timedelta(days=1), count: int = 260) -> list[tuple[date, float]]:
    """A year of made-up MARA closes: a slow wave between about 10 and 19 dollars."""
    return [(day, round(14.5 + 4 * math.sin(i / 17), 2)) for i, day in enumerate(trading_days(end, count))]


def yahoo_daily_body(symbol: str, closes: list[tuple[date, float | None]]) -> bytes:
    """The real Yahoo daily-bars answer with `closes` as its bars (stamped 09:30 New York, the session's open)."""
    body = json.loads((FIXTURES / "yahoo" / "chart_daily_bars_btc_usd.json").read_text(encoding="utf-8"))
    result = body["chart"]["result"][0]
    result["meta"].update(symbol=symbol, exchangeTimezoneName="America/New_York", timezone="EST", gmtoffset=-18000)
    result["timestamp"] = [int(datetime.combine(day, time(14, 30), UTC).timestamp()) for day, _ in closes]
    values = [close for _, close in closes]
    quote = result["indicators"]["quote"][0]
    for key in ("low", "close", "open", "high"):
        quote[key] = values
    quote["volume"] = [1_000_000 for _ in values]
    result["indicators"]["adjclose"][0]["adjclose"] = values
    return json.dumps(body, separators=(",", ":")).encode()


def mempool_hashrate_body(days: list[tuple[date, float]]) -> bytes:
    """mempool's hashrate answer (the real capture's keys) with one average per day, in H/s."""
    body = json.loads((FIXTURES / "mempool" / "hashrate_3d_2022-05.json").read_text(encoding="utf-8"))
    body["hashrates"] = [
        {"timestamp": int(datetime.combine(day, time(0), UTC).timestamp()), "avgHashrate": value} for day, value in days
    ]
    return json.dumps(body).encode()


def mempool_rewards_body(days: list[tuple[date, float]]) -> bytes:
    """`/api/v1/mining/blocks/rewards/{window}`: average reward per block (satoshis) per day."""
    rows = [
        {
            "avgHeight": 900_000 + i * 144,
            "timestamp": int(datetime.combine(day, time(0), UTC).timestamp()),
            "avgRewards": v,
        }
        for i, (day, v) in enumerate(days)
    ]
    return json.dumps(rows).encode()


# --- parsers -------------------------------------------------------------------------------------------------


def test_yahoo_daily_closes_take_the_exchange_day_and_skip_bars_without_a_close() -> None:
    closes: list[tuple[date, float | None]] = [(date(2026, 11, 20), 12.5), (date(2026, 11, 23), None)]
    closes.append((date(2026, 11, 24), 13.1))
    parsed = parse_yahoo_daily_closes(yahoo_daily_body("MARA", closes))
    assert [(v.day, v.value) for v in parsed] == [(date(2026, 11, 20), 12.5), (date(2026, 11, 24), 13.1)]


def test_the_real_btc_daily_capture_parses_to_three_utc_days() -> None:
    parsed = parse_yahoo_daily_closes((FIXTURES / "yahoo" / "chart_daily_bars_btc_usd.json").read_bytes())
    assert [(v.day.isoformat(), round(v.value, 2)) for v in parsed] == [
        ("2020-01-01", 7200.17),
        ("2020-01-02", 6985.47),
        ("2020-01-03", 7344.88),
    ]


def test_a_weekend_answer_without_timestamps_has_no_bars() -> None:
    assert parse_yahoo_daily_closes((FIXTURES / "yahoo" / "chart_weekend_no_timestamp.json").read_bytes()) == []


def test_daily_hashprice_is_reward_times_price_over_hashrate() -> None:
    day = date(2026, 11, 20)
    hashrates = parse_mempool_hashrates(mempool_hashrate_body([(day, 1.0e21)]))  # 1,000 EH/s
    rewards = parse_mempool_block_rewards(mempool_rewards_body([(day, 3.2e8)]))  # 3.2 BTC per block
    [value] = daily_hashprice(hashrates, rewards, {day - timedelta(days=1): 90_000.0})
    # 3.2 BTC × 144 blocks × $90,000 ÷ 1,000,000 PH/s
    assert value.day == day and value.value == pytest.approx(3.2 * 144 * 90_000 / 1_000_000)


# --- the store and the data drawn ----------------------------------------------------------------------------


def seed_mara(engine: Engine) -> None:
    """A year of MARA closes, two live notes and a matured one, filings in and out of the 3-month range."""
    with session_scope(engine) as session:
        parsed = parse_yahoo_daily_closes(yahoo_daily_body("MARA", list(mara_closes())))
        chart_queries.insert_daily_closes(session, "MARA", [(v.day, v.value) for v in parsed], TODAY)
        session.add(
            ConvertibleNote(
                ticker="MARA", status="closed", principal_usd=850e6, coupon_pct=0.0, maturity=date(2031, 6, 1),
                conversion_price_usd=18.25, cap_price_usd=27.50, currency="USD",
            )
        )  # fmt: skip
        session.add(
            ConvertibleNote(
                ticker="MARA", status="priced", principal_usd=1e9, coupon_pct=0.0, maturity_year=2030,
                conversion_price_usd=25.91, cap_price_usd=None, currency="USD",
            )
        )  # fmt: skip
        session.add(
            ConvertibleNote(
                ticker="MARA", status="closed", principal_usd=747.5e6, coupon_pct=1.0, maturity=date(2026, 12, 1),
                conversion_price_usd=76.17, currency="USD",
            )
        )  # fmt: skip
        session.add(
            ConvertibleNote(
                ticker="MARA", status="closed", principal_usd=300e6, maturity=date(2026, 9, 1), conversion_price_usd=9.0
            )
        )  # matured: no line
        for number, (form, filed) in enumerate(
            [
                ("8-K", date(2026, 10, 3)),
                ("10-Q", date(2026, 11, 5)),
                ("8-K", date(2026, 11, 12)),
                ("8-K", date(2026, 7, 1)),
            ]
        ):
            session.add(
                Filing(accession=f"0001507605-26-{number:06d}", cik=1507605, ticker="MARA", form=form, filed=filed)
            )


#: This chat's rules: two BTC price thresholds, one hashprice threshold, and a BTC change rule (not a price line).
CHAT_RULES = (
    ("BTC", "price", ">", 120_000.0),
    ("BTC", "price", "<", 85_000.0),
    ("NETWORK", "hashprice", "<", 45.0),
    ("BTC", "change", ">", 5.0),
)


def seed_btc_and_rules(engine: Engine) -> None:
    with session_scope(engine) as session:
        closes = [(day, 90_000.0 + 150 * i) for i, day in enumerate(d for d in _days(TODAY, 40))]
        chart_queries.insert_daily_closes(session, "BTC", closes, TODAY)
        for subject, metric, op, value in CHAT_RULES:
            alert_queries.add_rule(
                session, CHAT, text=f"{subject} {metric} {op} {value:g}", subject=subject, metric=metric, op=op,
                value=value, cooldown_s=3600, once=False, until=None, limit=50,
            )  # fmt: skip
        alert_queries.add_rule(
            session,
            CHAT + 1,
            text="BTC price > 1",
            subject="BTC",
            metric="price",
            op=">",
            value=1.0,
            cooldown_s=3600,
            once=False,
            until=None,
            limit=50,
        )  # fmt: skip  another chat's rule: not on this chat's chart
        chart_queries.insert_daily_hashprices(
            session, [(d, 50.0 - 0.1 * i) for i, d in enumerate(_days(TODAY, 40))], TODAY
        )


def _days(today: date, count: int) -> list[date]:
    return [today - timedelta(days=count - i) for i in range(count)]


def golden_json(data: ChartData) -> str:
    return json.dumps(data.as_dict(), indent=1, ensure_ascii=False) + "\n"


def test_mara_3m_is_drawn_from_the_closes_the_live_notes_and_the_8k_dates(engine: Engine) -> None:
    seed_mara(engine)
    with session_scope(engine) as session:
        data = chart_data(session, ChartRequest("MARA", "price", "3m"), CHAT, TODAY, "en")
    assert data.points[0][0] >= TODAY - timedelta(days=91) and data.points[-1][0] == TODAY - timedelta(days=1)
    assert [(line.kind, line.value, line.year) for line in data.lines] == [
        ("conversion", 76.17, 2026),
        ("cap", 27.5, 2031),
        ("conversion", 25.91, 2030),
        ("conversion", 18.25, 2031),
    ]
    assert [(m.day, m.label) for m in data.markers] == [(date(2026, 10, 3), "8-K"), (date(2026, 11, 12), "8-K")]
    assert_golden("chart_mara_3m_en.json", golden_json(data))
    assert chart_caption(data) == "📈 <b>MARA · 3 months</b> · last $16.32 (24 Nov) · +49.2% over the range"


def test_btc_and_hashprice_carry_this_chats_thresholds_only(engine: Engine) -> None:
    seed_btc_and_rules(engine)
    with session_scope(engine) as session:
        btc = chart_data(session, ChartRequest("BTC", "price", "30d"), CHAT, TODAY, "de")
        hashprice = chart_data(session, ChartRequest("NETWORK", "hashprice", "30d"), CHAT, TODAY, "de")
    assert [(line.kind, line.op, line.value) for line in btc.lines] == [
        ("threshold", ">", 120_000.0),
        ("threshold", "<", 85_000.0),
    ]
    assert [(line.kind, line.op, line.value) for line in hashprice.lines] == [("threshold", "<", 45.0)]
    assert btc.markers == () and len(btc.points) == 30
    assert_golden("chart_btc_30d_de.json", golden_json(btc))
    assert_golden("chart_hashprice_30d_de.json", golden_json(hashprice))
    assert chart_caption(hashprice).startswith("📈 <b>Hashprice · 30 Tage</b> · zuletzt 46,10 $/PH/d")


def test_backfill_fills_past_days_only_and_never_a_day_that_has_a_price(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(PricePoint(symbol="MARA", price=13.0, source="yahoo", at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC)))
        added = chart_queries.insert_daily_closes(
            session, "MARA", [(date(2026, 11, 19), 12.0), (date(2026, 11, 20), 12.5), (TODAY, 14.0)], TODAY
        )
        again = chart_queries.insert_daily_closes(session, "MARA", [(date(2026, 11, 19), 12.0)], TODAY)
        series = chart_queries.price_series(session, "MARA", datetime(2026, 11, 1, tzinfo=UTC))
        latest = alert_queries.latest_price(session, "MARA")
        hashprices = chart_queries.insert_daily_hashprices(session, [(date(2026, 11, 19), 50.0), (TODAY, 49.0)], TODAY)
        stats = session.exec(select(NetworkStat)).all()
    assert (added, again) == (1, 0)
    assert [(at.date(), price) for at, price in series] == [(date(2026, 11, 19), 12.0), (date(2026, 11, 20), 13.0)]
    assert latest is not None and latest.price == 13.0  # the live quote stays the newest point
    assert hashprices == 1 and len(stats) == 1


def test_daily_keeps_the_last_value_of_each_utc_day() -> None:
    at = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)
    points = [(at, 1.0), (at + timedelta(hours=5), 2.0), (at + timedelta(days=1), 3.0)]
    assert daily(points) == ((date(2026, 11, 20), 2.0), (date(2026, 11, 21), 3.0))


def test_a_euro_note_draws_no_dollar_line() -> None:
    note = ConvertibleNote(ticker="IREN", conversion_price_usd=12.0, currency="EUR", maturity_year=2030)
    assert note_lines([note], TODAY) == ()


# --- grammar and callback data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["MARA"], ChartRequest("MARA", "price", "3m")),
        (["$mara", "1y"], ChartRequest("MARA", "price", "1y")),
        (["BTC", "30d"], ChartRequest("BTC", "price", "30d")),
        (["NETWORK", "hashprice", "6m"], ChartRequest("NETWORK", "hashprice", "6m")),
        (["network"], ChartRequest("NETWORK", "hashprice", "3m")),
    ],
)
def test_chart_arguments(args: list[str], expected: ChartRequest) -> None:
    assert parse_chart_args(args, UNIVERSE) == expected


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["MARA", "7y"], "chart_unknown_range"),
        (["TSLA"], "chart_unknown_subject"),
        ([], "chart_usage"),
        (["MARA", "1y", "extra", "more"], "chart_usage"),
        (["NETWORK", "difficulty", "1y"], "chart_usage"),
    ],
)
def test_bad_chart_arguments_name_the_problem(args: list[str], key: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_chart_args(args, UNIVERSE)
    assert caught.value.key == key
    if key == "chart_unknown_range":
        assert caught.value.values["ranges"] == "3m, 30d, 6m, 1y, 2y"


def test_callback_data_is_versioned_short_and_checked() -> None:
    assert chart_callback_data("MARA") == "v1:chart:MARA:3m"
    assert len(chart_callback_data("NETWORK", "2y").encode()) <= MAX_CALLBACK_DATA_BYTES
    with pytest.raises(ValueError):
        chart_callback_data("MARA:evil", "3m")


# --- the picture ---------------------------------------------------------------------------------------------


def png_chunks(png: bytes) -> dict[bytes, list[bytes]]:
    """Every chunk of a PNG by type, each CRC checked (a PNG that decodes chunk by chunk)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, list[bytes]] = {}
    offset = 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind, body = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + body) == crc
        chunks.setdefault(kind, []).append(body)
        offset += 12 + length
    return chunks


def png_description(png: bytes) -> dict[str, object]:
    """The values the PNG says it was drawn with (its Description text chunk)."""
    for body in png_chunks(png).get(b"tEXt", []):
        key, _, value = body.partition(b"\x00")
        if key == b"Description":
            return json.loads(value.decode("latin-1"))  # type: ignore[no-any-return]
    raise AssertionError("no Description chunk")


def test_the_png_decodes_to_the_expected_size_and_names_its_lines(engine: Engine) -> None:
    seed_mara(engine)
    with session_scope(engine) as session:
        data = chart_data(session, ChartRequest("MARA", "price", "1y"), CHAT, TODAY, "en")
    png = render_chart(data)
    chunks = png_chunks(png)
    width, height = struct.unpack(">II", chunks[b"IHDR"][0][:8])
    assert (width, height) == (CHART_WIDTH_PX, CHART_HEIGHT_PX)
    pixels = zlib.decompress(b"".join(chunks[b"IDAT"]))
    assert len(pixels) == height * (1 + width * 4)  # RGBA rows, each with its filter byte
    assert [line["value"] for line in png_description(png)["lines"]] == [76.17, 27.5, 25.91, 18.25]  # type: ignore[index]
    assert len(png) <= 150 * 1024


def test_an_empty_series_still_renders_a_picture() -> None:
    png = render_chart(ChartData("CIFR", "price", "3m", ()))
    assert png_description(png)["last"] is None


def test_the_cache_draws_a_chart_once_a_day_and_again_when_its_values_change() -> None:
    drawn: list[ChartData] = []
    cache = ChartCache(render=lambda data: drawn.append(data) or b"png")
    data = ChartData("MARA", "price", "3m", ((TODAY, 1.0),))
    cache.png(data, TODAY)
    cache.png(data, TODAY)
    cache.png(data, TODAY + timedelta(days=1))
    cache.png(ChartData("MARA", "price", "3m", ((TODAY, 1.0),), lang="de"), TODAY)
    assert cache.renders == 3


def test_the_caption_says_where_a_short_history_starts_instead_of_claiming_the_whole_range() -> None:
    def hashprice(days: int) -> ChartData:
        points = tuple((date(2026, 11, 24) - timedelta(days=ago), 45.0 + ago) for ago in range(days - 1, -1, -1))
        return ChartData("NETWORK", "hashprice", "6m", points, (), (), "en")

    assert chart_caption(hashprice(5)) == (
        "📈 <b>Hashprice · 6 months</b> · last 45.00 $/PH/d (24 Nov) · -8.2% since 2026-11-20, where the stored "
        "history starts"
    )
    assert chart_caption(hashprice(1)) == (
        "📈 <b>Hashprice · 6 months</b> · 45.00 $/PH/d (24 Nov) · one day stored so far, no change to show yet"
    )
    assert chart_caption(hashprice(180)).endswith("over the range")  # starts within the slack: the whole range
    german = ChartData("NETWORK", "hashprice", "6m", hashprice(5).points, (), (), "de")
    assert "seit 20. Nov. 2026, dem Beginn des gespeicherten Verlaufs" in chart_caption(german)


def test_a_full_history_that_stopped_updating_is_not_called_short() -> None:
    today = date(2026, 11, 24)
    stale = tuple((today - timedelta(days=ago), 20.0 - ago / 10) for ago in range(91, 14, -1))  # ends 15 days ago
    data = ChartData("MARA", "price", "3m", stale, (), (), "en", start=today - timedelta(days=91))
    assert chart_caption(data).endswith("over the range")
    late = ChartData("MARA", "price", "3m", stale[40:], (), (), "en", start=today - timedelta(days=91))
    assert "where the stored history starts" in chart_caption(late)
