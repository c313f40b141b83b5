"""Per-miner mutes (store/mutes.py, the "🔕 Mute" button): an instant news alert about only muted miners is
skipped, one that also names an unmuted watched miner is sent with its button row, the mute expires, and the
digest still lists the muted miner's story. Fixed clock; both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.alerts.digest import gather
from bot.alerts.news import fan_out
from classifiers.base import THEMES
from store import mutes, queries
from store.db import session_scope
from store.models import Chat, NewsEvent, Outbox

NOW = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)
CHAT = 42


def story(session: object, key: str, tickers: list[str]) -> NewsEvent:
    event = NewsEvent(
        story_key=key, title=f"{key} story", tickers=tickers, themes=["debt_terms"], first_seen_at=NOW, alerted=True
    )
    session.add(event)  # type: ignore[attr-defined]
    session.flush()  # type: ignore[attr-defined]
    return event


def test_muted_miner_skips_instant_alerts_but_not_the_digest(engine: Engine) -> None:
    with session_scope(engine) as session:
        queries.register_chat(
            session, CHAT, chat_type="private", title="", thread_id=None, default_tickers=["MARA", "CIFR"],
            themes=THEMES, lang="de",
        )  # fmt: skip
        mutes.mute_miner(session, CHAT, "MARA", NOW + timedelta(hours=24))
        assert mutes.muted_tickers(session, CHAT, NOW) == {"MARA"}
        only_mara = story(session, "mara", ["MARA"])
        both = story(session, "both", ["MARA", "CIFR"])
        assert fan_out(session, only_mara, NOW) == 0
        assert fan_out(session, both, NOW) == 1
    with session_scope(engine) as session:
        [row] = session.exec(select(Outbox)).all()
        assert row.idempotency_key == f"news:{both.id}:{CHAT}"
        assert row.reply_markup is not None and row.reply_markup[0][0] == ["📊 Status", "v1:status:MARA"]
        chat = session.get(Chat, CHAT)
        assert chat is not None and chat.lang == "de"
        digest = gather(session, chat, NOW - timedelta(hours=1), NOW + timedelta(minutes=1))
        assert {s.title for s in digest.stories} >= {"mara story", "both story"}
        # a day later the mute is over
        later = NOW + timedelta(hours=24, seconds=1)
        assert mutes.muted_tickers(session, CHAT, later) == set()
        assert fan_out(session, story(session, "later", ["MARA"]), later) == 1
        assert mutes.unmute_miner(session, CHAT, "MARA") and not mutes.unmute_miner(session, CHAT, "MARA")
