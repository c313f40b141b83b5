"""Rebuild the classifier from the team's labelled JSONL (`minerwatch train`).

`train` first fine-tunes LoRA adapters of the encoder together with a theme head (`classifiers.finetune`), then
fits the head that ships on the fine-tuned features and the keyword rules' matches with `train_head`: L2 logistic
regression per theme, L2 and thresholds chosen on k-fold out-of-fold scores, and a Platt calibration per theme
fitted on the same scores and folded into the head. (The out-of-fold scores are optimistic, since the encoder saw
every item; the thresholds they give are measured on real headlines by `minerwatch eval`.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from classifiers import finetune
from classifiers.base import THEMES
from classifiers.encoder import MiniLMEncoder
from classifiers.evaluation import LabelledItem, read_labelled
from classifiers.glossary import domain_terms
from classifiers.head import DEFAULT_HEAD_PATH, LinearHead, adapter_path_for
from classifiers.keywords import patterns_digest
from classifiers.transformer import head_inputs

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
#: Ridge pulling Platt's slope and intercept towards the identity (1, 0): keeps them finite on separable scores.
PLATT_RIDGE = 1e-3
#: Equal-width score bins for the expected calibration error in the training report.
CALIBRATION_BINS = 10
#: Factor on the keyword rules' 0/1 matches appended to the encoder features (`transformer.head_inputs`). Chosen
#: by out-of-fold macro-F1 on the team's data among 0.1, 0.3 and 1 (bench/README.md, issue 13 round 3); with
#: the head's L2 penalty it sets how much a match may count.
KEYWORD_WEIGHT = 0.3


def data_files(data_dir: Path = DEFAULT_DATA_DIR) -> list[Path]:
    """The JSONL files under the data folder, in a stable order."""
    files = sorted(data_dir.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl training files in {data_dir}")
    return files


def label_matrix(items: Sequence[LabelledItem]) -> np.ndarray:
    """0/1 matrix (items x themes)."""
    return np.array([[1.0 if t in item.themes else 0.0 for t in THEMES] for item in items])


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float, start: tuple[np.ndarray, float] | None = None
) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression by Newton's method (deterministic, converges in a few steps).

    `start` (weights, bias), e.g. the fit at a neighbouring L2, saves steps. The loss is strictly convex, and a
    step that would raise it is halved until it does not, so every start reaches the same minimum. The Hessian is
    formed as W^T W, W being the design scaled by the square root of the curvature, which BLAS computes as a
    symmetric product, in single precision: half the work twice over. It only shapes the steps; where they end
    is set by the gradient, which stays in double precision, and a step whose single-precision direction does not
    lower the loss is taken again with the Hessian in double precision."""
    n, dim = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    positives = max(y.sum(), 1.0)
    sample_weight = np.where(y > 0, n / (2 * positives), n / (2 * max(n - positives, 1.0)))
    penalty = np.full(dim + 1, l2)
    penalty[-1] = 1e-6  # leave the bias (almost) unpenalised
    coef = np.zeros(dim + 1) if start is None else np.append(start[0], start[1]).astype(np.float64)
    diagonal = np.diag_indices(dim + 1)

    def loss(coef: np.ndarray) -> float:
        z = design @ coef
        # log(1 + e^z) - y * z per item, weighted; logaddexp keeps it finite for large |z|
        return float(sample_weight @ (np.logaddexp(0.0, z) - y * z) + penalty @ coef**2 / 2)

    def newton_step(gradient: np.ndarray, root_curvature: np.ndarray, precision: type) -> np.ndarray:
        scaled = (design * root_curvature[:, None]).astype(precision)
        hessian = (scaled.T @ scaled).astype(np.float64)
        hessian[diagonal] += penalty
        return np.asarray(np.linalg.solve(hessian, gradient))

    def descent(step: np.ndarray, current: float) -> tuple[float, float] | None:
        """The largest of 1, 1/2, 1/4, ... of `step` that lowers the loss (beyond rounding), with the loss there;
        None if none does."""
        shrink = 1.0
        while (after := loss(coef - shrink * step)) > current + 1e-12 * abs(current):
            shrink /= 2  # a full Newton step from far away can overshoot
            if shrink < 1e-6:
                return None
        return shrink, after

    current = loss(coef)
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(design @ coef)))
        gradient = design.T @ (sample_weight * (p - y)) + penalty * coef
        root_curvature = np.sqrt(sample_weight * p * (1 - p))
        step = newton_step(gradient, root_curvature, np.float32)
        found = descent(step, current)
        if found is None:  # the single-precision direction does not go down: take the exact one
            step = newton_step(gradient, root_curvature, np.float64)
            found = descent(step, current)
            if found is None:
                break  # no step lowers the loss beyond rounding: this is the minimum
        shrink, current = found
        coef = coef - shrink * step
        if shrink == 1.0 and np.abs(step).max() < 1e-8:
            break  # a full Newton step this small: converged
    return coef[:-1], float(coef[-1])


