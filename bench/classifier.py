"""Classifier throughput and latency beside the bare encoder, in the same process (SPEC section 10).

Run from the repository root: `python -m bench.classifier` (add `--items N`, `--rounds R`, `--single N`).

- Batched: `TransformerClassifier.classify_batch` against the bare encoder (tokenize + forward, no pooling, no
  head) on the same length-sorted batches of N items, interleaved batch by batch (which goes first alternates).
  Headline figure: each batch's best time over R rounds, summed (as `timeit` does: the run least disturbed by
  other processes on a shared machine). Beside it: the median round, i.e. what the current load allowed.
- Single item: p50 / p95 of `classify_batch([text])` and of one bare forward pass, interleaved text by text.
- Peak RSS of the whole process (model loaded, all of the above done).
Texts are real headlines and ledes (../shared/data/headlines-dev.jsonl, timing only), else the training data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from collections.abc import Callable, Sequence

from bench import REPO_ROOT, figure, machine, percentile
from classifiers.base import item_text
from classifiers.encoder import MiniLMEncoder, length_sorted_batches
from classifiers.transformer import TransformerClassifier

SHARED_HEADLINES = REPO_ROOT.parent / "shared" / "data" / "headlines-dev.jsonl"
TRAINING_DATA = REPO_ROOT / "classifiers" / "data"
#: SPEC section 10 bars.
MIN_ITEMS_PER_S = 200.0
MIN_SHARE_OF_BARE = 0.90
MAX_SINGLE_P95_MS = 50.0
MAX_PROCESS_RSS_MB = 800.0


def load_texts(count: int) -> list[str]:
    """`count` item texts, cycling through the real headlines (or the training data if they are absent)."""
    texts: list[str] = []
    if SHARED_HEADLINES.exists():
        for line in SHARED_HEADLINES.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append(item_text(record.get("title") or "", record.get("lede")))
    else:
        for path in sorted(TRAINING_DATA.glob("*.jsonl")):
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [texts[i % len(texts)] for i in range(count)]


def interleaved_round(
    classifier: TransformerClassifier, encoder: MiniLMEncoder, texts: Sequence[str]
) -> tuple[list[float], list[float]]:
    """Seconds per batch for the bare encoder and for the classifier on the same batches, alternating who goes
    first."""
    bare_s, classifier_s = [], []
    for number, index_batch in enumerate(length_sorted_batches(texts, encoder.batch_size)):
        batch = [texts[i] for i in index_batch]
        if number % 2:
            classifier_s.append(timed(classifier.classify_batch, batch))
            bare_s.append(timed(encoder.forward, batch))
        else:
            bare_s.append(timed(encoder.forward, batch))
            classifier_s.append(timed(classifier.classify_batch, batch))
    return bare_s, classifier_s


def best_and_median_rate(items: int, rounds: list[list[float]]) -> tuple[float, float]:
    """Items/s from the per-batch best times over all rounds, and from the median round's total time."""
    best_total = sum(min(times) for times in zip(*rounds, strict=True))
    median_total = statistics.median(sum(times) for times in rounds)
    return items / best_total, items / median_total


def timed(work: Callable[..., object], *args: object) -> float:
    """Wall seconds of one call."""
    start = time.perf_counter()
    work(*args)
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.classifier", description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1024, help="items per batched round (default 1024)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per side (default 5)")
    parser.add_argument("--single", type=int, default=200, help="single-item calls per side (default 200)")
    args = parser.parse_args(argv)

    rss_before = peak_rss_mb()
    classifier = TransformerClassifier()
    load_s = timed(classifier.load)
    encoder = classifier.encoder
    rss_loaded = peak_rss_mb()
    texts = load_texts(args.items)
    load_before = os.getloadavg()[0]
    interleaved_round(classifier, encoder, texts[:256])  # warm-up: first calls allocate and pick kernels

    rounds = [interleaved_round(classifier, encoder, texts) for _ in range(args.rounds)]
    bare_rate, bare_median_rate = best_and_median_rate(len(texts), [bare for bare, _ in rounds])
    clf_rate, clf_median_rate = best_and_median_rate(len(texts), [clf for _, clf in rounds])

    single_clf_ms, single_bare_ms = [], []
    for text in texts[: args.single]:
        single_bare_ms.append(1000 * timed(encoder.forward, [text]))
        single_clf_ms.append(1000 * timed(classifier.classify_batch, [text]))
    rss_peak = peak_rss_mb()
    load_after = os.getloadavg()[0]

    share = clf_rate / bare_rate
    median_share = clf_median_rate / bare_median_rate
    p95 = percentile(single_clf_ms, 95)
    import torch

    print(f"Classifier benchmark — {machine()}")
    print(
        f"  torch {torch.__version__}, {torch.get_num_threads()} threads, encoder dtype {encoder.dtype}, "
        f"batch {encoder.batch_size}, max {encoder.max_tokens} tokens, {len(texts)} items x {args.rounds} rounds"
    )
    print(f"  model load {load_s:.1f} s; 1-min load average {load_before:.2f} before, {load_after:.2f} after")
    print(figure("batched, bare encoder (best)", f"{bare_rate:.0f} items/s", "reference"))
    print(figure("batched, classifier (best)", f"{clf_rate:.0f} items/s", f"≥ {MIN_ITEMS_PER_S:.0f}", clf_rate >= 200))
    print(figure("classifier / bare encoder (best)", f"{share:.1%}", f"≥ {MIN_SHARE_OF_BARE:.0%}", share >= 0.9))
    print(figure("batched, bare / classifier (median)", f"{bare_median_rate:.0f} / {clf_median_rate:.0f}", "—"))
    print(figure("classifier / bare encoder (median)", f"{median_share:.1%}", "—"))
    print(figure("single item p50, bare encoder", f"{percentile(single_bare_ms, 50):.1f} ms", "reference"))
    print(figure("single item p95, bare encoder", f"{percentile(single_bare_ms, 95):.1f} ms", "reference"))
    print(figure("single item p50, classifier", f"{percentile(single_clf_ms, 50):.1f} ms", "—"))
    print(figure("single item p95, classifier", f"{p95:.1f} ms", f"≤ {MAX_SINGLE_P95_MS:.0f} ms", p95 <= 50))
    print(figure("RSS before model / after load", f"{rss_before:.0f} / {rss_loaded:.0f} MB", "—"))
    print(figure("peak RSS (this process)", f"{rss_peak:.0f} MB", f"≤ {MAX_PROCESS_RSS_MB:.0f} MB (whole bot)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
