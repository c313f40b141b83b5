"""Die deutschen Texte: the German table, key for key as bot/messages/en.py (a missing key falls back to
English). Values are escaped by the caller; numbers and dates are formatted by bot/messages/locale.py.
"""

from __future__ import annotations

from bot.messages.chart_texts import DE as CHART_TEXTS_DE
from bot.messages.en import TEXTS as _EN

TEXTS: dict[str, str] = {
    # --- commands (bot/handlers/common.py), news alerts (bot/messages/news.py), lists (bot/messages/lists.py)
    "welcome": (
        "👋 <b>Willkommen bei MinerWatch.</b>\n"
        "Sie folgen jetzt {tickers}, allen Themen, mit einer täglichen Zusammenfassung um 08:00 UTC.\n"
        "Neue Meldungen zu Ihren Minern kommen sofort als Alarm.\n\n"
        "Probieren Sie /watchlist, /miners, /themes oder /help."
    ),
    "welcome_registered": "👋 Dieser Chat ist bereits registriert. Ihre Watchlist: {tickers}.",
    "welcome_back": "👋 Willkommen zurück — dieser Chat ist registriert und erhält wieder Nachrichten. "
    "Ihre Watchlist: {tickers}.",
    "welcome_muted": "🔕 Sofort-Alarme sind stumm bis {until}; die Zusammenfassung listet sie weiter. /unmute "
    "schaltet sie jetzt wieder an.",
    "welcome_miners_muted": "🔕 Einzeln stumm: {mutes}; die Zusammenfassung listet sie weiter. /unmute beendet "
    "jede Stummschaltung.",
    "welcome_miner_muted": "{ticker} bis {until}",
    "help": (
        "<b>MinerWatch-Befehle</b>\n"
        "/watch TICKER… — Miner folgen, z. B. <code>/watch MARA CIFR</code>\n"
        "/unwatch TICKER… — nicht mehr folgen, z. B. <code>/unwatch WULF</code>\n"
        "/watchlist — die Miner dieses Chats\n"
        "/miners — alle Miner, die MinerWatch kennt\n"
        "/themes — Themen und ob sie an sind\n"
        "/theme NAME on|off — z. B. <code>/theme debt_terms off</code>\n"
        "/status TICKER — z. B. <code>/status MARA</code>\n"
        "/chart TICKER|BTC|NETWORK [ZEITRAUM] — z. B. <code>/chart MARA 1y</code> oder "
        "<code>/chart NETWORK hashprice 6m</code>\n"
        "/news [TICKER|THEMA] — z. B. <code>/news CIFR</code> oder <code>/news debt_terms</code>\n"
        "/filings TICKER · /converts TICKER · /deals [TICKER]\n"
        "/alert SUBJEKT METRIK OP WERT — z. B. <code>/alert MARA price &lt; 12</code>\n"
        "/alerts · /delalert ID\n"
        "/digest daily HH:MM | weekly TAG HH:MM | off | now · /tz Europe/Berlin · /lang en|de\n"
        "/notify news|filings|alerts|deals on|silent|off · /mute 2h · /mute MARA 24h · /unmute\n"
        "/settings — die Einstellungen als Knöpfe"
    ),
    "not_registered": "Dieser Chat ist noch nicht registriert. Senden Sie zuerst /start.",
    "chat_inactive": "⏸ Alarme an diesen Chat sind pausiert: eine frühere Nachricht konnte hier nicht zugestellt "
    "werden. Senden Sie /start, um sie wieder einzuschalten (Watchlist und Einstellungen bleiben erhalten).",
    "group_admin_only": "Nur Gruppen-Administratoren können die Einstellungen dieses Chats ändern.",
    "not_registered_group": "Diese Gruppe ist noch nicht registriert. Ein Gruppen-Administrator muss hier zuerst "
    "/start senden; bitten Sie einen darum.",
    "chat_inactive_group": "⏸ Alarme an diese Gruppe sind pausiert: eine frühere Nachricht konnte hier nicht "
    "zugestellt werden. Ein Gruppen-Administrator muss /start senden, um sie wieder einzuschalten (Watchlist und "
    "Einstellungen bleiben erhalten).",
    "start_admin_only": "Diese Gruppe ist bereits registriert. Nur ein Gruppen-Administrator kann /start senden "
    "oder die Einstellungen ändern; /help zeigt die Befehle.",
    "admin_only": "Dieser Befehl ist nur für die Administratoren des Bots.",
    "missing_tickers": "Nennen Sie mindestens einen Miner, zum Beispiel: <code>/{command} MARA CIFR</code>",
    "unknown_tickers": "Unbekannter Ticker {tickers}. Bekannte Miner: {known}.\nBeispiel: <code>/{command} MARA</code>",
    "too_many_args": "Höchstens {limit} Ticker auf einmal, zum Beispiel: <code>/{command} MARA CIFR</code>",
    "watch_added": "✅ Sie folgen jetzt {tickers}.",
    "watch_already": "Sie folgen {tickers} bereits.",
    "unwatch_removed": "✅ Sie folgen {tickers} nicht mehr.",
    "unwatch_not_followed": "Sie folgten {tickers} nicht.",
    "watch_unknown_tickers": "Unbekannter Ticker {tickers}, daher wurde nichts hinzugefügt. Bekannte Miner: "
    "{known}.\nBeispiel: <code>/watch {example}</code>",
    "unwatch_unknown_tickers": "Unbekannter Ticker {tickers}, daher wurde nichts entfernt. Bekannte Miner: "
    "{known}.\nBeispiel: <code>/unwatch {example}</code>",
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
    # --- settings, the /news list and admin commands (bot/handlers/settings.py, bot/messages/news.py, lists.py)
    "lang_usage": "Verwendung: <code>/lang en</code> oder <code>/lang de</code>.",
    "lang_set": "✅ Sprache: Deutsch.",
    "notify_usage": "Verwendung: <code>/notify news|filings|alerts|deals on|silent|off</code>, zum Beispiel "
    "<code>/notify news silent</code> (silent = ohne Benachrichtigungston).",
    "notify_unknown_kind": "Die Art {kind} kenne ich nicht. Arten: {kinds}.\n"
    "Beispiel: <code>/notify news silent</code>",
    "notify_unknown_mode": "Den Modus {mode} kenne ich nicht. Modi: on, silent (ohne Benachrichtigungston) oder "
    "off.\nBeispiel: <code>/notify {kind} silent</code>",
    "notify_set": "✅ {kind}: {mode}.",
    "news_header": "<b>Neueste Meldungen</b> {scope}",
    "news_none": "Noch keine Meldungen {scope}. Neue kommen als Alarm.",
    "news_usage": "Verwendung: <code>/news</code>, <code>/news MARA</code> oder <code>/news debt_terms</code>.",
    "news_unknown": "{word} ist weder ein bekannter Miner (siehe /miners) noch ein Thema. Themen: {themes}.\n"
    "Beispiel: <code>/news MARA</code> oder <code>/news debt_terms</code>",
    "news_did_you_mean": "{word} ist weder ein bekannter Miner noch ein Thema. Meinten Sie das Thema {theme}? "
    "Themen: {themes}.\nBeispiel: <code>/news {theme}</code>",
    # --- digest schedule, time zone, mute (bot/handlers/schedule.py)
    "digest_usage": "Verwendung: <code>/digest daily 08:00</code>, <code>/digest weekly mon 08:00</code>, "
    "<code>/digest off</code> oder <code>/digest now</code> (Zeiten in Ihrer /tz).",
    "digest_bad_time": "{time} ist keine Uhrzeit der Form HH:MM (24-Stunden-Uhr, z. B. 08:00 oder 18:30).\n"
    "Beispiel: <code>{example}</code>",
    "digest_bad_hour": "{time} hat keine Stunde {hour}: Stunden gehen von 00 bis 23 (Mitternacht ist 00:00).\n"
    "Beispiel: <code>{example}</code>",
    "digest_bad_minute": "{time} hat keine Minute {minute}: Minuten gehen von 00 bis 59.\n"
    "Beispiel: <code>{example}</code>",
    "digest_bad_day": "Den Tag {day} kenne ich nicht. Tage: Mo, Di, Mi, Do, Fr, Sa, So oder Montag … Sonntag "
    "(englisch mon … sun geht auch).\nBeispiel: <code>/digest weekly Mo 08:00</code>",
    "digest_set_daily": "✅ Tägliche Zusammenfassung um {at} ({tz}).",
    "digest_set_weekly": "✅ Wöchentliche Zusammenfassung am {day} um {at} ({tz}).",
    "digest_off": "✅ Zusammenfassungen sind aus. Einschalten mit <code>/digest daily 08:00</code>.",
    "digest_now": "✅ Ihre Zusammenfassung ist unterwegs.",
    "tz_usage": "Verwendung: <code>/tz Europe/Berlin</code> (IANA-Zeitzone wie America/New_York oder UTC).",
    "tz_unknown": "Unbekannte Zeitzone {tz}. Beispiel: <code>/tz Europe/Berlin</code>",
    "tz_set": "✅ Zeitzone: {tz}. Zusammenfassungen folgen ihr.",
    "mute_usage": "Verwendung: <code>/mute 2h</code>, oder ein Miner: <code>/mute MARA 24h</code> (1m bis 30d; "
    "m = Minuten, h = Stunden, d = Tage).",
    "mute_bad_duration": "Die Dauer {duration} kann ich nicht lesen: schreiben Sie eine Zahl und m, h oder d "
    "(Minuten, Stunden, Tage), von 1m bis 30d.\nBeispiel: <code>{example}</code>",
    "mute_zero": "{duration} ist keine Dauer: stumm für mindestens 1m.\nBeispiel: <code>{example}</code>",
    "mute_too_long": "{duration} ist zu lang: höchstens {limit}. /unmute beendet die Stummschaltung früher.\n"
    "Beispiel: <code>{example}</code>",
    "mute_unknown_ticker": "Unbekannter Ticker {ticker} (siehe /miners). Einen Miner stumm schalten mit "
    "<code>/mute MARA 24h</code>, alle Sofort-Alarme mit <code>/mute 2h</code>.",
    "muted": "🔕 Sofort-Alarme sind stumm bis {until}; sie erscheinen weiter in der Zusammenfassung. "
    "/unmute beendet das.",
    "unmuted": "🔔 Sofort-Alarme sind wieder an.",
    # --- digests (bot/messages/digest.py)
    "digest_title": "🗞 <b>MinerWatch-Zusammenfassung</b> — {period}",
    "digest_empty": "Seit der letzten Zusammenfassung nichts Neues zu Ihren Minern.",
    "digest_unthemed": "Weitere Meldungen",
    "digest_filings": "SEC-Einreichungen",
    "digest_prices": "Kurse (Veränderung 1 Tag)",
    "digest_market": "BTC {btc} · Hashprice {hashprice} USD/PH/Tag",
    "digest_alerts": "Ausgelöste Alarme",
    "digest_more": "… und {count} weitere",
    # --- alert rules (bot/messages/rules.py)
    "rule_example": "Beispiel: <code>{example}</code>",
    "rule_err_empty": "Sagen Sie mir, was ich beobachten soll: <code>/alert SUBJEKT METRIK OP WERT "
    "[cooldown=DAUER] [once] [until=JJJJ-MM-TT]</code>.",
    "rule_err_too_long": "Dieser Alarm ist zu lang: höchstens {limit} Zeichen.",
    "rule_err_incomplete": "Dieser Alarm ist unvollständig: es fehlt {missing}. "
    "Ein Alarm lautet SUBJEKT METRIK OP WERT.",
    "rule_err_unknown_subject": "{word} kenne ich nicht. Das Subjekt ist der Ticker eines Miners, den MinerWatch "
    "kennt ({tickers}), BTC oder NETWORK.",
    "rule_err_unknown_metric": "Die Metrik {word} kenne ich nicht. {subject} hat: {metrics}.",
    "rule_err_metric_not_for_subject": "{subject} hat kein {word}; seine Metriken sind: {metrics}.",
    "rule_err_unknown_op": "Den Vergleich {word} kenne ich nicht. Verwenden Sie &lt; &lt;= &gt; &gt;= oder crosses.",
    "rule_err_bad_value": "Den Wert {word} kann ich nicht lesen. Schreiben Sie eine Zahl wie 12, 12.5, 120k oder "
    "1.2m (Punkt als Dezimalzeichen, keine Tausendertrennzeichen).",
    "rule_err_percent_not_allowed": "{metric} ist kein Prozentwert: lassen Sie das % nach {word} weg.",
    "rule_err_not_positive": "{metric} muss größer als null sein, nicht {word}.",
    "rule_err_out_of_range": "{word} liegt außerhalb des Bereichs für {metric}.",
    "rule_err_unknown_option": "Die Option {word} kenne ich nicht. Optionen: cooldown=DAUER (90s, 5m, 1h, 1d), "
    "once, until=JJJJ-MM-TT.",
    "rule_err_duplicate_option": "{word} steht doppelt da.",
    "rule_err_bad_cooldown": "Die Pause {word} kann ich nicht lesen: schreiben Sie 90s, 5m, 1h oder 1d, höchstens 30d.",
    "rule_err_bad_until": "{word} ist kein Datum: schreiben Sie until=JJJJ-MM-TT.",
    "rule_err_until_past": "until={word} muss nach heute ({today}) liegen.",
    "rule_err_until_too_far": "until={word} liegt zu weit in der Zukunft: höchstens {limit}.",
    "rule_err_no_number": "Welcher Alarm? Nennen Sie seine Nummer; /alerts zeigt Ihre Alarme mit ihren Nummern.",
    "rule_err_bad_number": "{word} ist keine Alarmnummer. /alerts zeigt Ihre Alarme mit ihren Nummern.",
    "rule_err_too_many": "Dieser Chat hat bereits {limit} Alarme, das Maximum. /alerts zeigt sie; löschen Sie "
    "zuerst einen mit <code>/delalert ID</code>.",
    "rule_missing_parts": "SUBJEKT|METRIK|OP|WERT",
    "rule_metric_price": "Kurs",
    "rule_metric_change": "Tagesänderung",
    "rule_metric_conv_distance": "Abstand zum Wandlungspreis",
    "rule_metric_hashprice": "Hashprice",
    "rule_metric_difficulty": "Difficulty",
    "rule_metric_hashrate": "Hashrate",
    "rule_subject_network": "Netzwerk",
    "rule_op_crosses": "kreuzt",
    "rule_cooldown": "Pause {duration}",
    "rule_no_cooldown": "ohne Pause",
    "rule_once": "einmalig",
    "rule_until": "bis {date}",
    "rule_saved": "✅ Alarm #{number} gespeichert: {rule}\nAlle mit /alerts, löschen mit "
    "<code>/delalert {number}</code>.",
    "rule_exists": "Diesen Alarm hat der Chat bereits: #{number} {rule}\nNichts wurde hinzugefügt. Alle mit "
    "/alerts, löschen mit <code>/delalert {number}</code>.",
    "rule_no_notes": "ℹ️ MinerWatch kennt noch keine laufende Wandelanleihe von {ticker} mit Wandlungspreis; dieser "
    "Alarm misst daher noch nichts und beginnt, sobald eine aus einem 8-K erfasst ist (/converts {ticker}).",
    "rule_list_twin": "(wie #{first}, der allein auslöst; <code>/delalert {number}</code> entfernt diese Kopie)",
    "rule_deleted": "🗑 Alarm #{number} gelöscht: {rule}",
    "rule_not_found": "Dieser Chat hat keinen Alarm #{number}. /alerts zeigt Ihre Alarme.",
    "rule_list_header": "<b>Ihre Alarme</b> ({count} von {limit}):",
    "rule_list_footer": "Löschen mit <code>/delalert ID</code>.",
    "rule_list_empty": "Noch keine Alarme. Beispiel: <code>/alert MARA price &lt; 12</code>",
    "rule_alert_title": "🔔 <b>Alarm #{number}</b>: {rule}",
    "rule_now": "jetzt {value}",
    "rule_once_deleted": "Einmaliger Alarm: er ist jetzt gelöscht.",
    # --- SEC filings, convertible notes, the /status card (bot/messages/filings.py, converts.py, status.py)
    "sec_filed_title": "📄 <b>Neues {form} von ${ticker}</b>",
    "sec_filed_on": "Eingereicht am {filed}",
    "sec_filed_accepted": "Eingereicht am {filed}, angenommen {accepted}",
    "sec_read_filing": "Zum Dokument",
    "sec_all_documents": "Alle Dokumente",
    "sec_press_release": "Pressemitteilung",
    "sec_kind_convertible": "Wandelanleihen",
    "sec_kind_exchangeable": "Umtauschanleihen",
    "sec_note_title_announced": "💵 <b>${ticker} plant {principal} in {kind}</b>",
    "sec_note_title_priced": "💵 <b>${ticker} hat {principal} in {kind} platziert</b>",
    "sec_note_title_closed": "💵 <b>${ticker} hat {principal} in {kind} abgeschlossen</b>",
    "sec_note_title_bare": "💵 <b>${ticker}: Angebot von {kind}</b>",
    "sec_note_principal": "Nennbetrag: {principal}",
    "sec_note_upsized": " (aufgestockt)",
    "sec_note_option": " + Option der Erwerber über weitere {option}",
    "sec_note_coupon": "Kupon: {coupon}",
    "sec_note_maturity": "Fällig: {maturity}",
    "sec_note_due": "fällig {maturity}",
    "sec_note_matured": " (fällig geworden)",
    "sec_note_terms_pending": "Kupon und Wandlungsbedingungen werden bei der Platzierung festgelegt.",
    "sec_note_rate": "{rate} Aktien je 1.000 $",
    "sec_note_price": "{price} je Aktie",
    "sec_note_conversion": "Wandlung: {terms}",
    "sec_note_premium_over": ", {premium} Aufschlag auf {reference}",
    "sec_note_premium": ", {premium} Aufschlag",
    "sec_note_cap": "Capped Call: Obergrenze {cap} je Aktie (gleicht Verwässerung bis zu diesem Kurs aus)",
    "sec_note_dilution_pct": "Volle Wandlung: +{shares} Aktien = {pct} von {outstanding} ausstehenden (Stand {as_of})",
    "sec_note_dilution": "Volle Wandlung: +{shares} Aktien",
    "sec_note_dilution_option": "; +{shares} mit der Option",
    "sec_note_distance": "Abstand zum Wandlungspreis: {distance} (letzter Kurs {price}, {when})",
    "sec_note_other_series": "Außerdem in diesem Angebot: {series}",
    "sec_note_other_series_bare": "eine zweite Serie von Wandelanleihen",
    "sec_note_proceeds": "Verwendung des Erlöses: {text}",
    "sec_filings_header": "📄 <b>${ticker} — neueste SEC-Einreichungen</b>",
    "sec_filings_none": "Noch keine SEC-Einreichungen von ${ticker} gespeichert. Der SEC-Watcher erfasst sie bei "
    "seinem ersten Abruf, der die SEC erreicht: er braucht <code>sec.user_agent</code>, und /stats zeigt "
    "Administratoren, ob er scheitert.",
    "sec_converts_header": "💵 <b>${ticker} — Wandelanleihen</b>",
    "sec_converts_none": "Noch keine Wandelanleihen von ${ticker} bekannt. MinerWatch liest sie aus den "
    "Pressemitteilungen neuer 8-K-Einreichungen.",
    "sec_context_price": "Letzter Kurs {price} ({when})",
    "sec_context_no_price": "Noch kein Kurs",
    "sec_context_shares": "{shares} ausstehende Aktien (Stand {as_of})",
    "sec_context_no_shares": "ausstehende Aktien noch unbekannt",
    "sec_status_announced": "angekündigt",
    "sec_status_priced": "platziert",
    "sec_status_closed": "abgeschlossen",
    "sec_list_conversion": "Wandlung {price}",
    "sec_list_no_conversion": "Wandlungspreis noch offen",
    "sec_list_distance": "Abstand {distance}",
    "sec_list_dilution": "Verwässerung {pct}",
    "sec_list_new_shares": "+{shares} Aktien",
    "sec_list_cap": "Obergrenze {cap}",
    "sec_term_sources": "Bedingungen: {sources}",
    "sec_term_release": "Meldung zur {stage} vom {filed}",
    "sec_stage_launch": "Ankündigung",
    "sec_stage_pricing": "Platzierung",
    "sec_stage_closing": "Abwicklung",
    "sec_stage_unknown": "8-K",
    "sec_term_principal_usd": "Nennbetrag",
    "sec_term_option_usd": "Option",
    "sec_term_coupon_pct": "Kupon",
    "sec_term_maturity": "Fälligkeit",
    "sec_term_conversion_rate": "Wandlungsverhältnis",
    "sec_term_conversion_price_usd": "Wandlungspreis",
    "sec_term_premium_pct": "Prämie",
    "sec_term_reference_price_usd": "Referenzkurs",
    "sec_term_cap_price_usd": "Cap-Kurs",
    "sec_converts_total_pct": "Alle ausstehenden Anleihen: bis zu +{shares} Aktien = {pct} der heutigen Anzahl",
    "sec_converts_total": "Alle ausstehenden Anleihen: bis zu +{shares} Aktien",
    "sec_card_title": "📊 <b>${ticker} — {name}</b>",
    "sec_card_price": "Kurs: {price} ({change} 1 Tag) · {when}",
    "sec_card_no_price": "Kurs: noch keiner",
    "sec_card_btc": "BTC {price} ({change} 1 Tag)",
    "sec_card_hashprice": "Hashprice {hashprice} USD/PH/Tag",
    "sec_card_notes": "<b>Wandelanleihen</b>",
    "sec_card_filings": "<b>Neueste Einreichungen</b>",
    "sec_card_news": "<b>Neueste Meldungen mit Thema</b>",
    "sec_card_none": "—",
    "sec_usage": "Nennen Sie einen Miner, zum Beispiel <code>/{command} CIFR</code>.",
    # --- Knöpfe (bot/messages/keyboards.py) und ihre Antworten (bot/handlers/buttons.py)
    "btn_status": "📊 Status",
    "btn_mute": "🔕 {ticker} {hours} h stumm",
    "btn_unwatch": "Entfolgen",
    "btn_delete_rule": "🗑 #{number}",
    "btn_confirm_delete": "🗑 Ja, #{number} löschen",
    "btn_cancel": "Abbrechen",
    "btn_remove": "✖ {ticker}",
    "btn_more": "Mehr ▸",
    "btn_digest_off": "Zusammenfassung aus",
    "btn_notify_news_on": "News 🔔",
    "btn_notify_news_silent": "News 🔈",
    "btn_notify_news_off": "News ✖",
    "btn_notify_filings_on": "Einreichungen 🔔",
    "btn_notify_filings_silent": "Einreichungen 🔈",
    "btn_notify_filings_off": "Einreichungen ✖",
    "btn_notify_alerts_on": "Alarme 🔔",
    "btn_notify_alerts_silent": "Alarme 🔈",
    "btn_notify_alerts_off": "Alarme ✖",
    "cb_stale": "Dieser Knopf ist veraltet.",
    "cb_not_allowed": "Nur Gruppenadministratoren können die Einstellungen dieses Chats ändern.",
    "cb_slow_down": "Zu viele Klicks — bitte {wait} warten.",
    "cb_done": "Erledigt.",
    "cb_muted": "🔕 {ticker} stumm bis {until}",
    "cb_muted_text": "🔕 Sofort-Alarme zu {ticker} sind stumm bis {until}; die Zusammenfassung listet sie weiter.",
    "cb_unwatched": "✅ Sie folgen {ticker} nicht mehr.",
    "cb_delete_confirm": "Alarm #{number} löschen? {rule}",
    "cb_delete_cancelled": "Nichts gelöscht.",
    "rules_buttons_hint": "Tippen Sie auf 🗑, um einen Alarm zu löschen.",
    "watchlist_add_hint": "Hinzufügen mit <code>/watch TICKER</code>, z. B. <code>/watch {example}</code>.",
    "settings_menu": (
        "⚙️ <b>Einstellungen</b>\n"
        "Zusammenfassung: {digest} · Zeitzone: {tz} · Sprache: {language}\n"
        "Benachrichtigungen: News {news}, Einreichungen {filings}, Alarme {alerts}, Deals {deals}\n"
        "Tippen zum Ändern; andere Werte per Befehl: /digest, /tz, /lang, /notify."
    ),
    "settings_digest_daily": "täglich um {at}",
    "settings_digest_weekly": "wöchentlich, {day} um {at}",
    "settings_mode_on": "an",
    "settings_mode_silent": "leise",
    "settings_mode_off": "aus",
    "language_name": "Deutsch",
    "deep_link_watch": "✅ Sie folgen jetzt {tickers}.",
    # --- KI/HPC-Deals (bot/messages/deals.py)
    "deal_kind_lease": "KI/HPC-Mietvertrag",
    "deal_kind_cloud": "KI-Cloud-Vertrag",
    "deal_kind_hardware": "GPU-Kauf",
    "deal_kind_acquisition": "Übernahme für KI/HPC",
    "deal_kind_partnership": "KI/HPC-Partnerschaft",
    "deal_kind_non_binding": "unverbindliche Absichtserklärung (nicht gezählt)",
    "deal_unnamed": "ein ungenannter Partner",
    "deal_value_over": "{value} über {years} Jahre",
    "deal_years": "{years} Jahre",
    "deal_gpus": "{count} {model}-GPUs",
    "deal_expanded": "erweitert: {what}",
    "deal_changed": "Bedingungen geändert: {what}",
    "deal_field_kind": "Art",
    "deal_field_mw": "Leistung",
    "deal_field_mw_gross": "Bruttoleistung",
    "deal_field_contract_value_usd": "Wert",
    "deal_field_term_years": "Laufzeit",
    "deal_field_gpu_count": "GPUs",
    "deal_field_counterparty": "Partner",
    "deal_field_counterparty_phrase": "Partner",
    "deal_field_backstop": "Garant",
    "deal_field_site": "Standort",
    "deal_field_gpu_model": "GPU-Modell",
    "deal_rollup_one": "{terms} vertraglich gebunden in {count} Deal",
    "deal_rollup_other": "{terms} vertraglich gebunden in {count} Deals",
    "deal_rollup_bare_one": "{count} unterzeichneter Deal",
    "deal_rollup_bare_other": "{count} unterzeichnete Deals",
    "deal_mw_not_stated": "(MW nicht angegeben)",
    "deal_value_not_stated": "(Wert nicht angegeben)",
    "deal_figures_not_stated": "(MW und Wert nicht angegeben)",
    "deal_rollup_none": "noch keine unterzeichneten KI/HPC-Deals bekannt",
    "deal_counterparties": "Partner: {names}",
    "deal_sites": "Standorte: {names}",
    "deal_sources_one": "{count} Quelle",
    "deal_sources_other": "{count} Quellen",
    "deal_list_header": "🏗 <b>${ticker} — KI/HPC-Deals</b>",
    "deal_list_none": "Noch keine KI/HPC-Deals von ${ticker} bekannt. MinerWatch liest sie aus Meldungen und den "
    "Pressemitteilungen der 8-K-Einreichungen.",
    "deal_league_header": "🏗 <b>KI/HPC-Deals Ihrer Beobachtungsliste</b> (vertragliche MW und Werte, wie angegeben)",
    "deal_league_hint": "Die Deals eines Miners: <code>/deals IREN</code>",
    "deal_card_title": "<b>KI/HPC-Deals</b>",
    "deal_card_latest": "Zuletzt: {deal}",
    "digest_deals": "KI/HPC-Deals",
    "deals_usage": "Nennen Sie einen oder keinen Miner, zum Beispiel <code>/deals IREN</code> oder "
    "<code>/deals</code>.",
    # --- charts: bot/messages/chart_texts.py
    **CHART_TEXTS_DE,
}
