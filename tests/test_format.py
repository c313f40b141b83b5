"""News alert formatting against golden files, escaping of hostile feed text, and message splitting."""

from __future__ import annotations

import html
import os
import random
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.messages.markup import MAX_MESSAGE_CHARS, split_message
from bot.messages.news import NewsAlert, format_news_alert

GOLDEN = Path(__file__).parent / "golden"

NOTES = NewsAlert(
    title="MARA Holdings Prices $950 Million Convertible Senior Notes due 2032",
    link="https://www.globenewswire.com/news-release/2026/11/25/3100001/0/en/MARA-Notes.html?utm_source=rss&lang=en",
    lede=(
        "FORT LAUDERDALE, Fla., Nov. 25, 2026 (GLOBE NEWSWIRE) -- MARA Holdings, Inc. (NASDAQ: MARA) announced "
        "the pricing of $950 million aggregate principal amount of 0.00% convertible senior notes due 2032."
    ),
    tickers=("MARA",),
    themes=("debt_terms", "capital_deployment"),
    scores={"debt_terms": 0.934, "capital_deployment": 0.615, "regulation": 0.02},
    source_name="GlobeNewswire",
    also_reported_by=("Yahoo Finance", "Reuters"),
)

HOSTILE_TITLE = '<script>alert("title")</script> Cipher & Co <b>bold</b> &amp; </a>'
HOSTILE_LEDE = "Terms: 3% < coupon > 1% </b><a href=\"javascript:alert('lede')\">click</a> & &lt;more&gt;"
HOSTILE_SOURCE = '<i>Evil & Sons</i>" onmouseover="alert(1)'
HOSTILE_LINK = "https://evil.example/?q=\"><script>alert('link')</script>&x='y'"
HOSTILE = NewsAlert(
    title=HOSTILE_TITLE,
    link=HOSTILE_LINK,
    lede=HOSTILE_LEDE,
    tickers=("CIFR", "<b>X</b>"),
    themes=("debt_terms", "<u>x</u>"),
    scores={"debt_terms": 0.5, "<u>x</u>": 0.25},
    source_name=HOSTILE_SOURCE,
    also_reported_by=("<script>", "A & B"),
)


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; with UPDATE_GOLDEN=1 rewrite the file instead (review the diff)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run the tests once with UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: rerun with UPDATE_GOLDEN=1 if intended"


