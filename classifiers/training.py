"""Rebuild the head from the team's labelled JSONL: frozen embeddings, L2 logistic regression per theme,
thresholds tuned per theme on out-of-fold predictions (k-fold validation on the training data only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from classifiers.base import THEMES
from classifiers.encoder import MiniLMEncoder
from classifiers.evaluation import LabelledItem, read_labelled
from classifiers.head import DEFAULT_HEAD_PATH, LinearHead

#: The team-written training data (one or more *.jsonl files of {"text", "themes"}).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"
SEED = 20240813
FOLDS = 5
#: Independent k-fold shuffles pooled for threshold tuning; more repeats give steadier thresholds.
REPEATS = 3
#: L2 strengths tried (penalty lam * |w|^2 / 2 on the summed log-loss); the best by out-of-fold macro-F1 wins.
L2_GRID = (0.01, 0.03, 0.1, 0.3)
#: Candidate thresholds; the lowest allowed keeps rare themes from firing on noise.
THRESHOLD_GRID = np.round(np.arange(0.20, 0.905, 0.01), 2)
NEWTON_STEPS = 50


def data_files(data_dir: Path = DEFAULT_DATA_DIR) -> list[Path]:
    """The JSONL files under the data folder, in a stable order."""
    files = sorted(data_dir.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl training files in {data_dir}")
    return files


def label_matrix(items: Sequence[LabelledItem]) -> np.ndarray:
    """0/1 matrix (items x themes)."""
    return np.array([[1.0 if t in item.themes else 0.0 for t in THEMES] for item in items])


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression by Newton's method (deterministic, converges in a few steps)."""
    n, dim = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    positives = max(y.sum(), 1.0)
    sample_weight = np.where(y > 0, n / (2 * positives), n / (2 * max(n - positives, 1.0)))
    penalty = np.full(dim + 1, l2)
    penalty[-1] = 1e-6  # leave the bias (almost) unpenalised
    coef = np.zeros(dim + 1)
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(design @ coef)))
        gradient = design.T @ (sample_weight * (p - y)) + penalty * coef
        curvature = sample_weight * p * (1 - p)
        hessian = (design * curvature[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        coef -= step
        if np.abs(step).max() < 1e-8:
            break
    return coef[:-1], float(coef[-1])


def fit_head_weights(x: np.ndarray, labels: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """One logistic unit per theme: weights (themes x dim) and bias (themes,)."""
    fitted = [fit_logistic(x, labels[:, j], l2) for j in range(labels.shape[1])]
    return np.stack([w for w, _ in fitted]), np.array([b for _, b in fitted])


def fold_ids(n: int, folds: int = FOLDS, seed: int = SEED, repeats: int = REPEATS) -> np.ndarray:
    """Fixed random fold numbers, one row per repeat: shape (repeats, n)."""
    rng = np.random.default_rng(seed)
    ids = np.empty((repeats, n), dtype=int)
    for r in range(repeats):
        ids[r, rng.permutation(n)] = np.arange(n) % folds
    return ids


def out_of_fold_probabilities(x: np.ndarray, labels: np.ndarray, l2: float, folds: np.ndarray) -> np.ndarray:
    """Each item's scores from heads that never saw it, one block per repeat: shape (repeats * n, themes)."""
    blocks = []
    for repeat in np.atleast_2d(folds):
        probabilities = np.zeros_like(labels)
        for fold in np.unique(repeat):
            held_out = repeat == fold
            weights, bias = fit_head_weights(x[~held_out], labels[~held_out], l2)
            probabilities[held_out] = 1.0 / (1.0 + np.exp(-(x[held_out] @ weights.T + bias)))
        blocks.append(probabilities)
    return np.vstack(blocks)


def f1_at(scores: np.ndarray, truth: np.ndarray, threshold: float) -> float:
    """F1 of `scores >= threshold` against 0/1 truth."""
    predicted = scores >= threshold
    tp = float((predicted & (truth > 0)).sum())
    denominator = predicted.sum() + (truth > 0).sum()
    return 2 * tp / denominator if denominator else 0.0


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """Threshold maximising F1; among near-ties (within 0.005) the middle one, which generalises better."""
    f1s = np.array([f1_at(scores, truth, float(t)) for t in THRESHOLD_GRID])
    near_best = THRESHOLD_GRID[f1s >= f1s.max() - 0.005]
    return float(near_best[len(near_best) // 2])


@dataclass(frozen=True)
class TrainingReport:
    """What `minerwatch train` did: data size, chosen L2, thresholds and validation F1 per theme."""

    items: int
    positives: dict[str, int]
    themeless: int
    l2: float
    thresholds: dict[str, float]
    validation_f1: dict[str, float]
    validation_themeless_tagged_share: float
    head_path: Path

    def summary(self) -> str:
        """Readable lines for the terminal."""
        lines = [
            f"trained on {self.items} items ({self.themeless} theme-less), l2={self.l2}, "
            f"{REPEATS}x{FOLDS}-fold validation",
            f"{'theme':<20} {'items':>5} {'threshold':>9} {'val F1':>7}",
        ]
        for theme in THEMES:
            lines.append(
                f"{theme:<20} {self.positives[theme]:>5} {self.thresholds[theme]:>9.2f} "
                f"{self.validation_f1[theme]:>7.3f}"
            )
        macro = sum(self.validation_f1.values()) / len(THEMES)
        lines.append(f"validation macro-F1 {macro:.3f}; theme-less tagged {self.validation_themeless_tagged_share:.1%}")
        lines.append(f"head written to {self.head_path}")
        return "\n".join(lines)


def train_head(
    embeddings: np.ndarray, labels: np.ndarray, folds: np.ndarray
) -> tuple[LinearHead, float, dict[str, float], float]:
    """Choose L2 and thresholds on out-of-fold scores, then fit the final head on all items."""
    best: tuple[float, float, np.ndarray, np.ndarray] | None = None
    repeats = np.atleast_2d(folds).shape[0]
    labels_oof = np.tile(labels, (repeats, 1))  # out-of-fold rows are stacked repeat by repeat
    for l2 in L2_GRID:
        oof = out_of_fold_probabilities(embeddings, labels, l2, folds)
        thresholds = np.array([best_threshold(oof[:, j], labels_oof[:, j]) for j in range(len(THEMES))])
        macro = float(np.mean([f1_at(oof[:, j], labels_oof[:, j], thresholds[j]) for j in range(len(THEMES))]))
        if best is None or macro > best[0] + 1e-9:
            best = (macro, l2, thresholds, oof)
    assert best is not None
    _, l2, thresholds, oof = best
    validation_f1 = {t: f1_at(oof[:, j], labels_oof[:, j], thresholds[j]) for j, t in enumerate(THEMES)}
    themeless = labels_oof.sum(axis=1) == 0
    tagged = np.any(oof >= thresholds, axis=1, keepdims=False)
    themeless_share = float(tagged[themeless].mean()) if themeless.any() else 0.0
    weights, bias = fit_head_weights(embeddings, labels, l2)
    head = LinearHead(themes=THEMES, weights=weights, bias=bias, thresholds=thresholds)
    return head, l2, validation_f1, themeless_share


#: Texts embedded per progress report while training.
EMBED_CHUNK = 256


def train(
    data_dir: Path = DEFAULT_DATA_DIR,
    head_path: Path = DEFAULT_HEAD_PATH,
    encoder: MiniLMEncoder | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> TrainingReport:
    """Embed the training data, fit and write the head. Same data and encoder give the same head.
    `progress` gets a line per stage (embedding in chunks, then the cross-validated fit)."""
    items = read_labelled(data_files(data_dir))
    texts = [item.text for item in items]
    progress(f"read {len(items)} labelled items from {data_dir}")
    enc = encoder or MiniLMEncoder()
    chunks = []
    for start in range(0, len(texts), EMBED_CHUNK):
        chunks.append(enc.features(texts[start : start + EMBED_CHUNK]))
        progress(f"embedded {min(start + EMBED_CHUNK, len(texts))}/{len(texts)} texts")
    embeddings = np.concatenate(chunks).astype(np.float64) if chunks else np.zeros((0, 0))
    labels = label_matrix(items)
    progress(f"choosing the regularisation and thresholds by {FOLDS}-fold cross-validation ×{REPEATS}")
    head, l2, validation_f1, themeless_share = train_head(embeddings, labels, fold_ids(len(items)))
    head.save(head_path)
    return TrainingReport(
        items=len(items),
        positives={t: int(labels[:, j].sum()) for j, t in enumerate(THEMES)},
        themeless=int((labels.sum(axis=1) == 0).sum()),
        l2=l2,
        thresholds={t: float(head.thresholds[j]) for j, t in enumerate(THEMES)},
        validation_f1=validation_f1,
        validation_themeless_tagged_share=themeless_share,
        head_path=head_path,
    )
