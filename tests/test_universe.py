"""The built-in universe: the miners plus the AI/HPC developers investors in the transition track."""

from __future__ import annotations

import pytest

from minerwatch.config import MinerConfig
from minerwatch.defaults import DEFAULT_MINERS, DEFAULT_WATCHLIST, default_feeds
from watchers.news import MinerNames, attribute, build_attribution

#: The SEC's CIKs of the companies added for the AI/HPC thesis (EDGAR company pages).
DEVELOPERS = {"APLD": 1144879, "GLXY": 1859392, "SLNH": 64463}


def test_developers_are_in_the_universe_with_their_ciks() -> None:
    by_ticker = {m["ticker"]: m for m in DEFAULT_MINERS}
    for ticker, cik in DEVELOPERS.items():
        assert by_ticker[ticker]["cik"] == cik
        MinerConfig(**by_ticker[ticker])  # type: ignore[arg-type]  # valid as config


def test_universe_is_unique_and_developers_are_not_start_defaults() -> None:
    tickers = [m["ticker"] for m in DEFAULT_MINERS]
    assert len(tickers) == len(set(tickers)) == 15
    assert DEFAULT_WATCHLIST == ("MARA", "CIFR", "IREN", "WULF")
    assert not set(DEVELOPERS) & set(DEFAULT_WATCHLIST)


def test_every_member_has_a_news_search_feed() -> None:
    attributed = {t for feed in default_feeds() for t in feed.get("miners", [])}  # type: ignore[attr-defined]
    assert set(DEVELOPERS) <= attributed


@pytest.mark.parametrize(
    ("text", "tickers"),
    [
        ("Applied Digital signs 15-year lease at Polaris Forge 2", ["APLD"]),
        ("Shares of $APLD rose after the hyperscaler lease", ["APLD"]),
        ("Galaxy Digital expands its Helios campus deal with CoreWeave", ["GLXY"]),
        ("CoreWeave adds capacity at the Helios campus in Texas", ["GLXY"]),
        ("Soluna Holdings (NASDAQ: SLNH) signs AI hosting agreement", ["SLNH"]),
        ("A galaxy of applied sciences", []),
    ],
)
def test_developers_are_attributed(text: str, tickers: list[str]) -> None:
    names = [MinerNames(str(m["ticker"]), str(m["name"]), tuple(m["aliases"])) for m in DEFAULT_MINERS]  # type: ignore[arg-type]
    assert [t for t in attribute(text, build_attribution(names)) if t in DEVELOPERS] == tickers
