"""SEC filings and convertible notes as Telegram HTML: the filing alert, the convertible-deal alert, /filings
and /converts (the /status card is in bot/format_status.py). Pure: plain values in, text out (no telegram
import, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.format import esc
from bot.format_filings_texts import TEXTS_DE, TEXTS_EN
from bot.texts import register_texts, t
from watchers.converts import conversion_distance_pct, dilution
from watchers.sec_forms import EXHIBITS_ITEM, ITEM_DESCRIPTIONS, describe_form

register_texts("en", TEXTS_EN)
register_texts("de", TEXTS_DE)

#: Filings listed by /filings.
MAX_FILINGS_LISTED = 10
#: The use-of-proceeds sentence is cut here in alerts (the release link has the rest).
MAX_PROCEEDS_CHARS = 300
#: Longest EDGAR title shown beside a form without items.
MAX_TITLE_CHARS = 120
#: Note statuses as stored, in the order a deal goes through them.
ANNOUNCED, PRICED, CLOSED = "announced", "priced", "closed"


@dataclass(frozen=True)
class FilingView:
    """One filing as a chat sees it."""

    ticker: str
    form: str
    filed: date | None
    items: Sequence[str] = ()
    title: str = ""
    company: str = ""
    accepted_at: datetime | None = None
    themes: Sequence[str] = ()
    index_url: str = ""
    document_url: str | None = None


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


@dataclass(frozen=True)
class Quote:
    """The latest price of a ticker or of BTC, and its 1-day change."""

    price: float
    change_pct: float | None
    at: datetime


@dataclass(frozen=True)
class Shares:
    """Common shares outstanding as the latest 10-K / 10-Q cover states them."""

    count: float
    as_of: date | None


# --- numbers -----------------------------------------------------------------------------------------


def localise(text: str, lang: str) -> str:
    """German swaps the decimal point and the thousands separator."""
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def _trim(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


#: How amounts in each currency are written (a code without a symbol is written before the number).
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def _symbol(currency: str) -> str:
    return CURRENCY_SYMBOLS.get(currency, f"{esc(currency)} ")


def usd_amount(value: float, lang: str = "en", currency: str = "USD") -> str:
    """A deal size: $850M, $1.15B, $127.5M (German: $850 Mio., $1,15 Mrd.); €500M for a euro deal."""
    for scale, unit in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return _symbol(currency) + localise(_trim(value / scale, 2), lang) + t(lang, f"sec_unit_{unit}")
    return _symbol(currency) + localise(f"{value:,.0f}", lang)


def usd_price(value: float, lang: str = "en", currency: str = "USD") -> str:
    """A share or BTC price: $26.21, $97,123.00; €12.96 for a euro deal."""
    return _symbol(currency) + localise(f"{value:,.2f}", lang)


def share_count(value: float, lang: str = "en") -> str:
    """A number of shares: 32.43M, 1.2B, 950,000."""
    for scale, unit in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return localise(_trim(value / scale, 2), lang) + t(lang, f"sec_unit_{unit}")
    return localise(f"{value:,.0f}", lang)


def percent(value: float, lang: str = "en", *, signed: bool = False, decimals: int = 1) -> str:
    """42.5%, +12.3%, −4.0% (the sign only when asked for, or when negative)."""
    return localise(f"{value:{'+' if signed else ''},.{decimals}f}%", lang)


def coupon(value: float, lang: str = "en") -> str:
    """A coupon as the releases write it: 0%, 2.375%, 1.25%."""
    return localise(_trim(value, 3), lang) + "%"


def zone_of(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC")


def local_time(at: datetime, tz: str = "UTC") -> str:
    """`2026-11-25 16:05 UTC` in the chat's time zone."""
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(zone_of(tz))
    return f"{local:%Y-%m-%d %H:%M} {esc(local.tzname() or tz)}"


def html_link(url: str | None, label: str) -> str:
    return f'<a href="{esc(url)}">{label}</a>' if url else ""


# --- filings -----------------------------------------------------------------------------------------


def item_lines(items: Sequence[str]) -> list[str]:
    """Each 8-K item in words ("Item 2.03 Creation of a Direct Financial Obligation"); 9.01, which only lists
    the exhibits, is left out when other items say more."""
    shown = [code for code in items if code != EXHIBITS_ITEM] or list(items)
    return [f"Item {esc(code)} {esc(ITEM_DESCRIPTIONS.get(code, ''))}".rstrip() for code in shown]


def _what(filing: FilingView) -> str:
    """The form in words, else EDGAR's title of it."""
    return esc(describe_form(filing.form) or filing.title[:MAX_TITLE_CHARS])


def _theme_tags(themes: Sequence[str]) -> str:
    return " · ".join(f"#{esc(theme)}" for theme in themes)


def _filing_header(filing: FilingView, lang: str) -> str:
    what = _what(filing)
    title = t(lang, "sec_filed_title", ticker=esc(filing.ticker), form=esc(filing.form))
    return f"{title} — {what}" if what else title


def _when_filed(filing: FilingView, lang: str, tz: str) -> str:
    filed = filing.filed.isoformat() if filing.filed else "—"
    if filing.accepted_at is None:
        return t(lang, "sec_filed_on", filed=filed)
    return t(lang, "sec_filed_accepted", filed=filed, accepted=local_time(filing.accepted_at, tz))


def _filing_links(filing: FilingView, lang: str) -> str:
    links = [
        html_link(filing.document_url, t(lang, "sec_read_filing")),
        html_link(filing.index_url, t(lang, "sec_all_documents")),
    ]
    return " · ".join(link for link in links if link)


