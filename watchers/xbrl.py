"""Shares outstanding from SEC XBRL company facts (data.sec.gov/api/xbrl/companyfacts/CIK##########.json)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

#: The cover-page fact every 10-K / 10-Q reports: common shares outstanding as of a recent date.
SHARES_OUTSTANDING = ("dei", "EntityCommonStockSharesOutstanding", "shares")


class SharesOutstanding(NamedTuple):
    """Common shares outstanding and the date the filing states them for (unpacks as (shares, as_of))."""

    shares: int
    as_of: date


def _facts(companyfacts: Mapping[str, Any] | bytes | str) -> Mapping[str, Any]:
    if isinstance(companyfacts, bytes | str):
        try:
            companyfacts = json.loads(companyfacts)
        except (ValueError, RecursionError):
            return {}
    return companyfacts if isinstance(companyfacts, Mapping) else {}


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def latest_shares_outstanding(companyfacts: Mapping[str, Any] | bytes | str) -> SharesOutstanding | None:
    """The latest `dei:EntityCommonStockSharesOutstanding`: latest end date, then latest filed date.

    A filer with several classes reports one fact per class for the same filing and date; those are summed.
    The same count repeated by a later filing (a 10-K/A) is not: only the facts of one filing count.
    """
    namespace, concept, unit = SHARES_OUTSTANDING
    facts = _facts(companyfacts).get("facts")
    try:
        values = facts[namespace][concept]["units"][unit]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    if not isinstance(values, list):
        return None
    # (end, filed, accession) → summed shares of that filing's classes.
    totals: dict[tuple[date, date, str], int] = {}
    for fact in values:
        if not isinstance(fact, Mapping):
            continue
        end, filed, shares = _date(fact.get("end")), _date(fact.get("filed")), fact.get("val")
        if end is None or filed is None or isinstance(shares, bool) or not isinstance(shares, int | float):
            continue
        if shares <= 0:
            continue
        key = (end, filed, str(fact.get("accn") or ""))
        totals[key] = totals.get(key, 0) + int(shares)
    if not totals:
        return None
    latest = max(totals)
    return SharesOutstanding(totals[latest], latest[0])
