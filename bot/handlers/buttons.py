"""Inline button presses (callback queries): one handler, registered in bot/app.py beside the commands.

Each press is checked like a command, at the edge, failing closed: the data must parse (bot/messages/keyboards.py,
versioned), it acts only on the chat the button was pressed in (a rule id of another chat matches nothing), the
chat must be registered, it counts against the chat's command limits (bot/handlers/flood.py), and a press that
changes settings needs a group administrator (the same getChatMember check as the commands). Every press is
answered (answerCallbackQuery) so the client's spinner stops; a forged or stale one changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session
from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.alerts.digest import due_slot
from bot.alerts.rules_store import rule_of
from bot.alerts.status import status_card
from bot.handlers.alerts import rule_list_view
from bot.handlers.common import deps_of, inline_keyboard, may_change_settings, reply, wait_text
from bot.handlers.settings import news_page, settings_view
from bot.handlers.views import themes_view, watchlist_view
from bot.messages.keyboards import (
    COMMON_ZONES,
    Callback,
    Keyboard,
    confirm_delete_keyboard,
    parse_callback,
)
from bot.messages.locale import moment
from bot.messages.markup import esc
from bot.messages.rules import describe_rule, format_rule_deleted
from bot.messages.status import format_status_card
from bot.messages.texts import t
from classifiers.base import THEMES
from store import alert_queries, mutes, queries
from store.db import in_session
from store.models import AlertRule, Chat

log = logging.getLogger(__name__)

#: Presses that change the chat's settings or rules: in groups only for administrators.
CHANGES_SETTINGS = frozenset({"mute", "unwatch", "del", "delok", "delno", "theme", "dt", "tz", "lang", "nfy"})


class Stale(Exception):
    """The button refers to something that is gone (a deleted rule, a miner no longer followed)."""


Action = Callable[[Update, ContextTypes.DEFAULT_TYPE, Callback, Chat], Coroutine[Any, Any, str | None]]


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any inline button: validate, authorise, act on the chat it was pressed in, answer the query."""
    query = update.callback_query
    if query is None:
        return
    chat = update.effective_chat
    deps = deps_of(context)
    known = await in_session(deps.engine, lambda session: session.get(Chat, chat.id)) if chat else None
    lang = known.lang if known is not None else "en"
    callback = parse_callback(query.data)
    if chat is not None:  # every press counts, forged ones too
        command, args = limit_key(callback) if callback is not None else ("button", [])
        verdict = deps.limiter.check(chat.id, command, args)
        if not verdict.allowed:
            await query.answer(t(lang, "cb_slow_down", wait=wait_text(verdict.wait_s)))
            return
    if chat is None or known is None or not known.active or callback is None:
        log.info("stale or forged button %r in chat %s", (query.data or "")[:64], chat.id if chat else None)
        await query.answer(t(lang, "cb_stale"))
        return
    if callback.action in CHANGES_SETTINGS and not await may_change_settings(update, context):
        await query.answer(t(lang, "cb_not_allowed"), show_alert=True)
        return
    try:
        answer = await ACTIONS[callback.action](update, context, callback, known)
    except Stale:
        answer = t(lang, "cb_stale")
    except Exception:
        await query.answer(t(lang, "error_generic")[:200])  # the spinner stops; on_error logs and tells the admins
        raise
    await query.answer(answer)


def limit_key(callback: Callback) -> tuple[str, list[str]]:
    """What the press counts as under the command limits: the card and the news pages share /status' and
    /news' cooldowns; every other press is one command."""
    if callback.action == "status":
        return "status", [callback.args[0]]
    if callback.action == "news":
        return "news", list(callback.args)
    return "button", []


def _ticker(context: ContextTypes.DEFAULT_TYPE, callback: Callback) -> str:
    ticker = callback.args[0]
    if ticker not in deps_of(context).universe:
        raise Stale(ticker)
    return ticker


async def edit(update: Update, text: str, keyboard: Keyboard | None) -> None:
    """Show `text` (and buttons) in place of the message the button was under."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=inline_keyboard(keyboard),
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    except BadRequest as error:
        if "not modified" not in str(error).lower():  # the same press twice: nothing to change
            raise


# --- actions: each returns the short answer shown by the client (None: none) -------------------------------------


async def show_status(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> None:
    """📊 Status: the miner's card as a new message."""
    deps, ticker = deps_of(context), _ticker(context, callback)
    name, today = deps.universe[ticker].name, datetime.now(UTC).date()
    card = await in_session(deps.engine, lambda session: status_card(session, ticker, name, today))
    await reply(update, format_status_card(card, chat.lang, chat.tz))
    return None


