"""The EDGAR client: a declared User-Agent, at most 10 requests/s across the process, conditional requests,
and a process-wide pause when the SEC answers with its throttle or undeclared-tool page."""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from watchers.http import FetchError, FetchResult, fetch
from watchers.sec_filings import (
    CompanyTicker,
    Filing,
    FilingDocument,
    SecParseError,
    load_json,
    parse_atom,
    parse_company_tickers,
    parse_filing_index,
    parse_submissions,
)

DEFAULT_WWW_URL = "https://www.sec.gov"
DEFAULT_DATA_URL = "https://data.sec.gov"
#: The SEC's fair-access limit: no more than 10 requests per second from one user, all machines together.
SEC_MAX_REQUESTS_PER_SECOND = 10
#: The throttle page says access is "limited for 10 minutes" and that retrying extends it.
RATE_LIMITED_BACKOFF_SECONDS = 600.0
#: The undeclared-tool page needs a human to fix the User-Agent; do not knock again soon.
UNDECLARED_BACKOFF_SECONDS = 3600.0
#: Repeated blocks double the pause, up to this.
MAX_BLOCK_BACKOFF_SECONDS = 6 * 3600.0
#: Body caps: companyfacts of a large filer runs to several MB; feeds, indexes and exhibits are smaller.
MAX_JSON_BYTES = 8 * 1024 * 1024
MAX_COMPANY_FACTS_BYTES = 24 * 1024 * 1024
MAX_FEED_BYTES = 2 * 1024 * 1024
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
#: Entries per browse-edgar Atom page (EDGAR accepts 10, 20, 40, 80 or 100).
COMPANY_FEED_COUNT = 40
CURRENT_FEED_COUNT = 100
#: "Company Name admin@example.com": some name, and an e-mail to contact.
_CONTACT = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
#: How far into a body the block pages' titles are looked for.
BLOCK_PAGE_SNIFF_BYTES = 4096
RATE_LIMITED, UNDECLARED = "rate_limited", "undeclared_tool"
_BLOCK_MARKERS = (
    (
        RATE_LIMITED,
        (
            b"request rate threshold exceeded",
            b"exceeded the sec\xe2\x80\x99s traffic limit",
            b"exceeded the sec's traffic limit",
        ),
    ),
    (UNDECLARED, (b"undeclared automated tool",)),
)


class SecConfigError(ValueError):
    """The SEC watcher cannot start: its configuration breaks the SEC's access rules."""


class SecBlockedError(FetchError):
    """The SEC refused us (throttle page or undeclared-tool page); `retry_after` is the pause every EDGAR
    request of the process now observes."""

    def __init__(self, message: str, *, reason: str, retry_after: float, status: int | None = None) -> None:
        super().__init__(message, status=status, retry_after=retry_after)
        self.reason = reason


def validate_user_agent(user_agent: str | None) -> str:
    """The declared User-Agent, or SecConfigError saying in one line what the SEC requires."""
    value = " ".join((user_agent or "").split())
    example = 'e.g. sec.user_agent = "Acme Research admin@acme.example" (or MINERWATCH_SEC__USER_AGENT)'
    if not value:
        raise SecConfigError(f"sec.user_agent is empty: the SEC requires a declared User-Agent, {example}")
    contact = _CONTACT.search(value)
    if contact is None:
        raise SecConfigError(f"sec.user_agent {value!r} has no contact e-mail, {example}")
    if not value.replace(contact[0], "").strip():
        raise SecConfigError(f"sec.user_agent {value!r} names no company or person, {example}")
    return value


def blocked_page(body: bytes) -> str | None:
    """RATE_LIMITED or UNDECLARED when a body is one of the SEC's block pages (the throttle page can come
    with HTTP 200, so the content decides), else None."""
    head = body[:BLOCK_PAGE_SNIFF_BYTES].lower()
    if b"<html" not in head and b"<!doctype" not in head:
        return None
    for reason, markers in _BLOCK_MARKERS:
        if any(marker in head for marker in markers):
            return reason
    return None


