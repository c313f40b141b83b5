"""User-facing texts in English and German. `t(lang, key, **values)`; values are escaped by the caller."""

from __future__ import annotations

LANGUAGES = ("en", "de")

_EN: dict[str, str] = {
    "welcome": (
        "👋 <b>Welcome to MinerWatch.</b>\n"
        "You now follow {tickers}, all themes, with a daily digest at 08:00 UTC.\n"
        "New items about your miners arrive as instant alerts.\n\n"
        "Try /watchlist, /miners, /themes or /help."
    ),
    "welcome_back": "👋 Welcome back — alerts to this chat are on again. Your watchlist: {tickers}.",
    "help": (
        "<b>MinerWatch commands</b>\n"
        "/watch TICKER… — follow miners, e.g. <code>/watch MARA CIFR</code>\n"
        "/unwatch TICKER… — stop following, e.g. <code>/unwatch WULF</code>\n"
        "/watchlist — the miners this chat follows\n"
        "/miners — every miner MinerWatch knows\n"
        "/themes — themes and whether they are on\n"
        "/theme NAME on|off — e.g. <code>/theme debt_terms off</code>\n"
        "/status TICKER — e.g. <code>/status MARA</code>\n"
        "/news [TICKER|THEME] — e.g. <code>/news CIFR</code> or <code>/news debt_terms</code>\n"
        "/filings TICKER · /converts TICKER\n"
        "/alert SUBJECT METRIC OP VALUE — e.g. <code>/alert MARA price &lt; 12</code>\n"
        "/alerts · /delalert ID\n"
        "/digest daily HH:MM | weekly DAY HH:MM | off | now · /tz Europe/Berlin · /lang en|de\n"
        "/notify news|filings|alerts on|silent|off · /mute 2h · /unmute"
    ),
    "not_registered": "This chat is not registered yet. Send /start first.",
    "chat_inactive": "⏸ Alerts to this chat are paused: an earlier message could not be delivered here. "
    "Send /start to turn them on again (your watchlist and settings are kept).",
    "group_admin_only": "Only group administrators can change this chat's settings.",
    "admin_only": "This command is for the bot's administrators only.",
    "missing_tickers": "Name at least one miner, for example: <code>/{command} MARA CIFR</code>",
    "unknown_tickers": "Unknown ticker {tickers}. Known miners: {known}.\nExample: <code>/{command} MARA</code>",
    "too_many_args": "At most {limit} tickers at once, for example: <code>/{command} MARA CIFR</code>",
    "watch_added": "✅ Now following {tickers}.",
    "watch_already": "You already follow {tickers}.",
    "unwatch_removed": "✅ Stopped following {tickers}.",
    "unwatch_not_followed": "You did not follow {tickers}.",
    "watchlist": "<b>Your watchlist</b>: {tickers}",
    "watchlist_empty": "Your watchlist is empty. Add miners with <code>/watch MARA</code>.",
    "miners_header": "<b>Miners MinerWatch follows</b> (ticker — name):",
    "themes_header": "<b>Themes</b> (turn one off with <code>/theme debt_terms off</code>):",
    "theme_usage": "Usage: <code>/theme NAME on|off</code>, for example <code>/theme debt_terms off</code>.\n"
    "Themes: {themes}",
    "theme_unknown": "Unknown theme {name}. Themes: {themes}.\nExample: <code>/theme debt_terms off</code>",
    "theme_set": "✅ Theme {name} is now {state}.",
    "on": "on",
    "off": "off",
    "themes_label": "Themes",
    "no_theme": "no theme",
    "source_label": "Source",
    "also_reported": "also reported by {names}",
    "read_more": "Read",
    "error_generic": "Sorry, something went wrong on our side. The team has been told. Try again in a minute.",
    "unknown_command": "I don't know that command. Send /help for the list, for example <code>/watch MARA</code>.",
    "slow_down": "⏳ Slow down: too many commands from this chat. I answer again in {wait}.",
    "cooldown": "⏳ <code>/{command}</code> was answered a moment ago; ask again in {wait}.",
    "console_banner": "No TELEGRAM_BOT_TOKEN set: running in console mode — every alert and digest is printed "
    "here as it would be sent.",
}

