"""The loopback doubles themselves, driven by the real clients: python-telegram-bot and watchers.http.fetch."""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
from pathlib import Path

import httpx
import pytest
from telegram import Bot, LinkPreviewOptions, Update
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application, CommandHandler, ContextTypes

from tests.doubles.botapi import BotApiDouble
from tests.doubles.botapi_console import describe, handle_line
from tests.doubles.http_server import FeedServer
from tests.doubles.server import LoopbackServer, Request, Response
from tests.doubles.telegram_html import HtmlParseError, parse_html
from tests.doubles.telegram_limits import FloodLimits
from watchers.http import FetchError, fetch, make_client

TOKEN = "123:ABC"
TELEGRAM = Path(__file__).parent / "doubles" / "fixtures" / "telegram"
COINGECKO = Path(__file__).parent / "doubles" / "fixtures" / "coingecko"
RSS = Path(__file__).parent / "fixtures" / "rss"


def real(name: str) -> dict:
    return json.loads((TELEGRAM / name).read_bytes())


class FakeClock:
    """Monotonic seconds the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def api():
    async with BotApiDouble(token=TOKEN) as double:
        yield double


@pytest.fixture
async def bot(api: BotApiDouble):
    async with Bot(TOKEN, base_url=api.base_url) as client:
        yield client


@pytest.fixture
async def raw(api: BotApiDouble):
    """Plain httpx against the double, to compare bodies byte for byte with real ones."""
    async with httpx.AsyncClient(base_url=api.server.origin) as client:
        yield client


# ----- Bot API: identity, routing ----------------------------------------------------------------------------------


async def test_get_me_has_the_fields_of_a_real_answer(bot: Bot, raw: httpx.AsyncClient) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123, "minerwatch_test_bot", True)
    body = (await raw.post(f"/bot{TOKEN}/getMe")).json()
    assert body["ok"] is True
    assert list(body["result"]) == list(real("getMe_ok.json")["result"])


async def test_unknown_token_is_401_and_unknown_method_404(api: BotApiDouble, raw: httpx.AsyncClient) -> None:
    response = await raw.post("/bot999:WRONG/getMe")
    assert response.status_code == 401
    assert response.content == b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
    response = await raw.post(f"/bot{TOKEN}/sendTelepathy")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=api.base_url):
            pass


async def test_method_names_are_case_insensitive_and_json_bodies_work(api: BotApiDouble, raw: httpx.AsyncClient):
    response = await raw.post(
        f"/bot{TOKEN}/SENDMESSAGE", json={"chat_id": 5, "text": "hi", "disable_notification": True}
    )
    assert response.json()["result"]["text"] == "hi"
    assert api.sent[0].disable_notification is True


async def test_multipart_and_chunked_bodies_are_read(api: BotApiDouble, raw: httpx.AsyncClient) -> None:
    files = {"document": ("notes.txt", b"file bytes", "text/plain")}
    response = await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": "9", "text": "multipart"}, files=files)
    assert response.json()["result"]["text"] == "multipart"

    async def chunks():
        yield b"chat_id=9&"
        yield b"text=chunked"

    response = await raw.post(
        f"/bot{TOKEN}/sendMessage", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.json()["result"]["text"] == "chunked"
    assert [m.options.get("document") for m in api.sent] == [b"file bytes", None]


async def test_keep_alive_reuses_one_connection(api: BotApiDouble, raw: httpx.AsyncClient) -> None:
    for _ in range(3):
        assert (await raw.post(f"/bot{TOKEN}/getMe")).status_code == 200
    assert api.server.connections_opened == 1


# ----- sendMessage -------------------------------------------------------------------------------------------------


async def test_send_message_html_returns_a_real_shaped_message(api: BotApiDouble, bot: Bot, raw) -> None:
    message = await bot.send_message(
        42,
        "<b>MARA</b> prices $850M notes &amp; a capped call",
        parse_mode="HTML",
        disable_notification=True,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    assert message.text == "MARA prices $850M notes & a capped call"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bold", 0, 4)]
    second = await bot.send_message(42, "again")
    assert (message.message_id, second.message_id) == (1, 2)
    assert (await bot.send_message(7, "other chat")).message_id == 1
    sent = api.sent[0]
    assert (sent.chat_id, sent.parse_mode, sent.disable_notification) == (42, "HTML", True)
    assert sent.link_preview_options == {"is_disabled": True}
    assert sent.text.startswith("<b>MARA</b>") and sent.plain_text.startswith("MARA prices")
    body = (
        await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": 42, "text": "<b>x</b>", "parse_mode": "HTML"})
    ).json()
    assert list(body["result"]) == list(real("sendMessage_ok_html_bold.json")["result"])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<foo>x</foo>", 'unsupported start tag "foo" at byte offset 0'),
        ("<b>MARA", 'can\'t find end tag corresponding to start tag "b"'),
        ("<b>MARA</i>", 'unmatched end tag at byte offset 7, expected "</b>", found "</i>"'),
        ("price < 12", 'unsupported start tag "" at byte offset 6'),
    ],
)
async def test_bad_html_is_refused_like_telegram(api: BotApiDouble, bot: Bot, text: str, reason: str) -> None:
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(42, text, parse_mode="HTML")
    assert str(caught.value).lower() == f"can't parse entities: {reason}".lower()
    assert api.sent == []
    assert api.calls[-1].status == 400


async def test_empty_and_too_long_texts_are_refused(api: BotApiDouble, bot: Bot, raw) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(42, "<b> </b>", parse_mode="HTML")
    response = await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": 42, "text": "x" * 4097})
    assert response.json() == {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"}
    # 4096 characters after parsing are fine even though the markup makes the request longer.
    await bot.send_message(42, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert len(api.sent[0].plain_text) == 4096


async def test_forum_topic_thread_passes_through(api: BotApiDouble, bot: Bot) -> None:
    api.push_text(-1001234567890, 7, "/start", "supergroup", thread_id=15, is_forum=True)
    message = await bot.send_message(-1001234567890, "in the topic", message_thread_id=15)
    assert (message.message_thread_id, message.is_topic_message) == (15, True)
    assert api.sent[0].message_thread_id == 15


# ----- scripted failures ---------------------------------------------------------------------------------------------


async def test_injected_429_raises_retry_after_with_the_real_body(api: BotApiDouble, bot: Bot, raw) -> None:
    api.inject("sendMessage", status=429, retry_after=8, times=2)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(42, "x")
    assert caught.value.retry_after == 8
    response = await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": 42, "text": "x"})
    assert response.content == (TELEGRAM / "error_429_too_many_requests.json").read_bytes()
    assert response.headers["Retry-After"] == "8"
    await bot.send_message(42, "third time lucky")
    assert api.too_many_requests == 2 and len(api.sent) == 1


async def test_blocked_and_missing_chats_answer_like_telegram(api: BotApiDouble, bot: Bot, raw) -> None:
    api.block(42)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(42, "x")
    response = await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": 42, "text": "x"})
    assert response.status_code == 403
    assert response.content == (TELEGRAM / "error_403_bot_blocked.json").read_bytes()
    api.forget_chat(43)
    response = await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": 43, "text": "x"})
    assert response.content == (TELEGRAM / "error_400_chat_not_found.json").read_bytes()
    api.migrate_chat(-55, -1000000000055)
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(-55, "x")
    assert caught.value.new_chat_id == -1000000000055
    api.restore_chat(42)
    await bot.send_message(42, "unblocked")
    assert [m.chat_id for m in api.sent] == [42]


async def test_strict_chats_only_know_introduced_chats() -> None:
    async with BotApiDouble(TOKEN, strict_chats=True) as api, Bot(TOKEN, base_url=api.base_url) as bot:
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(42, "x")
        api.push_text(42, 42, "hello")
        await bot.send_message(42, "x")


async def test_injected_5xx_reset_and_delay(api: BotApiDouble, raw: httpx.AsyncClient) -> None:
    api.inject("sendMessage", status=502)
    response = await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": 1, "text": "x"})
    assert response.status_code == 502 and b"<center><h1>502 Bad Gateway</h1></center>" in response.content
    async with Bot(TOKEN, base_url=api.base_url) as bot:
        api.inject("sendMessage", status=500)
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(1, "x")
    api.inject("sendMessage", reset=True)
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):  # a TCP reset, whichever way httpx reads it
        await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": 1, "text": "x"})
    api.inject("sendMessage", delay=0.5)
    with pytest.raises(httpx.ReadTimeout):
        await raw.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": 1, "text": "late"}, timeout=0.1)
    # Like Telegram, the slow request was still carried out: the client cannot know whether it was sent.
    assert [m.text for m in await api.wait_for_messages(1)] == ["late"]


async def test_injection_can_target_one_chat(api: BotApiDouble, bot: Bot) -> None:
    api.inject("sendMessage", status=429, retry_after=3, chat_id=-100)
    await bot.send_message(5, "unaffected")
    with pytest.raises(RetryAfter):
        await bot.send_message(-100, "x")


async def test_flood_limits_per_chat_group_and_overall() -> None:
    clock = FakeClock()
    limits = FloodLimits(global_per_second=30, global_burst=30, chat_per_second=1, chat_burst=3, group_per_minute=20)
    async with BotApiDouble(TOKEN, enforce_limits=True, limits=limits, clock=clock) as api:
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            for _ in range(3):
                await bot.send_message(42, "burst")
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(42, "one too many")
            assert caught.value.retry_after == 1
            clock.now += 1.0
            await bot.send_message(42, "a second later")
            for chat_id in range(100, 129):  # 29 more chats: 30 messages within this instant
                await bot.send_message(chat_id, "fan-out")
            with pytest.raises(RetryAfter):
                await bot.send_message(999, "31st in the same second")
            clock.now += 10.0
            accepted = 0
            with pytest.raises(RetryAfter):
                while accepted < 60:  # one a second suits the chat limit, not the group's 20 a minute
                    await bot.send_message(-1001, "group")
                    accepted += 1
                    clock.now += 1.0
            # A burst of 20, then one slot every 3 s: the 30th message in 29 s is one too many.
            assert accepted == 29
    assert api.flood.refused == {"chat": 1, "global": 1, "group": 1}
    assert api.too_many_requests == 3


# ----- updates -----------------------------------------------------------------------------------------------------


async def test_get_updates_long_polls_until_an_update_is_pushed(api: BotApiDouble, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await api.wait_for_calls("getUpdates")
    await asyncio.sleep(0.05)
    assert not poll.done()
    api.push_text(42, 42, "/status MARA", first_name="Ada", username="ada")
    updates = await asyncio.wait_for(poll, 5)
    message = updates[0].message
    assert message is not None and message.from_user is not None
    assert (message.text, message.from_user.username, message.chat.type) == ("/status MARA", "ada", "private")
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bot_command", 0, 7)]


async def test_get_updates_offset_confirms_and_timeout_ends_the_poll(api: BotApiDouble, bot: Bot) -> None:
    first = api.push_text(42, 42, "one")
    second = api.push_text(42, 42, "two")
    assert [u.update_id for u in await bot.get_updates()] == [first["update_id"], second["update_id"]]
    assert [u.update_id for u in await bot.get_updates(offset=second["update_id"])] == [second["update_id"]]
    assert await bot.get_updates(offset=second["update_id"] + 1, timeout=1) == ()
    assert api.updates == []


async def test_update_shapes_match_real_updates(api: BotApiDouble, raw: httpx.AsyncClient) -> None:
    update = api.push_text(5586512345, 5586512345, "/start", username="yourquantguy")
    response = await raw.post(f"/bot{TOKEN}/getUpdates")
    assert f'[{{"update_id":{update["update_id"]},\n"message":'.encode() in response.content  # Telegram's raw newline
    body = response.json()
    mine, theirs = body["result"][0], real("getUpdates_start_bot_command.json")["result"][0]
    assert list(mine) == list(theirs)
    assert list(mine["message"]) == list(theirs["message"])
    assert mine["message"]["entities"] == theirs["message"]["entities"]
    api.push_text(1034805278, 1034805278, "Ffgf", username="MatteoBcn81")  # plain text: no entities at all
    latest = (await raw.post(f"/bot{TOKEN}/getUpdates", data={"offset": mine["update_id"] + 1})).json()["result"][0]
    real_text = real("getUpdates_three_updates_start_then_text.json")["result"][1]["message"]
    assert list(latest["message"]) == list(real_text)


async def test_a_second_poller_ends_the_first_with_conflict(api: BotApiDouble, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=20))
    await api.wait_for_calls("getUpdates")
    async with Bot(TOKEN, base_url=api.base_url) as other:
        second = asyncio.create_task(other.get_updates(timeout=20))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 5)
        api.push_text(1, 1, "for the survivor")
        [update] = await asyncio.wait_for(second, 5)
        assert update.message is not None and update.message.text == "for the survivor"


async def test_an_application_polls_and_replies(api: BotApiDouble) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_html("<b>Welcome</b>, you watch MARA", do_quote=False)

    app = Application.builder().token(TOKEN).base_url(api.base_url).build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.bot.set_my_commands([("start", "Register")])
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=10)
        api.push_text(-1009876543210, 77, "/start", "supergroup", thread_id=3)
        [reply] = await api.wait_for_messages(1)
        await app.updater.stop()
        await app.stop()
    assert (reply.chat_id, reply.message_thread_id, reply.plain_text) == (-1009876543210, 3, "Welcome, you watch MARA")
    assert {"getMe", "deleteWebhook", "setMyCommands", "getUpdates"} <= {call.method for call in api.calls}
    assert api.updates == []  # the updater confirmed the update on its way out


async def test_get_chat_member_and_callback_queries(api: BotApiDouble, bot: Bot) -> None:
    api.set_member(-1001, 7, "administrator")
    api.set_member(-1001, 8, "creator")
    assert (await bot.get_chat_member(-1001, 7)).status == "administrator"
    assert (await bot.get_chat_member(-1001, 8)).status == "creator"
    assert (await bot.get_chat_member(-1001, 9)).status == "member"
    await bot.send_message(42, "pick one")
    update = api.push_callback_query(42, 42, "theme:debt_terms:on")
    query_id = update["callback_query"]["id"]
    assert await bot.answer_callback_query(query_id, text="Saved")
    assert api.callback_answers[0]["text"] == "Saved"
    with pytest.raises(BadRequest, match="[Qq]uery is too old"):
        await bot.answer_callback_query(query_id)


async def test_set_my_commands_validates_like_telegram(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
        await bot.set_my_commands([("Status", "capital letters are refused")])
    with pytest.raises(BadRequest, match="(?i)bot_command_description_invalid"):
        await bot.set_my_commands([("status", "")])


async def test_webhook_delivers_updates_and_blocks_get_updates(api: BotApiDouble, bot: Bot) -> None:
    received: list[tuple[dict, str | None]] = []
    delivered = asyncio.Event()

    async def receiver(request: Request) -> Response:
        received.append((json.loads(request.body), request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        delivered.set()
        return Response(200)

    async with LoopbackServer(receiver) as hook:
        assert await bot.set_webhook(f"{hook.origin}/telegram", secret_token="s3cret")
        api.push_text(42, 42, "/help")
        await asyncio.wait_for(delivered.wait(), 5)
        assert received[0][0]["message"]["text"] == "/help" and received[0][1] == "s3cret"
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()
        assert (await bot.get_webhook_info()).pending_update_count == 0
        assert await bot.delete_webhook()


async def test_wait_for_messages_times_out_with_what_arrived(api: BotApiDouble, bot: Bot) -> None:
    await bot.send_message(42, "only one")
    with pytest.raises(TimeoutError, match="1 of 2 messages arrived: \\['only one'\\]"):
        await api.wait_for_messages(2, timeout=0.2)


async def test_reset_forgets_runtime_state(api: BotApiDouble, bot: Bot) -> None:
    await bot.send_message(5, "y")
    api.block(1)
    api.inject("sendMessage", status=500)
    api.push_text(42, 42, "x")
    api.reset()
    assert (api.sent, api.updates, api.injections, api.calls) == ([], [], [], [])
    await bot.send_message(1, "after reset")
    assert [m.text for m in api.sent] == ["after reset"]


async def test_console_lines_become_updates_and_scripts(api: BotApiDouble, bot: Bot) -> None:
    output: list[str] = []
    handle_line(api, "42 /start", output.append)
    handle_line(api, "-1001234567890:7/5 /status MARA", output.append)
    handle_line(api, "!flood 1 9", output.append)
    handle_line(api, "nonsense", output.append)
    assert [u["message"]["text"] for u in api.updates] == ["/start", "/status MARA"]
    assert api.updates[1]["message"]["message_thread_id"] == 5
    assert output[-1].startswith("? type: CHAT_ID text")
    with pytest.raises(RetryAfter):
        await bot.send_message(42, "x")
    message = await bot.send_message(42, "<i>ok</i>", parse_mode="HTML", disable_notification=True)
    assert describe(api.sent[-1]).startswith(f"── bot → chat 42 #{message.message_id} (HTML, silent) ──\nok")


# ----- Telegram HTML parser (cases from tdlib's test/message_entities.cpp) ----------------------------------------


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba>", 'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        ('<span class="x">a</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_errors_match_tdlib(markup: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(markup)
    assert str(caught.value) == error


@pytest.mark.parametrize(
    ("markup", "text", "entities"),
    [
        ("&ge;&lt;&gt;&amp;&quot;&#12345678;", '&ge;<>&"&#12345678;', []),
        ("🏟 🏟<i>🏟 &lt🏟</i>", "🏟 🏟🏟 <🏟", [{"offset": 5, "length": 6, "type": "italic"}]),
        ("🏟 🏟&lt;<i>a</    >", "🏟 🏟<a", [{"offset": 6, "length": 1, "type": "italic"}]),
        ("<a href=telegram.org>x</a>", "x", [
            {"offset": 0, "length": 1, "type": "text_link", "url": "http://telegram.org/"},
        ]),
        ('<pre><code class="language-python">x</code></pre>', "x", [
            {"offset": 0, "length": 1, "type": "pre", "language": "python"},
        ]),
        ("<i><b> </b> <code> </code></i>", "   ", [
            {"offset": 0, "length": 3, "type": "italic"},
            {"offset": 0, "length": 1, "type": "bold"},
            {"offset": 2, "length": 1, "type": "code"},
        ]),
    ],
)  # fmt: skip
def test_html_entities_match_tdlib(markup: str, text: str, entities: list) -> None:
    assert parse_html(markup) == (text, entities)


# ----- feed server ---------------------------------------------------------------------------------------------------


@pytest.fixture
async def feeds():
    async with FeedServer() as server:
        yield server


@pytest.fixture
async def client():
    async with make_client("MinerWatch-tests/1.0 (test@example.com)") as http:
        yield http


async def test_feed_server_answers_304_to_a_matching_etag(feeds: FeedServer, client: httpx.AsyncClient) -> None:
    xml = (RSS / "google_news_search.xml").read_bytes()
    feeds.route("/rss/google.xml", body=xml, etag='"v1"')
    first = await fetch(client, feeds.url("/rss/google.xml"))
    assert (first.status, first.body, first.etag) == (200, xml, '"v1"')
    again = await fetch(client, feeds.url("/rss/google.xml"), etag=first.etag)
    assert again.not_modified and again.body == b""
    feeds.update("/rss/google.xml", body=xml + b"\n", etag='"v2"')
    changed = await fetch(client, feeds.url("/rss/google.xml"), etag='"v1"')
    assert (changed.status, changed.etag) == (200, '"v2"')
    sent = [r.header("if-none-match") for r in feeds.requests_for("/rss/google.xml")]
    assert sent == [None, '"v1"', '"v1"']
    assert feeds.requests[0].header("user-agent") == "MinerWatch-tests/1.0 (test@example.com)"


async def test_feed_server_honours_if_modified_since(feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.route("/feed", body="<rss/>", last_modified="Wed, 25 Nov 2026 11:00:00 GMT")
    assert (await fetch(client, feeds.url("/feed"), last_modified="Wed, 25 Nov 2026 11:00:00 GMT")).not_modified
    assert (await fetch(client, feeds.url("/feed"), last_modified="Wed, 25 Nov 2026 10:59:59 GMT")).status == 200


async def test_feed_server_gzip_retry_after_and_query_routes(feeds: FeedServer, client: httpx.AsyncClient) -> None:
    body = b'{"bitcoin":{"usd":97000}}' * 50
    feeds.route("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd", body=body)
    response = await client.get(feeds.url("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd"))
    assert response.headers["Content-Encoding"] == "gzip" and response.content == body
    assert int(response.headers["Content-Length"]) == len(gzip.compress(body, mtime=0)) < len(body)
    assert (await client.get(feeds.url("/api/v3/simple/price?ids=ethereum"))).status_code == 404
    feeds.route("/busy", body=(COINGECKO / "error_429_rate_limit.json").read_bytes(), status=429, retry_after="53")
    with pytest.raises(FetchError) as caught:
        await fetch(client, feeds.url("/busy"))
    assert (caught.value.status, caught.value.retry_after) == (429, 53.0)


async def test_feed_server_delay_and_reset(feeds: FeedServer) -> None:
    feeds.route("/slow", body="x", delay=0.5)
    feeds.route("/broken", body="x", reset=True)
    async with make_client("t", timeout=httpx.Timeout(0.1)) as impatient:
        with pytest.raises(FetchError, match="timeout"):
            await fetch(impatient, feeds.url("/slow"))
        with pytest.raises(FetchError, match="RemoteProtocolError|ReadError|ConnectError"):
            await fetch(impatient, feeds.url("/broken"))


async def test_feed_server_serves_a_directory_with_header_sidecars(tmp_path: Path, client: httpx.AsyncClient) -> None:
    shutil.copy(RSS / "google_news_search.xml", tmp_path / "google.xml")
    shutil.copy(COINGECKO / "error_429_rate_limit.json", tmp_path / "error_429_rate_limit.json")
    shutil.copy(COINGECKO / "error_429_rate_limit.headers.txt", tmp_path / "error_429_rate_limit.headers.txt")
    async with FeedServer(directory=tmp_path) as feeds:
        first = await fetch(client, feeds.url("/google.xml"))
        assert first.content_type == "application/xml; charset=utf-8" and first.etag and first.last_modified
        assert (await fetch(client, feeds.url("/google.xml"), etag=first.etag)).not_modified
        (tmp_path / "google.xml").write_bytes(b"<rss version='2.0'><channel/></rss>")
        assert (await fetch(client, feeds.url("/google.xml"), etag=first.etag)).status == 200
        response = await client.get(feeds.url("/error_429_rate_limit.json"))
        assert (response.status_code, response.headers["retry-after"], response.headers["server"]) == (
            429, "53", "cloudflare"
        )  # fmt: skip
        assert response.json()["status"]["error_code"] == 429
        assert (await client.get(feeds.url("/error_429_rate_limit.headers.txt"))).status_code == 404
        assert (await client.get(feeds.url("/../etc/passwd"))).status_code == 404
