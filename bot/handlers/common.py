"""What every command handler shares (deps_of, reply, the registered / settings_change / admin_only /
rate_limited guards) and the basic commands (/start, /help, /watch, /unwatch, /watchlist, /miners, /themes,
/theme). Handlers are thin async functions: parse, call bot/alerts/ or the store, reply. Registered in bot/app.py."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.ext import ContextTypes

from bot.deps import BotDeps
from bot.handlers.parsing import UsageError
from bot.messages.keyboards import Keyboard
from bot.messages.lists import format_start
from bot.messages.markup import esc, split_message
from bot.messages.texts import t
from classifiers.base import THEMES
from store import mutes, queries
from store.db import in_session
from store.models import Chat

log = logging.getLogger(__name__)

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def deps_of(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    return context.application.bot_data["deps"]  # type: ignore[no-any-return]


def thread_of(update: Update) -> int | None:
    """The forum topic a message was sent in (None outside forum topics)."""
    message = update.effective_message
    if message is not None and message.is_topic_message:
        return message.message_thread_id
    return None


async def chat_lang(deps: BotDeps, chat_id: int) -> str:
    """The chat's language (English for a chat not registered)."""
    return (await chat_lang_and_tz(deps, chat_id))[0]


async def chat_lang_and_tz(deps: BotDeps, chat_id: int) -> tuple[str, str]:
    """The chat's language and time zone (English and UTC for a chat not registered)."""

    def read(session: Session) -> tuple[str, str]:
        chat = session.get(Chat, chat_id)
        return (chat.lang, chat.tz) if chat else ("en", "UTC")

    return await in_session(deps.engine, read)


async def update_chat(deps: BotDeps, chat_id: int, **fields: object) -> None:
    """Change stored settings of a registered chat (lang, tz, mute_until, notify_*, …)."""

    def write(session: Session) -> None:
        chat = session.get(Chat, chat_id)
        assert chat is not None
        for name, value in fields.items():
            setattr(chat, name, value)
        session.add(chat)

    await in_session(deps.engine, write)


