"""Convertible notes as Telegram HTML: the convertible-deal alert of an 8-K, /converts, and what a note means
today (distance to conversion, potential dilution). Pure: plain values in, text out (no telegram import, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.messages.filings import (
    FilingView,
    Quote,
    Shares,
    coupon,
    filing_links,
    form_in_words,
    html_link,
    item_lines,
    percent,
    share_count,
    theme_tags,
    usd_amount,
    usd_price,
    when_filed,
)
from bot.messages.locale import day, moment
from bot.messages.locale import number as decimal_number
from bot.messages.markup import esc
from bot.messages.notes import conversion_distance_pct, dilution
from bot.messages.texts import t

#: The use-of-proceeds sentence is cut here in alerts (the release link has the rest).
MAX_PROCEEDS_CHARS = 300
#: Note statuses as stored, in the order a deal goes through them.
ANNOUNCED, PRICED, CLOSED = "announced", "priced", "closed"


@dataclass(frozen=True)
class TermSource:
    """The release a note's term came from."""

    stage: str = ""  # launch | pricing | closing | unknown
    filed: str = ""  # YYYY-MM-DD
    url: str = ""
    accession: str = ""


@dataclass(frozen=True)
class NoteView:
    """One convertible (or exchangeable) note with the terms its releases stated (None: not stated)."""

    ticker: str
    status: str = ANNOUNCED
    principal_usd: float | None = None
    option_usd: float | None = None
    coupon_pct: float | None = None
    maturity: date | None = None
    maturity_year: int | None = None
    conversion_rate: float | None = None
    conversion_price_usd: float | None = None
    premium_pct: float | None = None
    reference_price_usd: float | None = None
    cap_price_usd: float | None = None
    use_of_proceeds: str | None = None
    source_url: str | None = None
    announced_on: date | None = None
    exchangeable: bool = False
    upsized: bool = False
    currency: str = "USD"  # of every amount and price above (a euro deal's stay in EUR)
    term_sources: Mapping[str, TermSource] = field(default_factory=dict)


# --- convertible notes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteMetrics:
    """What a note means today: distance of the price to conversion, and shares on full conversion."""

    distance_pct: float | None
    shares_on_conversion: float | None
    dilution_pct: float | None
    shares_with_option: float | None


def note_metrics(note: NoteView, price: float | None, shares_outstanding: float | None) -> NoteMetrics:
    """Distance to conversion (when the conversion price is in dollars, like the quotes) and potential dilution,
    with the purchasers' option too (the principal is the base size, without the option)."""
    terms = {"conversion_rate": note.conversion_rate, "conversion_price_usd": note.conversion_price_usd}
    base = dilution(note.principal_usd, shares_outstanding=shares_outstanding, **terms)
    with_option = None
    if note.option_usd and note.principal_usd:
        full = dilution(note.principal_usd + note.option_usd, **terms)
        with_option = full.shares_on_conversion if full else None
    return NoteMetrics(
        distance_pct=conversion_distance_pct(note.conversion_price_usd, price) if note.currency == "USD" else None,
        shares_on_conversion=base.shares_on_conversion if base else None,
        dilution_pct=base.pct_of_outstanding if base else None,
        shares_with_option=with_option,
    )


def _kind(note: NoteView, lang: str) -> str:
    return t(lang, "sec_kind_exchangeable" if note.exchangeable else "sec_kind_convertible")


def _maturity(note: NoteView, lang: str) -> str | None:
    if note.maturity is not None:
        return day(note.maturity, lang)
    return str(note.maturity_year) if note.maturity_year else None


def _principal_line(note: NoteView, lang: str) -> str | None:
    if note.principal_usd is None:
        return None
    text = t(lang, "sec_note_principal", principal=usd_amount(note.principal_usd, lang, note.currency))
    if note.upsized:
        text += t(lang, "sec_note_upsized")
    if note.option_usd:
        text += t(lang, "sec_note_option", option=usd_amount(note.option_usd, lang, note.currency))
    return text


def _coupon_maturity_line(note: NoteView, lang: str) -> str | None:
    parts = []
    if note.coupon_pct is not None:
        parts.append(t(lang, "sec_note_coupon", coupon=coupon(note.coupon_pct, lang)))
    if maturity := _maturity(note, lang):
        parts.append(t(lang, "sec_note_maturity", maturity=maturity))
    return " · ".join(parts) or None


def _conversion_line(note: NoteView, lang: str) -> str | None:
    if note.conversion_rate is None and note.conversion_price_usd is None:
        return t(lang, "sec_note_terms_pending") if note.status == ANNOUNCED else None
    parts = []
    if note.conversion_rate is not None:
        parts.append(t(lang, "sec_note_rate", rate=decimal_number(note.conversion_rate, lang, 4, trim=True)))
    if note.conversion_price_usd is not None:
        parts.append(t(lang, "sec_note_price", price=usd_price(note.conversion_price_usd, lang, note.currency)))
    text = t(lang, "sec_note_conversion", terms=" = ".join(parts))
    if note.premium_pct is not None:
        reference = usd_price(note.reference_price_usd, lang, note.currency) if note.reference_price_usd else None
        key = "sec_note_premium_over" if reference else "sec_note_premium"
        text += t(lang, key, premium=percent(note.premium_pct, lang), reference=reference)
    return text


