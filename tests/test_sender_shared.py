"""Several sender processes, one bot token: the overall rate and the per-chat pacing hold across all of them.

Each "process" is a Sender with its own engine (its own connections) on one database. Time is virtual: the
senders' clock and sleep are a `VirtualTime` that moves only when every sender waits, so the limits are checked
against the moments the messages were handed to Telegram, not against how fast this machine is.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any, TypeVar

import pytest
from sqlalchemy.engine import Engine
from telegram import Bot
from telegram.ext import AIORateLimiter

from bot.app import SharedBudgetRateLimiter, TelegramTransport
from bot.sender import (
    GROUP_CHAT_INTERVAL_S,
    OVERALL_MESSAGES_PER_S,
    PRIVATE_CHAT_INTERVAL_S,
    SLOT_BOOKED,
    SLOT_LATE_LIMIT,
    SLOT_SPACING,
    Sender,
)
from store import pacing
from store.db import is_postgres, make_engine, migrate, session_scope
from store.models import Outbox
from tests.conftest import Clock
from tests.doubles.botapi import BotApiDouble
from tests.doubles.telegram_limits import FloodControl
from tests.test_sender import add_chats, enqueue, enqueue_many, status

#: Telegram's overall limit, messages in any one second (the double's bucket).
TELEGRAM_PER_SECOND = 30
#: Virtual time moves in steps this long; a woken sender sends within one step of its slot.
STEP = timedelta(milliseconds=5)
#: The scheduler's tick between two run_once calls of a sender.
TICK_S = 1.0
#: Event-loop turns given to woken senders before time moves on.
SETTLE_TURNS = 8
#: Generous: a test that has not delivered after this much virtual time has failed.
VIRTUAL_LIMIT = timedelta(minutes=5)
FIRST_PRIVATE = 7_000
FIRST_GROUP = -1_000_000_007_000
TOKEN = "777003:shared-budget"
T = TypeVar("T")


class VirtualTime:
    """A clock and a sleep for the senders; time advances by `STEP` only while no request is on the wire."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.busy = 0  # requests on the wire: time stands still until they are answered
        self._sleepers: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def seconds(self) -> float:
        """The same clock as a monotonic float (for the Bot API double's flood limits)."""
        return self.clock().timestamp()

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        wake_at = self.clock() + timedelta(seconds=seconds)
        heapq.heappush(self._sleepers, (wake_at, next(self._order), future))
        await future

    async def run(self, done: Callable[[], bool]) -> None:
        """Move time until `done()`; fail after VIRTUAL_LIMIT."""
        start = self.clock()
        while not done():
            assert self.clock() - start < VIRTUAL_LIMIT, "not delivered within the virtual time limit"
            for _ in range(SETTLE_TURNS):
                await asyncio.sleep(0)
            if self.busy:
                await asyncio.sleep(0.001)  # real I/O in progress (the Bot API double): let it finish
                continue
            self.clock.advance(seconds=STEP.total_seconds())
            while self._sleepers and self._sleepers[0][0] <= self.clock():
                _, _, future = heapq.heappop(self._sleepers)
                if not future.done():
                    future.set_result(None)


class RecordingTelegram:
    """Accepts every message and records (virtual second, chat, key) of each request."""

    def __init__(self, time: VirtualTime) -> None:
        self.time = time
        self.sent: list[tuple[float, int, str]] = []

    async def send(self, row: Outbox) -> int:
        self.sent.append((self.time.seconds(), row.chat_id, row.idempotency_key))
        return len(self.sent)


class CountingTransport:
    """Wraps a real transport and tells the virtual clock while a request is on the wire."""

    def __init__(self, inner: TelegramTransport, time: VirtualTime) -> None:
        self.inner = inner
        self.time = time

    async def send(self, row: Outbox) -> int | None:
        self.time.busy += 1
        try:
            return await self.inner.send(row)
        finally:
            self.time.busy -= 1


def broadcast_chats(count: int) -> list[int]:
    """`count` chats, one in ten a supergroup (like the fan-out bench)."""
    return [FIRST_GROUP - n if n % 10 == 9 else FIRST_PRIVATE + n for n in range(count)]


@pytest.fixture
def engines(db_url: str) -> Iterator[list[Engine]]:
    """Three engines on one database: three sender processes' connection pools."""
    made = [make_engine(db_url) for _ in range(3)]
    migrate(made[0])
    try:
        yield made
    finally:
        for engine in made:
            engine.dispose()


