"""The news pipeline: feeds → store (insert-if-new) → one event per story → classifier → outbox.

Every step is restartable: events not yet alerted are picked up again on the next cycle, and outbox rows
carry an idempotency key per (event, chat), so a crash anywhere loses nothing and sends nothing twice.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.alerts.deals import deal_ticker, record_and_alert, record_quietly
from bot.alerts.news import fan_out
from classifiers.base import Classifier, item_text
from minerwatch.config import FeedConfig, Settings
from minerwatch.jobs.schedule import next_poll_after_success
from store import queries
from store.db import off_loop, session_scope
from store.models import NewsEvent, NewsItem, Source
from watchers.deals import DealTerms, parse_deal_item
from watchers.http import FetchError, backoff_seconds
from watchers.news import (
    FeedEntry,
    FeedParseError,
    FeedPoll,
    MinerNames,
    attribute,
    build_attribution,
    poll_feed,
    story_key,
)

log = logging.getLogger(__name__)

#: The miners' name patterns (watchers.news.build_attribution).
AttributionRules = Sequence[tuple[str, re.Pattern[str], re.Pattern[str] | None]]

#: Stories with the same key within this window are one event ("also reported by …").
STORY_WINDOW = timedelta(hours=48)
#: An entry first seen with a publication date older than this is stored but not alerted (news searches
#: reshuffle old results into their feeds; an old story is not news).
MAX_ITEM_AGE = timedelta(days=3)
#: Feeds polled at once.
MAX_CONCURRENT_FEEDS = 50
#: Events classified and fanned out per cycle.
MAX_EVENTS_PER_CYCLE = 500
#: Quiet events (a feed's baseline, old items) classified per cycle, after the alerting work.
QUIET_CLASSIFY_BATCH = 256
#: Keys looked up per `IN (...)` query (well below SQLite's limit on bound parameters).
LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class CycleReport:
    """What one poll cycle did (for logs, /stats and tests)."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    new_items: int = 0
    new_events: int = 0
    queued: int = 0


