"""One deal, several releases: launch → pricing → closing update one note. (What a note means for a
shareholder — distance to conversion, dilution — is derived where it is shown: bot/messages/notes.py.)"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import timedelta

from watchers.converts.types import (
    CLOSING,
    DEAL_WINDOW,
    LAUNCH,
    PRICING,
    UNKNOWN,
    ConvertTerms,
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
