"""Exactly one process polls: the PostgreSQL advisory lock and its take-over when the holder dies."""

from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from store.db import is_postgres, make_engine
from store.leader import WATCHERS_LOCK_KEY, LeaderLock


def test_one_leader_and_take_over(engine: Engine) -> None:
    if not is_postgres(engine):
        # SQLite: one process owns the file, so every lock on it leads, from the start and after a release, and
        # none pins a database connection (on PostgreSQL the lock lives on one)
        first, second = LeaderLock(engine), LeaderLock(engine)
        assert first.held and second.held
        assert first.acquire() and second.acquire()
        pool = engine.pool
        assert isinstance(pool, QueuePool) and pool.checkedout() == 0
        first.release()
        assert first.held and first.acquire()
        return
    other_process = make_engine(engine.url.render_as_string(hide_password=False))
    first, second = LeaderLock(engine), LeaderLock(other_process)
    try:
        assert first.acquire()
        assert first.acquire()  # still held on the next cycle
        assert not second.acquire()
        # the holder's session dies, as when its process is killed: the server drops the lock with it
        with other_process.connect() as admin:
            killed = admin.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key"
                ),
                {"key": WATCHERS_LOCK_KEY},
            ).scalar()
        assert killed == 1
        # pg_terminate_backend only signals: the lock goes when that backend has exited, a moment later
        deadline = time.monotonic() + 30
        while not second.acquire() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert second.held
        assert not first.acquire()
        second.release()
        assert first.acquire()
    finally:
        first.release()
        second.release()
        other_process.dispose()
