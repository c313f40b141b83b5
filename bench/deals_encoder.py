"""Would the MiniLM encoder help tell deals from non-deals? A measurement, not a product path.

Run from the repository root: `python -m bench.deals_encoder` (loads the encoder; about a minute on 2 cores).

A logistic-regression head on the encoder's features (`MiniLMEncoder.features`, as the theme classifier uses) is
trained on the team's own written texts (tests/fixtures/deals, incl. heldout/) and scored on the shared dev set
(../shared/data/deals-dev.jsonl, never trained on), beside the rules of `watchers.deals` and two combinations.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

import numpy as np

from bench import REPO_ROOT, machine
from minerwatch.commands.converts import read_release
from minerwatch.commands.jsonl import read_objects as read_items
from watchers.deals import parse_deal_item

DEV_SET = REPO_ROOT.parent / "shared" / "data" / "deals-dev.jsonl"
WRITTEN = REPO_ROOT / "tests" / "fixtures" / "deals"


def written_set() -> tuple[list[str], np.ndarray]:
    """The team's labelled texts: (texts, 1 for a deal, else 0)."""
    texts, labels = [], []
    for path in sorted(WRITTEN.rglob("*.txt")):
        texts.append(read_release(path.read_bytes()))
        labels.append(1.0 if json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["is_deal"] else 0.0)
    return texts, np.array(labels)


def train_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1e-2, steps: int = 2000) -> np.ndarray:
    """Weights (bias last) of an L2-regularised logistic regression, by plain gradient descent."""
    features = np.hstack([x, np.ones((len(x), 1), dtype=x.dtype)])
    weights = np.zeros(features.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-features @ weights))
        weights -= 0.5 * (features.T @ (p - y) / len(y) + l2 * weights)
    return weights


def f1(truth: Sequence[bool], guess: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(t and g for t, g in zip(truth, guess, strict=True))
    fp = sum(g and not t for t, g in zip(truth, guess, strict=True))
    fn = sum(t and not g for t, g in zip(truth, guess, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.deals_encoder", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    from classifiers.encoder import MiniLMEncoder

    encoder = MiniLMEncoder()
    train_texts, train_labels = written_set()
    with DEV_SET.open(encoding="utf-8") as handle:
        dev = list(read_items(handle, str(DEV_SET)))
    dev_texts = [f"{item['title']}\n\n{item.get('lede') or ''}" for item in dev]
    truth = [bool(item["expected"]["is_deal"]) for item in dev]

    weights = train_logistic(encoder.features(train_texts).astype(np.float64), train_labels)
    dev_x = encoder.features(dev_texts).astype(np.float64)
    scores = 1.0 / (1.0 + np.exp(-(np.hstack([dev_x, np.ones((len(dev_x), 1))]) @ weights)))
    encoder_says = [bool(s >= 0.5) for s in scores]
    rules_say = [parse_deal_item(str(item["title"]), str(item.get("lede") or "")).is_deal for item in dev]

    print(f"Deal detection, encoder head vs rules — {machine()}")
    print(f"  trained on {len(train_texts)} written texts ({int(train_labels.sum())} deals); scored on {len(dev)}")
    for label, guess in (
        ("rules (watchers.deals)", rules_say),
        ("encoder + logistic head", encoder_says),
        ("rules AND encoder", [r and e for r, e in zip(rules_say, encoder_says, strict=True)]),
        ("rules OR encoder", [r or e for r, e in zip(rules_say, encoder_says, strict=True)]),
    ):
        precision, recall, score = f1(truth, guess)
        print(f"  {label:<26} P {precision:.3f}  R {recall:.3f}  F1 {score:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
