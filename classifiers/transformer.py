"""Theme classifier: MiniLM (with the fine-tuned adapters merged in) mean-pooled features (whole text + headline)
and which themes' keyword rules match, then the per-theme logistic head trained on both."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from classifiers.base import THEMES, ThemeResult, has_content
from classifiers.encoder import MiniLMEncoder
from classifiers.glossary import english_terms
from classifiers.head import DEFAULT_HEAD_PATH, LinearHead, adapter_path_for
from classifiers.keywords import keyword_features, patterns_digest


class MismatchedWeights(ValueError):
    """The head was trained with other encoder adapters than the ones beside it (or with none there)."""


def results_from_scores(probabilities: np.ndarray, tagged: np.ndarray) -> list[ThemeResult]:
    """One ThemeResult per row: the themes that passed their threshold, and every theme's score."""
    results = []
    for row, flags in zip(probabilities, tagged, strict=True):
        scores = {theme: float(row[j]) for j, theme in enumerate(THEMES)}
        results.append(ThemeResult(themes=tuple(t for j, t in enumerate(THEMES) if flags[j]), scores=scores))
    return results


class TransformerClassifier:
    """MiniLM + linear head. The model loads on first use, once; safe to call from worker threads.

    Scores are the head's sigmoid probabilities; a theme is tagged when its score reaches that theme's
    threshold (tuned per theme at training time), so `themes` is the decision to act on.
    """

    name = "transformer"

    def __init__(self, head_path: Path | None = None, encoder: MiniLMEncoder | None = None) -> None:
        self.head_path = head_path or DEFAULT_HEAD_PATH
        adapter = adapter_path_for(self.head_path)
        self.encoder = encoder or MiniLMEncoder(adapter=adapter if adapter.is_dir() else None)
        self._head: LinearHead | None = None
        self._lock = threading.Lock()

    @property
    def head(self) -> LinearHead:
        """The trained head, read from disk on first use."""
        if self._head is None:
            with self._lock:
                if self._head is None:
                    head = LinearHead.load(self.head_path)
                    check_adapter(head, self.encoder.adapter, self.head_path)
                    check_keywords(head, self.head_path)
                    self._head = head
        return self._head

    def load(self) -> None:
        """Load head and encoder now instead of on the first call (e.g. at process start)."""
        _ = self.head
        self.encoder.load()

    def classify_batch(self, texts: Sequence[str]) -> list[ThemeResult]:
        """Classify many texts in batched forward passes (one result per text, same order). A text without
        content (empty, a lone word, punctuation) gets no theme and zero scores: the model would still answer."""
        if not texts:
            return []
        results = [ThemeResult(themes=(), scores=dict.fromkeys(THEMES, 0.0)) for _ in texts]
        wanted = [i for i, text in enumerate(texts) if has_content(text)]
        if wanted:
            head = self.head
            inputs = head_inputs(self.encoder, head.keyword_weight, [texts[i] for i in wanted])
            probabilities = head.probabilities(inputs)
            for i, result in zip(wanted, results_from_scores(probabilities, head.decide(probabilities)), strict=True):
                results[i] = result
        return results

    def classify(self, text: str) -> ThemeResult:
        """Classify one text."""
        return self.classify_batch([text])[0]


def head_inputs(
    encoder: MiniLMEncoder, keyword_weight: float, texts: Sequence[str], read: Callable[[str], str] = english_terms
) -> np.ndarray:
    """What the head reads for `texts`: the encoder features, then (when the head was trained with them) the keyword
    rules' 0/1 matches times `keyword_weight`, both on the text as `read` puts it in English (`english_terms` at
    inference, `domain_terms` for the training items: `classifiers.glossary`)."""
    read_texts = [read(text) for text in texts]
    encoder.load()
    features = encoder.batched_features(read_texts)
    if not keyword_weight:
        return features
    matches = keyword_features(read_texts)
    return np.hstack([features, keyword_weight * matches]).astype(np.float32)


def check_keywords(head: LinearHead, head_path: Path) -> None:
    """Refuse a head trained on keyword features from other patterns than `classifiers.keywords` has now."""
    if head.keyword_weight and head.keywords_sha256 != patterns_digest():
        raise MismatchedWeights(
            f"{head_path} was trained with other keyword patterns than classifiers/keywords.py has now; "
            "run `minerwatch train` to rebuild it"
        )


def check_adapter(head: LinearHead, adapter: Path | None, head_path: Path) -> None:
    """Refuse a head and encoder adapters that were not trained together: the scores would mean nothing."""
    from classifiers.finetune import adapter_digest

    found = adapter_digest(adapter) if adapter is not None else ""
    if head.adapter_sha256 != found:
        wanted = "no adapters" if not head.adapter_sha256 else f"the adapters in {adapter_path_for(head_path)}"
        raise MismatchedWeights(
            f"{head_path} was trained with {wanted}, but they are missing or from another run; "
            "run `minerwatch train` to rebuild both"
        )
