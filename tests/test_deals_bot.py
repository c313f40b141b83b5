"""AI/HPC deals in the bot: the news job sends a story with a deal as one deal alert (not a news alert beside it),
an update when a later source changes or expands the terms, nothing for a plain extra source; `/notify deals`;
an LOI goes out as news and into the store as non_binding; the digest's section; golden files in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.alerts.deals import miner_deals
from bot.alerts.digest import gather
from bot.messages.deals import (
    DealView,
    RollUpView,
    digest_deal_line,
    format_deal_alert,
    format_deal_league,
    format_deal_list,
    format_deal_update,
    status_deal_lines,
)
from classifiers.keywords import KeywordClassifier
from minerwatch.jobs.news import NewsJob
from store import deal_queries
from store.db import session_scope
from store.models import Chat
from tests.conftest import Clock
from tests.feeds import FIXED_PUBLISHED, rss
from tests.helpers import add_chat, outbox
from tests.test_format import assert_golden
from tests.test_news_job import FEED_A, OLD, FeedServer, settings_for

AT = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)
LEASE = DealView(
    ticker="WULF",
    kind="lease",
    counterparty="Fluidstack",
    mw=200,
    contract_value_usd=3.7e9,
    term_years=10,
    site="Lake Mariner",
    title="TeraWulf signs 10-year HPC lease <with> Fluidstack & Co",
    link="https://news.example/wulf?a=1&b=2",
    source_names=("Wire One", "Wire Two"),
    announced_at=AT,
)
GPUS = DealView(ticker="WULF", kind="hardware", counterparty_phrase="a GPU vendor", gpu_count=4096,
                gpu_model="B200", announced_at=AT - timedelta(days=3))  # fmt: skip
ROLLUP = RollUpView("WULF", 200, 3.7e9, 2, ("Fluidstack", "a GPU vendor"), ("Lake Mariner",), LEASE)
HUT_LEASE = DealView(ticker="HUT", kind="lease", counterparty="Google", contract_value_usd=7e9, term_years=15,
                     site="River Bend", source_names=("Wire One",), announced_at=AT)  # fmt: skip
NO_MW = RollUpView("HUT", None, 7e9, 1, ("Google",), ("River Bend",), HUT_LEASE)
NO_VALUE = RollUpView("CIFR", 300, None, 1)
NO_FIGURES = RollUpView("BITF", None, None, 2)

SIGNED = (
    "hut-1",
    "Hut 8 signs 15-year AI data center lease with Anthropic",
    "Hut 8 Corp. (NASDAQ: HUT) signed a 15-year lease with Anthropic for 245 MW at its River Bend campus in Louisiana.",
    "Wire One",
)
REWRITE = (
    "hut-2",
    "Anthropic takes 245 MW at Hut 8's River Bend campus in 15-year lease",
    "Hut 8 (NASDAQ: HUT) entered into a 15-year lease with Anthropic PBC covering 245 MW at River Bend, Louisiana.",
    "Wire Two",
)
GROWN = (
    "hut-3",
    "Hut 8 expands its Anthropic lease by 100 MW",
    "Hut 8 (NASDAQ: HUT) signed an expansion of its lease with Anthropic, adding 100 MW at River Bend, Louisiana.",
    "Wire One",
)
LOI = (
    "hut-4",
    "Hut 8 signs letter of intent with a hyperscaler",
    "Hut 8 (NASDAQ: HUT) signed a non-binding letter of intent with a hyperscaler for 300 MW.",
    "Wire One",
)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_deal_messages_golden(lang: str) -> None:
    alert = format_deal_alert(LEASE, lang, ["capital_deployment"], {"capital_deployment": 0.91})
    changed = format_deal_update(LEASE, "changed", {"mw": [180, 200], "term_years": [8, 10]}, "Wire Two", lang)
    grown = format_deal_update(LEASE, "expansion", {"mw": [None, 100]}, "8-K", lang)
    assert_golden(f"deal_alert_{lang}.html", "\n\n".join((alert, changed, grown)))
    tz = "Europe/Berlin" if lang == "de" else "UTC"
    listed = format_deal_list(ROLLUP, [LEASE, GPUS], lang, tz)
    league = format_deal_league([RollUpView("MARA"), ROLLUP], lang)
    card = "\n".join(status_deal_lines(ROLLUP, lang, tz))
    digest = "\n".join(digest_deal_line(deal, lang) for deal in (LEASE, GPUS))
    assert_golden(f"deal_lists_{lang}.html", "\n\n".join((listed, league, card, digest)))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_figure_no_deal_states_is_said_so_and_counts_read_as_words(lang: str) -> None:
    """A roll-up whose deals state no MW (or no value) says "MW not stated", never "0 MW"; "1 deal", "2 deals",
    "1 source" by the language's plural rule; a miner with no deal at all gets one "none" line, not two."""
    listed = format_deal_list(NO_MW, [HUT_LEASE], lang)
    league = format_deal_league([NO_MW, NO_VALUE, NO_FIGURES, ROLLUP], lang)
    card = "\n".join(status_deal_lines(NO_MW, lang))
    empty = format_deal_list(RollUpView("IREN"), [], lang)
    text = "\n\n".join((listed, league, card, empty))
    assert not re.search(r"(?<![\d.,])0 MW", text) and "(s)" not in text and "(n)" not in text
    assert_golden(f"deal_rollups_{lang}.html", text)