class TelegramHTML(HTMLParser):
    """Collects tags and text as Telegram's HTML parse mode would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.closed: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.closed.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def read_html(text: str) -> TelegramHTML:
    parser = TelegramHTML()
    parser.feed(text)
    parser.close()
    return parser


# --- golden files ----------------------------------------------------------------------------------


def test_news_alert_en_golden() -> None:
    assert_golden("news_alert_en.html", format_news_alert(NOTES, "en"))


def test_news_alert_de_golden() -> None:
    text = format_news_alert(NOTES, "de")
    assert_golden("news_alert_de.html", text)
    assert "Themen:" in text and "Quelle:" in text and "auch gemeldet von" in text


def test_news_alert_hostile_golden() -> None:
    assert_golden("news_alert_hostile.html", format_news_alert(HOSTILE, "en"))


def test_unknown_language_falls_back_to_english() -> None:
    assert format_news_alert(NOTES, "xx") == format_news_alert(NOTES, "en")


# --- escaping --------------------------------------------------------------------------------------


def test_hostile_feed_text_is_escaped_everywhere() -> None:
    text = format_news_alert(HOSTILE, "en")
    parsed = read_html(text)
    # The only markup is ours: the bold headline and one link, each closed.
    assert [tag for tag, _ in parsed.tags] == ["b", "a"]
    assert parsed.closed == ["b", "a"]
    assert parsed.tags[1][1] == {"href": HOSTILE_LINK}  # the attribute round-trips exactly, quotes included
    for raw in (HOSTILE_TITLE, HOSTILE_LEDE, HOSTILE_SOURCE, "<script>", "A & B", "<b>X</b>", "<u>x</u>"):
        assert raw in parsed.text  # shown as text, not interpreted
    assert "<script" not in text and "<i>" not in text and "<u>" not in text
    assert html.unescape(text.split("\n")[2]) == HOSTILE_LEDE


def test_every_line_is_balanced_html() -> None:
    for alert in (NOTES, HOSTILE):
        for line in format_news_alert(alert, "en").split("\n"):
            parsed = read_html(line)
            assert sorted(tag for tag, _ in parsed.tags) == sorted(parsed.closed)


def test_optional_parts_are_left_out() -> None:
    bare = NewsAlert(
        title="Bitcoin hashprice falls", link="", lede="", tickers=(), themes=(), scores={}, source_name=""
    )
    assert format_news_alert(bare, "en") == "📰 <b>Bitcoin hashprice falls</b>\nThemes: no theme"
    assert format_news_alert(bare, "de") == "📰 <b>Bitcoin hashprice falls</b>\nThemen: kein Thema"
    only_others = NewsAlert(
        title="T",
        link="",
        lede="",
        tickers=("WULF",),
        themes=(),
        scores={},
        source_name="",
        also_reported_by=("CoinDesk",),
    )
    assert format_news_alert(only_others, "en").split("\n")[1:] == [
        "$WULF · Themes: no theme",
        "Source: also reported by CoinDesk",
    ]


# --- split_message ---------------------------------------------------------------------------------


def random_lines(count: int, seed: int, longest: int = 300) -> list[str]:
    rng = random.Random(seed)
    words = ["MARA", "hashprice", "convertible", "notes", "<b>CIFR</b>", "&amp;", "MW", "AI", "€", "📰", "über"]
    lines = []
    for _ in range(count):
        line = ""
        target = rng.randint(1, longest)
        while len(line) < target:
            line += rng.choice(words) + " "
        lines.append(line.strip())
    return lines


def test_short_text_is_one_chunk_unchanged() -> None:
    text = format_news_alert(NOTES)
    assert split_message(text) == [text]
    exact = "x" * MAX_MESSAGE_CHARS
    assert split_message(exact) == [exact]


@pytest.mark.parametrize("seed", range(5))
def test_chunks_fit_and_rejoin_to_the_original_lines(seed: int) -> None:
    text = "\n".join(random_lines(400, seed))
    chunks = split_message(text)
    assert len(chunks) > 1
    assert all(0 < len(chunk) <= MAX_MESSAGE_CHARS for chunk in chunks)
    assert all(chunk.strip() for chunk in chunks)
    assert "\n".join(chunks) == text  # cut only at line boundaries, nothing lost, order kept
    # Each chunk is filled: the next chunk's first line would not have fitted.
    for chunk, following in zip(chunks, chunks[1:], strict=False):
        assert len(chunk) + 1 + len(following.split("\n")[0]) > MAX_MESSAGE_CHARS


def test_small_limit() -> None:
    assert split_message("a\nb\nc", limit=3) == ["a\nb", "c"]
    assert split_message("aa\nbb\ncc", limit=5) == ["aa\nbb", "cc"]


def test_long_line_is_cut_at_spaces() -> None:
    words = [f"w{n:05d}" for n in range(2000)]  # 14,000 characters on one line
    line = " ".join(words)
    chunks = split_message(f"header\n{line}\nfooter")
    assert all(0 < len(chunk) <= MAX_MESSAGE_CHARS for chunk in chunks)
    assert chunks[0] == "header" and chunks[-1].endswith("\nfooter")
    pieces = [chunks[1], *chunks[2:-1], chunks[-1].rsplit("\n", 1)[0]]
    assert " ".join(pieces) == line  # cut between words, no word split
    assert all(not piece.startswith(" ") and not piece.endswith(" ") for piece in pieces)


def test_long_line_without_spaces_is_cut_hard() -> None:
    line = "x" * (2 * MAX_MESSAGE_CHARS + 10)
    chunks = split_message(line)
    assert [len(chunk) for chunk in chunks] == [MAX_MESSAGE_CHARS, MAX_MESSAGE_CHARS, 10]
    assert "".join(chunks) == line


def test_blank_lines_never_make_empty_chunks() -> None:
    lines = random_lines(200, 99)
    text = "\n\n".join(lines) + "\n\n\n"
    chunks = split_message(text)
    assert all(chunk.strip() and len(chunk) <= MAX_MESSAGE_CHARS for chunk in chunks)
    assert [line for chunk in chunks for line in chunk.split("\n") if line] == lines


def test_ten_thousand_character_alert_splits_on_line_boundaries() -> None:
    paragraphs = [f"Paragraph {n}: TeraWulf &amp; Fluidstack expand Lake Mariner by {n} MW. " * 2 for n in range(70)]
    alert = NewsAlert(
        title="TeraWulf full release",
        link="https://wire.example/terawulf",
        lede="\n".join(p.strip() for p in paragraphs),
        tickers=("WULF",),
        themes=("capital_deployment",),
        scores={"capital_deployment": 0.88},
        source_name="Wire",
    )
    text = format_news_alert(alert)
    assert len(text) >= 10_000
    chunks = split_message(text)
    assert len(chunks) >= 3
    assert all(0 < len(chunk) <= MAX_MESSAGE_CHARS for chunk in chunks)
    assert "\n".join(chunks) == text
    original_lines = set(text.split("\n"))
    for chunk in chunks:
        assert set(chunk.split("\n")) <= original_lines  # whole lines only
        parsed = read_html(chunk)
        assert sorted(tag for tag, _ in parsed.tags) == sorted(parsed.closed)  # no tag split across messages
    assert chunks[0].startswith("📰 <b>TeraWulf full release</b>")
    assert chunks[-1].endswith('<a href="https://wire.example/terawulf">Read</a>')
