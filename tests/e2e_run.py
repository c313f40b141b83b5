"""`minerwatch run` for end-to-end tests: the runtime against the loopback Bot API double and a loopback market API
(the MarketAPI of test_market_job, Yahoo, Stooq, CoinGecko and mempool.space answers over real HTTP), and the
helpers that talk to it as a user would."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.handlers.flood import CommandLimiter
from classifiers.keywords import KeywordClassifier
from minerwatch.config import Settings, load_settings
from minerwatch.runtime import Runtime
from store import alert_queries
from store.db import session_scope
from tests.doubles.botapi import BotApiDouble
from tests.doubles.botapi_types import SentMessage
from tests.doubles.server import LoopbackServer, Request, Response
from tests.helpers import until
from tests.test_market_job import MarketAPI

TOKEN = "515151:AAE-alerts-test-token"
PRICE_INTERVAL_S = 1.0
#: Long enough for several price polls and the sender to have run.
SETTLE_S = 3 * PRICE_INTERVAL_S


def make_settings(tmp_path: Path, bot_api: BotApiDouble, market: LoopbackServer) -> Settings:
    config = tmp_path / "minerwatch.toml"
    config.write_text(
        f"""
feeds = []
[telegram]
token = "{TOKEN}"
api_url = "{bot_api.base_url}"
[database]
url = "sqlite:///{tmp_path / "minerwatch.db"}"
[prices]
yahoo_url = "{market.origin}"
stooq_url = "{market.origin}"
coingecko_url = "{market.origin}"
interval = "{PRICE_INTERVAL_S:g}s"
[network]
mempool_url = "{market.origin}"
interval = "1h"
[sender]
interval = "1s"
[classifier]
kind = "keywords"
[[miners]]
ticker = "MARA"
name = "MARA Holdings"
[[miners]]
ticker = "CIFR"
name = "Cipher Mining"
""",
        encoding="utf-8",
    )
    return load_settings(config)


def market_server(api: MarketAPI) -> LoopbackServer:
    """The MarketAPI behind real HTTP on 127.0.0.1."""

    async def handle(request: Request) -> Response:
        status, content_type, body, headers = api.answer(
            request.headers.get("Host") or "", request.path, request.query_params()
        )
        return Response(status, body, [("Content-Type", content_type), *headers.items()])

    return LoopbackServer(handle, server_name="market-double")


async def next_poll(api: MarketAPI, path: str = "/v8/finance/chart/MARA") -> None:
    """Wait until the price job has asked `path` once more."""
    seen = sum(request.endswith(path) for request in api.requests)
    await until(lambda: sum(request.endswith(path) for request in api.requests) > seen)


def stored_price(runtime: Runtime, symbol: str) -> float | None:
    """The latest price of `symbol` in the store, or None before the price job has stored one."""
    with session_scope(runtime.engine) as session:
        point = alert_queries.latest_price(session, symbol)
        return point.price if point is not None else None


async def replies(bot_api: BotApiDouble, *commands: tuple[int, str]) -> list[SentMessage]:
    """Send each (chat, text) in turn and return the bot's answer to each."""
    answers = []
    for chat_id, text in commands:
        before = len(bot_api.sent)
        bot_api.push_text(chat_id, chat_id, text)
        answers.append((await bot_api.wait_for_messages(before + 1))[before])
    return answers


async def replies_from(bot_api: BotApiDouble, user_id: int, *commands: tuple[int, str]) -> list[SentMessage]:
    """`user_id` sends each (chat, text) in turn, in a supergroup when the chat id is negative; the answers."""
    answers = []
    for chat_id, text in commands:
        before = len(bot_api.sent)
        bot_api.push_text(chat_id, user_id, text, chat_type="supergroup" if chat_id < 0 else "private")
        answers.append((await bot_api.wait_for_messages(before + 1))[before])
    return answers


class Running:
    """`minerwatch run` against the Bot API double and the market double, for one test: `async with Running(tmp_path)
    as (bot_api, market)`; the runtime is `.runtime`."""

    def __init__(self, tmp_path: Path, burst: int | None = None) -> None:
        self.tmp_path = tmp_path
        self.burst = burst
        self.market = MarketAPI(lambda: datetime.now(UTC))

    async def __aenter__(self) -> tuple[BotApiDouble, MarketAPI]:
        self.bot_api = await BotApiDouble(token=TOKEN).start()
        self.server = market_server(self.market)
        await self.server.start()
        self.runtime = Runtime(make_settings(self.tmp_path, self.bot_api, self.server), classifier=KeywordClassifier())
        await self.runtime.start()
        if self.burst is not None:  # for tests that send many commands in a row; the cooldowns stay as they are
            assert self.runtime.application is not None
            self.runtime.application.bot_data["deps"].limiter = CommandLimiter(burst=self.burst)
        await self.bot_api.wait_for_calls("getUpdates")
        return self.bot_api, self.market

    async def __aexit__(self, *exc: object) -> None:
        await self.runtime.stop()
        await self.server.stop()
        await self.bot_api.stop()
