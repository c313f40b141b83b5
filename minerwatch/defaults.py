"""Built-in watchlist universe and news feeds, used when the config file names none."""

from __future__ import annotations

from urllib.parse import quote_plus

#: (ticker, name, aliases, SEC CIK) of the built-in universe; the first four are every new chat's default.
#: CIKs as EDGAR lists them (Applied Digital 0001144879, Galaxy Digital Inc. 0001859392, Soluna Holdings 0000064463).
DEFAULT_MINERS: list[dict[str, object]] = [
    {
        "ticker": "MARA",
        "name": "MARA Holdings",
        "aliases": ["Marathon Digital", "Marathon Patent Group"],
        "cik": 1507605,
    },
    {"ticker": "CIFR", "name": "Cipher Mining", "aliases": ["Cipher Digital"], "cik": 1819989},
    {"ticker": "IREN", "name": "IREN", "aliases": ["Iris Energy"], "cik": 1878848},
    {"ticker": "WULF", "name": "TeraWulf", "aliases": ["Tera Wulf"], "cik": 1083301},
    {"ticker": "CORZ", "name": "Core Scientific", "aliases": [], "cik": 1839341},
    {"ticker": "HUT", "name": "Hut 8", "aliases": ["Hut 8 Mining", "Hut 8 Corp"], "cik": 1964789},
    {"ticker": "RIOT", "name": "Riot Platforms", "aliases": ["Riot Blockchain"], "cik": 1167419},
    {"ticker": "CLSK", "name": "CleanSpark", "aliases": [], "cik": 827876},
    {"ticker": "BITF", "name": "Bitfarms", "aliases": [], "cik": 1812477},
    {"ticker": "BTDR", "name": "Bitdeer", "aliases": ["Bitdeer Technologies"], "cik": 1899123},
    {"ticker": "BTBT", "name": "Bit Digital", "aliases": [], "cik": 1710350},
    {
        "ticker": "HIVE",
        "name": "HIVE Digital",
        "aliases": ["HIVE Blockchain", "HIVE Digital Technologies"],
        "cik": 1720424,
    },
    # Beside the miners: AI/HPC data-centre developers investors in this transition track.
    {
        "ticker": "APLD",
        "name": "Applied Digital",
        "aliases": ["Applied Digital Corporation", "Applied Blockchain", "Polaris Forge"],
        "cik": 1144879,
    },
    {
        "ticker": "GLXY",
        "name": "Galaxy Digital",
        "aliases": ["Galaxy Digital Inc", "Galaxy Digital Holdings", "Helios campus"],
        "cik": 1859392,
    },
    {"ticker": "SLNH", "name": "Soluna", "aliases": ["Soluna Holdings", "Soluna Cloud"], "cik": 64463},
]

#: Tickers a chat follows after /start.
DEFAULT_WATCHLIST: tuple[str, ...] = ("MARA", "CIFR", "IREN", "WULF")


def _news_search(query: str) -> str:
    return f"https://news.google.com/rss/search?q={quote_plus(query)}&hl=en-US&gl=US&ceid=US:en"


def default_feeds() -> list[dict[str, object]]:
    """One news-search query per miner, plus sector and newswire feeds."""
    feeds: list[dict[str, object]] = []
    for miner in DEFAULT_MINERS:
        query = f'"{miner["name"]}" OR "NASDAQ: {miner["ticker"]}"'
        feeds.append({"url": _news_search(query), "name": f"News search: {miner['name']}", "miners": [miner["ticker"]]})
    feeds += [
        {"url": _news_search('"bitcoin miner" (AI OR HPC OR "data center")'), "name": "News search: miners + AI"},
        {"url": _news_search('"bitcoin miners" convertible notes'), "name": "News search: miner converts"},
        {"url": "https://www.coindesk.com/arc/outboundfeeds/rss/", "name": "CoinDesk"},
        {"url": "https://www.theblock.co/rss.xml", "name": "The Block"},
        {"url": "https://bitcoinmagazine.com/.rss/full/", "name": "Bitcoin Magazine"},
        {"url": "https://www.prnewswire.com/rss/news-releases-list.rss", "name": "PR Newswire"},
    ]
    return feeds
