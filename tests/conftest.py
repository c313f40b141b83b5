"""Shared fixtures: database engines (SQLite always, PostgreSQL when MINERWATCH_TEST_POSTGRES_URL is set), the
network guard (a test that reaches beyond loopback fails), `no_env` for tests that start the bot, and
`--days-ahead` (the whole run a given number of days in the future, to catch tests that only pass near the day they
were written)."""

from __future__ import annotations

import ipaddress
import os
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from store.db import make_engine, migrate

POSTGRES_URL = os.environ.get("MINERWATCH_TEST_POSTGRES_URL", "")
FIXTURES = Path(__file__).parent / "fixtures"
SHARED_FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--days-ahead",
        type=int,
        default=0,
        help="run every test with the wall clock moved this many days into the future (time-machine)",
    )


@pytest.fixture(autouse=True)
def _wall_clock_ahead(request: pytest.FixtureRequest) -> Iterator[None]:
    """With --days-ahead N, the wall clock (datetime.now, time.time) of every test starts N days from now and
    keeps ticking; monotonic clocks are untouched, so timeouts and asyncio behave as usual."""
    days = int(request.config.getoption("--days-ahead"))
    if not days:
        yield
        return
    with time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True):
        yield


LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def _is_loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").split("%")[0].lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class NetworkGuard:
    """Refuses (and records) every name lookup and connection that is not to loopback or a Unix socket."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, what: str) -> OSError:
        self.attempts.append(what)
        return ConnectionRefusedError(f"test network guard: {what} is not loopback; tests use loopback doubles")

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_getaddrinfo = socket.getaddrinfo
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex
        guard = self

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            if host is not None and not _is_loopback(host):
                raise guard.refuse(f"name lookup of {host!r}")
            return real_getaddrinfo(host, *args, **kwargs)

        def checked(sock: socket.socket, address: Any) -> None:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
                raise guard.refuse(f"connection to {address!r}")

        def connect(sock: socket.socket, address: Any) -> None:
            checked(sock, address)
            real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> int:
            checked(sock, address)
            return real_connect_ex(sock, address)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    """Every test: no traffic beyond loopback. A refused attempt fails the test even if the code under test
    swallowed the error (a watcher logs a failing source and carries on)."""
    guard = NetworkGuard()
    guard.install(monkeypatch)
    yield guard
    if guard.attempts:
        pytest.fail(f"the test tried to reach the network: {'; '.join(sorted(set(guard.attempts)))}")


def _fresh_postgres_database() -> tuple[str, str]:
    """Create an empty database on the test server; returns (its url, the admin url)."""
    admin_url = make_url(POSTGRES_URL)
    name = f"mw_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(admin_url.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return admin_url.set(database=name).render_as_string(hide_password=False), name


def _drop_postgres_database(name: str) -> None:
    admin = make_engine(make_url(POSTGRES_URL).render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No bot token, database or config file from the environment of whoever runs the tests (a test that starts
    the bot configures it itself): `pytestmark = pytest.mark.usefixtures("no_env")`."""
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "MINERWATCH_CONFIG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database URL of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'minerwatch.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL store tests skipped: set MINERWATCH_TEST_POSTGRES_URL (.ci/run does)")
    url, name = _fresh_postgres_database()
    try:
        yield url
    finally:
        _drop_postgres_database(name)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    migrate(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'minerwatch.db'}")
    migrate(engine)
    try:
        yield engine
    finally:
        engine.dispose()


class Clock:
    """A fixed clock the test moves by hand (never real timers)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()
