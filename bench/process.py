"""The whole process with the model loaded (SPEC 10: RSS ≤ 800 MB; idle CPU ≤ 3%).

Starts `minerwatch run` (all roles, console mode, transformer classifier, SQLite) as a child process. Its feeds
and market APIs point at `python -m tests.doubles.http_server --dir` in another process: 18 feeds (as many as the
built-in list) in the shape of the real Google News search RSS, and the real Yahoo / CoinGecko / mempool.space
bodies from tests/fixtures. After the baseline poll one feed gets a new item, so the classifier loads its model
(it loads on first use) and an alert is printed; once a few more cycles have run, the benchmark samples the
process's resident memory (VmRSS) and CPU time (utime + stime, all threads) from /proc once a second for 60 s,
with nothing new arriving: news polls every 15 s (default 5 m), quotes every minute, digests are checked
every 30 s.

    python -m bench.process [--sample-seconds 60] [--news-interval 15s]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import (
    child_process,
    clean_environment,
    figure,
    free_port,
    machine,
    market_files,
    python_module,
    rss_feed,
    wait_for_port,
)
from minerwatch.defaults import DEFAULT_MINERS

#: SPEC 10 bars.
BAR_RSS_MB = 800.0
BAR_IDLE_CPU_PCT = 3.0
FEEDS = 18
FEED_ITEMS = 20
#: News cycles to let pass after the alert before sampling (so the first-use costs are behind us).
SETTLE_CYCLES = 2
STARTUP_TIMEOUT_S = 180.0
ALERT_MARK = "──── news → chat"
#: The item that makes the classifier load its model (bench-generated).
NEW_ITEM = (
    "p0-new",
    "MARA Holdings prices $950 million convertible senior notes (bench)",
    "MARA Holdings (NASDAQ: MARA) priced convertible notes to fund AI data centres.",
)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def feed_items(feed: int, newest: int) -> list[tuple[str, str, str]]:
    miners = [(str(m["ticker"]), str(m["name"])) for m in DEFAULT_MINERS]
    items = []
    for number in range(newest, newest - FEED_ITEMS, -1):
        ticker, name = miners[(feed + number) % len(miners)]
        title = f"{name} monthly update {number} (feed {feed}): hashrate and fleet efficiency"
        items.append((f"p{feed}-{number}", title, f"{name} (NASDAQ: {ticker}) published its update {number}."))
    return items


def write_site(root: Path) -> None:
    """The served directory: feeds, and the market API paths with real fixture bodies."""
    for feed in range(FEEDS):
        (root / "feeds").mkdir(parents=True, exist_ok=True)
        (root / "feeds" / f"feed-{feed:02d}.xml").write_bytes(rss_feed(feed_items(feed, FEED_ITEMS)))
    for path, source in market_files([str(m["ticker"]) for m in DEFAULT_MINERS]).items():
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())


def write_config(workdir: Path, origin: str, news_interval: str) -> Path:
    feeds = "".join(
        f'[[feeds]]\nurl = "{origin}/feeds/feed-{n:02d}.xml"\nname = "Bench feed {n}"\n' for n in range(FEEDS)
    )
    config = workdir / "process.toml"
    config.write_text(
        f"""
