"""The command menu in German: Telegram shows it to users whose app is set to German."""

from __future__ import annotations

#: The command menu in German (setMyCommands with language_code="de"); a command missing here shows its English
#: description (the handler's docstring).
COMMAND_MENU: dict[str, str] = {
    "start": "Chat anmelden (vier Miner, alle Themen, tägliche Zusammenfassung)",
    "help": "Die Befehle mit je einem Beispiel",
    "watch": "Minern folgen: /watch MARA CIFR",
    "unwatch": "Minern nicht mehr folgen: /unwatch WULF",
    "watchlist": "Die Miner, denen dieser Chat folgt",
    "miners": "Alle Miner, die MinerWatch kennt",
    "themes": "Die fünf Themen und ob sie an sind",
    "theme": "Ein Thema an- oder ausschalten: /theme debt_terms off",
    "lang": "Sprache: /lang en oder /lang de",
    "notify": "Wie Meldungen ankommen: /notify news silent",
    "news": "Neueste Meldungen: /news, /news MARA",
    "stats": "Abonnenten, Quellen, Warteschlange (nur Admins)",
    "broadcast": "Nachricht an alle Chats (nur Admins)",
    "digest": "Zusammenfassung: /digest daily 08:00",
    "tz": "Zeitzone: /tz Europe/Berlin",
    "mute": "Sofort-Alarme pausieren: /mute 2h",
    "unmute": "Pause beenden",
    "alert": "Schwellen-Alarm: /alert MARA price < 12",
    "alerts": "Die Alarme dieses Chats",
    "delalert": "Einen Alarm löschen: /delalert 3",
    "status": "Karte eines Miners: /status MARA",
    "filings": "Neueste SEC-Einreichungen: /filings CIFR",
    "converts": "Wandelanleihen eines Miners: /converts CIFR",
    "settings": "Einstellungen als Menü",
    "deals": "KI/HPC-Deals: /deals IREN oder /deals",
    "chart": "Chart: /chart MARA 1y, /chart BTC 30d",
}