@pytest.fixture
def job(engine: Engine, clock: Clock) -> tuple[NewsJob, FeedServer]:
    server = FeedServer()
    client = httpx.AsyncClient(transport=httpx.MockTransport(server))
    return NewsJob(engine, client, KeywordClassifier(), settings_for(FEED_A), clock=clock), server


async def test_one_deal_alert_per_deal_an_update_when_it_grows_and_an_loi_as_news(
    engine: Engine, job: tuple[NewsJob, FeedServer], clock: Clock
) -> None:
    news_job, server = job
    add_chat(engine, 1, ["HUT"])
    add_chat(engine, 2, ["HUT"], notify_deals="silent")
    add_chat(engine, 3, ["HUT"], notify_deals="off")
    server.bodies[FEED_A] = rss(OLD)
    await news_job.run_once()
    sent: Callable[[], list[tuple[int, str, bool]]] = lambda: [  # noqa: E731
        (row.chat_id, row.kind, row.disable_notification) for row in outbox(engine)
    ]
    for body, expected in (
        (rss(OLD, SIGNED), [(1, "deal", False), (2, "deal", True)]),
        (rss(OLD, SIGNED, REWRITE), []),  # the same deal again: a source, no message
        (rss(OLD, SIGNED, REWRITE, GROWN), [(1, "deal", False), (2, "deal", True)]),
        (rss(OLD, SIGNED, REWRITE, GROWN, LOI), [(1, "news", False), (2, "news", False), (3, "news", False)]),
    ):
        before = len(outbox(engine))
        server.bodies[FEED_A] = body
        clock.advance(minutes=5)
        await news_job.run_once()
        assert sent()[before:] == expected
    rows = outbox(engine)
    assert rows[0].text.startswith("🏗 <b>$HUT × Anthropic</b> — AI/HPC lease, 15 years, 245 MW, River Bend")
    assert "expanded: +100 MW" in rows[2].text
    with session_scope(engine) as session:
        deals = deal_queries.deals_of(session, ["HUT"])
        assert sorted(d.kind for d in deals) == ["lease", "non_binding"]
        lease = next(d for d in deals if d.kind == "lease")
        assert [s["name"] for s in lease.sources] == ["Wire One", "Wire Two", "Wire One"]
        assert deal_queries.roll_up("HUT", deals).mw == 345
        chat = session.get(Chat, 1)
        assert chat is not None
        digest = gather(session, chat, clock.now - timedelta(days=1), clock.now)
    assert len(digest.deals) == 2 and digest.deals[0].startswith("$HUT × Anthropic — AI/HPC lease")


