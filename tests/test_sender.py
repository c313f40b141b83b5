"""Outbox sender against a real database and a scripted Telegram stand-in raising real telegram.error types."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Iterable
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.sender import (
    GROUP_CHAT_INTERVAL_S,
    MAX_ATTEMPTS,
    PRIVATE_CHAT_INTERVAL_S,
    RETRY_BASE_S,
    RETRY_CAP_S,
    RIGHTS_RETRY_FIRST_S,
    Sender,
)
from store import outbox_queries, queries
from store.db import session_scope
from store.models import Chat, Outbox
from store.outbox_queries import STALE_CLAIMED_AFTER
from tests.conftest import Clock
from tests.helpers import until

ALICE = 101  # private chats have positive ids
BOB = 202
CAROL = 303
GROUP = -1001234567890  # supergroups have negative ids


class FakeTelegram:
    """Transport stand-in: per chat, a script of outcomes (an exception to raise, or None to accept);
    `always` makes a chat fail the same way on every attempt. Records every attempt."""

    def __init__(
        self,
        script: dict[int, list[BaseException | None]] | None = None,
        always: dict[int, BaseException] | None = None,
    ) -> None:
        self.script = {chat: list(outcomes) for chat, outcomes in (script or {}).items()}
        self.always = always or {}
        self.attempts: list[tuple[int, str]] = []  # (chat_id, idempotency key) of every call
        self.delivered: list[tuple[int, str]] = []
        self._message_id = 5000

    async def send(self, row: Outbox) -> int:
        self.attempts.append((row.chat_id, row.idempotency_key))
        if row.chat_id in self.always:
            raise self.always[row.chat_id]
        outcomes = self.script.get(row.chat_id)
        outcome = outcomes.pop(0) if outcomes else None
        if outcome is not None:
            raise outcome
        self.delivered.append((row.chat_id, row.idempotency_key))
        self._message_id += 1
        return self._message_id


def add_chats(engine: Engine, *chat_ids: int) -> None:
    with session_scope(engine) as session:
        for chat_id in chat_ids:
            queries.register_chat(
                session,
                chat_id,
                chat_type="private" if chat_id > 0 else "supergroup",
                title=str(chat_id),
                thread_id=None,
                default_tickers=["MARA"],
                themes=["debt_terms"],
            )


def enqueue(engine: Engine, clock: Clock, key: str, chat_id: int, text: str = "📰 <b>news</b>") -> bool:
    with session_scope(engine) as session:
        return outbox_queries.enqueue(session, key=key, chat_id=chat_id, text=text, kind="news", not_before=clock())


def enqueue_many(engine: Engine, clock: Clock, pairs: Iterable[tuple[str, int]]) -> None:
    for key, chat_id in pairs:
        assert enqueue(engine, clock, key, chat_id)


def rows(engine: Engine) -> dict[str, Outbox]:
    with session_scope(engine) as session:
        return {row.idempotency_key: row for row in session.exec(select(Outbox).order_by(Outbox.id))}


def status(engine: Engine) -> dict[str, str]:
    return {key: row.status for key, row in rows(engine).items()}


def chat(engine: Engine, chat_id: int) -> Chat:
    with session_scope(engine) as session:
        found = session.get(Chat, chat_id)
        assert found is not None
        return found


@pytest.fixture
def setup(engine: Engine, clock: Clock) -> tuple[Engine, Clock]:
    add_chats(engine, ALICE, BOB, CAROL, GROUP)
    return engine, clock


# --- enqueue and plain delivery --------------------------------------------------------------------


def test_enqueue_is_idempotent(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    assert enqueue(engine, clock, "news:1:101", ALICE, "first")
    assert not enqueue(engine, clock, "news:1:101", ALICE, "second")
    assert not enqueue(engine, clock, "news:1:101", BOB, "third")
    assert [(row.chat_id, row.text, row.status) for row in rows(engine).values()] == [(ALICE, "first", "pending")]


async def test_sends_due_rows_and_marks_them_sent(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("a1", ALICE), ("b1", BOB)])
    telegram = FakeTelegram()
    report = await Sender(engine, telegram, clock=clock, worker_id="w1").run_once()
    assert report.sent == 2 and report.retried == report.failed == report.deactivated == 0
    assert sorted(telegram.delivered) == [(ALICE, "a1"), (BOB, "b1")]
    for row in rows(engine).values():
        assert row.status == "sent" and row.attempts == 1 and row.sent_at == clock()
        assert row.telegram_message_id is not None and row.claimed_by == "w1" and row.last_error is None
    clock.advance(seconds=10)
    assert (await Sender(engine, telegram, clock=clock).run_once()).sent == 0
    assert len(telegram.attempts) == 2


async def test_rows_not_yet_due_wait(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    with session_scope(engine) as session:
        outbox_queries.enqueue(
            session, key="later", chat_id=ALICE, text="t", kind="news", not_before=clock() + timedelta(minutes=1)
        )
    telegram = FakeTelegram()
    sender = Sender(engine, telegram, clock=clock)
    await sender.run_once()
    assert telegram.attempts == []
    clock.advance(minutes=1)
    await sender.run_once()
    assert telegram.delivered == [(ALICE, "later")]


# --- per-chat pacing -------------------------------------------------------------------------------


async def test_one_message_per_chat_per_claim(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("a1", ALICE), ("a2", ALICE), ("a3", ALICE), ("b1", BOB)])
    telegram = FakeTelegram()
    sender = Sender(engine, telegram, clock=clock)
    await sender.run_once()
    assert sorted(telegram.delivered) == [(ALICE, "a1"), (BOB, "b1")]
    left = rows(engine)
    for key in ("a2", "a3"):  # handed back unchanged, not counted as an attempt
        assert left[key].status == "pending" and left[key].attempts == 0 and left[key].claimed_by is None

    clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S / 2)
    await sender.run_once()
    assert len(telegram.delivered) == 2  # Alice's interval has not passed
    clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S / 2)
    await sender.run_once()
    assert telegram.delivered[-1] == (ALICE, "a2") and len(telegram.delivered) == 3
    clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S)
    await sender.run_once()
    assert telegram.delivered[-1] == (ALICE, "a3")
    assert set(status(engine).values()) == {"sent"}


async def test_groups_are_paced_slower_than_private_chats(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("g1", GROUP), ("g2", GROUP), ("a1", ALICE), ("a2", ALICE)])
    telegram = FakeTelegram()
    sender = Sender(engine, telegram, clock=clock)
    await sender.run_once()
    clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S)
    await sender.run_once()
    assert [key for _, key in telegram.delivered if key.startswith("g")] == ["g1"]
    assert (ALICE, "a2") in telegram.delivered
    clock.advance(seconds=GROUP_CHAT_INTERVAL_S - PRIVATE_CHAT_INTERVAL_S)
    await sender.run_once()
    assert telegram.delivered[-1] == (GROUP, "g2")


async def test_batch_limit_hands_extra_chats_back_then_drains_them(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("a1", ALICE), ("b1", BOB), ("c1", CAROL)])
    telegram = FakeTelegram()
    report = await Sender(engine, telegram, batch=2, clock=clock).run_once()
    assert report.sent == 3  # a full batch makes the drain loop claim again
    assert {row.attempts for row in rows(engine).values()} == {1}


# --- Telegram errors -------------------------------------------------------------------------------


async def test_retry_after_reschedules_that_chat_only(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("a1", ALICE), ("a2", ALICE), ("b1", BOB)])
    telegram = FakeTelegram(script={ALICE: [RetryAfter(5)]})
    sender = Sender(engine, telegram, clock=clock)
    start = clock()
    report = await sender.run_once()
    assert report.retried == 1 and report.sent == 1
    row = rows(engine)["a1"]
    assert row.status == "pending" and row.next_attempt_at == start + timedelta(seconds=5)
    assert row.last_error is not None and "429" in row.last_error

    clock.advance(seconds=4)
    await sender.run_once()
    assert [chat_id for chat_id, _ in telegram.attempts].count(ALICE) == 1  # waits out retry_after, a2 too
    clock.advance(seconds=1)
    await sender.run_once()
    assert telegram.delivered[-1] == (ALICE, "a1")
    clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S)
    await sender.run_once()
    assert telegram.delivered[-1] == (ALICE, "a2")
    assert set(status(engine).values()) == {"sent"}


async def test_retry_after_as_timedelta(setup: tuple[Engine, Clock], monkeypatch: pytest.MonkeyPatch) -> None:
    engine, clock = setup
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # the type python-telegram-bot's next major version returns
    enqueue(engine, clock, "a1", ALICE)
    telegram = FakeTelegram(script={ALICE: [RetryAfter(timedelta(seconds=7))]})
    await Sender(engine, telegram, clock=clock).run_once()
    assert rows(engine)["a1"].next_attempt_at == clock() + timedelta(seconds=7)


async def test_repeated_retry_after_never_fails_the_message(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue(engine, clock, "a1", ALICE)
    telegram = FakeTelegram(script={ALICE: [RetryAfter(3)] * (MAX_ATTEMPTS + 2)})
    sender = Sender(engine, telegram, clock=clock)
    for _ in range(MAX_ATTEMPTS + 3):
        await sender.run_once()
        clock.advance(seconds=3)
    assert status(engine) == {"a1": "sent"}
    assert len(telegram.attempts) == MAX_ATTEMPTS + 3


@pytest.mark.parametrize(
    "error",
    [Forbidden("Forbidden: bot was blocked by the user"), BadRequest("Bad Request: chat not found")],
    ids=["403-blocked", "400-chat-not-found"],
)
async def test_gone_chat_is_deactivated_and_its_pending_rows_dropped(
    setup: tuple[Engine, Clock], error: Exception
) -> None:
    engine, clock = setup
    enqueue(engine, clock, "a0", ALICE)
    telegram = FakeTelegram(script={ALICE: [None, error]})
    sender = Sender(engine, telegram, clock=clock)
    await sender.run_once()  # a0 reaches Alice before she blocks the bot
    clock.advance(seconds=5)
    enqueue_many(engine, clock, [("a1", ALICE), ("a2", ALICE), ("a3", ALICE), ("b1", BOB)])
    report = await sender.run_once()
    assert report.deactivated == 1 and report.sent == 1
    assert status(engine) == {"a0": "sent", "a1": "dropped", "a2": "dropped", "a3": "dropped", "b1": "sent"}
    gone = chat(engine, ALICE)
    assert not gone.active and gone.deactivated_reason is not None
    assert str(error) in gone.deactivated_reason
    assert chat(engine, BOB).active

    attempts = len(telegram.attempts)
    clock.advance(minutes=10)
    enqueue(engine, clock, "b2", BOB)
    await sender.run_once()
    assert len(telegram.attempts) == attempts + 1 and telegram.attempts[-1] == (BOB, "b2")
    with session_scope(engine) as session:
        assert sorted(c.id for c in queries.chats_watching(session, ["MARA"])) == sorted([BOB, CAROL, GROUP])


async def test_unparsable_message_is_queued_again_as_plain_text_without_touching_the_chat(
    setup: tuple[Engine, Clock],
) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("bad", ALICE), ("good", ALICE)])
    error = BadRequest('Bad Request: can\'t parse entities: Unsupported start tag "blink" at byte offset 3')
    telegram = FakeTelegram(script={ALICE: [error]})
    sender = Sender(engine, telegram, clock=clock)
    report = await sender.run_once()
    assert report.failed == 0 and report.retried == 1 and report.deactivated == 0
    bad = rows(engine)["bad"]
    assert bad.status == "split" and bad.last_error is not None and "can't parse entities" in bad.last_error.lower()
    assert rows(engine)["bad/1"].text == "📰 news"  # the words, without the markup Telegram refused
    assert chat(engine, ALICE).active
    for _ in range(2):
        clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S)
        await sender.run_once()
    assert status(engine) == {"bad": "split", "good": "sent", "bad/1": "sent"}
    assert telegram.attempts.count((ALICE, "bad")) == 1  # a 400 is never retried as it was
    assert telegram.delivered == [(ALICE, "good"), (ALICE, "bad/1")]


async def test_plain_text_telegram_cannot_parse_fails_without_touching_the_chat(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue(engine, clock, "bad", ALICE, text="no markup at all")
    telegram = FakeTelegram(always={ALICE: BadRequest("Bad Request: can't parse entities: something new")})
    report = await Sender(engine, telegram, clock=clock).run_once()
    assert report.failed == 1 and status(engine) == {"bad": "failed"}  # nothing else to try
    assert chat(engine, ALICE).active and telegram.attempts == [(ALICE, "bad")]


async def test_migrated_group_moves_to_its_new_id_with_its_settings(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    new_id = -1009999
    with session_scope(engine) as session:
        queries.add_watches(session, GROUP, ["CIFR"])
    enqueue_many(engine, clock, [("g1", GROUP), ("g2", GROUP)])
    telegram = FakeTelegram(script={GROUP: [ChatMigrated(new_id)]})
    sender = Sender(engine, telegram, clock=clock)
    report = await sender.run_once()
    assert report.retried == 1 and report.failed == 0
    assert not chat(engine, GROUP).active and chat(engine, new_id).active
    assert chat(engine, new_id).themes == ["debt_terms"]  # the group's settings came along
    with session_scope(engine) as session:
        assert queries.watchlist(session, new_id) == ["CIFR", "MARA"]
    for _ in range(4):
        clock.advance(seconds=GROUP_CHAT_INTERVAL_S)
        await sender.run_once()
    assert telegram.delivered == [(new_id, "g1"), (new_id, "g2")]  # in order, each once
    assert status(engine) == {"g1": "sent", "g2": "sent"}


async def test_graceful_stop_finishes_claimed_rows_and_claims_no_more(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("a1", ALICE), ("b1", BOB)])
    release = asyncio.Event()

    class SlowTelegram(FakeTelegram):
        in_flight = 0

        async def send(self, row: Outbox) -> int:
            self.in_flight += 1
            await release.wait()
            return await super().send(row)

    telegram = SlowTelegram()
    sender = Sender(engine, telegram, clock=clock)
    running = asyncio.create_task(sender.run_once())
    await until(lambda: telegram.in_flight == 2, timeout=30)  # both rows claimed and in flight
    draining = asyncio.create_task(sender.drain(timeout=30))
    await asyncio.sleep(0.05)
    assert not draining.done()  # waits for the messages already claimed (they cannot finish before release)
    enqueue(engine, clock, "a2", ALICE)
    release.set()
    await draining
    await running
    assert status(engine) == {"a1": "sent", "b1": "sent", "a2": "pending"}  # sent, and nothing new claimed


async def test_timeouts_and_5xx_retry_with_growing_backoff(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("a1", ALICE), ("b1", BOB)])
    telegram = FakeTelegram(script={ALICE: [TimedOut(), NetworkError("Bad Gateway")]})
    sender = Sender(engine, telegram, clock=clock)

    report = await sender.run_once()
    assert report.retried == 1 and report.sent == 1
    first = rows(engine)["a1"]
    assert first.status == "pending" and first.attempts == 1
    assert first.next_attempt_at == clock() + timedelta(seconds=RETRY_BASE_S)
    assert first.last_error is not None and "TimedOut" in first.last_error

    clock.advance(seconds=RETRY_BASE_S)
    await sender.run_once()
    second = rows(engine)["a1"]
    assert second.status == "pending" and second.attempts == 2
    assert second.next_attempt_at == clock() + timedelta(seconds=2 * RETRY_BASE_S)
    assert second.last_error is not None and "Bad Gateway" in second.last_error

    clock.advance(seconds=2 * RETRY_BASE_S - 0.5)
    await sender.run_once()
    assert rows(engine)["a1"].status == "pending"  # not due yet
    clock.advance(seconds=0.5)
    await sender.run_once()
    done = rows(engine)["a1"]
    assert done.status == "sent" and done.attempts == 3 and done.last_error is None
    assert telegram.attempts.count((ALICE, "a1")) == 3


async def test_gives_up_after_max_attempts(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue(engine, clock, "a1", ALICE)
    telegram = FakeTelegram(always={ALICE: TimedOut()})
    sender = Sender(engine, telegram, clock=clock)
    delays = []
    for _ in range(MAX_ATTEMPTS - 1):
        report = await sender.run_once()
        assert report.retried == 1
        row = rows(engine)["a1"]
        delays.append((row.next_attempt_at - clock()).total_seconds())
        clock.advance(seconds=delays[-1])
    assert delays == sorted(delays) and delays[0] == RETRY_BASE_S and max(delays) <= RETRY_CAP_S
    report = await sender.run_once()
    assert report.failed == 1 and report.retried == 0
    row = rows(engine)["a1"]
    assert row.status == "failed" and row.attempts == MAX_ATTEMPTS
    clock.advance(hours=1)
    await sender.run_once()
    assert len(telegram.attempts) == MAX_ATTEMPTS
    assert chat(engine, ALICE).active  # timeouts are our problem, not the chat's


# --- crash recovery and restarts -------------------------------------------------------------------


async def test_recover_marks_in_flight_rows_unknown_and_never_resends_them(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("a1", ALICE), ("b1", BOB)])
    with session_scope(engine) as session:  # a worker claims a1, posts it to Telegram, and is killed
        claimed = outbox_queries.claim_outbox(session, "dead-host:4242", clock(), 1)
        assert outbox_queries.mark_sending(session, claimed[0].id, "dead-host:4242")
    assert [row.idempotency_key for row in claimed] == ["a1"]
    assert status(engine) == {"a1": "sending", "b1": "pending"}

    clock.advance(minutes=3)  # the restart
    telegram = FakeTelegram()
    sender = Sender(engine, telegram, clock=clock)
    assert sender.recover() == 1
    await sender.run_once()
    clock.advance(minutes=10)
    await Sender(engine, telegram, clock=clock).run_once()
    assert telegram.attempts == [(BOB, "b1")]
    a1 = rows(engine)["a1"]
    assert a1.status == "unknown" and a1.last_error is not None and a1.sent_at is None
    assert sender.recover() == 0


async def test_rows_claimed_but_not_yet_sent_go_back_to_the_queue_after_a_kill(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("a1", ALICE), ("b1", BOB)])
    with session_scope(engine) as session:  # a worker claims both and is killed while they wait for their turn
        assert len(outbox_queries.claim_outbox(session, "dead-host:4242", clock(), 10)) == 2
    assert status(engine) == {"a1": "claimed", "b1": "claimed"}
    clock.advance(minutes=3)
    telegram = FakeTelegram()
    sender = Sender(engine, telegram, clock=clock)
    assert sender.recover() == 0  # nothing in doubt
    await sender.run_once()
    assert sorted(telegram.delivered) == [(ALICE, "a1"), (BOB, "b1")]
    assert status(engine) == {"a1": "sent", "b1": "sent"}


async def test_cancelled_send_is_left_in_flight_then_recovered_as_unknown(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue(engine, clock, "a1", ALICE)
    dying = FakeTelegram(script={ALICE: [asyncio.CancelledError()]})  # the process dies during the request
    with pytest.raises(asyncio.CancelledError):
        await Sender(engine, dying, clock=clock).run_once()
    assert status(engine) == {"a1": "sending"}

    clock.advance(minutes=3)
    telegram = FakeTelegram()
    restarted = Sender(engine, telegram, clock=clock)
    assert restarted.recover() == 1
    await restarted.run_once()
    assert telegram.attempts == [] and status(engine) == {"a1": "unknown"}


async def test_sqlite_recover_does_not_wait_for_the_stale_window(sqlite_engine: Engine, clock: Clock) -> None:
    add_chats(sqlite_engine, ALICE)
    enqueue(sqlite_engine, clock, "a1", ALICE)
    with session_scope(sqlite_engine) as session:
        claimed = outbox_queries.claim_outbox(session, "dead-host:1", clock(), 10)
        outbox_queries.mark_sending(session, claimed[0].id, "dead-host:1")
    clock.advance(seconds=1)  # one process owns a SQLite file: any "sending" row is from a previous run
    assert Sender(sqlite_engine, FakeTelegram(), clock=clock).recover() == 1
    assert status(sqlite_engine) == {"a1": "unknown"}


async def test_sent_rows_are_never_sent_again_after_a_restart(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    pairs = [(f"news:{n}:{chat_id}", chat_id) for n in range(3) for chat_id in (ALICE, BOB, GROUP)]
    enqueue_many(engine, clock, pairs)
    first = FakeTelegram()
    sender = Sender(engine, first, clock=clock)
    for _ in range(3):
        await sender.run_once()
        clock.advance(seconds=GROUP_CHAT_INTERVAL_S)
    assert sorted(first.delivered) == sorted((chat_id, key) for key, chat_id in pairs)

    second = FakeTelegram()
    restarted = Sender(engine, second, clock=clock)
    assert restarted.recover() == 0
    for key, chat_id in pairs:  # the pipeline re-queues the same items after its own restart
        assert not enqueue(engine, clock, key, chat_id)
    for _ in range(3):
        clock.advance(minutes=5)
        await restarted.run_once()
    assert second.attempts == []
    assert set(status(engine).values()) == {"sent"} and len(status(engine)) == len(pairs)


async def test_deleted_forum_topic_falls_back_to_the_chat(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    with session_scope(engine) as session:
        group = session.get(Chat, GROUP)
        assert group is not None
        group.thread_id = 77
        session.add(group)
        outbox_queries.enqueue(
            session, key="t1", chat_id=GROUP, text="x", kind="news", thread_id=77, not_before=clock()
        )
        outbox_queries.enqueue(
            session, key="t2", chat_id=GROUP, text="y", kind="news", thread_id=77, not_before=clock()
        )
    telegram = FakeTelegram(script={GROUP: [BadRequest("Bad Request: message thread not found")]})
    sender = Sender(engine, telegram, clock=clock)
    await sender.run_once()
    for _ in range(3):
        clock.advance(seconds=GROUP_CHAT_INTERVAL_S)
        await sender.run_once()
    assert telegram.delivered == [(GROUP, "t1"), (GROUP, "t2")]
    assert chat(engine, GROUP).thread_id is None and chat(engine, GROUP).active
    assert all(row.thread_id is None for row in rows(engine).values())


async def test_no_rights_to_post_waits_and_retries_without_deactivating_the_chat(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue_many(engine, clock, [("g1", GROUP), ("a1", ALICE)])
    refused = BadRequest("Bad Request: have no rights to send a message")
    telegram = FakeTelegram(script={GROUP: [refused, refused, None]})
    sender = Sender(engine, telegram, clock=clock)
    report = await sender.run_once()
    assert report.deactivated == 0 and report.retried == 1 and report.sent == 1
    assert status(engine) == {"g1": "pending", "a1": "sent"}
    assert chat(engine, GROUP).active  # settings, watchlist and queue kept
    first = rows(engine)["g1"].next_attempt_at
    assert first == clock() + timedelta(seconds=RIGHTS_RETRY_FIRST_S)
    enqueue(engine, clock, "g2", GROUP)
    clock.advance(seconds=RIGHTS_RETRY_FIRST_S - 1)
    await sender.run_once()
    assert status(engine)["g2"] == "pending"  # the whole chat waits, not only the refused row
    clock.advance(seconds=1)
    await sender.run_once()
    assert rows(engine)["g1"].next_attempt_at == clock() + timedelta(seconds=2 * RIGHTS_RETRY_FIRST_S)  # doubling
    clock.advance(seconds=2 * RIGHTS_RETRY_FIRST_S)
    for _ in range(3):
        await sender.run_once()
        clock.advance(seconds=GROUP_CHAT_INTERVAL_S)
    assert status(engine) == {"g1": "sent", "a1": "sent", "g2": "sent"}


def _fail_once(engine: Engine, marker: str) -> list[str]:
    """Make the first statement containing `marker` fail as a locked SQLite database does; returns a log."""
    failed: list[str] = []

    def before(conn: object, cursor: object, statement: str, *args: object) -> None:
        if marker in statement and not failed:
            failed.append(statement)
            raise sqlite3.OperationalError("database is locked")

    event.listen(engine, "before_cursor_execute", before)
    return failed


async def test_a_database_error_when_marking_sending_requeues_the_row(sqlite_engine: Engine, clock: Clock) -> None:
    engine = sqlite_engine
    add_chats(engine, ALICE)
    enqueue(engine, clock, "a1", ALICE)
    failed = _fail_once(engine, "AND outbox.claimed_by = ?")  # claimed → sending
    telegram = FakeTelegram()
    sender = Sender(engine, telegram, clock=clock)
    await sender.run_once()
    assert failed and telegram.attempts == []  # nothing went out
    assert status(engine) == {"a1": "pending"}
    clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S)
    await sender.run_once()
    assert status(engine) == {"a1": "sent"} and telegram.delivered == [(ALICE, "a1")]


async def test_a_claim_left_by_a_lost_worker_returns_to_the_queue_on_sqlite(
    sqlite_engine: Engine, clock: Clock
) -> None:
    """Not only on PostgreSQL: a claim that is never sent (its worker lost it) does not stop the chat for good."""
    engine = sqlite_engine
    add_chats(engine, ALICE)
    enqueue(engine, clock, "a1", ALICE)
    with session_scope(engine) as session:
        assert len(outbox_queries.claim_outbox(session, "vanished-worker", clock(), 10)) == 1
    telegram = FakeTelegram()
    sender = Sender(engine, telegram, clock=clock)
    await sender.run_once()
    assert status(engine) == {"a1": "claimed"}  # still young: its worker may be about to send it
    clock.advance(seconds=STALE_CLAIMED_AFTER.total_seconds() + 1)
    await sender.run_once()
    assert status(engine) == {"a1": "sent"} and telegram.delivered == [(ALICE, "a1")]


async def test_the_sender_waits_on_a_stalled_database_off_the_event_loop(sqlite_engine: Engine, clock: Clock) -> None:
    engine = sqlite_engine
    add_chats(engine, ALICE)
    enqueue(engine, clock, "a1", ALICE)
    release, stalled = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def stall_once(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "AND outbox.claimed_by = ?" in statement and not stalled.is_set():  # claimed → sending
            stalled.set()
            seen["on_loop_thread"] = threading.current_thread() is threading.main_thread()
            seen["released"] = release.wait(timeout=15)

    event.listen(engine, "before_cursor_execute", stall_once)
    telegram = FakeTelegram()
    sending = asyncio.create_task(Sender(engine, telegram, clock=clock).run_once())
    try:
        while not stalled.is_set():
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)  # the loop runs on while the statement hangs
        release.set()
        await sending
    finally:
        release.set()
    assert seen == {"on_loop_thread": False, "released": True}
    assert telegram.delivered == [(ALICE, "a1")]
