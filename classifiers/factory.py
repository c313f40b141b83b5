"""Build a classifier by name; the transformer module (and torch) is imported only when asked for."""

from __future__ import annotations

from classifiers.base import Classifier

#: Names accepted by `load_classifier`.
CLASSIFIER_KINDS: tuple[str, ...] = ("transformer", "keywords")


def load_classifier(kind: str = "transformer") -> Classifier:
    """Return the classifier named `kind` ("transformer" or "keywords")."""
    if kind == "keywords":
        from classifiers.keywords import KeywordClassifier

        return KeywordClassifier()
    if kind == "transformer":
        from classifiers.transformer import TransformerClassifier

        return TransformerClassifier()
    raise ValueError(f"unknown classifier kind {kind!r}; allowed: {', '.join(CLASSIFIER_KINDS)}")
