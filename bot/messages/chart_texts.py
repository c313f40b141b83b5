"""The texts of charts (bot/messages/chart.py, bot/handlers/charts.py) and of the digest's chart, English and
German side by side; bot/messages/en.py and de.py take them into their catalogues."""

from __future__ import annotations

EN: dict[str, str] = {
    "chart_caption": "📈 <b>{title}</b> · last {value} ({day}) · {change} over the range",
    "chart_caption_since": "📈 <b>{title}</b> · last {value} ({day}) · {change} since {since}, where the stored "
    "history starts",
    "chart_caption_one_day": "📈 <b>{title}</b> · {value} ({day}) · one day stored so far, no change to show yet",
    "chart_caption_empty": "📈 <b>{title}</b> · no history stored yet",
    "chart_no_data": "No history stored yet",
    "chart_subject_hashprice": "Hashprice",
    "chart_range_30d": "30 days",
    "chart_range_3m": "3 months",
    "chart_range_6m": "6 months",
    "chart_range_1y": "1 year",
    "chart_range_2y": "2 years",
    "chart_line_conversion": "conv {value}{year}",
    "chart_line_cap": "cap {value}{year}",
    "chart_line_threshold": "alert {op} {value}",
    "chart_filing": "8-K",
    "chart_button": "📈 Chart {range}",
    "chart_usage": "Usage: <code>/chart MARA</code>, <code>/chart MARA 1y</code>, <code>/chart BTC 30d</code> or "
    "<code>/chart NETWORK hashprice 6m</code>. Ranges: {ranges}.",
    "chart_unknown_range": "I don't know the range {range}. Ranges: {ranges}. "
    "Example: <code>/chart {subject} 1y</code>",
    "chart_unknown_subject": "Unknown subject {subject}. Chart a miner ({known}), BTC or NETWORK hashprice. "
    "Example: <code>/chart MARA 3m</code>",
    "chart_expired": "This button no longer works; send <code>/chart {subject}</code>.",
    "digest_charts_on": "✅ Your weekly digest will carry a chart of your watchlist's week.",
    "digest_charts_off": "✅ No chart in your weekly digest.",
    "digest_charts_not_weekly": "Your digest is not weekly now, so no chart comes until it is, for example: "
    "<code>/digest weekly mon 08:00</code>",
    "chart_subject_watchlist": "Your watchlist this week",
    "chart_range_7d": "7 days",
    "chart_caption_week": "📈 <b>{title}</b> · {moves}",
    "digest_charts_usage": "Usage: <code>/digest charts on</code> or <code>/digest charts off</code> "
    "(a chart of your watchlist's week in the weekly digest).",
}

DE: dict[str, str] = {
    "chart_caption": "📈 <b>{title}</b> · zuletzt {value} ({day}) · {change} im Zeitraum",
    "chart_caption_since": "📈 <b>{title}</b> · zuletzt {value} ({day}) · {change} seit {since}, dem Beginn des "
    "gespeicherten Verlaufs",
    "chart_caption_one_day": "📈 <b>{title}</b> · {value} ({day}) · erst ein Tag gespeichert, noch keine Veränderung",
    "chart_caption_empty": "📈 <b>{title}</b> · noch kein Verlauf gespeichert",
    "chart_no_data": "Noch kein Verlauf gespeichert",
    "chart_subject_hashprice": "Hashprice",
    "chart_range_30d": "30 Tage",
    "chart_range_3m": "3 Monate",
    "chart_range_6m": "6 Monate",
    "chart_range_1y": "1 Jahr",
    "chart_range_2y": "2 Jahre",
    "chart_line_conversion": "Wandlung {value}{year}",
    "chart_line_cap": "Cap {value}{year}",
    "chart_line_threshold": "Alarm {op} {value}",
    "chart_filing": "8-K",
    "chart_button": "📈 Chart {range}",
    "chart_usage": "So geht es: <code>/chart MARA</code>, <code>/chart MARA 1y</code>, <code>/chart BTC 30d</code> "
    "oder <code>/chart NETWORK hashprice 6m</code>. Zeiträume: {ranges}.",
    "chart_unknown_range": "Den Zeitraum {range} kenne ich nicht. Zeiträume: {ranges}. "
    "Beispiel: <code>/chart {subject} 1y</code>",
    "chart_unknown_subject": "Unbekannt: {subject}. Möglich sind ein Miner ({known}), BTC oder NETWORK hashprice. "
    "Beispiel: <code>/chart MARA 3m</code>",
    "chart_expired": "Diese Schaltfläche gilt nicht mehr; senden Sie <code>/chart {subject}</code>.",
    "digest_charts_on": "✅ Ihr wöchentlicher Digest bringt ein Chart der Woche Ihrer Watchlist mit.",
    "digest_charts_off": "✅ Kein Chart im wöchentlichen Digest.",
    "digest_charts_not_weekly": "Ihre Zusammenfassung ist gerade nicht wöchentlich; der Chart kommt erst mit einer "
    "wöchentlichen, zum Beispiel: <code>/digest weekly Mo 08:00</code>",
    "chart_subject_watchlist": "Ihre Watchlist diese Woche",
    "chart_range_7d": "7 Tage",
    "chart_caption_week": "📈 <b>{title}</b> · {moves}",
    "digest_charts_usage": "Verwendung: <code>/digest charts on</code> oder <code>/digest charts off</code> "
    "(ein Chart der Woche Ihrer Watchlist im wöchentlichen Digest).",
}
