"""New feed item → sendMessage accepted (SPEC 10: p95 ≤ 0.5 s of processing after the poll that saw it).

Runs the real Runtime (bot, watchers and sender roles, SQLite) in this process against the Bot API double and a
loopback feed server, once with the keyword classifier and once with the transformer. A chat sends /start; then,
round after round, a new MARA item is added to one of the feeds. Latency of a round = the moment the double
accepted the sendMessage carrying that item − the moment the feed server served the poll response that first
contained it. So the wait for the next poll is excluded; parsing, storing, classifying, queueing and sending
are included. The first round after start is reported on its own (it pays one-time costs such as loading the model).

    python -m bench.news_latency [--rounds 50] [--classifier keywords|transformer|both]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench import GOOGLE_NEWS_SAMPLE, clean_environment, figure, machine, market_files, percentile, rss_feed
from minerwatch.config import Settings, load_settings
from minerwatch.defaults import DEFAULT_MINERS
from minerwatch.runtime import Runtime
from tests.doubles.botapi import BotApiDouble
from tests.doubles.botapi_types import SentMessage
from tests.doubles.http_server import FeedServer, RecordedRequest

TOKEN = "777001:bench-news-latency"
CHAT_ID = 42
#: SPEC 10: p95 of the processing after the poll that saw the item.
BAR_P95_S = 0.5
#: Polls run every second (the shortest interval the config allows), so rounds are quick.
POLL_INTERVAL_S = 1
#: Feeds beside the one that changes (they answer 304 after their first poll, as most real feeds do).
QUIET_FEEDS = 9
#: Items a feed keeps (a new one pushes the oldest out), about a real news-search feed's page.
FEED_ITEMS = 20
#: A round that produced no message within this time is counted as missed.
ROUND_TIMEOUT_S = 15.0
#: Pause after each alert, longer than the sender's one-message-a-second pacing per chat, so a round never
#: waits for the previous round's pacing (that is a per-chat limit, not processing).
PAUSE_AFTER_ALERT_S = 1.5
CHANGING_FEED = "/news/mara.xml"


@dataclass
class Rounds:
    """Times (epoch seconds) seen by the doubles, keyed by the round's marker text."""

    current: str | None = None
    served: dict[str, float] = field(default_factory=dict)
    accepted: dict[str, float] = field(default_factory=dict)

    def on_request(self, request: RecordedRequest) -> None:
        """The first 200 for the changing feed after a round's item was added is the poll that saw it."""
        if request.path == CHANGING_FEED and request.status == 200 and self.current and self.current not in self.served:
            self.served[self.current] = request.at

    def on_send(self, message: SentMessage) -> None:
        for marker in (self.current, *self.served):
            if marker and marker in message.plain_text and marker not in self.accepted:
                self.accepted[marker] = time.time()
                return

    def latency(self, marker: str) -> float | None:
        if marker in self.served and marker in self.accepted:
            return self.accepted[marker] - self.served[marker]
        return None


def round_item(number: int) -> tuple[str, str, str]:
    """A new MARA story for round `number` (bench-generated; the headline varies so each is its own story)."""
    marker = f"bench round {number:03d}"
    title = f"MARA Holdings signs {100 + number} MW hosting lease with AI cloud tenant ({marker})"
    lede = f"MARA Holdings (NASDAQ: MARA) agreed to host GPUs for an AI cloud provider at its site {number}."
    return f"bench-{number:03d}", title, lede


def write_config(workdir: Path, feeds: FeedServer, api: BotApiDouble, classifier: str) -> Settings:
    quiet = "".join(
        f'[[feeds]]\nurl = "{feeds.url(f"/news/quiet-{index}.xml")}"\nname = "Quiet feed {index}"\n'
        for index in range(QUIET_FEEDS)
    )
    config = workdir / f"latency-{classifier}.toml"
    config.write_text(
        f"""
[telegram]
token = "{TOKEN}"
api_url = "{api.base_url}"
[database]
url = "sqlite:///{workdir / f"latency-{classifier}.db"}"
[news]
interval = "{POLL_INTERVAL_S}s"
[sender]
interval = "1s"
[classifier]
kind = "{classifier}"
[prices]
yahoo_url = "{feeds.origin}"
stooq_url = "{feeds.origin}"
coingecko_url = "{feeds.origin}"
[network]
mempool_url = "{feeds.origin}"
[[feeds]]
url = "{feeds.url(CHANGING_FEED)}"
name = "MARA news search"
{quiet}""",
        encoding="utf-8",
    )
    return load_settings(config)