async def inline(func: Callable[..., T], /, *args: Any) -> T:
    """Store work on the event loop itself, as the virtual clock assumes."""
    return func(*args)


def senders(engines: list[Engine], transport: object, time: VirtualTime, count: int) -> list[Sender]:
    return [
        Sender(
            engine,
            transport,  # type: ignore[arg-type]
            clock=time.clock,
            sleep=time.sleep,
            worker_id=f"host-{n}:1",
            off_loop=inline,  # virtual time moves when every sender waits: store work must not run aside
        )
        for n, engine in enumerate(engines[:count])
    ]


async def run_senders(workers: list[Sender], time: VirtualTime, done: Callable[[], bool]) -> None:
    """Every sender runs its drain on each tick (as the scheduler does) until `done()`."""

    async def keep_sending(sender: Sender) -> None:
        while not done():
            await sender.run_once()
            await time.sleep(TICK_S)

    loops = [asyncio.create_task(keep_sending(sender)) for sender in workers]
    try:
        await time.run(done)
    finally:
        for task in loops:
            task.cancel()
        await asyncio.gather(*loops, return_exceptions=True)


def busiest_second(times: list[float]) -> int:
    """The most messages in any window of one second."""
    times = sorted(times)
    start, most = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def refused_by_telegram(sent: list[tuple[float, int, str]]) -> Counter[str]:
    """Replay the requests through the Bot API double's flood limits; what Telegram would have refused."""
    now = [0.0]
    flood = FloodControl(clock=lambda: now[0])
    for at, chat_id, _key in sorted(sent):
        now[0] = at
        flood.admit(chat_id)
    return flood.refused


@pytest.mark.parametrize("processes", [2, 3])
async def test_senders_on_postgres_share_the_overall_rate(engines: list[Engine], clock: Clock, processes: int) -> None:
    if not is_postgres(engines[0]):
        pytest.skip("several sender processes need PostgreSQL")
    chats = broadcast_chats(180)
    add_chats(engines[0], *chats)
    enqueue_many(engines[0], clock, [(f"broadcast:{chat_id}", chat_id) for chat_id in chats])
    time = VirtualTime(clock)
    telegram = RecordingTelegram(time)
    await run_senders(senders(engines, telegram, time, processes), time, lambda: len(telegram.sent) >= len(chats))

    keys = Counter(key for _, _, key in telegram.sent)
    assert sorted(keys) == sorted(f"broadcast:{chat_id}" for chat_id in chats)  # none lost
    assert max(keys.values()) == 1  # none twice
    assert set(status(engines[0]).values()) == {"sent"}
    times = [at for at, _, _ in telegram.sent]
    assert busiest_second(times) <= TELEGRAM_PER_SECOND
    assert refused_by_telegram(telegram.sent) == Counter()
    rate = (len(times) - 1) / (max(times) - min(times))  # virtual seconds: the rate the design allows
    assert 27 <= rate <= OVERALL_MESSAGES_PER_S + 1


async def test_chat_pacing_holds_across_processes(engines: list[Engine], clock: Clock) -> None:
    """A chat's next message waits its interval whichever process sends it (SQLite too: two Sender instances).
    The clock stands still, so a booked slot is at most a few hundredths of a second of real waiting."""
    first, second = engines[0], engines[1]
    add_chats(first, 101, -1001234567890)
    enqueue_many(first, clock, [("a1", 101), ("a2", 101), ("g1", -1001234567890), ("g2", -1001234567890)])
    telegram = RecordingTelegram(VirtualTime(clock))
    one = Sender(first, telegram, clock=clock, worker_id="host-a:1")
    other = Sender(second, telegram, clock=clock, worker_id="host-b:1")
    await asyncio.wait_for(one.run_once(), timeout=30)
    await asyncio.wait_for(other.run_once(), timeout=30)
    assert sorted(key for _, _, key in telegram.sent) == ["a1", "g1"]  # the other process saw both chats paced
    with session_scope(first) as session:
        assert pacing.chat_paced_until(session, 101) == clock() + timedelta(seconds=PRIVATE_CHAT_INTERVAL_S)
    clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S)
    await asyncio.wait_for(other.run_once(), timeout=30)
    assert [key for _, _, key in telegram.sent][-1] == "a2"
    clock.advance(seconds=GROUP_CHAT_INTERVAL_S - PRIVATE_CHAT_INTERVAL_S)
    await asyncio.wait_for(one.run_once(), timeout=30)
    assert [key for _, _, key in telegram.sent][-1] == "g2"
    assert set(status(first).values()) == {"sent"}


