"""Telegram's broadcast limits as leaky buckets, so the Bot API double can answer 429 where Telegram would.

Telegram documents the limits loosely (core.telegram.org/bots/faq "My bot is hitting limits"): about 30
messages per second overall, about one per second in a single chat with short bursts allowed, and at most 20
per minute in a group. Each limit here is a bucket of `burst` messages that drains at `per_second`; a message
is accepted only when every bucket it touches has room, and the 429 says how long until they all do.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

#: Overall: ~30 messages a second (the same bucket shape PTB's AIORateLimiter keeps on its side).
GLOBAL_PER_SECOND = 30.0
GLOBAL_BURST = 30
#: One chat: ~1 message a second, a few in a burst.
CHAT_PER_SECOND = 1.0
CHAT_BURST = 3
#: One group or channel: 20 messages a minute.
GROUP_PER_MINUTE = 20
GROUP_BURST = 20


@dataclass(frozen=True)
class FloodLimits:
    """The limits the double enforces; change them to test a sender against a stricter or looser server."""

    global_per_second: float = GLOBAL_PER_SECOND
    global_burst: int = GLOBAL_BURST
    chat_per_second: float = CHAT_PER_SECOND
    chat_burst: int = CHAT_BURST
    group_per_minute: float = GROUP_PER_MINUTE
    group_burst: int = GROUP_BURST


@dataclass
class LeakyBucket:
    """Holds up to `capacity` messages and drains `per_second`; a message fits when a whole slot is free."""

    capacity: float
    per_second: float
    level: float = 0.0
    updated: float = 0.0

    def _drain(self, now: float) -> None:
        self.level = max(0.0, self.level - (now - self.updated) * self.per_second)
        self.updated = now

    def wait(self, now: float) -> float:
        """Seconds until one more message fits (0 when it fits now)."""
        self._drain(now)
        return max(0.0, (self.level + 1 - self.capacity) / self.per_second)

    def take(self, now: float) -> None:
        self._drain(now)
        self.level += 1


def is_group_chat(chat_id: int) -> bool:
    """Groups, supergroups and channels have negative ids; private chats positive ones."""
    return chat_id < 0


@dataclass
class FloodControl:
    """Decides, per outgoing message, whether Telegram would accept it now; counts the refusals by limit."""

    limits: FloodLimits = field(default_factory=FloodLimits)
    clock: Callable[[], float] = time.monotonic
    refused: Counter[str] = field(default_factory=Counter)
    _global: LeakyBucket | None = None
    _chats: dict[int, LeakyBucket] = field(default_factory=dict)
    _groups: dict[int, LeakyBucket] = field(default_factory=dict)

    def _buckets(self, chat_id: int) -> list[tuple[str, LeakyBucket]]:
        limits = self.limits
        if self._global is None:
            self._global = LeakyBucket(limits.global_burst, limits.global_per_second, updated=self.clock())
        chat = self._chats.setdefault(
            chat_id, LeakyBucket(limits.chat_burst, limits.chat_per_second, updated=self.clock())
        )
        buckets = [("global", self._global), ("chat", chat)]
        if is_group_chat(chat_id):
            group = self._groups.setdefault(
                chat_id, LeakyBucket(limits.group_burst, limits.group_per_minute / 60.0, updated=self.clock())
            )
            buckets.append(("group", group))
        return buckets

    def admit(self, chat_id: int) -> int:
        """0 if a message to `chat_id` is accepted now (and counted), else the retry_after Telegram would send."""
        now = self.clock()
        buckets = self._buckets(chat_id)
        waits = [(bucket.wait(now), name) for name, bucket in buckets]
        longest, name = max(waits)
        if longest > 0:
            self.refused[name] += 1
            return max(1, math.ceil(longest))
        for _, bucket in buckets:
            bucket.take(now)
        return 0

    def reset(self) -> None:
        self._global = None
        self._chats.clear()
        self._groups.clear()
        self.refused.clear()