[database]
url = "sqlite:///{workdir / "process.db"}"
[news]
interval = "{news_interval}"
[classifier]
kind = "transformer"
[prices]
yahoo_url = "{origin}"
stooq_url = "{origin}"
coingecko_url = "{origin}"
[network]
mempool_url = "{origin}"
{feeds}""",
        encoding="utf-8",
    )
    return config


def feed_requests(server_log: Path) -> int:
    """Feed requests the server has answered so far (it prints one line per request)."""
    with contextlib.suppress(OSError):
        return server_log.read_text(errors="replace").count("GET /feeds/")
    return 0


def wait_for(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(0.2)


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process (all its threads), from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            name, amount, _unit = line.split()
            values[name.rstrip(":")] = int(amount) / 1024
    return values["VmRSS"], values["VmHWM"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.process", description=__doc__.splitlines()[0])
    parser.add_argument("--sample-seconds", type=int, default=60)
    parser.add_argument("--news-interval", default="15s", help="the run's [news] interval (default 15s)")
    args = parser.parse_args(argv)
    clean_environment()
    print(f"Process benchmark on {machine()}")
    with tempfile.TemporaryDirectory(prefix="mw-process-") as tmp:
        workdir = Path(tmp)
        site = workdir / "site"
        write_site(site)
        port = free_port()
        server_log = workdir / "feeds.log"
        with (
            server_log.open("wb") as server_out,
            child_process(
                python_module("tests.doubles.http_server", "--port", str(port), "--dir", str(site)), stdout=server_out
            ) as server,
        ):
            wait_for_port(port, server)
            config = write_config(workdir, f"http://127.0.0.1:{port}", args.news_interval)
            out_path = workdir / "minerwatch.out"
            with (
                out_path.open("wb") as out,
                child_process(
                    python_module("minerwatch.cli", "run", "--config", str(config)), cwd=workdir, stdout=out
                ) as process,
            ):
                started = time.monotonic()
                wait_for(lambda: feed_requests(server_log) >= FEEDS, STARTUP_TIMEOUT_S, "the baseline poll")
                baseline_at = time.monotonic() - started
                first = site / "feeds" / "feed-00.xml"
                items = feed_items(0, FEED_ITEMS)
                first.write_bytes(rss_feed([NEW_ITEM, *items[:-1]]))
                wait_for(lambda: ALERT_MARK in out_path.read_text(errors="replace"), STARTUP_TIMEOUT_S, "the alert")
                alert_at = time.monotonic() - started
                settled = feed_requests(server_log) + SETTLE_CYCLES * FEEDS
                wait_for(lambda: feed_requests(server_log) >= settled, STARTUP_TIMEOUT_S, "two more cycles")
                if process.poll() is not None:
                    raise RuntimeError(f"minerwatch run exited with {process.returncode}; see {out_path}")
                samples = sample(process.pid, args.sample_seconds, server_log)
                if "Traceback" in out_path.read_text(errors="replace"):
                    print("  note: minerwatch printed a traceback during the run")
        report(samples, args.news_interval, baseline_at, alert_at)
    return 0


@dataclass(frozen=True)
class Samples:
    """What one idle window looked like from /proc."""

    rss_mb: list[float]
    peak_rss_mb: float
    cpu_s: float
    wall_s: float
    news_cycles: float

    @property
    def cpu_pct(self) -> float:
        return 100.0 * self.cpu_s / self.wall_s


def sample(pid: int, seconds: int, server_log: Path) -> Samples:
    rss: list[float] = []
    requests_before = feed_requests(server_log)
    cpu_start, wall_start = cpu_seconds(pid), time.monotonic()
    for _ in range(seconds):
        time.sleep(1.0)
        rss.append(memory_mb(pid)[0])
    cpu, wall = cpu_seconds(pid) - cpu_start, time.monotonic() - wall_start
    cycles = (feed_requests(server_log) - requests_before) / FEEDS
    return Samples(rss, memory_mb(pid)[1], cpu, wall, cycles)


def report(samples: Samples, news_interval: str, baseline_at: float, alert_at: float) -> None:
    rss = samples.rss_mb
    print(f"  baseline poll done {baseline_at:.1f} s after start; first alert (model loaded) at {alert_at:.1f} s")
    print(
        f"  sampled {samples.wall_s:.0f} s idle: {samples.news_cycles:.1f} news cycles of {FEEDS} feeds (all 304), "
        f"news interval {news_interval}"
    )
    print(figure("RSS, max while idle", f"{max(rss):.0f} MB", f"≤ {BAR_RSS_MB:.0f} MB", max(rss) <= BAR_RSS_MB))
    print(figure("RSS, median while idle", f"{statistics.median(rss):.0f} MB", f"≤ {BAR_RSS_MB:.0f} MB"))
    print(figure("peak RSS since start (VmHWM)", f"{samples.peak_rss_mb:.0f} MB", "—"))
    met = samples.cpu_pct <= BAR_IDLE_CPU_PCT
    print(figure("idle CPU (% of one core)", f"{samples.cpu_pct:.2f} %", f"≤ {BAR_IDLE_CPU_PCT:.0f} %", met))
    print(f"    ({samples.cpu_s:.2f} CPU-s in {samples.wall_s:.0f} s)")


if __name__ == "__main__":
    raise SystemExit(main())
