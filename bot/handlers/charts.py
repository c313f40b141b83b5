"""Charts: /chart SUBJECT [METRIC] [RANGE] and the "📈 Chart 3m" button under /status (callback data
`v1:chart:MARA:3m`). The data come from bot.alerts.charts, the picture and caption from bot.messages.chart; the
PNG is rendered on a worker thread and cached per (subject, range, day).

The button's callback handler is self-contained: one CallbackQueryHandler for the `v1:chart:` prefix
(CHART_CALLBACK_PATTERN, registered in bot/app.py), so other inline keyboards can sit beside it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.alerts.charts import ChartCache, ChartRequest, chart_data
from bot.handlers.common import chat_lang, deps_of, registered, reply, update_chat, wait_text
from bot.handlers.parsing import UsageError
from bot.messages.chart import CHART_RANGES, DEFAULT_RANGE, HASHPRICE, PRICE, chart_caption
from bot.messages.markup import esc
from bot.messages.rules import BTC, NETWORK
from bot.messages.texts import t
from store.db import in_session
from store.models import Chat

log = logging.getLogger(__name__)

#: Callback data of a chart button: version, kind, subject, range (Telegram allows at most 64 bytes).
CHART_CALLBACK_PREFIX = "v1:chart:"
CHART_CALLBACK_PATTERN = "^" + re.escape(CHART_CALLBACK_PREFIX)
MAX_CALLBACK_DATA_BYTES = 64
_CALLBACK_DATA = re.compile(r"^v1:chart:([A-Z0-9.\-]{1,12}):([0-9a-z]{2,4})$")
_CACHE_KEY = "chart_cache"


def _plain(text: str) -> str:
    """A callback answer is plain text: the catalogue's tags dropped."""
    return re.sub(r"<[^>]+>", "", text)


def ranges_text() -> str:
    return ", ".join(CHART_RANGES)


def parse_chart_args(args: Sequence[str], universe: Sequence[str]) -> ChartRequest:
    """`MARA`, `MARA 1y`, `BTC 30d`, `NETWORK hashprice 6m` (case and a cashtag tolerated) → ChartRequest."""
    words = [word.strip() for word in args if word.strip()]
    if not words or len(words) > 3:
        raise UsageError("chart_usage", {"ranges": ranges_text()})
    subject = words[0].lstrip("$").upper()
    rest = [word.lower() for word in words[1:]]
    if subject == NETWORK:
        metric = HASHPRICE
        if rest and rest[0] == HASHPRICE:
            rest = rest[1:]
    elif subject == BTC or subject in universe:
        metric = PRICE
        if rest and rest[0] == PRICE:
            rest = rest[1:]
    else:
        raise UsageError("chart_unknown_subject", {"subject": subject[:16], "known": ", ".join(universe)})
    if len(rest) > 1:
        raise UsageError("chart_usage", {"ranges": ranges_text()})
    range_key = rest[0] if rest else DEFAULT_RANGE
    if range_key not in CHART_RANGES:
        raise UsageError("chart_unknown_range", {"range": range_key[:12], "ranges": ranges_text(), "subject": subject})
    return ChartRequest(subject, metric, range_key)


def chart_callback_data(subject: str, range_key: str = DEFAULT_RANGE) -> str:
    """`v1:chart:MARA:3m`; checked against Telegram's 64-byte limit."""
    data = f"{CHART_CALLBACK_PREFIX}{subject}:{range_key}"
    if len(data.encode()) > MAX_CALLBACK_DATA_BYTES or not _CALLBACK_DATA.match(data):
        raise ValueError(f"not valid chart callback data: {data!r}")
    return data


def chart_button(subject: str, lang: str, range_key: str = DEFAULT_RANGE) -> InlineKeyboardMarkup:
    """The one-button keyboard /status offers: "📈 Chart 3m"."""
    label = t(lang, "chart_button", range=range_key)
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=chart_callback_data(subject, range_key))]])


def _cache(context: ContextTypes.DEFAULT_TYPE) -> ChartCache:
    extras = deps_of(context).extras
    cache = extras.get(_CACHE_KEY)
    if not isinstance(cache, ChartCache):
        cache = extras[_CACHE_KEY] = ChartCache()
    return cache


async def _send_chart(message: Message, context: ContextTypes.DEFAULT_TYPE, request: ChartRequest, lang: str) -> None:
    """Gather the data, render (off the event loop, cached), and send the photo in the message's topic."""
    deps = deps_of(context)
    chat_id = message.chat_id
    today = datetime.now(UTC).date()
    data = await in_session(deps.engine, lambda session: chart_data(session, request, chat_id, today, lang))
    png = await asyncio.to_thread(_cache(context).png, data, today)
    await message.reply_photo(photo=png, caption=chart_caption(data), parse_mode=ParseMode.HTML, do_quote=False)


@registered
async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A price chart with note and alert lines: /chart MARA 1y · /chart BTC 30d · /chart NETWORK hashprice 6m."""
    deps = deps_of(context)
    message = update.effective_message
    assert message is not None
    lang = await chat_lang(deps, message.chat_id)
    try:
        request = parse_chart_args(context.args or [], list(deps.universe))
    except UsageError as error:
        await reply(update, t(lang, error.key, **{key: esc(str(value)) for key, value in error.values.items()}))
        return
    await _send_chart(message, context, request, lang)


@registered
async def chart_button_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "📈 Chart 3m" button: answer the callback query, then send the chart where the button is."""
    query = update.callback_query
    if query is None:
        return
    deps = deps_of(context)
    message = query.message
    match = _CALLBACK_DATA.match(query.data or "")
    if not isinstance(message, Message) or match is None:  # forged, or from a message too old to carry it
        stale_lang = await chat_lang(deps, message.chat_id) if isinstance(message, Message) else "en"
        await query.answer(_plain(t(stale_lang, "cb_stale")))
        return
    lang = await chat_lang(deps, message.chat_id)
    try:
        request = parse_chart_args(list(match.groups()), list(deps.universe))
    except UsageError:
        await query.answer(_plain(t(lang, "chart_expired", subject=match.group(1))), show_alert=True)
        return
    verdict = deps.limiter.check(message.chat_id, "chart", [request.subject, request.range_key])
    if not verdict.allowed:
        await query.answer(_plain(t(lang, "cooldown", wait=wait_text(verdict.wait_s), command="chart")))
        return
    await query.answer()
    await _send_chart(message, context, request, lang)


async def digest_charts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/digest charts on|off` (routed here by /digest, which checks registration and group rights)."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang = await chat_lang(deps, chat_id)
    words = [arg.lower() for arg in context.args or []]
    if len(words) != 2 or words[1] not in ("on", "off"):
        await reply(update, t(lang, "digest_charts_usage"))
        return
    await update_chat(deps, chat_id, digest_charts=words[1] == "on")
    text = t(lang, "digest_charts_on" if words[1] == "on" else "digest_charts_off")
    if words[1] == "on":
        chat = await in_session(deps.engine, lambda session: session.get(Chat, chat_id))
        if chat is not None and chat.digest_mode != "weekly":  # the chart rides on the weekly digest only
            text += "\n" + t(lang, "digest_charts_not_weekly")
    await reply(update, text)


COMMANDS = {"chart": chart}
