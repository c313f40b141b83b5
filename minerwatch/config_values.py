"""The value types of the configuration: durations, Telegram user ids, base URLs, database URLs shown masked."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator
from pydantic_settings import NoDecode

MIN_DURATION = timedelta(seconds=1)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: object) -> timedelta:
    """'90s', '5m', '1h', '1d' or a number of seconds → timedelta (at least one second)."""
    if isinstance(value, timedelta):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        result = timedelta(seconds=float(value))
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        result = timedelta(seconds=float(match[1]) * _UNIT_SECONDS[(match[2] or "s").lower()])
    else:
        raise ValueError(f'expected a duration like "90s", "5m" or "1h", got {value!r}')
    if result < MIN_DURATION:
        raise ValueError(f"duration must be at least 1s, got {value!r}")
    return result


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


def parse_user_ids(value: object) -> object:
    """Telegram user ids as a list: `[1, 2]` in TOML, or from the environment one id (`123`), ids separated by
    commas or spaces (`123,456`) or a JSON list (`[123, 456]`)."""
    if isinstance(value, bool):
        return value  # let validation reject it
    if isinstance(value, int):
        return [value]
    if isinstance(value, str):
        text = value.strip().removeprefix("[").removesuffix("]")
        parts = [part for part in re.split(r"[\s,]+", text) if part]
        if not all(re.fullmatch(r"-?\d+", part) for part in parts):
            raise ValueError(f"expected Telegram user ids like 123456789 or 123456789,987654321, got {value!r}")
        return [int(part) for part in parts]
    return value


UserIds = Annotated[list[int], NoDecode, BeforeValidator(parse_user_ids)]


#: What a Telegram bot token looks like (the digits of the bot's id, a colon, the secret).
_BOT_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


def check_http_url(value: str) -> str:
    """An http:// or https:// URL with a host (a base URL MinerWatch sends requests to)."""
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        shown = _BOT_TOKEN.sub("<bot token>", value)  # a pasted token never reaches the terminal or a log
        raise ValueError(f'expected an http:// or https:// URL with a host, like "https://example.com", got {shown!r}')
    return value.strip()


HttpUrl = Annotated[str, AfterValidator(check_http_url)]


def _optional_http_url(value: str) -> str:
    return check_http_url(value) if value.strip() else ""


OptionalHttpUrl = Annotated[str, AfterValidator(_optional_http_url)]

#: The database URLs MinerWatch can open, as a correct example for an error message.
DATABASE_URL_EXAMPLES = "sqlite:///minerwatch.db or postgresql+psycopg://user@host:5432/minerwatch"


def masked_url(url: str) -> str:
    """A database URL with its password replaced by *** (store.db.mask_url)."""
    from store.db import mask_url

    return mask_url(url)
