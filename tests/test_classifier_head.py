"""The trained head: per-theme logistic units and thresholds, its small weights file, and the committed head."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from classifiers.base import THEMES
from classifiers.encoder import FEATURE_DIM, headline_length
from classifiers.glossary import domain_terms
from classifiers.head import DEFAULT_HEAD_PATH, LinearHead
from classifiers.keywords import KEYWORD_PATTERNS, keyword_features, patterns_digest
from classifiers.transformer import MismatchedWeights, check_keywords, head_inputs, results_from_scores


def make_head(thresholds: list[float], dim: int = 4) -> LinearHead:
    weights = np.zeros((len(THEMES), dim))
    for j in range(len(THEMES)):
        weights[j, j % dim] = 1.0
    return LinearHead(THEMES, weights, np.zeros(len(THEMES)), np.array(thresholds))


def test_each_theme_uses_its_own_threshold() -> None:
    head = make_head([0.5, 0.9, 0.5, 0.5, 0.5])
    probabilities = np.array([[0.6, 0.6, 0.4, 0.95, 0.5]])
    assert head.decide(probabilities).tolist() == [[True, False, False, True, True]]


def test_results_carry_every_score_and_only_tagged_themes() -> None:
    probabilities = np.array([[0.7, 0.1, 0.8, 0.0, 0.2], [0.1, 0.1, 0.1, 0.1, 0.1]])
    tagged = probabilities >= 0.5
    first, second = results_from_scores(probabilities, tagged)
    assert first.themes == ("capital_deployment", "debt_terms")
    assert first.scores == pytest.approx(dict(zip(THEMES, [0.7, 0.1, 0.8, 0.0, 0.2], strict=True)))
    assert second.themes == ()


def test_probabilities_are_sigmoid_of_the_linear_score() -> None:
    head = make_head([0.5] * 5, dim=5)
    probabilities = head.probabilities(np.array([[0.0, 2.0, -2.0, 0.0, 0.0]]))
    assert probabilities[0, 0] == pytest.approx(0.5)
    assert probabilities[0, 1] == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert probabilities[0, 2] == pytest.approx(1 / (1 + np.exp(2.0)))


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    head = make_head([0.3, 0.4, 0.5, 0.6, 0.7])
    path = tmp_path / "weights" / "head.npz"
    head.save(path)
    loaded = LinearHead.load(path)
    assert loaded.themes == THEMES
    np.testing.assert_allclose(loaded.weights, head.weights, atol=1e-3)
    np.testing.assert_allclose(loaded.thresholds, head.thresholds, atol=1e-6)


def test_loading_a_head_for_other_themes_fails(tmp_path: Path) -> None:
    themes = ("a", "b", "c", "d", "e")
    LinearHead(themes, np.zeros((5, 3)), np.zeros(5), np.full(5, 0.5)).save(tmp_path / "head.npz")
    with pytest.raises(ValueError, match="do not match"):
        LinearHead.load(tmp_path / "head.npz")


def test_shapes_are_checked() -> None:
    with pytest.raises(ValueError):
        LinearHead(THEMES, np.zeros((4, 3)), np.zeros(5), np.full(5, 0.5))
    with pytest.raises(ValueError):
        LinearHead(THEMES, np.zeros((5, 3)), np.zeros(4), np.full(5, 0.5))


def test_committed_head_is_small_and_fits_the_encoder_and_the_keyword_rules() -> None:
    assert DEFAULT_HEAD_PATH.stat().st_size < 32_000
    head = LinearHead.load()
    assert head.keyword_weight > 0
    assert head.dim == FEATURE_DIM + len(THEMES)
    assert head.keywords_sha256 == patterns_digest()
    assert ((head.thresholds > 0.0) & (head.thresholds < 1.0)).all()
    check_keywords(head, DEFAULT_HEAD_PATH)


def test_keyword_fields_round_trip_and_an_older_head_reads_as_encoder_only(tmp_path: Path) -> None:
    head = LinearHead(THEMES, np.zeros((5, 7)), np.zeros(5), np.full(5, 0.5), keyword_weight=0.3, keywords_sha256="ab")
    head.save(tmp_path / "head.npz")
    loaded = LinearHead.load(tmp_path / "head.npz")
    assert (loaded.keyword_weight, loaded.keywords_sha256) == (pytest.approx(0.3), "ab")

    make_head([0.5] * 5).save(tmp_path / "plain.npz")
    plain = LinearHead.load(tmp_path / "plain.npz")
    assert (plain.keyword_weight, plain.keywords_sha256) == (0.0, "")
    check_keywords(plain, tmp_path / "plain.npz")  # reads no keyword features, so nothing to check


def test_a_head_trained_on_other_keyword_patterns_is_refused(tmp_path: Path) -> None:
    other = dict(KEYWORD_PATTERNS, energy_arbitrage=(r"\bPPA\b",))
    head = LinearHead(THEMES, np.zeros((5, 7)), np.zeros(5), np.full(5, 0.5), 0.3, patterns_digest(other))
    with pytest.raises(MismatchedWeights, match="other keyword patterns.*minerwatch train"):
        check_keywords(head, tmp_path / "head.npz")


def test_keyword_matches_are_the_rules_hits_per_theme() -> None:
    texts = ["Miner signs a PPA for its new data center", "Miner appoints a CFO", "Miner prices convertible notes"]
    matches = keyword_features(texts)
    assert matches.tolist() == [[1, 1, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1, 0, 0]]


class FixedEncoder:
    """Stands in for MiniLM: two features per text; keeps the texts as it was given them to encode."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def load(self) -> None:
        pass

    def batched_features(self, texts: list[str]) -> np.ndarray:
        self.read = list(texts)
        return np.full((len(texts), 2), 0.5, dtype=np.float32)


