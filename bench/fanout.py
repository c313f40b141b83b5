"""A digest to 3,000 chats across a kill -9 of the sender (SPEC 10: ≥ 27 messages/s, no 429 from a Bot API that
enforces the limits, none lost, none twice).

The Bot API double runs in its own process with Telegram's flood limits (`--enforce-limits`) and, on exit, reports
every message it accepted and how many 429s it answered (`--report`). The database gets 3,000 registered chats
(one in ten a supergroup) and one digest each in the outbox (`outbox_queries.enqueue(kind="digest")`; the text is a real
`format_digest` of bench-generated stories, with the idempotency key on its last line so the double's copy can
be traced back to its row). Then `minerwatch run --roles sender` starts as a child process, is killed with SIGKILL
after ~40 s, is started again and runs until the outbox is drained. Run on SQLite and on a scratch PostgreSQL
database (created and dropped on the server of --postgres-url).

    python -m bench.fanout [--chats 3000] [--kill-after 40] [--database sqlite|postgres|both] [--postgres-url URL]

With `--senders 1,2,3` it runs the several-senders case instead (issue 8): for each count, a fresh PostgreSQL
database with --chats chats and one digest each, that many `--roles sender` processes started together against
one double, no kill, until the outbox is drained; Telegram's limits belong to the token, so all of them
together must stay under the double's limits.

    python -m bench.fanout --senders 1,2,3 --chats 900

Reported: messages/s while a sender was running (accepted ÷ time from the first to the last acceptance of each
run), 429s, duplicates (a key accepted twice), lost rows (neither accepted nor "unknown") and the "unknown" rows
(in flight at the kill, never resent by design), with how many of those the double had in fact accepted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import select

from bench import (
    DEFAULT_POSTGRES_URL,
    clean_environment,
    figure,
    free_port,
    machine,
    python_module,
    scratch_postgres,
    stop_process,
    wait_for_port,
)
from bot.messages.digest import DigestData, DigestPrice, DigestStory, format_digest
from classifiers.base import THEMES
from minerwatch.defaults import DEFAULT_WATCHLIST
from store import outbox_queries, queries
from store.db import make_engine, migrate, session_scope
from store.models import Outbox

TOKEN = "777002:bench-fanout"
#: SPEC 10 bar for the sending rate.
BAR_RATE = 27.0
#: Private chat ids start here; every tenth chat is a supergroup (-100…).
FIRST_CHAT_ID = 5_000_000
SUPERGROUP_BASE = -1_000_000_000_000
GROUP_EVERY = 10
#: How long the restarted sender may take to drain the outbox (PostgreSQL releases a dead worker's claims only
#: after store.outbox_queries.STALE_CLAIM_AFTER, two minutes).
DRAIN_TIMEOUT_S = 900.0
POLL_S = 0.5
KEY_LINE = re.compile(r"bench-digest:(-?\d+)")


def chat_ids(count: int) -> list[int]:
    return [
        SUPERGROUP_BASE - FIRST_CHAT_ID - n if n % GROUP_EVERY == GROUP_EVERY - 1 else FIRST_CHAT_ID + n
        for n in range(count)
    ]


def digest_text(until: datetime) -> str:
    """One real-format digest (bench-generated stories and the price / network figures of the fixtures)."""
    stories = [
        DigestStory(
            title=f"{name} expands AI hosting capacity by {mw} MW (bench story)",
            link=f"https://bench.invalid/story/{index}",
            tickers=[ticker],
            themes=[theme],
            scores={theme: 0.91},
        )
        for index, (ticker, name, mw, theme) in enumerate(
            [
                ("MARA", "MARA Holdings", 120, "capital_deployment"),
                ("CIFR", "Cipher Mining", 300, "capital_deployment"),
                ("IREN", "IREN", 75, "energy_arbitrage"),
                ("WULF", "TeraWulf", 200, "debt_terms"),
            ]
        )
    ]
    data = DigestData(
        since=until - timedelta(days=1),
        until=until,
        stories=stories,
        prices=[DigestPrice("MARA", 244.87, 0.16), DigestPrice("CIFR", 244.87, 0.16)],
        btc_usd=103663.0,
        hashprice=52.4,
    )
    return format_digest(data, "en", "UTC")


def seed(database_url: str, count: int) -> None:
    """3,000 registered chats and one pending digest row each."""
    engine = make_engine(database_url)
    migrate(engine)
    text = digest_text(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    with session_scope(engine) as session:
        for chat_id in chat_ids(count):
            queries.register_chat(
                session,
                chat_id,
                chat_type="supergroup" if chat_id < 0 else "private",
                title=f"bench chat {chat_id}",
                thread_id=None,
                default_tickers=DEFAULT_WATCHLIST,
                themes=THEMES,
            )
    with session_scope(engine) as session:
        for chat_id in chat_ids(count):
            key = f"bench-digest:{chat_id}"
            outbox_queries.enqueue(
                session, key=key, chat_id=chat_id, text=f"{text}\n<code>{key}</code>", kind="digest",
                disable_preview=True,
            )  # fmt: skip
    engine.dispose()


def outbox_statuses(database_url: str) -> dict[str, str]:
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            return dict(session.exec(select(Outbox.idempotency_key, Outbox.status)).all())  # type: ignore[arg-type]
    finally:
        engine.dispose()


def counts(database_url: str) -> dict[str, int]:
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            return outbox_queries.outbox_counts(session)
    finally:
        engine.dispose()


@dataclass
class Run:
    """What happened in one database's run."""

    database: str
    chats: int
    killed_at: float
    restarted_at: float
    in_flight_at_kill: int
    drained: bool
    report: dict[str, Any]
    statuses: dict[str, str]


