"""The classifier interface: text in, theme scores out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

#: The five themes of SPEC section 1, in display order.
THEMES: tuple[str, ...] = (
    "capital_deployment",
    "energy_arbitrage",
    "debt_terms",
    "depin",
    "regulation",
)


@dataclass(frozen=True)
class ThemeResult:
    """Themes assigned to one text, with a score in [0, 1] for every theme."""

    themes: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)


class Classifier(Protocol):
    """Anything that tags texts with themes. Implementations must be safe to call from a worker thread."""

    name: str

    def classify_batch(self, texts: Sequence[str]) -> list[ThemeResult]:
        """Classify many texts at once (one result per text, same order)."""
        ...


def item_text(title: str, lede: str | None = None) -> str:
    """The text a classifier sees for a news item: headline, then lede."""
    title = (title or "").strip()
    lede = (lede or "").strip()
    return f"{title}. {lede}" if lede else title


#: A text needs this many words (of two letters or more) before a classifier gives it a theme.
MIN_CONTENT_WORDS = 2
_WORD = re.compile(r"[^\W\d_]{2,}")


def has_content(text: str) -> bool:
    """Whether `text` says enough to carry a theme (an empty or one-word text does not)."""
    return len(_WORD.findall(text or "")) >= MIN_CONTENT_WORDS
