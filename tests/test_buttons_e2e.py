"""End to end: inline buttons in `minerwatch run` against the loopback Bot API double (and the loopback market
API of test_alerts_e2e). An alert carries 📊 Status / 🔕 Mute MARA 24h / Unwatch; Status brings the card, Mute
silences MARA's instant alerts in that chat (the digest still lists them); /alerts delete buttons ask, then
delete, and the same callback data pressed in another chat deletes nothing; forged or stale data changes nothing
and is answered; a German Telegram user is greeted in German; the command menu exists in English and German;
`/start watch_CIFR` follows CIFR.
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.handlers.settings import settings_view
from store.db import make_engine, session_scope
from store.models import Chat, NewsEvent
from tests.doubles.botapi import BotApiDouble
from tests.doubles.botapi_types import SentMessage
from tests.e2e_run import PRICE_INTERVAL_S, SETTLE_S, Running, next_poll, replies
from tests.helpers import until

USER, OTHER = 42, 43
GROUP = -1001234567890


pytestmark = pytest.mark.usefixtures("no_env")


def buttons(message: SentMessage | dict) -> list[tuple[str, str]]:
    """(label, callback_data) of every button under a sent (or edited) message."""
    markup = message.reply_markup if isinstance(message, SentMessage) else message.get("reply_markup")
    return [(b["text"], b["callback_data"]) for row in (markup or {}).get("inline_keyboard", []) for b in row]


async def press(bot_api: BotApiDouble, chat_id: int, user_id: int, data: str, message_id: int | None = None) -> str:
    """Press a button; wait until the bot answered the callback query; return the answer's text."""
    before = len(bot_api.callback_answers)
    bot_api.push_callback_query(chat_id, user_id, data, message_id)
    await until(lambda: len(bot_api.callback_answers) > before)
    return str(bot_api.callback_answers[before].get("text") or "")


async def test_alert_buttons_bring_the_card_and_mute_the_miner_but_not_the_digest(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, api):
        await next_poll(api)  # MARA at 12.40
        await replies(bot_api, (USER, "/start"), (USER, "/alert MARA price < 12 cooldown=0"))
        await next_poll(api)
        sent_before = len(bot_api.sent)
        api.prices["MARA"] = 11.80
        alert = (await bot_api.wait_for_messages(sent_before + 1, timeout=PRICE_INTERVAL_S + 4))[-1]
        assert "Alert #1: MARA price < 12.00 USD" in alert.plain_text
        assert buttons(alert) == [
            ("📊 Status", "v1:status:MARA"),
            ("🔕 Mute MARA 24h", "v1:mute:MARA:24h"),
            ("Unwatch", "v1:unwatch:MARA"),
        ]

        before = len(bot_api.sent)
        assert await press(bot_api, USER, USER, "v1:status:MARA", alert.message_id) == ""
        card = (await bot_api.wait_for_messages(before + 1))[-1]
        assert card.chat_id == USER and card.plain_text.startswith("📊 $MARA — MARA Holdings")
        # a second tap at once: /status' cooldown holds for the button too (per-chat command limits)
        assert (await press(bot_api, USER, USER, "v1:status:MARA", alert.message_id)).startswith("Too many taps")

        before = len(bot_api.sent)
        answer = await press(bot_api, USER, USER, "v1:mute:MARA:24h", alert.message_id)
        assert answer.startswith("🔕 MARA muted until ")
        confirmation = (await bot_api.wait_for_messages(before + 1))[-1]
        assert confirmation.plain_text.startswith("🔕 Instant alerts about MARA are muted until")

        # MARA crosses again (cooldown 0): no instant alert in this chat ...
        api.prices["MARA"] = 12.50
        await next_poll(api)
        await next_poll(api)
        before = len(bot_api.sent)
        api.prices["MARA"] = 11.50
        await next_poll(api)
        await next_poll(api)
        await asyncio.sleep(SETTLE_S)
        assert len(bot_api.sent) == before
        # ... but the digest lists it
        [digest] = await replies(bot_api, (USER, "/digest now"))
        digest_text = (await bot_api.wait_for_messages(before + 2))[-1].plain_text
        assert "12.50 USD → 11.50 USD" in digest_text or "12.50 USD → 11.50 USD" in digest.plain_text


