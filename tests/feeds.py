"""Hand-built RSS for pipeline tests (scenario fixtures live in tests/fixtures/rss)."""

from __future__ import annotations

from xml.sax.saxutils import escape


def rss(*items: tuple[str, str, str] | tuple[str, str, str, str], title: str = "Test feed") -> bytes:
    """RSS 2.0 bytes from (guid, title, description[, publisher]) tuples."""
    body = []
    for item in items:
        guid, headline, description = item[:3]
        source = f'<source url="https://publisher.example">{escape(item[3])}</source>' if len(item) > 3 else ""
        body.append(
            f"<item><title>{escape(headline)}</title><link>https://news.example/{escape(guid)}</link>"
            f'<guid isPermaLink="false">{escape(guid)}</guid><pubDate>Wed, 25 Nov 2026 11:00:00 GMT</pubDate>'
            f"<description>{escape(description)}</description>{source}</item>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>https://news.example/</link><description>t</description>{''.join(body)}</channel></rss>"
    ).encode()
