"""Per-chat command limits: the token bucket and the cooldowns (pure, on a hand-moved clock), and a 40-command
flood through the Bot API double."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import select

from bot.handlers.common import wait_text
from bot.handlers.flood import CommandLimiter
from store.db import session_scope
from store.models import Outbox
from tests.test_e2e_news import running_bot


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_one_notice_then_silence_until_the_bucket_refills() -> None:
    clock = Ticks()
    limiter = CommandLimiter(burst=5, refill_s=10.0, cooldowns_s={}, clock=clock)
    verdicts = [limiter.check(1, "watchlist") for _ in range(8)]
    assert [v.allowed for v in verdicts] == [True] * 5 + [False] * 3
    assert [v.notice for v in verdicts[5:]] == ["flood", None, None]
    assert verdicts[5].wait_s == 10
    assert limiter.check(2, "watchlist").allowed  # another chat is not affected
    clock.now += 9.9
    assert not limiter.check(1, "watchlist").allowed
    clock.now += 0.1
    assert limiter.check(1, "watchlist").allowed  # one token back after exactly one refill interval
    assert limiter.check(1, "watchlist").notice is None  # still the same flood: told once
    clock.now += 50.0
    assert all(limiter.check(1, "watchlist").allowed for _ in range(5))  # quiet long enough: a full burst
    assert limiter.check(1, "watchlist").notice == "flood"  # a new flood is told again


def test_the_same_expensive_request_waits_for_its_cooldown_another_does_not() -> None:
    clock = Ticks()
    limiter = CommandLimiter(burst=100, refill_s=1.0, cooldowns_s={"digest now": 300.0, "status": 10.0}, clock=clock)
    assert limiter.check(1, "digest", ["now"]).allowed
    again = limiter.check(1, "digest", ["now"])
    assert (again.allowed, again.notice, again.wait_s, again.command) == (False, "cooldown", 300, "digest now")
    assert limiter.check(1, "digest", ["daily", "08:00"]).allowed  # not the expensive form
    assert limiter.check(1, "digest", ["now"]).notice is None  # told once per cooldown
    assert limiter.check(1, "status", ["MARA"]).allowed
    assert limiter.check(1, "status", ["CIFR"]).allowed  # a different card
    assert not limiter.check(1, "status", ["mara"]).allowed  # the same card, however spelled
    clock.now += 299.0
    assert not limiter.check(1, "digest", ["now"]).allowed
    clock.now += 1.0
    assert limiter.check(1, "digest", ["now"]).allowed  # exactly at the end of the cooldown


def test_refused_cooldown_requests_count_against_the_flood_limit() -> None:
    limiter = CommandLimiter(burst=3, refill_s=10.0, cooldowns_s={"status": 10.0}, clock=Ticks())
    results = [limiter.check(1, "status", ["MARA"]) for _ in range(5)]
    assert [r.notice for r in results] == [None, "cooldown", None, "flood", None]


@pytest.mark.parametrize(("seconds", "text"), [(0, "1 s"), (20, "20 s"), (60, "1 min"), (270, "4 min 30 s")])
def test_wait_text(seconds: int, text: str) -> None:
    assert wait_text(seconds) == text


async def test_a_40_command_flood_gets_a_few_answers_and_one_slow_down(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as (api, runtime):
        flooder, bystander = 4040, 5050
        api.push_text(flooder, flooder, "/start")
        api.push_text(bystander, bystander, "/start")
        await api.wait_for_messages(2)
        for _ in range(40):
            api.push_text(flooder, flooder, "/digest now")
        api.push_text(bystander, bystander, "/watchlist")
        await api.wait_for_messages(5, timeout=20)  # "on its way", the digest, "slow down", the bystander
        await asyncio.sleep(3)  # let anything else that would come arrive
        to_flooder = [m.plain_text for m in api.sent if m.chat_id == flooder]
        assert len(to_flooder) <= 10
        assert sum("Slow down" in text for text in to_flooder) == 1
        assert sum("was answered a moment ago" in text for text in to_flooder) == 1
        assert any(m.chat_id == bystander and m.plain_text.startswith("Your watchlist") for m in api.sent)
        with session_scope(runtime.engine) as session:
            digests = session.exec(select(Outbox).where(Outbox.chat_id == flooder, Outbox.kind == "digest")).all()
        assert len(digests) == 1


def test_with_the_default_limits_any_40_command_flood_gets_at_most_10_messages_in_30_s() -> None:
    for command, args in (("watchlist", []), ("digest", ["now"]), ("status", ["MARA"])):
        clock = Ticks()
        limiter = CommandLimiter(clock=clock)
        messages = 0
        for _ in range(40):  # spread over 30 s
            verdict = limiter.check(1, command, args)
            messages += verdict.allowed or verdict.notice is not None
            clock.now += 30 / 40
        assert messages <= 10, command


async def test_a_stalled_database_does_not_stall_the_event_loop(tmp_path: Path) -> None:
    """A command's store access waits on a worker thread: while one statement hangs (a PostgreSQL that drops
    packets, a SQLite lock), the event loop keeps polling and sending for everyone else."""
    async with running_bot(tmp_path) as (api, runtime):
        api.push_text(6060, 6060, "/start")
        await api.wait_for_messages(1)
        release = threading.Event()
        stalled = threading.Event()
        seen: dict[str, object] = {}
        ticks = 0

        def stall_once(conn: object, cursor: object, statement: str, *args: object) -> None:
            if "FROM watch" in statement and not stalled.is_set():
                stalled.set()
                seen["loop_thread"] = threading.current_thread() is threading.main_thread()
                seen["released_in_time"] = release.wait(timeout=15)

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        event.listen(runtime.engine, "before_cursor_execute", stall_once)
        counting = asyncio.create_task(ticker())
        try:
            api.push_text(6060, 6060, "/watchlist")
            while not stalled.is_set():
                await asyncio.sleep(0.01)
            before = ticks
            while ticks < before + 20:  # the loop runs on while the statement hangs
                await asyncio.sleep(0.01)
            release.set()
            reply = (await api.wait_for_messages(2, timeout=20))[1]
        finally:
            release.set()
            counting.cancel()
            event.remove(runtime.engine, "before_cursor_execute", stall_once)
        assert seen == {"loop_thread": False, "released_in_time": True}
        assert reply.plain_text.startswith("Your watchlist")