def format_filing_alert(filing: FilingView, lang: str = "en", tz: str = "UTC") -> str:
    """📄 who filed what, each 8-K item in words, the themes, when, and the links."""
    lines = [_filing_header(filing, lang)]
    if filing.company:
        lines.append(esc(filing.company))
    lines += [f"• {line}" for line in item_lines(filing.items)]
    if filing.themes:
        lines.append(f"{t(lang, 'themes_label')}: {_theme_tags(filing.themes)}")
    lines.append(_when_filed(filing, lang, tz))
    if links := _filing_links(filing, lang):
        lines.append(links)
    return "\n".join(lines)


def filing_line(filing: FilingView, lang: str = "en") -> str:
    """One line of a filings list: date, form (linked), items or form in words, themes."""
    filed = filing.filed.isoformat() if filing.filed else "—"
    form = html_link(filing.document_url or filing.index_url, esc(filing.form)) or esc(filing.form)
    words = "; ".join(item_lines(filing.items)) if filing.items else _what(filing)
    tags = f" {_theme_tags(filing.themes)}" if filing.themes else ""
    return f"• {filed} {form} {words}".rstrip() + tags


def format_filings_list(ticker: str, filings: Sequence[FilingView], lang: str = "en") -> str:
    """/filings TICKER: the latest filings, newest first."""
    if not filings:
        return t(lang, "sec_filings_none", ticker=esc(ticker))
    lines = [t(lang, "sec_filings_header", ticker=esc(ticker))]
    lines += [filing_line(filing, lang) for filing in filings[:MAX_FILINGS_LISTED]]
    return "\n".join(lines)


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


def _maturity(note: NoteView) -> str | None:
    if note.maturity is not None:
        return note.maturity.isoformat()
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
    if maturity := _maturity(note):
        parts.append(t(lang, "sec_note_maturity", maturity=maturity))
    return " · ".join(parts) or None


def _conversion_line(note: NoteView, lang: str) -> str | None:
    if note.conversion_rate is None and note.conversion_price_usd is None:
        return t(lang, "sec_note_terms_pending") if note.status == ANNOUNCED else None
    parts = []
    if note.conversion_rate is not None:
        parts.append(t(lang, "sec_note_rate", rate=localise(_trim(note.conversion_rate, 4), lang)))
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
            as_of=shares.as_of.isoformat() if shares.as_of else "—",
        )
    else:
        text = t(lang, "sec_note_dilution", shares=new_shares)
    if metrics.shares_with_option is not None:
        text += t(lang, "sec_note_dilution_option", shares=share_count(metrics.shares_with_option, lang))
    return text


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
) -> str:
    """💵 the deal in one message: stage and size, coupon and maturity, conversion rate, price and premium,
    capped-call cap, what full conversion does to the share count, distance from today's price, use of
    proceeds, the filing's items and themes, and the links."""
    metrics = note_metrics(note, price.price if price else None, shares.count if shares else None)
    lines = [_headline(note, lang)]
    company = f"{esc(filing.company)} · " if filing.company else ""
    lines.append(f"{company}{esc(filing.form)} · {'; '.join(item_lines(filing.items)) or _what(filing)}")
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
    if metrics.distance_pct is not None and price is not None:
        lines.append(
            t(
                lang,
                "sec_note_distance",
                distance=percent(metrics.distance_pct, lang, signed=True),
                price=usd_price(price.price, lang),
                when=local_time(price.at, tz),
            )
        )
    if note.use_of_proceeds:
        proceeds = note.use_of_proceeds
        proceeds = proceeds if len(proceeds) <= MAX_PROCEEDS_CHARS else proceeds[: MAX_PROCEEDS_CHARS - 1] + "…"
        lines.append(t(lang, "sec_note_proceeds", text=esc(proceeds)))
    if filing.themes:
        lines.append(f"{t(lang, 'themes_label')}: {_theme_tags(filing.themes)}")
    lines.append(_when_filed(filing, lang, tz))
    links = [html_link(note.source_url, t(lang, "sec_press_release")), _filing_links(filing, lang)]
    if joined := " · ".join(link for link in links if link):
        lines.append(joined)
    return "\n".join(lines)


def note_title(note: NoteView, lang: str, today: date | None) -> str:
    parts = [usd_amount(note.principal_usd, lang, note.currency) if note.principal_usd else "?"]
    if note.coupon_pct is not None:
        parts.append(coupon(note.coupon_pct, lang))
    parts.append(_kind(note, lang))
    if maturity := _maturity(note):
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
        rate = localise(_trim(note.conversion_rate, 4), lang)
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


def term_sources_line(note: NoteView, lang: str) -> str:
    """Which release each figure came from: "Terms: principal, option — pricing 2025-11-19 · ..." (linked),
    one group per release in the order they were filed; empty when the note records no sources."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for name in SOURCED_TERMS:
        if (source := note.term_sources.get(name)) is not None:
            groups.setdefault((source.filed, source.stage, source.url), []).append(t(lang, f"sec_term_{name}"))
    parts = []
    for (filed, stage, url), names in sorted(groups.items()):
        release = t(lang, "sec_term_release", stage=t(lang, f"sec_stage_{stage or 'unknown'}"), filed=esc(filed))
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
        t(lang, "sec_context_price", price=usd_price(price.price, lang), when=local_time(price.at, tz))
        if price
        else t(lang, "sec_context_no_price"),
        t(
            lang,
            "sec_context_shares",
            shares=share_count(shares.count, lang),
            as_of=shares.as_of.isoformat() if shares.as_of else "—",
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
        when = f" {note.announced_on.isoformat()}" if note.announced_on else ""
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
