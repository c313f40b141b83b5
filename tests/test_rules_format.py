"""Rule texts: the rule in words, the /alerts list, confirmations and the fired alert, in English and German."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.alerts.rules import (
    Rule,
    RuleSpec,
    describe_rule,
    format_alert,
    format_alert_line,
    format_metric_value,
    format_rule_deleted,
    format_rule_exists,
    format_rule_list,
    format_rule_not_found,
    format_rule_saved,
    parse_rule,
)

AT = datetime(2026, 11, 25, 14, 5, tzinfo=UTC)
TODAY = date(2026, 11, 25)


def spec(text: str) -> RuleSpec:
    return parse_rule(text, ["MARA", "CIFR"], today=TODAY)


@pytest.mark.parametrize(
    ("text", "english", "german"),
    [
        (
            "MARA price < 12 once",
            "MARA price &lt; 12.00 USD · cooldown 1h · once",
            "MARA Kurs &lt; 12,00 USD · Pause 1h · einmalig",
        ),
        (
            "MARA change > 8%",
            "MARA 1-day change &gt; 8.00% · cooldown 1h",
            "MARA Tagesänderung &gt; 8,00\u00a0% · Pause 1h",
        ),
        (
            "BTC price >= 120k cooldown=90m until=2027-01-31",
            "BTC price &gt;= 120,000.00 USD · cooldown 90m · until 2027-01-31",
            "BTC Kurs &gt;= 120.000,00 USD · Pause 90m · bis 31. Jan. 2027",
        ),
        (
            "NETWORK hashprice < 45 cooldown=0",
            "Network hashprice &lt; 45.00 USD/PH/day · no cooldown",
            "Netzwerk Hashprice &lt; 45,00 USD/PH/day · ohne Pause",
        ),
        (
            "NETWORK difficulty crosses 130t cooldown=1d",
            "Network difficulty crosses 130.00 T · cooldown 1d",
            "Netzwerk Difficulty kreuzt 130,00 T · Pause 1d",
        ),
        (
            "NETWORK hashrate > 900",
            "Network hashrate &gt; 900.0 EH/s · cooldown 1h",
            "Netzwerk Hashrate &gt; 900,0 EH/s · Pause 1h",
        ),
        (
            "CIFR conv_distance < 10%",
            "CIFR distance to conversion price &lt; 10.00% · cooldown 1h",
            "CIFR Abstand zum Wandlungspreis &lt; 10,00\u00a0% · Pause 1h",
        ),
    ],
)
def test_rule_in_words(text: str, english: str, german: str) -> None:
    assert describe_rule(spec(text), "en") == english
    assert describe_rule(spec(text), "de") == german


def test_dynamic_subject_is_escaped() -> None:
    hostile = RuleSpec("<B>&", "price", "<", 1.0)  # never produced by the parser, escaped anyway
    assert describe_rule(hostile).startswith("&lt;B&gt;&amp; price &lt; 1.00 USD")


def test_alert_names_the_rule_the_old_and_new_value_and_the_time() -> None:
    rule = Rule(3, spec("MARA price < 12"))
    assert format_alert(rule, 12.4, 11.85, AT) == (
        "🔔 <b>Alert #3</b>: MARA price &lt; 12.00 USD · cooldown 1h\n"
        "MARA price: 12.40 USD → 11.85 USD\n"
        "🕒 2026-11-25 14:05 UTC"
    )


def test_alert_in_german_in_the_chats_time_zone() -> None:
    rule = Rule(7, spec("MARA change > 8% once"))
    assert format_alert(rule, 6.2, 8.4, AT, lang="de", tz="Europe/Berlin") == (
        "🔔 <b>Alarm #7</b>: MARA Tagesänderung &gt; 8,00\u00a0% · Pause 1h · einmalig\n"
        "MARA Tagesänderung: +6,20\u00a0% → +8,40\u00a0%\n"
        "🕒 25. Nov. 2026, 15:05 MEZ\n"
        "Einmaliger Alarm: er ist jetzt gelöscht."
    )


def test_alert_on_the_first_value_has_no_old_value() -> None:
    rule = Rule(1, spec("NETWORK hashprice < 45"))
    text = format_alert(rule, None, 43.21, AT, tz="Not/AZone")
    assert "Network hashprice: now 43.21 USD/PH/day" in text
    assert text.endswith("🕒 2026-11-25 14:05 UTC")  # an unknown zone falls back to UTC
    for bad_zone in ("../../etc/passwd", "Z" * 5000, ""):
        assert format_alert(rule, None, 43.21, AT, tz=bad_zone).endswith("14:05 UTC")


def test_btc_crossing_alert_shows_both_sides() -> None:
    rule = Rule(2, spec("BTC price crosses 120000"))
    assert "BTC price: 119,500.00 USD → 120,250.00 USD" in format_alert(rule, 119_500, 120_250, AT)


def test_digest_line_of_a_fired_alert_is_one_line_in_the_chats_language_and_zone() -> None:
    rule = Rule(3, spec("MARA change < -5% once"))
    assert format_alert_line(rule, 3.333, -8.333, AT, tz="Europe/Berlin") == (
        "#3 MARA 1-day change &lt; -5.00%: +3.33% → -8.33% (2026-11-25 15:05 CET)"
    )
    assert format_alert_line(Rule(1, spec("NETWORK hashprice < 45")), None, 43.2, AT, "de") == (
        "#1 Netzwerk Hashprice &lt; 45,00 USD/PH/day: jetzt 43,20 USD/PH/day (25. Nov. 2026, 14:05 UTC)"
    )


def test_list_confirmations_and_not_found() -> None:
    rules = [Rule(4, spec("BTC price > 120000")), Rule(1, spec("MARA price < 12 once"))]
    assert format_rule_list(rules) == (
        "<b>Your alerts</b> (2 of 50):\n"
        "#1 MARA price &lt; 12.00 USD · cooldown 1h · once\n"
        "#4 BTC price &gt; 120,000.00 USD · cooldown 1h\n"
        "Delete one with <code>/delalert ID</code>."
    )
    assert format_rule_list([], "de").startswith("Noch keine Alarme. Beispiel: <code>/alert MARA price &lt; 12</code>")
    assert format_rule_saved(rules[1]) == (
        "✅ Alert #1 saved: MARA price &lt; 12.00 USD · cooldown 1h · once\n"
        "See all with /alerts, delete with <code>/delalert 1</code>."
    )
    assert format_rule_deleted(rules[0], "de") == "🗑 Alarm #4 gelöscht: BTC Kurs &gt; 120.000,00 USD · Pause 1h"
    assert format_rule_not_found(9) == "This chat has no alert #9. /alerts lists yours."
    assert format_rule_exists(rules[1]) == (
        "This chat already has this alert: #1 MARA price &lt; 12.00 USD · cooldown 1h · once\n"
        "Nothing was added. See all with /alerts, delete it with <code>/delalert 1</code>."
    )
    assert format_rule_exists(rules[0], "de") == (
        "Diesen Alarm hat der Chat bereits: #4 BTC Kurs &gt; 120.000,00 USD · Pause 1h\n"
        "Nichts wurde hinzugefügt. Alle mit /alerts, löschen mit <code>/delalert 4</code>."
    )


@pytest.mark.parametrize(
    ("metric", "value", "signed", "expected"),
    [
        ("price", 0.8512, False, "0.85 USD"),
        ("change", -3.456, True, "-3.46%"),
        ("change", 0.0, True, "+0.00%"),
        ("hashprice", 1234.5, False, "1,234.50 USD/PH/day"),
        ("difficulty", 102_289_407_543_323.8, False, "102.29 T"),
        ("hashrate", 912.345, False, "912.3 EH/s"),
    ],
)
def test_metric_values_with_units(metric: str, value: float, signed: bool, expected: str) -> None:
    assert format_metric_value(metric, value, "en", signed) == expected


def test_the_list_marks_a_copy_stored_before_identical_alerts_were_refused() -> None:
    rules = [Rule(3, spec("MARA price < 12")), Rule(1, spec("MARA price < 12")), Rule(2, spec("MARA price < 11"))]
    assert format_rule_list(rules).splitlines()[1:4] == [
        "#1 MARA price &lt; 12.00 USD · cooldown 1h",
        "#2 MARA price &lt; 11.00 USD · cooldown 1h",
        "#3 MARA price &lt; 12.00 USD · cooldown 1h (the same as #1, which alone fires; "
        "<code>/delalert 3</code> removes this copy)",
    ]
    german = format_rule_list(rules, "de")
    assert "(wie #1, der allein auslöst; <code>/delalert 3</code> entfernt diese Kopie)" in german
