"""The /alert grammar: valid rules, precise errors in English and German, hostile input never raising."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from bot.alerts.rules import (
    DEFAULT_COOLDOWN_S,
    MAX_RULE_TEXT_CHARS,
    MAX_RULES_PER_CHAT,
    RuleError,
    RuleSpec,
    canonical_text,
    parse_rule,
    parse_rule_number,
    too_many_rules_message,
)

UNIVERSE = ["MARA", "CIFR", "IREN", "WULF", "HUT", "BTDR"]
TODAY = date(2026, 11, 25)
HOUR = DEFAULT_COOLDOWN_S


def parse(text: str, lang: str = "en") -> RuleSpec:
    return parse_rule(text, UNIVERSE, lang=lang, today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MARA price < 12", RuleSpec("MARA", "price", "<", 12.0)),
        ("MARA change > 8%", RuleSpec("MARA", "change", ">", 8.0)),
        ("BTC price > 120000", RuleSpec("BTC", "price", ">", 120_000.0)),
        ("NETWORK hashprice < 45", RuleSpec("NETWORK", "hashprice", "<", 45.0)),
        ("CIFR conv_distance < 10%", RuleSpec("CIFR", "conv_distance", "<", 10.0)),
        ("/alert MARA price <= 12.5", RuleSpec("MARA", "price", "<=", 12.5)),
        ("/alert@MinerWatchBot BTC price >= 120k", RuleSpec("BTC", "price", ">=", 120_000.0)),
        ("BTC price > 1.2m", RuleSpec("BTC", "price", ">", 1_200_000.0)),
        ("NETWORK difficulty > 130t", RuleSpec("NETWORK", "difficulty", ">", 130e12)),
        ("NETWORK hashrate crosses 900", RuleSpec("NETWORK", "hashrate", "crosses", 900.0)),
        ("mara PRICE < 12", RuleSpec("MARA", "price", "<", 12.0)),
        ("$MARA price<12", RuleSpec("MARA", "price", "<", 12.0)),
        ("MARA price ≤ 12", RuleSpec("MARA", "price", "<=", 12.0)),
        ("MARA change > 8", RuleSpec("MARA", "change", ">", 8.0)),  # % is optional for percentage metrics
        ("MARA change < -5 %", RuleSpec("MARA", "change", "<", -5.0)),
        ("BTC change CROSSES 0%", RuleSpec("BTC", "change", "crosses", 0.0)),
        ("MARA price < .5", RuleSpec("MARA", "price", "<", 0.5)),
        ("MARA price < 0.1k", RuleSpec("MARA", "price", "<", 100.0)),
        ("MARA change > +0.3%", RuleSpec("MARA", "change", ">", 0.3)),
        ("  MARA\tprice  <  12  ", RuleSpec("MARA", "price", "<", 12.0)),
        ("MARA price < 12 once", RuleSpec("MARA", "price", "<", 12.0, HOUR, once=True)),
        ("MARA price < 12 cooldown=90s", RuleSpec("MARA", "price", "<", 12.0, 90)),
        ("MARA price < 12 cooldown = 5m", RuleSpec("MARA", "price", "<", 12.0, 300)),
        ("MARA price < 12 COOLDOWN=1d", RuleSpec("MARA", "price", "<", 12.0, 86_400)),
        ("MARA price < 12 cooldown=0", RuleSpec("MARA", "price", "<", 12.0, 0)),
        ("MARA price < 12 until=2026-11-26", RuleSpec("MARA", "price", "<", 12.0, until=date(2026, 11, 26))),
        (
            "MARA price < 12 until=2027-03-31 once cooldown=1h",
            RuleSpec("MARA", "price", "<", 12.0, HOUR, once=True, until=date(2027, 3, 31)),
        ),
    ],
)
def test_valid_rules(text: str, expected: RuleSpec) -> None:
    assert parse(text) == expected
    assert parse(text, "de") == expected


@pytest.mark.parametrize(
    ("text", "code", "fragment", "example"),
    [
        ("", "empty", "SUBJECT METRIC OP VALUE", "/alert MARA price &lt; 12"),
        ("/alert", "empty", "SUBJECT METRIC OP VALUE", "/alert MARA price &lt; 12"),
        ("MARA", "incomplete", "METRIC, OP, VALUE missing", "/alert MARA price &lt; 12"),
        ("MARA change >", "incomplete", "VALUE missing", "/alert MARA change &gt; 8%"),
        ("TSLA price < 12", "unknown_subject", "I don't know <b>TSLA</b>", "/alert MARA price &lt; 12"),
        ("MARA volume > 1m", "unknown_metric", "MARA has: price, change, conv_distance", "/alert MARA price"),
        ("BTC hashprice < 45", "metric_not_for_subject", "BTC has no <b>hashprice</b>", "/alert BTC price &gt; 120000"),
        ("BTC conv_distance < 10%", "metric_not_for_subject", "price, change", "/alert BTC price &gt; 120000"),
        ("NETWORK price > 1", "metric_not_for_subject", "hashprice, difficulty, hashrate", "/alert NETWORK hashprice"),
        ("MARA price = 12", "unknown_op", "comparison <b>=</b>", "/alert MARA price &lt; 12"),
        ("MARA price == 12", "unknown_op", "comparison <b>==</b>", "/alert MARA price &lt; 12"),
        ("MARA price below 12", "unknown_op", "<b>below</b>", "/alert MARA price &lt; 12"),
        ("MARA price =< 12", "unknown_op", "comparison <b>=&lt;</b>", "/alert MARA price &lt;= 12"),
        ("MARA price=<12", "unknown_op", "comparison <b>=&lt;</b>", "/alert MARA price &lt;= 12"),
        ("BTC price => 120k", "unknown_op", "comparison <b>=&gt;</b>", "/alert BTC price &gt;= 120000"),
        ("MARA price << 12", "unknown_op", "comparison <b>&lt;&lt;</b>", "/alert MARA price &lt; 12"),
        ("MARA price < twelve", "bad_value", "value <b>twelve</b>", "/alert MARA price &lt; 12"),
        ("MARA price < 12,5", "bad_value", "no thousands separators", "/alert MARA price &lt; 12"),
        ("BTC price > 120,000", "bad_value", "<b>120,000</b>", "/alert BTC price &gt; 120000"),
        ("MARA price < 1e3", "bad_value", "<b>1e3</b>", "/alert MARA price &lt; 12"),
        ("MARA price < nan", "bad_value", "<b>nan</b>", "/alert MARA price &lt; 12"),
        ("MARA price < inf", "bad_value", "<b>inf</b>", "/alert MARA price &lt; 12"),
        ("MARA price < １２", "bad_value", "<b>１２</b>", "/alert MARA price &lt; 12"),
        ("MARA change > 8k", "bad_value", "<b>8k</b>", "/alert MARA change &gt; 8%"),
        ("MARA price < 12%", "percent_not_allowed", "price is not a percentage", "/alert MARA price &lt; 12"),
        ("NETWORK hashprice < 45%", "percent_not_allowed", "hashprice", "/alert NETWORK hashprice &lt; 45"),
        ("MARA price < 0", "not_positive", "above zero, not <b>0</b>", "/alert MARA price &lt; 12"),
        ("MARA price < -3", "not_positive", "not <b>-3</b>", "/alert MARA price &lt; 12"),
        ("MARA change > 20000%", "out_of_range", "<b>20000%</b> is out of range", "/alert MARA change"),
        ("BTC price > 9999999999999999999", "out_of_range", "out of range", "/alert BTC price"),
        ("MARA price < 12 twice", "unknown_option", "option <b>twice</b>", "cooldown=1h once until=2027-02-23"),
        ("MARA price < 12 once=yes", "unknown_option", "<b>once=yes</b>", "/alert MARA price &lt; 12 cooldown"),
        ("MARA price < 12 cooldown", "unknown_option", "<b>cooldown</b>", "/alert MARA price &lt; 12"),
        ("MARA price < 12 once once", "duplicate_option", "<b>once</b> is given twice", "/alert MARA"),
        ("MARA price < 12 cooldown=1h cooldown=2h", "duplicate_option", "<b>cooldown</b>", "/alert MARA"),
        ("MARA price < 12 cooldown=1w", "bad_cooldown", "cooldown <b>1w</b>", "/alert MARA"),
        ("MARA price < 12 cooldown=31d", "bad_cooldown", "at most 30d", "/alert MARA"),
        ("MARA price < 12 cooldown=-5m", "bad_cooldown", "<b>-5m</b>", "/alert MARA"),
        ("MARA price < 12 until=tomorrow", "bad_until", "<b>tomorrow</b> is not a date", "/alert MARA"),
        ("MARA price < 12 until=2026-02-30", "bad_until", "<b>2026-02-30</b>", "/alert MARA"),
        ("MARA price < 12 until=2026-11-25", "until_past", "after today (2026-11-25)", "until=2027-02-23"),
        ("MARA price < 12 until=2020-01-01", "until_past", "until=<b>2020-01-01</b>", "/alert MARA"),
        ("MARA price < 12 until=2099-01-01", "until_too_far", "at most 2031-", "/alert MARA"),
        ("MARA " + "x" * MAX_RULE_TEXT_CHARS, "too_long", "at most 200 characters", "/alert MARA price &lt; 12"),
    ],
)
def test_errors_say_what_was_wrong_and_show_an_example(text: str, code: str, fragment: str, example: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse(text)
    message = str(caught.value)
    assert caught.value.code == code
    assert fragment in message
    assert "\nExample: <code>" in message and example in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Sagen Sie mir, was ich beobachten soll"),
        ("MARA", "es fehlt METRIK, OP, WERT"),
        ("TSLA price < 12", "<b>TSLA</b> kenne ich nicht"),
        ("BTC hashprice < 45", "BTC hat kein <b>hashprice</b>"),
        ("MARA price = 12", "Den Vergleich <b>=</b> kenne ich nicht"),
        ("MARA price < 12,5", "Punkt als Dezimalzeichen"),
        ("MARA price < 12%", "Kurs ist kein Prozentwert"),
        ("MARA price < 12 until=2020-01-01", "muss nach heute (2026-11-25) liegen"),
    ],
)
def test_errors_in_german(text: str, fragment: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse(text, "de")
    assert fragment in str(caught.value)
    assert "\nBeispiel: <code>/alert " in str(caught.value)


def test_unknown_language_falls_back_to_english() -> None:
    with pytest.raises(RuleError, match="I don't know <b>TSLA</b>"):
        parse_rule("TSLA price < 12", UNIVERSE, lang="fr", today=TODAY)


def test_examples_use_a_ticker_from_the_universe() -> None:
    with pytest.raises(RuleError, match=r"/alert CIFR price &lt; 12"):
        parse_rule("XYZ price < 1", ["CIFR", "WULF"], today=TODAY)


HOSTILE = [
    "<script>alert(1)</script> price < 12",
    'MARA price < 12 <a href="https://evil.test">x</a>',
    "MARA price < 12 &amp; <b>",
    "MARA price < 12'; DROP TABLE alert_rules; --",
    "MARA' OR '1'='1 price < 12",
    "{subject} {metric} {limit}",
    "%s %d %n price < 12",
    "MARA\x00 price < 12",
    "MARA pri\u200bce < 12",
    "MАRA price < 12",  # Cyrillic А
    "MARA price < 12 \u202eecirp",
    "ⓂⒶⓇⒶ price < 12",
    "MARA price < 𝟏𝟐",
    "🚀🚀🚀 price < 12",
    "\n\n\r\t",
    "MARA price < 12 " + "once " * 40,
    "M" * 10_000,
    "/alert /alert MARA price < 12",
    "MARA price < 99999999999999999999999999999999",
    "MARA price < 0.000000001",
    "NETWORK hashrate > -0",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_gets_a_clear_error(text: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse(text)
    assert_safe_reply(str(caught.value))


def assert_safe_reply(message: str) -> None:
    """Only our own tags survive, no raw user markup, and the reply stays short."""
    assert not re.sub(r"</?(b|code)>", "", message).count("<")
    assert len(message) < 600
    assert "<code>/alert " in message or "<code>/delalert " in message


def test_fuzzed_input_raises_only_rule_errors() -> None:
    rng = random.Random(20261125)
    alphabet = list("MARABTCNETWORKpricechangehashrate<>=%.,-+$#kmbt0123456789 =\t\n&;'\"/\\") + [
        "\u200b",
        "\u202e",
        "\x00",
        "ü",
        "Ä",
        "ß",
        "𝟏",
        "🚀",
        "<b>",
        "&lt;",
        " once",
        " cooldown=",
        " until=",
        " crosses ",
        "MARA ",
        "BTC ",
        "NETWORK ",
        " price ",
        " change ",
        " hashprice ",
    ]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        try:
            spec = parse(text)
        except RuleError as error:
            assert_safe_reply(str(error))
        else:
            assert parse(canonical_text(spec)) == spec


@pytest.mark.parametrize(
    "text",
    [
        "MARA price < 12",
        "MARA change < -5.25%",
        "BTC price > 1.2m cooldown=90m once until=2027-01-01",
        "NETWORK difficulty crosses 130.5t cooldown=0",
        "CIFR conv_distance <= 0.5%",
        "NETWORK hashrate >= 912.12345678",
        "BTC price > 0.00000007k",
        "MARA price < 1.23456789m",
    ],
)
def test_canonical_text_parses_back_to_the_same_rule(text: str) -> None:
    spec = parse(text)
    assert parse(canonical_text(spec)) == spec


@pytest.mark.parametrize(("text", "number"), [("3", 3), ("#12", 12), (" 7 ", 7), ("1000000", 1_000_000)])
def test_rule_numbers(text: str, number: int) -> None:
    assert parse_rule_number(text) == number


@pytest.mark.parametrize(("text", "lang", "fragment"), [("", "en", "Give its number"), ("  ", "de", "Nummer")])
def test_missing_rule_number_asks_for_one(text: str, lang: str, fragment: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule_number(text, lang)
    assert caught.value.code == "no_number"
    assert fragment in str(caught.value) and "/alerts" in str(caught.value) and "—" not in str(caught.value)
    assert "<code>/delalert 3</code>" in str(caught.value)


@pytest.mark.parametrize("text", ["0", "-1", "3.5", "abc", "1; DROP TABLE", "<b>1</b>", "٣", "99999999", "1 2"])
def test_bad_rule_numbers(text: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule_number(text, "de" if text == "abc" else "en")
    assert caught.value.code == "bad_number"
    assert_safe_reply(str(caught.value))


def test_rule_cap_is_exported_with_its_message() -> None:
    assert MAX_RULES_PER_CHAT == 50
    assert "already has 50 alerts" in too_many_rules_message("en")
    assert "bereits 50 Alarme" in too_many_rules_message("de")