async def test_two_senders_through_the_bot_api_double_get_no_429(engines: list[Engine], clock: Clock) -> None:
    """The real python-telegram-bot Bot, two sender processes, the double enforcing Telegram's limits."""
    if not is_postgres(engines[0]):
        pytest.skip("several sender processes need PostgreSQL")
    chats = broadcast_chats(90)
    add_chats(engines[0], *chats)
    keys = [(f"burst:{chat_id}:{n}", chat_id) for chat_id in chats[:10] for n in range(3)]  # three in a chat
    keys += [(f"broadcast:{chat_id}", chat_id) for chat_id in chats[10:]]
    for key, chat_id in keys:
        assert enqueue(engines[0], clock, key, chat_id, text=key)
    expected = len(keys)
    time = VirtualTime(clock)
    async with BotApiDouble(token=TOKEN, enforce_limits=True, clock=time.seconds) as api:
        async with Bot(TOKEN, base_url=api.base_url) as bot:  # no in-process limiter: only the shared budget
            transport = CountingTransport(TelegramTransport(bot), time)
            await run_senders(senders(engines, transport, time, 2), time, lambda: len(api.sent) >= expected)
        assert api.too_many_requests == 0 and not api.flood.refused
        assert sorted((message.text, message.chat_id) for message in api.sent) == sorted(keys)  # each once
    assert Counter(status(engines[0]).values()) == {"sent": expected}


async def test_bot_replies_book_a_slot_after_the_senders(engine: Engine, clock: Clock) -> None:
    """The bot role's replies take their turn in the same budget; the sender's own requests are not booked twice."""
    spacing = timedelta(seconds=1 / OVERALL_MESSAGES_PER_S)
    with session_scope(engine) as session:  # a sender has booked the next second
        budget = pacing.lock_send_budget(session, clock())
        pacing.book_slots(session, budget, clock(), 29, spacing)
    waits: list[float] = []

    async def record_wait(seconds: float) -> None:
        waits.append(seconds)

    async def post(*_args: object, **_kwargs: object) -> bool:
        return True

    limiter = SharedBudgetRateLimiter(engine, AIORateLimiter(), spacing=spacing, clock=clock, sleep=record_wait)
    reply = {"chat_id": 42, "text": "/status"}
    assert await limiter.process_request(post, (), {}, "sendMessage", reply, None)
    assert waits == [pytest.approx(1.0, abs=0.001)]  # after the 29 booked slots
    token = SLOT_BOOKED.set(True)
    try:  # the sender's request: its slot was booked with its claim
        assert await limiter.process_request(post, (), {}, "sendMessage", reply, None)
    finally:
        SLOT_BOOKED.reset(token)
    assert await limiter.process_request(post, (), {}, "getChatMember", {"chat_id": 42, "user_id": 7}, None)
    assert len(waits) == 1
    with session_scope(engine) as session:
        assert pacing.lock_send_budget(session, clock()).next_slot_at == clock() + spacing * 30


async def test_a_missed_slot_is_rebooked_not_sent_late(engine: Engine, clock: Clock) -> None:
    """A sender that wakes well after its slot takes the next free one: overdue messages never go out together."""
    add_chats(engine, 101)
    enqueue(engine, clock, "a1", 101)
    with session_scope(engine) as session:  # other processes have booked the next second
        budget = pacing.lock_send_budget(session, clock())
        pacing.book_slots(session, budget, clock(), 29, SLOT_SPACING)
    booked_until = clock() + SLOT_SPACING * 29
    oversleep = SLOT_LATE_LIMIT * 3

    async def late_sleep(seconds: float) -> None:  # a busy event loop: every wake-up comes late
        clock.advance(seconds=seconds + oversleep.total_seconds())

    telegram = RecordingTelegram(VirtualTime(clock))
    sender = Sender(engine, telegram, clock=clock, sleep=late_sleep, shared_budget=True, off_loop=inline)
    await asyncio.wait_for(sender.run_once(), timeout=30)
    # its slot (booked_until) was missed by 3 × the limit; the new one is "now", after every booked slot
    assert [key for _, _, key in telegram.sent] == ["a1"]
    sent_at = telegram.sent[0][0]
    assert sent_at == (booked_until + oversleep).timestamp() == clock().timestamp()
    with session_scope(engine) as session:
        assert pacing.lock_send_budget(session, clock()).next_slot_at == clock() + SLOT_SPACING
