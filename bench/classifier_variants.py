"""Classifier variants compared by cross-validation on the team's own data only (never on the dev set).

Run from the repository root: `python -m bench.classifier_variants` (a few minutes on 2 cores).

One forward pass per training text gives every pooling the variants need: all tokens, headline tokens, lede tokens,
and all tokens of layer 4, each for the text as written and with German domain words in English. Each variant is a
feature set and a choice of training items; its heads are the production ones (`classifiers.training`, L2 0.1,
one 5-fold split), and its out-of-fold macro-F1 is reported on the old items, the items added for issue 13, and the
German items. Thresholds are tuned on the same out-of-fold scores, so the figures are optimistic, equally so for
every variant.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from classifiers.base import THEMES
from classifiers.encoder import EMBEDDING_DIM, MiniLMEncoder, _mean_pool, headline_length, length_sorted_batches
from classifiers.evaluation import read_labelled
from classifiers.glossary import domain_terms
from classifiers.training import (
    FOLDS,
    best_threshold,
    data_files,
    f1_at,
    fit_head_weights,
    fold_ids,
    label_matrix,
    sigmoid,
)

#: The files written for issue 13; every other training file is "old".
ISSUE_13_FILES = ("energy6.jsonl", "capital6.jsonl", "german.jsonl", "none5.jsonl")
L2 = 0.1


def poolings(encoder: MiniLMEncoder, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Mean-pools of one forward pass per text: "all", "headline", "lede" (last layer) and "layer4" (all tokens)."""
    import torch

    encoder.load()
    out = {
        name: np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32) for name in ("all", "headline", "lede", "layer4")
    }
    for index_batch in length_sorted_batches(texts, encoder.batch_size):
        batch_texts = [texts[i] for i in index_batch]
        headline_chars = torch.tensor([headline_length(t) for t in batch_texts]).unsqueeze(1)
        with torch.inference_mode():
            batch = encoder._tokenize(batch_texts, offsets=True)
            token_ends = batch.pop("offset_mapping")[:, :, 1]
            result = encoder._model(**batch, output_hidden_states=True)
        mask = batch["attention_mask"].unsqueeze(-1).float()
        real = (token_ends > 0).unsqueeze(-1).float() * mask
        in_headline = ((token_ends > 0) & (token_ends <= headline_chars)).unsqueeze(-1).float() * mask
        in_lede = real - in_headline
        pools = {
            "all": (result.last_hidden_state.float(), mask),
            "headline": (
                result.last_hidden_state.float(),
                torch.where(in_headline.sum(1, keepdim=True) > 0, in_headline, mask),
            ),
            "lede": (result.last_hidden_state.float(), torch.where(in_lede.sum(1, keepdim=True) > 0, in_lede, mask)),
            "layer4": (result.hidden_states[4].float(), mask),
        }
        for name, (states, weights) in pools.items():
            out[name][index_batch] = _mean_pool(states, weights).numpy()
    return out


def out_of_fold_f1(
    x: np.ndarray, labels: np.ndarray, trained: np.ndarray, groups: dict[str, np.ndarray]
) -> dict[str, float]:
    """Macro-F1 per group of items: out-of-fold for trained items, the mean of the fold heads for the others."""
    trained_index = np.flatnonzero(trained)
    folds = fold_ids(len(trained_index), repeats=1)[0]
    scores = np.zeros_like(labels)
    for fold in range(FOLDS):
        fit_rows, held_out = trained_index[folds != fold], trained_index[folds == fold]
        weights, bias = fit_head_weights(x[fit_rows], labels[fit_rows], L2)
        scores[held_out] = sigmoid(x[held_out] @ weights.T + bias)
        scores[~trained] += sigmoid(x[~trained] @ weights.T + bias) / FOLDS
    thresholds = [best_threshold(scores[trained, j], labels[trained, j]) for j in range(len(THEMES))]
    return {
        name: float(np.mean([f1_at(scores[rows, j], labels[rows, j], thresholds[j]) for j in range(len(THEMES))]))
        for name, rows in groups.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.classifier_variants", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    files = data_files()
    items = read_labelled(files)
    source = np.array(
        [path.name for path in files for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
    )
    labels = label_matrix(items)
    new = np.isin(source, ISSUE_13_FILES)
    groups = {"old items": ~new, "new items": new, "German items": source == "german.jsonl"}
    encoder = MiniLMEncoder()
    written = poolings(encoder, [item.text for item in items])
    englished = poolings(encoder, [domain_terms(item.text) for item in items])
    everything = np.ones(len(items), dtype=bool)
    variants: list[tuple[str, list[np.ndarray], np.ndarray]] = [
        ("main's features, old items only", [written["all"], written["headline"]], ~new),
        ("+ the new items", [written["all"], written["headline"]], everything),
        ("+ a lede mean-pool", [written["all"], written["headline"], written["lede"]], everything),
        ("+ a layer-4 mean-pool", [written["all"], written["headline"], written["layer4"]], everything),
        ("+ German words in English (shipped)", [englished["all"], englished["headline"]], everything),
    ]
    print(f"{'variant':<40}" + "".join(f"{name:>15}" for name in groups))
    for name, features, trained in variants:
        f1 = out_of_fold_f1(np.hstack(features).astype(np.float64), labels, trained, groups)
        print(f"{name:<40}" + "".join(f"{f1[group]:>15.3f}" for group in groups), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
