"""The trained multi-label head: one logistic unit per theme over the encoder embedding, with its threshold.

Training folds a Platt calibration into each unit's weights and bias, so `probabilities` are calibrated scores
(of the items scored 0.9, about nine in ten carry the theme) and the thresholds are on the same scale."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from classifiers.base import THEMES

#: The committed head weights (a few KB), rebuilt by `minerwatch train`.
DEFAULT_HEAD_PATH = Path(__file__).resolve().parent / "weights" / "head.npz"
#: Timestamp written for every member of the .npz, so the same head is the same bytes (np.savez stamps "now").
_FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def adapter_path_for(head_path: Path) -> Path:
    """Where the encoder adapters trained with a head live: a folder beside it (head.npz -> head.adapter/)."""
    return head_path.with_suffix(".adapter")


@dataclass(frozen=True)
class LinearHead:
    """`weights` (themes x dim), `bias` (themes,), `thresholds` (themes,) over `themes` in that order."""

    themes: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray
    #: SHA-256 of the encoder adapters' weights file this head was trained with; "" for the plain encoder.
    adapter_sha256: str = ""
    #: Factor on the keyword-rule features (`classifiers.keywords.keyword_features`) appended to the encoder
    #: features; 0.0: the head reads encoder features only.
    keyword_weight: float = 0.0
    #: SHA-256 of the keyword patterns the head was trained with ("" when keyword_weight is 0).
    keywords_sha256: str = ""

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
        """Write the head as a small .npz (half-precision weights, no pickles); the same head gives the same bytes."""
        arrays = {
            "themes": np.array(self.themes),
            "weights": self.weights.astype(np.float16),  # half precision: plenty for a linear probe, half the bytes
            "bias": self.bias.astype(np.float32),
            "thresholds": self.thresholds.astype(np.float32),
            "adapter_sha256": np.array(self.adapter_sha256),
            "keyword_weight": np.array(self.keyword_weight, dtype=np.float64),
            "keywords_sha256": np.array(self.keywords_sha256),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, array, allow_pickle=False)
                member = zipfile.ZipInfo(f"{name}.npy", date_time=_FIXED_ZIP_TIME)
                member.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(member, buffer.getvalue())

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
                adapter_sha256=str(data["adapter_sha256"]) if "adapter_sha256" in data else "",
                keyword_weight=float(data["keyword_weight"]) if "keyword_weight" in data else 0.0,
                keywords_sha256=str(data["keywords_sha256"]) if "keywords_sha256" in data else "",
            )
        if themes != THEMES:
            raise ValueError(f"{path}: head themes {themes} do not match {THEMES}")
        return head
