"""Theme classifiers: text in, themes with scores out (SPEC section 5)."""

from classifiers.base import THEMES, Classifier, ThemeResult, item_text
from classifiers.factory import CLASSIFIER_KINDS, load_classifier

__all__ = ["CLASSIFIER_KINDS", "THEMES", "Classifier", "ThemeResult", "item_text", "load_classifier"]
