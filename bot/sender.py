"""The sender: drains the outbox through python-telegram-bot (AIORateLimiter) with per-chat pacing.

Delivery states of a row: pending → claimed (taken by a worker, waiting for its turn under the rate limits) →
sending (committed right *before* the request) → sent (committed after). A worker killed with rows "claimed" loses
nothing: they go back to the queue. A worker killed between "sending" and "sent" leaves rows whose request may have
reached Telegram; on restart such rows become "unknown" and are
not sent again, because Telegram may already have accepted them (sendMessage has no idempotency key).
The remaining window is one in-flight request per concurrent send; it is counted in /stats.
A text Telegram refuses as such (too long, markup it cannot parse) is not dropped: the row becomes "split" and
the text is queued again in shorter parts or as plain text (see `fallback_parts`); the admins are told once a day.

Telegram's limits belong to the bot token, so they hold across processes (store/pacing.py): each chat's next
send time is in the database, and on PostgreSQL, where several sender processes may run, every message waits
for a send slot booked from the deployment's one budget row. SQLite has one process: an in-process limiter.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from aiolimiter import AsyncLimiter
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.messages.markup import esc, fallback_parts
from store import outbox_queries, pacing, queries
from store.db import is_postgres, session_scope
from store.db import off_loop as store_thread
from store.models import Outbox

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Overall pace, applied before a row is marked "sending" (so a row waiting its turn is not yet in doubt).
#: Telegram allows about 30/s; PTB's AIORateLimiter behind us enforces the same figures and the group limits.
OVERALL_MESSAGES_PER_S = 29.0
#: The overall bucket holds this many seconds' worth of messages (a full second pressed against Telegram's own
#: 30-message bucket, so a little network jitter already meant 429s).
OVERALL_BURST_S = 0.5
#: PostgreSQL: slots booked from the shared budget are this far apart (all processes together send at
#: OVERALL_MESSAGES_PER_S), and a row waits at most SLOT_HORIZON between its claim and its slot.
SLOT_SPACING = timedelta(seconds=1 / OVERALL_MESSAGES_PER_S)
SLOT_HORIZON = timedelta(seconds=2)
#: A sender that wakes later than this after its slot (a busy event loop, a pause) books a new one instead of
#: sending at once: otherwise its overdue messages would go out together, on top of other processes' slots.
#: Every request leaves within 0.1 s of its own slot, so any one second holds at most 29 × 1.1 + 1 ≈ 33.
#: (One slot, 34 ms, gave 31 at most but lost 5 % of the rate to re-booking on a loaded 2-core machine.)
SLOT_LATE_LIMIT = timedelta(seconds=0.1)
#: Private chats get at most one message per this many seconds (Telegram allows short bursts only).
PRIVATE_CHAT_INTERVAL_S = 1.0
#: Groups: 20 messages a minute.
GROUP_CHAT_INTERVAL_S = 3.0
#: Messages in flight at once (AIORateLimiter keeps the overall rate at about 30/s).
MAX_CONCURRENT_SENDS = 30
#: Give up on a message after this many attempts (5xx, timeouts).
MAX_ATTEMPTS = 8
RETRY_BASE_S = 2.0
#: How long a graceful shutdown waits for claimed messages to go out.
DRAIN_TIMEOUT_S = 15.0
RETRY_CAP_S = 300.0
#: The bot may not post in a chat (restricted, slow mode): first wait, doubling up to the cap.
RIGHTS_RETRY_FIRST_S = 60.0
RIGHTS_RETRY_CAP_S = 3600.0
#: Set around a request whose send slot the sender booked already (the bot's limiter in bot/app.py books none).
SLOT_BOOKED: ContextVar[bool] = ContextVar("minerwatch_slot_booked", default=False)


class Transport(Protocol):
    """Where messages go: Telegram, or the terminal in console mode."""

    async def send(self, row: Outbox) -> int | None: ...


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    deactivated: int = 0


def _is_chat_gone(error: BadRequest) -> bool:
    return "chat not found" in str(error).lower()


def _is_not_allowed_to_write(error: BadRequest) -> bool:
    """The bot is in the chat but may not post there now: a group restricted it, or slow mode, or a channel
    took its rights. Often temporary, so the chat keeps its settings and its queue, and the row waits."""
    text = str(error).lower()
    return "have no rights to send" in text or "chat_write_forbidden" in text or "not enough rights" in text


def _is_refused_text(error: BadRequest) -> bool:
    """Telegram refused the text itself, not the chat: 400 "message is too long" / "can't parse entities"."""
    text = str(error).lower()
    return "too long" in text or "can't parse entities" in text


class OffLoop(Protocol):
    """Where the sender's store work runs: a store thread (store.db.off_loop), never on the event loop."""

    def __call__(self, func: Callable[..., T], /, *args: Any) -> Awaitable[T]: ...


