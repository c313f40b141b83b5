"""split_message on HTML: never inside a tag or a character reference, tags balanced in every part.

Every part is checked with the Bot API double's port of Telegram's HTML parser, which raises Telegram's
"can't parse entities" reasons.
"""

from __future__ import annotations

import html
import random
import re

import pytest

from bot.messages.markup import MAX_MESSAGE_CHARS, as_plain_html, esc, split_message
from bot.messages.news import NewsAlert, format_news_alert
from tests.doubles.telegram_html import parse_html

WS = re.compile(r"\s+")


def plain(text: str) -> str:
    return parse_html(text)[0]  # raises HtmlParseError where Telegram would refuse the text


def words(text: str) -> str:
    """The visible text without white space (a cut at a space drops that space)."""
    return WS.sub("", plain(text))


def assert_valid_parts(text: str, limit: int) -> list[str]:
    parts = split_message(text, limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert "".join(words(part) for part in parts) == words(text)  # nothing lost, nothing twice, order kept
    return parts


def test_a_long_bold_line_is_closed_and_reopened_on_every_part() -> None:
    line = "<b>" + " ".join(f"word{n}" for n in range(3000)) + "</b>"
    parts = assert_valid_parts(f"header\n{line}\nfooter", MAX_MESSAGE_CHARS)
    assert parts[0] == "header" and len(parts) >= 5
    assert all(part.startswith("<b>") and part.endswith("</b>") for part in parts[1:-1])
    assert parts[-1].endswith("</b>\nfooter")


def test_a_link_is_never_cut_and_its_text_moves_with_it() -> None:
    link = '<a href="https://wire.example/story?id=1&amp;utm=x">' + "Read the whole story " * 30 + "</a>"
    text = "\n".join([f"line {n} " + "x" * 50 for n in range(8)] + [link * 3])
    for part in assert_valid_parts(text, 500):
        assert part.count("<a ") == part.count("</a>")


def test_character_references_are_never_cut() -> None:
    text = "&amp;" * 2000 + "&#x1F4F0;" * 100 + "&lt;b&gt;" * 300
    parts = assert_valid_parts(text, MAX_MESSAGE_CHARS)
    assert all(re.fullmatch(r"(&amp;|&#x1F4F0;|&lt;|b|&gt;)+", part) for part in parts)


def test_a_tag_too_long_to_repeat_is_dropped_with_its_end_tag_and_its_text_kept() -> None:
    absurd = "https://wire.example/" + "a" * 4200
    line = f'• $MARA <a href="{esc(absurd)}">MARA prices notes</a> · #debt_terms 93%'
    text = "\n".join(["<b>Digest</b>", *[f"• story {n} <b>x</b>" for n in range(200)], line, "end"])
    parts = assert_valid_parts(text, MAX_MESSAGE_CHARS)
    assert "• $MARA MARA prices notes · #debt_terms 93%" in parts[-1]
    assert "aaaa" not in "".join(parts)


def test_long_links_on_lines_that_fit_are_kept() -> None:
    link = "https://wire.example/" + "a" * 2020  # a link at the feed reader's 2,048-character cap
    lines = [f'• $MARA <a href="{link}">story {n}</a>' for n in range(6)]
    parts = assert_valid_parts("\n".join(["<b>Digest</b>", *lines]), MAX_MESSAGE_CHARS)
    assert len(parts) == 6 and "\n".join(parts).count(f'<a href="{link}">') == 6  # a line each, links kept


def test_tags_spanning_lines_are_balanced_at_line_cuts() -> None:
    text = "<blockquote>" + "\n".join(f"quoted line {n} with <i>style</i>" for n in range(400)) + "</blockquote>"
    parts = assert_valid_parts(text, 1000)
    assert all(part.startswith("<blockquote>") and part.endswith("</blockquote>") for part in parts)


@pytest.mark.parametrize("seed", range(10))
def test_random_html_always_splits_into_valid_parts(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["MARA", "hashprice", "€", "📰", "&amp;", "&lt;", "&#39;", " ", " ", " ", "\n", "über", "x" * 30]
    tags = [
        ("<b>", "</b>"),
        ("<i>", "</i>"),
        ('<a href="https://n.example/?a=1&amp;b=2">', "</a>"),
        ("<code>", "</code>"),
    ]

    def fragment(depth: int) -> str:
        out = []
        for _ in range(rng.randint(1, 12)):
            if depth < 3 and rng.random() < 0.25:
                opening, closing = rng.choice(tags)
                out.append(opening + fragment(depth + 1) + closing)
            else:
                out.append(rng.choice(pieces))
        return "".join(out)

    text = "".join(fragment(0) for _ in range(120))
    assert_valid_parts(text, rng.choice([80, 200, 333, 1000]))


def test_a_4200_character_link_in_a_news_alert_leaves_parts_telegram_accepts() -> None:
    alert = NewsAlert(
        title="MARA prices notes",
        link="https://wire.example/" + "a" * 4200,
        lede="MARA Holdings priced notes.",
        tickers=("MARA",),
        themes=("debt_terms",),
        scores={"debt_terms": 0.9},
        source_name="Wire",
    )
    text = format_news_alert(alert)
    for part in split_message(text):
        plain(part)


def test_plain_fallback_drops_markup_and_keeps_the_words() -> None:
    broken = '📰 <b>MARA &amp; CIFR</b>\n<a href="https://x.example/?a=1&amp;b=2">Read</a> 3 &lt; 4 <unclosed'
    fallback = as_plain_html(broken)
    assert plain(fallback) == html.unescape("📰 MARA &amp; CIFR\nRead 3 &lt; 4 <unclosed")
    assert as_plain_html(fallback) == fallback  # already plain: nothing left to change


@pytest.mark.parametrize("limit", [1, 3, 8])
def test_limits_smaller_than_a_tag_still_terminate_and_keep_every_character(limit: int) -> None:
    text = '<a href="https://x.example/">' + "y" * 20 + "</a> &amp;&amp; <b>z</b>"
    parts = split_message(text, limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert "y" * 20 in "".join(parts) and "z" in "".join(parts)
