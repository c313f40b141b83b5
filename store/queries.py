"""The queries the rest of MinerWatch needs: chats and watchlists, sources, news (the outbox's: `outbox_queries`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, col, delete, select

from store.models import (
    IN_FLIGHT,
    AlertRule,
    Chat,
    FiredAlert,
    MinerMute,
    NewsEvent,
    NewsItem,
    Outbox,
    Source,
    Watch,
)


def _now() -> datetime:
    return datetime.now(UTC)


def insert_ignore(session: Session, model: type[SQLModel], values: dict[str, Any], conflict: Sequence[str]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was inserted. The database decides identity."""
    table = model.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    key_column = next(iter(table.primary_key.columns))
    statement = (
        insert(table).values(**values).on_conflict_do_nothing(index_elements=list(conflict)).returning(key_column)
    )
    return session.execute(statement).first() is not None  # type: ignore[call-overload]


# --- chats and watchlists -------------------------------------------------------------------------


def get_chat(session: Session, chat_id: int) -> Chat | None:
    return session.get(Chat, chat_id)


def register_chat(
    session: Session,
    chat_id: int,
    *,
    chat_type: str,
    title: str,
    thread_id: int | None,
    default_tickers: Iterable[str],
    themes: Iterable[str],
    lang: str = "en",
) -> tuple[Chat, bool]:
    """Create a chat with the defaults (in `lang`), or re-activate a known one (its language kept).
    Returns (chat, created)."""
    chat = session.get(Chat, chat_id)
    if chat is not None:
        chat.active = True
        chat.deactivated_reason = None
        chat.thread_id = thread_id
        chat.title = title
        session.add(chat)
        return chat, False
    chat = Chat(id=chat_id, type=chat_type, title=title, thread_id=thread_id, themes=list(themes), lang=lang)
    session.add(chat)
    session.flush()
    for ticker in default_tickers:
        session.add(Watch(chat_id=chat_id, ticker=ticker))
    return chat, True


def watchlist(session: Session, chat_id: int) -> list[str]:
    rows = session.exec(select(Watch.ticker).where(Watch.chat_id == chat_id).order_by(Watch.ticker))
    return list(rows)


def add_watches(session: Session, chat_id: int, tickers: Iterable[str]) -> list[str]:
    """Follow tickers; returns the ones that were new."""
    added = []
    for ticker in tickers:
        if insert_ignore(session, Watch, {"chat_id": chat_id, "ticker": ticker}, ("chat_id", "ticker")):
            added.append(ticker)
    return added


def remove_watches(session: Session, chat_id: int, tickers: Iterable[str]) -> list[str]:
    """Unfollow tickers; returns the ones that were followed."""
    removed = []
    for ticker in tickers:
        result = session.execute(delete(Watch).where(col(Watch.chat_id) == chat_id, col(Watch.ticker) == ticker))
        if result.rowcount:  # type: ignore[attr-defined]
            removed.append(ticker)
    return removed


def chats_watching(session: Session, tickers: Iterable[str]) -> list[Chat]:
    """Active chats that follow any of `tickers`."""
    tickers = list(tickers)
    if not tickers:
        return []
    watching = select(Watch.chat_id).where(col(Watch.ticker).in_(tickers))
    statement = select(Chat).where(col(Chat.id).in_(watching), col(Chat.active).is_(True)).order_by(col(Chat.id))
    return list(session.exec(statement))


def deactivate_chat(session: Session, chat_id: int, reason: str) -> None:
    chat = session.get(Chat, chat_id)
    if chat is not None and chat.active:
        chat.active = False
        chat.deactivated_reason = reason[:200]
        session.add(chat)


# --- sources -------------------------------------------------------------------------------------


def sync_sources(session: Session, kind: str, entries: Iterable[tuple[str, str]]) -> list[Source]:
    """Make sure a Source row exists for each (key, name); returns the rows in the given order."""
    rows = []
    for key, name in entries:
        insert_ignore(
            session, Source, {"kind": kind, "key": key, "name": name, "baseline_done": False, "failures": 0}, ("key",)
        )
        source = session.exec(select(Source).where(Source.key == key)).one()
        if name and source.name != name:
            source.name = name
            session.add(source)
        rows.append(source)
    return rows


def due_sources(session: Session, kind: str, now: datetime, keys: Iterable[str] | None = None) -> list[Source]:
    statement = (
        select(Source)
        .where(Source.kind == kind)
        .where(or_(col(Source.next_poll_at).is_(None), col(Source.next_poll_at) <= now))
    )
    if keys is not None:
        statement = statement.where(col(Source.key).in_(list(keys)))
    return list(session.exec(statement.order_by(col(Source.id))))


@dataclass(frozen=True)
class HealthChange:
    """A source started failing or recovered; log each once."""

    source: str
    failing: bool
    error: str | None = None


def record_success(
    session: Session,
    source: Source,
    now: datetime,
    *,
    etag: str | None,
    last_modified: str | None,
    next_poll_at: datetime,
) -> HealthChange | None:
    recovered = source.failures > 0
    source.failures = 0
    source.last_error = None
    source.failing_since = None
    source.last_ok_at = now
    source.etag = etag
    source.last_modified = last_modified
    source.next_poll_at = next_poll_at
    session.add(source)
    return HealthChange(source.name or source.key, failing=False) if recovered else None


