"""Per-chat command limits: a chat that floods the bot gets a few answers and one "slow down", not a reply per
command (every reply is a message under Telegram's 30/s for the whole bot); expensive commands have a cooldown.

Pure: no telegram import, no I/O; the clock is injected (monotonic seconds).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

#: Commands a chat may send in a burst before it has to wait (setting up a chat takes about seven) ...
COMMAND_BURST = 7
#: ... and then one more every this many seconds: a 40-command flood gets at most 10 answers in 30 s.
COMMAND_REFILL_S = 12.0
#: Expensive commands: the same request (command and arguments) at most once per chat per this many seconds
#: (key: the command, or "command first-argument").
COOLDOWNS_S: dict[str, float] = {
    "digest now": 300.0,
    "status": 10.0,
    "converts": 10.0,
    "filings": 10.0,
    "news": 10.0,
    "deals": 10.0,
    "chart": 10.0,
}
#: Chats whose buckets are kept; idle ones are forgotten first.
MAX_TRACKED_CHATS = 50_000


@dataclass(frozen=True)
class Verdict:
    """What to do with one command: run it, or not (with a notice to send, or silently)."""

    allowed: bool
    notice: str | None = None  # "flood" or "cooldown", sent once per stretch of waiting
    wait_s: int = 0
    command: str = ""


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class CommandLimiter:
    """A token bucket per chat for all commands, plus a per-chat cooldown for the expensive ones."""

    def __init__(
        self,
        burst: int = COMMAND_BURST,
        refill_s: float = COMMAND_REFILL_S,
        cooldowns_s: dict[str, float] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.refill_s = refill_s
        self.cooldowns_s = COOLDOWNS_S if cooldowns_s is None else cooldowns_s
        self.clock = clock
        self._buckets: dict[int, _Bucket] = {}
        self._last_run: dict[tuple[int, str], float] = {}
        self._cooldown_warned: set[tuple[int, str]] = set()

    def check(self, chat_id: int, command: str, args: list[str] | tuple[str, ...] = ()) -> Verdict:
        """Decide on one command of `chat_id`; an allowed command is counted."""
        now = self.clock()
        bucket = self._bucket(chat_id, now)
        if bucket.tokens < 1.0:
            wait = math.ceil((1.0 - bucket.tokens) * self.refill_s)
            if bucket.warned:
                return Verdict(False, wait_s=wait, command=command)
            bucket.warned = True
            return Verdict(False, notice="flood", wait_s=wait, command=command)
        rule = self._cooldown_rule(command, args)
        if rule is not None:
            # the same request again (/status MARA twice) waits; another one (/status CIFR) does not
            key = " ".join([command, *(arg.lower() for arg in args)])
            last = self._last_run.get((chat_id, key))
            cooldown = self.cooldowns_s[rule]
            if last is not None and now - last < cooldown:
                bucket.tokens -= 1.0  # a refused command still counts against the flood limit
                wait = math.ceil(cooldown - (now - last))
                if (chat_id, key) in self._cooldown_warned:
                    return Verdict(False, wait_s=wait, command=key)
                self._cooldown_warned.add((chat_id, key))
                return Verdict(False, notice="cooldown", wait_s=wait, command=key)
            self._last_run[(chat_id, key)] = now
            self._cooldown_warned.discard((chat_id, key))
        bucket.tokens -= 1.0
        return Verdict(True, command=command)

    def _cooldown_rule(self, command: str, args: list[str] | tuple[str, ...]) -> str | None:
        with_arg = f"{command} {args[0].lower()}" if args else command
        if with_arg in self.cooldowns_s:
            return with_arg
        return command if command in self.cooldowns_s else None

    def _bucket(self, chat_id: int, now: float) -> _Bucket:
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            if len(self._buckets) >= MAX_TRACKED_CHATS:
                self._forget_idle(now)
            bucket = self._buckets[chat_id] = _Bucket(tokens=float(self.burst), updated=now)
            return bucket
        refilled = bucket.tokens + (now - bucket.updated) / self.refill_s
        bucket.tokens, bucket.updated = min(float(self.burst), refilled), now
        if bucket.tokens >= self.burst:  # quiet long enough to be full again: a new flood is told again
            bucket.warned = False
        return bucket

    def _forget_idle(self, now: float) -> None:
        """Drop the buckets that are full again (their chats have been quiet for a while)."""
        full_after = self.burst * self.refill_s
        for chat_id in [c for c, b in self._buckets.items() if now - b.updated >= full_after]:
            del self._buckets[chat_id]
        if len(self._buckets) >= MAX_TRACKED_CHATS:  # everyone is busy: forget the oldest half
            for chat_id in sorted(self._buckets, key=lambda c: self._buckets[c].updated)[: MAX_TRACKED_CHATS // 2]:
                del self._buckets[chat_id]
        longest = max(self.cooldowns_s.values(), default=0.0)
        stale = [key for key, at in self._last_run.items() if now - at >= longest]
        for key in stale:
            del self._last_run[key]
            self._cooldown_warned.discard(key)
