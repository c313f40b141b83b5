"""The SEC EDGAR watcher as a scheduled job: new filings of the watched issuers → Filing rows with their themes;
for 8-Ks announcing convertible notes, the note terms → ConvertibleNote rows; shares outstanding from XBRL;
one alert per filing and watching chat in the outbox.

Each run (every `tick` = min(sec.interval, MAX_RUN_SPACING)) does, when due:
- the fast cycle: EDGAR's "current filings" Atom feed, one request for all filers, so a new 8-K is seen
  within one interval of its acceptance;
- the full cycle, per issuer every sec.interval: its submissions JSON and company Atom feed (the JSON is the
  complete record but lags; the feeds are fast), as many issuers per run as fit in half the time between runs
  at the SEC's 10 requests/s, so that a run stays short and the fast cycle keeps its pace;
- shares outstanding from XBRL company facts, per issuer every SHARES_INTERVAL.
An issuer's first poll is its baseline: its filings are stored and nothing is alerted. Failure state lives on
Source rows of kind "sec"; an SEC block (throttle or undeclared-tool page) pauses the whole job.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.alerts.filings import evaluate_conv_distance, note_view, queue_filing_alerts
from bot.messages.filings import FilingView
from classifiers.base import Classifier
from minerwatch.config import Settings
from minerwatch.jobs.schedule import next_poll_after_success
from minerwatch.jobs.sec_deals import FilingDeal, deal_from_releases, store_filing_deal
from minerwatch.jobs.sec_notes import save_note
from store import queries, sec_queries
from store.db import off_loop, session_scope
from store.models import Source
from watchers.converts import (
    NoteAnnouncement,
)
from watchers.http import FetchError, backoff_seconds
from watchers.sec import (
    COMPANY_ATOM,
    CURRENT_ATOM,
    SUBMISSIONS,
    EdgarClient,
    Filing,
    FilingDocument,
    FilingsPoll,
    RateLimiter,
    SecBlockedError,
    SecParseError,
    fetch_press_releases,
    filing_themes,
    note_from_releases,
    poll_filings,
    resolve_ciks,
)
from watchers.sec_client import SEC_MAX_REQUESTS_PER_SECOND
from watchers.sec_forms import CURRENT_REPORT_FORMS, base_form
from watchers.xbrl import SharesOutstanding as SharesFact
from watchers.xbrl import latest_shares_outstanding

log = logging.getLogger(__name__)

SEC_KIND = "sec"
CURRENT_KEY = "sec:current"
TICKERS_KEY = "sec:company_tickers"
#: Longest time between two runs: the fast cycle and due sources are looked at this often at least.
MAX_RUN_SPACING = timedelta(seconds=15)
#: Share of the time between runs that a full cycle may fill with requests (at the SEC's 10 requests/s), so
#: that a run ends well before the next one and the next fast cycle starts on time.
FULL_CYCLE_SHARE = 0.5
#: Requests of one issuer's full poll: its submissions JSON and its company feed.
REQUESTS_PER_ISSUER = 2
#: Shares outstanding change with each 10-Q / 10-K; company facts are large, so once a day is plenty.
SHARES_INTERVAL = timedelta(days=1)
#: A new filing whose exhibits could not be read is retried this often before it is alerted without them.
MAX_EXHIBIT_ATTEMPTS = 3
#: Exhibit text handed to the theme classifier (the release's first pages say what it is about).
MAX_THEME_TEXT_CHARS = 4000
#: A source's next poll is set this much short of its interval, so a tick that comes a moment early does not
#: skip it for a whole interval.
SEC_SCHEDULE_SLACK = timedelta(seconds=1)


def filings_key(ticker: str) -> str:
    """The Source key of one issuer's submissions JSON + company feed."""
    return f"sec:filings:{ticker}"


def shares_key(ticker: str) -> str:
    """The Source key of one issuer's XBRL company facts."""
    return f"sec:facts:{ticker}"