class RateLimiter:
    """Spaces request starts at least 1/rate seconds apart (so no 1-second window holds more than `rate`),
    and holds the process-wide pause after the SEC blocked us. Loop-agnostic: no locks, only a clock."""

    def __init__(
        self,
        rate: float = SEC_MAX_REQUESTS_PER_SECOND,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self.clock = clock
        self._sleep = sleep
        self._next_slot = -math.inf
        self._last_start = -math.inf
        self._blocked_until = -math.inf
        self.blocked_reason = RATE_LIMITED
        self.consecutive_blocks = 0

    async def acquire(self) -> None:
        """Wait for the next free slot; slots are reserved synchronously, so concurrent callers queue in order.

        A loop that was busy when several slots fell due wakes their callers together; those are spaced again
        from the last start (and later slots moved behind them), so no second ever holds more than `rate`."""
        now = self.clock()
        slot = max(now, self._next_slot)
        self._next_slot = slot + self.interval
        if slot > now:
            await self._sleep(slot - now)
        start = max(self.clock(), slot)
        earliest = self._last_start + self.interval
        self._last_start = max(start, earliest)
        if start < earliest - 1e-9:
            self._next_slot = max(self._next_slot, earliest + self.interval)
            await self._sleep(earliest - self.clock())

    def block(self, seconds: float, reason: str = RATE_LIMITED) -> None:
        """Refuse every request for `seconds` (the SEC's pause applies to the whole process)."""
        self._blocked_until = max(self._blocked_until, self.clock() + seconds)
        self.blocked_reason = reason

    def blocked_for(self) -> float:
        """Seconds until the SEC may be asked again (0 when not blocked)."""
        return max(0.0, self._blocked_until - self.clock())


#: The one limiter of the process: every EdgarClient uses it unless a test injects its own.
SEC_LIMITER = RateLimiter()


class EdgarClient:
    """EDGAR over a shared httpx.AsyncClient, with the SEC's manners built in.

    Each method returns parsed plain values, or None when a conditional request answered 304 (nothing new).
    Validators (ETag / Last-Modified) are kept per URL, and only once a body parsed, so that a body that
    failed to parse is fetched again in full.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        user_agent: str,
        *,
        www_url: str = DEFAULT_WWW_URL,
        data_url: str = DEFAULT_DATA_URL,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.http = http
        self.user_agent = validate_user_agent(user_agent)
        self.www_url = www_url.rstrip("/")
        self.data_url = data_url.rstrip("/")
        self.limiter = limiter or SEC_LIMITER
        self._validators: dict[str, tuple[str | None, str | None]] = {}

    # --- transport ---

    def _refuse_while_paused(self) -> None:
        paused = self.limiter.blocked_for()
        if paused > 0:
            reason = self.limiter.blocked_reason
            raise SecBlockedError(
                f"SEC requests paused for {paused:.0f}s ({reason})", reason=reason, retry_after=paused
            )

    async def _get(self, url: str, *, max_bytes: int, conditional: bool = True) -> FetchResult:
        self._refuse_while_paused()
        await self.limiter.acquire()
        self._refuse_while_paused()  # a request queued behind the one that got us blocked must not go out
        etag, last_modified = self._validators.get(url, (None, None)) if conditional else (None, None)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"}
        try:
            result = await fetch(
                self.http, url, etag=etag, last_modified=last_modified, headers=headers, max_bytes=max_bytes
            )
        except FetchError as exc:
            refusal = blocked_page(exc.body) or (RATE_LIMITED if exc.status == 429 else None)
            if refusal:
                raise self._blocked(refusal, exc.status, exc.retry_after) from exc
            raise
        if not result.not_modified and (refusal := blocked_page(result.body)):
            raise self._blocked(refusal, result.status, result.retry_after)
        self.limiter.consecutive_blocks = 0
        return result

    def _blocked(self, reason: str, status: int | None, retry_after: float | None) -> SecBlockedError:
        """Pause every EDGAR request of the process and say for how long."""
        self.limiter.consecutive_blocks += 1
        base = RATE_LIMITED_BACKOFF_SECONDS if reason == RATE_LIMITED else UNDECLARED_BACKOFF_SECONDS
        pause = min(
            MAX_BLOCK_BACKOFF_SECONDS, max(base, retry_after or 0.0) * 2 ** (self.limiter.consecutive_blocks - 1)
        )
        self.limiter.block(pause, reason)
        what = (
            "the SEC's request-rate limit was exceeded"
            if reason == RATE_LIMITED
            else "the SEC treats us as an undeclared automated tool (check sec.user_agent)"
        )
        return SecBlockedError(
            f"{what}; pausing SEC requests for {pause:.0f}s", reason=reason, retry_after=pause, status=status
        )

    def _remember(self, result: FetchResult, url: str) -> None:
        if result.etag or result.last_modified:
            self._validators[url] = (result.etag, result.last_modified)

    async def _parsed(self, url: str, max_bytes: int, parse: Callable[[bytes], Any]) -> Any:
        """GET conditionally, parse, and only then remember the validators; None on 304."""
        result = await self._get(url, max_bytes=max_bytes)
        if result.not_modified:
            return None
        value = parse(result.body)
        self._remember(result, url)
        return value

    # --- URLs ---

    def submissions_url(self, cik: int) -> str:
        return f"{self.data_url}/submissions/CIK{cik:010d}.json"

    def company_atom_url(self, cik: int) -> str:
        return (
            f"{self.www_url}/cgi-bin/browse-edgar?action=getcompany&CIK={cik:010d}&type=&dateb=&owner=include"
            f"&count={COMPANY_FEED_COUNT}&output=atom"
        )

    def current_atom_url(self) -> str:
        return (
            f"{self.www_url}/cgi-bin/browse-edgar?action=getcurrent&type=&company=&dateb=&owner=include"
            f"&start=0&count={CURRENT_FEED_COUNT}&output=atom"
        )

    def company_facts_url(self, cik: int) -> str:
        return f"{self.data_url}/api/xbrl/companyfacts/CIK{cik:010d}.json"

    def company_tickers_url(self) -> str:
        return f"{self.www_url}/files/company_tickers.json"

    # --- endpoints ---

    async def submissions(self, cik: int) -> tuple[Filing, ...] | None:
        """The issuer's recent filings (about 1,000) from its submissions JSON."""
        parse = lambda body: tuple(parse_submissions(body, www_url=self.www_url, cik=cik))  # noqa: E731
        return await self._parsed(self.submissions_url(cik), MAX_JSON_BYTES, parse)

    async def company_atom(self, cik: int) -> tuple[Filing, ...] | None:
        """The issuer's latest filings from its browse-edgar Atom feed (ahead of the JSON by minutes)."""
        parse = lambda body: tuple(parse_atom(body, www_url=self.www_url))  # noqa: E731
        return await self._parsed(self.company_atom_url(cik), MAX_FEED_BYTES, parse)

    async def current_atom(self) -> tuple[Filing, ...] | None:
        """The latest filings of all filers ("current events" feed): the fastest way to see a new 8-K."""
        parse = lambda body: tuple(parse_atom(body, www_url=self.www_url))  # noqa: E731
        return await self._parsed(self.current_atom_url(), MAX_FEED_BYTES, parse)

    async def filing_index(self, index_url: str) -> tuple[FilingDocument, ...]:
        """The documents of one filing (an accepted filing never changes, so no conditional request)."""
        result = await self._get(index_url, max_bytes=MAX_FEED_BYTES, conditional=False)
        return tuple(parse_filing_index(result.body, index_url=str(result.url or index_url)))

    async def document(self, url: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
        """One document of a filing, as bytes."""
        return (await self._get(url, max_bytes=max_bytes, conditional=False)).body

    async def company_facts(self, cik: int) -> dict[str, Any] | None:
        """The issuer's XBRL company facts (see `xbrl.latest_shares_outstanding`)."""

        def parse(body: bytes) -> dict[str, Any]:
            data = load_json(body, "companyfacts")
            if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
                raise SecParseError("companyfacts JSON has no facts object")
            return data

        return await self._parsed(self.company_facts_url(cik), MAX_COMPANY_FACTS_BYTES, parse)

    async def company_tickers(self) -> dict[str, CompanyTicker] | None:
        """Ticker → CIK for every SEC registrant with a ticker (see `sec_filings.resolve_ciks`)."""
        return await self._parsed(self.company_tickers_url(), MAX_JSON_BYTES, parse_company_tickers)
