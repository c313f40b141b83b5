"""The bot role's replies share the deployment's send budget with the sender processes (PostgreSQL).

python-telegram-bot's `AIORateLimiter` paces one process. Every process that sends with the bot token books
its messages from the one `SendBudget` row (store/pacing.py); the sender books its slots when it claims outbox
rows and marks its requests with `SLOT_BOOKED`, so this limiter books a slot only for the other messages (the
bot role's replies), then hands the request to the wrapped limiter (group limits, 429 retries) as before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from telegram.ext import AIORateLimiter, BaseRateLimiter

from store import pacing
from store.db import session_scope

JSONDict = dict[str, Any]

#: Set by the sender around a request whose send slot it booked already.
SLOT_BOOKED: ContextVar[bool] = ContextVar("minerwatch_slot_booked", default=False)
#: Bot API methods that post a message to a chat (what Telegram's broadcast limits count).
MESSAGE_METHOD_PREFIXES = ("send", "copy", "forward")


def posts_a_message(endpoint: str) -> bool:
    name = endpoint.lower()
    return name.startswith(MESSAGE_METHOD_PREFIXES) and name != "sendchataction"


class SharedBudgetRateLimiter(BaseRateLimiter[int]):
    """`AIORateLimiter`, plus a slot from the shared send budget for each message the sender did not book."""

    def __init__(
        self,
        engine: Engine,
        inner: AIORateLimiter,
        *,
        spacing: timedelta,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.engine = engine
        self.inner = inner
        self.spacing = spacing
        self.clock = clock
        self.sleep = sleep

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if not SLOT_BOOKED.get() and data.get("chat_id") is not None and posts_a_message(endpoint):
            slot = await asyncio.to_thread(self._book)
            delay = (slot - self.clock()).total_seconds()
            if delay > 0:
                await self.sleep(delay)
        return await self.inner.process_request(callback, args, kwargs, endpoint, data, rate_limit_args)

    def _book(self) -> datetime:
        with session_scope(self.engine) as session:
            return pacing.book_send_slot(session, self.clock(), self.spacing)
