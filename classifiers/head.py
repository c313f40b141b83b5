"""The trained multi-label head: one logistic unit per theme over the encoder embedding, with its threshold."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from classifiers.base import THEMES

#: The committed head weights (a few KB), rebuilt by `minerwatch train`.
DEFAULT_HEAD_PATH = Path(__file__).resolve().parent / "weights" / "head.npz"


@dataclass(frozen=True)
class LinearHead:
    """`weights` (themes x dim), `bias` (themes,), `thresholds` (themes,) over `themes` in that order."""

    themes: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray

    def __post_init__(self) -> None:
        n = len(self.themes)
        if self.weights.ndim != 2 or self.weights.shape[0] != n:
            raise ValueError(f"weights must have shape ({n}, dim), got {self.weights.shape}")
        if self.bias.shape != (n,) or self.thresholds.shape != (n,):
            raise ValueError("bias and thresholds need one value per theme")

    @property
    def dim(self) -> int:
        """Embedding width the head expects."""
        return int(self.weights.shape[1])

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """Sigmoid scores, shape (n, themes)."""
        logits = embeddings.astype(np.float64) @ self.weights.T.astype(np.float64) + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def decide(self, probabilities: np.ndarray) -> np.ndarray:
        """Boolean matrix: which themes pass their own threshold."""
        return probabilities >= self.thresholds

    def save(self, path: Path) -> None:
        """Write the head as a small .npz (float32 weights, no pickles)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                themes=np.array(self.themes),
                weights=self.weights.astype(np.float16),  # half precision: plenty for a linear probe, half the bytes
                bias=self.bias.astype(np.float32),
                thresholds=self.thresholds.astype(np.float32),
            )

    @classmethod
    def load(cls, path: Path = DEFAULT_HEAD_PATH) -> LinearHead:
        """Read a head written by `save`; its themes must be the interface's THEMES."""
        with np.load(path, allow_pickle=False) as data:
            themes = tuple(str(t) for t in data["themes"])
            head = cls(
                themes=themes,
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float64),
                thresholds=data["thresholds"].astype(np.float64),
            )
        if themes != THEMES:
            raise ValueError(f"{path}: head themes {themes} do not match {THEMES}")
        return head
