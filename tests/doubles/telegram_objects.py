"""JSON shapes of the Telegram Bot API objects the double returns, modelled on real responses.

The reference bodies are in tests/doubles/fixtures/telegram (copied from /work/shared/fixtures/telegram):
getMe, sendMessage and getUpdates results and the error bodies for 400 / 403 / 429.
"""

from __future__ import annotations

import json
from typing import Any

from tests.doubles.server import Response
from tests.doubles.telegram_html import bot_command_entities

#: Ids at or below this are supergroups and channels (-100 followed by the channel id).
SUPERGROUP_ID_LIMIT = -1_000_000_000_000
#: Icon colour of a forum topic created with the default icon (0x6FB9F0), as Telegram reports it.
FORUM_TOPIC_ICON_COLOR = 7322096
#: setMyCommands: at most this many commands, names of 1-32 characters, descriptions of 1-256.
MAX_COMMANDS = 100
MAX_COMMAND_CHARS = 32
MAX_COMMAND_DESCRIPTION_CHARS = 256

#: Error descriptions, word for word as the Bot API sends them.
UNAUTHORIZED = "Unauthorized"
NOT_FOUND = "Not Found"
BOT_BLOCKED = "Forbidden: bot was blocked by the user"
BOT_KICKED = "Forbidden: bot was kicked from the group chat"
CHAT_NOT_FOUND = "Bad Request: chat not found"
CHAT_ID_EMPTY = "Bad Request: chat_id is empty"
TEXT_EMPTY = "Bad Request: message text is empty"
TEXT_TOO_LONG = "Bad Request: message is too long"
CANT_PARSE = "Bad Request: can't parse entities: "
UNSUPPORTED_PARSE_MODE = "Bad Request: unsupported parse_mode"
GROUP_MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"
POLL_CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
COMMAND_INVALID = "Bad Request: BOT_COMMAND_INVALID"
COMMAND_DESCRIPTION_INVALID = "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
INTERNAL_ERROR = "Internal Server Error"
#: What nginx in front of api.telegram.org answers when the backend is down: HTML, not JSON.
NGINX_PAGE = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"
)


def ok(result: Any) -> Response:
    return Response.json({"ok": True, "result": result})


def updates_result(updates: list[dict[str, Any]]) -> Response:
    """A getUpdates answer, with the raw newline Telegram writes after each `"update_id":N,`."""
    items = []
    for update in updates:
        encoded = json.dumps(update, separators=(",", ":"))
        if encoded.startswith('{"update_id":') and "," in encoded:
            head, _, rest = encoded.partition(",")
            encoded = f"{head},\n{rest}"
        items.append(encoded)
    body = ('{"ok":true,"result":[' + ",".join(items) + "]}").encode()
    return Response(200, body, [("Content-Type", "application/json")])


def error(code: int, description: str, *, retry_after: int | None = None, migrate_to: int | None = None) -> Response:
    """A Bot API error body; a 429 also carries the Retry-After header, as telegram-bot-api sends it."""
    payload: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    parameters: dict[str, int] = {}
    if migrate_to is not None:
        parameters["migrate_to_chat_id"] = migrate_to
    if retry_after is not None:
        parameters["retry_after"] = retry_after
    if parameters:
        payload["parameters"] = parameters
    headers = [("Retry-After", str(retry_after))] if retry_after is not None else []
    return Response.json(payload, code, headers)


def too_many_requests(retry_after: int) -> Response:
    return error(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


def nginx_error(status: int, reason: str) -> Response:
    body = NGINX_PAGE.format(status=status, reason=reason).encode()
    return Response(status, body, [("Content-Type", "text/html")])


def bot_user(token: str, first_name: str, username: str) -> dict[str, Any]:
    """The getMe result, with the field set of a 2026 Bot API answer (fixtures/telegram/getMe_ok.json)."""
    return {
        "id": int(token.split(":", 1)[0]),
        "is_bot": True,
        "first_name": first_name,
        "username": username,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
        "has_topics_enabled": False,
        "allows_users_to_create_topics": False,
        "can_manage_bots": False,
    }


def user(user_id: int, first_name: str | None = None, username: str | None = None, language_code: str = "en") -> dict:
    shape: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name or f"User{user_id}"}
    if username:
        shape["username"] = username
    shape["language_code"] = language_code
    return shape