async def mute_miner(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> str:
    """🔕 Mute: this miner's instant alerts pause for the button's hours in this chat (the digest lists them)."""
    ticker, hours = _ticker(context, callback), int(callback.args[1].removesuffix("h"))
    if not 1 <= hours <= 24 * 7:
        raise Stale(callback.args[1])
    until = datetime.now(UTC) + timedelta(hours=hours)
    await in_session(deps_of(context).engine, lambda session: mutes.mute_miner(session, chat.id, ticker, until))
    when = moment(until, chat.lang, chat.tz)
    await reply(update, t(chat.lang, "cb_muted_text", ticker=esc(ticker), until=when))
    return t(chat.lang, "cb_muted", ticker=ticker, until=when)


async def unwatch_miner(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> str:
    """Unwatch (alert row) or ✖ (watchlist): stop following the miner; a /watchlist message shows the new list."""
    deps, ticker = deps_of(context), _ticker(context, callback)
    removed = await in_session(deps.engine, lambda session: queries.remove_watches(session, chat.id, [ticker]))
    if not removed:
        raise Stale(ticker)
    if _under_list(update):
        text, keyboard = await watchlist_view(deps, chat.id, chat.lang)
        await edit(update, text, keyboard)
    else:
        await reply(update, t(chat.lang, "cb_unwatched", ticker=esc(ticker)))
    return t(chat.lang, "cb_unwatched", ticker=ticker)


def _under_list(update: Update) -> bool:
    """Was the button under a list (every button of its message removes or deletes), not under an alert?"""
    message = update.effective_message
    markup = message.reply_markup if message is not None else None
    if markup is None:
        return False
    datas = [button.callback_data for row in markup.inline_keyboard for button in row]
    return bool(datas) and not any(str(data).startswith("v1:status:") for data in datas)


def _own_rule(session: Session, chat_id: int, rule_id: int) -> AlertRule | None:
    """The rule with this row id, only if it belongs to `chat_id` (a button pressed elsewhere matches nothing)."""
    row = session.get(AlertRule, rule_id)
    return row if row is not None and row.chat_id == chat_id else None


async def ask_delete(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> None:
    """🗑 #N under /alerts: the confirm step, in place of the list."""
    rule_id = int(callback.args[0])
    row = await in_session(deps_of(context).engine, lambda session: _own_rule(session, chat.id, rule_id))
    if row is None:
        raise Stale(rule_id)
    rule = rule_of(row)
    text = t(chat.lang, "cb_delete_confirm", number=rule.number, rule=describe_rule(rule.spec, chat.lang))
    await edit(update, text, confirm_delete_keyboard(rule_id, rule.number, chat.lang))
    return None


async def confirm_delete(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> str:
    """Confirmed: delete the rule (of this chat only) and show what was deleted."""
    rule_id = int(callback.args[0])

    def delete(session: Session) -> str | None:
        row = _own_rule(session, chat.id, rule_id)
        if row is None:
            return None
        deleted = alert_queries.delete_rule(session, chat.id, row.number)
        return format_rule_deleted(rule_of(deleted), chat.lang) if deleted else None

    text = await in_session(deps_of(context).engine, delete)
    if text is None:
        raise Stale(rule_id)
    await edit(update, text, None)
    return t(chat.lang, "cb_done")


async def cancel_delete(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> str:
    """Not confirmed: the list again."""
    text, keyboard = await rule_list_view(deps_of(context), chat.id, chat.lang)
    await edit(update, text, keyboard)
    return t(chat.lang, "cb_delete_cancelled")


async def news_more(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> None:
    """More ▸ under /news: the next page as a new message (the earlier page stays readable)."""
    scope, offset = callback.args[0], int(callback.args[1])
    deps = deps_of(context)
    if scope != "-" and scope not in deps.universe and scope not in THEMES:
        raise Stale(scope)
    text, keyboard = await news_page(deps, chat.id, scope, offset, chat.lang)
    await reply(update, text, keyboard=keyboard)
    return None


async def toggle_theme(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> None:
    """A theme toggle under /themes: flip it and show the list again."""
    name, enabled = callback.args[0], callback.args[1] == "on"
    if name not in THEMES:
        raise Stale(name)
    deps = deps_of(context)

    def toggle(session: Session) -> None:
        row = session.get(Chat, chat.id)
        assert row is not None
        row.themes = [th for th in THEMES if (th in row.themes and th != name) or (enabled and th == name)]
        session.add(row)

    await in_session(deps.engine, toggle)
    text, keyboard = await themes_view(deps, chat.id)
    await edit(update, text, keyboard)
    return None


async def change_setting(update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback, chat: Chat) -> str:
    """A choice in the /settings menu: digest time, time zone, language or a notify mode; the menu is redrawn."""
    deps, now = deps_of(context), datetime.now(UTC)

    def write(session: Session) -> Chat:
        row = session.get(Chat, chat.id)
        assert row is not None
        if callback.action == "dt" and callback.args[0] == "off":
            row.digest_mode = "off"
        elif callback.action == "dt":
            value = callback.args[0]
            hour, minute = int(value[:2]), int(value[2:])
            if hour > 23 or minute > 59:
                raise Stale(value)
            row.digest_mode, row.digest_time = "daily", f"{hour:02d}:{minute:02d}"
            row.digest_slot_done = due_slot(now, mode="daily", at=row.digest_time, weekday=row.digest_day, tz=row.tz)
        elif callback.action == "tz":
            index = int(callback.args[0])
            if index >= len(COMMON_ZONES):
                raise Stale(index)
            row.tz = COMMON_ZONES[index]
        elif callback.action == "lang":
            row.lang = callback.args[0]
        else:
            kind, mode = callback.args
            setattr(row, f"notify_{kind}", mode)
        session.add(row)
        return row

    changed = await in_session(deps.engine, write)
    text, keyboard = settings_view(changed)
    await edit(update, text, keyboard)
    return t(changed.lang, "cb_done")


ACTIONS: dict[str, Action] = {
    "status": show_status,
    "mute": mute_miner,
    "unwatch": unwatch_miner,
    "del": ask_delete,
    "delok": confirm_delete,
    "delno": cancel_delete,
    "news": news_more,
    "theme": toggle_theme,
    "dt": change_setting,
    "tz": change_setting,
    "lang": change_setting,
    "nfy": change_setting,
}
