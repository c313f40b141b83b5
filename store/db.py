"""Engine, sessions and migrations (applied on start)."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
#: Seconds a SQLite writer waits for the lock before failing.
SQLITE_BUSY_TIMEOUT_S = 30
#: Seconds to wait for a PostgreSQL connection before failing.
PG_CONNECT_TIMEOUT_S = 5


class DatabaseUnavailable(Exception):
    """The database cannot be opened or set up: the message is one line naming it (password masked), the reason
    and what to check."""


_PASSWORD_PARAMETER = re.compile(r"(?i)((?:^|[?&])password=)[^&]*")


def mask_url(url: str) -> str:
    """A database URL fit for a message, parsed as little as possible so that nothing slips past: everything between
    the user name and the last @ before the query (so an unencoded @ or / in the password is masked too) and a
    `password=` parameter become ***."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return _PASSWORD_PARAMETER.sub(r"\1***", url)
    main, question, query = rest.partition("?")
    userinfo, at, host_and_path = main.rpartition("@")
    if at:
        user, colon, _ = userinfo.partition(":")
        main = f"{user}{':***' if colon else ''}@{host_and_path}"
    query = _PASSWORD_PARAMETER.sub(r"\1***", question + query)
    return f"{scheme}://{main}{query}"


def describe(url: str) -> str:
    """A database URL fit for a message: the psycopg form it is opened as, the password masked."""
    return mask_url(normalise_url(url.strip()))


def _reason(exc: BaseException) -> str:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return (detail[0] if detail else type(exc).__name__)[:300]


#: What to check, by the kind of failure.
_CHECK_URL = (
    "Check database.url (or DATABASE_URL), e.g. sqlite:///minerwatch.db or "
    "postgresql+psycopg://user@host:5432/minerwatch, and that the server runs"
)
_CHECK_PRIVILEGES = (
    "The database user must be able to create tables: make it the database's owner, or GRANT CREATE ON SCHEMA "
    "public TO it"
)


def unavailable(url: str, exc: BaseException) -> DatabaseUnavailable:
    reason = _reason(exc)
    if isinstance(exc, OperationalError | OSError):
        return DatabaseUnavailable(f"cannot open the database {describe(url)}: {reason}. {_CHECK_URL}")
    check = _CHECK_PRIVILEGES if "permission denied" in reason.lower() else _CHECK_URL
    return DatabaseUnavailable(f"cannot set up the database {describe(url)}: {reason}. {check}")


def normalise_url(url: str) -> str:
    """Accept the short postgres:// forms deployment tools hand out; use the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for SQLite (WAL, foreign keys, busy timeout) or PostgreSQL (pre-ping, short connect timeout)."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise unavailable(url, OSError(f"cannot create its folder ({exc.strerror})")) from None
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}, **kwargs
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S},
        **kwargs,
    )


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent; safe to run from every process). A database that
    cannot be reached or opened raises DatabaseUnavailable."""
    config = alembic_config(engine)
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                # Several processes may start at once: serialise their migrations.
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7305001)")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DBAPIError as exc:  # unreachable, refused, not a database, no right to create tables, a bad option
        raise unavailable(engine.url.render_as_string(hide_password=False), exc) from None


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


T = TypeVar("T")


#: Worker threads for store work. Their own pool, not asyncio's default executor: that one also resolves host
#: names, and with DNS down every lookup holds a thread for seconds, which would queue the sender's claims behind.
STORE_THREADS = 8
_store_executor = ThreadPoolExecutor(max_workers=STORE_THREADS, thread_name_prefix="store")


async def off_loop(func: Callable[..., T], /, *args: Any) -> T:
    """Run blocking store work on a store thread (context variables kept, as asyncio.to_thread does)."""
    context = contextvars.copy_context()
    return await asyncio.get_running_loop().run_in_executor(_store_executor, partial(context.run, func, *args))


async def in_session(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run `work(session)` in one transaction on a store thread: a slow or unreachable database (a connect
    timeout, a lock wait) holds up this caller only, never the event loop that polls and sends for everyone."""

    def run() -> T:
        with session_scope(engine) as session:
            return work(session)

    return await off_loop(run)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
