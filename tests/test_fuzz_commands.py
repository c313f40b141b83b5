"""Hostile chat commands: every reply is a clear message, no traceback reaches the user, nothing changes.

Every command the bot registers gets the same junk arguments over the real Bot API double; the chat's stored
settings, watchlist and rules must be exactly as before.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import all_commands
from bot.handlers.flood import CommandLimiter
from store.db import session_scope
from store.models import AlertRule, Chat, Watch
from tests.test_e2e_news import running_bot

JUNK = [
    "'; DROP TABLE chat; --",
    "<b>bold</b> <script>alert(1)</script> &amp;",
    "A" * 3000,
    "\u202egnp.exe 💥🚀 ṀÄṘÄ",
    "%s%s%n {0} {} ${HOME}",
    "-1 0 1e309 NaN inf",
    "../../etc/passwd",
    "MARA price << 12",
    "$ $$ $$$ @bot #tag",
    "on off on off on off on off",
]


def snapshot(engine, chat_id: int) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        chat = session.get(Chat, chat_id)
        assert chat is not None
        fields = chat.model_dump(exclude={"created_at", "last_digest_at"})
        watches = sorted(session.exec(select(Watch.ticker).where(Watch.chat_id == chat_id)))
        rules = sorted(r.text for r in session.exec(select(AlertRule).where(AlertRule.chat_id == chat_id)))
    return fields, watches, rules


pytestmark = pytest.mark.usefixtures("no_env")


async def test_every_command_answers_junk_clearly_and_changes_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    async with running_bot(tmp_path) as (api, runtime):
        # every command many times from one chat: lift the flood limits (tests/test_flood.py covers them)
        assert runtime.application is not None
        runtime.application.bot_data["deps"].limiter = CommandLimiter(burst=10_000, cooldowns_s={})
        chat = 5151
        api.push_text(chat, chat, "/start")
        await api.wait_for_messages(1)
        before = snapshot(runtime.engine, chat)
        sent = 0
        for command in sorted(all_commands()):
            for junk in rng.sample(JUNK, 4):
                api.push_text(chat, chat, f"/{command} {junk}")
                sent += 1
                reply = (await api.wait_for_messages(1 + sent, timeout=10))[-1].plain_text
                assert reply.strip(), f"/{command} gave an empty reply"
                assert "Traceback" not in reply and "Sorry, something went wrong" not in reply, (
                    f"/{command} {junk[:40]!r} raised: {reply[:200]}"
                )
        assert snapshot(runtime.engine, chat) == before
        assert len(api.sent) == 1 + sent  # one answer per command, never more
