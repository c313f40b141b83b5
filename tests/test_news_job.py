"""The news pipeline on both databases: baseline, one alert per new item and chat, no repeats, failures."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from classifiers.base import ThemeResult
from classifiers.keywords import KeywordClassifier
from minerwatch.config import Settings, load_settings
from minerwatch.jobs.news import NewsJob
from store import sec_queries
from store.db import session_scope
from store.models import Chat, NewsEvent, Source
from tests.conftest import Clock
from tests.feeds import rss
from tests.helpers import add_chat, outbox

FEED_A = "http://feeds.test/a.xml"
FEED_B = "http://feeds.test/b.xml"
BROKEN = "http://feeds.test/broken.xml"

OLD = ("old-1", "Cipher Mining opens new site", "Cipher Mining (NASDAQ: CIFR) opened a site.")
MARA_NOTES = (
    "mara-1",
    "MARA prices $950 million convertible senior notes due 2032",
    "MARA Holdings (NASDAQ: MARA) priced 0.00% convertible senior notes.",
    "Newswire One",
)
MARA_PRODUCTION = (
    "mara-2",
    "MARA announces November production update",
    "MARA mined 700 BTC in November.",
    "Newswire One",
)


class FeedServer:
    """httpx.MockTransport app: a body per URL that the test swaps, with ETag support."""

    def __init__(self) -> None:
        self.bodies: dict[str, httpx.Response | bytes] = {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.bodies.get(str(request.url), httpx.Response(404))
        if isinstance(answer, httpx.Response):
            return answer
        etag = f'"{hash(answer) & 0xFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            return httpx.Response(304, headers={"ETag": etag})
        return httpx.Response(200, content=answer, headers={"ETag": etag, "Content-Type": "application/rss+xml"})


def settings_for(*feeds: str, miners_of: dict[str, list[str]] | None = None) -> Settings:
    settings = load_settings(None, use_default_path=False)
    feed_rows = [
        {"url": url, "name": url.rsplit("/", 1)[-1], "miners": (miners_of or {}).get(url, [])} for url in feeds
    ]
    return settings.model_copy(update={"feeds": [type(settings.feeds[0])(**row) for row in feed_rows]})


@pytest.fixture
def server() -> FeedServer:
    return FeedServer()


@pytest.fixture
def make_job(engine: Engine, server: FeedServer, clock: Clock) -> Callable[..., NewsJob]:
    def make(*feeds: str, classifier: object | None = None) -> NewsJob:
        client = httpx.AsyncClient(transport=httpx.MockTransport(server))
        return NewsJob(engine, client, classifier or KeywordClassifier(), settings_for(*feeds), clock=clock)

    return make


async def test_first_poll_is_a_baseline_then_one_alert_per_new_item(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    add_chat(engine, 1, ["MARA"])
    add_chat(engine, 2, ["IREN"])
    server.bodies[FEED_A] = rss(OLD, MARA_PRODUCTION[:3])
    job = make_job(FEED_A)
    report = await job.run_once()
    assert report.new_items == 2 and report.queued == 0 and outbox(engine) == []

    server.bodies[FEED_A] = rss(OLD, MARA_PRODUCTION[:3], MARA_NOTES)
    clock.advance(minutes=5)
    report = await job.run_once()
    rows = outbox(engine)
    assert report.new_items == 1 and [row.chat_id for row in rows] == [1]
    assert "MARA prices $950 million" in rows[0].text and "#debt_terms" in rows[0].text
    assert rows[0].idempotency_key.startswith("news:")

    clock.advance(minutes=5)
    await job.run_once()  # same feed again: 304, nothing new
    restarted = make_job(FEED_A)
    clock.advance(minutes=5)
    await restarted.run_once()
    assert len(outbox(engine)) == 1
    assert server.requests[-1].headers.get("If-None-Match")


async def test_same_story_from_two_feeds_is_one_event(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    add_chat(engine, 1, ["MARA"])
    server.bodies[FEED_A] = rss(OLD)
    server.bodies[FEED_B] = rss(OLD)
    job = make_job(FEED_A, FEED_B)
    await job.run_once()
    server.bodies[FEED_A] = rss(OLD, MARA_NOTES)
    server.bodies[FEED_B] = rss(OLD, ("other-guid", MARA_NOTES[1] + " - Wire Two", MARA_NOTES[2], "Wire Two"))
    clock.advance(minutes=5)
    await job.run_once()
    rows = outbox(engine)
    assert len(rows) == 1
    assert "also reported by" in rows[0].text
    with session_scope(engine) as session:
        events = list(session.exec(select(NewsEvent).where(NewsEvent.alerted)))
        assert sorted(len(e.source_names) for e in events if "950" in e.title) == [2]


async def test_broken_feed_does_not_stop_the_others_and_is_logged_once(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    add_chat(engine, 1, ["MARA"])
    server.bodies[FEED_A] = rss(OLD)
    server.bodies[BROKEN] = httpx.Response(
        200, content=b"<html><body>Service page</body></html>", headers={"Content-Type": "text/html"}
    )
    job = make_job(FEED_A, BROKEN)
    caplog.set_level(logging.WARNING)
    await job.run_once()
    server.bodies[FEED_A] = rss(OLD, MARA_NOTES)
    for _ in range(3):
        clock.advance(hours=2)
        await job.run_once()
    assert len(outbox(engine)) == 1
    failing = [r for r in caplog.records if "is failing" in r.getMessage()]
    assert len(failing) == 1
    with session_scope(engine) as session:
        broken = session.exec(select(Source).where(Source.key == BROKEN)).one()
        assert broken.failures >= 2 and not broken.baseline_done
    server.bodies[BROKEN] = rss(OLD)
    clock.advance(hours=3)
    await job.run_once()
    assert len([r for r in caplog.records if "recovered" in r.getMessage()]) == 1


async def test_retry_after_pushes_the_next_poll(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    server.bodies[FEED_A] = httpx.Response(429, headers={"Retry-After": "3600"})
    job = make_job(FEED_A)
    await job.run_once()
    with session_scope(engine) as session:
        source = session.exec(select(Source).where(Source.key == FEED_A)).one()
        assert source.next_poll_at >= clock() + timedelta(seconds=3600)
    clock.advance(minutes=10)
    before = len(server.requests)
    await job.run_once()
    assert len(server.requests) == before  # not due yet: we do not hammer a source that asked us to wait


async def test_theme_filter_notify_and_silent(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    add_chat(engine, 1, ["MARA"], themes=["debt_terms"])
    add_chat(engine, 2, ["MARA"], notify_news="off")
    add_chat(engine, 3, ["MARA"], notify_news="silent")
    server.bodies[FEED_A] = rss(OLD)
    job = make_job(FEED_A)
    await job.run_once()
    server.bodies[FEED_A] = rss(OLD, MARA_NOTES, MARA_PRODUCTION)
    clock.advance(minutes=5)
    await job.run_once()
    got = {(row.chat_id, "950" in row.text, row.disable_notification) for row in outbox(engine)}
    assert got == {(1, True, False), (3, True, True), (3, False, True)}


class FailingOnce:
    """Crashes the first time it is asked about a text containing `fail_on`; a keyword classifier otherwise."""

    name = "flaky"

    def __init__(self, fail_on: str) -> None:
        self.fail_on = fail_on
        self.failed = False
        self.inner = KeywordClassifier()

    def classify_batch(self, texts: list[str]) -> list[ThemeResult]:
        if not self.failed and any(self.fail_on in text for text in texts):
            self.failed = True
            raise RuntimeError("model crashed")
        return self.inner.classify_batch(texts)


async def test_a_crash_before_fan_out_loses_nothing(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    add_chat(engine, 1, ["MARA"])
    server.bodies[FEED_A] = rss(OLD)
    flaky = FailingOnce(fail_on=MARA_NOTES[1])
    job = make_job(FEED_A, classifier=flaky)
    await job.run_once()  # baseline: nothing to alert
    server.bodies[FEED_A] = rss(OLD, MARA_NOTES)
    clock.advance(minutes=5)
    with pytest.raises(RuntimeError):
        await job.run_once()
    assert outbox(engine) == []
    clock.advance(minutes=5)
    await make_job(FEED_A, classifier=flaky).run_once()  # "restart": the stored event is picked up
    assert len(outbox(engine)) == 1


async def test_items_are_attributed_by_name_and_feed_miners(engine: Engine, server: FeedServer, clock: Clock) -> None:
    add_chat(engine, 1, ["WULF"])
    add_chat(engine, 2, ["CIFR"])
    server.bodies[FEED_A] = rss(OLD)
    client = httpx.AsyncClient(transport=httpx.MockTransport(server))
    job = NewsJob(engine, client, KeywordClassifier(), settings_for(FEED_A, miners_of={FEED_A: ["WULF"]}), clock=clock)
    await job.run_once()
    server.bodies[FEED_A] = rss(OLD, ("x1", "Sector wrap: Cipher Mining signs AI hosting lease", "No names."))
    clock.advance(minutes=5)
    await job.run_once()
    assert sorted(row.chat_id for row in outbox(engine)) == [1, 2]
    with session_scope(engine) as session:
        assert session.get(Chat, 1) is not None


async def test_one_feeds_unstorable_entry_or_absurd_retry_after_does_not_stop_the_others(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    add_chat(engine, 1, ["MARA"])
    server.bodies[FEED_A] = rss(OLD)
    server.bodies[FEED_B] = rss(OLD)
    server.bodies[BROKEN] = httpx.Response(429, headers={"Retry-After": "99999999999999"})
    job = make_job(FEED_A, FEED_B, BROKEN)
    await job.run_once()
    # a NUL character (PostgreSQL refuses it) in one feed, a real story in another
    server.bodies[FEED_A] = rss(OLD, ("nul-1", "MARA bad \x00 title", "lede \x00 with NUL"))
    server.bodies[FEED_B] = rss(OLD, MARA_NOTES)
    clock.advance(minutes=10)
    await job.run_once()
    texts = [row.text for row in outbox(engine)]
    assert any("950 million" in text for text in texts)
    assert any("MARA bad title" in text for text in texts)  # the control character is gone, the story kept
    with session_scope(engine) as session:
        throttled = session.exec(select(Source).where(Source.key == BROKEN)).one()
        assert throttled.next_poll_at <= clock() + timedelta(days=1)  # Retry-After is capped


async def test_a_story_reaches_the_miners_a_later_feed_adds(engine: Engine, server: FeedServer, clock: Clock) -> None:
    add_chat(engine, 1, ["CIFR"])
    add_chat(engine, 2, ["MARA"])
    server.bodies[FEED_A] = rss(OLD)
    server.bodies[FEED_B] = rss(OLD)
    client = httpx.AsyncClient(transport=httpx.MockTransport(server))
    job = NewsJob(
        engine, client, KeywordClassifier(), settings_for(FEED_A, FEED_B, miners_of={FEED_B: ["CIFR"]}), clock=clock
    )
    await job.run_once()
    story = ("s-1", "MARA and a peer sign AI hosting deals", "MARA Holdings signed a lease.")
    server.bodies[FEED_A] = rss(OLD, story)  # sector feed: attributed to MARA only
    clock.advance(minutes=5)
    await job.run_once()
    server.bodies[FEED_B] = rss(OLD, ("other-guid", story[1], story[2], "Search"))  # the CIFR search feed
    clock.advance(minutes=5)
    await job.run_once()
    clock.advance(minutes=5)
    await job.run_once()
    assert sorted(row.chat_id for row in outbox(engine)) == [1, 2]  # each chat once


async def test_old_items_are_stored_but_not_alerted(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    add_chat(engine, 1, ["MARA"])
    server.bodies[FEED_A] = rss(OLD)
    job = make_job(FEED_A)
    await job.run_once()
    clock.now = datetime(2027, 3, 1, tzinfo=UTC)  # the feeds' items are dated 25 Nov 2026
    server.bodies[FEED_A] = rss(OLD, MARA_NOTES)
    await job.run_once()
    assert outbox(engine) == []
    with session_scope(engine) as session:
        event = session.exec(select(NewsEvent).where(NewsEvent.title.contains("950"))).one()
        assert event.quiet and event.alerted


async def test_baseline_stories_get_their_themes_for_status_and_news_but_no_alert(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    add_chat(engine, 1, ["MARA"])
    server.bodies[FEED_A] = rss(OLD, MARA_NOTES)
    job = make_job(FEED_A)
    report = await job.run_once()  # the feed's first poll: both stories are the baseline
    assert report.queued == 0 and outbox(engine) == []
    with session_scope(engine) as session:
        events = {event.title: event for event in session.exec(select(NewsEvent))}
        notes = events[MARA_NOTES[1]]
        assert notes.quiet and notes.classified and "debt_terms" in notes.themes
        assert notes.scores["debt_terms"] > 0
        assert [event.title for event in sec_queries.themed_news(session, "MARA", 5)] == [MARA_NOTES[1]]
    clock.advance(minutes=5)
    await job.run_once()
    assert outbox(engine) == []  # classified, still never alerted


async def test_a_classifier_failure_on_quiet_stories_is_retried_and_stops_nothing(
    engine: Engine, server: FeedServer, make_job: Callable[..., NewsJob], clock: Clock
) -> None:
    server.bodies[FEED_A] = rss(OLD, MARA_NOTES)
    job = make_job(FEED_A, classifier=FailingOnce(fail_on=MARA_NOTES[1]))
    await job.run_once()  # does not raise
    with session_scope(engine) as session:
        assert not any(event.classified for event in session.exec(select(NewsEvent)))
    clock.advance(minutes=5)
    await job.run_once()
    with session_scope(engine) as session:
        assert all(event.classified for event in session.exec(select(NewsEvent)))
