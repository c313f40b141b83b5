"""A minimal HTTP/1.1 server on asyncio streams: the one transport under both loopback doubles.

It runs in the caller's event loop (no threads), so a test can change what the double answers between two
requests. It speaks just enough HTTP/1.1 for httpx, curl and python-telegram-bot: keep-alive,
Content-Length or chunked request bodies, `Expect: 100-continue`, HEAD, and an abrupt reset on demand.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import email.utils
import json
import signal
import socket
import struct
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

#: Largest request head (request line + headers) we accept; curl and httpx send well under 1 KiB.
MAX_HEAD_BYTES = 64 * 1024
#: Largest request body we accept (sendMessage with 4096 characters is ~20 KiB form-encoded).
MAX_BODY_BYTES = 8 * 1024 * 1024
#: Statuses that never carry a body (RFC 9110 6.4.1).
BODYLESS_STATUSES = frozenset({204, 304})


class Headers:
    """Case-insensitive header lookup that keeps the original order and spelling."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self.pairs: list[tuple[str, str]] = list(pairs)

    def get(self, name: str, default: str | None = None) -> str | None:
        lowered = name.lower()
        values = [value for key, value in self.pairs if key.lower() == lowered]
        return ", ".join(values) if values else default

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def as_dict(self) -> dict[str, str]:
        """Lower-cased names to values (repeated headers joined with ", ")."""
        return {key.lower(): self.get(key) or "" for key, _ in self.pairs}

    def __repr__(self) -> str:
        return f"Headers({self.pairs!r})"


@dataclass(frozen=True)
class Request:
    """One parsed HTTP request."""

    method: str
    target: str
    headers: Headers
    body: bytes = b""

    @property
    def path(self) -> str:
        return unquote(urlsplit(self.target).path)

    @property
    def query(self) -> str:
        return urlsplit(self.target).query

    def query_params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query, keep_blank_values=True))

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()

    def form(self) -> dict[str, Any]:
        """Body parameters: url-encoded and multipart give strings, JSON gives its own types."""
        if not self.body:
            return {}
        if self.content_type == "application/json":
            decoded = json.loads(self.body)
            if not isinstance(decoded, dict):
                raise ValueError("JSON body is not an object")
            return decoded
        if self.content_type == "multipart/form-data":
            return _parse_multipart(self.headers.get("Content-Type") or "", self.body)
        return dict(parse_qsl(self.body.decode("utf-8", errors="replace"), keep_blank_values=True))


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Text fields of a multipart/form-data body (file parts are kept as bytes)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        fields[str(name)] = data if part.get_filename() else data.decode("utf-8", errors="replace")
    return fields


@dataclass
class Response:
    """What to answer. `reset=True` drops the connection with a TCP RST instead of answering."""

    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    reset: bool = False
    close: bool = False

    @classmethod
    def json(cls, payload: Any, status: int = 200, headers: Iterable[tuple[str, str]] = ()) -> Response:
        """A compact JSON body, ASCII-escaped like the Telegram Bot API writes it."""
        body = json.dumps(payload, separators=(",", ":")).encode()
        return cls(status, body, [("Content-Type", "application/json"), *headers])

    @classmethod
    def text(cls, text: str, status: int = 200, content_type: str = "text/plain; charset=utf-8") -> Response:
        return cls(status, text.encode(), [("Content-Type", content_type)])


Handler = Callable[[Request], Awaitable[Response]]


