"""End to end: `minerwatch run` against the loopback Bot API double and a loopback feed server.

python-telegram-bot talks real HTTP to the double (through telegram.api_url); the news watcher reads feeds over
real HTTP. A user sends /start, /watch MARA and /watchlist; a new MARA item arrives as exactly one alert within one
poll interval plus a second, never again after a restart, while a broken feed beside it fails on its own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlmodel import select

from bot.handlers.flood import CommandLimiter
from bot.messages.locale import moment
from classifiers.keywords import KeywordClassifier
from minerwatch.config import Settings, load_settings
from minerwatch.runtime import Runtime
from store import queries
from store.db import session_scope
from store.models import Chat, MinerMute
from tests.doubles.botapi import BotApiDouble
from tests.doubles.http_server import FeedServer
from tests.feeds import fresh_rss
from tests.helpers import until

TOKEN = "424242:AAE-test-token-never-logged"
POLL_INTERVAL_S = 1.0
OLD = ("old-1", "Cipher Mining opens a new site", "Cipher Mining (NASDAQ: CIFR) opened a site.")
NEW = (
    "mara-9",
    "MARA prices $950 million convertible senior notes due 2032",
    "MARA Holdings (NASDAQ: MARA) priced 0.00% convertible senior notes to fund its AI data centre build.",
)
IREN_ITEM = ("iren-3", "IREN signs multi-year GPU cloud contract", "IREN (NASDAQ: IREN) signed a contract.")


def make_settings(tmp_path: Path, api: BotApiDouble, feeds: FeedServer) -> Settings:
    config = tmp_path / "minerwatch.toml"
    config.write_text(
        f"""
[telegram]
token = "{TOKEN}"
api_url = "{api.base_url}"
admins = [7]
[database]
url = "sqlite:///{tmp_path / "minerwatch.db"}"
[news]
interval = "{POLL_INTERVAL_S:g}s"
[sender]
interval = "1s"
[classifier]
kind = "keywords"
[prices]
yahoo_url = "{feeds.origin}"
stooq_url = "{feeds.origin}"
coingecko_url = "{feeds.origin}"
interval = "1h"
[network]
mempool_url = "{feeds.origin}"
interval = "1h"
[sec]
www_url = "{feeds.origin}"
data_url = "{feeds.origin}"
[[feeds]]
url = "{feeds.url("/miners.xml")}"
name = "Miner wire"
[[feeds]]
url = "{feeds.url("/broken.xml")}"
name = "Broken feed"
""",
        encoding="utf-8",
    )
    return load_settings(config)


@asynccontextmanager
async def running_bot(tmp_path: Path) -> AsyncIterator[tuple[BotApiDouble, Runtime]]:
    """The whole product against the doubles, with two quiet feeds; stops cleanly whatever the test does."""
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD))
        feeds.route("/broken.xml", fresh_rss(OLD))
        runtime = Runtime(make_settings(tmp_path, api, feeds), classifier=KeywordClassifier())
        await runtime.start()
        try:
            await api.wait_for_calls("getUpdates")
            yield api, runtime
        finally:
            await runtime.stop()


pytestmark = pytest.mark.usefixtures("no_env")


async def test_commands_then_one_alert_per_new_item_even_across_a_restart(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD), etag='"v1"')
        feeds.route("/broken.xml", b"<html><body>502 Bad Gateway</body></html>", status=502)
        settings = make_settings(tmp_path, api, feeds)
        runtime = Runtime(settings, classifier=KeywordClassifier())
        await runtime.start()
        try:
            await api.wait_for_calls("getUpdates")
            api.push_text(42, 42, "/start")
            welcome = (await api.wait_for_messages(1))[0]
            assert welcome.chat_id == 42 and "Welcome to MinerWatch" in welcome.plain_text
            assert "MARA" in welcome.plain_text
            api.push_text(42, 42, "/watch MARA")
            api.push_text(42, 42, "/watchlist")
            api.push_text(43, 43, "/start")
            api.push_text(43, 43, "/unwatch MARA")
            replies = await api.wait_for_messages(5)
            texts = [m.plain_text for m in replies]
            assert "You already follow MARA." in texts
            assert any(t.startswith("Your watchlist: ") and "MARA (MARA Holdings)" in t for t in texts)
            assert "✅ Stopped following MARA." in texts
            # the feed's first poll was a baseline: the old item was not sent
            await until(lambda: len(feeds.requests_for("/miners.xml")) >= 2)
            assert len(api.sent) == 5

            feeds.update("/miners.xml", body=fresh_rss(OLD, NEW), etag='"v2"')
            # (how fast: bench/news_latency.py; here what arrives, once, with a generous timeout)
            alert = (await api.wait_for_messages(6, timeout=POLL_INTERVAL_S + 20))[5]
            assert alert.chat_id == 42 and alert.parse_mode == "HTML"
            assert "MARA prices $950 million convertible senior notes due 2032" in alert.plain_text
            assert "#debt_terms" in alert.plain_text and "Miner wire" in alert.plain_text
            await asyncio.sleep(3 * POLL_INTERVAL_S)
            assert len(api.sent) == 6  # chat 43 unwatched MARA; nothing twice
        finally:
            await runtime.stop()

        restarted = Runtime(make_settings(tmp_path, api, feeds), classifier=KeywordClassifier())
        await restarted.start()
        try:
            feeds.update("/miners.xml", body=fresh_rss(OLD, NEW, IREN_ITEM), etag='"v3"')
            await api.wait_for_messages(8, timeout=POLL_INTERVAL_S + 20)
            await asyncio.sleep(2 * POLL_INTERVAL_S)
            new_messages = api.sent[6:]
            # only the new IREN story, to both chats (IREN is a default); the MARA story is not repeated
            assert sorted(m.chat_id for m in new_messages) == [42, 43]
            assert all("IREN signs multi-year GPU cloud contract" in m.plain_text for m in new_messages)
        finally:
            await restarted.stop()

    messages = [r.getMessage() for r in caplog.records]
    assert sum("Broken feed is failing" in m for m in messages) == 1  # when it started failing, not per poll
    still = [m for m in messages if "still failing from before" in m]  # the restart says so once
    assert len(still) == 1 and "still failing from before: Broken feed (since " in still[0]
    assert "Miner wire" not in still[0]
    assert TOKEN not in caplog.text


async def test_token_is_redacted_from_log_lines(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    async with running_bot(tmp_path) as (api, _runtime):
        logging.getLogger("telegram.ext.test").warning("request to %s failed", f"{api.base_url}{TOKEN}/getMe")
        logging.getLogger("httpx").warning(f"HTTP Request: POST {api.base_url}{TOKEN}/sendMessage")
    assert TOKEN not in caplog.text
    assert "<TOKEN>/getMe" in caplog.text


async def test_group_settings_need_an_administrator(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as (api, _runtime):
        group = -1001234567890
        api.set_member(group, 5, "administrator")
        api.set_member(group, 6, "member")
        api.push_text(group, 5, "/start", chat_type="supergroup", thread_id=77, title="Miner desk")
        first = (await api.wait_for_messages(1))[0]
        assert first.chat_id == group and first.message_thread_id == 77
        api.push_text(group, 6, "/unwatch MARA", chat_type="supergroup", title="Miner desk")
        api.push_text(group, 7, "/stats", chat_type="supergroup", title="Miner desk")
        api.push_text(44, 44, "/stats")
        replies = [m.plain_text for m in await api.wait_for_messages(4)]
        assert "Only group administrators can change this chat's settings." in replies
        assert any(r.startswith("MinerWatch stats") for r in replies)  # user 7 is a bot admin
        assert "This command is for the bot's administrators only." in replies


async def ask(api: BotApiDouble, chat_id: int, user_id: int, text: str, language_code: str = "en") -> str:
    """`user_id` sends `text` in `chat_id` (a supergroup when negative); the bot's answer as the user reads it."""
    before = len(api.sent)
    chat_type = "supergroup" if chat_id < 0 else "private"
    api.push_text(chat_id, user_id, text, chat_type=chat_type, title="Miner desk", language_code=language_code)
    return (await api.wait_for_messages(before + 1))[before].plain_text


