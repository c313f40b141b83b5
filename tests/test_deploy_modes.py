"""Deployment shapes of SPEC 9: the bot role in webhook mode, and the roles split across processes on one
PostgreSQL database (bot in one, watchers + sender in another)."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifiers.keywords import KeywordClassifier
from minerwatch.runtime import Runtime
from tests.doubles.botapi import BotApiDouble
from tests.doubles.http_server import FeedServer
from tests.feeds import fresh_rss
from tests.helpers import ReservedPort, until
from tests.test_e2e_news import NEW, OLD, TOKEN, make_settings

pytestmark = pytest.mark.usefixtures("no_env")


async def test_webhook_mode_answers_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reserved = ReservedPort()  # the bot's webhook port: not handed to the doubles started below
    port = reserved.port
    monkeypatch.setenv("MINERWATCH_TELEGRAM__MODE", "webhook")
    monkeypatch.setenv("MINERWATCH_TELEGRAM__WEBHOOK_URL", f"http://127.0.0.1:{port}/telegram")
    monkeypatch.setenv("MINERWATCH_TELEGRAM__WEBHOOK_LISTEN", "127.0.0.1")
    monkeypatch.setenv("MINERWATCH_TELEGRAM__WEBHOOK_PORT", str(port))
    monkeypatch.setenv("MINERWATCH_TELEGRAM__WEBHOOK_SECRET", "s3cret-token")
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD))
        feeds.route("/broken.xml", fresh_rss(OLD))
        settings = make_settings(tmp_path, api, feeds)
        assert settings.telegram.mode == "webhook"
        runtime = Runtime(settings, roles=("bot", "sender"), classifier=KeywordClassifier())
        reserved.release()  # now the bot may listen there
        await runtime.start()
        try:
            hook = (await api.wait_for_calls("setWebhook"))[0]
            assert hook.params["url"] == f"http://127.0.0.1:{port}/telegram"
            assert hook.params["secret_token"] == "s3cret-token"
            assert not api.calls_to("getUpdates")
            api.push_text(61, 61, "/start")
            reply = (await api.wait_for_messages(1))[0]
            assert reply.chat_id == 61 and "Welcome to MinerWatch" in reply.plain_text
        finally:
            await runtime.stop()


@pytest.mark.postgres
async def test_roles_in_separate_processes_share_one_postgres(tmp_path: Path, db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("the multi-process deployment runs on PostgreSQL")
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD))
        feeds.route("/broken.xml", fresh_rss(OLD))
        base = make_settings(tmp_path, api, feeds)
        settings = base.model_copy(update={"database": base.database.model_copy(update={"url": db_url})})
        front = Runtime(settings, roles=("bot",), classifier=KeywordClassifier())
        back = Runtime(settings, roles=("watchers", "sender"), classifier=KeywordClassifier())
        standby = Runtime(settings, roles=("watchers",), classifier=KeywordClassifier())
        await front.start()
        await back.start()
        await standby.start()
        try:
            await api.wait_for_calls("getUpdates")
            api.push_text(71, 71, "/start")
            await api.wait_for_messages(1)
            await until(lambda: len(feeds.requests_for("/miners.xml")) >= 1, timeout=8)  # the baseline poll
            feeds.update("/miners.xml", body=fresh_rss(OLD, NEW), etag='"v2"')
            alert = (await api.wait_for_messages(2, timeout=8))[1]
            assert alert.chat_id == 71 and "MARA prices $950 million" in alert.plain_text
            assert back.leader.held != standby.leader.held  # exactly one process polls the sources
        finally:
            await standby.stop()
            await back.stop()
            await front.stop()
        assert len(api.sent) == 2
