"""A text Telegram refuses (too long, markup it cannot parse) is queued again in parts or as plain text, never
dropped and never sent twice; the admins hear of it once a day."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from telegram.error import BadRequest

from bot.messages.markup import FALLBACK_PART_CHARS, fallback_parts
from bot.sender import PRIVATE_CHAT_INTERVAL_S, Sender
from tests.conftest import Clock
from tests.doubles.telegram_html import parse_html
from tests.test_sender import ALICE, BOB, FakeTelegram, add_chats, enqueue, rows, status

ADMIN = 7
TOO_LONG = BadRequest("Bad Request: message is too long")
CANT_PARSE = BadRequest("Bad Request: can't parse entities: Unclosed start tag at byte offset 4096")
LONG_TEXT = "📰 <b>Digest</b>\n" + "\n".join(f"• $MARA story {n} <b>bold</b> &amp; more" for n in range(200))


@pytest.fixture
def setup(engine: Engine, clock: Clock) -> tuple[Engine, Clock]:
    add_chats(engine, ALICE, BOB, ADMIN)
    return engine, clock


async def drain(sender: Sender, clock: Clock, rounds: int = 8) -> None:
    for _ in range(rounds):
        await sender.run_once()
        clock.advance(seconds=PRIVATE_CHAT_INTERVAL_S)


def test_fallback_parts() -> None:
    parts = fallback_parts(LONG_TEXT, "400 Message is too long")
    assert parts is not None and len(parts) > 1
    assert all(len(part) <= FALLBACK_PART_CHARS for part in parts)
    for part in parts:
        parse_html(part)  # each part is still HTML Telegram accepts
    assert fallback_parts("<b>broken", "400 Can't parse entities: ...") == ["broken"]
    assert fallback_parts("short <b>text</b>", "400 Message is too long") == ["short text"]
    assert fallback_parts("plain already", "400 Can't parse entities: ...") is None
    assert fallback_parts("plain already", "400 Message is too long") is None


async def test_a_text_refused_as_too_long_arrives_in_parts_once(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    assert len(LONG_TEXT) > FALLBACK_PART_CHARS
    enqueue(engine, clock, "digest:1", ALICE, text=LONG_TEXT)
    telegram = FakeTelegram(script={ALICE: [TOO_LONG]})
    await drain(Sender(engine, telegram, clock=clock, admins=[ADMIN]), clock)
    parts = [key for key in rows(engine) if key.startswith("digest:1/")]
    assert len(parts) >= 2 and all(status(engine)[key] == "sent" for key in parts)
    assert status(engine)["digest:1"] == "split"
    assert [key for _, key in telegram.delivered if key.startswith("digest:1")] == parts  # in order, each once
    assert telegram.attempts.count((ALICE, "digest:1")) == 1
    sent_text = "".join(rows(engine)[key].text for key in parts)
    assert sent_text.count("story ") == 200


async def test_admins_are_told_once_a_day(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue(engine, clock, "news:1:101", ALICE, text="<b>broken")
    enqueue(engine, clock, "news:1:202", BOB, text="<b>broken")
    telegram = FakeTelegram(script={ALICE: [CANT_PARSE], BOB: [CANT_PARSE]})
    sender = Sender(engine, telegram, clock=clock, admins=[ADMIN])
    await drain(sender, clock)
    notices = [row for row in rows(engine).values() if row.kind == "notice"]
    assert [(row.chat_id, row.status) for row in notices] == [(ADMIN, "sent")]
    assert "queued again as 1 part(s)" in notices[0].text
    parse_html(notices[0].text)
    assert status(engine)["news:1:101/1"] == status(engine)["news:1:202/1"] == "sent"
    clock.advance(days=1)
    enqueue(engine, clock, "news:2:101", ALICE, text="<b>broken")
    telegram.script[ALICE] = [CANT_PARSE]
    await drain(sender, clock)
    assert len([row for row in rows(engine).values() if row.kind == "notice"]) == 2  # a new day, a new notice


async def test_a_part_refused_again_is_made_plain_and_nothing_loops(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue(engine, clock, "k", ALICE, text=LONG_TEXT)
    telegram = FakeTelegram(script={ALICE: [TOO_LONG, CANT_PARSE]})
    await drain(Sender(engine, telegram, clock=clock), clock)
    assert status(engine)["k"] == status(engine)["k/1"] == "split"
    assert status(engine)["k/1/1"] == "sent" and "<b>" not in rows(engine)["k/1/1"].text
    assert all(value in {"split", "sent"} for value in status(engine).values())


async def test_a_refused_text_nothing_can_shorten_still_fails(setup: tuple[Engine, Clock]) -> None:
    engine, clock = setup
    enqueue(engine, clock, "k", ALICE, text="x" * 100)
    telegram = FakeTelegram(always={ALICE: TOO_LONG})
    report = await Sender(engine, telegram, clock=clock, admins=[ADMIN]).run_once()
    assert report.failed == 1 and status(engine) == {"k": "failed"}
