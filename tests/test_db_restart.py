"""A database that goes away and comes back: the next job cycle reconnects and nothing stored is lost."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import select

from classifiers.keywords import KeywordClassifier
from minerwatch.jobs.news import NewsJob
from store.db import is_postgres, make_engine, session_scope
from store.models import Outbox
from tests.conftest import Clock
from tests.feeds import fresh_rss
from tests.test_news_job import FEED_A, MARA_NOTES, OLD, FeedServer, add_chat, settings_for


def drop_all_connections(engine: Engine) -> int:
    """What a PostgreSQL restart does to every client: terminate their sessions."""
    admin = make_engine(engine.url.set(database="postgres").render_as_string(hide_password=False))
    with admin.connect() as connection:
        killed = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": engine.url.database},
        ).scalar()
    admin.dispose()
    return int(killed or 0)


async def test_jobs_survive_a_database_restart(engine: Engine, clock: Clock) -> None:
    if not is_postgres(engine):
        pytest.skip("needs a server that can drop its clients: PostgreSQL")
    server = FeedServer()
    add_chat(engine, 1, ["MARA"])
    server.bodies[FEED_A] = fresh_rss(OLD)
    job = NewsJob(
        engine,
        httpx.AsyncClient(transport=httpx.MockTransport(server)),
        KeywordClassifier(),
        settings_for(FEED_A),
        clock=clock,
    )
    await job.run_once()
    assert drop_all_connections(engine) >= 1
    server.bodies[FEED_A] = fresh_rss(OLD, MARA_NOTES)
    clock.advance(minutes=5)
    report = await job.run_once()  # pooled connections are dead: pre-ping replaces them
    assert report.queued == 1
    with session_scope(engine) as session:
        assert len(session.exec(select(Outbox)).all()) == 1
