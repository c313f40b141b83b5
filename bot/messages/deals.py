"""AI/HPC deals as Telegram HTML: the deal alert, the update when a later source changes or expands the terms, the
/deals list of one miner, the league table of a watchlist, the /status card's AI/HPC line and the digest's lines.
Pure: plain values in, text out (no telegram import, no I/O); the values come from bot/alerts/deals.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.messages.filings import html_link
from bot.messages.locale import compact_money, number, short_day
from bot.messages.markup import esc
from bot.messages.news import format_themes
from bot.messages.texts import t, tn

#: Deals listed by /deals TICKER.
MAX_LISTED_DEALS = 10
#: Counterparties and sites named in a roll-up line.
MAX_ROLLUP_NAMES = 5


@dataclass(frozen=True)
class DealView:
    """One stored deal as the messages show it."""

    ticker: str
    kind: str
    counterparty: str | None = None
    counterparty_phrase: str | None = None
    mw: float | None = None
    contract_value_usd: float | None = None
    term_years: int | None = None
    site: str | None = None
    gpu_count: int | None = None
    gpu_model: str | None = None
    title: str = ""
    link: str = ""
    source_names: Sequence[str] = field(default_factory=tuple)
    announced_at: datetime | None = None


@dataclass(frozen=True)
class RollUpView:
    """One miner's signed deals summed (LOIs / MOUs not counted); a figure none of them states is None."""

    ticker: str
    mw: float | None = None
    contract_value_usd: float | None = None
    deals: int = 0
    counterparties: Sequence[str] = field(default_factory=tuple)
    sites: Sequence[str] = field(default_factory=tuple)
    latest: DealView | None = None


def _party(deal: DealView, lang: str) -> str:
    return esc(deal.counterparty or deal.counterparty_phrase or t(lang, "deal_unnamed"))


def _mw(value: float, lang: str) -> str:
    return f"{number(value, lang, 1, trim=True)} MW"


def deal_terms(deal: DealView, lang: str) -> str:
    """ "AI cloud contract, $9.7B over 5 years, 200 MW, Childress (TX)": the kind and each stated term."""
    parts = [t(lang, f"deal_kind_{deal.kind}")]
    if deal.contract_value_usd is not None and deal.term_years is not None:
        parts.append(
            t(lang, "deal_value_over", value=compact_money(deal.contract_value_usd, lang), years=deal.term_years)
        )
    elif deal.contract_value_usd is not None:
        parts.append(compact_money(deal.contract_value_usd, lang))
    elif deal.term_years is not None:
        parts.append(t(lang, "deal_years", years=deal.term_years))
    if deal.mw is not None:
        parts.append(_mw(deal.mw, lang))
    if deal.gpu_count is not None:
        parts.append(t(lang, "deal_gpus", count=number(deal.gpu_count, lang, 0), model=esc(deal.gpu_model or "")))
    elif deal.gpu_model:
        parts.append(esc(deal.gpu_model))
    if deal.site:
        parts.append(esc(deal.site))
    return ", ".join(part.replace("  ", " ").strip() for part in parts)


def deal_headline(deal: DealView, lang: str) -> str:
    """🏗 $IREN × Microsoft — AI cloud contract, $9.7B over 5 years, 200 MW, Childress (TX)."""
    return f"🏗 <b>${esc(deal.ticker)} × {_party(deal, lang)}</b> — {deal_terms(deal, lang)}"


def _source_line(deal: DealView, lang: str, themes: Sequence[str], scores: Mapping[str, float]) -> str:
    sources = ", ".join(esc(name) for name in deal.source_names if name)
    parts = [f"{t(lang, 'themes_label')}: {format_themes(themes, scores, lang)}"] if themes else []
    if sources:
        parts.append(f"{t(lang, 'source_label')}: {sources}")
    return " · ".join(parts)


def format_deal_alert(
    deal: DealView, lang: str = "en", themes: Sequence[str] = (), scores: Mapping[str, float] | None = None
) -> str:
    """What was signed, the headline (linked) and the story's themes and source."""
    lines = [deal_headline(deal, lang)]
    if deal.title:
        lines.append(html_link(deal.link, esc(deal.title)) or esc(deal.title))
    if source := _source_line(deal, lang, themes, scores or {}):
        lines.append(source)
    return "\n".join(lines)


