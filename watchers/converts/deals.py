"""One deal, several releases (launch → pricing → closing update one note), and what a note means for a
shareholder (distance to conversion, shares on full conversion, dilution)."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import timedelta

from watchers.converts.types import (
    CLOSING,
    DEAL_WINDOW,
    LAUNCH,
    PRICING,
    PRINCIPAL_PER_RATE_USD,
    UNKNOWN,
    ConvertTerms,
    Dilution,
    NoteAnnouncement,
)

# --- one deal, several releases ---------------------------------------------------------------------


def same_deal(earlier: NoteAnnouncement, later: NoteAnnouncement, *, window: timedelta = DEAL_WINDOW) -> bool:
    """True when `later` (a pricing or closing release) is about the same notes as `earlier` (its launch or
    pricing): same issuer, and either the same coupon and maturity, or no conflicting term within `window`."""
    if earlier.cik != later.cik or earlier.accession == later.accession:
        return False
    a, b = earlier.terms, later.terms
    if a.maturity_year is not None and b.maturity_year is not None and a.maturity_year != b.maturity_year:
        return False
    if a.coupon_pct is not None and b.coupon_pct is not None:
        if a.coupon_pct != b.coupon_pct:
            return False
        if a.maturity_year is not None and a.maturity_year == b.maturity_year:
            return True  # the same coupon and maturity of one issuer is one series of notes
    return timedelta(0) <= later.filed - earlier.filed <= window and _stage_rank(b) >= _stage_rank(a)


def _stage_rank(terms: ConvertTerms) -> int:
    return (LAUNCH, PRICING, CLOSING).index(terms.stage) if terms.stage in (LAUNCH, PRICING, CLOSING) else 1


def find_same_deal(
    new: NoteAnnouncement, known: list[NoteAnnouncement], *, window: timedelta = DEAL_WINDOW
) -> NoteAnnouncement | None:
    """The most recent known announcement `new` updates, or None when it is a new note."""
    matches = [old for old in known if old.filed <= new.filed and same_deal(old, new, window=window)]
    return max(matches, key=lambda old: old.filed, default=None)


def merge_terms(earlier: ConvertTerms, later: ConvertTerms) -> ConvertTerms:
    """The later release's terms, with what only the earlier one stated kept (a pricing release updates its
    launch: the upsized principal and the priced coupon win, the launch's maturity date fills a gap)."""
    updates = {}
    for spec in fields(ConvertTerms):
        value = getattr(later, spec.name)
        if value is None or (spec.name == "stage" and value == UNKNOWN):
            updates[spec.name] = getattr(earlier, spec.name)
    updates["exchangeable"] = earlier.exchangeable or later.exchangeable
    updates["upsized"] = earlier.upsized or later.upsized
    return replace(later, **updates)


# --- what a note means for a shareholder ------------------------------------------------------------


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
