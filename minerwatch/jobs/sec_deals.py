"""8-K press releases (EX-99) into the deal store: the SEC job reads a new current report's releases for notes;
the same releases, read by the deal extractor, feed the deal store when one announces a signed deal or an LOI /
MOU, attributed to the filing's ticker. A deal the news told first gets the filing as one more source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.alerts.deals import record_and_alert
from watchers.deals import DealTerms, parse_deal
from watchers.deals.extract import release_sentences
from watchers.sec_filings import FilingDocument

#: A release headline longer than this is cut (it is shown as the deal's title).
MAX_HEADLINE_CHARS = 300


@dataclass(frozen=True)
class FilingDeal:
    """The deal a filing's press release announces, with the release it came from."""

    terms: DealTerms
    headline: str
    url: str


def deal_from_releases(releases: Sequence[tuple[FilingDocument, str]]) -> FilingDeal | None:
    """The first release that announces a deal (or an LOI / MOU); None when none does (regex work: run it on a
    worker thread)."""
    for document, text in releases:
        terms = parse_deal(text)
        if terms.is_deal or terms.kind == "non_binding":
            sentences = release_sentences(text)
            headline = (sentences[0] if sentences else document.description)[:MAX_HEADLINE_CHARS]
            return FilingDeal(terms, headline, document.url)
    return None


def store_filing_deal(
    session: Session, ticker: str, form: str, found: FilingDeal, themes: Sequence[str], now: datetime
) -> int:
    """Record the filing's deal (in the filing's transaction) and queue its alert when it is new or changed."""
    _, queued = record_and_alert(
        session,
        ticker,
        found.terms.to_json_dict(),
        title=found.headline,
        lede="",
        link=found.url,
        source=f"SEC {form}",
        now=now,
        themes=themes,
    )
    return queued
