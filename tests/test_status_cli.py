"""`minerwatch status TICKER`: the /status card in the terminal, from the store the bot fills."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.messages.markup import plain_text
from minerwatch.cli import main
from store import alert_queries
from store.db import make_engine, migrate, session_scope


def config(tmp_path: Path) -> Path:
    path = tmp_path / "minerwatch.toml"
    path.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "mw.db"}"\n', encoding="utf-8")
    return path


def test_the_card_shows_the_stored_quote_as_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'mw.db'}")
    migrate(engine)
    with session_scope(engine) as session:
        alert_queries.record_price(
            session,
            symbol="MARA",
            price=12.4,
            previous_close=12.0,
            change_pct=3.33,
            source="yahoo",
            at=datetime(2026, 11, 25, 21, 0, tzinfo=UTC),
        )
    engine.dispose()
    assert main(["status", "$mara", "--config", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("📊 $MARA — MARA Holdings\n")
    assert "12.40" in out and "+3.3" in out
    assert "<" not in out and "&amp;" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "XYZ"], "unknown ticker XYZ; known: APLD, BITF"),  # the universe, sorted
        (["status", "MARA", "--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'. Example: --tz Europe/Berlin"),
    ],
)
def test_mistakes_are_one_line_with_an_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main([*argv, "--config", str(config(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_plain_text_keeps_links_and_decodes_entities() -> None:
    assert plain_text('<b>AT&amp;T</b> <a href="https://x.example/?a=1&amp;b=2">Read</a>') == (
        "AT&T Read (https://x.example/?a=1&b=2)"
    )


async def test_console_mode_prints_what_the_chat_would_read_not_its_html() -> None:
    from bot.app import ConsoleTransport
    from store.models import Outbox

    printed: list[str] = []
    row = Outbox(
        idempotency_key="k",
        chat_id=0,
        kind="news",
        text='📰 <b>MARA</b> prices notes · <a href="https://x.example/a?b=1&amp;c=2">Miner &amp; Co wire</a>',
        reply_markup=[[["📊 MARA", "v1:status:MARA"]]],
    )
    assert await ConsoleTransport(printed.append).send(row) == 1
    assert printed == [
        "──── news → chat 0 ────\n📰 MARA prices notes · Miner & Co wire (https://x.example/a?b=1&c=2)\n[📊 MARA]\n"
    ]
