"""A loopback HTTP server for feeds and JSON APIs whose answers a test changes while it runs.

    async with FeedServer() as feeds:
        feeds.route("/rss/mara.xml", body=xml, etag='"v1"')
        result = await fetch(client, feeds.url("/rss/mara.xml"), etag='"v1"')   # 304
        feeds.route("/rss/mara.xml", body=xml2, etag='"v2"')                     # the feed changed

Routes map a path (optionally with its query) to a Route: status, headers, body, validators (ETag /
Last-Modified, answered with 304 when the request's If-None-Match / If-Modified-Since match), Retry-After,
gzip when the client accepts it, a delay, or a connection reset. Every request is recorded. With a
directory, unrouted paths serve its files (re-read on every request, ETag from the content, Last-Modified
from the mtime), so a human can edit a feed while MinerWatch polls it:
`python -m tests.doubles.http_server --port 8081 --dir tests/fixtures/rss`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.utils
import gzip
import hashlib
import mimetypes
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.doubles.server import Headers, LoopbackServer, Request, Response, wait_for_shutdown_signal

DEFAULT_PORT = 8081
#: Content types for the fixture kinds MinerWatch reads (mimetypes guesses the rest).
CONTENT_TYPES = {
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
#: Sidecar file with real response headers for a fixture (status line optional), e.g. error_429.headers.txt.
HEADERS_SUFFIX = ".headers.txt"


@dataclass
class Route:
    """One canned response; change it with FeedServer.route / FeedServer.update between requests."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None
    gzip: bool = True
    delay: float = 0.0
    reset: bool = False