def test_the_head_reads_encoder_features_then_weighted_keyword_matches() -> None:
    texts = ["Hashworks signs a PPA", "Hashworks mined 400 bitcoin"]
    inputs = head_inputs(FixedEncoder(), 0.3, texts)  # type: ignore[arg-type]
    np.testing.assert_allclose(inputs[:, :2], 0.5)
    np.testing.assert_allclose(inputs[:, 2:], [[0, 0.3, 0, 0, 0], [0, 0, 0, 0, 0]], atol=1e-7)
    assert head_inputs(FixedEncoder(), 0.0, texts).shape == (2, 2)  # type: ignore[arg-type]


def test_german_text_is_matched_after_its_domain_words_are_put_in_english() -> None:
    inputs = head_inputs(FixedEncoder(), 1.0, ["Miner baut ein neues Rechenzentrum in Texas"])  # type: ignore[arg-type]
    assert inputs[0, 2] == 1.0  # capital_deployment: "Rechenzentrum" reads as "data center"


def test_inference_reads_german_word_by_word_and_training_reads_the_domain_terms() -> None:
    """The encoder and the keyword rules get the same reading: at inference every word it knows in English
    ("erneuerbare" is renewable, an energy keyword), for the training items only the domain stems."""
    text = "Der Miner setzt auf erneuerbare Energie und baut in Norwegen"
    encoder = FixedEncoder()
    inference = head_inputs(encoder, 1.0, [text])  # type: ignore[arg-type]
    assert encoder.read == ["the Miner puts on renewable energy and builds in norway"]
    assert inference[0, 2:].tolist() == [0, 1, 0, 0, 0]
    training = head_inputs(encoder, 1.0, [text], domain_terms)  # type: ignore[arg-type]
    assert encoder.read == ["Der Miner setzt auf erneuerbare energy und builds in Norwegen"]
    assert training[0, 2:].tolist() == [0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Miner prices notes. The notes are due 2031.", "Miner prices notes"),
        ("Bitfarms Ltd. Announces Pricing. Lede here.", "Bitfarms Ltd. Announces Pricing"),
        ("U.S. miners rally. Lede.", "U.S. miners rally"),
        ("Headline without a lede", "Headline without a lede"),
        ("Miner raises $1.5 billion", "Miner raises $1.5 billion"),
    ],
)
def test_headline_length_finds_the_title_in_item_text(text: str, headline: str) -> None:
    assert text[: headline_length(text)] == headline