async def wait_until(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


async def measure(
    classifier: str,
    rounds: int,
    workdir: Path,
    item_of: Callable[[int], tuple[str, str, str]] = round_item,
    state: Rounds | None = None,
) -> tuple[float | None, list[float], int]:
    """Run warm-up + `rounds` rounds of `item_of(number)` items; returns (warm-up latency, latencies, missed
    rounds)."""
    state = state or Rounds()
    async with BotApiDouble(token=TOKEN, on_send=state.on_send) as api, FeedServer() as feeds:
        feeds.on_request = state.on_request
        items = [item_of(-n) for n in range(1, FEED_ITEMS + 1)]  # what the feed holds before the first poll
        feeds.route(CHANGING_FEED, rss_feed(items), etag='"v0"')
        quiet_body = GOOGLE_NEWS_SAMPLE.read_bytes()
        for index in range(QUIET_FEEDS):
            feeds.route(f"/news/quiet-{index}.xml", quiet_body, etag=f'"quiet-{index}"')
        for path, source in market_files([str(m["ticker"]) for m in DEFAULT_MINERS]).items():
            feeds.route(path, source.read_bytes(), content_type="application/json")
        runtime = Runtime(write_config(workdir, feeds, api, classifier), print_fn=lambda text: None)
        await runtime.start()
        try:
            await api.wait_for_calls("getUpdates", timeout=30)
            api.push_text(CHAT_ID, CHAT_ID, "/start")
            await api.wait_for_messages(1, timeout=30)
            if not await wait_until(lambda: len(feeds.requests_for(CHANGING_FEED)) >= 2, 30):  # baseline done
                raise RuntimeError("the feed was not polled twice within 30 s")
            warmup: float | None = None
            latencies: list[float] = []
            missed = 0
            for number in range(rounds + 1):
                item = item_of(number)
                marker = f"bench round {number:03d}"
                items = [item, *items][:FEED_ITEMS]
                state.current = marker
                feeds.update(CHANGING_FEED, body=rss_feed(items), etag=f'"v{number + 1}"')
                await wait_until(lambda m=marker: m in state.accepted, ROUND_TIMEOUT_S)  # type: ignore[misc]
                latency = state.latency(marker)
                if number == 0:
                    warmup = latency
                elif latency is None:
                    missed += 1
                else:
                    latencies.append(latency)
                await asyncio.sleep(PAUSE_AFTER_ALERT_S)
            return warmup, latencies, missed
        finally:
            await runtime.stop()


def report(classifier: str, rounds: int, warmup: float | None, latencies: list[float], missed: int) -> None:
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    worst = max(latencies) if latencies else float("nan")
    print(f"\n{classifier} classifier: {len(latencies)} of {rounds} rounds measured, {missed} missed")
    print(figure("p50 after the poll that saw it", f"{p50:.3f} s", "—"))
    print(figure("p95 after the poll that saw it", f"{p95:.3f} s", f"p95 ≤ {BAR_P95_S} s", p95 <= BAR_P95_S))
    print(figure("max", f"{worst:.3f} s", "—"))
    first = "no alert" if warmup is None else f"{warmup:.3f} s"
    print(figure("first alert after start (warm-up)", first, "not in the percentiles"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.news_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="measured rounds per classifier (default 50)")
    parser.add_argument("--classifier", choices=("keywords", "transformer", "both"), default="both")
    args = parser.parse_args(argv)
    clean_environment()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    kinds = ("keywords", "transformer") if args.classifier == "both" else (args.classifier,)
    print(f"News latency benchmark on {machine()}")
    print(f"{args.rounds} rounds per classifier, polls every {POLL_INTERVAL_S}s, {QUIET_FEEDS + 1} feeds, one chat")
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="mw-latency-") as tmp:
        for kind in kinds:
            warmup, latencies, missed = asyncio.run(measure(kind, args.rounds, Path(tmp)))
            report(kind, args.rounds, warmup, latencies, missed)
    print(f"\ntook {(datetime.now(UTC) - started).total_seconds():.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
