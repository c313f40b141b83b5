"""Training (logistic units, folds, thresholds) and evaluation, on synthetic embeddings: no model needed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from classifiers import training
from classifiers.base import THEMES
from classifiers.evaluation import evaluate, format_reports, parse_labelled, read_labelled


def synthetic(n: int = 300, dim: int = 8, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Embeddings where theme j is on when coordinate j is positive (plus noise dimensions)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim))
    labels = (x[:, : len(THEMES)] > 0.3).astype(float)
    return x, labels


def test_fit_logistic_separates_a_separable_theme() -> None:
    x, labels = synthetic()
    weights, bias = training.fit_logistic(x, labels[:, 0], l2=0.1)
    scores = 1 / (1 + np.exp(-(x @ weights + bias)))
    assert ((scores >= 0.5) == (labels[:, 0] > 0)).mean() > 0.95
    assert np.argmax(np.abs(weights)) == 0


def reference_fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """The same penalised, class-balanced log-loss minimised the plain way: gradient steps to a tiny gradient."""
    n, dim = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    positives = y.sum()
    sample_weight = np.where(y > 0, n / (2 * positives), n / (2 * (n - positives)))
    penalty = np.append(np.full(dim, l2), 1e-6)
    coef = np.zeros(dim + 1)
    for _ in range(20000):
        p = 1 / (1 + np.exp(-(design @ coef)))
        gradient = design.T @ (sample_weight * (p - y)) + penalty * coef
        if np.abs(gradient).max() < 1e-9:
            break
        coef -= 0.5 / n * gradient
    return coef


def test_fit_logistic_finds_the_minimum_from_any_start() -> None:
    # the Hessian is formed in single precision to save time; the minimum is set by the float64 gradient
    x, labels = synthetic(n=200, dim=6)
    expected = reference_fit(x, labels[:, 1], l2=0.3)
    cold = training.fit_logistic(x, labels[:, 1], l2=0.3)
    warm = training.fit_logistic(x, labels[:, 1], l2=0.3, start=training.fit_logistic(x, labels[:, 1], l2=0.03))
    far = training.fit_logistic(x, labels[:, 1], l2=0.3, start=(np.full(6, 5.0), -3.0))
    for weights, bias in (cold, warm, far):
        np.testing.assert_allclose(np.append(weights, bias), expected, atol=1e-6)


def test_a_start_at_the_minimum_takes_one_newton_step(monkeypatch: pytest.MonkeyPatch) -> None:
    x, labels = synthetic(n=200, dim=6)
    solved = training.fit_logistic(x, labels[:, 1], l2=0.3)
    calls = 0
    solve = np.linalg.solve

    def counting_solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        nonlocal calls
        calls += 1
        return np.asarray(solve(a, b))

    monkeypatch.setattr(training.np.linalg, "solve", counting_solve)
    training.fit_logistic(x, labels[:, 1], l2=0.3)
    cold = calls
    calls = 0
    training.fit_logistic(x, labels[:, 1], l2=0.3, start=solved)
    assert calls == 1 < cold


def test_out_of_fold_heads_start_from_the_previous_strength_and_score_the_same() -> None:
    x, labels = synthetic()
    folds = training.fold_ids(len(x))
    heads: training.FoldHeads = {}
    training.out_of_fold_probabilities(x, labels, 0.01, folds, heads)
    assert sorted(heads) == [(r, f) for r in range(training.REPEATS) for f in range(training.FOLDS)]
    warm = training.out_of_fold_probabilities(x, labels, 0.1, folds, heads)
    cold = training.out_of_fold_probabilities(x, labels, 0.1, folds)
    np.testing.assert_allclose(warm, cold, atol=1e-9)


def test_folds_are_fixed_and_balanced() -> None:
    first, second = training.fold_ids(103), training.fold_ids(103)
    np.testing.assert_array_equal(first, second)
    assert first.shape == (training.REPEATS, 103)
    for repeat in first:
        counts = np.bincount(repeat)
        assert len(counts) == training.FOLDS and counts.max() - counts.min() <= 1


def test_best_threshold_maximises_f1() -> None:
    scores = np.array([0.1, 0.2, 0.35, 0.4, 0.8, 0.9])
    truth = np.array([0, 0, 0, 1, 1, 1])
    threshold = training.best_threshold(scores, truth)
    assert 0.35 < threshold <= 0.4
    assert training.f1_at(scores, truth, threshold) == 1.0


def test_train_head_is_deterministic_and_learns() -> None:
    x, labels = synthetic()
    folds = training.fold_ids(len(x))
    fit = training.train_head(x, labels, folds)
    again = training.train_head(x, labels, folds)
    np.testing.assert_array_equal(fit.head.weights, again.head.weights)
    np.testing.assert_array_equal(fit.head.thresholds, again.head.thresholds)
    assert fit.l2 in training.L2_GRID
    assert min(fit.validation_f1.values()) > 0.9
    assert 0.0 <= fit.themeless_share <= 1.0


def overconfident(n: int = 4000, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Logits three times too large for the truth they predict (what a class-balanced unit tends to give)."""
    rng = np.random.default_rng(seed)
    true_logit = rng.normal(-1.0, 2.0, size=n)
    truth = (rng.random(n) < training.sigmoid(true_logit)).astype(float)
    return 3.0 * true_logit + 1.5, truth


def test_platt_scaling_recovers_the_true_scale_and_lowers_calibration_error() -> None:
    logits, truth = overconfident()
    slope, intercept = training.fit_platt(logits, truth)
    assert slope == pytest.approx(1 / 3, rel=0.15) and intercept == pytest.approx(-0.5, abs=0.2)
    before = training.calibration_error(training.sigmoid(logits), truth)
    after = training.calibration_error(training.sigmoid(slope * logits + intercept), truth)
    assert after < before / 3 and after < 0.03


