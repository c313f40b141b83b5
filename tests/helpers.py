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


class ReservedPort:
    """A loopback port held by a bound socket that does not listen: connections to it are refused, and no server
    that binds port 0 meanwhile (a feed server, the Bot API double) can be given it. `release()` frees it for the
    server meant to listen there. (A port merely probed free and closed can be handed to the next server started.)"""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self.port = int(self._socket.getsockname()[1])

    def release(self) -> int:
        """Close the holding socket; returns the port."""
        self._socket.close()
        return self.port
