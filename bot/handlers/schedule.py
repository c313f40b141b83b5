"""Digest schedule, time zone and muting: /digest, /tz, /mute, /unmute."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot.alerts.digest import FIRST_DIGEST_WINDOW, due_slot, queue_digest
from bot.handlers.charts import digest_charts
from bot.handlers.common import (
    chat_lang,
    chat_lang_and_tz,
    deps_of,
    registered,
    reply,
    reply_usage,
    settings_change,
    update_chat,
)
from bot.handlers.parsing import UsageError, parse_digest, parse_mute
from bot.messages.locale import moment
from bot.messages.locale import weekday as weekday_name
from bot.messages.markup import esc
from bot.messages.texts import t
from store import mutes
from store.db import in_session
from store.models import Chat


@registered
@settings_change
async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Digest schedule: /digest daily 08:00 | weekly mon 08:00 | off | now · /digest charts on|off."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang = await chat_lang(deps, chat_id)
    if [arg.lower() for arg in (context.args or [])[:1]] == ["charts"]:
        await digest_charts(update, context)
        return
    try:
        mode, at, weekday = parse_digest(context.args or [])
    except UsageError as error:
        await reply_usage(update, lang, error)
        return
    now = datetime.now(UTC)
    update_id = update.update_id

    def schedule(session: Session) -> str:
        chat = session.get(Chat, chat_id)
        assert chat is not None
        if mode == "now":
            since = chat.last_digest_at or now - FIRST_DIGEST_WINDOW  # a first one: the last day, not since /start
            queue_digest(session, chat, since, now, key=f"digest:{chat_id}:now:{update_id}")
            chat.last_digest_at = now
        if mode == "off":
            chat.digest_mode = "off"
        elif mode in ("daily", "weekly"):
            chat.digest_mode, chat.digest_time = mode, at or "08:00"
            chat.digest_day = weekday if weekday is not None else chat.digest_day
            # the slot that has just passed under the new schedule is not owed; the window keeps its start
            chat.digest_slot_done = due_slot(now, mode=mode, at=chat.digest_time, weekday=chat.digest_day, tz=chat.tz)
        session.add(chat)
        return chat.tz

    tz = await in_session(deps.engine, schedule)
    if mode == "off":
        await reply(update, t(lang, "digest_off"))
    elif mode == "daily":
        await reply(update, t(lang, "digest_set_daily", at=at, tz=esc(tz)))
    elif mode == "weekly":
        await reply(update, t(lang, "digest_set_weekly", day=weekday_name(weekday or 0, lang), at=at, tz=esc(tz)))
    else:
        await reply(update, t(lang, "digest_now"))


@registered
@settings_change
async def tz(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Time zone for digests: /tz Europe/Berlin."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang = await chat_lang(deps, chat_id)
    args = context.args or []
    if len(args) != 1:
        await reply(update, t(lang, "tz_usage"))
        return
    name = args[0].strip()
    canonical = {zone.lower(): zone for zone in available_timezones()}.get(name.lower())
    try:
        if canonical is None:
            raise ZoneInfoNotFoundError(name)
        ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError):
        await reply(update, t(lang, "tz_unknown", tz=esc(name[:60])))
        return
    await update_chat(deps, chat_id, tz=canonical)
    await reply(update, t(lang, "tz_set", tz=esc(canonical)))


@registered
@settings_change
async def mute(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Pause instant alerts for a while: /mute 2h (one miner: /mute MARA 24h)."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang, tz = await chat_lang_and_tz(deps, chat_id)
    try:
        ticker, minutes = parse_mute(context.args or [], deps.universe)
    except UsageError as error:
        await reply_usage(update, lang, error)
        return
    until = datetime.now(UTC) + timedelta(minutes=minutes)
    if ticker:  # the same per-miner mute as the 🔕 button under an alert
        await in_session(deps.engine, lambda session: mutes.mute_miner(session, chat_id, ticker, until))
        await reply(update, t(lang, "cb_muted_text", ticker=esc(ticker), until=moment(until, lang, tz)))
        return
    await update_chat(deps, chat_id, mute_until=until)
    await reply(update, t(lang, "muted", until=moment(until, lang, tz)))  # in the chat's time zone


@registered
@settings_change
async def unmute(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """End a /mute (and every per-miner mute)."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    await update_chat(deps, chat_id, mute_until=None)
    await in_session(deps.engine, lambda session: mutes.unmute_all(session, chat_id))
    await reply(update, t(await chat_lang(deps, chat_id), "unmuted"))


COMMANDS = {"digest": digest, "tz": tz, "mute": mute, "unmute": unmute}
