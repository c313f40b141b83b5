"""Store work runs on store threads of its own: it neither blocks the event loop nor queues behind the default
executor, which asyncio also uses to resolve host names (with DNS down, each lookup holds a thread for seconds)."""

from __future__ import annotations

import asyncio
import threading

from sqlalchemy import text
from sqlalchemy.engine import Engine

from store.db import in_session


async def test_store_work_does_not_wait_behind_a_busy_default_executor(sqlite_engine: Engine) -> None:
    release = threading.Event()
    loop = asyncio.get_running_loop()
    hung = [loop.run_in_executor(None, release.wait, 30) for _ in range(64)]  # every default thread is taken
    try:
        answer = await asyncio.wait_for(
            in_session(sqlite_engine, lambda session: session.execute(text("SELECT 1")).scalar()), timeout=20
        )
        thread = await in_session(sqlite_engine, lambda session: threading.current_thread().name)
    finally:
        release.set()
        await asyncio.gather(*hung)
    assert answer == 1 and thread.startswith("store")
