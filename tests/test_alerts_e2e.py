"""End to end: threshold alerts in `minerwatch run` against the loopback Bot API double and a loopback market API.

python-telegram-bot talks real HTTP to the Bot API double; the price and network watchers read Yahoo, Stooq,
CoinGecko and mempool.space answers (the MarketAPI of test_market_job) over real HTTP from a loopback server.
A user sets `/alert MARA price < 12`; the served price moves 12.40 → 11.80 and exactly one alert arrives with
both values; /alerts lists the rule; another chat can neither see nor delete it; with Yahoo rate-limited, Stooq
keeps the alerts coming, and a rule without cooldown fires on each new crossing. The same rule typed again is
refused with its number, so it cannot fire twice.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from store import alert_queries
from store.db import session_scope
from tests.e2e_run import PRICE_INTERVAL_S, SETTLE_S, Running, next_poll, replies, replies_from, stored_price
from tests.helpers import until

USER, OTHER = 42, 43

pytestmark = pytest.mark.usefixtures("no_env")


async def test_alert_fires_once_with_both_values_and_rules_stay_per_chat(tmp_path: Path) -> None:
    running = Running(tmp_path)
    async with running as (bot_api, api):
        # MARA at 12.40 is in the series: stored, not only asked for (a new rule is seeded from the store)
        await until(lambda: stored_price(running.runtime, "MARA") == 12.40)
        welcome, saved = await replies(bot_api, (USER, "/start"), (USER, "/alert MARA price < 12"))
        assert "Welcome to MinerWatch" in welcome.plain_text
        assert saved.plain_text.startswith("✅ Alert #1 saved: MARA price < 12.00 USD · cooldown 1h")
        await next_poll(api)
        sent_before = len(bot_api.sent)

        api.prices["MARA"] = 11.80
        alert = (await bot_api.wait_for_messages(sent_before + 1, timeout=PRICE_INTERVAL_S + 4))[-1]
        assert alert.chat_id == USER and alert.parse_mode == "HTML"
        assert "Alert #1: MARA price < 12.00 USD" in alert.plain_text
        assert "MARA price: 12.40 USD → 11.80 USD" in alert.plain_text
        await asyncio.sleep(SETTLE_S)
        assert len(bot_api.sent) == sent_before + 1  # still below: exactly one alert

        listed, other_start, other_list, other_delete, still = await replies(
            bot_api,
            (USER, "/alerts"),
            (OTHER, "/start"),
            (OTHER, "/alerts"),
            (OTHER, "/delalert 1"),
            (USER, "/alerts"),
        )
        assert "#1 MARA price < 12.00 USD · cooldown 1h" in listed.plain_text
        assert other_start.chat_id == OTHER
        assert other_list.plain_text.startswith("No alerts yet.")
        assert other_delete.plain_text == "This chat has no alert #1. /alerts lists yours."
        assert "#1 MARA price < 12.00 USD" in still.plain_text and still.chat_id == USER

        # Yahoo rate-limits us; Stooq answers. A rule without cooldown fires on each new crossing.
        [saved_again] = await replies(bot_api, (USER, "/alert MARA price < 11.5 cooldown=0"))
        assert saved_again.plain_text.startswith("✅ Alert #2 saved")
        api.yahoo_down = True
        sent_before = len(bot_api.sent)
        api.prices["MARA"] = 11.40
        first = (await bot_api.wait_for_messages(sent_before + 1, timeout=PRICE_INTERVAL_S + 4))[-1]
        assert "Alert #2" in first.plain_text and "11.80 USD → 11.40 USD" in first.plain_text
        api.prices["MARA"] = 11.60
        await next_poll(api, "/q/l/")
        await next_poll(api, "/q/l/")
        api.prices["MARA"] = 11.30
        second = (await bot_api.wait_for_messages(sent_before + 2, timeout=PRICE_INTERVAL_S + 4))[-1]
        assert "Alert #2" in second.plain_text and "11.60 USD → 11.30 USD" in second.plain_text
        await asyncio.sleep(SETTLE_S)
        assert len(bot_api.sent) == sent_before + 2  # rule #1 stayed below 12 the whole time: no repeat

        [deleted] = await replies(bot_api, (USER, "/delalert 1"))
        assert deleted.plain_text.startswith("🗑 Alert #1 deleted: MARA price < 12.00 USD")


async def test_delalert_in_a_group_deletes_the_groups_rule_not_the_senders_private_one(tmp_path: Path) -> None:
    group = -1001234567890  # a supergroup: negative chat id; USER (positive id) is one of its administrators
    async with Running(tmp_path) as (bot_api, api):
        bot_api.set_member(group, USER, "administrator")
        _, private_saved, _, group_saved, deleted, group_list, private_list = await replies_from(
            bot_api,
            USER,
            (USER, "/start"),
            (USER, "/alert MARA price < 12"),
            (group, "/start"),
            (group, "/alert MARA price < 10"),
            (group, "/delalert 1"),
            (group, "/alerts"),
            (USER, "/alerts"),
        )
        assert private_saved.plain_text.startswith("✅ Alert #1 saved: MARA price < 12.00 USD")
        assert group_saved.plain_text.startswith("✅ Alert #1 saved: MARA price < 10.00 USD")
        assert deleted.chat_id == group
        assert deleted.plain_text.startswith("🗑 Alert #1 deleted: MARA price < 10.00 USD")
        assert group_list.plain_text.startswith("No alerts yet.")
        assert "#1 MARA price < 12.00 USD" in private_list.plain_text  # the sender's own rule #1 stays


async def test_the_same_alert_typed_again_is_refused_with_its_number_in_english_and_german(tmp_path: Path) -> None:
    running = Running(tmp_path)
    async with running as (bot_api, api):
        _, saved, again, spaced, options, other, german = await replies(
            bot_api,
            (USER, "/start"),
            (USER, "/alert MARA price<12"),
            (USER, "/alert mara price < 12"),
            (USER, "/alert  $MARA  price <12.00 cooldown=60m"),
            (USER, "/alert MARA price < 12 once"),
            (USER, "/lang de"),
            (USER, "/alert MARA price < 12 once"),
        )
        assert saved.plain_text.startswith("✅ Alert #1 saved: MARA price < 12.00 USD · cooldown 1h")
        for reply in (again, spaced):
            assert reply.plain_text == (
                "This chat already has this alert: #1 MARA price < 12.00 USD · cooldown 1h\n"
                "Nothing was added. See all with /alerts, delete it with /delalert 1."
            )
        assert options.plain_text.startswith("✅ Alert #2 saved: MARA price < 12.00 USD · cooldown 1h · once")
        assert other.chat_id == USER
        assert german.plain_text == (
            "Diesen Alarm hat der Chat bereits: #2 MARA Kurs < 12,00 USD · Pause 1h · einmalig\n"
            "Nichts wurde hinzugefügt. Alle mit /alerts, löschen mit /delalert 2."
        )
        with session_scope(running.runtime.engine) as session:
            assert [rule.number for rule in alert_queries.list_rules(session, USER)] == [1, 2]


async def test_a_conversion_alert_without_a_known_note_says_it_has_nothing_to_measure_yet(tmp_path: Path) -> None:
    from store.models import ConvertibleNote

    running = Running(tmp_path)
    async with running as (bot_api, api):
        _, without = await replies(bot_api, (USER, "/start"), (USER, "/alert CIFR conv_distance < 10%"))
        assert without.plain_text.startswith("✅ Alert #1 saved: CIFR distance to conversion price < 10")
        assert without.plain_text.endswith(
            "MinerWatch has no live convertible note of CIFR with a conversion price on record, so this alert "
            "has nothing to measure yet; it starts once a note is recorded from an 8-K (/converts CIFR)."
        )
        with session_scope(running.runtime.engine) as session:  # no maturity stated: live whatever the day
            session.add(ConvertibleNote(ticker="CIFR", conversion_price_usd=26.21))
        [with_note] = await replies(bot_api, (USER, "/alert CIFR conv_distance < 5%"))
        assert with_note.plain_text.startswith("✅ Alert #2 saved") and "nothing to measure" not in with_note.plain_text