@dataclass
class SecReport:
    """What one run did (for logs and tests); counted up while the run goes."""

    polled: int = 0
    failed: int = 0
    new_filings: int = 0
    baseline: int = 0
    notes: int = 0
    queued: int = 0
    paused: bool = False


def _source(session: Session, key: str) -> Source:
    return session.exec(select(Source).where(Source.key == key)).one()


@dataclass
class _Pending:
    """A new filing whose exhibits could not be read yet."""

    filing: Filing
    attempts: int


class SecJob:
    """Polls EDGAR for the watched issuers, stores filings and notes, queues alerts."""

    def __init__(
        self,
        engine: Engine,
        client: httpx.AsyncClient,
        classifier: Classifier | None,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        limiter: RateLimiter | None = None,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        """Raises SecConfigError (one line) when sec.user_agent is not a declared User-Agent."""
        sec = settings.sec
        self.edgar = EdgarClient(client, sec.user_agent, www_url=sec.www_url, data_url=sec.data_url, limiter=limiter)
        self.engine = engine
        self.classifier = classifier
        self.interval = sec.interval
        self.tick = min(sec.interval, MAX_RUN_SPACING)
        budget = self.tick.total_seconds() * SEC_MAX_REQUESTS_PER_SECOND * FULL_CYCLE_SHARE
        self.issuers_per_run = max(1, int(budget) // REQUESTS_PER_ISSUER)
        self.clock = clock
        self.on_queued = on_queued
        self.ciks: dict[str, int] = {miner.ticker: miner.cik for miner in settings.miners if miner.cik}
        self.unresolved = [miner.ticker for miner in settings.miners if not miner.cik]
        self.last_report = SecReport()
        self._pending: dict[str, _Pending] = {}
        self._blocked = False
        self._lock = asyncio.Lock()
        with session_scope(engine) as session:
            queries.sync_sources(session, SEC_KIND, self._source_entries())

    def _source_entries(self) -> list[tuple[str, str]]:
        entries = [(CURRENT_KEY, "SEC current filings (Atom)")]
        if self.unresolved:
            entries.append((TICKERS_KEY, "SEC company tickers (CIK lookup)"))
        for ticker in self.ciks:
            entries.append((filings_key(ticker), f"SEC filings of {ticker}"))
            entries.append((shares_key(ticker), f"SEC shares outstanding of {ticker}"))
        return entries

    @property
    def tickers_by_cik(self) -> dict[int, str]:
        return {cik: ticker for ticker, cik in self.ciks.items()}

    # --- the run ---------------------------------------------------------------------------------------

    async def run_once(self) -> int:
        """One run: CIK lookup, fast cycle, full cycle, shares outstanding, as each is due; returns the number
        of alerts queued. While the SEC has us blocked nothing is requested."""
        now = self.clock()
        if self.edgar.limiter.blocked_for() > 0:
            self.last_report = SecReport(paused=True)
            return 0
        async with self._lock:
            report = SecReport()
            try:
                await self._run(report, now)
            except SecBlockedError as error:
                await off_loop(self._record_block, error, now)
                report.paused = True
            else:
                if self._blocked:
                    self._blocked = False
                    log.warning("SEC requests resumed")
        self.last_report = report
        if report.new_filings or report.failed:
            log.info("sec run: %s", self.last_report)
        return report.queued

    async def _run(self, report: SecReport, now: datetime) -> None:
        """The store is reached on store threads throughout (store.db.off_loop): never on the event loop."""
        if self.unresolved and await off_loop(self._due, [TICKERS_KEY], now):
            await self._resolve_ciks(now)
        for pending in list(self._pending.values()):
            await self._process_new(pending.filing, report, now)
        if await off_loop(self._due, [CURRENT_KEY], now):
            await self._poll(CURRENT_KEY, list(self.ciks.values()), (CURRENT_ATOM,), report, now)
        due = await off_loop(self._due, [filings_key(ticker) for ticker in self.ciks], now)
        for key in due[: self.issuers_per_run]:
            ticker = key.removeprefix("sec:filings:")
            await self._poll(key, [self.ciks[ticker]], (SUBMISSIONS, COMPANY_ATOM), report, now)
        shares_due = await off_loop(self._due, [shares_key(ticker) for ticker in self.ciks], now)
        if shares_due:
            await self._refresh_shares(shares_due[0].removeprefix("sec:facts:"), now)

    # --- sources ---------------------------------------------------------------------------------------

    def _due(self, keys: list[str], now: datetime) -> list[str]:
        """The due keys among `keys`, never polled or longest overdue first."""
        with session_scope(self.engine) as session:
            sources = queries.due_sources(session, SEC_KIND, now, keys=keys)
        oldest = datetime.min.replace(tzinfo=UTC)
        return [source.key for source in sorted(sources, key=lambda s: (s.next_poll_at or oldest, s.id or 0))]

    def _succeeded(self, session: Session, key: str, now: datetime, interval: timedelta) -> None:
        source = _source(session, key)
        next_poll = next_poll_after_success(now, interval, SEC_SCHEDULE_SLACK)
        if queries.record_success(session, source, now, etag=None, last_modified=None, next_poll_at=next_poll):
            log.warning("%s recovered", source.name or key)

    def _failed(self, key: str, now: datetime, error: str, retry_after: float | None) -> None:
        with session_scope(self.engine) as session:
            source = _source(session, key)
            delay = max(self.interval.total_seconds(), backoff_seconds(source.failures + 1), retry_after or 0.0)
            change = queries.record_failure(session, source, now, error, now + timedelta(seconds=delay))
        if change:
            log.warning("%s is failing: %s (next try in %.0fs)", change.source, error, delay)

    def _record_block(self, error: SecBlockedError, now: datetime) -> None:
        """The SEC refused us: every EDGAR request of the process now waits (the limiter holds the pause)."""
        if not self._blocked:
            self._blocked = True
            log.warning("SEC watcher paused: %s", error)
        with session_scope(self.engine) as session:
            source = _source(session, CURRENT_KEY)
            next_poll = now + timedelta(seconds=error.retry_after or self.interval.total_seconds())
            queries.record_failure(session, source, now, str(error), next_poll)

    # --- CIKs ------------------------------------------------------------------------------------------

    async def _resolve_ciks(self, now: datetime) -> None:
        """Look up the CIKs the configuration leaves out in SEC company_tickers.json."""
        try:
            companies = await self.edgar.company_tickers()
        except SecBlockedError:
            raise
        except (FetchError, SecParseError) as error:
            await off_loop(self._failed, TICKERS_KEY, now, str(error), getattr(error, "retry_after", None))
            return
        found = resolve_ciks(self.unresolved, companies or {})
        self.ciks.update(found)
        self.unresolved = [ticker for ticker in self.unresolved if ticker not in found]
        if self.unresolved:
            log.warning("no SEC CIK for %s: their filings are not watched", ", ".join(self.unresolved))
        await off_loop(self._store_resolved, now)

    def _store_resolved(self, now: datetime) -> None:
        with session_scope(self.engine) as session:
            queries.sync_sources(session, SEC_KIND, self._source_entries())
            self._succeeded(session, TICKERS_KEY, now, SHARES_INTERVAL)

    # --- filings ---------------------------------------------------------------------------------------

    async def _poll(self, key: str, ciks: list[int], sources: Sequence[str], report: SecReport, now: datetime) -> None:
        """Poll some sources for some issuers; store the baseline, process the new filings, record health."""
        if not ciks:
            return
        known, baselined = await off_loop(self._known_and_baselined, ciks)
        poll = await poll_filings(self.edgar, ciks, known, baselined_ciks=baselined, sources=sources, now=now)
        report.polled += 1
        await off_loop(self._store_baseline, poll, now)
        report.baseline += len(poll.baseline)
        for filing in poll.new:
            if filing.accession not in self._pending:  # those are retried at the start of each run
                await self._process_new(filing, report, now)
        if poll.failures:
            report.failed += 1
            errors = "; ".join(f"{failure.source}: {failure.error}" for failure in poll.failures)
            retry_after = max((failure.retry_after or 0.0 for failure in poll.failures), default=0.0)
            await off_loop(self._failed, key, now, errors, retry_after)
        if len(poll.failures) == len(sources):
            return
        await off_loop(self._record_answered, key, ciks, not poll.failures, now)

    def _known_and_baselined(self, ciks: list[int]) -> tuple[set[str], set[int]]:
        with session_scope(self.engine) as session:
            return sec_queries.known_accessions(session, ciks), self._baselined(session)

    def _record_answered(self, key: str, ciks: list[int], complete: bool, now: datetime) -> None:
        with session_scope(self.engine) as session:
            if complete:
                self._succeeded(session, key, now, self.interval)
            if key != CURRENT_KEY:  # an issuer's full poll answered: its baseline is recorded
                for cik in ciks:
                    _source(session, filings_key(self.tickers_by_cik[cik])).baseline_done = True

    def _baselined(self, session: Session) -> set[int]:
        """CIKs whose first full poll is done (their new filings alert)."""
        keys = [filings_key(ticker) for ticker in self.ciks]
        rows = session.exec(select(Source).where(col(Source.key).in_(keys), col(Source.baseline_done).is_(True)))
        return {self.ciks[row.key.removeprefix("sec:filings:")] for row in rows}

    def _store_baseline(self, poll: FilingsPoll, now: datetime) -> None:
        """Record filings that alert nobody: an issuer's first poll, and old filings seen late."""
        if not poll.baseline:
            return
        with session_scope(self.engine) as session:
            stored = sec_queries.existing_accessions(session, [filing.accession for filing in poll.baseline])
            for filing in poll.baseline:
                if filing.accession not in stored:
                    sec_queries.insert_filing(session, self._filing_values(filing, filing_themes(filing), now, True))

    def _filing_values(self, filing: Filing, themes: Sequence[str], now: datetime, baseline: bool) -> dict[str, object]:
        return {
            "accession": filing.accession,
            "cik": filing.cik,
            "ticker": self.tickers_by_cik[filing.cik],
            "form": filing.form,
            "items": list(filing.items),
            "title": filing.title,
            "filed": filing.filed,
            "accepted_at": filing.accepted,
            "primary_doc_url": filing.primary_doc_url,
            "index_url": filing.index_url,
            "themes": list(themes),
            "first_seen_at": now,
            "baseline": baseline,
        }

    async def _process_new(self, filing: Filing, report: SecReport, now: datetime) -> None:
        """Read a new filing's press releases (current reports), classify it, store it with its note, and queue
        its alerts in the same transaction, so a crash neither loses nor repeats an alert."""
        releases: list[tuple[FilingDocument, str]] = []
        if base_form(filing.form) in CURRENT_REPORT_FORMS:
            try:
                releases = list(await fetch_press_releases(self.edgar, filing))
            except SecBlockedError:
                self._pending.setdefault(filing.accession, _Pending(filing, 0))
                raise
            except (FetchError, SecParseError) as error:
                pending = self._pending.setdefault(filing.accession, _Pending(filing, 0))
                pending.attempts += 1
                if pending.attempts < MAX_EXHIBIT_ATTEMPTS:
                    log.info("exhibits of %s unreadable (%s); retrying next run", filing.accession, error)
                    return
                log.warning("exhibits of %s unreadable (%s); alerting without them", filing.accession, error)
        self._pending.pop(filing.accession, None)
        text = "\n\n".join(body for _, body in releases)[:MAX_THEME_TEXT_CHARS]
        themes = await asyncio.to_thread(filing_themes, filing, text or None, self._classify)
        announcement = await asyncio.to_thread(note_from_releases, filing, releases)  # regex work off the loop
        deal = await asyncio.to_thread(deal_from_releases, releases)
        ticker = self.tickers_by_cik[filing.cik]
        if announcement is not None:
            await self._ensure_shares(ticker, now)
        stored = await off_loop(self._store_new_filing, filing, themes, announcement, ticker, now, deal)
        if stored is None:
            return  # another run or process stored it first, with its alerts
        queued, with_note = stored
        report.new_filings += 1
        report.notes += with_note
        report.queued += queued
        if queued and self.on_queued is not None:
            self.on_queued()

    def _store_new_filing(
        self,
        filing: Filing,
        themes: Sequence[str],
        announcement: NoteAnnouncement | None,
        ticker: str,
        now: datetime,
        deal: FilingDeal | None = None,
    ) -> tuple[int, int] | None:
        """Store the filing and its note and queue its alerts in one transaction; (alerts queued, notes saved),
        or None when the filing was already stored."""
        with session_scope(self.engine) as session:
            if not sec_queries.insert_filing(session, self._filing_values(filing, themes, now, False)):
                return None
            note = save_note(session, ticker, announcement, now) if announcement else None
            # a release that prices two series: each is its own note, the alert names the others under the first
            others = (
                [
                    save_note(session, ticker, replace(announcement, terms=terms, also=()), now)
                    for terms in announcement.also
                ]
                if announcement
                else []
            )
            view = FilingView(
                ticker=ticker,
                form=filing.form,
                filed=filing.filed,
                items=filing.items,
                title=filing.title,
                company=filing.company,
                accepted_at=filing.accepted,
                themes=themes,
                index_url=filing.index_url,
                document_url=filing.primary_doc_url,
            )
            queued = queue_filing_alerts(
                session,
                filing.accession,
                view,
                note_view(note) if note else None,
                now,
                others=[note_view(other) for other in others],
            )
            if note is not None and note.conversion_price_usd:
                queued += evaluate_conv_distance(session, ticker, now)
            if deal is not None:
                queued += store_filing_deal(session, ticker, filing.form, deal, themes, now)
            return queued, int(note is not None) + len(others)

    def _classify(self, text: str) -> list[str]:
        """The theme classifier over a filing's title and release text (runs in a worker thread)."""
        if self.classifier is None:
            return []
        return list(self.classifier.classify_batch([text])[0].themes)

    # --- shares outstanding ----------------------------------------------------------------------------

    async def _ensure_shares(self, ticker: str, now: datetime) -> None:
        """A note alert states dilution in % of shares outstanding: fetch them first if none are stored."""
        if not await off_loop(self._has_shares, ticker):
            await self._refresh_shares(ticker, now)

    async def _refresh_shares(self, ticker: str, now: datetime) -> None:
        """The latest dei:EntityCommonStockSharesOutstanding of the issuer from its XBRL company facts."""
        key = shares_key(ticker)
        try:
            facts = await self.edgar.company_facts(self.ciks[ticker])
        except SecBlockedError:
            raise
        except (FetchError, SecParseError) as error:
            await off_loop(self._failed, key, now, str(error), getattr(error, "retry_after", None))
            return
        latest = latest_shares_outstanding(facts) if facts is not None else None
        await off_loop(self._store_shares, ticker, latest, now)

    def _has_shares(self, ticker: str) -> bool:
        with session_scope(self.engine) as session:
            return sec_queries.shares_outstanding(session, ticker) is not None

    def _store_shares(self, ticker: str, latest: SharesFact | None, now: datetime) -> None:
        key = shares_key(ticker)
        with session_scope(self.engine) as session:
            if latest is not None:
                sec_queries.save_shares_outstanding(session, ticker, float(latest.shares), latest.as_of, now)
            self._succeeded(session, key, now, SHARES_INTERVAL)
