"""The Bot API double's update queue: ids, confirmation by offset, long polling, allowed_updates.

Telegram keeps each update until a getUpdates call with a higher offset confirms it, answers a long poll as
soon as an update exists, and ends a poll with 409 Conflict when another getUpdates call arrives meanwhile.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

#: getUpdates returns at most this many updates (and `limit` is clamped to 1..100).
MAX_UPDATES_PER_POLL = 100
#: The first update_id handed out (any positive number; Telegram's are large).
FIRST_UPDATE_ID = 100_000_001


def update_type(update: dict[str, Any]) -> str:
    """The payload key of an update ("message", "callback_query", ...)."""
    return next((key for key in update if key != "update_id"), "")


class UpdateQueue:
    """Unconfirmed updates in order; long polls wait on it, the webhook drains it."""

    def __init__(self, on_change: Callable[[], None] = lambda: None) -> None:
        self.updates: list[dict[str, Any]] = []
        self.allowed_updates: list[str] = []
        self.on_change = on_change
        self._ids = itertools.count(FIRST_UPDATE_ID)
        self._changed = asyncio.Event()
        self._active_poll: list[bool] | None = None

    def clear(self) -> None:
        """Drop every update; ids keep counting up so that a running poller's offset stays valid."""
        self.updates.clear()
        self.allowed_updates = []
        self._wake()

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update, assigning the next update_id unless it has one."""
        if "update_id" not in update:
            update = {"update_id": next(self._ids), **update}
        self.updates.append(update)
        self._wake()
        return update

    def confirm(self, offset: int) -> None:
        """Updates below a positive offset are confirmed (forgotten); a negative offset keeps the last -offset."""
        if offset > 0:
            self.updates = [update for update in self.updates if update["update_id"] >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]
        self.on_change()

    def pending(self, limit: int) -> list[dict[str, Any]]:
        """The next `limit` unconfirmed updates (types outside allowed_updates are dropped, as Telegram does)."""
        if self.allowed_updates:
            self.updates = [u for u in self.updates if update_type(u) in self.allowed_updates]
        return self.updates[:limit]

    async def changed(self) -> None:
        """Returns when an update is pushed, the queue is cleared or a newer poll takes over."""
        await self._changed.wait()

    async def long_poll(self, offset: int, limit: int, timeout: float) -> list[dict[str, Any]] | None:
        """Updates from `offset` on, as soon as there are any or after `timeout`; None if a newer poll took over."""
        self.confirm(offset)
        if self._active_poll is not None:
            self._active_poll[0] = True
            self._wake()
        poll = [False]
        self._active_poll = poll
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                if poll[0]:
                    return None
                batch = self.pending(limit)
                remaining = deadline - loop.time()
                if batch or remaining <= 0:
                    return batch
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    pass
        finally:
            if self._active_poll is poll:
                self._active_poll = None

    def end_polls(self) -> None:
        """A webhook was set: a waiting poll ends now (it gets 409 like a superseded one)."""
        if self._active_poll is not None:
            self._active_poll[0] = True
            self._wake()

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()