async def test_a_group_member_is_told_that_an_administrator_has_to_start_or_change_settings(tmp_path: Path) -> None:
    group, admin, member, german_member = -1001234567891, 5, 6, 8
    not_registered = (
        "This group is not registered yet. A group administrator has to send /start here first; ask one of them."
    )
    async with running_bot(tmp_path) as (api, runtime):
        assert runtime.application is not None
        runtime.application.bot_data["deps"].limiter = CommandLimiter(burst=50)  # more commands than one burst
        api.set_member(group, admin, "administrator")
        for user in (member, german_member):
            api.set_member(group, user, "member")
        assert await ask(api, group, member, "/start") == not_registered
        assert await ask(api, group, member, "/status MARA") == not_registered
        assert await ask(api, group, member, "/watch HUT") == not_registered
        assert await ask(api, group, german_member, "/alerts", "de") == (
            "Diese Gruppe ist noch nicht registriert. Ein Gruppen-Administrator muss hier zuerst /start senden; "
            "bitten Sie einen darum."
        )
        assert await ask(api, 44, 44, "/status MARA") == "This chat is not registered yet. Send /start first."

        assert "Welcome to MinerWatch" in await ask(api, group, admin, "/start")
        assert await ask(api, group, member, "/start") == (
            "This group is registered already. Only a group administrator can send /start or change its settings; "
            "/help lists the commands."
        )
        assert await ask(api, group, member, "/unwatch MARA") == (
            "Only group administrators can change this chat's settings."
        )
        assert (await ask(api, group, member, "/watchlist")).startswith("Your watchlist")  # reading is for everyone

        with session_scope(runtime.engine) as session:
            queries.deactivate_chat(session, group, "403 Forbidden: bot was kicked from the supergroup chat")
        paused = await ask(api, group, member, "/start")
        assert (
            paused.startswith("⏸ Alerts to this group are paused")
            and "A group administrator has to send /start" in paused
        )
        assert await ask(api, group, member, "/alerts") == paused
        assert "Welcome back" in await ask(api, group, admin, "/start")


