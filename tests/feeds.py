"""Hand-built RSS for pipeline tests (scenario fixtures live in tests/fixtures/rss)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

#: The publication date of job-test items: an hour before the fixed clock those tests start from (conftest.Clock).
FIXED_PUBLISHED = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)

Item = tuple[str, str, str] | tuple[str, str, str, str]


def rss(*items: Item, title: str = "Test feed", published: datetime = FIXED_PUBLISHED) -> bytes:
    """RSS 2.0 bytes from (guid, title, description[, publisher]) tuples, every item dated `published`."""
    pub_date = format_datetime(published.astimezone(UTC), usegmt=True)
    body = []
    for item in items:
        guid, headline, description = item[:3]
        source = f'<source url="https://publisher.example">{escape(item[3])}</source>' if len(item) > 3 else ""
        body.append(
            f"<item><title>{escape(headline)}</title><link>https://news.example/{escape(guid)}</link>"
            f'<guid isPermaLink="false">{escape(guid)}</guid><pubDate>{pub_date}</pubDate>'
            f"<description>{escape(description)}</description>{source}</item>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>https://news.example/</link><description>t</description>{''.join(body)}</channel></rss>"
    ).encode()


def fresh_rss(*items: Item, title: str = "Test feed") -> bytes:
    """RSS whose items were published a minute ago by the wall clock, for tests that run the whole product
    (its jobs read the real clock, which the test may move with time-machine): fresh on any date."""
    return rss(*items, title=title, published=datetime.now(UTC) - timedelta(minutes=1))
