"""Scheduled digests: for each chat whose slot has passed, gather what is new and queue one message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.alerts.digest import FIRST_DIGEST_WINDOW, due_slot, queue_digest
from store.db import off_loop, session_scope
from store.models import Chat

log = logging.getLogger(__name__)


class DigestJob:
    """Runs every minute; queues each due chat's digest exactly once per slot."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.engine = engine
        self.clock = clock

    async def run_once(self) -> int:
        """Queue the due digests (the store work on a worker thread, off the event loop)."""
        return await off_loop(self.queue_due, self.clock())

    def queue_due(self, now: datetime) -> int:
        queued = 0
        with session_scope(self.engine) as session:
            chats = list(session.exec(select(Chat).where(col(Chat.active).is_(True), Chat.digest_mode != "off")))
            for chat in chats:
                try:
                    slot = due_slot(
                        now, mode=chat.digest_mode, at=chat.digest_time, weekday=chat.digest_day, tz=chat.tz
                    )
                except (ValueError, KeyError):
                    log.warning("chat %s has an invalid digest schedule; skipped", chat.id)
                    continue
                if slot is None or slot <= chat.created_at:
                    continue
                if chat.digest_slot_done is not None and chat.digest_slot_done >= slot:
                    continue
                since = chat.last_digest_at or slot - FIRST_DIGEST_WINDOW  # a first digest: the day before it
                if queue_digest(session, chat, since, slot, key=f"digest:{chat.id}:{slot:%Y%m%dT%H%M}"):
                    queued += 1
                chat.last_digest_at = slot
                chat.digest_slot_done = slot
                session.add(chat)
        return queued
