"""What a convertible note means for a shareholder: distance of the share price to conversion, and the shares
full conversion would issue (potential dilution). Facts about a note, shared by the alerts (conv_distance rules)
and the messages (/converts, /status, the convertible-deal alert). Pure arithmetic on plain numbers.

Their one home: watchers/ read terms and never derive from them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Conversion rates are quoted per this much principal.
PRINCIPAL_PER_RATE_USD = 1000.0


@dataclass(frozen=True)
class Dilution:
    """What full conversion of a note would do to the share count."""

    shares_on_conversion: float
    pct_of_outstanding: float | None  # None when shares outstanding are unknown


def conversion_distance_pct(conversion_price: float | None, price: float | None) -> float | None:
    """How far the share price must rise to reach the conversion price, in percent of the price
    (negative when the notes are in the money)."""
    if conversion_price is None or price is None or price <= 0 or conversion_price <= 0:
        return None
    return (conversion_price - price) / price * 100.0


def shares_on_conversion(
    principal_usd: float | None, *, conversion_rate: float | None = None, conversion_price_usd: float | None = None
) -> float | None:
    """Shares issued if the whole principal converted: principal / $1,000 × rate (else principal / price)."""
    if principal_usd is None or principal_usd <= 0:
        return None
    if conversion_rate is not None and conversion_rate > 0:
        return principal_usd / PRINCIPAL_PER_RATE_USD * conversion_rate
    if conversion_price_usd is not None and conversion_price_usd > 0:
        return principal_usd / conversion_price_usd
    return None


def dilution(
    principal_usd: float | None,
    *,
    conversion_rate: float | None = None,
    conversion_price_usd: float | None = None,
    shares_outstanding: float | None = None,
) -> Dilution | None:
    """Shares on full conversion and their share of today's count (potential dilution); None without terms."""
    shares = shares_on_conversion(
        principal_usd, conversion_rate=conversion_rate, conversion_price_usd=conversion_price_usd
    )
    if shares is None:
        return None
    pct = shares / shares_outstanding * 100.0 if shares_outstanding and shares_outstanding > 0 else None
    return Dilution(shares_on_conversion=shares, pct_of_outstanding=pct)
