"""Loopback test doubles: a Telegram Bot API (botapi) and a feed / JSON API server (http_server).

Both run on one small asyncio HTTP/1.1 server (server). Import from the modules, e.g.
`from tests.doubles.botapi import BotApiDouble` and `from tests.doubles.http_server import FeedServer`;
this package imports nothing itself so that `python -m tests.doubles.botapi` runs cleanly.
"""
