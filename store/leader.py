"""Exactly one process polls the sources: a PostgreSQL session advisory lock, taken over when its holder dies.

The lock lives as long as the holder's connection; when the process dies the server drops the session and a
standby's next `acquire()` succeeds. SQLite is single-process by design, so there the lock always holds.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

#: Arbitrary, fixed key for the "watchers" role.
WATCHERS_LOCK_KEY = 7305002


class LeaderLock:
    def __init__(self, engine: Engine, key: int = WATCHERS_LOCK_KEY) -> None:
        self.engine = engine
        self.key = key
        self._connection: Connection | None = None
        self._guard = threading.Lock()  # jobs call acquire() from worker threads at the same time

    @property
    def held(self) -> bool:
        return self.engine.dialect.name != "postgresql" or self._connection is not None

    def acquire(self) -> bool:
        """True when this process is (still) the leader; tries to become it otherwise."""
        if self.engine.dialect.name != "postgresql":
            return True
        with self._guard:
            return self._acquire()

    def _acquire(self) -> bool:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT 1"))
                self._connection.commit()
                return True
            except Exception:  # noqa: BLE001 - the database went away: we lost the lock with the session
                log.warning("lost the database connection that held the watcher lock")
                self._drop()
        try:
            connection = self.engine.connect()
            got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar()
            connection.commit()
        except Exception as exc:  # noqa: BLE001
            log.warning("cannot reach the database to take the watcher lock: %s", exc)
            return False
        if got:
            self._connection = connection
            log.info("this process now polls the sources (watcher lock taken)")
            return True
        connection.close()
        return False

    def release(self) -> None:
        with self._guard:
            self._release()

    def _release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
                self._connection.commit()
            except Exception:  # noqa: BLE001
                pass
            self._drop()

    def _drop(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            except Exception:  # noqa: BLE001
                pass
        self._connection = None