def _dilution_line(metrics: NoteMetrics, shares: Shares | None, lang: str) -> str | None:
    if metrics.shares_on_conversion is None:
        return None
    new_shares = share_count(metrics.shares_on_conversion, lang)
    if metrics.dilution_pct is not None and shares is not None:
        text = t(
            lang,
            "sec_note_dilution_pct",
            shares=new_shares,
            pct=percent(metrics.dilution_pct, lang),
            outstanding=share_count(shares.count, lang),
            as_of=day(shares.as_of, lang) if shares.as_of else "—",
        )
    else:
        text = t(lang, "sec_note_dilution", shares=new_shares)
    if metrics.shares_with_option is not None:
        text += t(lang, "sec_note_dilution_option", shares=share_count(metrics.shares_with_option, lang))
    return text


def _other_series_line(note: NoteView, lang: str) -> str:
    """ "Also in this offering: $1B · Coupon: 1% · due 2033" for a second series priced with the first."""
    parts = []
    if note.principal_usd is not None:
        parts.append(usd_amount(note.principal_usd, lang, note.currency))
    if note.coupon_pct is not None:
        parts.append(t(lang, "sec_note_coupon", coupon=coupon(note.coupon_pct, lang)))
    if maturity := _maturity(note, lang):
        parts.append(t(lang, "sec_note_due", maturity=maturity))
    return t(lang, "sec_note_other_series", series=" · ".join(parts) or t(lang, "sec_note_other_series_bare"))


def _headline(note: NoteView, lang: str) -> str:
    kind = _kind(note, lang)
    if note.principal_usd is None:
        return t(lang, "sec_note_title_bare", ticker=esc(note.ticker), kind=kind)
    principal = usd_amount(note.principal_usd, lang, note.currency)
    return t(lang, f"sec_note_title_{note.status}", ticker=esc(note.ticker), kind=kind, principal=principal)


def format_convert_alert(
    filing: FilingView,
    note: NoteView,
    lang: str = "en",
    tz: str = "UTC",
    *,
    price: Quote | None = None,
    shares: Shares | None = None,
    others: Sequence[NoteView] = (),
) -> str:
    """💵 the deal in one message: stage and size, coupon and maturity, conversion rate, price and premium,
    capped-call cap, what full conversion does to the share count, the other series priced with it, distance
    from today's price, use of proceeds, the filing's items and themes, and the links."""
    metrics = note_metrics(note, price.price if price else None, shares.count if shares else None)
    lines = [_headline(note, lang)]
    company = f"{esc(filing.company)} · " if filing.company else ""
    lines.append(f"{company}{esc(filing.form)} · {'; '.join(item_lines(filing.items)) or form_in_words(filing)}")
    lines += [
        line
        for line in (
            _principal_line(note, lang),
            _coupon_maturity_line(note, lang),
            _conversion_line(note, lang),
            t(lang, "sec_note_cap", cap=usd_price(note.cap_price_usd, lang, note.currency))
            if note.cap_price_usd
            else None,
            _dilution_line(metrics, shares, lang),
        )
        if line
    ]
    lines += [_other_series_line(other, lang) for other in others]
    if metrics.distance_pct is not None and price is not None:
        lines.append(
            t(
                lang,
                "sec_note_distance",
                distance=percent(metrics.distance_pct, lang, signed=True),
                price=usd_price(price.price, lang),
                when=moment(price.at, lang, tz),
            )
        )
    if note.use_of_proceeds:
        proceeds = note.use_of_proceeds
        proceeds = proceeds if len(proceeds) <= MAX_PROCEEDS_CHARS else proceeds[: MAX_PROCEEDS_CHARS - 1] + "…"
        lines.append(t(lang, "sec_note_proceeds", text=esc(proceeds)))
    if filing.themes:
        lines.append(f"{t(lang, 'themes_label')}: {theme_tags(filing.themes)}")
    lines.append(when_filed(filing, lang, tz))
    links = [html_link(note.source_url, t(lang, "sec_press_release")), filing_links(filing, lang)]
    if joined := " · ".join(link for link in links if link):
        lines.append(joined)
    return "\n".join(lines)


def note_title(note: NoteView, lang: str, today: date | None) -> str:
    parts = [usd_amount(note.principal_usd, lang, note.currency) if note.principal_usd else "?"]
    if note.coupon_pct is not None:
        parts.append(coupon(note.coupon_pct, lang))
    parts.append(_kind(note, lang))
    if maturity := _maturity(note, lang):
        parts.append(t(lang, "sec_note_due", maturity=maturity))
    title = f"<b>{' '.join(parts)}</b>"
    if today is not None and is_matured(note, today):
        title += t(lang, "sec_note_matured")
    return title


