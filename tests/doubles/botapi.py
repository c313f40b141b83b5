"""A Telegram Bot API double that python-telegram-bot reaches over real HTTP on 127.0.0.1.

    async with BotApiDouble(token="123:ABC") as api:
        app = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
        ...  # add handlers, start polling
        api.push_text(42, 42, "/start")
        [reply] = await api.wait_for_messages(1)

It answers like api.telegram.org (bodies, status codes and error texts in tests/doubles/fixtures/telegram):
the token in the path, long-polled getUpdates honouring offset and timeout, sendMessage validating HTML the way
Telegram does, and scripted failures (blocked chats, missing chats, injected 429 / 5xx / delays / resets) plus,
when asked, Telegram's flood limits. Everything runs in the caller's event loop.
Run `python -m tests.doubles.botapi --port 8082` to talk to a bot by hand (see tests/doubles/README.md).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable, Mapping
from typing import Any

from tests.doubles import telegram_objects as tg
from tests.doubles.botapi_types import (
    MAX_CAPTION_CHARS,
    ApiCall,
    ApiError,
    Injection,
    SentMessage,
    as_bool,
    as_int,
    as_json,
    fail,
    message_text,
    png_size,
    take_injection,
)
from tests.doubles.botapi_updates import MAX_UPDATES_PER_POLL, UpdateQueue
from tests.doubles.botapi_webhook import Webhook, webhook_url_error
from tests.doubles.server import LoopbackServer, Request, Response
from tests.doubles.telegram_limits import FloodControl, FloodLimits

DEFAULT_TOKEN = "123:ABC"
#: How long wait_for_* helpers wait by default.
DEFAULT_WAIT_S = 5.0


class BotApiDouble:
    """The Bot API for one bot token on an ephemeral loopback port; an async context manager."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        first_name: str = "MinerWatch Test",
        username: str = "minerwatch_test_bot",
        enforce_limits: bool = False,
        limits: FloodLimits | None = None,
        clock: Callable[[], float] = time.monotonic,
        strict_chats: bool = False,
        member_statuses: Mapping[tuple[int, int], str] | None = None,
        on_send: Callable[[SentMessage], None] | None = None,
    ) -> None:
        self.token = token
        self.me = tg.bot_user(token, first_name, username)
        self.server = LoopbackServer(self._handle, host=host, port=port, server_name="nginx/1.18.0")
        self.enforce_limits = enforce_limits
        self.flood = FloodControl(limits or FloodLimits(), clock)
        self.strict_chats = strict_chats
        self.member_statuses: dict[tuple[int, int], str] = dict(member_statuses or {})
        self.on_send = on_send
        self.webhook: Webhook | None = None
        self._activity = asyncio.Event()
        self.queue = UpdateQueue(on_change=self._notify)
        self._methods: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getme": lambda params: tg.ok(self.me),
            "logout": lambda params: tg.ok(True),
            "close": lambda params: tg.ok(True),
            "getupdates": self._get_updates,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "sendmessage": self._send_message,
            "sendphoto": self._send_photo,
            "sendchataction": self._send_chat_action,
            "deletemessage": self._delete_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "answercallbackquery": self._answer_callback_query,
            "getchatmember": self._get_chat_member,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
        }
        self.reset()

    # ----- life cycle and addresses -------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def base_url(self) -> str:
        """What to pass to `ApplicationBuilder().base_url(...)` / `Bot(base_url=...)`; PTB appends the token."""
        return f"{self.server.origin}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.server.origin}/file/bot"

    async def start(self) -> BotApiDouble:
        await self.server.start()
        return self

    async def stop(self) -> None:
        delivery = self.webhook.task if self.webhook is not None else None
        self._stop_webhook()
        if delivery is not None:
            await asyncio.gather(delivery, return_exceptions=True)
        await self.server.stop()

    async def __aenter__(self) -> BotApiDouble:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def reset(self) -> None:
        """Forget everything that happened (messages, calls, updates, chats, failures, counters); keep the config."""
        self._stop_webhook()
        self.queue.clear()
        self.sent: list[SentMessage] = []
        self.calls: list[ApiCall] = []
        self.injections: list[Injection] = []
        self.chats: dict[int, dict[str, Any]] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        #: accepted editMessageText / editMessageReplyMarkup calls: {"chat_id", "message_id", "text", "reply_markup"}
        self.edits: list[dict[str, Any]] = []
        self.too_many_requests = 0
        self.flood.reset()
        self._chat_failures: dict[int, Response] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._message_ids: dict[int, int] = {}
        self._callback_ids: set[str] = set()
        self._callback_counter = itertools.count(4_000_000_000_000_000_001)

    # ----- scripting failures ---------------------------------------------------------------------------------------

    def inject(self, method: str, **kwargs: Any) -> Injection:
        """Script the next call(s) of `method`; see Injection. E.g. inject("sendMessage", status=429, retry_after=3)."""
        injection = Injection(method.lower(), **kwargs)
        self.injections.append(injection)
        return injection

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: sends to this chat get 403 "Forbidden: bot was blocked by the user"."""
        self._chat_failures[chat_id] = tg.error(403, tg.BOT_BLOCKED)

    def kick(self, chat_id: int) -> None:
        self._chat_failures[chat_id] = tg.error(403, tg.BOT_KICKED)

    def forget_chat(self, chat_id: int) -> None:
        """Sends to this chat get 400 "Bad Request: chat not found"."""
        self._chat_failures[chat_id] = tg.error(400, tg.CHAT_NOT_FOUND)

    def migrate_chat(self, chat_id: int, new_chat_id: int) -> None:
        """The group became a supergroup: 400 with parameters.migrate_to_chat_id."""
        self._chat_failures[chat_id] = tg.error(400, tg.GROUP_MIGRATED, migrate_to=new_chat_id)

    def restore_chat(self, chat_id: int) -> None:
        self._chat_failures.pop(chat_id, None)

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        """getChatMember answers `status` (creator, administrator, member, left, kicked) for this user in this chat."""
        tg.chat_member({}, status)  # validates the status
        self.member_statuses[(chat_id, user_id)] = status

    # ----- producing updates ----------------------------------------------------------------------------------------

    def add_chat(
        self, chat_id: int, chat_type: str | None = None, *, title: str | None = None, is_forum: bool = False,
        person: dict[str, Any] | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Introduce a chat (its type follows from the id unless given); returns its Chat object."""
        shape = tg.chat(chat_id, chat_type or tg.chat_type_for(chat_id), title=title, is_forum=is_forum, person=person)
        self.chats[chat_id] = shape
        return shape

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (or the webhook); an update_id is assigned unless present."""
        return self.queue.push(update)

    @property
    def updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot."""
        return self.queue.updates

    def push_text(
        self, chat_id: int, user_id: int, text: str, chat_type: str = "private", thread_id: int | None = None,
        is_forum: bool = False, *, first_name: str | None = None, username: str | None = None,
        language_code: str = "en", title: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """A user types `text` in a chat (a topic of a forum when thread_id is given); returns the update."""
        person = tg.user(user_id, first_name, username, language_code)
        self.users[user_id] = person
        forum = is_forum or (thread_id is not None and chat_type == "supergroup")
        chat_shape = self.add_chat(chat_id, chat_type, title=title, is_forum=forum, person=person)
        message = tg.text_message(self._next_message_id(chat_id), person, chat_shape, int(time.time()), text, thread_id)
        self._messages[(chat_id, message["message_id"])] = message
        return self.push_update({"message": message})

    def push_callback_query(self, chat_id: int, user_id: int, data: str, message_id: int | None = None) -> dict:
        """A user presses an inline button under message `message_id` (default: the last message in the chat)."""
        person = self.users.setdefault(user_id, tg.user(user_id))
        chat_shape = self.chats.get(chat_id) or self.add_chat(chat_id, person=person)
        message_id = message_id or self._message_ids.get(chat_id, 0)
        message = self._messages.get((chat_id, message_id)) or {
            "message_id": message_id, "chat": chat_shape, "date": int(time.time()), "text": ""
        }  # fmt: skip
        query_id = str(next(self._callback_counter))
        self._callback_ids.add(query_id)
        query = {"id": query_id, "from": person, "message": message, "chat_instance": str(abs(chat_id)), "data": data}
        return self.push_update({"callback_query": query})

    # ----- waiting for the bot --------------------------------------------------------------------------------------

    async def wait_for_messages(self, n: int, timeout: float = DEFAULT_WAIT_S) -> list[SentMessage]:
        """The first `n` accepted messages, once there are that many; TimeoutError (listing what came) otherwise."""
        await self._wait_until(
            lambda: len(self.sent) >= n,
            timeout,
            lambda: f"{len(self.sent)} of {n} messages arrived: {[m.plain_text[:80] for m in self.sent]}",
        )
        return self.sent[:n]

    async def wait_for_calls(self, method: str, n: int = 1, timeout: float = DEFAULT_WAIT_S) -> list[ApiCall]:
        """The first `n` calls of `method` (e.g. the first getUpdates, to know the bot is polling)."""
        await self._wait_until(
            lambda: len(self.calls_to(method)) >= n,
            timeout,
            lambda: f"{len(self.calls_to(method))} of {n} {method} calls arrived",
        )
        return self.calls_to(method)[:n]

    def calls_to(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    async def _wait_until(self, done: Callable[[], bool], timeout: float, describe: Callable[[], str]) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not done():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"after {timeout}s only {describe()}")
            try:
                await asyncio.wait_for(self._activity.wait(), remaining)
            except TimeoutError:
                continue

    def _notify(self) -> None:
        self._activity.set()
        self._activity = asyncio.Event()

    # ----- HTTP entry point -----------------------------------------------------------------------------------------

    async def _handle(self, request: Request) -> Response:
        if not request.path.startswith("/bot"):
            return tg.error(404, tg.NOT_FOUND)
        token, _, method = request.path[len("/bot") :].partition("/")
        if token != self.token:
            return tg.error(401, tg.UNAUTHORIZED)
        if not method:
            return tg.error(404, tg.NOT_FOUND)
        try:
            params = {**request.query_params(), **request.form()}
        except ValueError:
            return tg.error(400, "Bad Request: can't parse request body")
        call = ApiCall(method, params)
        self.calls.append(call)
        self._notify()  # wait_for_calls sees a long poll as soon as it starts
        response = await self._dispatch(method.lower(), params)
        call.status = response.status
        if response.status == 429:
            self.too_many_requests += 1
        self._notify()
        return response

    async def _dispatch(self, method: str, params: dict[str, Any]) -> Response:
        injection = take_injection(self.injections, method, as_int(params.get("chat_id")))
        if injection is not None:
            if injection.delay:
                await asyncio.sleep(injection.delay)
            if injection.reset:
                return Response(reset=True)
            if injection.status is not None:
                return injection.response()
        handler = self._methods.get(method)
        if handler is None:
            return tg.error(404, tg.NOT_FOUND)
        try:
            result = handler(params)
            return await result if asyncio.iscoroutine(result) else result
        except ApiError as exc:
            return exc.response

    # ----- chats ----------------------------------------------------------------------------------------------------

    def _chat(self, params: dict[str, Any], *, sending: bool) -> dict[str, Any]:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise fail(400, tg.CHAT_ID_EMPTY)
        if isinstance(raw, str) and raw.startswith("@"):
            found = next((c for c in self.chats.values() if c.get("username") == raw[1:]), None)
            if found is None:
                raise fail(400, tg.CHAT_NOT_FOUND)
            return found
        chat_id = as_int(raw)
        if chat_id is None:
            raise fail(400, tg.CHAT_NOT_FOUND)
        failure = self._chat_failures.get(chat_id)
        if failure is not None and (sending or failure.status == 400):
            raise ApiError(failure)
        known = self.chats.get(chat_id)
        if known is not None:
            return known
        if self.strict_chats:
            raise fail(400, tg.CHAT_NOT_FOUND)
        return self.add_chat(chat_id)

    def _next_message_id(self, chat_id: int) -> int:
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    # ----- methods --------------------------------------------------------------------------------------------------

    async def _get_updates(self, params: dict[str, Any]) -> Response:
        """Long polling: confirm updates below `offset`, then answer as soon as one is queued or `timeout` passes."""
        if self.webhook is not None:
            raise fail(409, tg.WEBHOOK_CONFLICT)
        limit = as_int(params.get("limit"), MAX_UPDATES_PER_POLL) or MAX_UPDATES_PER_POLL
        limit = min(MAX_UPDATES_PER_POLL, limit if limit > 0 else MAX_UPDATES_PER_POLL)
        allowed = as_json(params.get("allowed_updates"), "allowed_updates")
        if allowed is not None:
            self.queue.allowed_updates = list(allowed)
        offset = as_int(params.get("offset"), 0) or 0
        timeout = max(0.0, float(params.get("timeout") or 0))
        batch = await self.queue.long_poll(offset, limit, timeout)
        return tg.error(409, tg.POLL_CONFLICT) if batch is None else tg.updates_result(batch)

    async def _send_message(self, params: dict[str, Any]) -> Response:
        chat_shape = self._chat(params, sending=True)
        text, parse_mode = str(params.get("text") or ""), params.get("parse_mode") or None
        plain, entities = message_text(text, parse_mode, params.get("entities"))
        chat_id = chat_shape["id"]
        if self.enforce_limits:
            retry_after = self.flood.admit(chat_id)
            if retry_after:
                return tg.too_many_requests(retry_after)
        thread_id = as_int(params.get("message_thread_id"))
        preview = as_json(params.get("link_preview_options"), "link_preview_options")
        markup = self._keyboard(params)
        message = self._message(chat_shape, plain, entities, thread_id, preview, markup)
        sent = SentMessage(
            chat_id=chat_id,
            message_id=message["message_id"],
            text=text,
            parse_mode=parse_mode,
            message_thread_id=thread_id,
            disable_notification=as_bool(params.get("disable_notification")),
            link_preview_options=preview,
            reply_markup=markup,
            plain_text=plain,
            entities=tuple(entities),
            options=dict(params),
            date=message["date"],
        )
        return self._record(sent, message)

    async def _send_photo(self, params: dict[str, Any]) -> Response:
        """sendPhoto with an uploaded file (multipart; the field itself or an `attach://name` reference)."""
        chat_shape = self._chat(params, sending=True)
        photo = params.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):
            photo = params.get(photo[len("attach://") :])
        if not isinstance(photo, bytes) or not photo:
            raise fail(400, "Bad Request: there is no photo in the request")
        width, height = png_size(photo)
        if not width or not height:
            raise fail(400, "Bad Request: IMAGE_PROCESS_FAILED")
        caption, parse_mode = str(params.get("caption") or ""), params.get("parse_mode") or None
        plain, entities = message_text(caption, parse_mode, params.get("caption_entities")) if caption else ("", [])
        if len(plain) > MAX_CAPTION_CHARS:
            raise fail(400, "Bad Request: message caption is too long")
        chat_id = chat_shape["id"]
        if self.enforce_limits:
            retry_after = self.flood.admit(chat_id)
            if retry_after:
                return tg.too_many_requests(retry_after)
        thread_id = as_int(params.get("message_thread_id"))
        markup = self._keyboard(params)  # checked like sendMessage's
        message = self._message(chat_shape, plain, entities, thread_id, None, markup)
        del message["text"]
        message.pop("entities", None)
        unique = f"AQAD{chat_id & 0xFFFF:x}{message['message_id']}"
        size = {"file_id": f"AgACAgQAAx0{unique}", "file_unique_id": unique, "file_size": len(photo)}
        message["photo"] = [{**size, "width": width, "height": height}]
        if plain:
            message["caption"] = plain
        if entities:
            message["caption_entities"] = entities
        sent = SentMessage(
            chat_id=chat_id,
            message_id=message["message_id"],
            text=caption,
            parse_mode=parse_mode,
            message_thread_id=thread_id,
            disable_notification=as_bool(params.get("disable_notification")),
            link_preview_options=None,
            reply_markup=markup,
            plain_text=plain,
            entities=tuple(entities),
            options={key: value for key, value in params.items() if not isinstance(value, bytes)},
            date=message["date"],
            photo=photo,
        )
        return self._record(sent, message)

    @staticmethod
    def _keyboard(params: dict[str, Any]) -> dict[str, Any] | None:
        """The request's reply_markup, refused as Telegram refuses a bad inline keyboard."""
        markup = as_json(params.get("reply_markup"), "reply_markup")
        problem = tg.inline_keyboard_error(markup)
        if problem:
            raise fail(400, problem)
        return markup  # type: ignore[no-any-return]

    def _record(self, sent: SentMessage, message: dict[str, Any]) -> Response:
        """Keep what was sent (and tell `on_send`), then answer with the Message."""
        self.sent.append(sent)
        if self.on_send is not None:
            self.on_send(sent)
        return tg.ok(message)

    def _message(
        self, chat_shape: dict[str, Any], plain: str, entities: list[dict[str, Any]], thread_id: int | None,
        preview: dict[str, Any] | None, markup: dict[str, Any] | None,
    ) -> dict[str, Any]:  # fmt: skip
        """The Message result of sendMessage, shaped like fixtures/telegram/sendMessage_ok_html_bold.json."""
        chat_id = chat_shape["id"]
        sender = {key: self.me[key] for key in ("id", "is_bot", "first_name", "username")}
        message: dict[str, Any] = {"message_id": self._next_message_id(chat_id)}
        if thread_id is not None and chat_shape.get("is_forum"):
            message["message_thread_id"] = thread_id
        message.update({"from": sender, "chat": chat_shape, "date": int(time.time())})
        if thread_id is not None and chat_shape.get("is_forum"):
            message["is_topic_message"] = True
        message["text"] = plain
        if entities:
            message["entities"] = entities
        if preview:
            message["link_preview_options"] = preview
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _send_chat_action(self, params: dict[str, Any]) -> Response:
        self._chat(params, sending=True)
        return tg.ok(True)

    def _delete_message(self, params: dict[str, Any]) -> Response:
        chat_id = self._chat(params, sending=False)["id"]
        if self._messages.pop((chat_id, as_int(params.get("message_id"), 0) or 0), None) is None:
            raise fail(400, "Bad Request: message to delete not found")
        return tg.ok(True)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """A message as it is now (after edits), or None."""
        return self._messages.get((chat_id, message_id))

    def _message_to_edit(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("inline_message_id"):
            raise fail(400, tg.MESSAGE_TO_EDIT_NOT_FOUND)
        chat_id = self._chat(params, sending=False)["id"]
        message = self._messages.get((chat_id, as_int(params.get("message_id"), 0) or 0))
        if message is None:
            raise fail(400, tg.MESSAGE_TO_EDIT_NOT_FOUND)
        return message

    def _edit_message_text(self, params: dict[str, Any]) -> Response:
        """Replace a message's text (and keyboard); like Telegram, an edit that changes nothing is refused."""
        message = self._message_to_edit(params)
        text, parse_mode = str(params.get("text") or ""), params.get("parse_mode") or None
        plain, entities = message_text(text, parse_mode, params.get("entities"))
        markup = self._keyboard(params)
        keyboard = markup if markup and "inline_keyboard" in markup else None
        if (
            plain == message.get("text")
            and entities == message.get("entities", [])
            and keyboard == message.get("reply_markup")
        ):
            raise fail(400, tg.MESSAGE_NOT_MODIFIED)
        message["text"] = plain
        message.pop("entities", None)
        if entities:
            message["entities"] = entities
        message.pop("reply_markup", None)
        if keyboard:
            message["reply_markup"] = keyboard
        message["edit_date"] = int(time.time())
        self.edits.append({"chat_id": message["chat"]["id"], "message_id": message["message_id"], "text": text,
                           "plain_text": plain, "reply_markup": keyboard})  # fmt: skip
        return tg.ok(message)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> Response:
        message = self._message_to_edit(params)
        markup = self._keyboard(params)
        keyboard = markup if markup and "inline_keyboard" in markup else None
        if keyboard == message.get("reply_markup"):
            raise fail(400, tg.MESSAGE_NOT_MODIFIED)
        message.pop("reply_markup", None)
        if keyboard:
            message["reply_markup"] = keyboard
        message["edit_date"] = int(time.time())
        self.edits.append({"chat_id": message["chat"]["id"], "message_id": message["message_id"],
                           "text": None, "plain_text": message.get("text"), "reply_markup": keyboard})  # fmt: skip
        return tg.ok(message)

    def _answer_callback_query(self, params: dict[str, Any]) -> Response:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._callback_ids:
            raise fail(400, tg.QUERY_TOO_OLD)
        self._callback_ids.discard(query_id)
        self.callback_answers.append(dict(params))
        return tg.ok(True)

    def _get_chat_member(self, params: dict[str, Any]) -> Response:
        chat_id = self._chat(params, sending=False)["id"]
        user_id = as_int(params.get("user_id"))
        if user_id is None:
            raise fail(400, "Bad Request: invalid user_id specified")
        status = self.member_statuses.get((chat_id, user_id), "member")
        return tg.ok(tg.chat_member(self.users.get(user_id) or tg.user(user_id), status))

    @staticmethod
    def _command_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = as_json(params.get("scope"), "scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: dict[str, Any]) -> Response:
        commands = as_json(params.get("commands"), "commands")
        problem = tg.command_list_error(commands)
        if problem:
            raise fail(400, problem)
        self.commands[self._command_key(params)] = [
            {"command": c["command"], "description": str(c["description"])} for c in commands
        ]
        return tg.ok(True)

    def _get_my_commands(self, params: dict[str, Any]) -> Response:
        return tg.ok(self.commands.get(self._command_key(params), []))

    def _delete_my_commands(self, params: dict[str, Any]) -> Response:
        self.commands.pop(self._command_key(params), None)
        return tg.ok(True)

    # ----- webhook --------------------------------------------------------------------------------------------------

    def _set_webhook(self, params: dict[str, Any]) -> Response:
        """Deliver updates by POSTing them to `url` (plain http is accepted for loopback hosts, unlike Telegram)."""
        url = str(params.get("url") or "")
        if not url:
            return self._delete_webhook(params)
        problem = webhook_url_error(url)
        if problem:
            raise fail(400, problem)
        if as_bool(params.get("drop_pending_updates")):
            self.queue.updates.clear()
        allowed = as_json(params.get("allowed_updates"), "allowed_updates")
        if allowed is not None:
            self.queue.allowed_updates = list(allowed)
        self._stop_webhook()
        self.webhook = Webhook(url, params.get("secret_token") or None)
        self.webhook.task = asyncio.get_running_loop().create_task(self.webhook.deliver(self.queue))
        self.queue.end_polls()
        return Response.json({"ok": True, "result": True, "description": "Webhook was set"})

    def _delete_webhook(self, params: dict[str, Any]) -> Response:
        had_webhook = self.webhook is not None
        self._stop_webhook()
        if as_bool(params.get("drop_pending_updates")):
            self.queue.updates.clear()
        description = "Webhook was deleted" if had_webhook else "Webhook is already deleted"
        return Response.json({"ok": True, "result": True, "description": description})

    def _get_webhook_info(self, params: dict[str, Any]) -> Response:
        info: dict[str, Any] = {"url": "", "has_custom_certificate": False, "pending_update_count": len(self.updates)}
        if self.webhook is not None:
            info.update(self.webhook.info())
            if self.queue.allowed_updates:
                info["allowed_updates"] = self.queue.allowed_updates
        return tg.ok(info)

    def _stop_webhook(self) -> None:
        hook, self.webhook = self.webhook, None
        if hook is not None and hook.task is not None:
            hook.task.cancel()


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.doubles.botapi`: serve the double and let a human type messages (see botapi_console)."""
    from tests.doubles.botapi_console import run

    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
