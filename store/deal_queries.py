"""The deal store: one row per AI/HPC deal, deduplicated across wires, rewrites and 8-Ks, and the per-miner roll-up.

Which row a new report is (`record_deal`), in order:
1. the same miner and the same counterparty — names compared up to case, punctuation and corporate suffixes
   (Inc., Corp., Ltd., …), and a name that starts the other word by word ("Microsoft" / "Microsoft Corporation")
   is the same — reported within `DEAL_WINDOW` of the deal's last report; an *expansion* (the text says it adds
   to, expands, extends, amends or upsizes a contract) matches at any time;
2. unnamed: the same miner, the same kind, the same `counterparty_phrase` (up to case and punctuation; both
   missing counts as the same) and compatible terms (no stated figure differs) within `DEAL_WINDOW`;
3. else a new deal.
An LOI / MOU (kind non_binding) only matches a recorded LOI / MOU; a signed deal may match one (it then takes the
signed kind: "changed").
A matched report adds its source; terms it states that the deal lacked are filled in ("filled"), stated figures
that differ replace the old ones ("changed", old and new kept in `history`), and an expansion's stated figures are
recorded as what it adds ("expansion"). Nothing is computed from the terms except the roll-up's sums.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from store.models import Deal

#: Reports of one deal arrive within this window of each other (wires, rewrites, the 8-K a few days later).
DEAL_WINDOW = timedelta(days=21)
#: The figures compared between reports: a different stated value is a change of terms.
FIGURES = ("mw", "mw_gross", "contract_value_usd", "term_years", "gpu_count")
#: Named fields: filled in when a report states them first, never "changed" (spellings differ between wires).
NAMES = ("counterparty", "counterparty_phrase", "backstop", "site", "gpu_model")
#: Kind of a recorded LOI / MOU: kept, not counted.
NON_BINDING = "non_binding"
#: The key that marks a source entry read from a quietly stored story (a feed's baseline, an old item).
QUIET_SOURCE = "quiet"

_SUFFIXES = re.compile(
    r"\b(?:inc|incorporated|corp|corporation|ltd|limited|llc|plc|co|company|holdings|group|ag|gmbh|sa|nv)\b\.?",
    re.IGNORECASE,
)


def name_key(name: str | None) -> tuple[str, ...]:
    """A name as its words, without case, punctuation or corporate suffixes: "Microsoft Corp." → ("microsoft",)."""
    if not name:
        return ()
    return tuple(re.sub(r"[^\w\s]", " ", _SUFFIXES.sub(" ", name.casefold())).split())


def same_party(one: str | None, other: str | None) -> bool:
    """Equal names, or one starts the other word by word ("Meta" / "Meta Platforms")."""
    a, b = name_key(one), name_key(other)
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return longer[: len(shorter)] == shorter


def _differs(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return False
    if isinstance(old, int | float) and isinstance(new, int | float):
        return abs(float(old) - float(new)) > 1e-6 * max(abs(float(old)), abs(float(new)), 1.0)
    return bool(old != new)


def _compatible(deal: Deal, terms: Mapping[str, Any]) -> bool:
    return not any(_differs(getattr(deal, name), terms.get(name)) for name in FIGURES)


@dataclass(frozen=True)
class Recorded:
    """What a report did to the store: `status` new | source (a known deal, nothing new) | filled | changed |
    expansion | known (this source was already listed); `fields` the history entry's {name: [old, new]}."""

    deal: Deal
    status: str
    fields: dict[str, list[Any]] = field(default_factory=dict)


def find_match(
    session: Session, ticker: str, terms: Mapping[str, Any], now: datetime, *, expansion: bool
) -> Deal | None:
    """The stored deal this report is about, by the rule in the module docstring; None: a new deal."""
    rows = list(session.exec(select(Deal).where(Deal.ticker == ticker).order_by(col(Deal.id).desc())))
    if terms.get("kind") == NON_BINDING:  # an LOI never amends a signed deal (a signed one may follow an LOI)
        rows = [row for row in rows if row.kind == NON_BINDING]
    recent = [row for row in rows if row.updated_at >= now - DEAL_WINDOW]
    named = terms.get("counterparty")
    if named:
        for row in rows if expansion else recent:
            if same_party(row.counterparty, named):
                return row
        return None
    phrase = name_key(terms.get("counterparty_phrase"))
    for row in recent:
        if row.counterparty is None and row.kind == terms.get("kind") and name_key(row.counterparty_phrase) == phrase:
            if _compatible(row, terms):
                return row
    return None


