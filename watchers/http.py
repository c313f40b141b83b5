"""The one HTTP helper every watcher uses: conditional GET, size cap, Retry-After, backoff.

Fetch results are plain values; what to do with a 304 or a Retry-After is the caller's decision.
"""

from __future__ import annotations

import email.utils
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

#: Largest response body we read; anything bigger is refused as an error (a feed is never 5 MiB).
MAX_BODY_BYTES = 5 * 1024 * 1024
#: Connect / read / write / pool timeouts in seconds.
DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
#: Backoff after consecutive failures: base * 2**(n-1), capped, with a little jitter.
BACKOFF_BASE_SECONDS = 30.0
#: A Retry-After beyond this is treated as this (a source asking for years of silence is a misconfiguration).
MAX_RETRY_AFTER_SECONDS = 86400.0
BACKOFF_CAP_SECONDS = 3600.0
#: Connections open at once (a poll cycle runs up to this many fetches side by side).
MAX_CONNECTIONS = 50
#: Idle connections kept for reuse. httpcore checks every kept connection each time a request starts or ends, so
#: keeping 20 instead of 10 cost ~0.3 CPU-s more per 500-feed cycle (bench/polling.py); 10 still covers the few
#: hosts that serve many feeds.
MAX_KEEPALIVE_CONNECTIONS = 10


@dataclass(frozen=True)
class FetchResult:
    """What one HTTP GET returned, reduced to what a watcher needs."""

    url: str
    status: int
    body: bytes
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self, default_encoding: str = "utf-8") -> str:
        """The body decoded with the declared charset, falling back to `default_encoding`."""
        charset = None
        if self.content_type and "charset=" in self.content_type:
            charset = self.content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"')
        try:
            return self.body.decode(charset or default_encoding, errors="replace")
        except LookupError:
            return self.body.decode(default_encoding, errors="replace")


class FetchError(Exception):
    """A source failed: network error, timeout, oversize body or an HTTP error status."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None, body: bytes = b""
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.body = body


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_SECONDS)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return min(max(0.0, (when - now).total_seconds()), MAX_RETRY_AFTER_SECONDS)


def backoff_seconds(
    failures: int,
    *,
    base: float = BACKOFF_BASE_SECONDS,
    cap: float = BACKOFF_CAP_SECONDS,
    jitter: float = 0.1,
    rng: random.Random | None = None,
) -> float:
    """Delay before the next try after `failures` consecutive failures (exponential, capped, jittered)."""
    if failures <= 0:
        return 0.0
    delay = min(cap, base * (2 ** min(failures - 1, 30)))
    spread = (rng or random).uniform(-jitter, jitter) if jitter else 0.0
    return max(0.0, delay * (1 + spread))


def make_client(
    user_agent: str, *, timeout: httpx.Timeout = DEFAULT_TIMEOUT, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """The shared client: timeouts, gzip (httpx default), redirects, a descriptive User-Agent."""
    return httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        limits=httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS),
        transport=transport,
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> FetchResult:
    """GET `url`, conditionally when a validator is known. 2xx and 304 return; anything else raises FetchError."""
    request_headers = dict(headers or {})
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified
    try:
        async with client.stream("GET", url, headers=request_headers) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(
                    f"body of {declared} bytes exceeds the {max_bytes}-byte cap", status=response.status_code
                )
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"body exceeds the {max_bytes}-byte cap", status=response.status_code)
                chunks.append(chunk)
            body = b"".join(chunks)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timeout: {type(exc).__name__}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    status = response.status_code
    if status != 304 and not 200 <= status < 300:
        raise FetchError(f"HTTP {status}", status=status, retry_after=retry_after, body=body[:4096])
    return FetchResult(
        url=str(response.url),
        status=status,
        body=body,
        content_type=response.headers.get("Content-Type"),
        etag=response.headers.get("ETag") or (etag if status == 304 else None),
        last_modified=response.headers.get("Last-Modified") or (last_modified if status == 304 else None),
        retry_after=retry_after,
    )
