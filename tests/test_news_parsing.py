"""News watcher: feed parsing on scenario fixtures, identity, attribution, story keys and the HTTP helper."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from minerwatch.defaults import DEFAULT_MINERS
from watchers.http import (
    BACKOFF_BASE_SECONDS,
    BACKOFF_CAP_SECONDS,
    MAX_BODY_BYTES,
    FetchError,
    backoff_seconds,
    fetch,
    parse_retry_after,
)
from watchers.news import (
    FUTURE_TOLERANCE,
    MAX_LEDE_CHARS,
    FeedEntry,
    FeedParseError,
    MinerNames,
    attribute,
    build_attribution,
    clean_text,
    entry_identity,
    parse_feed,
    poll_feed,
    story_key,
)

RSS = Path(__file__).parent / "fixtures" / "rss"
NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
FEED_URL = "https://wire.example/feed.xml"


def load(name: str) -> bytes:
    return (RSS / name).read_bytes()


def parse(name: str, now: datetime = NOW) -> list[FeedEntry]:
    return parse_feed(load(name), now=now)


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


# --- feeds that parse -----------------------------------------------------------------------------


def test_google_news_search_strips_publisher_suffix_and_repeated_description() -> None:
    entries = parse("google_news_search.xml")
    assert [e.title for e in entries] == [
        "Fall Related Emergency Visits for Older Adults Continue to Climb",
        "Ketanji Brown Jackson criticizes supreme court’s handling of emergency docket",
    ]
    assert [e.source_name for e in entries] == ["countynewscenter.com", "The Guardian"]
    assert all(e.lede == "" for e in entries)  # the description only repeats the headline
    assert entries[0].link == "https://news.google.com/rss/articles/CBMinwFBVV95cUxObDNTMW1VT3pC?oc=5"
    assert entries[0].published_at == datetime(2026, 9, 25, 13, 53, 48, tzinfo=UTC)
    assert entries[0].identity == entry_identity("CBMinwFBVV95cUxObDNTMW1VT3pC", entries[0].link, "", None)


def test_missing_guid_falls_back_to_link() -> None:
    entries = parse("missing_guid.xml")
    assert len(entries) == 2
    for entry in entries:
        assert entry.link.startswith("https://wire.example/2026/11/24/")
        assert entry.identity == entry_identity(None, entry.link, "anything", None)
    assert entries[0].identity != entries[1].identity


def test_missing_guid_and_link_falls_back_to_title_and_date() -> None:
    first, later, undated = parse("missing_guid_and_link.xml")
    assert first.link == later.link == undated.link == ""
    assert first.title == later.title == "IREN signs multi-year GPU cloud contract"
    assert first.identity == entry_identity(None, None, first.title, datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    assert first.identity != later.identity  # same headline, different day: two items
    assert undated.published_at is None
    assert undated.identity == entry_identity(None, "", "Hut 8 Corp reports November production", None)
    assert parse("missing_guid_and_link.xml", now=NOW + timedelta(days=3)) == [first, later, undated]


def test_identity_fallback_chain() -> None:
    when = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    by_guid = entry_identity("guid-1", "https://a.example/1", "Title", when)
    assert by_guid == entry_identity(" guid-1 ", "https://other.example/", "Other", None)  # guid wins, trimmed
    assert by_guid != entry_identity(None, "https://a.example/1", "Title", when)
    by_link = entry_identity(None, "https://a.example/1", "Title", when)
    assert by_link == entry_identity("  ", "https://a.example/1", "Other", None)  # blank guid is no guid
    assert by_link != entry_identity(None, "https://a.example/2", "Title", when)
    by_title = entry_identity(None, None, "IREN Signs Deal", when)
    assert by_title == entry_identity("", " ", " iren signs deal ", when)  # case and outer spaces ignored
    assert by_title != entry_identity(None, None, "IREN Signs Deal", when + timedelta(days=1))
    assert by_title != entry_identity(None, None, "IREN Signs Deal", None)
    assert len({by_guid, by_link, by_title}) == 3
    assert all(len(key) == 40 for key in (by_guid, by_link, by_title))  # fits the store's identity column


def test_duplicate_across_feeds_share_a_story_key() -> None:
    (via_search,) = parse("duplicate_across_feeds_a.xml")
    (via_wire,) = parse("duplicate_across_feeds_b.xml")
    assert via_search.identity != via_wire.identity
    assert via_search.source_name == "Yahoo Finance" and via_wire.source_name == ""
    assert story_key(via_search.title) == story_key(via_wire.title)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("MARA prices $950M notes", "MARA Prices $950M Notes - Reuters"),
        ("Cipher Mining’s AWS lease", "Cipher Mining's AWS lease | Bloomberg"),
        ("TeraWulf signs lease with Fluidstack", "TeraWulf Signs Lease With Fluidstack — CoinDesk"),
        ("IREN: Microsoft deal, expanded", "IREN Microsoft deal expanded"),
    ],
)
def test_story_key_ignores_case_punctuation_and_publisher(one: str, other: str) -> None:
    assert story_key(one) == story_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("MARA prices $950M notes", "MARA prices $850M notes"),
        ("Cipher Mining signs AWS lease", "Cipher Mining ends AWS lease"),
        ("Майнер покупает GPU-кластер", "Майнер продаёт дата-центр"),
        ("Майнер покупает", "Биткоин растёт"),
        ("矿企签署人工智能租约", "比特币价格下跌"),
    ],
)
def test_story_key_keeps_different_stories_apart(one: str, other: str) -> None:
    assert story_key(one) != story_key(other)


def test_globenewswire_style_dateline_lede_and_exchange_categories() -> None:
    production, joint_venture = parse("globenewswire_style.xml")
    assert production.title == "MARA Announces September 2026 Production and Mining Operation Updates"
    assert production.link.startswith("https://www.globenewswire.com/news-release/2026/10/02/3160001/")
    assert production.identity == entry_identity(production.link, None, "", None)  # guid wrapped onto a new line
    assert production.published_at == datetime(2026, 10, 2, 18, 6, tzinfo=UTC)  # pubDate without seconds
    assert production.lede.startswith("FORT LAUDERDALE, Fla., Oct. 02, 2026 (GLOBE NEWSWIRE) -- MARA Holdings")
    assert "“MARA” or the “Company”" in production.lede  # &#8220; entities inside escaped HTML
    assert "<p>" not in production.lede and "  " not in production.lede
    assert joint_venture.lede.startswith("LAS VEGAS, Sept. 29, 2026 (GLOBE NEWSWIRE) --")  # CDATA description
    rules = default_rules()
    assert attribute(f"{production.title}\n{production.lede}", rules) == ["MARA"]
    assert attribute(f"{joint_venture.title}\n{joint_venture.lede}", rules) == ["MARA", "WULF"]


def test_atom_feed() -> None:
    deal, listing = parse("atom_feed.xml")
    assert deal.title == "IREN & Microsoft extend Childress AI cloud deal"  # type="html" title unescaped once
    assert deal.link == "https://notes.example/2026/11/iren-microsoft-childress"
    assert deal.identity == entry_identity("tag:notes.example,2026:post-812", None, "", None)
    assert deal.published_at == datetime(2026, 11, 24, 22, 45, tzinfo=UTC)  # -05:00 converted to UTC
    assert deal.lede == "IREN (formerly Iris Energy) adds 200 MW of GPU capacity for Microsoft at Childress."
    assert listing.published_at == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # <updated> when no <published>


def test_windows_1252_feed_decodes() -> None:
    body = load("non_utf8_windows1252.xml")
    assert b"\x92" in body and b"\xe9" in body  # the fixture really is windows-1252
    for content_type in (None, "application/rss+xml", "text/xml"):
        (entry,) = parse_feed(body, content_type=content_type, now=NOW)
        assert entry.title == "Bitfarms’ Panther Creek site moves to HPC – café talk"
        assert (
            entry.lede
            == "Bitfarms Ltd. (NASDAQ: BITF) says “Panther Creek” will host 350 MW for AI tenants — résumé inside."
        )
        assert entry.published_at == datetime(2026, 11, 23, 7, 15, tzinfo=UTC)  # +0100 converted to UTC


def test_future_dates_are_clamped_and_identity_stays_stable() -> None:
    acquisition, undated_identity, on_time = parse("future_dates.xml")
    assert acquisition.published_at == NOW  # 2029: clamped to the poll's clock
    assert undated_identity.published_at == NOW
    assert on_time.published_at == datetime(2026, 11, 25, 11, 30, tzinfo=UTC)  # untouched
    later = parse("future_dates.xml", now=NOW + timedelta(minutes=5))
    # No guid and no link: the identity hashes title + the feed's own date, so a later poll sees the same item.
    assert [e.identity for e in later] == [acquisition.identity, undated_identity.identity, on_time.identity]
    assert later[0].published_at == NOW + timedelta(minutes=5)


def test_small_clock_skew_is_kept() -> None:
    ahead = NOW + FUTURE_TOLERANCE - timedelta(minutes=1)
    body = load("missing_guid.xml").replace(
        b"Tue, 24 Nov 2026 14:05:00 GMT", ahead.strftime("%a, %d %b %Y %H:%M:%S GMT").encode()
    )
    assert parse_feed(body, now=NOW)[0].published_at == ahead


def test_truncated_feed_keeps_complete_entries_only() -> None:
    body = load("malformed_truncated.xml")
    assert not body.rstrip().endswith(b"</rss>")
    (entry,) = parse_feed(body, now=NOW)
    assert entry.title == "Core Scientific completes CoreWeave site conversion at Denton"
    assert entry.identity == entry_identity("wire-20261120-corz-denton", None, "", None)
    assert entry.lede == "Core Scientific (NASDAQ: CORZ) handed the last Denton data hall to CoreWeave."


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("html_instead_of_feed.html", "text/html; charset=utf-8"),
        ("html_instead_of_feed.html", None),
        ("empty.xml", "application/rss+xml"),
        ("binary_junk.bin", "application/octet-stream"),
        ("binary_junk.bin", None),
    ],
)
def test_not_a_feed_raises_feed_parse_error(name: str, content_type: str | None) -> None:
    with pytest.raises(FeedParseError):
        parse_feed(load(name), content_type=content_type, now=NOW)


def test_empty_fixture_is_empty() -> None:
    assert load("empty.xml") == b""
    with pytest.raises(FeedParseError, match="empty"):
        parse_feed(b" \n\t", now=NOW)


def test_feed_with_no_items_is_not_an_error() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://q.example/</link><description>d</description></channel></rss>'
    assert parse_feed(body, now=NOW) == []


def test_link_must_be_http() -> None:
    body = load("missing_guid.xml").replace(
        b"https://wire.example/2026/11/24/terawulf-lake-mariner-fluidstack", b"javascript:alert(1)"
    )
    entry = parse_feed(body, now=NOW)[0]
    assert entry.link == ""
    assert entry.identity == entry_identity(None, "javascript:alert(1)", "", None)  # still a stable identity


# --- clean_text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>MARA <b>prices</b> notes</p>", "MARA prices notes"),
        ("Cipher&nbsp;&amp;&nbsp;AWS", "Cipher & AWS"),
        ("  line one\n\n\tline two  ", "line one line two"),
        ("<a href='x'>Hut 8</a> , <i>today</i> .", "Hut 8, today."),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),  # text, escaped when formatted
        (None, ""),
        ("", ""),
    ],
)
def test_clean_text(raw: str | None, expected: str) -> None:
    assert clean_text(raw, MAX_LEDE_CHARS) == expected


def test_clean_text_cuts_on_a_word_boundary() -> None:
    text = " ".join(f"word{n}" for n in range(200))
    cut = clean_text(text, 50)
    assert cut.endswith("…") and len(cut) <= 50
    assert text.startswith(cut[:-1]) and cut[:-1].split(" ")[-1] in text.split(" ")  # no half word
    assert clean_text(text, len(text)) == text
    assert clean_text("x" * 80, 50) == "x" * 49 + "…"  # one long word: hard cut, still within the limit


def test_long_lede_is_capped() -> None:
    long = "Riot Platforms expands Corsicana. " * 100
    body = load("missing_guid.xml").replace(
        b"TeraWulf Inc. (NASDAQ: WULF) said it will add 200 MW of critical IT load at Lake Mariner.", long.encode()
    )
    lede = parse_feed(body, now=NOW)[0].lede
    assert len(lede) <= MAX_LEDE_CHARS and lede.endswith("…")


# --- attribution ------------------------------------------------------------------------------------


def default_rules() -> list:
    miners = [MinerNames(str(m["ticker"]), str(m["name"]), tuple(m["aliases"])) for m in DEFAULT_MINERS]  # type: ignore[arg-type]
    return build_attribution(miners)


@pytest.mark.parametrize(
    ("text", "tickers"),
    [
        ("Marathon Digital adds 50 EH/s in Texas", ["MARA"]),
        ("MARA Holdings prices convertible notes", ["MARA"]),
        ("$CIFR jumps 12% on AWS lease", ["CIFR"]),
        ("$cifr call volume spikes", ["CIFR"]),
        ("TeraWulf Inc. (NASDAQ: WULF) prices notes", ["WULF"]),
        ("(NASDAQ: WULF)", ["WULF"]),
        ("Tickers: Nasdaq:MARA", ["MARA"]),
        ("Hut 8 Corp to spin out American Bitcoin", ["HUT"]),
        ("Hut 8 Corp. (Nasdaq: HUT)", ["HUT"]),
        ("Engineers slept in a hut near the substation", []),
        ("RIOT shares fall after hours", ["RIOT"]),
        ("riot police clear the square", []),
        ("Riot police clear the square", []),
        ("Core Scientific signs another CoreWeave lease", ["CORZ"]),
        ("Cipher Mining's AWS lease starts in 2026", ["CIFR"]),
        ("Cipher Mining’s AWS lease starts in 2026", ["CIFR"]),
        ("IREN (formerly Iris Energy) signs Microsoft deal", ["IREN"]),
        ("Iris Energy shareholders approve the new name", ["IREN"]),
        ("A siren sounded at the plant", []),
        ("MARAthon runners and Mara Salvatrucha", []),
        ("Bitcoin miners rally as hashprice recovers", []),
        ("MARA and CleanSpark bid for Riot Platforms", ["MARA", "RIOT", "CLSK"]),  # universe order
        ("HIVE Digital Technologies (TSX: HIVE)", ["HIVE"]),
        ("A hive of activity at the plant", []),
    ],
)
def test_attribution_table(text: str, tickers: list[str]) -> None:
    assert attribute(text, default_rules()) == tickers


def test_short_ticker_needs_a_cashtag_or_exchange_prefix() -> None:
    rules = build_attribution([MinerNames("BT", "Example Miner")])
    assert attribute("BT group results", rules) == []  # a two-letter bare word is too ambiguous
    assert attribute("Shares of $BT rose", rules) == ["BT"]
    assert attribute("Example Miner (NYSE American: BT)", rules) == ["BT"]
    assert attribute("Example-Miner expands", rules) == ["BT"]


# --- the HTTP helper through httpx.MockTransport ----------------------------------------------------


async def test_poll_feed_parses_and_keeps_validators() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert "application/rss+xml" in request.headers["Accept"]
        assert "If-None-Match" not in request.headers and "If-Modified-Since" not in request.headers
        return httpx.Response(
            200,
            content=load("globenewswire_style.xml"),
            headers={
                "Content-Type": "application/rss+xml; charset=utf-8",
                "ETag": 'W/"gnw-42"',
                "Last-Modified": "Fri, 02 Oct 2026 18:07:00 GMT",
            },
        )

    async with client_for(handler) as client:
        poll = await poll_feed(client, FEED_URL, now=NOW)
    assert not poll.not_modified and len(poll.entries) == 2
    assert poll.fetch.etag == 'W/"gnw-42"' and poll.fetch.last_modified == "Fri, 02 Oct 2026 18:07:00 GMT"


async def test_conditional_get_sends_validators_and_handles_304() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, content=load("missing_guid.xml"), headers={"ETag": '"v2"'})

    async with client_for(handler) as client:
        poll = await poll_feed(client, FEED_URL, etag='"v1"', last_modified="Tue, 24 Nov 2026 15:00:00 GMT", now=NOW)
        assert poll.not_modified and poll.entries == () and poll.fetch.body == b""
        assert seen[0].headers["If-None-Match"] == '"v1"'
        assert seen[0].headers["If-Modified-Since"] == "Tue, 24 Nov 2026 15:00:00 GMT"
        # A 304 without validators keeps the ones we sent, so the next poll is conditional again.
        assert poll.fetch.etag == '"v1"' and poll.fetch.last_modified == "Tue, 24 Nov 2026 15:00:00 GMT"

        changed = await poll_feed(client, FEED_URL, etag='"stale"', now=NOW)
        assert not changed.not_modified and len(changed.entries) == 2 and changed.fetch.etag == '"v2"'


async def test_poll_feed_raises_feed_parse_error_for_an_html_page() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=load("html_instead_of_feed.html"), headers={"Content-Type": "text/html"})

    async with client_for(handler) as client:
        with pytest.raises(FeedParseError):
            await poll_feed(client, FEED_URL, now=NOW)


async def test_huge_body_with_content_length_is_refused() -> None:
    huge = b"<rss>" + b" " * MAX_BODY_BYTES + b"</rss>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=huge, headers={"Content-Type": "application/rss+xml"})

    async with client_for(handler) as client:
        with pytest.raises(FetchError, match="cap"):
            await poll_feed(client, FEED_URL, now=NOW)


async def test_huge_streamed_body_without_content_length_is_refused() -> None:
    chunk = b"<item><title>spam</title></item>" * 2048
    sent: list[int] = []

    async def endless() -> AsyncIterator[bytes]:
        for _ in range(MAX_BODY_BYTES // len(chunk) + 10):
            sent.append(len(chunk))
            yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=endless(), headers={"Content-Type": "application/rss+xml"})

    async with client_for(handler) as client:
        with pytest.raises(FetchError, match="cap"):
            await fetch(client, FEED_URL)
    assert sum(sent) > MAX_BODY_BYTES
    assert sum(sent) <= MAX_BODY_BYTES + len(chunk)  # stopped reading at the cap, not at the end


async def test_body_at_the_cap_is_accepted() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 1000)

    async with client_for(handler) as client:
        assert len((await fetch(client, FEED_URL, max_bytes=1000)).body) == 1000
        with pytest.raises(FetchError):
            await fetch(client, FEED_URL, max_bytes=999)


async def test_429_raises_with_retry_after_seconds() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, content=b"Too Many Requests", headers={"Retry-After": "120"})

    async with client_for(handler) as client:
        with pytest.raises(FetchError) as caught:
            await poll_feed(client, FEED_URL, now=NOW)
    assert caught.value.status == 429 and caught.value.retry_after == 120.0
    assert caught.value.body == b"Too Many Requests"


async def test_503_with_retry_after_http_date() -> None:
    until = datetime.now(UTC) + timedelta(hours=1)  # fetch measures an HTTP date against the wall clock

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={"Retry-After": until.strftime("%a, %d %b %Y %H:%M:%S GMT")})

    async with client_for(handler) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, FEED_URL)
    assert caught.value.status == 503
    assert caught.value.retry_after is not None and 3500 <= caught.value.retry_after <= 3600


async def test_no_retry_after_header_means_none() -> None:
    async with client_for(lambda request: httpx.Response(429)) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, FEED_URL)
    assert caught.value.retry_after is None


@pytest.mark.parametrize("status", [403, 404, 500, 502, 503])
async def test_error_statuses_raise(status: int) -> None:
    async with client_for(lambda request: httpx.Response(status, content=b"<html>error</html>")) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, FEED_URL)
    assert caught.value.status == status


@pytest.mark.parametrize(
    ("error", "message"),
    [(httpx.ReadTimeout("slow"), "timeout"), (httpx.ConnectError("refused"), "ConnectError")],
)
async def test_transport_errors_become_fetch_errors(error: Exception, message: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    async with client_for(handler) as client:
        with pytest.raises(FetchError, match=message) as caught:
            await fetch(client, FEED_URL)
    assert caught.value.status is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("0", 0.0),
        ("Wed, 25 Nov 2026 21:02:00 GMT", 120.0),  # HTTP date (IMF-fixdate)
        ("Wednesday, 25-Nov-26 21:00:30 GMT", 30.0),  # obsolete RFC 850 form
        ("Wed, 25 Nov 2026 20:00:00 GMT", 0.0),  # already past: no wait
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected


def test_backoff_grows_and_is_capped() -> None:
    delays = [backoff_seconds(n, jitter=0) for n in range(0, 12)]
    assert delays[0] == 0.0
    assert delays[1] == BACKOFF_BASE_SECONDS and delays[2] == 2 * BACKOFF_BASE_SECONDS
    assert all(a < b for a, b in zip(delays[1:], delays[2:], strict=False) if b < BACKOFF_CAP_SECONDS)
    assert max(delays) == BACKOFF_CAP_SECONDS and delays[-1] == BACKOFF_CAP_SECONDS
    assert backoff_seconds(10_000, jitter=0) == BACKOFF_CAP_SECONDS  # no overflow on long outages


def test_backoff_jitter_stays_near_the_delay() -> None:
    rng = random.Random(7)
    samples = [backoff_seconds(3, rng=rng) for _ in range(200)]
    expected = 4 * BACKOFF_BASE_SECONDS
    assert all(0.9 * expected <= s <= 1.1 * expected for s in samples)
    assert len(set(samples)) > 1  # spread, so failing sources do not retry in lockstep
    capped = [backoff_seconds(40, rng=rng) for _ in range(200)]
    assert all(s <= 1.1 * BACKOFF_CAP_SECONDS for s in capped)