def start_sender(workdir: Path, api_port: int, database_url: str, log_name: str) -> subprocess.Popen[bytes]:
    log = (workdir / log_name).open("wb")
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "MINERWATCH_TELEGRAM__API_URL": f"http://127.0.0.1:{api_port}/bot",
        "DATABASE_URL": database_url,
    }
    return subprocess.Popen(
        python_module("minerwatch.cli", "run", "--roles", "sender"),
        cwd=workdir,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_bot_api(workdir: Path, name: str) -> tuple[int, Path, subprocess.Popen[bytes]]:
    """The Bot API double in its own process, enforcing Telegram's limits: (port, report path, process)."""
    port = free_port()
    report_path = workdir / f"botapi-{name}.json"
    api = subprocess.Popen(
        python_module(
            "tests.doubles.botapi",
            "--port",
            str(port),
            "--token",
            TOKEN,
            "--enforce-limits",
            "--report",
            str(report_path),
        ),  # fmt: skip
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / f"botapi-{name}.log").open("wb"),
    )
    return port, report_path, api


def run_once(name: str, database_url: str, chats: int, kill_after: float, workdir: Path) -> Run:
    seed(database_url, chats)
    print(f"\n[{name}] {chats} chats and digest rows queued; starting the Bot API double and the sender")
    port, report_path, api = start_bot_api(workdir, name)
    sender: subprocess.Popen[bytes] | None = None
    try:
        wait_for_port(port, api)
        sender = start_sender(workdir, port, database_url, f"sender-{name}-1.log")
        deadline = time.monotonic() + kill_after
        while time.monotonic() < deadline and sender.poll() is None:
            time.sleep(POLL_S)
        sender.send_signal(signal.SIGKILL)
        sender.wait()
        killed_at = time.time()
        at_kill = counts(database_url)
        print(f"[{name}] sender killed (SIGKILL) after {kill_after:.0f} s: outbox {at_kill}")
        sender = start_sender(workdir, port, database_url, f"sender-{name}-2.log")
        restarted_at = time.time()
        drained = False
        end = time.monotonic() + DRAIN_TIMEOUT_S
        while time.monotonic() < end and sender.poll() is None:
            now = counts(database_url)
            if not any(now.get(state) for state in ("pending", "claimed", "sending")):
                drained = True
                break
            time.sleep(POLL_S)
        print(
            f"[{name}] restarted sender {'drained' if drained else 'did NOT drain'} the outbox: {counts(database_url)}"
        )
    finally:
        if sender is not None:
            stop_process(sender)
        stop_process(api)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return Run(
        name,
        chats,
        killed_at,
        restarted_at,
        at_kill.get("sending", 0),
        drained,
        report,
        outbox_statuses(database_url),
    )