def test_platt_scaling_keeps_the_ranking() -> None:
    logits, truth = overconfident(500)
    slope, intercept = training.fit_platt(logits, truth)
    assert slope > 0
    calibrated = training.sigmoid(slope * logits + intercept)
    np.testing.assert_array_equal(np.argsort(logits, kind="stable"), np.argsort(calibrated, kind="stable"))


def test_platt_scaling_of_separable_scores_stays_finite() -> None:
    logits = np.array([-5.0, -4.0, -3.0, 3.0, 4.0, 5.0])
    slope, intercept = training.fit_platt(logits, np.array([0, 0, 0, 1, 1, 1.0]))
    assert np.isfinite([slope, intercept]).all() and slope > 0


def test_calibrated_head_decides_as_the_uncalibrated_one() -> None:
    """Calibration is folded into weights, bias and thresholds: scores change, tagged themes do not."""
    x, labels = synthetic(seed=3)
    fit = training.train_head(x, labels, training.fold_ids(len(x)))
    weights, bias = training.fit_head_weights(x, labels, fit.l2)
    raw_logits = x @ weights.T + bias
    calibrated = fit.head.probabilities(x)
    for j in range(len(THEMES)):
        order = np.argsort(raw_logits[:, j], kind="stable")
        assert (np.diff(calibrated[order, j]) >= -1e-12).all()
    assert 0.0 <= fit.calibration_error_after <= 1.0


def test_training_data_meets_the_brief() -> None:
    items = read_labelled(training.data_files())
    labels = training.label_matrix(items)
    assert len(items) >= 1000
    assert labels.sum(axis=0).min() >= 120
    assert (labels.sum(axis=1) == 0).sum() >= 200
    assert len({item.text for item in items}) == len(items)


def test_parse_labelled_accepts_both_shapes() -> None:
    trained = parse_labelled({"text": "Miner prices notes", "themes": ["debt_terms"]})
    news = parse_labelled({"id": 7, "title": "Miner prices notes", "lede": "Due 2031.", "themes": []})
    assert trained.themes == frozenset({"debt_terms"}) and trained.id is None
    assert news.text == "Miner prices notes. Due 2031." and news.id == 7 and news.themes == frozenset()


def test_unknown_theme_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "x", "themes": []}) + "\n" + json.dumps({"text": "y", "themes": ["ai"]}))
    with pytest.raises(ValueError, match=r"bad.jsonl:2: unknown themes \['ai'\]"):
        read_labelled([path])


def test_evaluate_counts_precision_recall_and_themeless_tagging() -> None:
    gold = [frozenset({"debt_terms"}), frozenset(), frozenset(), frozenset({"depin", "debt_terms"})]
    predicted = [{"debt_terms"}, {"depin"}, set(), {"depin"}]
    report = evaluate(gold, predicted)
    debt = report.per_theme["debt_terms"]
    assert (debt.precision, debt.recall, debt.f1) == (1.0, 0.5, pytest.approx(2 / 3))
    depin = report.per_theme["depin"]
    assert (depin.precision, depin.recall) == (0.5, 1.0)
    assert report.per_theme["regulation"].f1 == 0.0
    assert report.themeless_items == 2 and report.themeless_tagged == 1
    assert report.themeless_tagged_share == 0.5
    assert report.macro_f1 == pytest.approx((2 / 3 + 2 / 3) / 5)


def test_format_reports_puts_classifiers_side_by_side() -> None:
    gold = [frozenset({"debt_terms"}), frozenset()]
    table = format_reports(
        {"transformer": evaluate(gold, [{"debt_terms"}, set()]), "keywords": evaluate(gold, [set(), {"depin"}])}, 2
    )
    lines = table.splitlines()
    assert "transformer" in lines[1] and "keywords" in lines[1]
    assert any(line.startswith("debt_terms") and "1.000" in line for line in lines)
    assert "0/1 = 0.0%" in table and "1/1 = 100.0%" in table
    assert all(theme in table for theme in THEMES)


def test_train_reads_its_items_with_the_domain_terms_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fine-tuning and the head's feature pass both read a German training item with `domain_terms` (the reading
    the shipped weights were trained on), not the word-by-word `english_terms` of inference (glossary.py)."""
    from classifiers import glossary

    german = "Der Miner setzt auf erneuerbare Energie und baut ein neues Rechenzentrum in Norwegen"
    assert glossary.domain_terms(german) != glossary.english_terms(german)
    lines = [json.dumps({"text": german, "themes": ["energy_arbitrage", "capital_deployment"]})]
    for n in range(40):
        themes = [THEMES[n % len(THEMES)]] if n % 6 else []
        lines.append(json.dumps({"text": f"Item {n} about {' and '.join(themes) or 'nothing'}", "themes": themes}))
    (tmp_path / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: dict[str, object] = {}

    class Tuned:
        def save_adapter(self, folder: Path) -> str:
            return "adapters"

    def fine_tune(encoder: object, texts: list[str], *args: object, **kwargs: object) -> Tuned:
        seen["fine-tuned on"] = texts
        return Tuned()

    def head_inputs(encoder: object, weight: float, texts: list[str], read: object = None) -> np.ndarray:
        seen["head read"] = read
        return np.random.default_rng(0).normal(size=(len(texts), 8))

    monkeypatch.setattr(training.finetune, "fine_tune", fine_tune)
    monkeypatch.setattr(training, "head_inputs", head_inputs)
    training.train(data_dir=tmp_path, head_path=tmp_path / "head.npz")
    assert seen["fine-tuned on"][0] == glossary.domain_terms(german)  # type: ignore[index]
    assert seen["head read"] is glossary.domain_terms
