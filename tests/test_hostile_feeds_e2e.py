"""Hostile feeds through the loopback doubles: the real NewsJob reads feeds over HTTP from a FeedServer, the real
Sender sends through python-telegram-bot to the Bot API double (which checks Telegram's HTML and length rules).

A compression bomb fails its own source and nothing else; a story with a 4,200-character link still arrives;
texts queued before these fixes that Telegram refuses arrive in parts or as plain text, each once.
"""

from __future__ import annotations

import email.utils
from collections.abc import AsyncIterator
from datetime import timedelta
from xml.sax.saxutils import escape

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select
from telegram import Bot

from bot.app import TelegramTransport
from bot.sender import Sender
from classifiers.keywords import KeywordClassifier
from minerwatch.config import FeedConfig, Settings, load_settings
from minerwatch.jobs.news import NewsJob
from store import outbox_queries
from store.db import session_scope
from store.models import Source
from tests.bombs import bomb, gzip_twice
from tests.conftest import Clock
from tests.doubles.botapi import BotApiDouble
from tests.doubles.http_server import FeedServer
from tests.helpers import add_chat, outbox
from watchers.http import make_client

TOKEN = "424243:hostile-feeds"
CHAT = 4242
ADMIN = 7
OLD = ("old-1", "Cipher Mining opens a new site", "https://news.example/old-1")
MIB = 1 << 20


def feed(clock: Clock, *items: tuple[str, str, str]) -> bytes:
    """RSS 2.0 of (guid, title, link) items published an hour before the clock (never a fixed date)."""
    date = email.utils.format_datetime(clock() - timedelta(hours=1), usegmt=True)
    body = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link><guid>{escape(guid)}</guid>"
        f"<pubDate>{date}</pubDate><description>{escape(title)}, said the company.</description></item>"
        for guid, title, link in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'.encode()


def settings_for(*urls: str) -> Settings:
    settings = load_settings(None, use_default_path=False)
    return settings.model_copy(update={"feeds": [FeedConfig(url=url, name=url.rsplit("/", 1)[-1]) for url in urls]})


@pytest.fixture
async def doubles() -> AsyncIterator[tuple[BotApiDouble, FeedServer, Bot]]:
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds, Bot(TOKEN, base_url=api.base_url) as bot:
        yield api, feeds, bot


async def poll_twice(engine: Engine, clock: Clock, feeds: FeedServer, urls: list[str], new: bytes) -> NewsJob:
    """A baseline poll, then (ten minutes later, every feed due again) a poll that sees `new` at /good.xml."""
    async with make_client("MinerWatch test") as client:
        job = NewsJob(engine, client, KeywordClassifier(), settings_for(*urls), clock=clock)
        await job.run_once()
        feeds.update("/good.xml", body=new)
        clock.advance(minutes=10)
        await job.run_once()
    return job


async def test_a_bomb_beside_a_good_feed_fails_alone_and_the_story_arrives(
    engine: Engine, clock: Clock, doubles: tuple[BotApiDouble, FeedServer, Bot]
) -> None:
    api, feeds, bot = doubles
    add_chat(engine, CHAT, ["MARA"])
    feeds.route("/good.xml", feed(clock, OLD))
    bombs = {"/bomb.xml": (bomb(64 * MIB), "gzip"), "/twice.xml": (gzip_twice(64 * MIB), "gzip, gzip")}
    for path, (body, encoding) in bombs.items():
        feeds.route(path, body, gzip=False, headers={"Content-Encoding": encoding}, content_type="application/rss+xml")
    story = ("mara-1", "MARA prices $950 million convertible notes", "https://news.example/mara-1")
    urls = [feeds.url(path) for path in ("/good.xml", *bombs)]
    await poll_twice(engine, clock, feeds, urls, feed(clock, story, OLD))
    await Sender(engine, TelegramTransport(bot)).run_once()  # the job queued on the wall clock

    [message] = await api.wait_for_messages(1)
    assert message.chat_id == CHAT and story[1] in message.plain_text
    with session_scope(engine) as session:
        health = {row.key.rsplit("/", 1)[-1]: row for row in session.exec(select(Source))}
    assert health["good.xml"].failures == 0
    assert health["bomb.xml"].failures == 2 and "cap" in (health["bomb.xml"].last_error or "")
    assert health["twice.xml"].failures == 2 and "stacked" in (health["twice.xml"].last_error or "")


async def test_a_story_with_a_4200_character_link_is_delivered_without_the_link(
    engine: Engine, clock: Clock, doubles: tuple[BotApiDouble, FeedServer, Bot]
) -> None:
    api, feeds, bot = doubles
    add_chat(engine, CHAT, ["MARA"])
    feeds.route("/good.xml", feed(clock, OLD))
    absurd = "https://news.example/mara-2?" + "utm=x&" * 700  # 4,228 characters
    story = ("mara-2", "MARA announces a 200 MW AI data centre lease", absurd)
    await poll_twice(engine, clock, feeds, [feeds.url("/good.xml")], feed(clock, story, OLD))
    await Sender(engine, TelegramTransport(bot)).run_once()  # the job queued on the wall clock

    [message] = await api.wait_for_messages(1)
    assert story[1] in message.plain_text
    assert [e for e in message.entities if e["type"] == "text_link"] == []
    assert [row.status for row in outbox(engine)] == ["sent"]


async def test_texts_telegram_refuses_arrive_in_parts_or_plain_once_and_the_admin_is_told_once(
    engine: Engine, clock: Clock, doubles: tuple[BotApiDouble, FeedServer, Bot]
) -> None:
    """Rows as an older version queued them: an alert cut inside its <a> tag, a digest never split."""
    api, _, bot = doubles
    add_chat(engine, CHAT, ["MARA"])
    cut_alert = '📰 <b>MARA prices notes</b>\n<a href="https://news.example/' + "a" * 4200
    cut_alert = cut_alert[:4096]
    long_digest = "\n".join(f"• $MARA story {n} with a few more words" for n in range(150))
    with session_scope(engine) as session:
        outbox_queries.enqueue(
            session, key="news:1:4242", chat_id=CHAT, text=cut_alert, kind="news", not_before=clock()
        )
        outbox_queries.enqueue(
            session, key="digest:1:0", chat_id=CHAT, text=long_digest, kind="digest", not_before=clock()
        )
    sender = Sender(engine, TelegramTransport(bot), clock=clock, admins=[ADMIN])
    for _ in range(8):
        await sender.run_once()
        clock.advance(seconds=5)

    refused = [call.params.get("text", "")[:30] for call in api.calls_to("sendMessage") if call.status == 400]
    assert len(refused) == 2  # each old row tried once as it was
    to_chat = [m.plain_text for m in api.sent if m.chat_id == CHAT]
    assert to_chat[0].startswith("📰 MARA prices notes")  # the alert, as plain text
    digest = "\n".join(to_chat[1:])
    assert len(to_chat) >= 3 and all(f"story {n} " in digest for n in range(150))
    assert len({text for text in to_chat}) == len(to_chat)  # nothing twice
    [notice] = [m for m in api.sent if m.chat_id == ADMIN]
    assert "Telegram refused outbox message" in notice.plain_text
    assert {row.idempotency_key: row.status for row in outbox(engine)}["news:1:4242"] == "split"
