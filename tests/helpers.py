"""Small helpers shared by the job and end-to-end tests."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable, Sequence

from sqlalchemy.engine import Engine
from sqlmodel import select

from classifiers.base import THEMES
from store import queries
from store.db import session_scope
from store.models import Outbox


def add_chat(engine: Engine, chat_id: int, tickers: Sequence[str] = (), **settings: object) -> None:
    """Register a private chat following `tickers`, then override any Chat field (themes, notify_news, …)."""
    with session_scope(engine) as session:
        chat, _ = queries.register_chat(
            session,
            chat_id,
            chat_type="private",
            title=str(chat_id),
            thread_id=None,
            default_tickers=tickers,
            themes=THEMES,
        )
        for key, value in settings.items():
            setattr(chat, key, value)
        session.add(chat)


def outbox(engine: Engine) -> list[Outbox]:
    """Every outbox row, in queue order."""
    with session_scope(engine) as session:
        return list(session.exec(select(Outbox).order_by(Outbox.id)))  # type: ignore[arg-type]


async def until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait (in small real steps) until `condition()` holds; TimeoutError otherwise."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.05)


def free_port() -> int:
    """A loopback port nobody listens on (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
