"""News feeds (RSS / Atom): fetch bytes with httpx, parse with feedparser, attribute entries to miners.

Identity of an entry (documented fallback chain): guid → link → hash(title + published date).
The store enforces it with a UNIQUE (source, identity) key.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import httpx

from watchers.http import FetchResult, fetch

#: Longest title / lede we keep (a feed's description can be a whole article).
MAX_TITLE_CHARS = 400
MAX_LEDE_CHARS = 600
#: Longest link we keep. Real article links are far shorter; a 4,200-character one made an alert too long to
#: send. A longer link, or one that is not http(s), is dropped: the story is still alerted, without the link.
MAX_LINK_CHARS = 2048
#: Dates further in the future than this are treated as "now" (clock skew, typos in feeds).
FUTURE_TOLERANCE = timedelta(hours=1)
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


class FeedParseError(Exception):
    """The body is not a usable feed (HTML page, junk, empty, broken XML with no entries)."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, reduced to what an alert needs."""

    identity: str
    title: str
    link: str
    lede: str
    published_at: datetime | None
    source_name: str  # the publisher, when the feed names one (news-search feeds do)


@dataclass(frozen=True)
class FeedPoll:
    """The result of polling one feed."""

    fetch: FetchResult
    entries: tuple[FeedEntry, ...]

    @property
    def not_modified(self) -> bool:
        return self.fetch.not_modified


@dataclass(frozen=True)
class MinerNames:
    """How a miner is named in text: its ticker, name and aliases."""

    ticker: str
    name: str
    aliases: tuple[str, ...] = ()


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never valid in a headline; NUL breaks PostgreSQL
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


def clean_text(value: str | None, limit: int) -> str:
    """Strip tags and entities, fold white space, cut at `limit` characters on a word boundary."""
    text = _SPACE.sub(" ", _CONTROL.sub(" ", html.unescape(_TAG.sub(" ", value or "")))).strip()
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def clean_link(value: str | None) -> str:
    """The entry's link if it is a reasonable http(s) URL, else "" (the story then goes out without one)."""
    link = (value or "").strip()
    if len(link) > MAX_LINK_CHARS or not link.lower().startswith(("http://", "https://")):
        return ""
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in link):
        return ""  # not a URL (and Telegram would not make a link of it)
    return link


def _stated_date(entry: Any) -> datetime | None:
    """The entry's published (else updated) date as the feed states it, in UTC."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _published(stated: datetime | None, now: datetime) -> datetime | None:
    """The stated date, or `now` when it lies further ahead than FUTURE_TOLERANCE."""
    if stated is None:
        return None
    return min(stated, now) if stated > now + FUTURE_TOLERANCE else stated


def entry_identity(guid: str | None, link: str | None, title: str, published: datetime | None) -> str:
    """guid, else link, else a hash of title + date — hashed to a fixed width for the UNIQUE key."""
    if guid and guid.strip():
        basis = "guid:" + guid.strip()
    elif link and link.strip():
        basis = "link:" + link.strip()
    else:
        basis = "title:" + title.strip().lower() + "|" + (published.isoformat() if published else "")
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:40]


def parse_feed(body: bytes, *, content_type: str | None = None, now: datetime | None = None) -> list[FeedEntry]:
    """Parse feed bytes; raise FeedParseError when the body is not a feed at all."""
    now = now or datetime.now(UTC)
    if not body.strip():
        raise FeedParseError("empty body")
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            raise FeedParseError(f"not a feed: {type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}")
        if not parsed.get("version"):
            raise FeedParseError("not a feed: no RSS or Atom root element")
    entries = []
    for raw in parsed.entries:
        title = clean_text(raw.get("title"), MAX_TITLE_CHARS)
        link = (raw.get("link") or "").strip()
        if not title and not link:
            continue
        stated = _stated_date(raw)
        published = _published(stated, now)
        source = raw.get("source") or {}
        source_name = clean_text(source.get("title") if hasattr(source, "get") else "", 100)
        lede = clean_text(raw.get("summary"), MAX_LEDE_CHARS)
        if source_name and title.endswith(" - " + source_name):
            title = title[: -len(" - " + source_name)]  # news-search feeds append the publisher
        if lede.startswith(title):
            lede = ""  # news-search descriptions only repeat the headline
        entries.append(
            FeedEntry(
                # The stated date, not the clamped one: a future date clamped to `now` would change every poll.
                identity=entry_identity(raw.get("id"), link, title, stated),
                title=title or clean_text(link, MAX_TITLE_CHARS),
                link=clean_link(link),
                lede=lede,
                published_at=published,
                source_name=source_name,
            )
        )
    return entries


async def poll_feed(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    now: datetime | None = None,
) -> FeedPoll:
    """Conditional GET of a feed; FetchError on transport / HTTP failures, FeedParseError on junk."""
    result = await fetch(client, url, etag=etag, last_modified=last_modified, headers={"Accept": FEED_ACCEPT})
    if result.not_modified:
        return FeedPoll(result, ())
    return FeedPoll(result, tuple(parse_feed(result.body, content_type=result.content_type, now=now)))


# --- attribution -------------------------------------------------------------------------------------


def _name_pattern(name: str) -> str:
    words = [re.escape(word) for word in name.split()]
    return r"\b" + r"[\s\-]+".join(words) + r"(?:'s|’s)?\b"


def build_attribution(miners: Iterable[MinerNames]) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    """Per miner: a case-insensitive pattern for names / cashtags / exchange:ticker, and a case-sensitive
    one for the bare ticker (so 'HUT' the ticker matches but 'hut' the word does not)."""
    rules = []
    for miner in miners:
        ticker = re.escape(miner.ticker)
        names = [_name_pattern(n) for n in (miner.name, *miner.aliases) if n.strip()]
        exchange = rf"\b(?:nasdaq|nyse|nyse\s+american|tsx|tsxv|asx|otc)\s*:\s*{ticker}\b"
        cashtag = rf"(?<![\w$])\${ticker}\b"
        loose = re.compile("|".join([exchange, cashtag, *names]), re.IGNORECASE)
        # A bare all-caps ticker of three or more letters is specific enough; shorter ones are not.
        bare = re.compile(rf"(?<![\w$.]){ticker}(?![\w])") if len(miner.ticker) >= 3 else None
        rules.append((miner.ticker, loose, bare))
    return rules


def attribute(text: str, rules: Sequence[tuple[str, re.Pattern[str], re.Pattern[str] | None]]) -> list[str]:
    """Tickers of the miners a text is about, in universe order."""
    found = []
    for ticker, loose, bare in rules:
        if loose.search(text) or (bare is not None and bare.search(text)):
            found.append(ticker)
    return found


# --- one story from many feeds ---------------------------------------------------------------------

_STORY_NOISE = re.compile(r"[^\w ]+")  # Unicode letters: a Cyrillic or CJK headline must not reduce to ""
_STOPWORDS = frozenset("a an the to of in on for and or with as by at its from is are after amid says".split())


def story_key(title: str) -> str:
    """A key equal for the same headline as carried by different feeds (case, punctuation, publisher suffix)."""
    text = title.lower().replace("’", "'")
    text = re.sub(r"\s+[-|–—]\s+[^-|–—]{2,60}$", "", text)  # " - Publisher" suffix
    words = [w for w in _STORY_NOISE.sub(" ", text).split() if w not in _STOPWORDS]
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:32]
