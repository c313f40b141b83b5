"""Threshold alerts: /alert, /alerts, /delalert. Grammar and texts in bot.alerts.rules, rows in store.alert_queries."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot.alerts.rules import (
    MAX_RULES_PER_CHAT,
    RuleError,
    canonical_text,
    format_rule_deleted,
    format_rule_exists,
    format_rule_list,
    format_rule_not_found,
    format_rule_saved,
    parse_rule,
    parse_rule_number,
    too_many_rules_message,
)
from bot.alerts.rules_store import current_values, rule_of, same_rule, seed_state
from bot.deps import BotDeps
from bot.handlers.common import chat_lang, deps_of, registered, reply, settings_change
from bot.messages.keyboards import Keyboard, rule_list_keyboard
from bot.messages.markup import esc
from bot.messages.texts import t
from store import alert_queries
from store.db import in_session


@registered
@settings_change
async def alert(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Set a threshold alert: /alert MARA price < 12."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang = await chat_lang(deps, chat_id)
    now = datetime.now(UTC)
    try:
        spec = parse_rule(" ".join(context.args or []), deps.universe, lang, today=now.date())
    except RuleError as error:
        await reply(update, str(error))
        return

    def save(session: Session) -> str:
        existing = same_rule(session, chat_id, spec)
        if existing is not None:
            return format_rule_exists(existing, lang)
        seed = seed_state(current_values(session, spec.subject, now.date()), spec.metric)
        try:
            row = alert_queries.add_rule(
                session,
                chat_id,
                text=canonical_text(spec),
                limit=MAX_RULES_PER_CHAT,
                state=seed.to_dict(),
                **asdict(spec),
            )
        except alert_queries.RuleLimitReached:
            return too_many_rules_message(lang)
        saved = format_rule_saved(rule_of(row), lang)
        if spec.metric == "conv_distance" and not alert_queries.conversion_prices(session, spec.subject, now.date()):
            saved += "\n" + t(lang, "rule_no_notes", ticker=esc(spec.subject))
        return saved

    await reply(update, await in_session(deps.engine, save))


@registered
async def alerts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """This chat's alerts with their numbers."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    text, keyboard = await rule_list_view(deps, chat_id, await chat_lang(deps, chat_id))
    await reply(update, text, keyboard=keyboard)


async def rule_list_view(deps: BotDeps, chat_id: int, lang: str) -> tuple[str, Keyboard]:
    """/alerts: the list, and a 🗑 button per rule (callback `v1:del:<rule row id>`, then a confirm step)."""
    rows = await in_session(deps.engine, lambda session: alert_queries.list_rules(session, chat_id))
    text = format_rule_list([rule_of(row) for row in rows], lang)
    if not rows:
        return text, ()
    keyboard = rule_list_keyboard([(row.id, row.number) for row in rows if row.id is not None], lang)
    return f"{text}\n{t(lang, 'rules_buttons_hint')}", keyboard


@registered
@settings_change
async def delalert(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Delete one of this chat's alerts: /delalert 3."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang = await chat_lang(deps, chat_id)
    try:
        number = parse_rule_number(" ".join(context.args or []), lang)
    except RuleError as error:
        await reply(update, str(error))
        return

    def delete(session: Session) -> str:
        row = alert_queries.delete_rule(session, chat_id, number)
        return format_rule_deleted(rule_of(row), lang) if row else format_rule_not_found(number, lang)

    await reply(update, await in_session(deps.engine, delete))


COMMANDS = {"alert": alert, "alerts": alerts, "delalert": delalert}
