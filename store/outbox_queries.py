"""The outbox's queries: queue a message once per key, claim due rows per chat, mark what happened to them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from store.models import IN_FLIGHT, ChatPace, Outbox
from store.queries import insert_ignore

#: An outbox row left in "sending" longer than this belonged to a worker that died mid-request.
STALE_CLAIM_AFTER = timedelta(minutes=2)
#: A row "claimed" longer than this is handed back to the queue: a live worker waits at most a batch's worth of
#: pacing (about a second) before it marks a row "sending", and a row taken back is never sent by its old worker
#: (mark_sending checks the claim).
STALE_CLAIMED_AFTER = timedelta(seconds=30)


def _now() -> datetime:
    return datetime.now(UTC)


def enqueue(
    session: Session,
    *,
    key: str,
    chat_id: int,
    text: str,
    kind: str,
    thread_id: int | None = None,
    silent: bool = False,
    disable_preview: bool = False,
    not_before: datetime | None = None,
    reply_markup: list[list[list[str]]] | None = None,
    photo: bytes | None = None,
) -> bool:
    """Queue a message once per idempotency key (with its inline keyboard, if any); True when it was new.
    With `photo`, `text` is its caption."""
    now = _now()
    return insert_ignore(
        session,
        Outbox,
        {
            "idempotency_key": key,
            "chat_id": chat_id,
            "thread_id": thread_id,
            "kind": kind,
            "text": text,
            "disable_notification": silent,
            "disable_preview": disable_preview,
            "reply_markup": reply_markup,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": not_before or now,
            "created_at": now,
            "photo": photo,
        },
        ("idempotency_key",),
    )


def claim_outbox(
    session: Session, worker: str, now: datetime, limit: int, skip_chats: Iterable[int] = ()
) -> list[Outbox]:
    """Claim at most one due row per chat: each chat's oldest pending row, and only when no earlier message of
    that chat is in flight and the chat's pacing (`ChatPace`, shared by every process) allows one now. Keeps
    every chat's order (a row waiting out a 429 holds back the chat's later rows), stops one busy chat from
    starving the others, and paces chats one message at a time.
    PostgreSQL: FOR UPDATE SKIP LOCKED, so concurrent workers never share a row."""
    heads = select(func.min(Outbox.id)).where(col(Outbox.status) == "pending").group_by(col(Outbox.chat_id))
    in_flight = select(Outbox.chat_id).where(col(Outbox.status).in_(IN_FLIGHT))
    paced = select(ChatPace.chat_id).where(col(ChatPace.next_send_at) > now)
    statement = (
        select(Outbox)
        .where(
            col(Outbox.id).in_(heads),
            # checked on the row itself too: under FOR UPDATE, PostgreSQL re-evaluates only these conditions
            # on a row another worker claimed meanwhile, not the subqueries' snapshot
            col(Outbox.status) == "pending",
            col(Outbox.next_attempt_at) <= now,
            col(Outbox.chat_id).not_in(in_flight),
            col(Outbox.chat_id).not_in(paced),
        )
        .order_by(col(Outbox.id))
        .limit(limit)
    )
    skip = list(skip_chats)
    if skip:
        statement = statement.where(col(Outbox.chat_id).not_in(skip))
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    rows = list(session.exec(statement))
    for row in rows:
        row.status = "claimed"
        row.claimed_by = worker
        row.claimed_at = now
        row.attempts += 1
        session.add(row)
    return rows


def mark_sent(session: Session, row_id: int, message_id: int | None, now: datetime) -> None:
    session.execute(
        update(Outbox)
        .where(col(Outbox.id) == row_id)
        .values(status="sent", sent_at=now, telegram_message_id=message_id, last_error=None)
    )


def mark_retry(session: Session, row_id: int, error: str, retry_at: datetime) -> None:
    session.execute(
        update(Outbox)
        .where(col(Outbox.id) == row_id)
        .values(status="pending", next_attempt_at=retry_at, last_error=error[:500], claimed_by=None)
    )


def mark_failed(session: Session, row_id: int, error: str, status: str = "failed") -> None:
    session.execute(update(Outbox).where(col(Outbox.id) == row_id).values(status=status, last_error=error[:500]))


def drop_pending_for_chat(session: Session, chat_id: int, reason: str) -> int:
    result = session.execute(
        update(Outbox)
        .where(col(Outbox.chat_id) == chat_id, col(Outbox.status) == "pending")
        .values(status="dropped", last_error=reason[:500])
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def mark_sending(session: Session, row_id: int, worker: str) -> bool:
    """Claimed → sending, committed right before the request; False when the row is no longer this worker's."""
    statement = (
        update(Outbox)
        .where(col(Outbox.id) == row_id, col(Outbox.status) == "claimed", col(Outbox.claimed_by) == worker)
        .values(status="sending")
        .returning(col(Outbox.id))
    )
    return session.execute(statement).first() is not None


def release_stale_claims(session: Session, now: datetime, older_than: timedelta | None = STALE_CLAIM_AFTER) -> int:
    """Rows a dead worker left behind. "claimed" ones never left the process: back to the queue. "sending" ones
    may or may not have reached Telegram: never resend them (a second copy is worse than a gap the log reports);
    mark them "unknown" and return how many. `older_than=None`: all of them, whatever their age."""

    def stale(status: str, age: timedelta | None) -> Any:
        condition = col(Outbox.status) == status
        if age is not None:
            condition = condition & (col(Outbox.claimed_at) < now - age)
        return condition

    claimed_age = None if older_than is None else min(older_than, STALE_CLAIMED_AFTER)
    session.execute(update(Outbox).where(stale("claimed", claimed_age)).values(status="pending", claimed_by=None))
    result = session.execute(
        update(Outbox)
        .where(stale("sending", older_than))
        .values(status="unknown", last_error="worker stopped during the send; not retried to avoid a duplicate")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def outbox_counts(session: Session) -> dict[str, int]:
    rows = session.exec(select(Outbox.status, func.count()).group_by(Outbox.status))
    return {status: count for status, count in rows}