async def reply(
    update: Update,
    text: str,
    *,
    preview: bool = False,
    keyboard: Keyboard | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Reply in HTML, in the same forum topic, split at Telegram's length limit (buttons under the last part:
    `keyboard` as plain rows from bot/messages/keyboards.py, or a ready `reply_markup`)."""
    message = update.effective_message
    if message is None:
        return
    chunks = split_message(text)
    for number, chunk in enumerate(chunks, start=1):
        markup = (reply_markup or inline_keyboard(keyboard)) if number == len(chunks) else None
        await message.reply_html(
            chunk,
            link_preview_options=LinkPreviewOptions(is_disabled=not preview),
            do_quote=False,
            reply_markup=markup,
        )


def inline_keyboard(rows: Sequence[Sequence[Sequence[str]]] | None) -> InlineKeyboardMarkup | None:
    """A keyboard of bot/messages/keyboards.py (the value, or an outbox row's JSON) for the Bot API."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


async def reply_usage(update: Update, lang: str, error: UsageError) -> None:
    values = {key: esc(value) for key, value in error.values.items()}
    await reply(update, t(lang, error.key, **values))


def wait_text(seconds: int) -> str:
    """20 s · 4 min 30 s (the same in English and German)."""
    minutes, rest = divmod(max(1, seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def rate_limited(command: str, handler: Handler) -> Handler:
    """Per-chat command limits (bot/handlers/flood.py): over the limit a chat gets one notice with the wait, then
    silence until it may ask again; nothing else of the command runs (no store access, no getChatMember)."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        deps = deps_of(context)
        verdict = deps.limiter.check(chat.id, command, list(context.args or []))
        if verdict.allowed:
            await handler(update, context)
            return
        log.info("chat %s: /%s refused (%s, wait %ss)", chat.id, command, verdict.notice or "quiet", verdict.wait_s)
        if verdict.notice is not None:
            key = "slow_down" if verdict.notice == "flood" else "cooldown"
            text = t(await chat_lang(deps, chat.id), key, wait=wait_text(verdict.wait_s), command=esc(verdict.command))
            await reply(update, text)

    return wrapper


def registered(handler: Handler) -> Handler:
    """Run only in chats that sent /start and still receive alerts; otherwise say how to (re)start."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        known = await in_session(deps_of(context).engine, lambda session: session.get(Chat, chat.id))
        if known is None or not known.active:  # inactive: the bot was blocked or removed, a setting would do nothing
            await reply(update, not_started_text(update, known))
            return
        await handler(update, context)

    return wrapper


def not_started_text(update: Update, known: Chat | None) -> str:
    """Who has to send /start: the sender, in groups an administrator (to a member in a working group: nobody)."""
    group = "_group" if in_group(update) else ""
    if known is None:
        return t(language_of(update), f"not_registered{group}")
    return t(known.lang, f"chat_inactive{group}" if not known.active else "start_admin_only")


def settings_change(handler: Handler) -> Handler:
    """In groups, only administrators may change settings (fail closed when Telegram cannot tell us)."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None:
            return
        if not await may_change_settings(update, context):
            await reply(update, t(await chat_lang(deps_of(context), chat.id), "group_admin_only"))
            return
        await handler(update, context)

    return wrapper


async def may_change_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Anyone in a private chat; in groups only administrators (getChatMember; fail closed when Telegram cannot
    tell us). Commands and buttons both ask here."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if not in_group(update):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except Exception:  # noqa: BLE001 - fail closed
        log.warning("could not check admin rights in chat %s", chat.id)
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def in_group(update: Update) -> bool:
    """A group or supergroup, where settings belong to the administrators."""
    return update.effective_chat is not None and update.effective_chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def admin_only(handler: Handler) -> Handler:
    """Only the user ids in telegram.admins (fail closed: an empty list allows nobody)."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if user is None or user.id not in deps_of(context).admins:
            chat = update.effective_chat
            await reply(update, t(await chat_lang(deps_of(context), chat.id) if chat else "en", "admin_only"))
            return
        await handler(update, context)

    return wrapper


# --- commands ------------------------------------------------------------------------------------


def language_of(update: Update) -> str:
    """A new chat's language: the user's Telegram language (de → German, anything else English)."""
    user = update.effective_user
    code = (user.language_code or "") if user is not None else ""
    return "de" if code.lower().split("-")[0] == "de" else "en"


#: `/start watch_MARA` (from t.me/<bot>?start=watch_MARA): follow the miner on start.
DEEP_LINK_WATCH = "watch_"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Register the chat with the defaults (four seed miners, all themes, daily digest at 08:00 UTC)."""
    deps = deps_of(context)
    chat = update.effective_chat
    if chat is None or update.effective_user is None:
        return
    if not await may_change_settings(update, context):  # a group member: who has to send /start, if anyone
        known = await in_session(deps.engine, lambda session: session.get(Chat, chat.id))
        await reply(update, not_started_text(update, known))
        return
    title = chat.title or chat.full_name or chat.username or ""
    thread_id = thread_of(update)
    args = context.args or []
    linked = args[0][len(DEEP_LINK_WATCH) :].upper() if len(args) == 1 and args[0].startswith(DEEP_LINK_WATCH) else ""
    follow = [linked] if linked in deps.universe else []

    def register(session: Session) -> str:
        known = session.get(Chat, chat.id)
        was_active = known is not None and known.active  # read before register_chat re-activates it
        row, created = queries.register_chat(
            session,
            chat.id,
            chat_type=chat.type,
            title=title,
            thread_id=thread_id,
            default_tickers=deps.default_tickers,
            themes=THEMES,
            lang=language_of(update),
        )
        added = queries.add_watches(session, chat.id, follow) if follow else []
        muted = row.mute_until if row.mute_until is not None and row.mute_until > datetime.now(UTC) else None
        text = format_start(
            queries.watchlist(session, chat.id),
            row.lang,
            None if created else was_active,
            muted,
            row.tz,
            muted_miners=mutes.mutes_until(session, chat.id, datetime.now(UTC)),
        )
        return f"{text}\n{t(row.lang, 'deep_link_watch', tickers=esc(', '.join(added)))}" if added else text

    await reply(update, await in_session(deps.engine, register))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands with an example each."""
    chat = update.effective_chat
    await reply(update, t(await chat_lang(deps_of(context), chat.id) if chat else "en", "help"))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any /command we do not know (in private chats only, so groups aren't spammed)."""
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        await reply(update, t(await chat_lang(deps_of(context), chat.id), "unknown_command"))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first, then give the user a short apology (never a traceback), then tell the admins."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            chat = update.effective_chat
            await reply(update, t(await chat_lang(deps_of(context), chat.id) if chat else "en", "error_generic"))
        except Exception:  # noqa: BLE001
            log.warning("could not tell the user about the error")
    deps: BotDeps | None = context.application.bot_data.get("deps")
    if deps is None:
        return
    summary = esc(f"{type(context.error).__name__}: {context.error}")[:500]
    for admin in deps.admins:
        try:
            await context.bot.send_message(
                admin, f"⚠️ MinerWatch error: <code>{summary}</code>", parse_mode=ParseMode.HTML
            )
        except Exception:  # noqa: BLE001
            log.warning("could not notify admin %s", admin)


COMMANDS: dict[str, Any] = {
    "start": start,
    "help": help_command,
}
