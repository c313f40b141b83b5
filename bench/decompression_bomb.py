"""A compression bomb served as a feed beside a good one: peak RSS, and the good feed's story still delivered.

Each scenario runs in a child process of its own (so its peak RSS is its own): a loopback `FeedServer` serving
the bomb (pre-compressed, with its `Content-Encoding`) and a good feed, the Bot API double, a SQLite store, the
real `NewsJob` (baseline poll, then a poll that sees one new MARA story) and the real `Sender` through
python-telegram-bot. The child reports `ru_maxrss` (peak resident set size) before and after the polls, what
became of the bomb's source and whether the double accepted the story.

    python -m bench.decompression_bomb [--scenario NAME ...] [--classifier keywords|transformer]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import REPO_ROOT, clean_environment, machine, python_module, rss_feed

TOKEN = "777003:bench-decompression-bomb"
CHAT_ID = 42
GIB = 1 << 30
#: scenario → (Content-Encoding, decoded size, what it is)
SCENARIOS: dict[str, tuple[str, int, str]] = {
    "none": ("", 0, "good feed only (reference)"),
    "gzip": ("gzip", GIB, "1 GiB of zeros, gzip"),
    "gzip-gzip": ("gzip, gzip", 768 << 20, "768 MiB of zeros, gzip twice (the reported bomb)"),
    "deflate": ("deflate", GIB, "1 GiB of zeros, zlib deflate"),
    "raw-deflate": ("deflate", GIB, "1 GiB of zeros, raw deflate"),
}
#: SPEC 10: the whole process with the model loaded stays under this.
BAR_RSS_MB = 800
OLD = ("bench-old", "Cipher Mining opens a new site", "Cipher Mining (NASDAQ: CIFR) opened a site.")
NEW = ("bench-new", "MARA prices convertible notes", "MARA Holdings (NASDAQ: MARA) priced convertible notes.")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build_body(scenario: str) -> bytes:
    from tests.bombs import bomb, gzip_twice

    _, size, _ = SCENARIOS[scenario]
    if scenario == "gzip-gzip":
        return gzip_twice(size)
    return bomb(size, scenario)


async def child(scenario: str, classifier_kind: str, workdir: Path) -> dict[str, Any]:
    """One scenario in this process; returns the figures as a dict."""
    from sqlmodel import select
    from telegram import Bot

    from bot.app import TelegramTransport
    from bot.sender import Sender
    from classifiers import load_classifier
    from classifiers.base import THEMES
    from minerwatch.config import FeedConfig, load_settings
    from minerwatch.jobs.news import NewsJob
    from store import queries
    from store.db import make_engine, migrate, session_scope
    from store.models import Source
    from tests.doubles.botapi import BotApiDouble
    from tests.doubles.http_server import FeedServer
    from watchers.http import make_client

    encoding = SCENARIOS[scenario][0]
    body = build_body(scenario) if encoding else b""
    classifier = load_classifier(classifier_kind)
    classifier.classify_batch(["MinerWatch warm-up"])  # the model is loaded before the polls, as at start-up
    engine = make_engine(f"sqlite:///{workdir / 'bench.db'}")
    migrate(engine)
    with session_scope(engine) as session:
        queries.register_chat(
            session,
            CHAT_ID,
            chat_type="private",
            title="bench",
            thread_id=None,
            default_tickers=["MARA"],
            themes=THEMES,
        )
    now = datetime.now(UTC)
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds:
        feeds.route("/good.xml", rss_feed([OLD], published=now))
        urls = [feeds.url("/good.xml")]
        if encoding:
            headers = {"Content-Encoding": encoding}
            feeds.route("/bomb.xml", body, gzip=False, headers=headers, content_type="application/rss+xml")
            urls.append(feeds.url("/bomb.xml"))
        settings = load_settings(None, use_default_path=False)
        settings = settings.model_copy(update={"feeds": [FeedConfig(url=url, name=url) for url in urls]})
        clock = [now]
        client = make_client("MinerWatch bench (decompression bomb)")
        job = NewsJob(engine, client, classifier, settings, clock=lambda: clock[0])
        before = peak_rss_mb()
        await job.run_once()  # baseline
        clock[0] = now + timedelta(hours=2)  # both feeds due again
        feeds.update("/good.xml", body=rss_feed([NEW, OLD], published=now + timedelta(hours=1)))
        report = await job.run_once()
        after_polls = peak_rss_mb()
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            sent = await Sender(engine, TelegramTransport(bot)).run_once()
        await client.aclose()
        with session_scope(engine) as session:
            bomb_source = session.exec(select(Source).where(Source.key == feeds.url("/bomb.xml"))).first()
            failure = (bomb_source.failures, bomb_source.last_error) if bomb_source else (0, None)
        delivered = [m.plain_text for m in api.sent if NEW[1] in m.plain_text]
    return {
        "scenario": scenario,
        "wire_bytes": len(body),
        "rss_before_polls_mb": round(before, 1),
        "peak_rss_mb": round(max(after_polls, peak_rss_mb()), 1),
        "bomb_failures": failure[0],
        "bomb_error": failure[1],
        "new_items": report.new_items,
        "sent": sent.sent,
        "story_delivered": bool(delivered),
    }


def run_child(scenario: str, classifier_kind: str) -> dict[str, Any]:
    command = python_module("bench.decompression_bomb", "--child", scenario, "--classifier", classifier_kind)
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"{scenario}: child exited with {done.returncode}\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.decompression_bomb", description=__doc__)
    parser.add_argument("--scenario", action="append", choices=sorted(SCENARIOS), help="default: all")
    parser.add_argument("--classifier", default="keywords", choices=["keywords", "transformer"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    clean_environment()
    if args.child:
        with tempfile.TemporaryDirectory(prefix="mw-bomb-") as workdir:
            figures = asyncio.run(child(args.child, args.classifier, Path(workdir)))
        print(json.dumps(figures))
        return 0
    print(f"Decompression bombs beside a good feed, {args.classifier} classifier — {machine()}")
    failed = False
    for scenario in args.scenario or list(SCENARIOS):
        result = run_child(scenario, args.classifier)
        ok = result["story_delivered"] and result["peak_rss_mb"] <= BAR_RSS_MB
        ok = ok and (scenario == "none" or result["bomb_failures"] >= 1)
        failed |= not ok
        print(
            f"  {scenario:<12} {SCENARIOS[scenario][2]:<50} wire {result['wire_bytes']:>9,} B  "
            f"peak RSS {result['peak_rss_mb']:>7.1f} MB (before polls {result['rss_before_polls_mb']:.1f})  "
            f"story delivered: {result['story_delivered']}  bomb source: "
            f"{result['bomb_failures']} failure(s) {result['bomb_error'] or ''}"
        )
    print(
        f"  bar: peak RSS ≤ {BAR_RSS_MB} MB, the good story delivered, the bomb's source failing → "
        f"{'met' if not failed else 'MISSED'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
