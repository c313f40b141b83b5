"""Deal reader quality on the labelled dev set and parse time per item (SPEC section 6a, issue 12 bars).

Run from the repository root: `python -m bench.deals` (add `--rounds R`, `--jsonl FILE`).

- Quality: `minerwatch deals eval` on ../shared/data/deals-dev.jsonl (25 re-told real items; measured, never tuned
  on): deal-detection F1, how many non-deals were counted as deals, stated fields right on true deals, and fields
  the text does not state kept null.
- Time: `parse_deal_item(title, lede)` on every dev item, and `parse_deal` on the team's written releases
  (tests/fixtures/deals, the EX-99 exhibit as its extracted text), R rounds; p50 / p95 / max per item.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import REPO_ROOT, figure, machine, percentile
from minerwatch.commands.converts import read_release
from minerwatch.commands.deals import evaluate
from minerwatch.commands.jsonl import read_objects as read_items
from watchers.deals import parse_deal, parse_deal_item

DEV_SET = REPO_ROOT.parent / "shared" / "data" / "deals-dev.jsonl"
RELEASES = REPO_ROOT / "tests" / "fixtures" / "deals"
#: Issue 12 quality bars.
MIN_F1 = 0.90
MAX_NON_DEALS_COUNTED = 0.10
MIN_STATED_RIGHT = 0.90
MIN_NULL_KEPT = 0.95


def texts_to_time(dev: list[dict[str, object]]) -> list[Callable[[], object]]:
    """One call per item: the dev items as news items, the written releases as whole texts."""
    calls: list[Callable[[], object]] = []
    for item in dev:
        title, lede = str(item.get("title") or ""), str(item.get("lede") or "")
        calls.append(functools.partial(parse_deal_item, title, lede))
    for path in sorted(RELEASES.iterdir()):
        if path.suffix in (".txt", ".htm"):
            text = read_release(path.read_bytes())
            calls.append(functools.partial(parse_deal, text))
    return calls


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.deals", description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", type=Path, default=DEV_SET, help="labelled items (default: the shared dev set)")
    parser.add_argument("--rounds", type=int, default=20, help="timing rounds over all texts (default 20)")
    args = parser.parse_args(argv)

    with args.jsonl.open(encoding="utf-8") as handle:
        dev = list(read_items(handle, str(args.jsonl)))
    scores = evaluate(dev)
    precision = scores.tp / (scores.tp + scores.fp) if scores.tp + scores.fp else 0.0
    recall = scores.tp / (scores.tp + scores.fn) if scores.tp + scores.fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    non_deals = scores.fp + scores.tn
    counted = scores.fp / non_deals if non_deals else 0.0
    right, stated = sum(scores.right.values()), sum(scores.stated.values())
    stated_share = right / stated if stated else 0.0
    kept = scores.null_kept / scores.unstated if scores.unstated else 1.0

    calls = texts_to_time(dev)
    load_before = os.getloadavg()[0]
    for call in calls:  # warm-up: compiles every pattern once
        call()
    per_item_ms: list[float] = []
    for _ in range(args.rounds):
        for call in calls:
            start = time.perf_counter()
            call()
            per_item_ms.append(1000 * (time.perf_counter() - start))
    load_after = os.getloadavg()[0]

    print(f"Deals benchmark — {machine()}")
    print(f"  {len(dev)} labelled items from {args.jsonl.name}; {len(calls)} texts x {args.rounds} rounds timed")
    print(f"  1-min load average {load_before:.2f} before, {load_after:.2f} after")
    print(figure("deal detection P / R", f"{precision:.3f} / {recall:.3f}", "—"))
    print(figure("deal detection F1", f"{f1:.3f}", f"≥ {MIN_F1:.2f}", f1 >= MIN_F1))
    print(
        figure(
            "non-deals counted as deals",
            f"{scores.fp} / {non_deals} ({counted:.0%})",
            f"≤ {MAX_NON_DEALS_COUNTED:.0%}",
            counted <= MAX_NON_DEALS_COUNTED,
        )
    )
    print(
        figure(
            "stated fields right (true deals)",
            f"{right} / {stated} ({stated_share:.1%})",
            f"≥ {MIN_STATED_RIGHT:.0%}",
            stated_share >= MIN_STATED_RIGHT,
        )
    )
    print(
        figure(
            "unstated fields kept null",
            f"{scores.null_kept} / {scores.unstated} ({kept:.1%})",
            f"≥ {MIN_NULL_KEPT:.0%}",
            kept >= MIN_NULL_KEPT,
        )
    )
    print(figure("parse time per item p50", f"{percentile(per_item_ms, 50):.2f} ms", "reference"))
    print(figure("parse time per item p95", f"{percentile(per_item_ms, 95):.2f} ms", "reference"))
    print(figure("parse time per item max", f"{max(per_item_ms):.2f} ms", "reference"))
    print(json.dumps({"f1": round(f1, 3), "stated_right": round(stated_share, 3), "null_kept": round(kept, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
