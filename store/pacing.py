"""Telegram's limits belong to the bot token, not to a process: the pacing every process of a deployment shares.

- Per chat: `ChatPace.next_send_at`, written in the transaction that marks a chat's message sent (or its 429);
  `queries.claim_outbox` skips chats whose time has not come. A chat has at most one message in flight, so no
  other process can claim it between the send and that write.
- Overall (PostgreSQL, where several processes send): one `SendBudget` row holds the time of the next free send
  slot (GCRA's "theoretical arrival time"). A sender locks it (`SELECT … FOR UPDATE`) in the transaction that
  claims outbox rows and books one slot per claimed row, `1 / rate` apart; it sends each row no earlier than its
  slot. Slots never overlap between processes, so all of them together stay at the rate in every window.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from store.models import ChatPace, SendBudget
from store.queries import insert_ignore

#: The one budget row of a deployment (one bot token per database).
SEND_BUDGET_KEY = "telegram"


def pace_chat(session: Session, chat_id: int, next_send_at: datetime) -> None:
    """The chat gets nothing before `next_send_at` (from any process)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(ChatPace).values(chat_id=chat_id, next_send_at=next_send_at)
    statement = statement.on_conflict_do_update(
        index_elements=[col(ChatPace.chat_id)], set_={"next_send_at": statement.excluded.next_send_at}
    )
    session.execute(statement)


def chat_paced_until(session: Session, chat_id: int) -> datetime | None:
    pace = session.get(ChatPace, chat_id)
    return None if pace is None else pace.next_send_at


def lock_send_budget(session: Session, now: datetime, key: str = SEND_BUDGET_KEY) -> SendBudget:
    """The budget row, locked until the transaction ends (created on first use)."""
    statement = select(SendBudget).where(SendBudget.key == key).with_for_update()
    budget = session.exec(statement).first()
    if budget is None:
        insert_ignore(session, SendBudget, {"key": key, "next_slot_at": now}, ("key",))
        budget = session.exec(statement).one()
    return budget


def _first_slot(budget: SendBudget, now: datetime) -> datetime:
    return max(budget.next_slot_at, now)  # slots left unused in the past are gone: no burst after a pause


def free_slots(budget: SendBudget, now: datetime, spacing: timedelta, horizon: timedelta) -> int:
    """How many slots are free between the next one and `now + horizon` (no booking further ahead: a row waits
    at most `horizon` between its claim and its request)."""
    room = (now + horizon - _first_slot(budget, now)) / spacing
    return max(0, math.floor(room))


def book_slots(session: Session, budget: SendBudget, now: datetime, count: int, spacing: timedelta) -> list[datetime]:
    """Book `count` consecutive slots on the locked budget row; returns their times."""
    start = _first_slot(budget, now)
    slots = [start + spacing * n for n in range(count)]
    if count:
        budget.next_slot_at = start + spacing * count
        session.add(budget)
    return slots


def book_send_slot(session: Session, now: datetime, spacing: timedelta) -> datetime:
    """One slot, after every slot booked so far (a command's reply; a message whose slot its sender missed)."""
    budget = lock_send_budget(session, now)
    return book_slots(session, budget, now, 1, spacing)[0]
