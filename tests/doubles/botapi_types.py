"""Plain values of the Bot API double: what was sent, what was called, what is scripted; parameter decoding."""

from __future__ import annotations

import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from tests.doubles import telegram_objects as tg
from tests.doubles.server import Response
from tests.doubles.telegram_html import HtmlParseError, parse_html, trim_text

#: Longest message text, counted after entity parsing.
MAX_MESSAGE_CHARS = 4096
#: Longest photo caption, counted after entity parsing.
MAX_CAPTION_CHARS = 1024
#: The PNG signature and where IHDR keeps width and height (big-endian, bytes 16-24).
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG; (0, 0) for anything else."""
    if not data.startswith(PNG_SIGNATURE) or len(data) < 24:
        return 0, 0
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@dataclass(frozen=True)
class SentMessage:
    """A message the double accepted: what the bot sent and what Telegram would show."""

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    message_thread_id: int | None
    disable_notification: bool
    link_preview_options: dict[str, Any] | None
    reply_markup: dict[str, Any] | None
    plain_text: str
    entities: tuple[dict[str, Any], ...]
    options: dict[str, Any]
    date: int
    #: sendPhoto: the uploaded bytes (`text` and `plain_text` are then the caption)
    photo: bytes | None = None


@dataclass
class ApiCall:
    """One request the double answered: the method as spelled, its decoded parameters and the HTTP status."""

    method: str
    params: dict[str, Any]
    status: int = 0


@dataclass
class Injection:
    """A scripted answer for the next `times` calls of `method` ("*" = any), optionally only for `chat_id`.

    `delay` seconds pass first; then `reset` drops the connection, `status` answers that error, and with neither
    the call is processed normally (a delay longer than the client timeout: the message is still accepted).
    """

    method: str
    status: int | None = None
    description: str | None = None
    retry_after: int | None = None
    delay: float = 0.0
    reset: bool = False
    chat_id: int | None = None
    times: int = 1

    def response(self) -> Response:
        """The scripted error in Telegram's format (nginx's HTML page for 502-504, as api.telegram.org sends)."""
        status = self.status or 500
        if status == 429 and self.description is None:
            return tg.too_many_requests(self.retry_after or 1)
        if status in {502, 503, 504} and self.description is None:
            return tg.nginx_error(status, HTTPStatus(status).phrase)
        defaults = {400: "Bad Request", 403: tg.BOT_BLOCKED, 409: tg.POLL_CONFLICT, 500: tg.INTERNAL_ERROR}
        description = self.description or defaults.get(status) or HTTPStatus(status).phrase
        if self.retry_after is not None:
            return tg.error(status, description, retry_after=self.retry_after)
        return tg.error(status, description)


def take_injection(injections: list[Injection], method: str, chat_id: int | None) -> Injection | None:
    """The first injection matching this call, used up once (removed when its `times` are spent)."""
    for injection in injections:
        if injection.method not in (method, "*"):
            continue
        if injection.chat_id is not None and injection.chat_id != chat_id:
            continue
        injection.times -= 1
        if injection.times <= 0:
            injections.remove(injection)
        return injection
    return None


class ApiError(Exception):
    """Raised inside a method to answer with a Bot API error response."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def fail(code: int, description: str, **parameters: int) -> ApiError:
    return ApiError(tg.error(code, description, **parameters))


def as_int(value: Any, default: int | None = None) -> int | None:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def as_bool(value: Any) -> bool:
    return value is True or str(value).lower() in {"true", "1"}


def as_json(value: Any, what: str) -> Any:
    """Objects arrive JSON-encoded in form bodies (PTB sends those) and as themselves in JSON bodies."""
    if value is None or isinstance(value, dict | list):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError) as exc:
        raise fail(400, f"Bad Request: can't parse {what} JSON object") from exc


def message_text(text: str, parse_mode: str | None, entities: Any) -> tuple[str, list[dict[str, Any]]]:
    """What the user would see and its entities, or the ApiError Telegram answers for this text."""
    if not text:
        raise fail(400, tg.TEXT_EMPTY)
    mode = (parse_mode or "").lower()
    if not mode:
        plain, found = text, list(as_json(entities, "entities") or [])
    elif mode == "html":
        try:
            plain, found = parse_html(text)
        except HtmlParseError as exc:
            raise fail(400, tg.CANT_PARSE + str(exc)) from exc
    elif mode in {"markdown", "markdownv2"}:
        plain, found = text, []  # accepted but not validated: MinerWatch sends HTML only
    else:
        raise fail(400, tg.UNSUPPORTED_PARSE_MODE)
    plain, found = trim_text(plain, found)
    if not plain:
        raise fail(400, tg.TEXT_EMPTY)
    if len(plain) > MAX_MESSAGE_CHARS:
        raise fail(400, tg.TEXT_TOO_LONG)
    return plain, found
