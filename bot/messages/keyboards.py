"""Inline keyboards as plain values, and the callback data they carry. Pure: no telegram import; the transport
(bot/app.py, bot/sender.py) turns a `Keyboard` into an InlineKeyboardMarkup, the outbox stores it as JSON rows.

Callback data is `v1:<action>:<arg>…` (Telegram allows 1-64 bytes). `parse_callback` is the only reader: data
it does not recognise (another version, a forged action, a bad argument) is None and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.messages.texts import t

#: Telegram's limit on a button's callback_data.
MAX_CALLBACK_BYTES = 64
#: The version every callback starts with; a new format gets a new version, old buttons then answer "stale".
CALLBACK_VERSION = "v1"
#: The one mute duration the alert button offers.
MUTE_BUTTON_HOURS = 24
#: Rule delete buttons per row in /alerts.
RULE_BUTTONS_PER_ROW = 4
#: Common time zones offered in /settings (any other one: /tz).
COMMON_ZONES = ("UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "Asia/Tokyo")
#: Digest times offered in /settings (any other one: /digest daily HH:MM).
DIGEST_TIMES = ("07:00", "08:00", "12:00", "18:00")
NOTIFY_KINDS = ("news", "filings", "alerts")
NOTIFY_MODES = ("on", "silent", "off")

Button = tuple[str, str]  # (label, callback_data)
Keyboard = tuple[tuple[Button, ...], ...]

_TICKER = r"[A-Z0-9.]{1,12}"
_NUMBER = r"[0-9]{1,12}"
#: action → pattern of its arguments (joined with ":"); anything else is refused.
_ACTIONS: dict[str, str] = {
    "status": _TICKER,  # bring the miner's card
    "mute": rf"{_TICKER}:[0-9]{{1,3}}h",  # mute one miner for N hours
    "unwatch": _TICKER,  # stop following one miner
    "del": _NUMBER,  # ask to delete a rule (its row id)
    "delok": _NUMBER,  # confirmed: delete it
    "delno": r"",  # not confirmed
    "news": rf"(?:{_TICKER}|[a-z_]{{1,24}}|-):[0-9]{{1,3}}",  # /news paging: scope (- = watchlist) and offset
    "theme": r"[a-z_]{1,24}:(?:on|off)",  # /themes toggle
    "dt": r"[0-9]{4}|off",  # /settings: digest time HHMM, or off
    "tz": r"[0-9]{1,2}",  # /settings: index into COMMON_ZONES
    "lang": r"en|de",  # /settings: language
    "nfy": r"(?:news|filings|alerts):(?:on|silent|off)",  # /settings: notify mode
}


@dataclass(frozen=True)
class Callback:
    """A recognised button press: the action and its arguments."""

    action: str
    args: tuple[str, ...]


def callback_data(action: str, *args: object) -> str:
    """`v1:action:arg…`, checked against the format and Telegram's 64-byte limit."""
    data = ":".join([CALLBACK_VERSION, action, *(str(arg) for arg in args)])
    if len(data.encode()) > MAX_CALLBACK_BYTES or parse_callback(data) is None:
        raise ValueError(f"invalid callback data {data!r}")
    return data


def parse_callback(data: str | None) -> Callback | None:
    """The callback behind `data`, or None when it is not one of ours (forged, stale version, malformed)."""
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    version, _, rest = data.partition(":")
    action, _, args = rest.partition(":")
    pattern = _ACTIONS.get(action)
    if version != CALLBACK_VERSION or pattern is None or not re.fullmatch(pattern, args):
        return None
    return Callback(action, tuple(args.split(":")) if args else ())


def as_rows(keyboard: Keyboard | None) -> list[list[list[str]]] | None:
    """The JSON form kept on an outbox row (None: no keyboard)."""
    if not keyboard:
        return None
    return [[[label, data] for label, data in row] for row in keyboard]


def alert_keyboard(ticker: str, lang: str) -> Keyboard:
    """Under every instant alert about `ticker`: its card, mute it for a day, stop following it."""
    status = (t(lang, "btn_status"), callback_data("status", ticker))
    mute_label = t(lang, "btn_mute", ticker=ticker, hours=MUTE_BUTTON_HOURS)
    mute = (mute_label, callback_data("mute", ticker, f"{MUTE_BUTTON_HOURS}h"))
    unwatch = (t(lang, "btn_unwatch"), callback_data("unwatch", ticker))
    return ((status, mute, unwatch),)


def rule_list_keyboard(rules: Sequence[tuple[int, int]], lang: str) -> Keyboard:
    """/alerts: a delete button per rule, given as (row id, number the chat sees)."""
    buttons = [(t(lang, "btn_delete_rule", number=number), callback_data("del", rule_id)) for rule_id, number in rules]
    return tuple(
        tuple(buttons[start : start + RULE_BUTTONS_PER_ROW]) for start in range(0, len(buttons), RULE_BUTTONS_PER_ROW)
    )


def confirm_delete_keyboard(rule_id: int, number: int, lang: str) -> Keyboard:
    """The confirm step of a rule delete button."""
    return (
        (
            (t(lang, "btn_confirm_delete", number=number), callback_data("delok", rule_id)),
            (t(lang, "btn_cancel"), callback_data("delno")),
        ),
    )


def watchlist_keyboard(tickers: Sequence[str], lang: str) -> Keyboard:
    """/watchlist: a remove button per miner, three to a row."""
    buttons = [(t(lang, "btn_remove", ticker=ticker), callback_data("unwatch", ticker)) for ticker in tickers]
    return tuple(tuple(buttons[start : start + 3]) for start in range(0, len(buttons), 3))


def news_keyboard(scope: str, next_offset: int | None, lang: str) -> Keyboard:
    """/news: a "more" button when there are older stories (scope: ticker, theme, or "-" for the watchlist)."""
    if next_offset is None:
        return ()
    return (((t(lang, "btn_more"), callback_data("news", scope, next_offset)),),)


def themes_keyboard(themes: Sequence[str], enabled: Collection[str], lang: str) -> Keyboard:
    """/themes: one toggle per theme (pressing it flips it)."""
    return tuple(
        (
            (
                f"{'✅' if theme in enabled else '⬜'} {theme}",
                callback_data("theme", theme, "off" if theme in enabled else "on"),
            ),
        )
        for theme in themes
    )


def settings_keyboard(lang: str) -> Keyboard:
    """/settings: digest time, time zone, language and notify modes, one row per choice."""
    times = tuple((value, callback_data("dt", value.replace(":", ""))) for value in DIGEST_TIMES)
    zones = [
        (zone.split("/")[-1].replace("_", " "), callback_data("tz", index)) for index, zone in enumerate(COMMON_ZONES)
    ]
    rows: list[tuple[Button, ...]] = [
        (*times, (t(lang, "btn_digest_off"), callback_data("dt", "off"))),
        tuple(zones[:3]),
        tuple(zones[3:]),
        (("English", callback_data("lang", "en")), ("Deutsch", callback_data("lang", "de"))),
    ]
    for kind in NOTIFY_KINDS:
        rows.append(
            tuple((t(lang, f"btn_notify_{kind}_{mode}"), callback_data("nfy", kind, mode)) for mode in NOTIFY_MODES)
        )
    return tuple(rows)
