"""Webhook mode of the Bot API double: queued updates are POSTed to the bot's URL, as Telegram does."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from tests.doubles.botapi_updates import UpdateQueue

#: Delivery request timeout and the pause before retrying a failed delivery.
WEBHOOK_TIMEOUT_S = 10.0
WEBHOOK_RETRY_S = 1.0
#: Telegram's default (and the double's fixed) number of parallel webhook connections, shown by getWebhookInfo.
WEBHOOK_MAX_CONNECTIONS = 40
#: Hosts the double delivers to over plain http (Telegram itself requires https).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_url_error(url: str) -> str | None:
    """Telegram's refusal of a webhook URL, or None when the double can deliver to it."""
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
        return None
    return "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"


@dataclass
class Webhook:
    """A set webhook and how its deliveries went (getWebhookInfo reports the last error)."""

    url: str
    secret_token: str | None
    delivered: int = 0
    last_error_date: int | None = None
    last_error_message: str | None = None
    task: asyncio.Task[None] | None = None

    def info(self) -> dict[str, Any]:
        shape: dict[str, Any] = {"url": self.url, "max_connections": WEBHOOK_MAX_CONNECTIONS, "ip_address": "127.0.0.1"}
        if self.last_error_date is not None:
            shape["last_error_date"] = self.last_error_date
            shape["last_error_message"] = self.last_error_message
        return shape

    async def deliver(self, queue: UpdateQueue) -> None:
        """POST updates one at a time, in order; a failed or non-2xx delivery is retried after a pause."""
        headers = {SECRET_HEADER: self.secret_token} if self.secret_token else {}
        async with httpx.AsyncClient(timeout=WEBHOOK_TIMEOUT_S) as client:
            while True:
                batch = queue.pending(1)
                if not batch:
                    await queue.changed()
                    continue
                update = batch[0]
                try:
                    response = await client.post(self.url, json=update, headers=headers)
                    error = None if response.is_success else f"Wrong response from the webhook: {response.status_code}"
                except httpx.HTTPError as exc:
                    error = f"Connection error: {type(exc).__name__}"
                if error is None:
                    queue.confirm(update["update_id"] + 1)
                    self.delivered += 1
                    continue
                self.last_error_date, self.last_error_message = int(time.time()), error
                await asyncio.sleep(WEBHOOK_RETRY_S)