def record_failure(
    session: Session, source: Source, now: datetime, error: str, next_poll_at: datetime
) -> HealthChange | None:
    first = source.failures == 0
    source.failures += 1
    source.last_error = error[:500]
    source.failing_since = source.failing_since or now
    source.next_poll_at = next_poll_at
    session.add(source)
    return HealthChange(source.name or source.key, failing=True, error=error) if first else None


def source_health(session: Session) -> list[Source]:
    return list(session.exec(select(Source).order_by(col(Source.kind), col(Source.id))))


# --- news ----------------------------------------------------------------------------------------


def insert_news_item(session: Session, values: dict[str, Any]) -> NewsItem | None:
    """Insert a feed entry unless (source, identity) is known; returns the new row or None."""
    if not insert_ignore(session, NewsItem, values, ("source_id", "identity")):
        return None
    return session.exec(
        select(NewsItem).where(NewsItem.source_id == values["source_id"], NewsItem.identity == values["identity"])
    ).one()


def find_event(session: Session, story_key: str, since: datetime) -> NewsEvent | None:
    statement = (
        select(NewsEvent)
        .where(NewsEvent.story_key == story_key)
        .where(col(NewsEvent.first_seen_at) >= since)
        .order_by(col(NewsEvent.id))
    )
    return session.exec(statement).first()


#: Stories read at most per /news page or /status card (their JSON columns are filtered in Python).
MAX_SCANNED_EVENTS = 2000


def story_time(event: NewsEvent) -> datetime:
    """When a story came out: its feed's publication date, else when MinerWatch first saw it. Never later than the
    first sighting (the feed parser lets a date a little ahead of the clock through), which `recent_events` uses."""
    if event.published_at is None:
        return event.first_seen_at
    return min(event.published_at, event.first_seen_at)


def _newest_first(event: NewsEvent) -> tuple[float, int]:
    """Sort key: the latest `story_time` first; on a tie, the order the feeds listed them (newest on top)."""
    return -story_time(event).timestamp(), event.id or 0


def recent_events(
    session: Session,
    *,
    tickers: Sequence[str] | None = None,
    theme: str | None = None,
    since: datetime | None = None,
    limit: int = 10,
) -> list[NewsEvent]:
    """Newest stories first by `story_time`, filtered in Python for JSON columns (portable across SQLite and
    PostgreSQL). Rows are read on the first_seen_at index, latest first: a story's time is never later than its
    first sighting, so once the rows read were first seen before the `limit`-th best story time, none after them
    can rank higher and reading stops."""
    statement = select(NewsEvent).order_by(col(NewsEvent.first_seen_at).desc(), col(NewsEvent.id))
    if since is not None:
        statement = statement.where(col(NewsEvent.first_seen_at) >= since)
    found: list[NewsEvent] = []
    if limit <= 0:
        return found
    for event in session.exec(statement.limit(MAX_SCANNED_EVENTS)):
        if len(found) >= limit and event.first_seen_at < story_time(found[-1]):
            break
        if tickers is not None and not set(event.tickers) & set(tickers):
            continue
        if theme is not None and theme not in event.themes:
            continue
        found.append(event)
        found.sort(key=_newest_first)
        del found[limit:]
    return found


def chat_counts(session: Session) -> dict[bool, int]:
    """Number of chats by active flag."""
    rows = session.exec(select(Chat.active, func.count()).group_by(col(Chat.active)))
    return {bool(active): count for active, count in rows}


def active_chats(session: Session) -> list[Chat]:
    return list(session.exec(select(Chat).where(col(Chat.active).is_(True), col(Chat.id) != 0)))


def migrate_chat(session: Session, old_id: int, new_id: int) -> None:
    """A group became a supergroup under a new id: move its settings, watchlist, rules, digest history and
    queued messages there, and retire the old id."""
    old = session.get(Chat, old_id)
    if old is None or old_id == new_id:
        return
    if session.get(Chat, new_id) is None:
        moved = old.model_dump()
        moved.update(id=new_id, type="supergroup", active=True, deactivated_reason=None)
        session.add(Chat(**moved))
        session.flush()
    add_watches(session, new_id, watchlist(session, old_id))
    session.execute(delete(Watch).where(col(Watch.chat_id) == old_id))
    if session.exec(select(AlertRule.id).where(col(AlertRule.chat_id) == new_id)).first() is None:
        session.execute(update(AlertRule).where(col(AlertRule.chat_id) == old_id).values(chat_id=new_id))
    session.execute(update(FiredAlert).where(col(FiredAlert.chat_id) == old_id).values(chat_id=new_id))
    session.execute(delete(MinerMute).where(col(MinerMute.chat_id) == old_id))  # per-miner mutes are short-lived
    session.execute(
        update(Outbox)
        .where(col(Outbox.chat_id) == old_id, col(Outbox.status).in_(["pending", *IN_FLIGHT]))
        .values(chat_id=new_id)
    )
    deactivate_chat(session, old_id, f"migrated to {new_id}")


def forget_thread(session: Session, chat_id: int) -> None:
    """The chat's forum topic no longer exists: its messages, queued ones included, go to the chat itself."""
    session.execute(update(Chat).where(col(Chat.id) == chat_id).values(thread_id=None))
    session.execute(
        update(Outbox)
        .where(col(Outbox.chat_id) == chat_id, col(Outbox.status).in_(["pending", *IN_FLIGHT]))
        .values(thread_id=None)
    )