def chat(chat_id: int, chat_type: str, *, title: str | None = None, is_forum: bool = False, person: dict | None = None):
    """A Chat object: private chats carry the user's names, groups a title, forum supergroups is_forum."""
    if chat_type == "private":
        person = person or user(chat_id)
        shape: dict[str, Any] = {"id": chat_id, "first_name": person["first_name"]}
        if "username" in person:
            shape["username"] = person["username"]
        shape["type"] = "private"
        return shape
    shape = {"id": chat_id, "title": title or f"Group {abs(chat_id)}", "type": chat_type}
    if chat_type == "group":
        shape["all_members_are_administrators"] = False
    if is_forum:
        shape["is_forum"] = True
    return shape


def chat_type_for(chat_id: int) -> str:
    """The type a chat id implies when a test sends to a chat it never introduced."""
    if chat_id > 0:
        return "private"
    return "supergroup" if chat_id <= SUPERGROUP_ID_LIMIT else "group"


def text_message(
    message_id: int, sender: dict, chat_shape: dict, date: int, text: str, thread_id: int | None = None
) -> dict[str, Any]:
    """An incoming text message; /commands get bot_command entities, topic messages their thread."""
    message: dict[str, Any] = {"message_id": message_id}
    if thread_id is not None:
        message["message_thread_id"] = thread_id
    message.update({"from": sender, "chat": chat_shape, "date": date})
    if thread_id is not None:
        # Telegram marks a message in a topic and points it at the topic's creation message.
        message["reply_to_message"] = {
            "message_id": thread_id,
            "from": sender,
            "chat": chat_shape,
            "date": date,
            "message_thread_id": thread_id,
            "forum_topic_created": {"name": f"Topic {thread_id}", "icon_color": FORUM_TOPIC_ICON_COLOR},
            "is_topic_message": True,
        }
        message["is_topic_message"] = True
    message["text"] = text
    entities = bot_command_entities(text)
    if entities:
        message["entities"] = entities
    return message


def chat_member(member: dict, status: str) -> dict[str, Any]:
    """A ChatMember of the given status with the fields PTB 22 requires for it."""
    if status == "creator":
        return {"user": member, "status": "creator", "is_anonymous": False}
    if status == "administrator":
        rights = (
            "can_manage_chat can_delete_messages can_manage_video_chats can_restrict_members can_change_info "
            "can_invite_users can_post_stories can_edit_stories can_delete_stories can_pin_messages can_manage_topics"
        ).split()
        return {
            "user": member,
            "status": "administrator",
            "can_be_edited": False,
            "is_anonymous": False,
            **dict.fromkeys(rights, True),
            "can_promote_members": False,
        }
    if status == "kicked":
        return {"user": member, "status": "kicked", "until_date": 0}
    if status in {"member", "left"}:
        return {"user": member, "status": status}
    raise ValueError(f"unsupported chat member status {status!r}")


def command_list_error(commands: Any) -> str | None:
    """Telegram's refusal of a setMyCommands list, or None when every command is valid."""
    if not isinstance(commands, list):
        return "Bad Request: expected an Array of BotCommand"
    if len(commands) > MAX_COMMANDS:
        return "Bad Request: BOT_COMMANDS_TOO_MUCH"
    for value in commands:
        if not isinstance(value, dict):
            return "Bad Request: can't parse BotCommand: expected an Object"
        for key in ("command", "description"):
            if key not in value:
                return f"Bad Request: can't parse BotCommand: Can't find field \"{key}\""
        name, description = str(value["command"]), str(value["description"]).strip()
        if not (1 <= len(name) <= MAX_COMMAND_CHARS and all(c in _COMMAND_CHARS for c in name)):
            return COMMAND_INVALID
        if not 1 <= len(description) <= MAX_COMMAND_DESCRIPTION_CHARS:
            return COMMAND_DESCRIPTION_INVALID
    return None


_COMMAND_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


#: Telegram's limit on an inline button's callback_data (bytes of UTF-8).
MAX_CALLBACK_DATA_BYTES = 64
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
BUTTON_TEXT_EMPTY = "Bad Request: can't parse inline keyboard button: Text must be non-empty"
TEXT_BUTTONS_UNALLOWED = (
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
)
MESSAGE_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
MESSAGE_TO_EDIT_NOT_FOUND = "Bad Request: message to edit not found"


def inline_keyboard_error(markup: Any) -> str | None:
    """Why Telegram would refuse this reply_markup's inline keyboard (None: fine, or not an inline keyboard):
    every button needs a non-empty text and one action; callback_data is 1-64 bytes."""
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return None
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        return "Bad Request: can't parse reply keyboard markup JSON object"
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text") or "").strip():
                return BUTTON_TEXT_EMPTY
            actions = [key for key in button if key != "text"]
            if not actions:
                return TEXT_BUTTONS_UNALLOWED
            if "callback_data" in button:
                data = str(button["callback_data"])
                if not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
                    return BUTTON_DATA_INVALID
    return None
