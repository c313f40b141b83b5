"""Convertible notes from 8-K press releases into ConvertibleNote rows: a new deal is a new row; a later release of
the same deal (its pricing, its closing) updates it, and each term keeps the release that stated it last."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

from sqlmodel import Session

from bot.messages.converts import ANNOUNCED, CLOSED, PRICED
from store import sec_queries
from store.models import ConvertibleNote
from watchers.converts import (
    CLOSING,
    JSON_FIELDS,
    LAUNCH,
    PRICING,
    UNKNOWN,
    ConvertTerms,
    NoteAnnouncement,
    find_same_deal,
    merge_terms,
)

#: ConvertibleNote.status per release stage, and back.
STAGE_STATUS = {LAUNCH: ANNOUNCED, PRICING: PRICED, CLOSING: CLOSED, UNKNOWN: ANNOUNCED}
STATUS_STAGE = {ANNOUNCED: LAUNCH, PRICED: PRICING, CLOSED: CLOSING}
#: The ConvertTerms fields that are ConvertibleNote columns of the same name.
NOTE_TERM_FIELDS = tuple(f.name for f in fields(ConvertTerms) if f.name != "stage")
#: The terms whose release /converts names (SPEC 6 fields but the derived year and the currency).
SOURCED_FIELDS = tuple(name for name in JSON_FIELDS if name not in ("maturity_year", "currency"))


def save_note(session: Session, ticker: str, announcement: NoteAnnouncement, now: datetime) -> ConvertibleNote:
    """Insert the note, or update the note of the same deal (a pricing updates its launch, a closing its
    pricing): the later release's terms win, what only the earlier one stated is kept."""
    rows = sec_queries.notes_of(session, ticker)
    known = [_announcement_of(row) for row in rows]
    match = find_same_deal(announcement, known)
    if match is None:
        row = ConvertibleNote(ticker=ticker, cik=announcement.cik, announced_on=announcement.filed)
        terms = announcement.terms
    else:
        row = rows[known.index(match)]
        terms = merge_terms(match.terms, announcement.terms)
    for name in NOTE_TERM_FIELDS:
        setattr(row, name, getattr(terms, name))
    row.term_sources = term_sources(row.term_sources, announcement)
    row.status = STAGE_STATUS[terms.stage]
    row.accession = announcement.accession
    row.source_url = announcement.source_url or row.source_url
    row.updated_at = now
    session.add(row)
    session.flush()
    return row


def term_sources(known: dict[str, dict[str, str]] | None, announcement: NoteAnnouncement) -> dict[str, dict[str, str]]:
    """Per term, the release that stated it last: this announcement for every term it states, the earlier
    releases for the rest (a new dict, so the JSON column sees the change)."""
    sources = dict(known or {})
    release = {
        "stage": announcement.terms.stage,
        "filed": announcement.filed.isoformat(),
        "url": announcement.source_url or "",
        "accession": announcement.accession,
    }
    for name in SOURCED_FIELDS:
        if getattr(announcement.terms, name) is not None:
            sources[name] = release
    return sources


def _announcement_of(row: ConvertibleNote) -> NoteAnnouncement:
    """A stored note as the deal matcher sees it."""
    terms = ConvertTerms(
        **{name: getattr(row, name) for name in NOTE_TERM_FIELDS}, stage=STATUS_STAGE.get(row.status, UNKNOWN)
    )
    return NoteAnnouncement(row.cik or 0, row.accession or "", row.announced_on or row.updated_at.date(), None, terms)
