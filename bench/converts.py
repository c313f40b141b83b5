"""Convertible-note terms: parse time per release (issue 11 bar: ≤ 20 ms, a 2,500-word release included).

Run from the repository root: `python -m bench.converts` (add `--rounds R`).

Times `parse_convert_terms` (normalising, sentence splitting and every term reader) on each release text: the
team's release fixtures (tests/fixtures/releases), the HTML exhibit fixtures through `release_text` + the parser,
the labelled development texts when ../shared/data/convertibles-dev.jsonl is there (timing only), and one long
release of at least 2,500 words (a team fixture followed by the kind of boilerplate real releases carry:
forward-looking statements, risk language, the company profile, each paragraph varied). Per text: the best of R
rounds (the run least disturbed on a shared machine) and the median round.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from functools import partial

from bench import REPO_ROOT, figure, machine, percentile
from watchers.converts import parse_convert_terms
from watchers.sec_text import release_text

RELEASES = REPO_ROOT / "tests" / "fixtures" / "releases"
EXHIBITS = REPO_ROOT / "tests" / "fixtures" / "sec"
DEV_SET = REPO_ROOT.parent / "shared" / "data" / "convertibles-dev.jsonl"
#: The bar of issue 11, per release.
MAX_PARSE_MS = 20.0
LONG_RELEASE_WORDS = 2500
#: Boilerplate of the kind that makes real releases long (written by the team), varied per paragraph.
BOILERPLATE = (
    "This press release contains forward-looking statements within the meaning of the federal securities laws, "
    "including statements about the expected closing of offering number {n}, the use of its proceeds, the effect "
    "of the capped call transactions and the company's plans for its data-centre sites. Words such as expects, "
    "intends, plans and will identify such statements, which are subject to risks and uncertainties.",
    "Actual results may differ materially because of market conditions, the price of bitcoin, the availability "
    "of power at site {n}, delays in energising new capacity, customer concentration, competition for GPUs and "
    "changes in regulation. The company undertakes no obligation to update these statements after today.",
    "The company operates {n} sites in North America with access to low-cost power and is converting part of its "
    "capacity to high-performance computing for artificial-intelligence customers under long-term contracts.",
    "Neither the notes nor the shares issuable on conversion have been registered, and they may not be offered "
    "or sold in the United States absent registration or an exemption. This release is not an offer to sell "
    "or the solicitation of an offer to buy any security in any jurisdiction numbered {n}.",
)


def long_release() -> str:
    """A team fixture padded with varied boilerplate to at least LONG_RELEASE_WORDS words."""
    parts = [(RELEASES / "northwind_pricing_upsized_capped_call.txt").read_text(encoding="utf-8")]
    number = 0
    while len(" ".join(parts).split()) < LONG_RELEASE_WORDS:
        parts.append(BOILERPLATE[number % len(BOILERPLATE)].format(n=number + 1))
        number += 1
    return "\n\n".join(parts)


def _parse_exhibit(body: bytes) -> object:
    return parse_convert_terms(release_text(body))


def time_ms(function: Callable[[], object], rounds: int) -> tuple[float, float]:
    """(best, median) wall time of `function` over `rounds` runs, in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000.0)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    print(machine())
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(RELEASES.rglob("*.txt"))}
    if DEV_SET.exists():
        for line in DEV_SET.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts[f"dev:{record['id']}"] = record["text"]
    long_text = long_release()
    texts["long release"] = long_text
    best: dict[str, float] = {}
    median: dict[str, float] = {}
    for name, text in texts.items():
        best[name], median[name] = time_ms(partial(parse_convert_terms, text), args.rounds)
    for path in sorted(EXHIBITS.glob("ex99*")):
        body = path.read_bytes()
        name = f"exhibit:{path.name}"
        best[name], median[name] = time_ms(partial(_parse_exhibit, body), args.rounds)
    words = len(long_text.split())
    print(f"{len(best)} releases ({len(texts) - 1} texts, {len(best) - len(texts)} exhibits), {args.rounds} rounds")
    slowest = max(best, key=lambda name: best[name])
    print(figure("p50 per release (best of rounds)", f"{percentile(list(best.values()), 50):.2f} ms", "—"))
    p95 = percentile(list(best.values()), 95)
    print(figure("p95 per release (best of rounds)", f"{p95:.2f} ms", f"≤ {MAX_PARSE_MS:g} ms", p95 <= MAX_PARSE_MS))
    print(figure(f"slowest ({slowest})", f"{best[slowest]:.2f} ms", f"≤ {MAX_PARSE_MS:g} ms", best[slowest] <= 20))
    worst_median = max(median.values())
    print(figure("slowest median round", f"{worst_median:.2f} ms", f"≤ {MAX_PARSE_MS:g} ms", worst_median <= 20))
    long_best, long_median = best["long release"], median["long release"]
    print(
        figure(
            f"{words}-word release (best / median)",
            f"{long_best:.2f} / {long_median:.2f} ms",
            f"≤ {MAX_PARSE_MS:g} ms",
            long_median <= MAX_PARSE_MS,
        )
    )


if __name__ == "__main__":
    main()
