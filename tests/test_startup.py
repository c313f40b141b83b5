"""Start-up against a Telegram that is not there yet, a token Telegram rejects, and a webhook without a configured
secret — each through real HTTP on loopback."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from classifiers.keywords import KeywordClassifier
from minerwatch.runtime import BotTokenRejected, Runtime
from store.db import session_scope
from store.models import Chat
from tests.doubles.botapi import BotApiDouble
from tests.doubles.http_server import FeedServer
from tests.feeds import fresh_rss
from tests.helpers import ReservedPort, add_chat, outbox, until
from tests.test_e2e_news import NEW, OLD, TOKEN, make_settings

pytestmark = pytest.mark.usefixtures("no_env")


async def test_unreachable_telegram_at_start_keeps_the_watchers_running_and_connects_later(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    reserved = ReservedPort()  # nothing listens here yet: every Bot API call is refused
    api = BotApiDouble(token=TOKEN, port=reserved.port)
    async with FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD), etag='"v1"')
        feeds.route("/broken.xml", fresh_rss(OLD))
        runtime = Runtime(make_settings(tmp_path, api, feeds), classifier=KeywordClassifier())
        await runtime.start()  # returns although Telegram did not answer
        try:
            assert any("Telegram unreachable" in r.getMessage() for r in caplog.records)
            assert not runtime.telegram_connected.is_set()
            add_chat(runtime.engine, 42, ("MARA",))
            # the watchers poll meanwhile: baseline, then a new story queued for the chat
            await until(lambda: len(feeds.requests_for("/miners.xml")) >= 1, timeout=20)
            feeds.update("/miners.xml", body=fresh_rss(OLD, NEW), etag='"v2"')
            await until(lambda: any(row.chat_id == 42 for row in outbox(runtime.engine)), timeout=20)
            assert all(row.status == "pending" for row in outbox(runtime.engine))  # waiting, not lost

            reserved.release()
            await api.start()  # the Bot API comes up
            await until(runtime.telegram_connected.is_set, timeout=30)
            alert = (await api.wait_for_messages(1, timeout=20))[0]
            assert alert.chat_id == 42 and "MARA prices $950 million" in alert.plain_text
            api.push_text(43, 43, "/start")
            welcome = (await api.wait_for_messages(2, timeout=20))[1]
            assert welcome.chat_id == 43 and "Welcome to MinerWatch" in welcome.plain_text
        finally:
            reserved.release()
            await runtime.stop()
            await api.stop()
    messages = [r.getMessage() for r in caplog.records]
    assert sum("connected to Telegram as @" in m for m in messages) == 1
    # one line when it went missing; the retries while the reason stays the same are not repeated at INFO or above
    assert sum("Telegram unreachable" in m for m in messages) == 1
    assert not any("still unreachable" in m for m in messages)
    assert TOKEN not in caplog.text


async def test_a_rejected_token_is_one_clear_error_without_the_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with BotApiDouble(token="999:the-right-token") as api, FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD))
        feeds.route("/broken.xml", fresh_rss(OLD))
        runtime = Runtime(make_settings(tmp_path, api, feeds), classifier=KeywordClassifier())
        with pytest.raises(BotTokenRejected) as raised:
            await runtime.run_forever()
    assert TOKEN not in str(raised.value) and "401" in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert TOKEN not in caplog.text


def test_minerwatch_run_with_a_rejected_token_exits_2_with_one_line(tmp_path: Path) -> None:
    """The real CLI in a child process: stderr is one line, the token appears nowhere."""
    script = f"""
import asyncio, sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
from tests.doubles.botapi import BotApiDouble
from tests.doubles.http_server import FeedServer
from tests.test_e2e_news import make_settings
from pathlib import Path

async def main():
    async with BotApiDouble(token="999:the-right-token") as api, FeedServer() as feeds:
        feeds.route("/miners.xml", b"")
        feeds.route("/broken.xml", b"")
        make_settings(Path({str(tmp_path)!r}), api, feeds)
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "minerwatch.cli", "run", "--config", {str(tmp_path / "minerwatch.toml")!r},
            "--roles", "bot", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(child.communicate(), 120)
        sys.stdout.write(f"{{child.returncode}}\\n")
        sys.stdout.write(out.decode() + "\\n--stderr--\\n" + err.decode())

asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    code, _, output = result.stdout.partition("\n")
    assert code == "2", result.stdout
    stderr = output.partition("--stderr--\n")[2]
    last_lines = [line for line in stderr.splitlines() if line.startswith("minerwatch:")]
    assert last_lines == [
        "minerwatch: Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN / telegram.token"
        " — @BotFather's /token shows it, e.g. 123456789:AAE…"
    ]
    assert "Traceback" not in stderr
    assert TOKEN not in result.stdout and TOKEN.split(":")[1] not in result.stdout


async def test_webhook_mode_without_a_secret_serves_no_unsigned_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reserved = ReservedPort()  # the bot's webhook port: not handed to the doubles started below
    port = reserved.port
    monkeypatch.setenv("MINERWATCH_TELEGRAM__MODE", "webhook")
    monkeypatch.setenv("MINERWATCH_TELEGRAM__WEBHOOK_URL", f"http://127.0.0.1:{port}/telegram")
    monkeypatch.setenv("MINERWATCH_TELEGRAM__WEBHOOK_LISTEN", "127.0.0.1")
    monkeypatch.setenv("MINERWATCH_TELEGRAM__WEBHOOK_PORT", str(port))
    monkeypatch.delenv("MINERWATCH_TELEGRAM__WEBHOOK_SECRET", raising=False)
    async with BotApiDouble(token=TOKEN) as api, FeedServer() as feeds:
        feeds.route("/miners.xml", fresh_rss(OLD))
        feeds.route("/broken.xml", fresh_rss(OLD))
        settings = make_settings(tmp_path, api, feeds)
        assert not settings.telegram.webhook_secret.get_secret_value()
        runtime = Runtime(settings, roles=("bot", "sender"), classifier=KeywordClassifier())
        reserved.release()  # now the bot may listen there
        await runtime.start()
        try:
            hook = (await api.wait_for_calls("setWebhook"))[0]
            secret = hook.params.get("secret_token") or ""
            assert len(secret) >= 32  # generated and registered with Telegram
            forged = {
                "update_id": 990001,
                "message": {
                    "message_id": 1,
                    "date": 1_700_000_000,
                    "chat": {"id": 7, "type": "private", "first_name": "Mallory"},
                    "from": {"id": 7, "is_bot": False, "first_name": "Mallory"},  # 7 is the configured admin
                    "text": "/broadcast forged notice",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 10}],
                },
            }
            async with httpx.AsyncClient() as client:
                url = f"http://127.0.0.1:{port}/telegram"
                unsigned = await client.post(url, json=forged)
                wrong = await client.post(url, json=forged, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
            assert unsigned.status_code == 403 and wrong.status_code == 403
            api.push_text(61, 61, "/start")  # Telegram's own delivery carries the secret and is served
            reply = (await api.wait_for_messages(1, timeout=20))[0]
            assert reply.chat_id == 61 and "Welcome to MinerWatch" in reply.plain_text
            assert not any("forged notice" in m.plain_text for m in api.sent)
            with session_scope(runtime.engine) as session:
                assert session.get(Chat, 7) is None
        finally:
            await runtime.stop()


def test_the_token_is_redacted_from_chained_exceptions_in_log_records() -> None:
    from bot.app import RedactToken

    try:
        try:
            raise ValueError(f"request to https://api.example/bot{TOKEN}/getMe failed")
        except ValueError as inner:
            raise RuntimeError("outer failure without the token") from inner
    except RuntimeError as outer:
        record = logging.LogRecord("telegram", logging.ERROR, __file__, 1, "failed", None, (type(outer), outer, None))
        record.exc_info = (type(outer), outer, outer.__traceback__)
    RedactToken(TOKEN).filter(record)
    text = logging.Formatter().format(record)
    assert "outer failure without the token" in text and "<TOKEN>/getMe" in text
    assert TOKEN not in text


def test_a_bogus_log_level_is_an_argparse_error_not_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "minerwatch.cli", "run", "--log-level", "bogus"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "invalid choice: 'BOGUS'" in result.stderr and "DEBUG" in result.stderr