@dataclass
class ParallelRun:
    """What happened when several sender processes drained one outbox together."""

    senders: int
    chats: int
    drained: bool
    report: dict[str, Any]
    statuses: dict[str, str]
    by_worker: dict[str, int]


def sent_by_worker(database_url: str) -> dict[str, int]:
    """Sent rows per sender process (the claim's owner)."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            rows = session.exec(select(Outbox.claimed_by).where(Outbox.status == "sent"))
            return dict(Counter(str(worker) for worker in rows))
    finally:
        engine.dispose()


def run_parallel(database_url: str, chats: int, senders: int, workdir: Path) -> ParallelRun:
    """`senders` sender processes, started together, drain one outbox through one double."""
    seed(database_url, chats)  # migrates too, before the senders start
    print(f"\n[{senders} sender(s)] {chats} chats and digest rows queued; starting the double and the senders")
    port, report_path, api = start_bot_api(workdir, f"senders-{senders}")
    workers: list[subprocess.Popen[bytes]] = []
    drained = False
    try:
        wait_for_port(port, api)
        workers = [
            start_sender(workdir, port, database_url, f"sender-parallel-{senders}-{n + 1}.log") for n in range(senders)
        ]
        end = time.monotonic() + DRAIN_TIMEOUT_S
        while time.monotonic() < end and all(worker.poll() is None for worker in workers):
            if not any(counts(database_url).get(state) for state in ("pending", "claimed", "sending")):
                drained = True
                break
            time.sleep(POLL_S)
    finally:
        for worker in workers:
            stop_process(worker)
        stop_process(api)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return ParallelRun(senders, chats, drained, report, outbox_statuses(database_url), sent_by_worker(database_url))


def busiest_second(times: list[float]) -> int:
    """The most acceptances in any one-second window."""
    times = sorted(times)
    start, most = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def print_parallel(run: ParallelRun) -> None:
    accepted = run.report["accepted"]
    keys = Counter(m.group(0) for message in accepted if (m := KEY_LINE.search(message["text"])))
    count, per_second = rate([message["at"] for message in accepted])
    peak = busiest_second([message["at"] for message in accepted])
    duplicates = sum(n - 1 for n in keys.values() if n > 1)
    lost = [key for key, status in run.statuses.items() if not keys[key]]
    too_many = run.report["too_many_requests"]
    print(f"\n{run.senders} sender process(es), PostgreSQL: {run.chats} digests, {count} accepted by the double")
    print(f"  outbox {dict(Counter(run.statuses.values()))}; sent per process {sorted(run.by_worker.values())}")
    print(figure("messages/s in all", f"{per_second:.1f}/s", f"≥ {BAR_RATE:.0f}/s", per_second >= BAR_RATE))
    print(figure("most messages in one second", str(peak), "reported (the double's bucket: 30, drains 30/s)"))
    print(figure("429 answered", str(too_many), "0", not too_many))
    if run.report.get("refused"):
        print(f"    (refused by limit: {run.report['refused']})")
    print(figure("duplicates (key accepted twice)", str(duplicates), "0", duplicates == 0))
    print(figure("lost (never accepted)", str(len(lost)), "0", not lost))
    if not run.drained:
        print("  the outbox was NOT drained within the time limit")


def rate(times: list[float]) -> tuple[int, float]:
    """(messages, messages per second from the first to the last acceptance)."""
    if len(times) < 2:
        return len(times), float("nan")
    return len(times), (len(times) - 1) / (max(times) - min(times))


def print_run(run: Run) -> None:
    accepted = run.report["accepted"]
    keys = Counter(m.group(0) for message in accepted if (m := KEY_LINE.search(message["text"])))
    before = [message["at"] for message in accepted if message["at"] <= run.killed_at]
    after = [message["at"] for message in accepted if message["at"] > run.killed_at]
    n1, rate1 = rate(before)
    n2, rate2 = rate(after)
    spans = [max(ts) - min(ts) for ts in (before, after) if len(ts) > 1]
    overall = (len(accepted) - len(spans)) / sum(spans) if spans else float("nan")
    duplicates = sum(count - 1 for count in keys.values() if count > 1)
    unknown = [key for key, status in run.statuses.items() if status == "unknown"]
    unknown_accepted = sum(1 for key in unknown if keys[key])
    lost = [key for key, status in run.statuses.items() if status != "unknown" and not keys[key]]
    sent_not_accepted = [key for key, status in run.statuses.items() if status == "sent" and not keys[key]]
    by_status = Counter(run.statuses.values())
    total_time = max(message["at"] for message in accepted) - min(message["at"] for message in accepted)
    print(f"\n{run.database}: {run.chats} digests, {len(accepted)} accepted by the double, outbox {dict(by_status)}")
    print(f"  before the kill: {n1} messages at {rate1:.1f}/s; after the restart: {n2} messages at {rate2:.1f}/s")
    print(f"  first to last acceptance, restart included: {total_time:.0f} s")
    print(figure("messages/s while sending", f"{overall:.1f}/s", f"≥ {BAR_RATE:.0f}/s", overall >= BAR_RATE))
    refused = run.report.get("refused") or {}
    print(
        figure(
            "429 answered to the sender", str(run.report["too_many_requests"]), "0", not run.report["too_many_requests"]
        )
    )
    if refused:
        print(f"    (refused by limit: {refused})")
    print(figure("duplicates (key accepted twice)", str(duplicates), "0", duplicates == 0))
    print(figure("lost (not accepted, not unknown)", str(len(lost)), "0", not lost))
    if sent_not_accepted:
        print(f"    of which marked sent without the double having it: {len(sent_not_accepted)}")
    print(
        figure(
            "unknown (in flight at the kill)",
            f"{len(unknown)}",
            "reported, never resent",
        )
    )
    print(f"    of the {len(unknown)} unknown rows the double had accepted {unknown_accepted}; "
          f"{len(unknown) - unknown_accepted} never arrived (the gap the log reports)")  # fmt: skip
    if not run.drained:
        print("  the outbox was NOT drained within the time limit")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fanout", description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=3000)
    parser.add_argument("--kill-after", type=float, default=40.0, help="seconds before the sender gets SIGKILL")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL, help="server for the scratch database")
    parser.add_argument(
        "--senders", help="comma-separated sender process counts (e.g. 1,2,3): the several-senders case on PostgreSQL"
    )
    args = parser.parse_args(argv)
    clean_environment()
    print(f"Fan-out benchmark on {machine()}")
    if args.senders:
        return several_senders([int(n) for n in args.senders.split(",")], args.chats, args.postgres_url)
    runs = []
    with tempfile.TemporaryDirectory(prefix="mw-fanout-") as tmp:
        workdir = Path(tmp)
        if args.database in ("sqlite", "both"):
            url = f"sqlite:///{workdir / 'fanout.db'}"
            runs.append(run_once("SQLite", url, args.chats, args.kill_after, workdir))
        if args.database in ("postgres", "both"):
            with scratch_postgres(args.postgres_url) as url:
                runs.append(run_once("PostgreSQL", url, args.chats, args.kill_after, workdir))
        for run in runs:
            print_run(run)
        with contextlib.suppress(OSError):
            logs = sorted(workdir.glob("sender-*.log"))
            errors = sum(path.read_text(errors="replace").count(" ERROR ") for path in logs)
            print(f"\nsender log lines at ERROR level: {errors}")
    return 0


def several_senders(counts: list[int], chats: int, postgres_url: str) -> int:
    """The several-senders case: one fresh PostgreSQL database per sender count."""
    runs = []
    with tempfile.TemporaryDirectory(prefix="mw-fanout-") as tmp:
        workdir = Path(tmp)
        for senders in counts:
            with scratch_postgres(postgres_url) as url:
                runs.append(run_parallel(url, chats, senders, workdir))
        for run in runs:
            print_parallel(run)
        logs = sorted(workdir.glob("sender-parallel-*.log"))
        errors = sum(path.read_text(errors="replace").count(" ERROR ") for path in logs)
        print(f"\nsender log lines at ERROR level: {errors}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
