"""End to end: `minerwatch run` backfills MARA's daily closes from a loopback Yahoo chart API (`range=2y`), then
`/chart MARA` in a forum topic answers with a sendPhoto (multipart upload) whose picture was drawn with the
conversion-price lines of MARA's stored notes, in that topic, with the caption; `/status MARA` offers the
"📈 Chart 3m" button, and pressing it answers the callback query and sends the same chart; `/chart MARA 7y`
says which ranges exist; `/digest charts on` opts the chat in to the weekly digest's chart. Time is fixed by
time-machine; every HTTP call goes to loopback doubles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from sqlmodel import select

from classifiers.keywords import KeywordClassifier
from minerwatch.runtime import Runtime
from store.db import session_scope
from store.models import Chat, ConvertibleNote, PricePoint, Source
from tests.doubles.botapi import BotApiDouble
from tests.doubles.botapi_types import png_size
from tests.doubles.server import LoopbackServer, Request, Response
from tests.e2e_run import TOKEN, make_settings
from tests.helpers import until
from tests.test_charts import mara_closes, png_description, yahoo_daily_body
from tests.test_market_job import MarketAPI

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
GROUP, USER, TOPIC = -1001555000111, 42, 7


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "MINERWATCH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    with time_machine.travel(NOW, tick=True):
        yield


def market_with_history(api: MarketAPI, history: dict[str, bytes], asked: list[str]) -> LoopbackServer:
    """The MarketAPI's quotes, plus daily history for a `range=2y` chart request."""

    async def handle(request: Request) -> Response:
        query = request.query_params()
        if request.path.startswith("/v8/finance/chart/") and query.get("range") == "2y":
            symbol = request.path.rsplit("/", 1)[-1]
            asked.append(symbol)
            if symbol in history:
                return Response(200, history[symbol], [("Content-Type", "application/json")])
            return Response(404, b'{"chart":{"result":null,"error":{"code":"Not Found"}}}')
        status, content_type, body, headers = api.answer(request.headers.get("Host") or "", request.path, query)
        return Response(status, body, [("Content-Type", content_type), *headers.items()])

    return LoopbackServer(handle, server_name="market-double")


def seed_notes(runtime: Runtime) -> None:
    with session_scope(runtime.engine) as session:
        session.add(ConvertibleNote(ticker="MARA", status="closed", maturity_year=2031, conversion_price_usd=18.25,
                                    cap_price_usd=27.50, currency="USD"))  # fmt: skip
        session.add(ConvertibleNote(ticker="MARA", status="closed", maturity_year=2030, conversion_price_usd=25.91,
                                    currency="USD"))  # fmt: skip


def backfilled(runtime: Runtime) -> bool:
    with session_scope(runtime.engine) as session:
        source = session.exec(select(Source).where(Source.key == "history:MARA")).first()
        points = session.exec(select(PricePoint).where(PricePoint.symbol == "MARA")).all()
    live = [point for point in points if point.source == "yahoo"]  # today's quote: the day's last value is set
    return source is not None and source.baseline_done and len(points) > 200 and bool(live)


async def test_chart_mara_in_a_topic_and_the_status_button_send_the_note_lines(tmp_path: Path) -> None:
    api, asked = MarketAPI(lambda: datetime.now(UTC)), []
    history = {"MARA": yahoo_daily_body("MARA", list(mara_closes()))}
    async with BotApiDouble(token=TOKEN) as bot_api:
        async with market_with_history(api, history, asked) as market:
            runtime = Runtime(make_settings(tmp_path, bot_api, market), classifier=KeywordClassifier())
            await runtime.start()
            try:
                await bot_api.wait_for_calls("getUpdates")
                await until(lambda: backfilled(runtime), timeout=10.0)
                assert asked.count("MARA") == 1 and "BTC-USD" in asked
                seed_notes(runtime)
                bot_api.set_member(GROUP, USER, "administrator")

                async def say(text: str) -> None:
                    before = len(bot_api.sent)
                    bot_api.push_text(GROUP, USER, text, chat_type="supergroup", thread_id=TOPIC)
                    await bot_api.wait_for_messages(before + 1, timeout=10.0)

                await say("/start")
                await say("/chart MARA")
                photo = bot_api.sent[-1]
                assert photo.photo is not None and png_size(photo.photo) == (1280, 720)
                assert photo.chat_id == GROUP and photo.message_thread_id == TOPIC
                assert photo.plain_text.startswith("📈 MARA · 3 months · last $")
                drawn = png_description(photo.photo)
                conversion = [line["value"] for line in drawn["lines"] if line["kind"] == "conversion"]  # type: ignore[union-attr,index]
                assert conversion == [25.91, 18.25]
                assert [line["value"] for line in drawn["lines"] if line["kind"] == "cap"] == [27.5]  # type: ignore[union-attr,index]
                assert bot_api.calls_to("sendPhoto")[-1].params.get("message_thread_id") == str(TOPIC)

                await say("/chart MARA 7y")
                assert "7y" in bot_api.sent[-1].plain_text and "3m, 30d, 6m, 1y, 2y" in bot_api.sent[-1].plain_text

                await say("/status MARA")
                card = bot_api.sent[-1]
                [[button]] = card.reply_markup["inline_keyboard"]  # type: ignore[index]
                assert button == {"text": "📈 Chart 3m", "callback_data": "v1:chart:MARA:3m"}
                before = len(bot_api.sent)
                bot_api.push_callback_query(GROUP, USER, button["callback_data"], card.message_id)
                [pressed] = (await bot_api.wait_for_messages(before + 1, timeout=10.0))[before:]
                assert len(bot_api.callback_answers) == 1
                assert pressed.photo is not None and pressed.message_thread_id == TOPIC
                assert png_description(pressed.photo) == drawn and pressed.text == photo.text

                await say("/digest charts on")
                assert bot_api.sent[-1].plain_text.startswith("✅ Your weekly digest will carry a chart")
                assert "Your digest is not weekly now" in bot_api.sent[-1].plain_text  # the chat's digest is daily
                await say("/digest charts maybe")
                assert "/digest charts on" in bot_api.sent[-1].plain_text
                with session_scope(runtime.engine) as session:
                    assert session.get(Chat, GROUP).digest_charts  # type: ignore[union-attr]
            finally:
                await runtime.stop()