class _BadRequest(Exception):
    """The client sent something this server cannot parse; answered with `status` and the connection closed."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class LoopbackServer:
    """Serves `handler` on host:port (port 0 picks a free one) until stopped; usable as an async context manager."""

    def __init__(
        self, handler: Handler, *, host: str = "127.0.0.1", port: int = 0, server_name: str = "loopback"
    ) -> None:
        self.handler = handler
        self.host = host
        self.port = port
        self.server_name = server_name
        self.connections_opened = 0
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> LoopbackServer:
        self._server = await asyncio.start_server(self._serve, self.host, self.port, limit=MAX_HEAD_BYTES)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        """Stop listening and drop every open connection (a pending long poll included)."""
        if self._server is None:
            return
        self._server.close()
        for task in list(self._connections):
            task.cancel()
        if self._connections:
            await asyncio.gather(*self._connections, return_exceptions=True)
        with contextlib.suppress(Exception):
            await self._server.wait_closed()
        self._server = None

    async def __aenter__(self) -> LoopbackServer:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        self.connections_opened += 1
        try:
            await self._serve_connection(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self._connections.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _serve_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                request, keep_alive = await _read_request(reader, writer)
            except _BadRequest as exc:
                await self._write(writer, Response.text(f"{exc}\n", exc.status), head_only=False, keep_alive=False)
                return
            if request is None:
                return
            try:
                response = await self.handler(request)
            except Exception as exc:  # noqa: BLE001 - a broken test app answers 500 instead of hanging the client
                response = Response.text(f"double failed: {type(exc).__name__}: {exc}\n", 500)
            if response.reset:
                _reset(writer)
                return
            keep_alive = keep_alive and not response.close
            await self._write(writer, response, head_only=request.method == "HEAD", keep_alive=keep_alive)
            if not keep_alive:
                return

    async def _write(
        self, writer: asyncio.StreamWriter, response: Response, *, head_only: bool, keep_alive: bool
    ) -> None:
        status = response.status
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        body = b"" if status in BODYLESS_STATUSES else response.body
        names = {name.lower() for name, _ in response.headers}
        lines = [f"HTTP/1.1 {status} {reason}"]
        if "date" not in names:
            lines.append(f"Date: {email.utils.formatdate(usegmt=True)}")
        if "server" not in names:
            lines.append(f"Server: {self.server_name}")
        lines.extend(f"{name}: {value}" for name, value in response.headers if name.lower() != "content-length")
        if status not in BODYLESS_STATUSES:
            lines.append(f"Content-Length: {len(body)}")
        lines.append(f"Connection: {'keep-alive' if keep_alive else 'close'}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        writer.write(head if head_only else head + body)
        await writer.drain()


async def wait_for_shutdown_signal() -> None:
    """For the command-line servers: return on SIGINT or SIGTERM (also when SIGINT is ignored, as in `cmd &`)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    await stop.wait()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with SO_LINGER 0 so the peer sees a connection reset, not a clean end of stream."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _read_request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> tuple[Request | None, bool]:
    """The next request on the connection, or None when the client closed it between requests."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial.strip():
            raise _BadRequest(400, "incomplete request head") from exc
        return None, False
    except asyncio.LimitOverrunError as exc:
        raise _BadRequest(431, "request head too large") from exc
    lines = head.decode("latin-1").split("\r\n")
    try:
        method, target, version = lines[0].split(" ")
    except ValueError as exc:
        raise _BadRequest(400, f"bad request line {lines[0]!r}") from exc
    pairs = []
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise _BadRequest(400, f"bad header line {line!r}")
        pairs.append((name.strip(), value.strip()))
    headers = Headers(pairs)
    connection = (headers.get("Connection") or "").lower()
    keep_alive = "close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection
    if (headers.get("Expect") or "").lower() == "100-continue":
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        await writer.drain()
    body = await _read_body(reader, headers)
    return Request(method.upper(), target, headers, body), keep_alive


async def _read_body(reader: asyncio.StreamReader, headers: Headers) -> bytes:
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        chunks: list[bytes] = []
        size = 0
        while True:
            size_line = await reader.readuntil(b"\r\n")
            chunk_size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
            if chunk_size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":  # trailers
                    pass
                return b"".join(chunks)
            size += chunk_size
            if size > MAX_BODY_BYTES:
                raise _BadRequest(413, "request body too large")
            chunks.append(await reader.readexactly(chunk_size))
            await reader.readexactly(2)
    declared = headers.get("Content-Length") or "0"
    if not declared.isdigit():
        raise _BadRequest(400, f"bad Content-Length {declared!r}")
    if int(declared) > MAX_BODY_BYTES:
        raise _BadRequest(413, "request body too large")
    return await reader.readexactly(int(declared)) if int(declared) else b""
