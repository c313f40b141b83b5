"""News item with a deal → deal alert accepted (issue 12: p95 ≤ 0.5 s of processing after the poll that saw it).

The set-up of bench.news_latency (the real Runtime against the Bot API double and a loopback feed server, 10 feeds
polled every second, one chat), but each round's new item announces a signed AI/HPC deal with its own tenant, so
it goes through the deal extractor and the deal store and out as a deal alert (🏗) instead of a news alert.
Latency = the double accepting that deal alert − the feed server serving the poll that first contained the item.

    python -m bench.deals_latency [--rounds 50] [--classifier keywords|transformer|both]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench import clean_environment, machine
from bench.news_latency import POLL_INTERVAL_S, QUIET_FEEDS, Rounds, measure, report
from tests.doubles.botapi_types import SentMessage


class DealRounds(Rounds):
    """Counts what kind of message each round produced: the bar is about deal alerts, and there is one per item."""

    def __init__(self) -> None:
        super().__init__()
        self.deal_alerts = 0
        self.other_alerts = 0

    def on_send(self, message: SentMessage) -> None:
        if "bench round" in message.plain_text:
            if message.plain_text.startswith("🏗"):
                self.deal_alerts += 1
            else:
                self.other_alerts += 1
        super().on_send(message)


def deal_item(number: int) -> tuple[str, str, str]:
    """A new signed MARA deal for round `number` (bench-generated; a tenant of its own, so each is a new deal)."""
    marker = f"bench round {number:03d}"
    tenant = f"Tenant{abs(number):03d}{'n' if number < 0 else ''} Cloud"
    title = f"MARA signs five-year AI cloud contract with {tenant} ({marker})"
    lede = (
        f"MARA Holdings (NASDAQ: MARA) has signed a five-year AI cloud contract with {tenant} worth "
        f"${1 + abs(number) / 10:.1f} billion, covering {100 + abs(number)} MW at its Garden City, Texas site."
    )
    return f"bench-deal-{number:03d}", title, lede


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.deals_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="measured rounds per classifier (default 50)")
    parser.add_argument("--classifier", choices=("keywords", "transformer", "both"), default="keywords")
    args = parser.parse_args(argv)
    clean_environment()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    kinds = ("keywords", "transformer") if args.classifier == "both" else (args.classifier,)
    print(f"Deal alert latency benchmark on {machine()}")
    print(f"{args.rounds} rounds per classifier, polls every {POLL_INTERVAL_S}s, {QUIET_FEEDS + 1} feeds, one chat")
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="mw-deals-latency-") as tmp:
        for kind in kinds:
            state = DealRounds()
            warmup, latencies, missed = asyncio.run(measure(kind, args.rounds, Path(tmp), deal_item, state))
            report(kind, args.rounds, warmup, latencies, missed)
            print(f"messages: {state.deal_alerts} deal alerts, {state.other_alerts} others (one deal alert per item)")
    print(f"\ntook {(datetime.now(UTC) - started).total_seconds():.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