def _field_value(name: str, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if name in ("mw", "mw_gross"):
        return _mw(float(value), lang)
    if name == "contract_value_usd":
        return compact_money(float(value), lang)
    if name == "term_years":
        return t(lang, "deal_years", years=value)
    if name == "gpu_count":
        return number(float(value), lang, 0)
    if name == "kind":
        return t(lang, f"deal_kind_{value}")
    return esc(value)


def format_deal_update(
    deal: DealView, change: str, fields: Mapping[str, Sequence[Any]], source: str, lang: str = "en"
) -> str:
    """A later source changed (old → new) or expanded (+ what it adds) a known deal's terms."""
    if change == "expansion":
        what = ", ".join(f"+{_field_value(name, pair[1], lang)}" for name, pair in fields.items())
        label = t(lang, "deal_expanded", what=what)
    else:
        what = "; ".join(
            f"{t(lang, f'deal_field_{name}')} {_field_value(name, pair[0], lang)} → {_field_value(name, pair[1], lang)}"
            for name, pair in fields.items()
        )
        label = t(lang, "deal_changed", what=what)
    lines = [f"🏗 <b>${esc(deal.ticker)} × {_party(deal, lang)}</b> — {label}", deal_terms(deal, lang)]
    if deal.title:
        lines.append(html_link(deal.link, esc(deal.title)) or esc(deal.title))
    if source:
        lines.append(f"{t(lang, 'source_label')}: {esc(source)}")
    return "\n".join(lines)


def rollup_line(rollup: RollUpView, lang: str) -> str:
    """300 MW · $9.7B contracted in 2 deals (LOIs not counted). A figure none of the deals states is left out and
    said so ("$7B contracted in 1 deal (MW not stated)"), never summed as 0."""
    if not rollup.deals:
        return t(lang, "deal_rollup_none")
    figures = []
    if rollup.mw is not None:
        figures.append(_mw(rollup.mw, lang))
    if rollup.contract_value_usd is not None:
        figures.append(compact_money(rollup.contract_value_usd, lang))
    if not figures:
        return f"{tn(lang, 'deal_rollup_bare', rollup.deals)} {t(lang, 'deal_figures_not_stated')}"
    line = tn(lang, "deal_rollup", rollup.deals, terms=" · ".join(figures))
    if rollup.mw is None:
        return f"{line} {t(lang, 'deal_mw_not_stated')}"
    if rollup.contract_value_usd is None:
        return f"{line} {t(lang, 'deal_value_not_stated')}"
    return line


def format_deal_list(rollup: RollUpView, deals: Sequence[DealView], lang: str = "en", tz: str = "UTC") -> str:
    """/deals TICKER: the roll-up, its counterparties and sites, then each deal (newest first); with no deal at all,
    the one line that says so (not the roll-up's "none" too)."""
    lines = [t(lang, "deal_list_header", ticker=esc(rollup.ticker))]
    if not deals:
        return "\n".join((*lines, t(lang, "deal_list_none", ticker=esc(rollup.ticker))))
    lines.append(rollup_line(rollup, lang))
    if rollup.counterparties:
        names = ", ".join(esc(name) for name in rollup.counterparties[:MAX_ROLLUP_NAMES])
        lines.append(t(lang, "deal_counterparties", names=names))
    if rollup.sites:
        lines.append(t(lang, "deal_sites", names=", ".join(esc(name) for name in rollup.sites[:MAX_ROLLUP_NAMES])))
    lines.append("")
    for deal in deals[:MAX_LISTED_DEALS]:
        when = f"{short_day(deal.announced_at, lang, tz)} " if deal.announced_at else ""
        sources = tn(lang, "deal_sources", len(deal.source_names))
        title = html_link(deal.link, sources) or sources
        lines.append(f"• {when}{_party(deal, lang)} — {deal_terms(deal, lang)} · {title}")
    return "\n".join(lines)


def format_deal_league(rollups: Sequence[RollUpView], lang: str = "en") -> str:
    """/deals: the watchlist's miners by contracted MW, then value: one line each."""
    ordered = sorted(rollups, key=lambda r: (-(r.mw or 0.0), -(r.contract_value_usd or 0.0), r.ticker))
    lines = [t(lang, "deal_league_header")]
    for rollup in ordered:
        lines.append(f"• ${esc(rollup.ticker)}: {rollup_line(rollup, lang)}")
    if not rollups:
        lines.append(t(lang, "deal_rollup_none"))
    lines.append(t(lang, "deal_league_hint"))
    return "\n".join(lines)


def status_deal_lines(rollup: RollUpView, lang: str = "en", tz: str = "UTC") -> list[str]:
    """The /status card's AI/HPC section: the roll-up and the latest deal."""
    lines = [t(lang, "deal_card_title"), rollup_line(rollup, lang)]
    if rollup.latest is not None:
        latest = rollup.latest
        when = f" ({short_day(latest.announced_at, lang, tz)})" if latest.announced_at else ""
        lines.append(t(lang, "deal_card_latest", deal=f"{_party(latest, lang)} — {deal_terms(latest, lang)}{when}"))
    return lines


def digest_deal_line(deal: DealView, lang: str = "en") -> str:
    """One deal of the digest's period."""
    link = html_link(deal.link, t(lang, "read_more"))
    return f"${esc(deal.ticker)} × {_party(deal, lang)} — {deal_terms(deal, lang)}" + (f" · {link}" if link else "")
