"""The HTTP helper decodes gzip / deflate itself, within the size cap: bombs, stacked and unknown codings."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from tests.bombs import bomb, gzip_twice
from tests.doubles.http_server import FeedServer
from watchers.http import (
    ACCEPT_ENCODING,
    DECODE_STEP_BYTES,
    MAX_BODY_BYTES,
    BoundedDecoder,
    FetchError,
    content_coding,
    fetch,
    make_client,
)

URL = "https://wire.example/feed.xml"
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>\n' * 200
#: Raw bytes a socket read hands over at most (h11's read size), so the mock streams like the network.
WIRE_CHUNK = 64 * 1024
KIB, MIB = 1024, 1024 * 1024


def compressed(data: bytes, container: str) -> bytes:
    wbits = {"gzip": 31, "deflate": zlib.MAX_WBITS, "raw-deflate": -zlib.MAX_WBITS}[container]
    compressor = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return compressor.compress(data) + compressor.flush()


def streaming(
    body: bytes, sent: list[int] | None = None, chunk: int = WIRE_CHUNK
) -> Callable[[], AsyncIterator[bytes]]:
    """The body as the network delivers it: in chunks, never read whole (a `content=bytes` mock response
    would be read and decoded by httpx itself before fetch sees it)."""

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), chunk):
            piece = body[start : start + chunk]
            if sent is not None:
                sent.append(len(piece))
            yield piece

    return chunks


def serving(body: bytes, *encodings: str, sent: list[int] | None = None, chunk: int = WIRE_CHUNK) -> httpx.AsyncClient:
    """A client whose every GET answers `body` (as raw bytes) with one Content-Encoding header per encoding."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        headers = [("Content-Type", "application/rss+xml"), *(("Content-Encoding", e) for e in encodings)]
        return httpx.Response(200, headers=headers, content=streaming(body, sent, chunk)())

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client.seen = seen  # type: ignore[attr-defined]
    return client


# --- good bodies -----------------------------------------------------------------------------------


@pytest.mark.parametrize("container", ["gzip", "deflate", "raw-deflate"])
async def test_compressed_body_is_decoded(container: str) -> None:
    encoding = "deflate" if container == "raw-deflate" else container
    async with serving(compressed(FEED, container), encoding) as client:
        result = await fetch(client, URL)
    assert result.body == FEED


@pytest.mark.parametrize("header", ["identity", "", "x-gzip", "gzip, identity", "GZIP"])
async def test_identity_and_aliases(header: str) -> None:
    body = FEED if header in ("identity", "") else gzip.compress(FEED)
    async with serving(body, *([header] if header else [])) as client:
        assert (await fetch(client, URL)).body == FEED


async def test_only_decodable_codings_are_advertised() -> None:
    async with serving(FEED) as client:  # a plain client would offer br / zstd when those packages exist
        await fetch(client, URL)
        assert client.seen[0].headers["Accept-Encoding"] == ACCEPT_ENCODING == "gzip, deflate"  # type: ignore[attr-defined]
    assert make_client("ua").headers["Accept-Encoding"] == ACCEPT_ENCODING


async def test_decoded_body_at_the_cap_is_accepted_and_one_byte_more_refused() -> None:
    body = gzip.compress(b"x" * 1000)
    async with serving(body, "gzip") as client:
        assert len((await fetch(client, URL, max_bytes=1000)).body) == 1000
        with pytest.raises(FetchError, match="cap"):
            await fetch(client, URL, max_bytes=999)


async def test_gzip_over_loopback_keeps_etag_and_304() -> None:
    async with FeedServer() as feeds, make_client("MinerWatch test") as client:
        feeds.route("/feed.xml", FEED, etag='"v1"', retry_after="30")  # gzipped by the server
        first = await fetch(client, feeds.url("/feed.xml"))
        assert feeds.requests[-1].header("accept-encoding") == "gzip, deflate"
        assert first.body == FEED and first.etag == '"v1"' and first.retry_after == 30.0
        again = await fetch(client, feeds.url("/feed.xml"), etag=first.etag)
        assert again.not_modified and again.body == b"" and again.etag == '"v1"'


# --- hostile bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize("container", ["gzip", "deflate", "raw-deflate"])
async def test_bomb_is_refused_at_the_cap_without_reading_it_all(container: str) -> None:
    payload = bomb(64 * MIB, container)  # 64 KiB on the wire, sent 4 KiB (4 MiB decoded) at a time
    sent: list[int] = []
    encoding = "deflate" if container == "raw-deflate" else container
    async with serving(payload, encoding, sent=sent, chunk=4 * KIB) as client:
        with pytest.raises(FetchError, match="cap") as caught:
            await fetch(client, URL, max_bytes=256 * KIB)
    assert caught.value.status == 200
    assert sum(sent) < len(payload)  # stopped at the cap, not at the end of the stream


@pytest.mark.parametrize("container", ["gzip", "deflate", "raw-deflate"])
def test_decoder_hands_out_small_pieces_and_stops_one_byte_past_the_cap(container: str) -> None:
    cap = 300 * KIB
    payload = bomb(16 * MIB, container)
    decoder = BoundedDecoder("deflate" if container == "raw-deflate" else container, cap)
    decoded = 0
    with pytest.raises(FetchError, match="cap"):
        for start in range(0, len(payload), WIRE_CHUNK):
            for piece in decoder.decode(payload[start : start + WIRE_CHUNK]):
                assert len(piece) <= DECODE_STEP_BYTES  # a 64 KiB read of zeros would be ~64 MiB at once
                decoded += len(piece)
    assert decoded <= cap and decoder.size == cap + 1  # the one byte over is how the cap is noticed


async def test_bomb_at_the_default_cap_allocates_about_the_cap() -> None:
    """A 64 MiB bomb used to be inflated a whole network read at a time (tens of MiB per 64 KiB read)."""
    payload = bomb(64 * MIB)
    async with serving(payload, "gzip") as client:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match="cap"):
                await fetch(client, URL)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < MAX_BODY_BYTES + MIB  # the body kept up to the cap, plus a piece, a read and zlib's window


@pytest.mark.parametrize(
    "encodings",
    [("gzip, gzip",), ("gzip", "gzip"), ("deflate, gzip",), ("gzip, x-gzip",)],
    ids=["one-header", "two-headers", "deflate-gzip", "alias"],
)
async def test_stacked_encodings_are_refused(encodings: tuple[str, ...]) -> None:
    sent: list[int] = []
    async with serving(gzip_twice(64 * MIB), *encodings, sent=sent) as client:
        with pytest.raises(FetchError, match="stacked content encodings"):
            await fetch(client, URL)
    assert sent == []  # refused on the headers, before the body


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "exotic"])
async def test_codings_we_cannot_bound_are_refused(encoding: str) -> None:
    async with serving(b"\x00" * 100, encoding) as client:
        with pytest.raises(FetchError, match="unsupported content encoding"):
            await fetch(client, URL)


async def test_corrupt_gzip_is_a_fetch_error() -> None:
    async with serving(b"\x1f\x8b\x08\x00garbage-not-deflate" * 10, "gzip") as client:
        with pytest.raises(FetchError, match="corrupt gzip"):
            await fetch(client, URL)


def test_content_coding() -> None:
    assert content_coding([]) == "identity"
    assert content_coding(["identity"]) == "identity"
    assert content_coding([" Gzip "]) == "gzip"
    assert content_coding(["x-gzip"]) == "gzip"
    assert content_coding(["deflate"]) == "deflate"
    with pytest.raises(FetchError):
        content_coding(["gzip", "deflate"])