async def test_start_on_a_registered_chat_says_so_and_while_muted_until_when(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as (api, runtime):
        assert runtime.application is not None
        runtime.application.bot_data["deps"].limiter = CommandLimiter(burst=50)  # more commands than one burst
        assert "Welcome to MinerWatch" in await ask(api, 82, 82, "/start")
        assert await ask(api, 82, 82, "/start") == (
            "👋 This chat is registered already. Your watchlist: CIFR, IREN, MARA, WULF."
        )
        await ask(api, 82, 82, "/mute 2h")
        with session_scope(runtime.engine) as session:
            chat = session.get(Chat, 82)
            assert chat is not None and chat.mute_until is not None
            muted_until = chat.mute_until
        assert await ask(api, 82, 82, "/start") == (
            "👋 This chat is registered already. Your watchlist: CIFR, IREN, MARA, WULF.\n"
            f"🔕 Instant alerts are muted until {moment(muted_until, 'en')}; your digest still lists them. "
            "/unmute turns them on now."
        )
        await ask(api, 82, 82, "/lang de")
        await ask(api, 82, 82, "/tz Europe/Berlin")
        assert await ask(api, 82, 82, "/start") == (
            "👋 Dieser Chat ist bereits registriert. Ihre Watchlist: CIFR, IREN, MARA, WULF.\n"
            f"🔕 Sofort-Alarme sind stumm bis {moment(muted_until, 'de', 'Europe/Berlin')}; die Zusammenfassung "
            "listet sie weiter. /unmute schaltet sie jetzt wieder an."
        )
        await ask(api, 82, 82, "/unmute")
        assert await ask(api, 82, 82, "/start") == (
            "👋 Dieser Chat ist bereits registriert. Ihre Watchlist: CIFR, IREN, MARA, WULF."
        )
        await ask(api, 82, 82, "/lang en")
        await ask(api, 82, 82, "/mute WULF 24h")
        await ask(api, 82, 82, "/mute CIFR 2h")
        with session_scope(runtime.engine) as session:
            ends = {row.ticker: row.until for row in session.exec(select(MinerMute))}
        assert await ask(api, 82, 82, "/start") == (
            "👋 This chat is registered already. Your watchlist: CIFR, IREN, MARA, WULF.\n"
            f"🔕 Muted one by one: CIFR until {moment(ends['CIFR'], 'en', 'Europe/Berlin')}, "
            f"WULF until {moment(ends['WULF'], 'en', 'Europe/Berlin')}; your digest still lists them. "
            "/unmute ends every mute."
        )
        await ask(api, 82, 82, "/unmute")
        assert await ask(api, 82, 82, "/start") == (
            "👋 This chat is registered already. Your watchlist: CIFR, IREN, MARA, WULF."
        )


async def test_chat_settings_commands_store_what_they_say(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as (api, runtime):
        for text in (
            "/start",
            "/lang de",
            "/notify news silent",
            "/tz europe/berlin",
            "/mute 2h",
            "/unmute",
            "/digest weekly mon 07:30",
        ):
            api.push_text(81, 81, text)
        replies = [m.plain_text for m in await api.wait_for_messages(7)]
        assert replies[1] == "✅ Sprache: Deutsch."
        assert "Europe/Berlin" in replies[3]
        with session_scope(runtime.engine) as session:
            chat = session.get(Chat, 81)
            assert chat is not None
            assert (chat.lang, chat.notify_news, chat.tz, chat.mute_until) == ("de", "silent", "Europe/Berlin", None)
            assert (chat.digest_mode, chat.digest_time, chat.digest_day) == ("weekly", "07:30", 0)


async def test_broadcast_reaches_every_active_chat_once_as_typed_and_only_from_an_admin(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as (api, _runtime):
        for chat in (7, 44, 45):
            await ask(api, chat, chat, "/start")
        refused = await ask(api, 44, 44, "/broadcast <b>free money</b>")
        assert refused == "This command is for the bot's administrators only."
        before = len(api.sent)
        api.push_text(7, 7, "/broadcast Maintenance at 20:00 UTC <b>tonight</b> & tomorrow")
        sent = (await api.wait_for_messages(before + 4))[before:]
        notices = [m for m in sent if m.plain_text.startswith("📣")]
        assert sorted(m.chat_id for m in notices) == [7, 44, 45]  # each active chat once
        assert {m.plain_text for m in notices} == {"📣 Maintenance at 20:00 UTC <b>tonight</b> & tomorrow"}
        assert "✅ Broadcast queued for 3 chats, as typed (no formatting applied)." in [m.plain_text for m in sent]
        await asyncio.sleep(1.5)  # a sender pass later: nothing sent twice
        assert sum(m.plain_text.startswith("📣") for m in api.sent) == 3
        assert not any("free money" in m.plain_text for m in api.sent if m.plain_text.startswith("📣"))