def is_matured(note: NoteView, today: date) -> bool:
    if note.maturity is not None:
        return note.maturity < today
    return note.maturity_year is not None and note.maturity_year < today.year


def note_summary(note: NoteView, metrics: NoteMetrics, lang: str) -> str:
    """Conversion price, distance, dilution and cap on one line."""
    parts = []
    if note.conversion_price_usd is not None:
        parts.append(t(lang, "sec_list_conversion", price=usd_price(note.conversion_price_usd, lang, note.currency)))
    elif note.conversion_rate is not None:
        rate = decimal_number(note.conversion_rate, lang, 4, trim=True)
        parts.append(t(lang, "sec_list_conversion", price=t(lang, "sec_note_rate", rate=rate)))
    else:
        parts.append(t(lang, "sec_list_no_conversion"))
    if metrics.distance_pct is not None:
        parts.append(t(lang, "sec_list_distance", distance=percent(metrics.distance_pct, lang, signed=True)))
    if metrics.dilution_pct is not None:
        parts.append(t(lang, "sec_list_dilution", pct=percent(metrics.dilution_pct, lang)))
    elif metrics.shares_on_conversion is not None:
        parts.append(t(lang, "sec_list_new_shares", shares=share_count(metrics.shares_on_conversion, lang)))
    if note.cap_price_usd:
        parts.append(t(lang, "sec_list_cap", cap=usd_price(note.cap_price_usd, lang, note.currency)))
    return " · ".join(parts)


#: The terms a sources line names, in the order a note is read.
SOURCED_TERMS = (
    "principal_usd",
    "option_usd",
    "coupon_pct",
    "maturity",
    "conversion_rate",
    "conversion_price_usd",
    "premium_pct",
    "reference_price_usd",
    "cap_price_usd",
)


def _release_day(filed: str, lang: str) -> str:
    """A release's filing day as stored (YYYY-MM-DD), written in the chat's language."""
    try:
        return day(date.fromisoformat(filed), lang)
    except ValueError:
        return esc(filed)


def term_sources_line(note: NoteView, lang: str) -> str:
    """Which release each figure came from: "Terms: principal, option — pricing 2025-11-19 · ..." (linked),
    one group per release in the order they were filed; empty when the note records no sources."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for name in SOURCED_TERMS:
        if (source := note.term_sources.get(name)) is not None:
            groups.setdefault((source.filed, source.stage, source.url), []).append(t(lang, f"sec_term_{name}"))
    parts = []
    for (filed, stage, url), names in sorted(groups.items()):
        release = t(
            lang, "sec_term_release", stage=t(lang, f"sec_stage_{stage or 'unknown'}"), filed=_release_day(filed, lang)
        )
        parts.append(f"{', '.join(names)} — {html_link(url, release) or release}")
    return t(lang, "sec_term_sources", sources=" · ".join(parts)) if parts else ""


def format_converts_list(
    ticker: str,
    notes: Sequence[NoteView],
    lang: str = "en",
    tz: str = "UTC",
    *,
    price: Quote | None = None,
    shares: Shares | None = None,
    today: date | None = None,
) -> str:
    """/converts TICKER: every known note, soonest maturity first, with its distance to conversion and
    potential dilution, and what all notes together would add to the share count."""
    if not notes:
        return t(lang, "sec_converts_none", ticker=esc(ticker))
    lines = [t(lang, "sec_converts_header", ticker=esc(ticker))]
    context = [
        t(lang, "sec_context_price", price=usd_price(price.price, lang), when=moment(price.at, lang, tz))
        if price
        else t(lang, "sec_context_no_price"),
        t(
            lang,
            "sec_context_shares",
            shares=share_count(shares.count, lang),
            as_of=day(shares.as_of, lang) if shares.as_of else "—",
        )
        if shares
        else t(lang, "sec_context_no_shares"),
    ]
    lines.append(" · ".join(context))
    total_shares = 0.0
    ordered = sorted(
        notes, key=lambda n: (n.maturity or date(n.maturity_year or 9999, 12, 31), n.announced_on or date.min)
    )
    for number, note in enumerate(ordered, start=1):
        metrics = note_metrics(note, price.price if price else None, shares.count if shares else None)
        status = t(lang, f"sec_status_{note.status}")
        when = f" {day(note.announced_on, lang)}" if note.announced_on else ""
        lines.append(f"{number}. {note_title(note, lang, today)} · {status}{when}")
        lines.append(f"   {note_summary(note, metrics, lang)}")
        if sources := term_sources_line(note, lang):
            lines.append(f"   {sources}")
        elif note.source_url:
            lines.append(f"   {html_link(note.source_url, t(lang, 'sec_press_release'))}")
        if metrics.shares_on_conversion and not (today and is_matured(note, today)):
            total_shares += metrics.shares_on_conversion
    if total_shares and len(ordered) > 1:
        pct = percent(total_shares / shares.count * 100.0, lang) if shares and shares.count > 0 else None
        key = "sec_converts_total_pct" if pct else "sec_converts_total"
        lines.append(t(lang, key, shares=share_count(total_shares, lang), pct=pct))
    return "\n".join(lines)
