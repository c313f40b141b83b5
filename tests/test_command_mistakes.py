"""Replies to mistaken commands say what was wrong and show a correct example, in English and German; the
pure parsers first, then the real handlers over the Bot API double (nothing stored changes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from bot.handlers.flood import CommandLimiter
from bot.handlers.parsing import (
    MAX_MUTE_MINUTES,
    UsageError,
    parse_mute,
    parse_news_scope,
    parse_notify,
    parse_tickers,
)
from store.db import session_scope
from store.models import Watch
from tests.test_e2e_news import running_bot

UNIVERSE = ["MARA", "CIFR", "IREN", "WULF", "HUT"]


pytestmark = pytest.mark.usefixtures("no_env")


def usage_error(parse: object, *args: object) -> UsageError:
    with pytest.raises(UsageError) as caught:
        parse(*args)  # type: ignore[operator]
    return caught.value


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["2h"], ("", 120)), (["$mara", "24h"], ("MARA", 1440)), (["1m"], ("", 1)), (["30d"], ("", MAX_MUTE_MINUTES))],
)
def test_parse_mute(args: list[str], expected: tuple[str, int]) -> None:
    assert parse_mute(args, UNIVERSE) == expected


@pytest.mark.parametrize(
    ("args", "key", "values"),
    [
        (["XYZ", "2h"], "mute_unknown_ticker", {"ticker": "XYZ"}),
        (["0m"], "mute_zero", {"duration": "0m", "example": "/mute 2h"}),
        (["31d"], "mute_too_long", {"duration": "31d", "limit": "30d", "example": "/mute 2h"}),
        (["MARA", "99999d"], "mute_too_long", {"duration": "99999d", "limit": "30d", "example": "/mute MARA 24h"}),
        (["forever"], "mute_bad_duration", {"duration": "forever", "example": "/mute 2h"}),
        ([], "mute_usage", {}),
        (["MARA", "2h", "x"], "mute_usage", {}),
    ],
)
def test_mute_mistakes(args: list[str], key: str, values: dict[str, object]) -> None:
    error = usage_error(parse_mute, args, UNIVERSE)
    assert (error.key, error.values) == (key, values)


def test_notify() -> None:
    assert parse_notify(["Deals", "SILENT"]) == ("deals", "silent")
    loud = usage_error(parse_notify, ["news", "loud"])
    assert (loud.key, loud.values) == ("notify_unknown_mode", {"mode": "loud", "kind": "news"})
    tweets = usage_error(parse_notify, ["tweets", "off"])
    assert tweets.key == "notify_unknown_kind" and tweets.values["kinds"] == "news, filings, alerts, deals"
    assert usage_error(parse_notify, ["news"]).key == "notify_usage"


def test_news_scope() -> None:
    assert parse_news_scope([], UNIVERSE) == "-"
    assert parse_news_scope(["$mara"], UNIVERSE) == "MARA"
    assert parse_news_scope(["Debt_Terms"], UNIVERSE) == "debt_terms"
    unknown = usage_error(parse_news_scope, ["XYZ"], UNIVERSE)
    assert unknown.key == "news_unknown" and unknown.values["word"] == "XYZ"
    assert "capital_deployment" in str(unknown.values["themes"])
    for prefix in ("capital", "deployment"):
        near = usage_error(parse_news_scope, [prefix], UNIVERSE)
        assert (near.key, near.values["theme"]) == ("news_did_you_mean", "capital_deployment")
    assert usage_error(parse_news_scope, ["de"], UNIVERSE).key == "news_unknown"  # debt_terms or depin
    assert usage_error(parse_news_scope, ["MARA", "CIFR"], UNIVERSE).key == "news_usage"


def test_unknown_ticker_example_keeps_the_known_ones() -> None:
    error = usage_error(parse_tickers, ["MARA", "XYZ", "cifr,HUT"], UNIVERSE, "watch")
    assert error.values["tickers"] == "XYZ" and error.values["example"] == "MARA CIFR HUT"


ENGLISH = [
    ("/digest daily 25:00", ["25:00 has no hour 25", "00 to 23", "Example: /digest daily 08:00"]),
    ("/digest daily 8", ["8 is not a time in HH:MM form", "Example: /digest daily 08:00"]),
    ("/digest daily 07:30pm", ["07:30pm is not a time in HH:MM form", "Example: /digest daily 19:30"]),
    ("/digest weekly funday 08:00", ["I don't know the day funday", "Mo, Di", "/digest weekly mon 08:00"]),
    ("/news XYZ", ["XYZ is neither a miner I know", "Themes: capital_deployment,", "Example: /news MARA"]),
    ("/news capital", ["Did you mean the theme capital_deployment?", "Example: /news capital_deployment"]),
    ("/mute XYZ 2h", ["Unknown ticker XYZ", "/mute MARA 24h", "/mute 2h"]),
    ("/mute 0m", ["0m is no time at all", "Example: /mute 2h"]),
    ("/mute 31d", ["31d is too long: at most 30d", "Example: /mute 2h"]),
    ("/mute forever", ["I can't read the duration forever", "Example: /mute 2h"]),
    ("/notify news loud", ["I don't know the mode loud", "on, silent", "Example: /notify news silent"]),
    ("/notify tweets off", ["I don't know the kind tweets", "news, filings, alerts, deals", "/notify news silent"]),
    ("/delalert", ["Which alert? Give its number", "/alerts", "Example: /delalert 3"]),
    ("/alert MARA price =< 12", ["comparison =<", "< <= > >= crosses", "Example: /alert MARA price <= 12"]),
    ("/watch MARA XYZ CIFR HUT", ["Unknown ticker XYZ, so nothing was added", "Example: /watch MARA CIFR HUT"]),
    ("/unwatch XYZ WULF", ["Unknown ticker XYZ, so nothing was removed", "Example: /unwatch WULF"]),
]
GERMAN = [
    ("/digest daily 24:00", ["24:00 hat keine Stunde 24", "Beispiel: /digest daily 08:00"]),
    ("/digest weekly funday 08:00", ["Den Tag funday kenne ich nicht", "Beispiel: /digest weekly Mo 08:00"]),
    ("/news capital", ["Meinten Sie das Thema capital_deployment?", "Beispiel: /news capital_deployment"]),
    ("/mute 31d", ["31d ist zu lang: höchstens 30d", "Beispiel: /mute 2h"]),
    ("/notify news laut", ["Den Modus laut kenne ich nicht", "Beispiel: /notify news silent"]),
    ("/delalert", ["Welcher Alarm?", "Beispiel: /delalert 3"]),
    ("/watch MARA XYZ", ["Unbekannter Ticker XYZ, daher wurde nichts hinzugefügt", "Beispiel: /watch MARA"]),
]


async def test_mistakes_are_explained_over_the_bot_api(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as (api, runtime):
        assert runtime.application is not None
        runtime.application.bot_data["deps"].limiter = CommandLimiter(burst=10_000, cooldowns_s={})
        chat = 4242
        api.push_text(chat, chat, "/start")
        await api.wait_for_messages(1)
        with session_scope(runtime.engine) as session:
            before = sorted(session.exec(select(Watch.ticker).where(Watch.chat_id == chat)))
        sent = 1

        async def expect(command: str, fragments: list[str]) -> None:
            nonlocal sent
            api.push_text(chat, chat, command)
            sent += 1
            reply = (await api.wait_for_messages(sent, timeout=10))[-1].plain_text
            for fragment in fragments:
                assert fragment in reply, f"{command}: {fragment!r} not in {reply!r}"

        for command, fragments in ENGLISH:
            await expect(command, fragments)
        await expect("/lang de", ["Deutsch"])
        for command, fragments in GERMAN:
            await expect(command, fragments)
        await expect("/digest weekly Mo 08:00", ["Wöchentliche Zusammenfassung am Montag um 08:00"])
        await expect("/digest weekly So 07:30", ["am Sonntag um 07:30"])
        with session_scope(runtime.engine) as session:
            after = sorted(session.exec(select(Watch.ticker).where(Watch.chat_id == chat)))
        assert after == before and "HUT" not in after  # /watch MARA XYZ CIFR HUT added nothing
