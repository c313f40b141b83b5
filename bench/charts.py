"""Chart render time and size (issue 14: a render ≤ 300 ms and ≤ 150 KB).

`python -m bench.charts [--rounds 20]`: renders the three chart kinds the bot sends — a 2-year share-price chart
with four note lines and a dozen 8-K markers (the busiest picture), a 3-month one, BTC 30 days with two threshold
lines, and hashprice 6 months — each `rounds` times in this process after one warm-up render (the first render
pays for font loading and matplotlib's imports), and prints p50 / p95 / max time and the PNG size of each.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from datetime import date, timedelta

from bot.messages.chart import CAP, CONVERSION, FILING, THRESHOLD, ChartData, ChartLine, ChartMarker, render_chart

END = date(2026, 11, 24)


def _series(days: int, base: float, swing: float) -> tuple[tuple[date, float], ...]:
    return tuple(
        (END - timedelta(days=days - i), round(base + swing * math.sin(i / 17) + swing * 0.3 * math.sin(i / 3), 2))
        for i in range(days)
        if (END - timedelta(days=days - i)).weekday() < 5 or base > 1000
    )


def cases() -> dict[str, ChartData]:
    notes = (
        ChartLine(CONVERSION, 76.17, 2026),
        ChartLine(CAP, 27.5, 2031),
        ChartLine(CONVERSION, 25.91, 2030),
        ChartLine(CONVERSION, 18.25, 2031),
    )
    filings = tuple(ChartMarker(END - timedelta(days=60 * i + 5), FILING, "8-K") for i in range(12))
    return {
        "MARA 2y, 4 note lines, 12 8-Ks": ChartData("MARA", "price", "2y", _series(730, 15, 4), notes, filings),
        "MARA 3m, 4 note lines, 2 8-Ks": ChartData("MARA", "price", "3m", _series(91, 15, 4), notes, filings[:2]),
        "BTC 30d, 2 thresholds": ChartData(
            "BTC",
            "price",
            "30d",
            _series(30, 95_000, 6_000),
            (ChartLine(THRESHOLD, 120_000, op=">"), ChartLine(THRESHOLD, 85_000, op="<")),
        ),
        "hashprice 6m, 1 threshold (de)": ChartData(
            "NETWORK", "hashprice", "6m", _series(182, 48, 5), (ChartLine(THRESHOLD, 45, op="<"),), lang="de"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    render_chart(next(iter(cases().values())))
    print(f"warm-up render (imports, fonts): {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"{'chart':34} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'PNG kB':>7}")
    for name, data in cases().items():
        times, size = [], 0
        for _ in range(args.rounds):
            begin = time.perf_counter()
            size = len(render_chart(data))
            times.append((time.perf_counter() - begin) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
        print(f"{name:34} {statistics.median(times):7.0f} {p95:7.0f} {times[-1]:7.0f} {size / 1024:7.1f}")


if __name__ == "__main__":
    main()