class Sender:
    """Claims due outbox rows and sends them, one worker per process (several against PostgreSQL)."""

    def __init__(
        self,
        engine: Engine,
        transport: Transport,
        *,
        batch: int = 30,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        worker_id: str | None = None,
        admins: Iterable[int] = (),
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        shared_budget: bool | None = None,
        off_loop: OffLoop = store_thread,
    ) -> None:
        self.engine = engine
        self.admins = tuple(admins)  # telegram.admins: told when a refused text is sent again another way
        self.transport = transport
        self.batch = batch
        self.clock = clock
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.sleep = sleep
        #: runs the store work (a worker thread; a test on virtual time may run it inline)
        self.off_loop = off_loop
        #: book send slots from the database (PostgreSQL: other processes send with the same token)
        self.shared_budget = is_postgres(engine) if shared_budget is None else shared_budget
        self._semaphore = asyncio.Semaphore(MAX_CONCURRENT_SENDS)
        self._pace = AsyncLimiter(OVERALL_MESSAGES_PER_S * OVERALL_BURST_S, OVERALL_BURST_S)
        self._lock = asyncio.Lock()
        self.stopping = False

    def recover(self) -> int:
        """Called once at start: rows a dead worker left in "sending" become "unknown" (never resent)."""
        now = self.clock()
        with session_scope(self.engine) as session:
            if is_postgres(self.engine):
                count = outbox_queries.release_stale_claims(session, now)
            else:  # one process owns a SQLite file: every "sending" row is from a previous run
                count = outbox_queries.release_stale_claims(session, now, older_than=None)
        if count:
            log.warning("%d message(s) were in flight when the sender stopped; not resent (may have arrived)", count)
        return count

    async def run_once(self) -> SendReport:
        """Send everything due now; returns what happened."""
        async with self._lock:  # one drain at a time per process
            report = SendReport()
            while not self.stopping:
                rows, slots, limit = await self.off_loop(self._claim)
                if not rows:
                    return report
                sends = (self._send_row(row, slot, report) for row, slot in zip(rows, slots, strict=True))
                await asyncio.gather(*sends)
                if len(rows) < limit:
                    return report
            return report

    def _claim(self) -> tuple[list[Outbox], list[datetime | None], int]:
        """Claim due rows; with the shared budget, book a send slot for each in the same transaction.
        Returns the rows, their slots and how many could have been claimed."""
        now = self.clock()
        with session_scope(self.engine) as session:
            # a worker may have died mid-send (PostgreSQL), or this one lost a claim to a database error
            outbox_queries.release_stale_claims(session, now)
            if not self.shared_budget:
                rows = outbox_queries.claim_outbox(session, self.worker_id, now, self.batch)
                return rows, [None] * len(rows), self.batch
            budget = pacing.lock_send_budget(session, now)  # held until commit: one claimer at a time
            limit = min(self.batch, pacing.free_slots(budget, now, SLOT_SPACING, SLOT_HORIZON))
            if limit == 0:  # other senders booked the next SLOT_HORIZON: they keep the rate up meanwhile
                return [], [], 0
            rows = outbox_queries.claim_outbox(session, self.worker_id, now, limit)
            slots = pacing.book_slots(session, budget, now, len(rows), SLOT_SPACING)
            return rows, list(slots), limit

    async def drain(self, timeout: float = DRAIN_TIMEOUT_S) -> None:
        """Stop claiming and let the messages already claimed finish (graceful shutdown)."""
        self.stopping = True
        try:
            await asyncio.wait_for(self._lock.acquire(), timeout)
        except TimeoutError:
            log.warning("sender still busy after %.0fs at shutdown; in-flight messages will be marked unknown", timeout)
            return
        self._lock.release()

    async def _send_row(self, row: Outbox, slot: datetime | None, report: SendReport) -> None:
        """Wait for the row's turn, send it, then record the outcome. The store is reached on worker threads:
        a database that hangs delays these messages, never the event loop the bot and the watchers share."""
        assert row.id is not None
        try:
            await self._semaphore.acquire()
        except asyncio.CancelledError:
            self._requeue(row)
            raise
        try:
            try:
                await self._wait_turn(slot)
            except asyncio.CancelledError:
                self._requeue(row)
                raise
            try:
                if not await self.off_loop(self._mark_sending, row):
                    return  # released by a stale-claim sweep meanwhile; someone else will send it
            except SQLAlchemyError as exc:  # "database is locked", a dropped connection: nothing was sent
                log.warning("outbox %s: could not mark it sending (%s); back to the queue", row.id, exc)
                await self.off_loop(self._requeue_after_db_error, row)
                return
            booked = SLOT_BOOKED.set(slot is not None)  # the bot's own limiter must not book a second slot
            message_id: int | None = None
            error: Exception | None = None
            try:
                message_id = await self.transport.send(row)
            except Exception as exc:  # noqa: BLE001 - every refusal is settled below; a bug must not lose the row
                error = exc
            finally:
                SLOT_BOOKED.reset(booked)
        finally:
            self._semaphore.release()
        outcome = await self.off_loop(self._settle, row, message_id, error)
        setattr(report, outcome, getattr(report, outcome) + 1)

    def _mark_sending(self, row: Outbox) -> bool:
        assert row.id is not None
        with session_scope(self.engine) as session:
            return outbox_queries.mark_sending(session, row.id, self.worker_id)

    def _settle(self, row: Outbox, message_id: int | None, error: Exception | None) -> str:
        """Record what Telegram answered; returns the SendReport field to count it in."""
        assert row.id is not None
        if error is None:
            now = self.clock()
            interval = PRIVATE_CHAT_INTERVAL_S if row.chat_id > 0 else GROUP_CHAT_INTERVAL_S
            with session_scope(self.engine) as session:  # one transaction: no process sees the chat free but unpaced
                outbox_queries.mark_sent(session, row.id, message_id, now)
                pacing.pace_chat(session, row.chat_id, now + timedelta(seconds=interval))
            return "sent"
        if isinstance(error, RetryAfter):
            wait = (
                error.retry_after if isinstance(error.retry_after, int | float) else error.retry_after.total_seconds()
            )
            delay = timedelta(seconds=float(wait))
            return self._retry(row, f"429 retry after {wait}s", delay, count=False, pace=True)
        if isinstance(error, Forbidden):
            return self._deactivate(row, f"403 {error}")
        if isinstance(error, ChatMigrated):  # a group became a supergroup: follow it to its new id
            log.warning("chat %s migrated to %s; moving its settings and queue", row.chat_id, error.new_chat_id)
            with session_scope(self.engine) as session:
                queries.migrate_chat(session, row.chat_id, int(error.new_chat_id))
                outbox_queries.mark_retry(session, row.id, f"chat migrated to {error.new_chat_id}", self.clock())
            return "retried"
        if isinstance(error, BadRequest):
            if "thread not found" in str(error).lower():  # the forum topic was deleted: use the main chat
                log.warning("chat %s: forum topic %s is gone; sending to the chat itself", row.chat_id, row.thread_id)
                with session_scope(self.engine) as session:
                    queries.forget_thread(session, row.chat_id)
                    outbox_queries.mark_retry(session, row.id, f"400 {error}", self.clock())
                return "retried"
            if _is_chat_gone(error):
                return self._deactivate(row, f"400 {error}")
            if _is_not_allowed_to_write(error):
                delay = self._rights_backoff(row.attempts)
                log.warning("chat %s: no rights to post (%s); trying again in %s", row.chat_id, error, delay)
                return self._retry(row, f"400 {error}", delay, pace=True)
            if _is_refused_text(error):
                return self._send_otherwise(row, f"400 {error}")
            log.error("outbox %s rejected by Telegram (not retried): %s", row.id, error)
            return self._fail(row, f"400 {error}")
        if not isinstance(error, TimedOut | NetworkError):  # NetworkError includes 5xx answers
            log.error("outbox %s: unexpected error", row.id, exc_info=error)
        return self._retry(row, f"{type(error).__name__}: {error}", self._backoff(row.attempts))

    async def _wait_turn(self, slot: datetime | None) -> None:
        """Wait for the row's booked slot (shared budget), else for the in-process limiter."""
        if slot is None:
            await self._pace.acquire()
            return
        while True:
            delay = (slot - self.clock()).total_seconds()
            if delay > 0:
                await self.sleep(delay)
            if self.clock() - slot <= SLOT_LATE_LIMIT:
                return
            slot = await self.off_loop(self._book_slot)  # missed: the slot is gone, take the next free one

    def _book_slot(self) -> datetime:
        with session_scope(self.engine) as session:
            return pacing.book_send_slot(session, self.clock(), SLOT_SPACING)

    def _requeue_after_db_error(self, row: Outbox) -> None:
        """Best effort: the row goes back to the queue now; if the database still refuses, the stale-claim
        sweep (every engine) hands it back within STALE_CLAIMED_AFTER."""
        try:
            self._requeue(row)
        except SQLAlchemyError as exc:
            log.warning("outbox %s: could not requeue it either (%s); the stale-claim sweep will", row.id, exc)

    @staticmethod
    def _rights_backoff(attempts: int) -> timedelta:
        """No rights to post: a minute, doubling up to an hour (MAX_ATTEMPTS tries, about three hours)."""
        return timedelta(seconds=min(RIGHTS_RETRY_CAP_S, RIGHTS_RETRY_FIRST_S * 2 ** max(0, attempts - 1)))

    def _requeue(self, row: Outbox) -> None:
        """A claimed row that never left the process goes back to the queue (not "unknown")."""
        assert row.id is not None
        with session_scope(self.engine) as session:
            outbox_queries.mark_retry(session, row.id, "cancelled before sending", self.clock())

    @staticmethod
    def _backoff(attempts: int) -> timedelta:
        return timedelta(seconds=min(RETRY_CAP_S, RETRY_BASE_S * 2 ** max(0, attempts - 1)))

    def _retry(self, row: Outbox, error: str, delay: timedelta, count: bool = True, pace: bool = False) -> str:
        """Back to the queue after `delay`; `pace`: the whole chat waits that long (a 429), in every process."""
        assert row.id is not None
        with session_scope(self.engine) as session:
            if pace:
                pacing.pace_chat(session, row.chat_id, self.clock() + delay)
            if count and row.attempts >= MAX_ATTEMPTS:
                log.error("outbox %s: giving up after %d attempts: %s", row.id, row.attempts, error)
                outbox_queries.mark_failed(session, row.id, error)
                return "failed"
            outbox_queries.mark_retry(session, row.id, error, self.clock() + delay)
        return "retried"

    def _fail(self, row: Outbox, error: str) -> str:
        assert row.id is not None
        with session_scope(self.engine) as session:
            outbox_queries.mark_failed(session, row.id, error)
        return "failed"

    def _send_otherwise(self, row: Outbox, error: str) -> str:
        """Queue a refused text again as `fallback_parts`, in new rows after the chat's queued messages; the row
        becomes "split" (it never reached the chat, so nothing arrives twice). Fails it when nothing would help."""
        assert row.id is not None
        parts = fallback_parts(row.text, error)
        if parts is None:
            log.error("outbox %s rejected by Telegram (not retried): %s", row.id, error)
            return self._fail(row, error)
        log.warning("outbox %s refused by Telegram (%s); queued again as %d part(s)", row.id, error, len(parts))
        now = self.clock()
        with session_scope(self.engine) as session:
            outbox_queries.mark_failed(
                session, row.id, f"{error}; queued again as {len(parts)} part(s)", status="split"
            )
            for number, part in enumerate(parts, start=1):
                outbox_queries.enqueue(
                    session,
                    key=f"{row.idempotency_key}/{number}",
                    chat_id=row.chat_id,
                    text=part,
                    kind=row.kind,
                    thread_id=row.thread_id,
                    silent=row.disable_notification,
                    disable_preview=row.disable_preview,
                    not_before=now,
                    reply_markup=row.reply_markup if number == len(parts) else None,  # buttons under the last part
                )
            notice = (
                f"⚠️ Telegram refused outbox message {row.id} for chat {row.chat_id}: <code>{esc(error[:300])}</code>. "
                f"It was queued again as {len(parts)} part(s). Further cases today are only logged "
                '(/stats counts them as "split").'
            )
            for admin in self.admins:  # once a day each: a digest to many chats may fail the same way for all
                outbox_queries.enqueue(
                    session, key=f"notice:refused-text:{now:%Y-%m-%d}:{admin}", chat_id=admin, text=notice,
                    kind="notice", not_before=now,
                )  # fmt: skip
        return "retried"

    def _deactivate(self, row: Outbox, error: str) -> str:
        assert row.id is not None
        log.warning("chat %s is gone (%s); deactivating it", row.chat_id, error)
        with session_scope(self.engine) as session:
            outbox_queries.mark_failed(session, row.id, error, status="dropped")
            queries.deactivate_chat(session, row.chat_id, error)
            outbox_queries.drop_pending_for_chat(session, row.chat_id, error)
        return "deactivated"
