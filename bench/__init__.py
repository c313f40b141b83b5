"""Hand-run benchmarks of SPEC section 10; run each from the repository root with `python -m bench.NAME`.

They are measurements, not tests: each prints its figures beside the SPEC bar and stops by itself. Only loopback
traffic. The helpers here are what the scripts share: ports, child processes that are always stopped, a scratch
PostgreSQL database, percentiles, the machine description and the figure-beside-bar line.
"""

from __future__ import annotations

import contextlib
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

REPO_ROOT = Path(__file__).resolve().parents[1]
#: How long a child server gets to open its port, and to exit after SIGTERM, before we give up / kill it.
STARTUP_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
#: Environment variables that would silently override a benchmark's own configuration file.
OVERRIDING_ENV = ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "MINERWATCH_CONFIG")
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def clean_environment() -> None:
    """Drop MINERWATCH_* and the legacy variables, so the benchmark's config file is what runs."""
    for name in list(os.environ):
        if name in OVERRIDING_ENV or name.upper().startswith("MINERWATCH_"):
            del os.environ[name]


def free_port() -> int:
    """A TCP port that was free a moment ago (the child binds it right after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(
    port: int, process: subprocess.Popen[bytes] | None = None, timeout: float = STARTUP_TIMEOUT_S
) -> None:
    """Block until something accepts connections on 127.0.0.1:port (or the child died / the timeout passed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f}s")


def python_module(module: str, *args: str) -> list[str]:
    """The command line that runs `python -m module args` with this interpreter."""
    return [sys.executable, "-m", module, *args]


def stop_process(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> int:
    """SIGTERM, wait, SIGKILL if it does not go; returns the exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return int(process.returncode)


@contextlib.contextmanager
def child_process(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path = REPO_ROOT,
    stdout: IO[bytes] | int | None = subprocess.DEVNULL,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a child for the duration of a `with` block; it is stopped (SIGTERM, then SIGKILL) whatever happens."""
    process = subprocess.Popen(
        list(args),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.STDOUT if stdout is not None else None,
    )
    try:
        yield process
    finally:
        stop_process(process)


@contextlib.contextmanager
def scratch_postgres(admin_url: str = DEFAULT_POSTGRES_URL) -> Iterator[str]:
    """A fresh, empty database on the server of `admin_url`, dropped afterwards; yields its URL."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from store.db import make_engine

    name = f"mw_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method: a value that was actually measured."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def figure(label: str, value: str, bar: str, met: bool | None = None) -> str:
    """One result line: the figure, the SPEC bar beside it and whether it is met."""
    outcome = "" if met is None else f"  → {verdict(met)}"
    return f"  {label:<34} {value:>18}   bar: {bar}{outcome}"


def machine() -> str:
    """CPU count and model, RAM, Python, the date and the load: what a reader needs to compare figures."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram_gib = math.nan
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gib = int(line.split()[1]) / 1024 / 1024
                break
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0]  # other work on the machine skews CPU-time figures: say how busy it was
    return (
        f"{cpus} CPU ({model}), {ram_gib:.1f} GiB RAM, Python {platform.python_version()}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {load:.2f} at start"
    )


# --- loopback content: feeds in the real Google News shape, market answers from the real fixtures ----------------

FIXTURES = REPO_ROOT / "tests" / "fixtures"
#: The real Google News search RSS sample (tests/fixtures/rss); its channel preamble frames every generated feed.
GOOGLE_NEWS_SAMPLE = FIXTURES / "rss" / "google_news_search.xml"
MARKET_FILES_TEMPLATE = "/v8/finance/chart/{ticker}"
#: Paths MinerWatch requests from the market APIs → the real response body served there (every ticker gets the
#: same Yahoo chart: the benchmarks measure work, not prices).
MARKET_FILES = {
    MARKET_FILES_TEMPLATE: FIXTURES / "yahoo" / "chart_weekend_no_timestamp.json",
    "/api/v3/simple/price": FIXTURES / "coingecko" / "simple_price_bitcoin.json",
    "/api/v1/prices": FIXTURES / "mempool" / "prices_2024-03-31.json",
    "/api/v1/mining/hashrate/3d": FIXTURES / "mempool" / "hashrate_3d_2022-05.json",
    "/api/v1/mining/reward-stats/144": FIXTURES / "mempool" / "reward_stats_100_blocks_2022-05.json",
    "/api/v1/difficulty-adjustment": FIXTURES / "mempool" / "difficulty_adjustment_2024-03-31.json",
}


def rss_feed(items: Sequence[tuple[str, str, str]], *, published: datetime | None = None) -> bytes:
    """A Google News search feed (the real sample's channel, items in its shape) of (guid, title, lede) items.
    The items are generated by the benchmark and say so in their publisher ("MinerWatch bench")."""
    from xml.sax.saxutils import escape

    sample = GOOGLE_NEWS_SAMPLE.read_text(encoding="utf-8")
    preamble, tail = sample[: sample.index("<item>")], "</channel></rss>"
    date = email_date(published or datetime.now(UTC))
    body = []
    for guid, title, lede in items:
        link = f"https://news.google.com/rss/articles/{escape(guid)}?oc=5"
        description = escape(f'<a href="{link}" target="_blank">{escape(title)}</a>&nbsp;&nbsp;{escape(lede)}')
        body.append(
            f"<item><title>{escape(title)} - MinerWatch bench</title><link>{link}</link>"
            f'<guid isPermaLink="false">{escape(guid)}</guid><pubDate>{date}</pubDate>'
            f"<description>{description}</description>"
            '<source url="https://bench.invalid">MinerWatch bench</source></item>'
        )
    return (preamble + "".join(body) + tail).encode("utf-8")


def email_date(when: datetime) -> str:
    import email.utils

    return email.utils.format_datetime(when.astimezone(UTC), usegmt=True)


def market_files(tickers: Sequence[str]) -> dict[str, Path]:
    """Every market API path MinerWatch will request for `tickers` → the fixture file that answers it."""
    files = {path: source for path, source in MARKET_FILES.items() if path != MARKET_FILES_TEMPLATE}
    for ticker in tickers:
        files[MARKET_FILES_TEMPLATE.format(ticker=ticker)] = MARKET_FILES[MARKET_FILES_TEMPLATE]
    return files
