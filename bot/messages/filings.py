"""SEC filings as Telegram HTML: the filing alert and /filings, and the number, time and link helpers the
convertible-note messages (bot/messages/converts.py) and the /status card (bot/messages/status.py) share. Pure:
plain values in, text out (no telegram import, no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.messages.locale import compact_count, compact_money, day, moment, money, percent
from bot.messages.markup import esc
from bot.messages.texts import t
from watchers.sec_forms import EXHIBITS_ITEM, ITEM_DESCRIPTIONS, describe_form

#: Filings listed by /filings.
MAX_FILINGS_LISTED = 10
#: Longest EDGAR title shown beside a form without items.
MAX_TITLE_CHARS = 120


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


# --- numbers and times (written per language by bot/messages/locale.py) ---------------------------

usd_amount = compact_money  # a deal size: $850M (German 850 Mio. $)
usd_price = money  # a share or BTC price: $26.21 (German 26,21 $)
share_count = compact_count  # a number of shares: 32.43M (German 32,43 Mio.)


def coupon(value: float, lang: str = "en") -> str:
    """A coupon as the releases write it: 0%, 2.375%, 1.25% (German 2,375 %)."""
    return percent(value, lang, decimals=3, trim=True)


def html_link(url: str | None, label: str) -> str:
    return f'<a href="{esc(url)}">{label}</a>' if url else ""


# --- filings -----------------------------------------------------------------------------------------


def item_lines(items: Sequence[str]) -> list[str]:
    """Each 8-K item in words ("Item 2.03 Creation of a Direct Financial Obligation"); 9.01, which only lists
    the exhibits, is left out when other items say more."""
    shown = [code for code in items if code != EXHIBITS_ITEM] or list(items)
    return [f"Item {esc(code)} {esc(ITEM_DESCRIPTIONS.get(code, ''))}".rstrip() for code in shown]


def form_in_words(filing: FilingView) -> str:
    """The form in words, else EDGAR's title of it."""
    return esc(describe_form(filing.form) or filing.title[:MAX_TITLE_CHARS])


def theme_tags(themes: Sequence[str]) -> str:
    return " · ".join(f"#{esc(theme)}" for theme in themes)


def _filing_header(filing: FilingView, lang: str) -> str:
    what = form_in_words(filing)
    title = t(lang, "sec_filed_title", ticker=esc(filing.ticker), form=esc(filing.form))
    return f"{title} — {what}" if what else title


def when_filed(filing: FilingView, lang: str, tz: str) -> str:
    filed = day(filing.filed, lang) if filing.filed else "—"
    if filing.accepted_at is None:
        return t(lang, "sec_filed_on", filed=filed)
    return t(lang, "sec_filed_accepted", filed=filed, accepted=moment(filing.accepted_at, lang, tz))


def filing_links(filing: FilingView, lang: str) -> str:
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
        lines.append(f"{t(lang, 'themes_label')}: {theme_tags(filing.themes)}")
    lines.append(when_filed(filing, lang, tz))
    if links := filing_links(filing, lang):
        lines.append(links)
    return "\n".join(lines)


def filing_line(filing: FilingView, lang: str = "en") -> str:
    """One line of a filings list: date, form (linked), items or form in words, themes."""
    filed = day(filing.filed, lang) if filing.filed else "—"
    form = html_link(filing.document_url or filing.index_url, esc(filing.form)) or esc(filing.form)
    words = "; ".join(item_lines(filing.items)) if filing.items else form_in_words(filing)
    tags = f" {theme_tags(filing.themes)}" if filing.themes else ""
    return f"• {filed} {form} {words}".rstrip() + tags


def format_filings_list(ticker: str, filings: Sequence[FilingView], lang: str = "en") -> str:
    """/filings TICKER: the latest filings, newest first."""
    if not filings:
        return t(lang, "sec_filings_none", ticker=esc(ticker))
    lines = [t(lang, "sec_filings_header", ticker=esc(ticker))]
    lines += [filing_line(filing, lang) for filing in filings[:MAX_FILINGS_LISTED]]
    return "\n".join(lines)
