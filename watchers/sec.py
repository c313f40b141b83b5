"""SEC EDGAR watcher: new filings of the watched issuers, from the submissions JSON and the company /
"current" Atom feeds merged by accession, and the note terms of 8-Ks announcing convertible notes.

The public face of the SEC modules: the client is in `sec_client`, parsing in `sec_filings` (filings, index
pages), `sec_forms` (items, forms, themes) and `sec_text` (exhibit HTML); note terms in `converts`, shares
outstanding in `xbrl`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from watchers.converts import CLOSING, LAUNCH, PRICING, ConvertTerms, NoteAnnouncement, parse_convert_series
from watchers.http import FetchError
from watchers.sec_client import (
    SEC_LIMITER,
    EdgarClient,
    RateLimiter,
    SecBlockedError,
    SecConfigError,
    blocked_page,
    validate_user_agent,
)
from watchers.sec_filings import CompanyTicker, Filing, FilingDocument, SecParseError, merge_by_accession, resolve_ciks
from watchers.sec_forms import ITEM_DESCRIPTIONS, describe_filing, filing_themes, is_notes_offering, press_releases
from watchers.sec_text import release_text

__all__ = [
    "ITEM_DESCRIPTIONS",
    "SEC_LIMITER",
    "CompanyTicker",
    "EdgarClient",
    "Filing",
    "FilingDocument",
    "FilingsPoll",
    "RateLimiter",
    "SecBlockedError",
    "SecConfigError",
    "SecParseError",
    "SourceFailure",
    "blocked_page",
    "describe_filing",
    "fetch_press_releases",
    "filing_themes",
    "is_notes_offering",
    "note_from_releases",
    "poll_filings",
    "read_note_announcement",
    "resolve_ciks",
    "validate_user_agent",
]

#: A filing first seen this long after it was filed is recorded without an alert (a late-listed old filing).
MAX_NEW_FILING_AGE = timedelta(days=3)
#: The sources a full poll reads, in merge priority (the JSON is the most complete; the feeds are faster).
SUBMISSIONS, COMPANY_ATOM, CURRENT_ATOM = "submissions", "company_atom", "current_atom"
ALL_SOURCES = (SUBMISSIONS, COMPANY_ATOM, CURRENT_ATOM)
#: Press releases read per filing (an 8-K rarely carries more than a launch and a pricing release).
MAX_PRESS_RELEASES = 3


# --- the poll ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFailure:
    """One source that failed this poll (the others still count)."""

    source: str  # "submissions:1507605", "company_atom:1507605", "current_atom"
    error: str
    retry_after: float | None = None


@dataclass(frozen=True)
class FilingsPoll:
    """New filings to alert on (oldest first), filings to record silently, and the sources that failed."""

    new: tuple[Filing, ...]
    baseline: tuple[Filing, ...]
    failures: tuple[SourceFailure, ...]


async def poll_filings(
    client: EdgarClient,
    ciks: Iterable[int],
    known_accessions: Collection[str],
    *,
    baselined_ciks: Collection[int],
    sources: Collection[str] = ALL_SOURCES,
    now: datetime | None = None,
) -> FilingsPoll:
    """Filings of the watched issuers not yet known, merged by accession across the sources.

    Filings of an issuer not in `baselined_ciks` (its first poll) and filings older than MAX_NEW_FILING_AGE
    go to `baseline`: recorded, never alerted. A failing source is reported and the others still count;
    SecBlockedError is raised, since every further request would be refused too.
    """
    watched = sorted(set(ciks))
    calls: list[tuple[str, Awaitable[tuple[Filing, ...] | None]]] = []
    for cik in watched:
        if SUBMISSIONS in sources:
            calls.append((f"{SUBMISSIONS}:{cik}", client.submissions(cik)))
        if COMPANY_ATOM in sources:
            calls.append((f"{COMPANY_ATOM}:{cik}", client.company_atom(cik)))
    if CURRENT_ATOM in sources and watched:
        calls.append((CURRENT_ATOM, client.current_atom()))
    outcomes = await asyncio.gather(*(call for _, call in calls), return_exceptions=True)

    by_source: dict[str, list[Filing]] = {SUBMISSIONS: [], COMPANY_ATOM: [], CURRENT_ATOM: []}
    failures = []
    for (source, _), outcome in zip(calls, outcomes, strict=True):
        if isinstance(outcome, SecBlockedError):
            raise outcome
        if isinstance(outcome, FetchError | SecParseError):
            failures.append(SourceFailure(source, str(outcome), getattr(outcome, "retry_after", None)))
        elif isinstance(outcome, BaseException):
            raise outcome
        elif outcome:
            by_source[source.split(":", 1)[0]].extend(outcome)

    watched_set = set(watched)
    cutoff = (now or datetime.now(UTC)).date() - MAX_NEW_FILING_AGE
    new: list[Filing] = []
    baseline: list[Filing] = []
    merged = merge_by_accession(by_source[SUBMISSIONS], by_source[COMPANY_ATOM], by_source[CURRENT_ATOM])
    for filing in merged:
        if filing.cik not in watched_set or filing.accession in known_accessions:
            continue
        first_poll = filing.cik not in baselined_ciks
        (baseline if first_poll or filing.filed < cutoff else new).append(filing)
    new.reverse()  # merged is newest first; alerts go out in the order the filings were made
    return FilingsPoll(tuple(new), tuple(baseline), tuple(failures))


# --- press releases and notes -----------------------------------------------------------------------


async def fetch_press_releases(
    client: EdgarClient, filing: Filing, *, limit: int = MAX_PRESS_RELEASES
) -> list[tuple[FilingDocument, str]]:
    """The filing's press-release exhibits (EX-99.x) with their plain text; empty when it has none."""
    releases = []
    for exhibit in press_releases(await client.filing_index(filing.index_url))[:limit]:
        body = await client.document(exhibit.url)
        text = release_text(body)
        releases.append((exhibit, text))
    return releases


def note_from_releases(filing: Filing, releases: Sequence[tuple[FilingDocument, str]]) -> NoteAnnouncement | None:
    """The note a filing announces, from the most advanced of its offering releases (closing over pricing
    over launch; then the one stating most terms), with the other series that release prices; None when no
    release announces a notes offering."""
    best: tuple[tuple[int, int], FilingDocument, list[ConvertTerms]] | None = None
    for exhibit, text in releases:
        if not is_notes_offering(filing, text):
            continue
        series = parse_convert_series(text)
        known = sum(value is not None for value in series[0].to_json_dict().values())
        rank = ({LAUNCH: 0, PRICING: 2, CLOSING: 3}.get(series[0].stage, 1), known)
        if best is None or rank > best[0]:
            best = (rank, exhibit, series)
    if best is None:
        return None
    _, exhibit, (terms, *others) = best
    return NoteAnnouncement(filing.cik, filing.accession, filing.filed, exhibit.url, terms, tuple(others))


async def read_note_announcement(client: EdgarClient, filing: Filing) -> NoteAnnouncement | None:
    """For an 8-K announcing a convertible-notes offering: the note terms from its press release."""
    return note_from_releases(filing, await fetch_press_releases(client, filing))
