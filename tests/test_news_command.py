"""/news over the loopback Bot API double: stored story titles are escaped, so Telegram accepts the list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from store import queries
from store.db import session_scope
from store.models import NewsEvent
from tests.doubles.telegram_html import parse_html
from tests.test_e2e_news import running_bot

SEEN = datetime(2026, 11, 25, 14, 5, tzinfo=UTC)
LINKED = "MARA <MARA> beats: revenue > $200M & rising"
UNLINKED = "MARA & CIFR: hashprice <$45 squeezes margins"


pytestmark = pytest.mark.usefixtures("no_env")


def stored_story(key: str, title: str, *, link: str = "", themes: list[str] | None = None) -> NewsEvent:
    """A MARA story already classified and alerted: the news job leaves it alone, only /news shows it."""
    return NewsEvent(
        story_key=key,
        title=title,
        link=link,
        tickers=["MARA"],
        themes=themes or [],
        first_seen_at=SEEN,
        classified=True,
        alerted=True,
    )


async def test_news_titles_are_escaped(tmp_path: Path) -> None:
    link = "https://news.example/mara?q=3&y=2026"
    async with running_bot(tmp_path) as (api, runtime):
        with session_scope(runtime.engine) as session:
            session.add(stored_story("linked", LINKED, link=link, themes=["capital_deployment"]))
            session.add(stored_story("unlinked", UNLINKED))
        api.push_text(61, 61, "/start")
        api.push_text(61, 61, "/news MARA")
        listed = (await api.wait_for_messages(2))[1]
        assert listed.chat_id == 61 and listed.parse_mode == "HTML"
        assert '2026">MARA &lt;MARA&gt; beats: revenue &gt; $200M &amp; rising</a>' in listed.text
        assert "25 Nov 14:05 MARA &amp; CIFR: hashprice &lt;$45 squeezes margins\n" in listed.text
        assert f"25 Nov 14:05 {LINKED}\n" in listed.plain_text and f"25 Nov 14:05 {UNLINKED}\n" in listed.plain_text
        assert parse_html(listed.text)[0] == listed.plain_text  # the double accepted it as Telegram would
        assert [entity["url"] for entity in listed.entities if entity["type"] == "text_link"] == [link]


async def test_news_lists_the_newest_publication_first_with_its_time(tmp_path: Path) -> None:
    """A first poll at 14:05 sees stories its feed dated 1 to 6 hours earlier (listed newest first): /news shows
    when each was published, newest on top, and a story the feed gave no date by when it was first seen."""
    async with running_bot(tmp_path) as (api, runtime):
        with session_scope(runtime.engine) as session:
            for hours in (1, 3, 6):
                story = stored_story(f"b{hours}", f"MARA story from {hours}h before", themes=["debt_terms"])
                story.published_at = SEEN - timedelta(hours=hours)
                session.add(story)
            session.add(stored_story("undated", "MARA story without a date"))
        api.push_text(62, 62, "/start")
        api.push_text(62, 62, "/news MARA")
        api.push_text(62, 62, "/news debt_terms")
        for_mara, for_theme = (await api.wait_for_messages(3))[1:]
        assert for_mara.plain_text.splitlines()[1::2] == [
            "• 25 Nov 14:05 MARA story without a date",
            "• 25 Nov 13:05 MARA story from 1h before",
            "• 25 Nov 11:05 MARA story from 3h before",
            "• 25 Nov 08:05 MARA story from 6h before",
        ]
        assert for_theme.plain_text.splitlines()[1::2] == for_mara.plain_text.splitlines()[3::2]


async def test_an_inactive_chat_is_told_to_start_and_start_turns_it_back_on(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as (api, runtime):
        api.push_text(7070, 7070, "/start")
        await api.wait_for_messages(1)
        with session_scope(runtime.engine) as session:
            queries.deactivate_chat(session, 7070, "403 Forbidden: bot was blocked by the user")
        api.push_text(7070, 7070, "/watch HUT")
        paused = (await api.wait_for_messages(2))[1].plain_text
        assert paused.startswith("⏸ Alerts to this chat are paused") and "/start" in paused
        with session_scope(runtime.engine) as session:
            assert "HUT" not in queries.watchlist(session, 7070)  # nothing changed behind the notice
        api.push_text(7070, 7070, "/start")
        assert "Welcome back" in (await api.wait_for_messages(3))[2].plain_text
        api.push_text(7070, 7070, "/watch HUT")
        assert (await api.wait_for_messages(4))[3].plain_text == "✅ Now following HUT."
