"""What every term reader shares: the release's sentences, its new series, its number style, and the limits
that tell a share price from a deal size."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from watchers.converts.numbers import NUMBER, Money, money_in, parse_number
from watchers.converts.sections import Unit
from watchers.converts.series import Series, is_older_series

_I = re.IGNORECASE
#: A principal or option below this is no notes offering (a per-share price, a fee).
MIN_OFFERING_AMOUNT = 1_000_000.0
#: A share price (conversion, reference or cap price) is below this; a larger amount is a deal size.
MAX_SHARE_PRICE = 100_000.0


def words(limit: int) -> str:
    """Up to `limit` characters between a cue and its value: words, but no other figure."""
    return r"[^$€\d%;]{0," + str(limit) + r"}?"


_RANGE_AFTER = re.compile(r"^\s*(?:%|percent|prozent)?\s*(?:-|to|and|bis|und)\s*" + NUMBER, _I)
_RANGE_BEFORE = re.compile(
    r"(?:between|from|zwischen|range\s+of|of\s+between)\s*$|(?<![$€\d.,])"
    + NUMBER
    # "$29.85 - 37.5% above …" is a price, then its premium; "30 % - 35 %" is a range
    + r"\s?(?:%|percent|prozent)?\s*(?:-|to|bis)\s*$"
    r"|\b(?:between|zwischen)\s+" + NUMBER + r"\s?(?:%|percent|prozent)?\s*(?:and|und)\s*$",
    _I,
)


@dataclass(frozen=True)
class Context:
    """What every term reader needs: the sentences, the new series and the number style."""

    parts: list[Unit]
    series: Series
    german: bool
    about_new_series: list[Unit] = field(default_factory=list)  # filled in __post_init__

    def __post_init__(self) -> None:
        current = [unit for unit in self.parts if not is_older_series(unit.text, self.series)]
        object.__setattr__(self, "about_new_series", current)

    def money(self, text: str) -> list[Money]:
        return money_in(text, decimal_comma=self.german)

    def number(self, text: str, *, percent: bool = False) -> float:
        """A number as the release writes it; in a percentage a comma is always the decimal one ("1,875 %")."""
        return parse_number(text, decimal_comma=self.german, percent=percent)

    def current(self) -> Iterator[Unit]:
        """The sentences about the new series (those about an older one left out)."""
        return iter(self.about_new_series)


def is_range(text: str, start: int, end: int) -> bool:
    """True when the number at text[start:end] is one end of a range ("between 0.50% and 1.00%", "20 bis 25")."""
    return bool(_RANGE_AFTER.match(text[end : end + 20]) or _RANGE_BEFORE.search(text[max(0, start - 25) : start]))
