"""Store queries on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from classifiers.base import THEMES
from store import outbox_queries, queries
from store.db import is_postgres, migrate, session_scope
from store.models import Chat, NewsEvent, NewsItem, Outbox, Source
from tests.conftest import Clock


def test_migrations_are_idempotent(engine: Engine) -> None:
    migrate(engine)  # second run on a migrated database changes nothing
    with session_scope(engine) as session:
        assert session.exec(select(Chat)).all() == []


def test_register_chat_with_defaults_and_reactivate(engine: Engine) -> None:
    with session_scope(engine) as session:
        chat, created = queries.register_chat(
            session,
            -100123,
            chat_type="supergroup",
            title="Desk",
            thread_id=7,
            default_tickers=("MARA", "CIFR"),
            themes=THEMES,
        )
        assert created and chat.digest_mode == "daily" and chat.digest_time == "08:00" and chat.tz == "UTC"
    with session_scope(engine) as session:
        assert queries.watchlist(session, -100123) == ["CIFR", "MARA"]
        queries.deactivate_chat(session, -100123, "403 blocked")
    with session_scope(engine) as session:
        chat, created = queries.register_chat(
            session,
            -100123,
            chat_type="supergroup",
            title="Desk",
            thread_id=9,
            default_tickers=("MARA",),
            themes=THEMES,
        )
        assert not created and chat.active and chat.thread_id == 9
        assert queries.watchlist(session, -100123) == ["CIFR", "MARA"]  # defaults not re-applied


def test_watches_add_remove_and_who_watches(engine: Engine) -> None:
    with session_scope(engine) as session:
        queries.register_chat(
            session, 1, chat_type="private", title="a", thread_id=None, default_tickers=(), themes=THEMES
        )
        queries.register_chat(
            session, 2, chat_type="private", title="b", thread_id=None, default_tickers=(), themes=THEMES
        )
        assert queries.add_watches(session, 1, ["MARA", "IREN"]) == ["MARA", "IREN"]
        assert queries.add_watches(session, 1, ["MARA"]) == []
        queries.add_watches(session, 2, ["IREN"])
    with session_scope(engine) as session:
        assert sorted(c.id for c in queries.chats_watching(session, ["IREN", "MARA"])) == [1, 2]
        assert queries.remove_watches(session, 1, ["MARA", "WULF"]) == ["MARA"]
        queries.deactivate_chat(session, 2, "gone")
    with session_scope(engine) as session:
        assert [c.id for c in queries.chats_watching(session, ["IREN"])] == [1]


def test_news_identity_is_unique_per_source(engine: Engine, clock: Clock) -> None:
    with session_scope(engine) as session:
        source = queries.sync_sources(session, "feed", [("http://feed/a", "A")])[0]
        values = {"source_id": source.id, "identity": "x" * 40, "title": "t", "link": "", "seen_at": clock()}
        assert queries.insert_news_item(session, values) is not None
        assert queries.insert_news_item(session, dict(values)) is None
    # the database itself refuses a duplicate, whatever the caller does
    with pytest.raises(IntegrityError), Session(engine) as session:
        session.add(NewsItem(source_id=source.id, identity="x" * 40, title="again", seen_at=clock()))
        session.commit()


def test_source_health_transitions_reported_once(engine: Engine, clock: Clock) -> None:
    with session_scope(engine) as session:
        source = queries.sync_sources(session, "feed", [("http://feed/b", "B")])[0]
        first = queries.record_failure(session, source, clock(), "timeout", clock() + timedelta(minutes=1))
        second = queries.record_failure(session, source, clock(), "timeout", clock() + timedelta(minutes=2))
        assert first is not None and first.failing and second is None and source.failures == 2
        recovered = queries.record_success(
            session, source, clock(), etag='"v1"', last_modified=None, next_poll_at=clock() + timedelta(minutes=5)
        )
        again = queries.record_success(session, source, clock(), etag='"v1"', last_modified=None, next_poll_at=clock())
        assert recovered is not None and not recovered.failing and again is None
    with session_scope(engine) as session:
        row = session.exec(select(Source).where(Source.key == "http://feed/b")).one()
        assert row.failures == 0 and row.etag == '"v1"'
        assert queries.due_sources(session, "feed", clock()) == [row]
        assert queries.due_sources(session, "feed", clock() - timedelta(seconds=1)) == []


def test_outbox_is_idempotent_and_claims_each_row_once(engine: Engine, clock: Clock) -> None:
    with session_scope(engine) as session:
        assert outbox_queries.enqueue(session, key="news:1:5", chat_id=5, text="hi", kind="news", not_before=clock())
        assert not outbox_queries.enqueue(session, key="news:1:5", chat_id=5, text="hi again", kind="news")
        outbox_queries.enqueue(session, key="news:1:6", chat_id=6, text="hi", kind="news", not_before=clock())
    now = clock() + timedelta(seconds=1)
    with session_scope(engine) as first:
        claimed_a = outbox_queries.claim_outbox(first, "worker-a", now, limit=1)
        if is_postgres(engine):
            # a second worker, while the first still holds its row lock, skips that row
            with session_scope(engine) as second:
                claimed_b = outbox_queries.claim_outbox(second, "worker-b", now, limit=10)
            assert {r.id for r in claimed_a}.isdisjoint({r.id for r in claimed_b})
            assert [r.idempotency_key for r in claimed_b] == ["news:1:6"]
    with session_scope(engine) as session:
        rest = outbox_queries.claim_outbox(session, "worker-c", now, limit=10)
        statuses = {row.idempotency_key: row.status for row in session.exec(select(Outbox))}
    assert len(claimed_a) == 1
    assert all(status == "claimed" for status in statuses.values())
    assert len(statuses) == 2
    assert [row.idempotency_key for row in claimed_a] == ["news:1:5"]  # the oldest due row first
    # PostgreSQL: worker-b already holds the other row, nothing is left; SQLite (no second worker): worker-c takes it
    assert [row.idempotency_key for row in rest] == ([] if is_postgres(engine) else ["news:1:6"])


def test_stale_claims_become_unknown_not_resent(engine: Engine, clock: Clock) -> None:
    with session_scope(engine) as session:
        outbox_queries.enqueue(session, key="k", chat_id=1, text="x", kind="news", not_before=clock())
        outbox_queries.enqueue(session, key="waiting", chat_id=2, text="y", kind="news", not_before=clock())
        rows = outbox_queries.claim_outbox(session, "dead-worker", clock(), limit=5)
        assert len(rows) == 2
        assert outbox_queries.mark_sending(session, next(r.id for r in rows if r.idempotency_key == "k"), "dead-worker")
    with session_scope(engine) as session:
        assert outbox_queries.release_stale_claims(session, clock()) == 0  # still fresh: its worker may be alive
        assert outbox_queries.outbox_counts(session) == {"claimed": 1, "sending": 1}
        assert outbox_queries.release_stale_claims(session, clock() + outbox_queries.STALE_CLAIM_AFTER * 2) == 1
        assert outbox_queries.outbox_counts(session) == {"pending": 1, "unknown": 1}  # the waiting one never left
        again = outbox_queries.claim_outbox(session, "new-worker", clock() + timedelta(hours=1), limit=5)
        assert [row.idempotency_key for row in again] == ["waiting"]


def test_deactivated_chat_drops_its_pending_rows(engine: Engine) -> None:
    with session_scope(engine) as session:
        outbox_queries.enqueue(session, key="a", chat_id=9, text="x", kind="news")
        outbox_queries.enqueue(session, key="b", chat_id=9, text="y", kind="news")
        outbox_queries.enqueue(session, key="c", chat_id=10, text="z", kind="news")
        assert outbox_queries.drop_pending_for_chat(session, 9, "403") == 2
        assert outbox_queries.outbox_counts(session) == {"dropped": 2, "pending": 1}


def test_claims_are_fair_across_chats_and_keep_each_chats_order(engine: Engine, clock: Clock) -> None:
    with session_scope(engine) as session:
        for n in range(150):  # a backlog in one chat
            outbox_queries.enqueue(session, key=f"busy:{n}", chat_id=1, text=str(n), kind="news", not_before=clock())
        outbox_queries.enqueue(session, key="quiet", chat_id=2, text="q", kind="news", not_before=clock())
    with session_scope(engine) as session:
        rows = outbox_queries.claim_outbox(session, "w", clock(), limit=30)
        assert sorted((r.chat_id, r.text) for r in rows) == [(1, "0"), (2, "q")]
        assert all(outbox_queries.mark_sending(session, r.id, "w") for r in rows)
        outbox_queries.mark_retry(
            session, rows[0].id if rows[0].chat_id == 1 else rows[1].id, "429", clock() + timedelta(seconds=30)
        )
    with session_scope(engine) as session:
        # chat 1's first message waits out its 429; its later messages must not overtake it
        assert outbox_queries.claim_outbox(session, "w", clock() + timedelta(seconds=1), limit=30) == []
        later = outbox_queries.claim_outbox(session, "w", clock() + timedelta(seconds=31), limit=30)
        assert [(r.chat_id, r.text) for r in later] == [(1, "0")]
        # while that row is in flight, the chat's next row is held back
        assert outbox_queries.claim_outbox(session, "w", clock() + timedelta(seconds=32), limit=30) == []


def test_a_claim_taken_back_is_never_sent_by_its_old_worker(engine: Engine, clock: Clock) -> None:
    with session_scope(engine) as session:
        outbox_queries.enqueue(session, key="k", chat_id=1, text="x", kind="news", not_before=clock())
        [slow] = outbox_queries.claim_outbox(session, "slow-worker", clock(), limit=5)
    later = clock() + outbox_queries.STALE_CLAIMED_AFTER * 2
    with session_scope(engine) as session:
        assert outbox_queries.release_stale_claims(session, later) == 0  # handed back, not "unknown"
        [fresh] = outbox_queries.claim_outbox(session, "other-worker", later, limit=5)
        assert fresh.id == slow.id
        assert not outbox_queries.mark_sending(session, slow.id, "slow-worker")  # the old claim is void
        assert outbox_queries.mark_sending(session, fresh.id, "other-worker")


def test_recent_events_newest_publication_first(engine: Engine, clock: Clock) -> None:
    """Stories rank by their feed's publication date (first sighting when it gave none), not by when MinerWatch
    first saw them: a baseline poll sees a day's stories at once, listed newest first; an old story reshuffled into
    a feed later ranks by its old date. Filters and the limit apply to that order."""
    poll = clock()
    later = poll + timedelta(hours=2)
    with session_scope(engine) as session:
        for hours in (1, 3, 6):  # the feed's order: newest first, so the oldest story gets the highest id
            session.add(
                NewsEvent(story_key=f"b{hours}", title=f"{hours}h old", tickers=["MARA"], themes=["debt_terms"],
                          published_at=poll - timedelta(hours=hours), first_seen_at=poll)
            )  # fmt: skip
        session.add(NewsEvent(story_key="undated", title="undated", tickers=["MARA"], first_seen_at=poll))
        session.add(NewsEvent(story_key="ahead", title="dated ahead", tickers=["CIFR"], first_seen_at=later,
                              published_at=later + timedelta(minutes=30)))  # fmt: skip
        session.add(NewsEvent(story_key="old", title="reshuffled", tickers=["MARA"], first_seen_at=later,
                              published_at=poll - timedelta(days=9)))  # fmt: skip
    with session_scope(engine) as session:
        titles = [event.title for event in queries.recent_events(session)]
        assert titles == ["dated ahead", "undated", "1h old", "3h old", "6h old", "reshuffled"]
        ahead = queries.recent_events(session, tickers=["CIFR"])[0]
        assert queries.story_time(ahead) == later  # a date ahead of the first sighting counts as that sighting
        assert [e.title for e in queries.recent_events(session, tickers=["MARA"], limit=3)] == [
            "undated", "1h old", "3h old"
        ]  # fmt: skip
        mara_debt = queries.recent_events(session, tickers=["MARA"], theme="debt_terms", limit=2)
        assert [event.title for event in mara_debt] == ["1h old", "3h old"]
        assert queries.recent_events(session, limit=0) == []