class NewsJob:
    """Polls every due feed, stores new entries and queues alerts."""

    def __init__(
        self,
        engine: Engine,
        client: httpx.AsyncClient,
        classifier: Classifier,
        settings: Settings,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.client = client
        self.classifier = classifier
        self.settings = settings
        self.clock = clock
        self.feeds: dict[str, FeedConfig] = {feed.url: feed for feed in settings.feeds}
        self.rules = build_attribution(MinerNames(m.ticker, m.name, tuple(m.aliases)) for m in settings.miners)
        self._semaphore = asyncio.Semaphore(MAX_CONCURRENT_FEEDS)
        with session_scope(engine) as session:
            queries.sync_sources(session, "feed", [(f.url, f.name or f.url) for f in settings.feeds])

    async def run_once(self) -> CycleReport:
        """One cycle. The store is reached on a worker thread (a slow database never stalls the event loop that
        also answers commands and sends); the fetches run side by side on the loop."""
        now = self.clock()
        due = await off_loop(self._due_feeds, now)
        polls = await asyncio.gather(*(self._fetch_one(source, now) for source in due))
        new_items, not_modified, failed = await off_loop(self._store_polls, polls, now)
        report = CycleReport(polled=len(due), not_modified=not_modified, failed=failed, new_items=new_items)
        new_events, queued = await self.process_pending_events()
        await self.classify_quiet_events()
        report = CycleReport(report.polled, report.not_modified, report.failed, new_items, new_events, queued)
        if report.new_items or report.failed:
            log.info("news cycle: %s", report)
        return report

    def _due_feeds(self, now: datetime) -> list[Source]:
        with session_scope(self.engine) as session:
            return queries.due_sources(session, "feed", now, keys=self.feeds)

    def _store_polls(
        self, polls: Sequence[tuple[Source, FeedPoll | FetchError | FeedParseError]], now: datetime
    ) -> tuple[int, int, int]:
        """Store a cycle's answers; returns (new items, feeds not modified, feeds failed)."""
        # Feeds with new content are stored one transaction each; the many 304s and failures share one
        # transaction (a commit per unchanged feed was most of a cycle's CPU with hundreds of feeds).
        new_items = not_modified = failed = 0
        for source, poll in polls:
            if isinstance(poll, FeedPoll) and not poll.not_modified:
                try:
                    with session_scope(self.engine) as session:
                        new_items += self._record_poll(session, self._row(session, source), poll, now)
                except Exception as exc:  # noqa: BLE001 - one feed's unstorable content must not stop the others
                    log.exception("feed %s: could not store its entries", source.name or source.key)
                    with session_scope(self.engine) as session:
                        self._record_failure(session, self._row(session, source), FeedParseError(str(exc)), now)
                    failed += 1
        with session_scope(self.engine) as session:
            unchanged = [source.id for source, poll in polls if not isinstance(poll, FeedPoll) or poll.not_modified]
            rows = {  # one query for all of them, not one each
                row.id: row
                for first in range(0, len(unchanged), LOOKUP_CHUNK)
                for row in session.exec(
                    select(Source).where(col(Source.id).in_(unchanged[first : first + LOOKUP_CHUNK]))
                )
            }
            for source, poll in polls:
                if not isinstance(poll, FeedPoll):
                    self._record_failure(session, rows[source.id], poll, now)
                    failed += 1
                elif poll.not_modified:
                    self._record_poll(session, rows[source.id], poll, now)
                    not_modified += 1
        return new_items, not_modified, failed

    async def _fetch_one(self, source: Source, now: datetime) -> tuple[Source, FeedPoll | FetchError | FeedParseError]:
        """Fetch and parse one feed; no database work here, so the fetches of a cycle run side by side."""
        async with self._semaphore:
            try:
                poll = await poll_feed(
                    self.client, source.key, etag=source.etag, last_modified=source.last_modified, now=now
                )
            except (FetchError, FeedParseError) as exc:
                return source, exc
        return source, poll

    @staticmethod
    def _row(session: Session, source: Source) -> Source:
        row = session.get(Source, source.id)
        assert row is not None
        return row

    def _record_failure(self, session: Session, row: Source, exc: FetchError | FeedParseError, now: datetime) -> None:
        interval = self.settings.news.interval
        retry_after = getattr(exc, "retry_after", None) or 0.0
        delay = max(interval.total_seconds(), backoff_seconds(row.failures + 1), retry_after)
        change = queries.record_failure(session, row, now, str(exc), now + timedelta(seconds=delay))
        if change:
            log.warning("feed %s is failing: %s (next try in %.0fs)", change.source, exc, delay)

    def _record_poll(self, session: Session, row: Source, poll: FeedPoll, now: datetime) -> int:
        """Store a poll's new entries (none on a 304) and the feed's validators; returns the entries inserted."""
        next_poll = max(
            next_poll_after_success(now, self.settings.news.interval),
            now + timedelta(seconds=poll.fetch.retry_after or 0),
        )
        inserted = 0 if poll.not_modified else self._store_entries(session, row, poll.entries, now)
        change = queries.record_success(
            session, row, now, etag=poll.fetch.etag, last_modified=poll.fetch.last_modified, next_poll_at=next_poll
        )
        if change:
            log.warning("feed %s recovered", change.source)
        return inserted

    def _store_entries(self, session: Session, source: Source, entries: Sequence[FeedEntry], now: datetime) -> int:
        """Insert new entries; on a source's first poll they are a baseline (stored, never alerted), and so are old
        items. The deals such quiet stories announce go into the deal store here, alerting nobody."""
        baseline = not source.baseline_done
        feed = self.feeds.get(source.key)
        inserted = 0
        quiet_events: list[NewsEvent] = []
        # A changed feed mostly repeats entries we have: skip those with one query instead of an insert each
        # (the unique key still decides identity for the rest).
        identities = [entry.identity for entry in entries]
        known: set[str] = set()
        for first in range(0, len(identities), LOOKUP_CHUNK):
            chunk = identities[first : first + LOOKUP_CHUNK]
            query = select(NewsItem.identity).where(NewsItem.source_id == source.id, col(NewsItem.identity).in_(chunk))
            known.update(session.exec(query))
        for entry in entries:
            if entry.identity in known:
                continue
            item = queries.insert_news_item(
                session,
                {
                    "source_id": source.id,
                    "identity": entry.identity,
                    "title": entry.title,
                    "link": entry.link,
                    "published_at": entry.published_at,
                    "seen_at": now,
                    "baseline": baseline,
                },
            )
            if item is None:
                continue
            inserted += 1
            stale = entry.published_at is not None and entry.published_at < now - MAX_ITEM_AGE
            quiet = baseline or stale
            tickers = list(
                dict.fromkeys([*(feed.miners if feed else []), *attribute(f"{entry.title}\n{entry.lede}", self.rules)])
            )
            publisher = entry.source_name or source.name
            key = story_key(entry.title)
            event = queries.find_event(session, key, now - STORY_WINDOW)
            if event is None:
                event = NewsEvent(
                    story_key=key,
                    title=entry.title,
                    lede=entry.lede,
                    link=entry.link,
                    published_at=entry.published_at,
                    tickers=tickers,
                    source_names=[publisher],
                    first_seen_at=now,
                    alerted=quiet,
                    quiet=quiet,
                    classified=False,
                )
                if quiet:
                    quiet_events.append(event)
            else:
                if publisher not in event.source_names:
                    event.source_names = [*event.source_names, publisher]
                if set(tickers) - set(event.tickers):
                    event.tickers = list(dict.fromkeys([*event.tickers, *tickers]))
                    if not quiet and not event.quiet:  # fan out again: the new miners' chats get it; the
                        event.alerted = False  # chats already alerted hold their idempotency keys
            session.add(event)
            session.flush()
            item.event_id = event.id
            session.add(item)
        self._record_quiet_deals(session, quiet_events)
        source.baseline_done = True
        return inserted

    def _record_quiet_deals(self, session: Session, events: Sequence[NewsEvent]) -> None:
        """Store the deals quiet stories announce, the oldest story first (a later report fills in or changes an
        earlier one, as it would have live), each dated when it was published; no alert, no digest line. Runs on
        the store thread with the rest of the poll's storing, so a story and its deal are stored together."""
        deals: dict[int, tuple[DealTerms, str]] = {}
        for event in events:
            try:
                deals.update(read_deals([event], self.rules))
            except Exception:  # noqa: BLE001 - one unreadable story must not keep the feed's news from being stored
                log.exception("could not read a deal from quiet story %s (%s)", event.id, event.link)
        for event in sorted(events, key=lambda event: (queries.story_time(event), event.id or 0)):
            terms, ticker = deals.get(event.id or 0, (None, None))
            if terms is None or ticker is None:
                continue
            record_quietly(
                session,
                ticker,
                terms.to_json_dict(),
                title=event.title,
                lede=event.lede,
                link=event.link,
                source=event.source_names[0] if event.source_names else "",
                published_at=queries.story_time(event),
            )

    async def process_pending_events(self) -> tuple[int, int]:
        """Classify events not yet alerted and queue one message per interested chat."""
        pending = await off_loop(self._pending_events)
        if not pending:
            return 0, 0
        await self._classify([event for event in pending if not event.classified])
        deals = await asyncio.to_thread(read_deals, pending, self.rules)  # regex work off the event loop
        queued = await off_loop(self._fan_out_all, pending, self.clock(), deals)
        return len(pending), queued

    def _pending_events(self) -> list[NewsEvent]:
        with session_scope(self.engine) as session:
            return list(
                session.exec(
                    select(NewsEvent)
                    .where(col(NewsEvent.alerted).is_(False))
                    .order_by(col(NewsEvent.id))
                    .limit(MAX_EVENTS_PER_CYCLE)
                )
            )

    def _fan_out_all(
        self, pending: Sequence[NewsEvent], now: datetime, deals: dict[int, tuple[DealTerms, str]] | None = None
    ) -> int:
        """Queue every pending event for its chats and mark it alerted, in one transaction. A story that carries a
        signed deal goes into the deal store and, to the chats watching the deal's miner, out as the deal alert
        only (or as nothing, when the deal is known and its terms unchanged); chats watching only the story's other
        miners get it as news. An LOI / MOU is recorded and alerted as news."""
        queued = 0
        with session_scope(self.engine) as session:
            for event in pending:
                terms, ticker = (deals or {}).get(event.id or 0, (None, None))
                covered: set[int] = set()
                if terms is not None and ticker is not None:
                    _, deal_queued = record_and_alert(
                        session,
                        ticker,
                        terms.to_json_dict(),
                        title=event.title,
                        lede=event.lede,
                        link=event.link,
                        source=event.source_names[0] if event.source_names else "",
                        now=now,
                        themes=event.themes,
                        scores=event.scores,
                    )
                    queued += deal_queued
                    if terms.is_deal:
                        covered = {chat.id for chat in queries.chats_watching(session, [ticker])}
                queued += fan_out(session, event, now, exclude=covered)
                event.alerted = True
                session.merge(event)
        return queued

    async def classify_quiet_events(self) -> int:
        """Give themes to stories stored quietly (a feed's first poll, old items), a batch per cycle after the
        alerting work: they are never alerted nor digested, but /status and /news show them with their themes."""
        quiet = await off_loop(self._unclassified_quiet_events)
        if not quiet:
            return 0
        try:
            await self._classify(quiet)
        except Exception as exc:  # noqa: BLE001 - best effort: they are tried again next cycle; alerts go on
            log.warning("could not classify %d quietly stored stories (%s); next cycle tries again", len(quiet), exc)
            return 0
        await off_loop(self._store_themes, quiet)
        return len(quiet)

    def _unclassified_quiet_events(self) -> list[NewsEvent]:
        with session_scope(self.engine) as session:
            return list(
                session.exec(
                    select(NewsEvent)
                    .where(col(NewsEvent.quiet).is_(True), col(NewsEvent.classified).is_(False))
                    .order_by(col(NewsEvent.id).desc())  # the newest first: they are what the card shows
                    .limit(QUIET_CLASSIFY_BATCH)
                )
            )

    def _store_themes(self, events: Sequence[NewsEvent]) -> None:
        with session_scope(self.engine) as session:
            for event in events:
                stored = session.get(NewsEvent, event.id)
                if stored is not None and not stored.classified:
                    stored.themes, stored.scores, stored.classified = event.themes, event.scores, True
                    session.add(stored)

    async def _classify(self, events: Sequence[NewsEvent]) -> None:
        """Themes and scores for each event (off the event loop, one batch)."""
        if not events:
            return
        texts = [item_text(event.title, event.lede) for event in events]
        results = await asyncio.to_thread(self.classifier.classify_batch, texts)
        for event, result in zip(events, results, strict=True):
            event.themes = list(result.themes)
            event.scores = {theme: round(float(score), 4) for theme, score in result.scores.items()}
            event.classified = True


def read_deals(events: Sequence[NewsEvent], rules: AttributionRules) -> dict[int, tuple[DealTerms, str]]:
    """The deal each story about a miner announces (signed, or an LOI / MOU) and the miner it is attributed to —
    one the text names (the headline's first), else the story's first — by event id (runs on a worker thread: the
    extractor is regex work)."""
    found: dict[int, tuple[DealTerms, str]] = {}
    for event in events:
        if not event.tickers or event.id is None:
            continue
        terms = parse_deal_item(event.title, event.lede)
        if terms.is_deal or terms.kind == "non_binding":
            named = attribute(f"{event.title}\n{event.lede}", rules)
            ticker = deal_ticker(named or event.tickers, event.title)
            if ticker is not None:
                found[event.id] = (terms, ticker)
    return found