@dataclass(frozen=True)
class RecordedRequest:
    """A request the server saw, for assertions (conditional headers, User-Agent, ...)."""

    method: str
    target: str
    path: str
    query: str
    headers: dict[str, str]
    at: float
    status: int

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def _etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2): W/"x" matches "x"; "*" matches any current representation."""
    if if_none_match.strip() == "*":
        return True
    candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return etag.removeprefix("W/") in candidates


def _not_modified_since(if_modified_since: str, last_modified: str) -> bool:
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
        modified = email.utils.parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False
    return modified <= since


def _accepts_gzip(headers: Headers) -> bool:
    for coding in (headers.get("Accept-Encoding") or "").split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() in {"gzip", "*"}:
            return params.replace(" ", "") not in {"q=0", "q=0.0", "q=0.00", "q=0.000"}
    return False


def http_date(when: float | datetime) -> str:
    """An IMF-fixdate, the format of Last-Modified and Retry-After dates."""
    timestamp = when.timestamp() if isinstance(when, datetime) else when
    return email.utils.formatdate(timestamp, usegmt=True)


def _content_type_for(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def _sidecar(path: Path) -> tuple[int | None, dict[str, str]]:
    """Status and headers recorded next to a fixture (`NAME.headers.txt`: optional `HTTP/x 429`, then `name: value`)."""
    sidecar = path.with_name(path.stem + HEADERS_SUFFIX)
    if not sidecar.is_file():
        return None, {}
    status = None
    headers: dict[str, str] = {}
    for line in sidecar.read_text().splitlines():
        if line.startswith("HTTP/"):
            status = int(line.split()[1])
        elif ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip()] = value.strip()
    return status, headers


class FeedServer:
    """Routes of canned responses on an ephemeral loopback port; an async context manager."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, directory: str | Path | None = None) -> None:
        self.server = LoopbackServer(self._handle, host=host, port=port, server_name="loopback-feeds")
        self.directory = Path(directory) if directory is not None else None
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self.on_request: Callable[[RecordedRequest], None] | None = None

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def origin(self) -> str:
        return self.server.origin

    def url(self, path: str) -> str:
        return f"{self.server.origin}{path if path.startswith('/') else '/' + path}"

    async def start(self) -> FeedServer:
        await self.server.start()
        return self

    async def stop(self) -> None:
        await self.server.stop()

    async def __aenter__(self) -> FeedServer:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def route(self, path: str, body: bytes | str = b"", **options: Any) -> Route:
        """Serve `body` at `path` (a path, or path?query to match one query exactly); replaces any earlier route."""
        data = body.encode() if isinstance(body, str) else body
        if options.get("content_type") is None:
            options["content_type"] = _content_type_for(path.split("?", 1)[0])
        route = Route(body=data, **options)
        self.routes[path] = route
        return route

    def update(self, path: str, **changes: Any) -> Route:
        """Change some fields of an existing route (e.g. status=503, retry_after="120", or a new body and etag)."""
        if isinstance(changes.get("body"), str):
            changes["body"] = changes["body"].encode()
        self.routes[path] = replace(self.routes[path], **changes)
        return self.routes[path]

    def remove(self, path: str) -> None:
        self.routes.pop(path, None)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        return [request for request in self.requests if request.path == path or request.target == path]

    def reset(self) -> None:
        """Forget routes and recorded requests."""
        self.routes.clear()
        self.requests.clear()

    def _find(self, request: Request) -> Route | None:
        route = self.routes.get(request.target) or self.routes.get(request.path)
        if route is None and self.directory is not None:
            route = self._file_route(request.path)
        return route

    def _file_route(self, path: str) -> Route | None:
        root = self.directory
        assert root is not None
        candidate = (root / path.lstrip("/")).resolve()
        if (
            not candidate.is_file()
            or not candidate.is_relative_to(root.resolve())
            or candidate.name.endswith(HEADERS_SUFFIX)
        ):
            return None
        body = candidate.read_bytes()
        status, headers = _sidecar(candidate)
        content_type = headers.pop("content-type", None) or headers.pop("Content-Type", None)
        for name in [name for name in headers if name.lower() == "content-length"]:
            del headers[name]
        return Route(
            body=body,
            status=status or 200,
            content_type=content_type or _content_type_for(candidate.name),
            headers=headers,
            etag='"' + hashlib.sha256(body).hexdigest()[:16] + '"',
            last_modified=http_date(candidate.stat().st_mtime),
        )

    async def _handle(self, request: Request) -> Response:
        route = self._find(request)
        response = await self._respond(request, route)
        recorded = RecordedRequest(
            method=request.method,
            target=request.target,
            path=request.path,
            query=request.query,
            headers=request.headers.as_dict(),
            at=time.time(),
            status=0 if response.reset else response.status,
        )
        self.requests.append(recorded)
        if self.on_request is not None:
            self.on_request(recorded)
        return response

    async def _respond(self, request: Request, route: Route | None) -> Response:
        if route is None:
            return Response.text("Not Found\n", 404)
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.reset:
            return Response(reset=True)
        headers: list[tuple[str, str]] = [(name, value) for name, value in route.headers.items()]
        if route.etag:
            headers.append(("ETag", route.etag))
        if route.last_modified:
            headers.append(("Last-Modified", route.last_modified))
        if route.retry_after is not None:
            headers.append(("Retry-After", str(route.retry_after)))
        if route.status == 200 and self._not_modified(request, route):
            return Response(304, b"", headers)
        if route.content_type:
            headers.append(("Content-Type", route.content_type))
        body = route.body
        if route.gzip and body and _accepts_gzip(request.headers):
            body = gzip.compress(body, mtime=0)
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        return Response(route.status, body, headers)

    @staticmethod
    def _not_modified(request: Request, route: Route) -> bool:
        """RFC 9110 13.2.2: If-None-Match decides when present; otherwise If-Modified-Since."""
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            return route.etag is not None and _etag_matches(if_none_match, route.etag)
        if_modified_since = request.headers.get("If-Modified-Since")
        return bool(
            if_modified_since and route.last_modified and _not_modified_since(if_modified_since, route.last_modified)
        )


async def _serve_forever(args: argparse.Namespace) -> None:
    async with FeedServer(host=args.host, port=args.port, directory=args.dir) as feeds:
        root = Path(args.dir)
        print(f"Serving {root.resolve()} on {feeds.origin} (files re-read on every request; Ctrl-C stops)")
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.endswith(HEADERS_SUFFIX)):
            print("  " + feeds.url("/" + path.relative_to(root).as_posix()))
        sys.stdout.flush()
        feeds.on_request = _print_request
        await wait_for_shutdown_signal()


def _print_request(recorded: RecordedRequest) -> None:
    validator = recorded.header("if-none-match") or recorded.header("if-modified-since") or "-"
    print(f"{recorded.method} {recorded.target} -> {recorded.status} (validator {validator})", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.doubles.http_server", description="Serve fixture files.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--dir", required=True, help="directory whose files are served at /<relative path>")
    args = parser.parse_args(argv)
    if not Path(args.dir).is_dir():
        parser.error(f"--dir {args.dir}: not a directory")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_forever(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
