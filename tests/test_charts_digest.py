"""The weekly digest's chart (opt-in, /digest charts on): the watchlist's week as one photo after the digest,
through the outbox and TelegramTransport's sendPhoto into the Bot API double, in the chat's topic."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import select
from telegram import Bot

from bot.alerts.charts import watchlist_week
from bot.alerts.digest import queue_digest
from bot.app import TelegramTransport
from bot.messages.chart import chart_caption
from bot.sender import Sender
from classifiers.base import THEMES
from store import chart_queries, queries
from store.db import session_scope
from store.models import Chat, Outbox
from tests.doubles.botapi import BotApiDouble
from tests.doubles.botapi_types import png_size
from tests.test_charts import png_description
from tests.test_format import assert_golden

UNTIL = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # a Monday, the weekly digest's slot
TOKEN = "777:AAE-digest-chart-token"
GROUP, TOPIC = -1001777000222, 3


def seed(engine: Engine, *, charts: bool, mode: str = "weekly") -> None:
    with session_scope(engine) as session:
        chat, _ = queries.register_chat(
            session, GROUP, chat_type="supergroup", title="desk", thread_id=TOPIC, default_tickers=("MARA", "CIFR"),
            themes=THEMES,
        )  # fmt: skip
        chat.digest_mode, chat.digest_charts = mode, charts
        session.add(chat)
        for ticker, start, step in (("MARA", 15.0, 0.3), ("CIFR", 6.0, -0.1)):
            closes = [(date(2026, 11, 21) + timedelta(days=i), start + step * i) for i in range(9)]
            chart_queries.insert_daily_closes(session, ticker, closes, UNTIL.date())


def test_the_week_chart_has_each_watched_tickers_closes(engine: Engine) -> None:
    seed(engine, charts=True)
    with session_scope(engine) as session:
        data = watchlist_week(session, session.get(Chat, GROUP), UNTIL)  # type: ignore[arg-type]
    assert [name for name, _ in data.series] == ["CIFR", "MARA"]
    assert_golden("chart_digest_week_en.json", json.dumps(data.as_dict(), indent=1) + "\n")
    assert chart_caption(data) == "📈 <b>Your watchlist this week</b> · MARA +11.5% · CIFR -10.3%"


def test_no_chart_unless_the_chat_asked_for_it_in_a_weekly_digest(engine: Engine) -> None:
    seed(engine, charts=False)
    with session_scope(engine) as session:
        queue_digest(session, session.get(Chat, GROUP), UNTIL - timedelta(days=7), UNTIL, "digest:w")  # type: ignore[arg-type]
        photos = [row for row in session.exec(select(Outbox)) if row.photo is not None]
    assert photos == []


async def test_the_digest_chart_goes_out_as_a_photo_in_the_topic(engine: Engine) -> None:
    seed(engine, charts=True)
    with session_scope(engine) as session:
        queue_digest(session, session.get(Chat, GROUP), UNTIL - timedelta(days=7), UNTIL, "digest:w")  # type: ignore[arg-type]
        keys = [row.idempotency_key for row in session.exec(select(Outbox).order_by(Outbox.id))]  # type: ignore[arg-type]
    assert keys == ["digest:w:0", "digest:w:chart"]
    async with BotApiDouble(token=TOKEN) as api, Bot(TOKEN, base_url=api.base_url) as bot:
        api.add_chat(GROUP, "supergroup", is_forum=True)
        await Sender(engine, TelegramTransport(bot)).run_once()
        # a group gets about one message per 3 s: the photo is due a little later
        later = Sender(engine, TelegramTransport(bot), clock=lambda: datetime.now(UTC) + timedelta(minutes=1))
        await later.run_once()
        digest, photo = await api.wait_for_messages(2)
    assert digest.photo is None and digest.message_thread_id == TOPIC
    assert photo.photo is not None and png_size(photo.photo) == (1280, 720)
    assert photo.message_thread_id == TOPIC and photo.disable_notification
    assert photo.plain_text.startswith("📈 Your watchlist this week · MARA +11.5%")
    assert png_description(photo.photo)["series"] == ["CIFR", "MARA"]
