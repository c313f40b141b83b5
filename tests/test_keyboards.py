"""The inline keyboards (bot/messages/keyboards.py): golden files show every keyboard in English and German with
its callback data; the callback format is versioned, validated and within Telegram's 64 bytes."""

from __future__ import annotations

import pytest

from bot.messages.keyboards import (
    COMMON_ZONES,
    MAX_CALLBACK_BYTES,
    Callback,
    Keyboard,
    alert_keyboard,
    as_rows,
    callback_data,
    confirm_delete_keyboard,
    news_keyboard,
    parse_callback,
    rule_list_keyboard,
    settings_keyboard,
    themes_keyboard,
    watchlist_keyboard,
)
from classifiers.base import THEMES
from tests.test_format import assert_golden


def render(keyboard: Keyboard) -> str:
    """One line per row: `[label | callback_data]` per button."""
    return "\n".join(" ".join(f"[{label} | {data}]" for label, data in row) for row in keyboard) or "(no buttons)"


def all_keyboards(lang: str) -> dict[str, Keyboard]:
    return {
        "alert (news, filing, note, threshold) about MARA": alert_keyboard("MARA", lang),
        "/alerts with rules #1, #2, #5 (row ids 11, 12, 4711)": rule_list_keyboard([(11, 1), (12, 2), (4711, 5)], lang),
        "/alerts confirm step for #5": confirm_delete_keyboard(4711, 5, lang),
        "/watchlist": watchlist_keyboard(["MARA", "CIFR", "RIOT", "CLSK"], lang),
        "/news MARA, first page": news_keyboard("MARA", 8, lang),
        "/news (watchlist), last page": news_keyboard("-", None, lang),
        "/themes with debt_terms off": themes_keyboard(THEMES, set(THEMES) - {"debt_terms"}, lang),
        "/settings": settings_keyboard(lang),
    }


@pytest.mark.parametrize("lang", ["en", "de"])
def test_keyboards_golden(lang: str) -> None:
    text = "\n\n".join(f"## {name}\n{render(keyboard)}" for name, keyboard in all_keyboards(lang).items())
    assert_golden(f"keyboards_{lang}.txt", text + "\n")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_button_has_text_and_valid_small_callback_data(lang: str) -> None:
    for keyboard in all_keyboards(lang).values():
        for row in keyboard:
            assert 1 <= len(row) <= 8
            for label, data in row:
                assert label.strip()
                assert len(data.encode()) <= MAX_CALLBACK_BYTES and data.startswith("v1:")
                assert parse_callback(data) is not None


def test_callback_data_round_trips() -> None:
    assert parse_callback("v1:mute:MARA:24h") == Callback("mute", ("MARA", "24h"))
    assert parse_callback("v1:del:4711") == Callback("del", ("4711",))
    assert parse_callback("v1:delno") == Callback("delno", ())
    assert parse_callback("v1:nfy:news:silent") == Callback("nfy", ("news", "silent"))
    assert parse_callback(callback_data("tz", len(COMMON_ZONES) - 1)) == Callback("tz", (str(len(COMMON_ZONES) - 1),))


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "v2:mute:MARA:24h",  # another version
        "v1:mute:MARA",  # missing argument
        "v1:mute:MARA:24h:extra",
        "v1:mute:mara:24h",  # tickers are upper case
        "v1:del:-3",
        "v1:del:3;drop",
        "v1:delno:1",
        "v1:nfy:news:loud",
        "v1:lang:fr",
        "v1:status:" + "A" * 60,  # over 64 bytes
        "v1:unknown:MARA",
        "v1:status:MÄRA",
    ],
)
def test_forged_callback_data_is_refused(data: str | None) -> None:
    assert parse_callback(data) is None


def test_callback_data_refuses_what_it_could_not_read_back() -> None:
    with pytest.raises(ValueError):
        callback_data("status", "mara")
    with pytest.raises(ValueError):
        callback_data("news", "X" * 70, 8)


def test_outbox_form_is_plain_json_rows() -> None:
    assert as_rows(alert_keyboard("CIFR", "en")) == [
        [["📊 Status", "v1:status:CIFR"], ["🔕 Mute CIFR 24h", "v1:mute:CIFR:24h"], ["Unwatch", "v1:unwatch:CIFR"]]
    ]
    assert as_rows(()) is None
