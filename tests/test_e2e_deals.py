"""End to end: a feed item announcing an AI/HPC deal, through `minerwatch run` and the loopback doubles.

The item goes out once, as the deal alert with its terms, to the chats that watch the miner (not as a news alert
beside it); a second wire telling the same deal adds a source and sends nothing; /deals and /status show it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlmodel import select

from classifiers.keywords import KeywordClassifier
from minerwatch.runtime import Runtime
from store.db import session_scope
from store.models import Chat, Deal
from tests.doubles.botapi import BotApiDouble
from tests.doubles.http_server import FeedServer
from tests.feeds import fresh_rss
from tests.helpers import until
from tests.test_e2e_news import OLD, POLL_INTERVAL_S, TOKEN, make_settings

#: Our own wording of a cloud contract, as one wire and as a rewrite by another publisher.
FIRST_WIRE = (
    "iren-ms-1",
    "IREN signs $9.7 billion AI cloud contract with Microsoft",
    "IREN Limited (NASDAQ: IREN) has signed a five-year AI cloud services contract with Microsoft worth "
    "$9.7 billion, covering 200 MW at its Childress, Texas campus.",
)
SECOND_WIRE = (
    "iren-ms-2",
    "Microsoft inks $9.7B five-year GPU cloud deal with miner IREN",
    "The bitcoin miner IREN (NASDAQ: IREN) entered into a five-year, $9.7 billion AI cloud contract with "
    "Microsoft Corp. for 200 MW in Childress, Texas.",
    "Second Wire",
)


pytestmark = pytest.mark.usefixtures("no_env")


def _deal_sources(runtime: Runtime) -> list[list[dict[str, str]]]:
    with session_scope(runtime.engine) as session:
        return [deal.sources for deal in session.exec(select(Deal))]


async def test_a_deal_item_is_one_deal_alert_a_second_wire_only_a_source_and_commands_show_it(
    tmp_path: Path,
) -> None:
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD), etag='"v1"')
        feeds.route("/broken.xml", fresh_rss(OLD))
        runtime = Runtime(make_settings(tmp_path, api, feeds), classifier=KeywordClassifier())
        await runtime.start()
        try:
            await api.wait_for_calls("getUpdates")
            api.push_text(42, 42, "/start")
            api.push_text(43, 43, "/start")
            api.push_text(43, 43, "/unwatch IREN")
            await api.wait_for_messages(3)
            await until(lambda: len(feeds.requests_for("/miners.xml")) >= 2, timeout=20)  # the baseline is done

            feeds.update("/miners.xml", body=fresh_rss(OLD, FIRST_WIRE), etag='"v2"')
            alert = (await api.wait_for_messages(4, timeout=POLL_INTERVAL_S + 20))[3]
            assert alert.chat_id == 42 and alert.parse_mode == "HTML"
            text = alert.plain_text
            assert text.startswith("🏗 $IREN × Microsoft — AI cloud contract, $9.7B over 5 years, 200 MW, Childress")
            assert "IREN signs $9.7 billion AI cloud contract with Microsoft" in text
            assert "Source: Miner wire" in text and "📰" not in text

            feeds.update("/miners.xml", body=fresh_rss(OLD, FIRST_WIRE, SECOND_WIRE), etag='"v3"')
            await until(lambda: [len(s) for s in _deal_sources(runtime)] == [2], timeout=POLL_INTERVAL_S + 20)
            await asyncio.sleep(2 * POLL_INTERVAL_S)
            assert len(api.sent) == 4  # no news alert, no second deal alert, nothing to chat 43
            assert [s["name"] for s in _deal_sources(runtime)[0]] == ["Miner wire", "Second Wire"]

            api.push_text(42, 42, "/deals IREN")
            listed = (await api.wait_for_messages(5))[4].plain_text
            assert listed.startswith("🏗 $IREN — AI/HPC deals")
            assert "200 MW · $9.7B contracted in 1 deal" in listed
            assert "Counterparties: Microsoft" in listed and "2 sources" in listed

            api.push_text(42, 42, "/status IREN")
            card = (await api.wait_for_messages(6))[5].plain_text
            assert "AI/HPC deals\n200 MW · $9.7B contracted in 1 deal\nLatest: Microsoft — AI cloud contract" in card

            api.push_text(42, 42, "/deals")
            league = (await api.wait_for_messages(7))[6].plain_text
            assert "$IREN: 200 MW · $9.7B contracted in 1 deal" in league
            assert "$MARA: no signed AI/HPC deals known yet" in league

            api.push_text(42, 42, "/notify deals silent")
            assert (await api.wait_for_messages(8))[7].plain_text == "✅ deals: silent."
            with session_scope(runtime.engine) as session:
                chat = session.get(Chat, 42)
                assert chat is not None and chat.notify_deals == "silent"
        finally:
            await runtime.stop()


async def test_a_deal_in_the_first_poll_is_known_to_deals_without_an_alert(tmp_path: Path) -> None:
    """The QA run: a feed's first poll carries a signed IREN deal. It alerts nobody (a baseline), yet /deals IREN
    and /status IREN show the deal; a miner with no deal gets one line saying so, not two."""
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD, FIRST_WIRE), etag='"v1"')
        feeds.route("/broken.xml", fresh_rss(OLD))
        runtime = Runtime(make_settings(tmp_path, api, feeds), classifier=KeywordClassifier())
        await runtime.start()
        try:
            await api.wait_for_calls("getUpdates")
            api.push_text(42, 42, "/start")
            await api.wait_for_messages(1)
            await until(lambda: len(_deal_sources(runtime)) == 1, timeout=20)
            await until(lambda: len(feeds.requests_for("/miners.xml")) >= 2, timeout=20)
            api.push_text(42, 42, "/deals IREN")
            listed = (await api.wait_for_messages(2))[1].plain_text
            assert "200 MW · $9.7B contracted in 1 deal\nCounterparties: Microsoft" in listed
            api.push_text(42, 42, "/status IREN")
            assert "Latest: Microsoft — AI cloud contract" in (await api.wait_for_messages(3))[2].plain_text
            api.push_text(42, 42, "/deals MARA")
            none = (await api.wait_for_messages(4))[3].plain_text
            assert none.splitlines() == ["🏗 $MARA — AI/HPC deals", none.splitlines()[1]]
            assert none.splitlines()[1].startswith("No AI/HPC deals of $MARA known yet.")
            assert len(api.sent) == 4  # the four replies: no deal alert, no news alert
        finally:
            await runtime.stop()