async def test_a_first_polls_deal_is_stored_quietly_and_a_later_expansion_of_it_alerts(
    engine: Engine, job: tuple[NewsJob, FeedServer], clock: Clock
) -> None:
    """A feed's first poll alerts on nothing, yet the deal it announces goes into the store (dated when the story was
    published), so /deals HUT and /status show it; the digest leaves it out as it leaves out the story. When a later
    item grows that deal, the update says what it adds to the known lease."""
    news_job, server = job
    add_chat(engine, 1, ["HUT"])
    server.bodies[FEED_A] = rss(OLD, SIGNED)
    await news_job.run_once()
    assert outbox(engine) == []
    with session_scope(engine) as session:
        (lease,) = deal_queries.deals_of(session, ["HUT"])
        assert (lease.kind, lease.counterparty, lease.mw, lease.announced_at) == (
            "lease",
            "Anthropic",
            245,
            FIXED_PUBLISHED,
        )
        rollup, views = miner_deals(session, "HUT")
        chat = session.get(Chat, 1)
        assert chat is not None
        assert gather(session, chat, clock.now - timedelta(days=1), clock.now).deals == []
    listed = format_deal_list(rollup, views)
    assert listed.splitlines()[1] == "245 MW contracted in 1 deal (value not stated)"
    server.bodies[FEED_A] = rss(OLD, SIGNED, GROWN)
    clock.advance(minutes=5)
    await news_job.run_once()
    (update,) = outbox(engine)
    assert update.kind == "deal" and "expanded: +100 MW" in update.text


async def test_a_quiet_story_whose_deal_cannot_be_read_is_still_stored_with_the_rest_of_the_baseline(
    engine: Engine, job: tuple[NewsJob, FeedServer], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The deal reader failing on one first-poll story must not keep the feed's news out of the store (its baseline
    would never complete): that story is stored without a deal, the others as usual, and the failure is logged."""
    from minerwatch.jobs import news as news_module
    from store.models import NewsEvent

    read = news_module.parse_deal_item

    def fragile(title: str, lede: str) -> object:
        if title == SIGNED[1]:
            raise ValueError("unreadable")
        return read(title, lede)

    monkeypatch.setattr(news_module, "parse_deal_item", fragile)
    news_job, server = job
    add_chat(engine, 1, ["HUT"])
    server.bodies[FEED_A] = rss(OLD, SIGNED)
    await news_job.run_once()
    with session_scope(engine) as session:
        titles = {event.title for event in session.exec(select(NewsEvent))}
        assert titles == {OLD[1], SIGNED[1]}
        assert deal_queries.deals_of(session, ["HUT"]) == []
    assert outbox(engine) == []
    assert "could not read a deal from quiet story" in caplog.text


def test_a_deal_alert_carries_the_miners_buttons_and_a_muted_miner_gets_none(engine: Engine, clock: Clock) -> None:
    from bot.alerts.charts import deal_markers
    from bot.alerts.deals import record_and_alert
    from store import mutes

    add_chat(engine, 11, ["IREN"])
    add_chat(engine, 12, ["IREN"])
    with session_scope(engine) as session:
        mutes.mute_miner(session, 12, "IREN", clock() + timedelta(hours=24))
        terms = {"kind": "cloud", "counterparty": "Northwind Compute", "mw": 50.0, "contract_value_usd": 1e9}
        _, queued = record_and_alert(
            session,
            "IREN",
            terms,
            title="IREN signs $1 billion AI cloud contract with Northwind Compute",
            lede="",
            link="https://news.example/iren-northwind",
            source="Wire One",
            now=clock(),
        )
        markers = deal_markers(session, "IREN", (clock() - timedelta(days=30)).date())
    rows = outbox(engine)
    assert queued == 1 and [row.chat_id for row in rows] == [11]  # chat 12 muted IREN: its digest lists it
    assert rows[0].reply_markup is not None
    assert [data for _, data in rows[0].reply_markup[0]] == ["v1:status:IREN", "v1:mute:IREN:24h", "v1:unwatch:IREN"]
    assert [(marker.day, marker.kind, marker.label) for marker in markers] == [
        (clock().date(), "deal", "Northwind Compute")
    ]  # the /chart IREN marker of the deal
