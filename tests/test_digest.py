"""Digests: slot arithmetic across time zones, one digest per slot, content grouped by theme."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.alerts.digest import due_slot
from bot.handlers.parsing import UsageError, parse_digest
from bot.messages.digest import DigestData, DigestStory, format_digest
from bot.messages.texts import t
from classifiers.base import THEMES
from minerwatch.jobs.digest import DigestJob
from store import queries
from store.db import session_scope
from store.models import Chat, NewsEvent, Outbox, PricePoint
from tests.conftest import Clock
from tests.doubles.telegram_html import parse_html, utf16_len


def test_daily_slot_in_the_chats_time_zone() -> None:
    now = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)  # 08:30 in Berlin (UTC+1 in winter)
    assert due_slot(now, mode="daily", at="08:00", weekday=0, tz="Europe/Berlin") == datetime(
        2026, 11, 25, 7, 0, tzinfo=UTC
    )
    assert due_slot(now, mode="daily", at="09:00", weekday=0, tz="Europe/Berlin") == datetime(
        2026, 11, 24, 8, 0, tzinfo=UTC
    )
    assert due_slot(now, mode="off", at="08:00", weekday=0, tz="UTC") is None


def test_weekly_slot() -> None:
    wednesday = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert due_slot(wednesday, mode="weekly", at="08:00", weekday=0, tz="UTC") == datetime(
        2026, 11, 23, 8, 0, tzinfo=UTC
    )
    assert due_slot(wednesday, mode="weekly", at="13:00", weekday=2, tz="UTC") == datetime(
        2026, 11, 18, 13, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["daily", "8:05"], ("daily", "08:05", None)),
        (["weekly", "Monday", "07:00"], ("weekly", "07:00", 0)),
        (["weekly", "MON", "07:00"], ("weekly", "07:00", 0)),
        (["weekly", "mo", "07:00"], ("weekly", "07:00", 0)),  # German abbreviations, as the German help shows
        (["weekly", "Di.", "07:00"], ("weekly", "07:00", 1)),
        (["weekly", "Mittwoch", "07:00"], ("weekly", "07:00", 2)),
        (["weekly", "Do", "07:00"], ("weekly", "07:00", 3)),
        (["weekly", "thurs", "07:00"], ("weekly", "07:00", 3)),
        (["weekly", "Sa", "07:00"], ("weekly", "07:00", 5)),
        (["weekly", "Sonnabend", "07:00"], ("weekly", "07:00", 5)),
        (["weekly", "So", "07:00"], ("weekly", "07:00", 6)),
        (["weekly", "Sonntag", "23:59"], ("weekly", "23:59", 6)),
        (["daily", "00:00"], ("daily", "00:00", None)),
        (["off"], ("off", None, None)),
        (["now"], ("now", None, None)),
    ],
)
def test_parse_digest(args: list[str], expected: tuple[object, ...]) -> None:
    assert parse_digest(args) == expected


@pytest.mark.parametrize(
    "args", [[], ["daily"], ["daily", "25:00"], ["weekly", "funday", "08:00"], ["hourly"], ["daily", "08:00", "x"]]
)
def test_parse_digest_rejects(args: list[str]) -> None:
    with pytest.raises(UsageError):
        parse_digest(args)


@pytest.mark.parametrize(
    ("args", "key", "example"),
    [
        (["daily", "25:00"], "digest_bad_hour", "/digest daily 08:00"),
        (["daily", "24:00"], "digest_bad_hour", "/digest daily 08:00"),
        (["daily", "08:60"], "digest_bad_minute", "/digest daily 08:00"),
        (["daily", "8"], "digest_bad_time", "/digest daily 08:00"),
        (["daily", "07:30pm"], "digest_bad_time", "/digest daily 19:30"),
        (["daily", "8.30"], "digest_bad_time", "/digest daily 08:30"),
        (["weekly", "Mo", "7pm"], "digest_bad_time", "/digest weekly mo 19:00"),
        (["daily", "noon"], "digest_bad_time", "/digest daily 08:00"),
        (["weekly", "funday", "08:00"], "digest_bad_day", None),
        (["weekly", "monkey", "08:00"], "digest_bad_day", None),
        (["weekly", "son", "08:00"], "digest_bad_day", None),  # Sonntag or Sonnabend
        (["weekly", "mon"], "digest_usage", None),
    ],
)
def test_digest_mistakes_say_what_is_wrong(args: list[str], key: str, example: str | None) -> None:
    with pytest.raises(UsageError) as caught:
        parse_digest(args)
    assert caught.value.key == key
    assert caught.value.values.get("example") == example
    for lang in ("en", "de"):
        text = t(lang, key, **caught.value.values)
        assert args[-2 if key == "digest_bad_day" else -1] in text or key == "digest_usage"
        assert "<code>/digest " in text


def test_story_titles_are_escaped_and_telegram_accepts_the_digest() -> None:
    linked = "Hut 8 <HUT> & USBTC: hashrate > 10 EH/s"
    unlinked = "CleanSpark Q3: cost <$30k & falling"
    data = DigestData(
        since=datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
        until=datetime(2026, 11, 25, 8, 0, tzinfo=UTC),
        stories=[
            DigestStory(linked, "https://news.example/hut?a=1&b=2", ["HUT"], ["capital_deployment"], {}),
            DigestStory(unlinked, "", ["CLSK"], [], {}),
        ],
    )
    text = format_digest(data, "en", "UTC")
    assert (
        '<a href="https://news.example/hut?a=1&amp;b=2">Hut 8 &lt;HUT&gt; &amp; USBTC: hashrate &gt; 10 EH/s</a>'
        in text
    )
    assert "• $CLSK CleanSpark Q3: cost &lt;$30k &amp; falling" in text
    plain, entities = parse_html(text)  # raises as Telegram would on a stray tag
    assert f"• $HUT {linked}\n" in plain and plain.endswith(f"• $CLSK {unlinked}")
    [link] = [entity for entity in entities if entity["type"] == "text_link"]
    assert link["url"] == "https://news.example/hut?a=1&b=2" and link["length"] == utf16_len(linked)


async def test_one_digest_per_slot_grouped_by_theme(engine: Engine) -> None:
    clock = Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    with session_scope(engine) as session:
        chat, _ = queries.register_chat(
            session, 5, chat_type="private", title="x", thread_id=None, default_tickers=("MARA",), themes=THEMES
        )
        chat.created_at = clock()
        session.add(
            NewsEvent(
                story_key="a",
                title="MARA signs 200 MW AI hosting lease",
                tickers=["MARA"],
                themes=["capital_deployment"],
                scores={"capital_deployment": 0.91},
                first_seen_at=clock() + timedelta(hours=2),
                alerted=True,
                classified=True,
            )
        )
        session.add(
            NewsEvent(
                story_key="b",
                title="IREN news",
                tickers=["IREN"],
                themes=[],
                first_seen_at=clock() + timedelta(hours=2),
                alerted=True,
                classified=True,
            )
        )
        session.add(PricePoint(symbol="MARA", price=12.5, change_pct=-3.2, at=clock() + timedelta(hours=3)))
    job = DigestJob(engine, clock=clock)
    assert await job.run_once() == 0  # created after today's 08:00 slot: nothing yet
    clock.advance(hours=20, minutes=1)  # 08:01 next day
    assert await job.run_once() == 1
    assert await job.run_once() == 0  # same slot: not twice
    with session_scope(engine) as session:
        rows = list(session.exec(select(Outbox)))
        assert len(rows) == 1 and rows[0].disable_preview and rows[0].kind == "digest"
        text = rows[0].text
        assert "#capital_deployment" in text and "MARA signs 200 MW" in text and "IREN news" not in text
        assert "MARA 12.50 (-3.2%)" in text
        assert session.get(Chat, 5).last_digest_at == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


async def test_schedule_change_keeps_the_window_and_quiet_stories_stay_out(engine: Engine) -> None:
    clock = Clock(datetime(2026, 11, 24, 7, 0, tzinfo=UTC))
    with session_scope(engine) as session:
        chat, _ = queries.register_chat(
            session, 6, chat_type="private", title="x", thread_id=None, default_tickers=("MARA",), themes=THEMES
        )
        chat.created_at = clock() - timedelta(days=2)
        chat.last_digest_at = clock()  # the previous digest covered everything until 07:00
        session.add(
            NewsEvent(
                story_key="n",
                title="MARA story at noon",
                tickers=["MARA"],
                first_seen_at=clock() + timedelta(hours=5),
                alerted=True,
                classified=True,
            )
        )
        session.add(
            NewsEvent(
                story_key="q",
                title="MARA backlog from a new feed",
                tickers=["MARA"],
                quiet=True,
                first_seen_at=clock() + timedelta(hours=6),
                alerted=True,
                classified=True,
            )
        )
        # at 13:00 the user switches to a daily 12:00 digest: today's 12:00 slot is not owed
        chat.digest_mode, chat.digest_time = "daily", "12:00"
        chat.digest_slot_done = due_slot(clock() + timedelta(hours=6), mode="daily", at="12:00", weekday=0, tz="UTC")
    job = DigestJob(engine, clock=clock)
    clock.advance(hours=6)
    assert await job.run_once() == 0
    clock.advance(days=1)  # 13:00 the next day: the 12:00 slot is due
    assert await job.run_once() == 1
    with session_scope(engine) as session:
        text = session.exec(select(Outbox)).one().text
    assert "MARA story at noon" in text  # the window started at the previous digest, not at the change
    assert "backlog" not in text


async def test_a_deal_is_listed_once_by_its_deal_line_not_again_as_its_story(engine: Engine) -> None:
    from store import deal_queries

    clock = Clock(datetime(2026, 11, 24, 7, 0, tzinfo=UTC))
    wire = "http://127.0.0.1:9/wire/iren-microsoft"
    with session_scope(engine) as session:
        chat, _ = queries.register_chat(
            session, 7, chat_type="private", title="x", thread_id=None, default_tickers=("IREN",), themes=THEMES
        )
        chat.created_at = clock() - timedelta(days=2)
        chat.last_digest_at = clock()
        for key, title, link in (
            ("d", "IREN inks multi-year AI cloud contract with Microsoft", wire),
            ("o", "IREN reports monthly bitcoin production", "http://127.0.0.1:9/wire/iren-monthly"),
        ):
            session.add(
                NewsEvent(
                    story_key=key,
                    title=title,
                    link=link,
                    tickers=["IREN"],
                    themes=["capital_deployment"],
                    first_seen_at=clock() + timedelta(hours=2),
                    alerted=True,
                    classified=True,
                )
            )
        deal_queries.record_deal(
            session,
            "IREN",
            {"kind": "cloud", "counterparty": "Microsoft", "contract_value_usd": 9.7e9, "term_years": 5},
            title="IREN inks multi-year AI cloud contract with Microsoft",
            link=wire,
            source="Miner wire",
            now=clock() + timedelta(hours=2),
        )
    job = DigestJob(engine, clock=clock)
    clock.advance(days=1, hours=1, minutes=1)  # past the next 08:00 slot
    assert await job.run_once() == 1
    with session_scope(engine) as session:
        text = session.exec(select(Outbox)).one().text
    plain = parse_html(text)[0]
    assert plain.count("Microsoft") == 1 and "$IREN × Microsoft" in plain  # the deal line, not the story too
    assert "IREN reports monthly bitcoin production" in plain  # a story that reported no deal stays


async def test_a_new_chats_first_digest_covers_the_day_before_it_not_an_empty_window(engine: Engine) -> None:
    clock = Clock(datetime(2026, 11, 24, 7, 50, tzinfo=UTC))
    with session_scope(engine) as session:
        chat, _ = queries.register_chat(
            session, 8, chat_type="private", title="x", thread_id=None, default_tickers=("MARA",), themes=THEMES
        )
        chat.created_at = clock()  # /start ten minutes before the 08:00 slot
        for key, title, hours_before in (("y", "MARA story of the morning", 3), ("old", "MARA story of last week", 30)):
            session.add(
                NewsEvent(
                    story_key=key,
                    title=title,
                    tickers=["MARA"],
                    first_seen_at=clock() - timedelta(hours=hours_before),
                    alerted=True,
                    classified=True,
                )
            )
    job = DigestJob(engine, clock=clock)
    clock.advance(minutes=11)  # 08:01
    assert await job.run_once() == 1
    with session_scope(engine) as session:
        text = session.exec(select(Outbox)).one().text
    assert "MARA story of the morning" in text and "last week" not in text