def fit_head_weights(
    x: np.ndarray, labels: np.ndarray, l2: float, start: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """One logistic unit per theme: weights (themes x dim) and bias (themes,); `start` as `fit_logistic` takes it,
    one row per theme."""
    fitted = [
        fit_logistic(x, labels[:, j], l2, None if start is None else (start[0][j], float(start[1][j])))
        for j in range(labels.shape[1])
    ]
    return np.stack([w for w, _ in fitted]), np.array([b for _, b in fitted])


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function, without overflow warnings for large |z|."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)))


def logit(p: np.ndarray) -> np.ndarray:
    """Inverse of `sigmoid`, with p clipped away from 0 and 1."""
    clipped = np.clip(p, 1e-12, 1 - 1e-12)
    return np.asarray(np.log(clipped / (1 - clipped)))


def fit_platt(logits: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """Platt scaling: (slope, intercept) so that sigmoid(slope * logit + intercept) matches the observed rate.

    The class-balanced head over-scores positives of rare themes; this maps its scores to frequencies. Targets
    are Platt's smoothed 0/1 values ((n+ + 1) / (n+ + 2) and 1 / (n- + 2)); the slope is kept positive, so the
    ranking, and with mapped thresholds every decision, stays as it was."""
    positives = float((truth > 0).sum())
    negatives = float(len(truth) - positives)
    target = np.where(truth > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    design = np.column_stack([logits, np.ones_like(logits)])
    identity = np.array([1.0, 0.0])

    def loss(coef: np.ndarray) -> float:
        z = design @ coef
        # log(1 + e^z) - target * z, summed; logaddexp keeps it finite for large |z|
        return float((np.logaddexp(0.0, z) - target * z).sum() + PLATT_RIDGE / 2 * ((coef - identity) ** 2).sum())

    coef = identity.copy()
    for _ in range(NEWTON_STEPS):
        p = sigmoid(design @ coef)
        gradient = design.T @ (p - target) + PLATT_RIDGE * (coef - identity)
        hessian = (design * (p * (1 - p))[:, None]).T @ design + PLATT_RIDGE * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        # Newton from saturated scores can overshoot: halve the step until the loss goes down
        current, shrink = loss(coef), 1.0
        while shrink > 1e-6 and loss(coef - shrink * step) > current:
            shrink /= 2
        coef = coef - shrink * step
        if np.abs(shrink * step).max() < 1e-10:
            break
    if not np.isfinite(coef).all() or coef[0] <= 0:
        return 1.0, 0.0
    return float(coef[0]), float(coef[1])


def calibration_error(scores: np.ndarray, truth: np.ndarray, bins: int = CALIBRATION_BINS) -> float:
    """Expected calibration error: |mean score - share positive| per equal-width bin, weighted by bin size."""
    scores, truth = scores.ravel(), truth.ravel()
    which = np.minimum((scores * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        in_bin = which == b
        if in_bin.any():
            error += in_bin.sum() * abs(float(scores[in_bin].mean()) - float(truth[in_bin].mean()))
    return error / max(len(scores), 1)


def fold_ids(n: int, folds: int = FOLDS, seed: int = SEED, repeats: int = REPEATS) -> np.ndarray:
    """Fixed random fold numbers, one row per repeat: shape (repeats, n)."""
    rng = np.random.default_rng(seed)
    ids = np.empty((repeats, n), dtype=int)
    for r in range(repeats):
        ids[r, rng.permutation(n)] = np.arange(n) % folds
    return ids


FoldHeads = dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]


def out_of_fold_probabilities(
    x: np.ndarray, labels: np.ndarray, l2: float, folds: np.ndarray, heads: FoldHeads | None = None
) -> np.ndarray:
    """Each item's scores from heads that never saw it, one block per repeat: shape (repeats * n, themes).

    `heads`, when given, maps (repeat, fold) to that fold's head: a head found there is where the fit starts (the
    same fold at another L2 is close), and every fold's new head is written back."""
    blocks = []
    for r, repeat in enumerate(np.atleast_2d(folds)):
        probabilities = np.zeros_like(labels)
        for fold in np.unique(repeat):
            held_out = repeat == fold
            start = heads.get((r, int(fold))) if heads is not None else None
            weights, bias = fit_head_weights(x[~held_out], labels[~held_out], l2, start)
            if heads is not None:
                heads[(r, int(fold))] = (weights, bias)
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
    """What `minerwatch train` did: data size, epochs, chosen L2, thresholds and validation F1 per theme."""

    items: int
    positives: dict[str, int]
    themeless: int
    epochs: int
    l2: float
    thresholds: dict[str, float]
    validation_f1: dict[str, float]
    validation_themeless_tagged_share: float
    head_path: Path
    adapter_path: Path
    calibration_error_before: float = 0.0
    calibration_error_after: float = 0.0

    def summary(self) -> str:
        """Readable lines for the terminal."""
        lines = [
            f"trained on {self.items} items ({self.themeless} theme-less): encoder adapters fine-tuned "
            f"{self.epochs} epochs, then the head (encoder features and keyword matches x{KEYWORD_WEIGHT}) with "
            f"l2={self.l2}, {REPEATS}x{FOLDS}-fold validation",
            f"{'theme':<20} {'items':>5} {'threshold':>9} {'val F1':>7}",
        ]
        for theme in THEMES:
            lines.append(
                f"{theme:<20} {self.positives[theme]:>5} {self.thresholds[theme]:>9.2f} "
                f"{self.validation_f1[theme]:>7.3f}"
            )
        macro = sum(self.validation_f1.values()) / len(THEMES)
        lines.append(f"validation macro-F1 {macro:.3f}; theme-less tagged {self.validation_themeless_tagged_share:.1%}")
        lines.append(
            "(optimistic: the encoder was fine-tuned on every item, held-out ones included; "
            "measure on real headlines with `minerwatch eval`)"
        )
        lines.append(
            f"scores calibrated (Platt, per theme): expected calibration error on out-of-fold scores "
            f"{self.calibration_error_before:.3f} before, {self.calibration_error_after:.3f} after"
        )
        lines.append(f"head written to {self.head_path}, encoder adapters to {self.adapter_path}")
        return "\n".join(lines)


@dataclass(frozen=True)
class HeadFit:
    """The fitted head and what cross-validation said about it (F1 per theme at the chosen thresholds, the share
    of theme-less items tagged, and the calibration error of the out-of-fold scores before and after Platt)."""

    head: LinearHead
    l2: float
    validation_f1: dict[str, float]
    themeless_share: float
    calibration_error_before: float
    calibration_error_after: float


def train_head(
    embeddings: np.ndarray,
    labels: np.ndarray,
    folds: np.ndarray,
    progress: Callable[[str], None] = lambda line: None,
) -> HeadFit:
    """Choose L2 and thresholds on out-of-fold scores, fit Platt scaling on them, then fit the final head on all
    items with the calibration folded into its weights and bias (thresholds mapped to the calibrated scale).
    `progress` gets a line per L2 strength tried."""
    best: tuple[float, float, np.ndarray, np.ndarray] | None = None
    repeats = np.atleast_2d(folds).shape[0]
    labels_oof = np.tile(labels, (repeats, 1))  # out-of-fold rows are stacked repeat by repeat
    heads: FoldHeads = {}  # each fold's fit at the previous L2, where the next one starts
    for l2 in L2_GRID:
        oof = out_of_fold_probabilities(embeddings, labels, l2, folds, heads)
        thresholds = np.array([best_threshold(oof[:, j], labels_oof[:, j]) for j in range(len(THEMES))])
        macro = float(np.mean([f1_at(oof[:, j], labels_oof[:, j], thresholds[j]) for j in range(len(THEMES))]))
        progress(f"l2={l2}: out-of-fold macro-F1 {macro:.3f}")
        if best is None or macro > best[0] + 1e-9:
            best = (macro, l2, thresholds, oof)
    assert best is not None
    _, l2, thresholds, oof = best
    validation_f1 = {t: f1_at(oof[:, j], labels_oof[:, j], thresholds[j]) for j, t in enumerate(THEMES)}
    themeless = labels_oof.sum(axis=1) == 0
    tagged = np.any(oof >= thresholds, axis=1, keepdims=False)
    themeless_share = float(tagged[themeless].mean()) if themeless.any() else 0.0
    platt = np.array([fit_platt(logit(oof[:, j]), labels_oof[:, j]) for j in range(len(THEMES))])
    slope, intercept = platt[:, 0], platt[:, 1]
    calibrated_oof = sigmoid(logit(oof) * slope + intercept)
    weights, bias = fit_head_weights(embeddings, labels, l2)
    head = LinearHead(
        themes=THEMES,
        weights=weights * slope[:, None],
        bias=bias * slope + intercept,
        thresholds=sigmoid(logit(thresholds) * slope + intercept),
    )
    return HeadFit(
        head=head,
        l2=l2,
        validation_f1=validation_f1,
        themeless_share=themeless_share,
        calibration_error_before=calibration_error(oof, labels_oof),
        calibration_error_after=calibration_error(calibrated_oof, labels_oof),
    )


def train(
    data_dir: Path = DEFAULT_DATA_DIR,
    head_path: Path = DEFAULT_HEAD_PATH,
    encoder: MiniLMEncoder | None = None,
    progress: Callable[[str], None] = lambda line: None,
    epochs: int = finetune.EPOCHS,
) -> TrainingReport:
    """Fine-tune the encoder's adapters on the training data (`classifiers.finetune`), then fit the shipped head
    on the fine-tuned features as `train_head` does (L2, thresholds and Platt calibration from k-fold
    out-of-fold scores). Writes the head and, beside it, the adapters; same data and encoder give the same files.
    `progress` gets a line per stage, epoch and L2 strength."""
    items = read_labelled(data_files(data_dir))
    progress(f"read {len(items)} labelled items from {data_dir}")
    # German training items keep the rendering the weights are trained on (domain terms only; why: glossary.py)
    texts = [domain_terms(item.text) for item in items]
    labels = label_matrix(items)
    enc = encoder or MiniLMEncoder(dtype="float32")
    progress(f"fine-tuning the encoder's adapters with the head: {epochs} × {len(items)} items")
    tuned = finetune.fine_tune(
        enc, texts, labels, lambda x, y: fit_head_weights(x, y, finetune.WARM_START_L2), progress, epochs
    )
    adapter_path = adapter_path_for(head_path)
    digest = tuned.save_adapter(adapter_path)
    del tuned
    # the head is fitted on exactly what inference computes: the shipped encoder with the saved adapters merged
    merged = MiniLMEncoder(path=enc.path, dtype="float32", adapter=adapter_path)
    embeddings = head_inputs(merged, KEYWORD_WEIGHT, [item.text for item in items], domain_terms).astype(np.float64)
    progress(f"choosing the regularisation and thresholds by {FOLDS}-fold cross-validation ×{REPEATS}")
    fit = train_head(embeddings, labels, fold_ids(len(items)), progress)
    head = replace(fit.head, adapter_sha256=digest, keyword_weight=KEYWORD_WEIGHT, keywords_sha256=patterns_digest())
    head.save(head_path)
    return TrainingReport(
        items=len(items),
        positives={t: int(labels[:, j].sum()) for j, t in enumerate(THEMES)},
        themeless=int((labels.sum(axis=1) == 0).sum()),
        epochs=epochs,
        l2=fit.l2,
        thresholds={t: float(head.thresholds[j]) for j, t in enumerate(THEMES)},
        validation_f1=fit.validation_f1,
        validation_themeless_tagged_share=fit.themeless_share,
        head_path=head_path,
        adapter_path=adapter_path,
        calibration_error_before=fit.calibration_error_before,
        calibration_error_after=fit.calibration_error_after,
    )