async def test_alerts_delete_buttons_confirm_and_act_only_in_their_own_chat(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        _, _, listed, _ = await replies(
            bot_api, (USER, "/start"), (USER, "/alert MARA price < 12"), (USER, "/alerts"), (OTHER, "/start")
        )
        [(label, data)] = buttons(listed)
        assert label == "🗑 #1" and data.startswith("v1:del:")
        rule_id = data.removeprefix("v1:del:")

        # the same callback data pressed in another chat: answered, nothing asked, nothing deleted
        assert await press(bot_api, OTHER, OTHER, data) == "This button is out of date."
        assert await press(bot_api, OTHER, OTHER, f"v1:delok:{rule_id}") == "This button is out of date."
        assert bot_api.edits == []

        await press(bot_api, USER, USER, data, listed.message_id)
        [confirm] = bot_api.edits
        assert confirm["message_id"] == listed.message_id
        assert confirm["plain_text"].startswith("Delete alert #1? MARA price < 12.00 USD")
        assert buttons(confirm) == [("🗑 Yes, delete #1", f"v1:delok:{rule_id}"), ("Cancel", "v1:delno")]

        await press(bot_api, USER, USER, "v1:delno", listed.message_id)
        assert buttons(bot_api.edits[-1]) == [("🗑 #1", data)]  # cancelled: the list again
        assert await press(bot_api, OTHER, OTHER, f"v1:delok:{rule_id}") == "This button is out of date."
        [still] = await replies(bot_api, (USER, "/alerts"))
        assert "#1 MARA price < 12.00 USD" in still.plain_text

        assert await press(bot_api, USER, USER, f"v1:delok:{rule_id}", listed.message_id) == "Done."
        assert bot_api.edits[-1]["plain_text"].startswith("🗑 Alert #1 deleted: MARA price < 12.00 USD")
        assert buttons(bot_api.edits[-1]) == []
        # pressed again (stale): nothing happens
        assert await press(bot_api, USER, USER, f"v1:delok:{rule_id}") == "This button is out of date."
        [empty] = await replies(bot_api, (USER, "/alerts"))
        assert empty.plain_text.startswith("No alerts yet.")


async def test_group_buttons_that_change_settings_are_for_group_admins(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        bot_api.set_member(GROUP, USER, "administrator")
        for text in ("/start", "/alert MARA price < 12", "/alerts"):
            before = len(bot_api.sent)
            bot_api.push_text(GROUP, USER, text, chat_type="supergroup")
            listed = (await bot_api.wait_for_messages(before + 1))[-1]
        [(_, data)] = buttons(listed)
        answer = await press(bot_api, GROUP, OTHER, data, listed.message_id)  # OTHER is a plain member
        assert answer == "Only group administrators can change this chat's settings."
        assert bot_api.callback_answers[-1].get("show_alert") in (True, "true", "True")
        assert bot_api.edits == []
        await press(bot_api, GROUP, USER, data, listed.message_id)
        assert bot_api.edits[-1]["plain_text"].startswith("Delete alert #1?")


async def test_forged_and_stale_callbacks_change_nothing_and_are_answered(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        [_, watchlist] = await replies(bot_api, (USER, "/start"), (USER, "/watchlist"))
        sent = len(bot_api.sent)
        forged = ("v2:unwatch:MARA", "v1:unwatch:ZZZZ", "v1:mute:MARA:9999h", "v1:rm:MARA", "v1:del:x", "x" * 70, "")
        for data in forged:
            assert await press(bot_api, USER, USER, data) == "This button is out of date.", data
        assert len(bot_api.sent) == sent and bot_api.edits == []
        assert "MARA" in (await replies(bot_api, (USER, "/watchlist")))[0].plain_text
        # an unregistered chat's press is answered too
        assert await press(bot_api, 777, 777, "v1:status:MARA") == "This button is out of date."
        # a watchlist remove button redraws the list without the miner
        assert ("✖ MARA", "v1:unwatch:MARA") in buttons(watchlist)
        await press(bot_api, USER, USER, "v1:unwatch:MARA", watchlist.message_id)
        assert "MARA" not in [label for label, _ in buttons(bot_api.edits[-1])]
        assert "MARA" not in bot_api.edits[-1]["plain_text"].split("\n")[0]


async def test_start_speaks_the_users_telegram_language_and_menus_exist_in_both(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        bot_api.push_text(USER, USER, "/start", language_code="de")
        [german] = await bot_api.wait_for_messages(1)
        assert german.plain_text.startswith("👋 Willkommen bei MinerWatch.")
        bot_api.push_text(OTHER, OTHER, "/start", language_code="en-GB")
        english = (await bot_api.wait_for_messages(2))[-1]
        assert english.plain_text.startswith("👋 Welcome to MinerWatch.")
        [english_again] = await replies(bot_api, (USER, "/lang en"))  # /lang still overrides
        assert english_again.plain_text == "✅ Language: English."

        default_scope = json.dumps({"type": "default"}, sort_keys=True)
        await until(lambda: (default_scope, "de") in bot_api.commands)
        menu_en = {c["command"]: c["description"] for c in bot_api.commands[(default_scope, "")]}
        menu_de = {c["command"]: c["description"] for c in bot_api.commands[(default_scope, "de")]}
        assert set(menu_en) == set(menu_de) and "settings" in menu_en
        assert menu_de["watch"].startswith("Minern folgen") and menu_en["watch"].startswith("Follow miners")


async def test_deep_link_start_follows_the_miner(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        welcome, listed = await replies(bot_api, (USER, "/start watch_CIFR"), (USER, "/watchlist"))
        assert "CIFR" in welcome.plain_text and "CIFR" in listed.plain_text
        [ignored] = await replies(bot_api, (OTHER, "/start watch_NOPE"))
        assert ignored.plain_text.startswith("👋 Welcome to MinerWatch.") and "NOPE" not in ignored.plain_text


async def test_per_miner_mute_is_also_a_command(tmp_path: Path) -> None:
    """Buttons are a second way in, never the only one: /mute MARA 24h does what the 🔕 button does."""
    async with Running(tmp_path, burst=50) as (bot_api, _):
        _, muted, wrong, unmuted = await replies(
            bot_api, (USER, "/start"), (USER, "/mute MARA 24h"), (USER, "/mute NOPE 24h"), (USER, "/unmute")
        )
        assert muted.plain_text.startswith("🔕 Instant alerts about MARA are muted until")
        assert wrong.plain_text.startswith("Unknown ticker NOPE (see /miners). Mute one miner with /mute MARA 24h")
        assert unmuted.plain_text == "🔔 Instant alerts are on again."


async def test_themes_toggle_and_the_settings_menu_redraw_in_place(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        _, themes, menu = await replies(bot_api, (USER, "/start"), (USER, "/themes"), (USER, "/settings"))
        assert ("✅ debt_terms", "v1:theme:debt_terms:off") in buttons(themes)
        await press(bot_api, USER, USER, "v1:theme:debt_terms:off", themes.message_id)
        assert ("⬜ debt_terms", "v1:theme:debt_terms:on") in buttons(bot_api.edits[-1])
        assert menu.plain_text.startswith("⚙️ Settings") and ("Berlin", "v1:tz:2") in buttons(menu)
        assert await press(bot_api, USER, USER, "v1:tz:2", menu.message_id) == "Done."
        assert "Time zone: Europe/Berlin" in bot_api.edits[-1]["plain_text"]
        assert await press(bot_api, USER, USER, "v1:nfy:news:silent", menu.message_id) == "Done."
        assert "news silent" in bot_api.edits[-1]["plain_text"]
        assert await press(bot_api, USER, USER, "v1:dt:0700", menu.message_id) == "Done."
        assert "daily at 07:00" in bot_api.edits[-1]["plain_text"]
        assert await press(bot_api, USER, USER, "v1:lang:de", menu.message_id) == "Erledigt."
        assert bot_api.edits[-1]["plain_text"].startswith("⚙️ Einstellungen")
        assert await press(bot_api, USER, USER, "v1:tz:99", menu.message_id) == "Dieser Knopf ist veraltet."
        [back] = await replies(bot_api, (USER, "/themes"))
        assert ("⬜ debt_terms", "v1:theme:debt_terms:on") in buttons(back)


async def test_news_more_pages_on(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        await replies(bot_api, (USER, "/start"))
        with session_scope(database_of(tmp_path)) as session:
            for number in range(10):  # fixed times: the page order is by first_seen_at
                at = datetime(2026, 11, 20, 8, number, tzinfo=UTC)
                session.add(
                    NewsEvent(story_key=f"s{number}", title=f"Story {number}", tickers=["MARA"], first_seen_at=at)
                )
        [first] = await replies(bot_api, (USER, "/news MARA"))
        assert "Story 9" in first.plain_text and "Story 1" not in first.plain_text
        assert buttons(first) == [("More ▸", "v1:news:MARA:8")]
        before = len(bot_api.sent)
        await press(bot_api, USER, USER, "v1:news:MARA:8", first.message_id)
        second = (await bot_api.wait_for_messages(before + 1))[-1]
        assert "Story 1" in second.plain_text and "Story 0" in second.plain_text and "Story 9" not in second.plain_text
        assert buttons(second) == []


def database_of(tmp_path: Path) -> Engine:
    """The test's database (make_settings puts it in tmp_path)."""
    return make_engine(f"sqlite:///{tmp_path / 'minerwatch.db'}")


def test_the_settings_menu_says_every_value_in_the_chats_language() -> None:
    chat = Chat(id=1, lang="de", tz="Europe/Berlin", digest_mode="weekly", digest_time="07:30", digest_day=4)
    chat.notify_news, chat.notify_deals = "silent", "off"
    text, _ = settings_view(chat)
    assert "Zusammenfassung: wöchentlich, Freitag um 07:30 · Zeitzone: Europe/Berlin · Sprache: Deutsch" in text
    assert "Benachrichtigungen: News leise, Einreichungen an, Alarme an, Deals aus" in text
    chat.lang, chat.digest_mode = "en", "off"
    text, _ = settings_view(chat)
    assert "Digest: off · Time zone: Europe/Berlin · Language: English" in text
    assert "Notify: news silent, filings on, alerts on, deals off" in text


async def test_the_watchlist_hint_suggests_a_miner_the_chat_does_not_follow(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        _, _, listed = await replies(bot_api, (USER, "/start"), (USER, "/unwatch MARA"), (USER, "/watchlist"))
        assert listed.plain_text.splitlines()[-1] == "Add one with /watch TICKER, e.g. /watch MARA."
        _, listed = await replies(bot_api, (USER, "/watch MARA"), (USER, "/watchlist"))
        assert "/watch TICKER" not in listed.plain_text  # every miner followed: nothing to suggest


async def test_mute_says_until_when_in_the_chats_time_zone(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        _, _, muted, one = await replies(
            bot_api, (USER, "/start"), (USER, "/tz Asia/Tokyo"), (USER, "/mute 2h"), (USER, "/mute MARA 24h")
        )
        assert re.match(r"🔕 Instant alerts are muted until \d{4}-\d\d-\d\d \d\d:\d\d JST;", muted.plain_text)
        assert re.match(r"🔕 Instant alerts about MARA are muted until \d{4}-\d\d-\d\d \d\d:\d\d JST;", one.plain_text)


async def test_digest_now_right_after_start_shows_the_day_not_an_empty_window(tmp_path: Path) -> None:
    async with Running(tmp_path, burst=50) as (bot_api, _):
        await replies(bot_api, (USER, "/start"))
        with session_scope(database_of(tmp_path)) as session:
            session.add(
                NewsEvent(
                    story_key="morning",
                    title="MARA energizes its new Texas site",
                    tickers=["MARA"],
                    first_seen_at=datetime.now(UTC) - timedelta(hours=3),
                    alerted=True,
                    classified=True,
                )
            )
        before = len(bot_api.sent)
        await replies(bot_api, (USER, "/digest now"))
        texts = [m.plain_text for m in (await bot_api.wait_for_messages(before + 2))[before:]]
        assert "✅ Your digest is on its way." in texts
        assert any("MARA energizes its new Texas site" in text for text in texts)
