"""The one HTTP helper every watcher uses: conditional GET, size cap, Retry-After, backoff.

Fetch results are plain values; what to do with a 304 or a Retry-After is the caller's decision.
The size cap applies to the decoded body: we read the raw bytes and decode gzip / deflate ourselves with a
bounded zlib decompressor, so a compression bomb stops at the cap instead of being inflated into memory.
"""

from __future__ import annotations

import email.utils
import random
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

#: Largest response body we read, counted after decoding; anything bigger is refused as an error (a feed is
#: never 5 MiB).
MAX_BODY_BYTES = 5 * 1024 * 1024
#: Content codings we can decode within the cap (RFC 9110 8.4.1); we advertise only these, so a server has no
#: reason to send br or zstd, and a response that uses them anyway is refused.
ACCEPT_ENCODING = "gzip, deflate"
#: A compressed chunk is inflated this much at a time, so memory follows the cap, not the compression ratio.
DECODE_STEP_BYTES = 64 * 1024
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
    """The shared client: timeouts, gzip / deflate (decoded by `fetch`), redirects, a descriptive User-Agent."""
    return httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        limits=httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS),
        transport=transport,
    )


def content_coding(values: list[str]) -> str:
    """The one content coding of a response ("identity", "gzip" or "deflate") from its Content-Encoding values.

    Stacked codings ("gzip, gzip") are refused: nothing legitimate needs them and each layer multiplies a bomb.
    """
    codings = [coding.strip().lower() for value in values for coding in value.split(",") if coding.strip()]
    codings = ["gzip" if coding == "x-gzip" else coding for coding in codings if coding != "identity"]
    if len(codings) > 1:
        raise FetchError(f"stacked content encodings refused: {', '.join(codings)}")
    if codings and codings[0] not in ("gzip", "deflate"):
        raise FetchError(f"unsupported content encoding {codings[0]!r}")
    return codings[0] if codings else "identity"


def _is_zlib_header(data: bytes) -> bool:
    """RFC 1950 2.2: CM = 8 (deflate), window ≤ 32 KiB, and CMF·256 + FLG a multiple of 31."""
    return data[0] & 0x0F == 8 and data[0] >> 4 <= 7 and (data[0] << 8 | data[1]) % 31 == 0


class BoundedDecoder:
    """Decodes one content coding of a streamed body and refuses it once the decoded size passes `max_bytes`.

    Each raw chunk is inflated in pieces of at most DECODE_STEP_BYTES (zlib's `max_length`), and only while the
    body is under the cap, so the decoder never holds more than one piece and one raw chunk, whatever the
    compression ratio. "deflate" is the zlib format (RFC 9110 8.4.1.2), but some servers send raw deflate; the
    first two bytes tell which.
    """

    def __init__(self, coding: str, max_bytes: int) -> None:
        self.coding = coding
        self.max_bytes = max_bytes
        self.size = 0  # decoded bytes handed out so far
        self._zlib: zlib._Decompress | None = None
        self._head = b""  # deflate: the first bytes, until there are two to look at
        if coding == "gzip":
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def decode(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of the next raw chunk; FetchError past the cap or on a corrupt stream."""
        if self.coding == "identity":
            yield self._count(data)
            return
        if self._zlib is None:  # deflate, format not known yet
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if _is_zlib_header(data) else -zlib.MAX_WBITS)
        while data and not self._zlib.eof:  # data after the end of the stream is ignored, as httpx does
            room = self.max_bytes - self.size + 1  # one byte more than fits tells the body is too big
            try:
                piece = self._zlib.decompress(data, min(room, DECODE_STEP_BYTES))
            except zlib.error as exc:
                raise FetchError(f"corrupt {self.coding} body: {exc}") from exc
            yield self._count(piece)
            data = self._zlib.unconsumed_tail

    def flush(self) -> bytes:
        """Whatever the decompressor still buffers at the end of the body (nothing, with `max_length` used)."""
        if self._zlib is None or self._zlib.eof:
            return b""
        try:
            return self._count(self._zlib.flush())
        except zlib.error as exc:
            raise FetchError(f"corrupt {self.coding} body: {exc}") from exc

    def _count(self, decoded: bytes) -> bytes:
        self.size += len(decoded)
        if self.size > self.max_bytes:
            raise FetchError(f"body exceeds the {self.max_bytes}-byte cap")
        return decoded


async def _read_capped(response: httpx.Response, decoder: BoundedDecoder, max_bytes: int) -> list[bytes]:
    """The decoded body in chunks: at most `max_bytes` read from the wire, at most `max_bytes` decoded."""
    chunks: list[bytes] = []
    wire = 0
    async for raw in response.aiter_raw():  # undecoded: httpx would inflate each chunk without a bound
        wire += len(raw)
        if wire > max_bytes:
            raise FetchError(f"body exceeds the {max_bytes}-byte cap")
        chunks.extend(decoder.decode(raw))
    chunks.append(decoder.flush())
    return chunks


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> FetchResult:
    """GET `url`, conditionally when a validator is known. 2xx and 304 return; anything else raises FetchError.

    At most `max_bytes` are read from the wire and at most `max_bytes` decoded; more is a FetchError."""
    request_headers = dict(headers or {})
    if not any(name.lower() == "accept-encoding" for name in request_headers):
        request_headers["Accept-Encoding"] = ACCEPT_ENCODING  # also with a client not made by make_client
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
            status = response.status_code
            try:
                coding = "identity" if status == 304 else content_coding(response.headers.get_list("Content-Encoding"))
                if response.is_stream_consumed:
                    # Built in memory (httpx.MockTransport with content=...): httpx has read and decoded it already;
                    # only the cap is left to check. A body from the network always arrives as a stream.
                    chunks = list(BoundedDecoder("identity", max_bytes).decode(response.content))
                else:
                    chunks = await _read_capped(response, BoundedDecoder(coding, max_bytes), max_bytes)
            except FetchError as exc:
                exc.status = status
                raise
            body = b"".join(chunks)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timeout: {type(exc).__name__}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
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
