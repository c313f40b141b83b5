"""The English texts: every string a chat reads, one table (`bot.messages.texts.t` looks keys up here).

Values are escaped by the caller. 8-K item headings stay in English in both languages: they are the SEC's
official names, which investors search for. Admin-only texts (/stats, /broadcast) exist in English only.
"""

from __future__ import annotations

from bot.messages.chart_texts import EN as CHART_TEXTS_EN

TEXTS: dict[str, str] = {
    # --- commands (bot/handlers/common.py), news alerts (bot/messages/news.py), lists (bot/messages/lists.py)
    "welcome": (
        "👋 <b>Welcome to MinerWatch.</b>\n"
        "You now follow {tickers}, all themes, with a daily digest at 08:00 UTC.\n"
        "New items about your miners arrive as instant alerts.\n\n"
        "Try /watchlist, /miners, /themes or /help."
    ),
    "welcome_registered": "👋 This chat is registered already. Your watchlist: {tickers}.",
    "welcome_back": "👋 Welcome back — this chat is registered and receives messages again. Your watchlist: {tickers}.",
    "welcome_muted": "🔕 Instant alerts are muted until {until}; your digest still lists them. /unmute turns them "
    "on now.",
    "welcome_miners_muted": "🔕 Muted one by one: {mutes}; your digest still lists them. /unmute ends every mute.",
    "welcome_miner_muted": "{ticker} until {until}",
    "help": (
        "<b>MinerWatch commands</b>\n"
        "/watch TICKER… — follow miners, e.g. <code>/watch MARA CIFR</code>\n"
        "/unwatch TICKER… — stop following, e.g. <code>/unwatch WULF</code>\n"
        "/watchlist — the miners this chat follows\n"
        "/miners — every miner MinerWatch knows\n"
        "/themes — themes and whether they are on\n"
        "/theme NAME on|off — e.g. <code>/theme debt_terms off</code>\n"
        "/status TICKER — e.g. <code>/status MARA</code>\n"
        "/chart SUBJECT [RANGE] — e.g. <code>/chart MARA 1y</code> or <code>/chart NETWORK hashprice 6m</code>\n"
        "/news [TICKER|THEME] — e.g. <code>/news CIFR</code> or <code>/news debt_terms</code>\n"
        "/filings TICKER · /converts TICKER · /deals [TICKER]\n"
        "/alert SUBJECT METRIC OP VALUE — e.g. <code>/alert MARA price &lt; 12</code>\n"
        "/alerts · /delalert ID\n"
        "/digest daily HH:MM | weekly DAY HH:MM | off | now · /tz Europe/Berlin · /lang en|de\n"
        "/notify news|filings|alerts|deals on|silent|off · /mute 2h · /mute MARA 24h · /unmute\n"
        "/settings — the settings as buttons"
    ),
    "not_registered": "This chat is not registered yet. Send /start first.",
    "chat_inactive": "⏸ Alerts to this chat are paused: an earlier message could not be delivered here. "
    "Send /start to turn them on again (your watchlist and settings are kept).",
    "group_admin_only": "Only group administrators can change this chat's settings.",
    "not_registered_group": "This group is not registered yet. A group administrator has to send /start here "
    "first; ask one of them.",
    "chat_inactive_group": "⏸ Alerts to this group are paused: an earlier message could not be delivered here. "
    "A group administrator has to send /start to turn them on again (the watchlist and settings are kept).",
    "start_admin_only": "This group is registered already. Only a group administrator can send /start or change "
    "its settings; /help lists the commands.",
    "admin_only": "This command is for the bot's administrators only.",
    "missing_tickers": "Name at least one miner, for example: <code>/{command} MARA CIFR</code>",
    "unknown_tickers": "Unknown ticker {tickers}. Known miners: {known}.\nExample: <code>/{command} MARA</code>",
    "too_many_args": "At most {limit} tickers at once, for example: <code>/{command} MARA CIFR</code>",
    "watch_added": "✅ Now following {tickers}.",
    "watch_already": "You already follow {tickers}.",
    "unwatch_removed": "✅ Stopped following {tickers}.",
    "unwatch_not_followed": "You did not follow {tickers}.",
    "watch_unknown_tickers": "Unknown ticker {tickers}, so nothing was added. Known miners: {known}.\n"
    "Example: <code>/watch {example}</code>",
    "unwatch_unknown_tickers": "Unknown ticker {tickers}, so nothing was removed. Known miners: {known}.\n"
    "Example: <code>/unwatch {example}</code>",
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
    # --- settings, the /news list and admin commands (bot/handlers/settings.py, bot/messages/news.py, lists.py)
    "lang_usage": "Usage: <code>/lang en</code> or <code>/lang de</code>.",
    "lang_set": "✅ Language: English.",
    "notify_usage": "Usage: <code>/notify news|filings|alerts|deals on|silent|off</code>, for example "
    "<code>/notify news silent</code> (silent = no notification sound).",
    "notify_unknown_kind": "I don't know the kind {kind}. Kinds: {kinds}.\nExample: <code>/notify news silent</code>",
    "notify_unknown_mode": "I don't know the mode {mode}. Modes: on, silent (no notification sound) or off.\n"
    "Example: <code>/notify {kind} silent</code>",
    "notify_set": "✅ {kind}: {mode}.",
    "news_header": "<b>Latest news</b> {scope}",
    "news_none": "No stories yet {scope}. New ones arrive as alerts.",
    "news_usage": "Usage: <code>/news</code>, <code>/news MARA</code> or <code>/news debt_terms</code>.",
    "news_unknown": "{word} is neither a miner I know (see /miners) nor a theme. Themes: {themes}.\n"
    "Example: <code>/news MARA</code> or <code>/news debt_terms</code>",
    "news_did_you_mean": "{word} is neither a miner I know nor a theme. Did you mean the theme {theme}? "
    "Themes: {themes}.\nExample: <code>/news {theme}</code>",
    "stats": "<b>MinerWatch stats</b>\nActive chats: {chats} (inactive: {inactive})\n"
    "Sources: {sources} ({failing} failing)\nOutbox: {outbox}",
    "stats_failing": "Failing: {names}",
    "broadcast_usage": "Usage: <code>/broadcast TEXT</code>, for example <code>/broadcast Maintenance at 20:00 UTC"
    "</code> (at most {limit} characters; sent as typed, so tags such as &lt;b&gt; show as text).",
    "broadcast_queued": "✅ Broadcast queued for {count} chats, as typed (no formatting applied).",
    # --- digest schedule, time zone, mute (bot/handlers/schedule.py)
    "digest_usage": "Usage: <code>/digest daily 08:00</code>, <code>/digest weekly mon 08:00</code>, "
    "<code>/digest off</code> or <code>/digest now</code> (times in your /tz).",
    "digest_bad_time": "{time} is not a time in HH:MM form (24-hour clock, e.g. 08:00 or 18:30).\n"
    "Example: <code>{example}</code>",
    "digest_bad_hour": "{time} has no hour {hour}: hours run from 00 to 23 (midnight is 00:00).\n"
    "Example: <code>{example}</code>",
    "digest_bad_minute": "{time} has no minute {minute}: minutes run from 00 to 59.\nExample: <code>{example}</code>",
    "digest_bad_day": "I don't know the day {day}. Days: mon, tue, wed, thu, fri, sat, sun (or the full names; "
    "German Mo, Di, Mi, Do, Fr, Sa, So work too).\nExample: <code>/digest weekly mon 08:00</code>",
    "digest_set_daily": "✅ Daily digest at {at} ({tz}).",
    "digest_set_weekly": "✅ Weekly digest on {day} at {at} ({tz}).",
    "digest_off": "✅ Digests are off. Turn them on with <code>/digest daily 08:00</code>.",
    "digest_now": "✅ Your digest is on its way.",
    "tz_usage": "Usage: <code>/tz Europe/Berlin</code> (an IANA time zone name such as America/New_York or UTC).",
    "tz_unknown": "Unknown time zone {tz}. Example: <code>/tz Europe/Berlin</code>",
    "tz_set": "✅ Time zone: {tz}. Digests follow it.",
    "mute_usage": "Usage: <code>/mute 2h</code>, or one miner: <code>/mute MARA 24h</code> "
    "(from 1m to 30d; m = minutes, h = hours, d = days).",
    "mute_bad_duration": "I can't read the duration {duration}: write a number and m, h or d (minutes, hours, "
    "days), from 1m to 30d.\nExample: <code>{example}</code>",
    "mute_zero": "{duration} is no time at all: mute for at least 1m.\nExample: <code>{example}</code>",
    "mute_too_long": "{duration} is too long: at most {limit}. /unmute ends a mute early.\n"
    "Example: <code>{example}</code>",
    "mute_unknown_ticker": "Unknown ticker {ticker} (see /miners). Mute one miner with <code>/mute MARA 24h</code>, "
    "or all instant alerts with <code>/mute 2h</code>.",
    "muted": "🔕 Instant alerts are muted until {until}; they still appear in your digest. /unmute ends it.",
    "unmuted": "🔔 Instant alerts are on again.",
    # --- digests (bot/messages/digest.py)
    "digest_title": "🗞 <b>MinerWatch digest</b> — {period}",
    "digest_empty": "Nothing new about your miners since the last digest.",
    "digest_unthemed": "Other news",
    "digest_filings": "SEC filings",
    "digest_prices": "Prices (1-day change)",
    "digest_market": "BTC {btc} · hashprice {hashprice} USD/PH/day",
    "digest_alerts": "Your alerts that fired",
    "digest_more": "… and {count} more",
    # --- alert rules (bot/messages/rules.py)
    "rule_example": "Example: <code>{example}</code>",
    "rule_err_empty": "Tell me what to watch: <code>/alert SUBJECT METRIC OP VALUE [cooldown=DUR] [once] "
    "[until=YYYY-MM-DD]</code>.",
    "rule_err_too_long": "That alert is too long: at most {limit} characters.",
    "rule_err_incomplete": "That alert is incomplete: {missing} missing. An alert reads SUBJECT METRIC OP VALUE.",
    "rule_err_unknown_subject": "I don't know {word}. The subject is the ticker of a miner MinerWatch knows "
    "({tickers}), BTC or NETWORK.",
    "rule_err_unknown_metric": "I don't know the metric {word}. {subject} has: {metrics}.",
    "rule_err_metric_not_for_subject": "{subject} has no {word}; its metrics are: {metrics}.",
    "rule_err_unknown_op": "I don't know the comparison {word}. Use one of &lt; &lt;= &gt; &gt;= crosses.",
    "rule_err_bad_value": "I can't read the value {word}. Write a number like 12, 12.5, 120k or 1.2m "
    "(a point for decimals, no thousands separators).",
    "rule_err_percent_not_allowed": "{metric} is not a percentage: drop the % after {word}.",
    "rule_err_not_positive": "{metric} must be above zero, not {word}.",
    "rule_err_out_of_range": "{word} is out of range for {metric}.",
    "rule_err_unknown_option": "I don't know the option {word}. Options: cooldown=DUR (90s, 5m, 1h, 1d), once, "
    "until=YYYY-MM-DD.",
    "rule_err_duplicate_option": "{word} is given twice.",
    "rule_err_bad_cooldown": "I can't read the cooldown {word}: write 90s, 5m, 1h or 1d, at most 30d.",
    "rule_err_bad_until": "{word} is not a date: write until=YYYY-MM-DD.",
    "rule_err_until_past": "until={word} must lie after today ({today}).",
    "rule_err_until_too_far": "until={word} is too far ahead: at most {limit}.",
    "rule_err_no_number": "Which alert? Give its number; /alerts lists your alerts with their numbers.",
    "rule_err_bad_number": "{word} is not an alert number. /alerts lists your alerts with their numbers.",
    "rule_err_too_many": "This chat already has {limit} alerts, the most allowed. /alerts lists them; delete one "
    "with <code>/delalert ID</code> first.",
    "rule_missing_parts": "SUBJECT|METRIC|OP|VALUE",
    "rule_metric_price": "price",
    "rule_metric_change": "1-day change",
    "rule_metric_conv_distance": "distance to conversion price",
    "rule_metric_hashprice": "hashprice",
    "rule_metric_difficulty": "difficulty",
    "rule_metric_hashrate": "hashrate",
    "rule_subject_network": "Network",
    "rule_op_crosses": "crosses",
    "rule_cooldown": "cooldown {duration}",
    "rule_no_cooldown": "no cooldown",
    "rule_once": "once",
    "rule_until": "until {date}",
    "rule_saved": "✅ Alert #{number} saved: {rule}\nSee all with /alerts, delete with "
    "<code>/delalert {number}</code>.",
    "rule_exists": "This chat already has this alert: #{number} {rule}\nNothing was added. See all with /alerts, "
    "delete it with <code>/delalert {number}</code>.",
    "rule_no_notes": "ℹ️ MinerWatch has no live convertible note of {ticker} with a conversion price on record, so "
    "this alert has nothing to measure yet; it starts once a note is recorded from an 8-K (/converts {ticker}).",
    "rule_list_twin": "(the same as #{first}, which alone fires; <code>/delalert {number}</code> removes this copy)",
    "rule_deleted": "🗑 Alert #{number} deleted: {rule}",
    "rule_not_found": "This chat has no alert #{number}. /alerts lists yours.",
    "rule_list_header": "<b>Your alerts</b> ({count} of {limit}):",
    "rule_list_footer": "Delete one with <code>/delalert ID</code>.",
    "rule_list_empty": "No alerts yet. Example: <code>/alert MARA price &lt; 12</code>",
    "rule_alert_title": "🔔 <b>Alert #{number}</b>: {rule}",
    "rule_now": "now {value}",
    "rule_once_deleted": "One-time alert: it is deleted now.",
    # --- SEC filings, convertible notes, the /status card (bot/messages/filings.py, converts.py, status.py)
    "sec_filed_title": "📄 <b>New {form} from ${ticker}</b>",
    "sec_filed_on": "Filed {filed}",
    "sec_filed_accepted": "Filed {filed}, accepted {accepted}",
    "sec_read_filing": "Read the filing",
    "sec_all_documents": "All documents",
    "sec_press_release": "Press release",
    "sec_kind_convertible": "convertible notes",
    "sec_kind_exchangeable": "exchangeable notes",
    "sec_note_title_announced": "💵 <b>${ticker} plans a {principal} offering of {kind}</b>",
    "sec_note_title_priced": "💵 <b>${ticker} priced {principal} of {kind}</b>",
    "sec_note_title_closed": "💵 <b>${ticker} closed {principal} of {kind}</b>",
    "sec_note_title_bare": "💵 <b>${ticker}: {kind} offering</b>",
    "sec_note_principal": "Principal: {principal}",
    "sec_note_upsized": " (upsized)",
    "sec_note_option": " + purchasers' option for {option} more",
    "sec_note_coupon": "Coupon: {coupon}",
    "sec_note_maturity": "Matures: {maturity}",
    "sec_note_due": "due {maturity}",
    "sec_note_matured": " (matured)",
    "sec_note_terms_pending": "Coupon and conversion terms are set at pricing.",
    "sec_note_rate": "{rate} shares per $1,000",
    "sec_note_price": "{price} per share",
    "sec_note_conversion": "Conversion: {terms}",
    "sec_note_premium_over": ", a {premium} premium over {reference}",
    "sec_note_premium": ", a {premium} premium",
    "sec_note_cap": "Capped call: cap {cap} per share (offsets dilution up to that price)",
    "sec_note_dilution_pct": "Full conversion: +{shares} shares = {pct} of {outstanding} outstanding (as of {as_of})",
    "sec_note_dilution": "Full conversion: +{shares} shares",
    "sec_note_dilution_option": "; +{shares} with the option",
    "sec_note_distance": "Distance to conversion: {distance} (last price {price}, {when})",
    "sec_note_other_series": "Also in this offering: {series}",
    "sec_note_other_series_bare": "a second series of notes",
    "sec_note_proceeds": "Use of proceeds: {text}",
    "sec_filings_header": "📄 <b>${ticker} — latest SEC filings</b>",
    "sec_filings_none": "No SEC filings of ${ticker} stored yet. The SEC watcher records them on its first poll "
    "that reaches the SEC: it needs <code>sec.user_agent</code> set, and an admin's /stats shows whether it fails.",
    "sec_converts_header": "💵 <b>${ticker} — convertible notes</b>",
    "sec_converts_none": "No convertible notes of ${ticker} known yet. MinerWatch reads them from the press "
    "releases of new 8-K filings.",
    "sec_context_price": "Last price {price} ({when})",
    "sec_context_no_price": "No price yet",
    "sec_context_shares": "{shares} shares outstanding (as of {as_of})",
    "sec_context_no_shares": "shares outstanding not known yet",
    "sec_status_announced": "announced",
    "sec_status_priced": "priced",
    "sec_status_closed": "closed",
    "sec_list_conversion": "conversion {price}",
    "sec_list_no_conversion": "conversion price not set yet",
    "sec_list_distance": "distance {distance}",
    "sec_list_dilution": "dilution {pct}",
    "sec_list_new_shares": "+{shares} shares",
    "sec_list_cap": "cap {cap}",
    "sec_term_sources": "Terms: {sources}",
    "sec_term_release": "{stage} release {filed}",
    "sec_stage_launch": "launch",
    "sec_stage_pricing": "pricing",
    "sec_stage_closing": "closing",
    "sec_stage_unknown": "8-K",
    "sec_term_principal_usd": "principal",
    "sec_term_option_usd": "option",
    "sec_term_coupon_pct": "coupon",
    "sec_term_maturity": "maturity",
    "sec_term_conversion_rate": "conversion rate",
    "sec_term_conversion_price_usd": "conversion price",
    "sec_term_premium_pct": "premium",
    "sec_term_reference_price_usd": "reference price",
    "sec_term_cap_price_usd": "cap price",
    "sec_converts_total_pct": "All notes outstanding: up to +{shares} shares = {pct} of today's count",
    "sec_converts_total": "All notes outstanding: up to +{shares} shares",
    "sec_card_title": "📊 <b>${ticker} — {name}</b>",
    "sec_card_price": "Price: {price} ({change} 1d) · {when}",
    "sec_card_no_price": "Price: no quote yet",
    "sec_card_btc": "BTC {price} ({change} 1d)",
    "sec_card_hashprice": "hashprice {hashprice} USD/PH/day",
    "sec_card_notes": "<b>Convertible notes</b>",
    "sec_card_filings": "<b>Latest filings</b>",
    "sec_card_news": "<b>Latest themed news</b>",
    "sec_card_none": "—",
    "sec_usage": "Name one miner, for example <code>/{command} CIFR</code>.",
    # --- buttons (bot/messages/keyboards.py) and their answers (bot/handlers/buttons.py)
    "btn_status": "📊 Status",
    "btn_mute": "🔕 Mute {ticker} {hours}h",
    "btn_unwatch": "Unwatch",
    "btn_delete_rule": "🗑 #{number}",
    "btn_confirm_delete": "🗑 Yes, delete #{number}",
    "btn_cancel": "Cancel",
    "btn_remove": "✖ {ticker}",
    "btn_more": "More ▸",
    "btn_digest_off": "Digest off",
    "btn_notify_news_on": "News 🔔",
    "btn_notify_news_silent": "News 🔈",
    "btn_notify_news_off": "News ✖",
    "btn_notify_filings_on": "Filings 🔔",
    "btn_notify_filings_silent": "Filings 🔈",
    "btn_notify_filings_off": "Filings ✖",
    "btn_notify_alerts_on": "Alerts 🔔",
    "btn_notify_alerts_silent": "Alerts 🔈",
    "btn_notify_alerts_off": "Alerts ✖",
    "cb_stale": "This button is out of date.",
    "cb_not_allowed": "Only group administrators can change this chat's settings.",
    "cb_slow_down": "Too many taps — wait {wait}.",
    "cb_done": "Done.",
    "cb_muted": "🔕 {ticker} muted until {until}",
    "cb_muted_text": "🔕 Instant alerts about {ticker} are muted until {until}; your digest still lists them.",
    "cb_unwatched": "✅ Stopped following {ticker}.",
    "cb_delete_confirm": "Delete alert #{number}? {rule}",
    "cb_delete_cancelled": "Nothing deleted.",
    "rules_buttons_hint": "Tap a 🗑 button to delete an alert.",
    "watchlist_add_hint": "Add one with <code>/watch TICKER</code>, e.g. <code>/watch {example}</code>.",
    "settings_menu": (
        "⚙️ <b>Settings</b>\n"
        "Digest: {digest} · Time zone: {tz} · Language: {language}\n"
        "Notify: news {news}, filings {filings}, alerts {alerts}, deals {deals}\n"
        "Tap to change; other values by command: /digest, /tz, /lang, /notify."
    ),
    "settings_digest_daily": "daily at {at}",
    "settings_digest_weekly": "weekly, {day} at {at}",
    "settings_mode_on": "on",
    "settings_mode_silent": "silent",
    "settings_mode_off": "off",
    "language_name": "English",
    "deep_link_watch": "✅ You now follow {tickers}.",
    # --- AI/HPC deals (bot/messages/deals.py)
    "deal_kind_lease": "AI/HPC lease",
    "deal_kind_cloud": "AI cloud contract",
    "deal_kind_hardware": "GPU purchase",
    "deal_kind_acquisition": "acquisition for AI/HPC",
    "deal_kind_partnership": "AI/HPC partnership",
    "deal_kind_non_binding": "non-binding LOI/MOU (not counted)",
    "deal_unnamed": "an unnamed party",
    "deal_value_over": "{value} over {years} years",
    "deal_years": "{years} years",
    "deal_gpus": "{count} {model} GPUs",
    "deal_expanded": "expanded: {what}",
    "deal_changed": "terms changed: {what}",
    "deal_field_kind": "kind",
    "deal_field_mw": "capacity",
    "deal_field_mw_gross": "gross capacity",
    "deal_field_contract_value_usd": "value",
    "deal_field_term_years": "term",
    "deal_field_gpu_count": "GPUs",
    "deal_field_counterparty": "counterparty",
    "deal_field_counterparty_phrase": "counterparty",
    "deal_field_backstop": "backstop",
    "deal_field_site": "site",
    "deal_field_gpu_model": "GPU model",
    "deal_rollup_one": "{terms} contracted in {count} deal",
    "deal_rollup_other": "{terms} contracted in {count} deals",
    "deal_rollup_bare_one": "{count} signed deal",
    "deal_rollup_bare_other": "{count} signed deals",
    "deal_mw_not_stated": "(MW not stated)",
    "deal_value_not_stated": "(value not stated)",
    "deal_figures_not_stated": "(MW and value not stated)",
    "deal_rollup_none": "no signed AI/HPC deals known yet",
    "deal_counterparties": "Counterparties: {names}",
    "deal_sites": "Sites: {names}",
    "deal_sources_one": "{count} source",
    "deal_sources_other": "{count} sources",
    "deal_list_header": "🏗 <b>${ticker} — AI/HPC deals</b>",
    "deal_list_none": "No AI/HPC deals of ${ticker} known yet. MinerWatch reads them from news items and 8-K "
    "press releases.",
    "deal_league_header": "🏗 <b>AI/HPC deals of your watchlist</b> (contracted MW and value, as stated)",
    "deal_league_hint": "One miner's deals: <code>/deals IREN</code>",
    "deal_card_title": "<b>AI/HPC deals</b>",
    "deal_card_latest": "Latest: {deal}",
    "digest_deals": "AI/HPC deals",
    "deals_usage": "Name one miner or none, for example <code>/deals IREN</code> or <code>/deals</code>.",
    # --- charts: bot/messages/chart_texts.py
    **CHART_TEXTS_EN,
}