def record_deal(
    session: Session,
    ticker: str,
    terms: Mapping[str, Any],
    *,
    title: str,
    link: str,
    source: str,
    now: datetime,
    expansion: bool = False,
    quiet: bool = False,
) -> Recorded:
    """Store one report of a deal (`terms`: the SPEC 6a fields; `kind` non_binding for an LOI / MOU) and say what
    it changed. `quiet`: the report is a story stored quietly (a feed's first poll, an old item), marked so on its
    source entry; a deal known only from such reports stays out of digests, as their stories do."""
    entry = {"name": source, "url": link, "at": now.isoformat()}
    if quiet:
        entry[QUIET_SOURCE] = "true"
    deal = find_match(session, ticker, terms, now, expansion=expansion)
    if deal is None:
        values = {name: terms.get(name) for name in (*FIGURES, *NAMES)}
        deal = Deal(
            ticker=ticker,
            kind=terms.get("kind") or "partnership",
            title=title,
            link=link,
            sources=[entry],
            history=[],
            announced_at=now,
            updated_at=now,
            **values,
        )
        session.add(deal)
        session.flush()
        return Recorded(deal, "new")
    if any(known.get("url") == link and (link or known.get("name") == source) for known in deal.sources):
        return Recorded(deal, "known")  # the same source again (a restart, a re-read filing)
    if expansion and deal.updated_at >= now - DEAL_WINDOW and _compatible(deal, terms):
        expansion = False  # another wire of the same news, worded as growth ("adds Microsoft as a tenant")
    deal.sources = [*deal.sources, entry]
    deal.updated_at = now
    if deal.kind == NON_BINDING and terms.get("kind") not in (None, NON_BINDING):
        changed_kind: dict[str, list[Any]] = {"kind": [deal.kind, terms.get("kind")]}
        deal.kind = str(terms.get("kind"))  # the LOI became a signed contract
    else:
        changed_kind = {}
    status, fields = "source", dict(changed_kind)
    if expansion and deal.kind != NON_BINDING:
        fields.update({name: [None, terms[name]] for name in FIGURES if terms.get(name) is not None})
        status = "expansion" if fields else "source"
    else:
        for name in (*FIGURES, *NAMES):
            old, new = getattr(deal, name), terms.get(name)
            if new is None or (name in NAMES and old is not None):
                continue
            if old is None or _differs(old, new):
                fields[name] = [old, new]
                setattr(deal, name, new)
        if any(old is not None for old, _ in fields.values()) or changed_kind:
            status = "changed"
        elif fields:
            status = "filled"
    if status != "source":
        deal.history = [*deal.history, {"at": now.isoformat(), "source": source, "change": status, "fields": fields}]
    session.add(deal)
    session.flush()
    return Recorded(deal, status, fields)


def deals_of(session: Session, tickers: Iterable[str], limit: int | None = None) -> list[Deal]:
    """The deals of these miners, the newest first (LOIs / MOUs included)."""
    query = select(Deal).where(col(Deal.ticker).in_(list(tickers))).order_by(col(Deal.announced_at).desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def deals_between(session: Session, tickers: Iterable[str], since: datetime, until: datetime) -> list[Deal]:
    """Deals first reported in (since, until] for these miners (a digest's period), the oldest first; a deal known
    only from quietly stored stories (a feed's baseline, old items) is left out, as those stories are."""
    query = (
        select(Deal)
        .where(col(Deal.ticker).in_(list(tickers)), Deal.announced_at > since, Deal.announced_at <= until)
        .order_by(col(Deal.announced_at))
    )
    return [deal for deal in session.exec(query) if not all(entry.get(QUIET_SOURCE) for entry in deal.sources)]


@dataclass(frozen=True)
class RollUp:
    """One miner's signed deals summed: MW and contract value as stated (with stated expansions), the distinct
    counterparties and sites, the number of deals, the latest. LOIs / MOUs are not counted. `mw` and
    `contract_value_usd` are None when none of the deals states one (not 0: nothing was said)."""

    ticker: str
    mw: float | None = None
    contract_value_usd: float | None = None
    deals: int = 0
    counterparties: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    latest: Deal | None = None


def expansions(deal: Deal) -> list[Mapping[str, Any]]:
    """The stated figures each expansion of `deal` added."""
    return [
        {name: pair[1] for name, pair in dict(entry.get("fields") or {}).items()}  # type: ignore[call-overload]
        for entry in deal.history
        if entry.get("change") == "expansion"
    ]


def roll_up(ticker: str, deals: Sequence[Deal]) -> RollUp:
    """Sum a miner's signed deals: `mw` (critical IT where stated) and `contract_value_usd` of each deal plus its
    expansions' stated additions; deals that do not state a figure add nothing to it, and a figure no deal states
    stays None."""
    signed = [deal for deal in deals if deal.ticker == ticker and deal.kind != NON_BINDING]

    def stated_sum(name: str) -> float | None:
        stated = [
            float(figure)
            for deal in signed
            for figure in (getattr(deal, name), *(added.get(name) for added in expansions(deal)))
            if figure  # a missing figure (or a 0) says nothing
        ]
        return sum(stated) if stated else None

    mw, value = stated_sum("mw"), stated_sum("contract_value_usd")
    parties = dict.fromkeys(d.counterparty or d.counterparty_phrase for d in signed)
    sites = dict.fromkeys(d.site for d in signed)
    return RollUp(
        ticker=ticker,
        mw=mw,
        contract_value_usd=value,
        deals=len(signed),
        counterparties=tuple(p for p in parties if p),
        sites=tuple(s for s in sites if s),
        latest=max(signed, key=lambda d: d.announced_at, default=None),
    )
