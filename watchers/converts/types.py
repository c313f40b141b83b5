"""The values of the convertible-notes reader: the terms one release states, a filing's announcement of them,
and the dilution a note implies."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

#: The JSON fields of `minerwatch converts parse`, in order (SPEC section 6).
JSON_FIELDS = (
    "principal_usd",
    "option_usd",
    "coupon_pct",
    "maturity",
    "maturity_year",
    "conversion_rate",
    "conversion_price_usd",
    "premium_pct",
    "reference_price_usd",
    "cap_price_usd",
    "use_of_proceeds",
    "currency",
)
#: A pricing announcement belongs to a launch announcement of the same issuer made at most this long before.
DEAL_WINDOW = timedelta(days=10)
#: Release stages, in the order a deal goes through them.
LAUNCH, PRICING, CLOSING, UNKNOWN = "launch", "pricing", "closing", "unknown"


@dataclass(frozen=True)
class ConvertTerms:
    """The terms of one convertible (or exchangeable) notes offering as a release states them."""

    principal_usd: float | None = None
    option_usd: float | None = None  # the initial purchasers' option for additional notes
    coupon_pct: float | None = None
    maturity: date | None = None
    conversion_rate: float | None = None  # shares per $1,000 principal
    conversion_price_usd: float | None = None
    premium_pct: float | None = None
    reference_price_usd: float | None = None  # the share price the premium is measured against
    cap_price_usd: float | None = None  # capped-call cap
    use_of_proceeds: str | None = None
    maturity_year: int | None = None  # also when the release says only "due 2031"
    currency: str | None = None  # ISO code the money terms are written in ("USD"; "EUR" for a euro deal)
    stage: str = UNKNOWN  # launch | pricing | closing | unknown
    exchangeable: bool = False
    upsized: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        """The SPEC 6 fields and the currency: amounts as numbers (whole ones as integers), maturity as YYYY-MM-DD.
        The `*_usd` amounts are in `currency` (a euro deal's stay in euros)."""
        values: dict[str, Any] = {}
        for name in JSON_FIELDS:
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            values[name] = value
        return values


@dataclass(frozen=True)
class NoteAnnouncement:
    """A note as one filing announces it: the issuer, the filing and the terms read from its press release."""

    cik: int
    accession: str
    filed: date
    source_url: str | None
    terms: ConvertTerms
    #: The other series a release prices with the first ("… and a 1.00% series due 2033"), each its own note.
    also: tuple[ConvertTerms, ...] = ()


TERM_FIELDS = tuple(spec.name for spec in fields(ConvertTerms))