_DE: dict[str, str] = {
    "welcome": (
        "👋 <b>Willkommen bei MinerWatch.</b>\n"
        "Sie folgen jetzt {tickers}, allen Themen, mit einer täglichen Zusammenfassung um 08:00 UTC.\n"
        "Neue Meldungen zu Ihren Minern kommen sofort als Alarm.\n\n"
        "Probieren Sie /watchlist, /miners, /themes oder /help."
    ),
    "welcome_back": "👋 Willkommen zurück — Alarme an diesen Chat sind wieder an. Ihre Watchlist: {tickers}.",
    "help": (
        "<b>MinerWatch-Befehle</b>\n"
        "/watch TICKER… — Miner folgen, z. B. <code>/watch MARA CIFR</code>\n"
        "/unwatch TICKER… — nicht mehr folgen, z. B. <code>/unwatch WULF</code>\n"
        "/watchlist — die Miner dieses Chats\n"
        "/miners — alle Miner, die MinerWatch kennt\n"
        "/themes — Themen und ob sie an sind\n"
        "/theme NAME on|off — z. B. <code>/theme debt_terms off</code>\n"
        "/status TICKER — z. B. <code>/status MARA</code>\n"
        "/news [TICKER|THEMA] — z. B. <code>/news CIFR</code> oder <code>/news debt_terms</code>\n"
        "/filings TICKER · /converts TICKER\n"
        "/alert SUBJEKT METRIK OP WERT — z. B. <code>/alert MARA price &lt; 12</code>\n"
        "/alerts · /delalert ID\n"
        "/digest daily HH:MM | weekly TAG HH:MM | off | now · /tz Europe/Berlin · /lang en|de\n"
        "/notify news|filings|alerts on|silent|off · /mute 2h · /unmute"
    ),
    "not_registered": "Dieser Chat ist noch nicht registriert. Senden Sie zuerst /start.",
    "chat_inactive": "⏸ Alarme an diesen Chat sind pausiert: eine frühere Nachricht konnte hier nicht zugestellt "
    "werden. Senden Sie /start, um sie wieder einzuschalten (Watchlist und Einstellungen bleiben erhalten).",
    "group_admin_only": "Nur Gruppen-Administratoren können die Einstellungen dieses Chats ändern.",
    "admin_only": "Dieser Befehl ist nur für die Administratoren des Bots.",
    "missing_tickers": "Nennen Sie mindestens einen Miner, zum Beispiel: <code>/{command} MARA CIFR</code>",
    "unknown_tickers": "Unbekannter Ticker {tickers}. Bekannte Miner: {known}.\nBeispiel: <code>/{command} MARA</code>",
    "too_many_args": "Höchstens {limit} Ticker auf einmal, zum Beispiel: <code>/{command} MARA CIFR</code>",
    "watch_added": "✅ Sie folgen jetzt {tickers}.",
    "watch_already": "Sie folgen {tickers} bereits.",
    "unwatch_removed": "✅ Sie folgen {tickers} nicht mehr.",
    "unwatch_not_followed": "Sie folgten {tickers} nicht.",
    "watchlist": "<b>Ihre Watchlist</b>: {tickers}",
    "watchlist_empty": "Ihre Watchlist ist leer. Fügen Sie Miner mit <code>/watch MARA</code> hinzu.",
    "miners_header": "<b>Miner, denen MinerWatch folgt</b> (Ticker — Name):",
    "themes_header": "<b>Themen</b> (ausschalten mit <code>/theme debt_terms off</code>):",
    "theme_usage": "Verwendung: <code>/theme NAME on|off</code>, zum Beispiel <code>/theme debt_terms off</code>.\n"
    "Themen: {themes}",
    "theme_unknown": "Unbekanntes Thema {name}. Themen: {themes}.\nBeispiel: <code>/theme debt_terms off</code>",
    "theme_set": "✅ Thema {name} ist jetzt {state}.",
    "on": "an",
    "off": "aus",
    "themes_label": "Themen",
    "no_theme": "kein Thema",
    "source_label": "Quelle",
    "also_reported": "auch gemeldet von {names}",
    "read_more": "Lesen",
    "error_generic": "Entschuldigung, bei uns ist etwas schiefgelaufen. Das Team ist informiert. "
    "Versuchen Sie es in einer Minute erneut.",
    "unknown_command": "Diesen Befehl kenne ich nicht. /help zeigt die Liste, zum Beispiel <code>/watch MARA</code>.",
    "slow_down": "⏳ Langsamer bitte: zu viele Befehle aus diesem Chat. Ich antworte wieder in {wait}.",
    "cooldown": "⏳ <code>/{command}</code> wurde gerade beantwortet; fragen Sie in {wait} wieder.",
    "console_banner": _EN["console_banner"],
}

_TEXTS = {"en": _EN, "de": _DE}


def register_texts(lang: str, texts: dict[str, str]) -> None:
    """Add texts for a feature module (e.g. alerts, filings); keys must not collide."""
    _TEXTS[lang].update(texts)


def t(lang: str, key: str, **values: object) -> str:
    """The text `key` in `lang` (English when missing), formatted with already-escaped values."""
    table = _TEXTS.get(lang, _EN)
    template = table.get(key) or _EN[key]
    return template.format(**values) if values else template
