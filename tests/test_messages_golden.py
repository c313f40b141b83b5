"""Golden files for the message kinds that had none (alert rules, the digest, the /filings list in German, the
/news list, the chat's lists and /stats), in English and German; the German ones show Babel's number and date
formats."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.messages.digest import DigestData, DigestFiling, DigestPrice, DigestStory, format_digest
from bot.messages.filings import format_filings_list
from bot.messages.lists import (
    MAX_FAILING_SOURCES_SHOWN,
    format_miners,
    format_start,
    format_stats,
    format_theme_list,
    format_watchlist,
)
from bot.messages.locale import compact_count, compact_money, day, moment, money, number, percent, weekday
from bot.messages.news import NewsListItem, format_news_list
from bot.messages.rules import Rule, RuleSpec, format_alert, format_rule_exists, format_rule_list, format_rule_saved
from classifiers.base import THEMES
from tests.test_format import assert_golden
from tests.test_format_filings import PRICING_8K, QUARTERLY

AT = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)
RULES = (
    Rule(1, RuleSpec("MARA", "price", "<", 12.0, cooldown_s=3600, once=True)),
    Rule(2, RuleSpec("MARA", "change", ">", 8.0, cooldown_s=5400, until=date(2027, 1, 31))),
    Rule(3, RuleSpec("BTC", "price", "crosses", 120_000.0, cooldown_s=0)),
    Rule(4, RuleSpec("NETWORK", "difficulty", ">=", 150e12)),
    Rule(5, RuleSpec("CIFR", "conv_distance", "<", 10.0)),
)
DIGEST = DigestData(
    since=datetime(2026, 11, 30, 7, 0, tzinfo=UTC),
    until=AT,
    stories=[
        DigestStory(
            "MARA prices $950 million of 0.00% convertible notes",
            "https://news.example/mara-notes?a=1&b=2",
            ["MARA"],
            ["debt_terms", "capital_deployment"],
            {"debt_terms": 0.934, "capital_deployment": 0.62},
        ),
        DigestStory("Cipher signs a 15-year AI hosting lease", "", ["CIFR"], ["capital_deployment"], {}),
        DigestStory("Hashprice falls below $45", "https://news.example/hashprice", [], [], {}),
    ],
    filings=[DigestFiling("CIFR", "8-K 1.01, 2.03 — Current report", "https://www.sec.gov/cifr-8k.htm")],
    prices=[DigestPrice("MARA", 1234.4, 3.3), DigestPrice("CIFR", 19.5, -1.25), DigestPrice("RIOT", 11.0, None)],
    btc_usd=97_123.4,
    hashprice=48.2,
    fired_alerts=["#1 MARA price &lt; 12.00 USD: 12.40 USD → 11.80 USD (2026-12-01 07:30 UTC)"],
)
NEWS = (
    NewsListItem(
        "MARA prices $950 million of convertible notes",
        "https://news.example/mara",
        ("MARA",),
        ("debt_terms",),
        {"debt_terms": 0.934},
        datetime(2026, 12, 1, 7, 30),
    ),
    NewsListItem("Hut 8 <HUT> & USBTC", "", ("HUT", "CLSK"), (), {}, datetime(2026, 11, 30, 22, 5)),
)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_rule_list_golden(lang: str) -> None:
    assert_golden(f"rule_list_{lang}.html", format_rule_list(RULES, lang))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_rule_saved_golden(lang: str) -> None:
    assert_golden(f"rule_saved_{lang}.html", format_rule_saved(RULES[1], lang))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_rule_exists_golden(lang: str) -> None:
    assert_golden(f"rule_exists_{lang}.html", format_rule_exists(RULES[1], lang))


@pytest.mark.parametrize(("lang", "tz"), [("en", "UTC"), ("de", "Europe/Berlin")])
def test_rule_alert_golden(lang: str, tz: str) -> None:
    price = format_alert(RULES[0], 12.4, 11.8, AT, lang, tz)
    change = format_alert(RULES[1], 6.2, 8.4, AT, lang, tz)
    network = format_alert(RULES[3], None, 151.2e12, AT, lang, tz)
    assert_golden(f"rule_alert_{lang}.html", "\n\n".join((price, change, network)))


@pytest.mark.parametrize(("lang", "tz"), [("en", "UTC"), ("de", "Europe/Berlin")])
def test_digest_golden(lang: str, tz: str) -> None:
    assert_golden(f"digest_{lang}.html", format_digest(DIGEST, lang, tz))


def test_empty_digest_golden() -> None:
    assert_golden("digest_empty_de.html", format_digest(DigestData(since=DIGEST.since, until=AT), "de", "UTC"))


def test_filing_list_de_golden() -> None:
    assert_golden("filing_list_de.html", format_filings_list("CIFR", [PRICING_8K, QUARTERLY], "de"))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_news_list_golden(lang: str) -> None:
    assert_golden(f"news_list_{lang}.html", format_news_list("(MARA, HUT)", NEWS, lang))


def test_german_numbers_and_dates_by_babel() -> None:
    """The forms the issue asks for ("1.234,40 $", "+3,3 %", "1. Dez. 2026, 07:30"), and the English ones as
    before; Babel separates number and unit with a no-break space."""
    assert money(1234.4, "de") == "1.234,40\u00a0$" and money(1234.4, "en") == "$1,234.40"
    assert money(12.96, "de", "EUR") == "12,96\u00a0€" and money(12.96, "en", "EUR") == "€12.96"
    assert money(5, "en", "CHF") == "CHF 5.00" and money(5, "de", "CHF") == "5,00\u00a0CHF"
    assert percent(3.3, "de", signed=True) == "+3,3\u00a0%" and percent(3.3, "en", signed=True) == "+3.3%"
    assert percent(-4.0, "de") == "-4,0\u00a0%" and percent(2.375, "de", decimals=3, trim=True) == "2,375\u00a0%"
    assert compact_money(850e6, "de") == "850\u00a0Mio.\u00a0$" and compact_money(850e6, "en") == "$850M"
    assert compact_money(1.15e9, "de") == "1,15\u00a0Mrd.\u00a0$" and compact_money(1.15e9, "en") == "$1.15B"
    assert compact_money(950_000, "de") == "950.000\u00a0$" and compact_money(950_000, "en") == "$950,000"
    assert compact_count(32.43e6, "de") == "32,43\u00a0Mio." and compact_count(32.43e6, "en") == "32.43M"
    assert number(120_000, "de") == "120.000,00" and number(-5.5, "de", signed=True) == "-5,50"
    assert moment(AT, "de", "UTC") == "1. Dez. 2026, 07:30 UTC" and moment(AT, "en") == "2026-12-01 07:30 UTC"
    assert moment(AT, "de", "Europe/Berlin") == "1. Dez. 2026, 08:30 MEZ"
    assert moment(datetime(2026, 7, 1, 7, 30), "de", "Europe/Berlin") == "1. Juli 2026, 09:30 MESZ"
    assert day(date(2031, 6, 1), "de") == "1. Juni 2031" and day(date(2031, 6, 1), "en") == "2031-06-01"
    assert weekday(0, "de") == "Montag" and weekday(6, "de") == "Sonntag" and weekday(0, "en") == "Monday"
    assert moment(AT, "xx", "Nowhere/Else") == "2026-12-01 07:30 UTC"  # unknown language and zone: English, UTC


@pytest.mark.parametrize("lang", ["en", "de"])
def test_chat_lists_golden(lang: str) -> None:
    watchlist = format_watchlist(["MARA", "CIFR", "ZZZ"], {"MARA": "MARA Holdings", "CIFR": "Cipher Mining"}, lang)
    miners = format_miners([("MARA", "MARA Holdings", ("Marathon",)), ("CIFR", "Cipher <Mining>", ())], lang)
    themes = format_theme_list(THEMES, {"debt_terms", "capital_deployment"}, lang)
    assert_golden(f"chat_lists_{lang}.html", "\n\n".join((watchlist, miners, themes)))


def test_start_on_a_known_chat_never_claims_alerts_are_on_while_muted() -> None:
    tickers = ["CIFR", "MARA"]
    assert format_start(tickers, was_active=True) == ("👋 This chat is registered already. Your watchlist: CIFR, MARA.")
    assert format_start(tickers, "de", was_active=False, muted_until=AT, tz="Europe/Berlin") == (
        "👋 Willkommen zurück — dieser Chat ist registriert und erhält wieder Nachrichten. "
        "Ihre Watchlist: CIFR, MARA.\n"
        "🔕 Sofort-Alarme sind stumm bis 1. Dez. 2026, 08:30 MEZ; die Zusammenfassung listet sie weiter. /unmute "
        "schaltet sie jetzt wieder an."
    )
    assert format_start([], was_active=False, muted_until=AT).startswith(
        "👋 Welcome back — this chat is registered and receives messages again. Your watchlist: —.\n"
        "🔕 Instant alerts are muted until 2026-12-01 07:30 UTC;"
    )


def test_stats_golden() -> None:
    failing = [("Yahoo <quotes>", "HTTP 503 " + "x" * 200), ("prices:MARA", "")]
    text = format_stats(12, 3, 20, failing, {"sent": 1200, "pending": 4, "unknown": 1})
    assert_golden("stats_en.html", text)


def test_stats_says_how_many_failing_sources_it_does_not_name() -> None:
    failing = [(f"feed {n}", "HTTP 503") for n in range(MAX_FAILING_SOURCES_SHOWN + 3)]
    text = format_stats(1, 0, 40, failing, {})
    assert text.endswith(f"feed {MAX_FAILING_SOURCES_SHOWN - 1} (HTTP 503); +3 more")
