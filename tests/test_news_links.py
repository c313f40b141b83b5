"""Links are kept only when reasonable (http/https, at most MAX_LINK_CHARS); a dropped link never drops the story."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest

from watchers.news import MAX_LINK_CHARS, MAX_TITLE_CHARS, clean_link, entry_identity, parse_feed

NOW = datetime(2030, 1, 2, 12, 0, tzinfo=UTC)  # any fixed instant: the items carry no dates


def rss(*items: tuple[str, str, str]) -> bytes:
    body = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link><guid>{escape(guid)}</guid></item>"
        for guid, title, link in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'.encode()


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("https://news.example/a?b=1&c=2", True),
        ("HTTP://NEWS.EXAMPLE/A", True),
        ("https://news.example/" + "a" * (MAX_LINK_CHARS - 21), True),  # exactly the cap
        ("https://news.example/" + "a" * (MAX_LINK_CHARS - 20), False),
        ("https://news.example/" + "a" * 4200, False),
        ("javascript:alert(1)", False),
        ("ftp://news.example/a", False),
        ("/relative/path", False),
        ("https://news.example/a b", False),
        ("https://news.example/a\x00", False),
        ("", False),
    ],
)
def test_clean_link(link: str, kept: bool) -> None:
    assert clean_link(link) == (link.strip() if kept else "")


def test_a_story_with_an_absurd_link_keeps_its_title_and_identity() -> None:
    absurd = "https://news.example/mara?" + "utm=x&" * 700
    [entry] = parse_feed(rss(("mara-1", "MARA prices notes", absurd)), now=NOW)
    assert entry.title == "MARA prices notes" and entry.link == ""
    assert entry.identity == entry_identity("mara-1", absurd, "MARA prices notes", None)


def test_an_entry_with_only_an_absurd_link_gets_a_short_title_from_it() -> None:
    absurd = "https://news.example/mara?" + "utm=x&" * 700
    [entry] = parse_feed(rss(("", "", absurd)), now=NOW)
    assert entry.link == "" and len(entry.title) <= MAX_TITLE_CHARS and entry.title.startswith("https://news.example")
