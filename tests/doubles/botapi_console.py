"""Manual runs of the Bot API double: type what users say, read what the bot answers.

    python -m tests.doubles.botapi --port 8082 [--token 123:ABC] [--enforce-limits] [--admin CHAT:USER]
                                   [--report PATH]   (on exit: accepted messages and 429 count as JSON)

Input lines (stdin):
    42 /start                     user 42 writes in their private chat
    -1001234567890:42 /status MARA   user 42 writes in a supergroup
    -1001234567890:42/7 /start    ... in topic 7 of a forum supergroup
    !block 42 | !unblock 42 | !notfound 42 | !flood 3 5 (next 3 sendMessage get 429 retry_after 5)
    !fail 2 502 (next 2 sendMessage get 502) | !admin CHAT USER | !sent | !help
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.doubles.botapi import DEFAULT_TOKEN, BotApiDouble
from tests.doubles.botapi_types import SentMessage
from tests.doubles.server import wait_for_shutdown_signal

DEFAULT_PORT = 8082
_LINE = re.compile(r"^(-?\d+)(?::(\d+))?(?:/(\d+))?\s+(.+)$")
_SUPERGROUP_LIMIT = -1_000_000_000_000


def describe(message: SentMessage) -> str:
    """How a sent message is printed: a header with its delivery options, then the text as the user sees it."""
    flags = [message.parse_mode or "plain"]
    if message.message_thread_id is not None:
        flags.append(f"topic {message.message_thread_id}")
    if message.disable_notification:
        flags.append("silent")
    if (message.link_preview_options or {}).get("is_disabled"):
        flags.append("no preview")
    return f"── bot → chat {message.chat_id} #{message.message_id} ({', '.join(flags)}) ──\n{message.plain_text}\n"


def handle_line(api: BotApiDouble, line: str, write: Callable[[str], None]) -> None:
    """Apply one typed line: a message from a user, or a !command that scripts the double."""
    line = line.strip()
    if not line:
        return
    if line.startswith("!"):
        _command(api, line[1:].split(), write)
        return
    match = _LINE.match(line)
    if match is None:
        write("? type: CHAT_ID text   (or CHAT_ID:USER_ID[/TOPIC] text; !help)\n")
        return
    chat_id = int(match.group(1))
    user_id = int(match.group(2) or chat_id)
    thread_id = int(match.group(3)) if match.group(3) else None
    if chat_id > 0:
        chat_type = "private"
    else:
        chat_type = "supergroup" if chat_id <= _SUPERGROUP_LIMIT else "group"
    update = api.push_text(chat_id, user_id, match.group(4), chat_type, thread_id, is_forum=thread_id is not None)
    write(f"(queued update {update['update_id']})\n")


def _command(api: BotApiDouble, words: list[str], write: Callable[[str], None]) -> None:
    name, args = (words[0].lower(), words[1:]) if words else ("help", [])
    numbers = [int(word) for word in args if re.fullmatch(r"-?\d+", word)]
    if name == "block" and numbers:
        api.block(numbers[0])
    elif name == "unblock" and numbers:
        api.restore_chat(numbers[0])
    elif name == "notfound" and numbers:
        api.forget_chat(numbers[0])
    elif name == "flood" and numbers:
        retry_after = numbers[1] if len(numbers) > 1 else 5
        api.inject("sendMessage", status=429, retry_after=retry_after, times=numbers[0])
    elif name == "fail" and len(numbers) == 2:
        api.inject("sendMessage", status=numbers[1], times=numbers[0])
    elif name == "admin" and len(numbers) == 2:
        api.set_member(numbers[0], numbers[1], "administrator")
    elif name == "sent":
        write(f"{len(api.sent)} messages accepted, {api.too_many_requests} answered 429\n")
        return
    else:
        write(__doc__ or "")
        return
    write("ok\n")


def write_report(path: Path, api: BotApiDouble, accepted_at: list[float]) -> None:
    """What the double accepted and refused, for a benchmark or script that ran a bot against it."""
    report = {
        "accepted": [
            {"chat_id": m.chat_id, "message_id": m.message_id, "text": m.text, "at": at}
            for m, at in zip(api.sent, accepted_at, strict=True)
        ],
        "too_many_requests": api.too_many_requests,
        "refused": dict(api.flood.refused),
        "calls": len(api.calls),
    }
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


async def serve(args: argparse.Namespace) -> None:
    accepted_at: list[float] = []  # epoch seconds at which each message in api.sent was accepted

    def write(text: str) -> None:
        sys.stdout.write(text)

    def on_send(message: SentMessage) -> None:
        accepted_at.append(time.time())
        write(describe(message))
        sys.stdout.flush()

    api = BotApiDouble(args.token, host=args.host, port=args.port, enforce_limits=args.enforce_limits, on_send=on_send)
    for pair in args.admin:
        chat, _, user = pair.partition(":")
        api.set_member(int(chat), int(user), "administrator")
    async with api:
        write(
            f"Bot API double on {api.base_url} (token {api.token}). Point MinerWatch at it:\n"
            f"  MINERWATCH_TELEGRAM__API_URL={api.base_url} TELEGRAM_BOT_TOKEN={api.token} minerwatch run\n"
            "Type CHAT_ID text (e.g. 42 /start); !help lists the scripting commands.\n"
        )
        sys.stdout.flush()
        reading = asyncio.create_task(_read_stdin(api, write))
        await wait_for_shutdown_signal()  # stdin may end first (a file piped in): keep serving until Ctrl-C
        reading.cancel()
    if args.report:
        write_report(Path(args.report), api, accepted_at)


async def _read_stdin(api: BotApiDouble, write: Callable[[str], None]) -> None:
    """Feed stdin lines to the double as they are typed, without a reader thread."""
    loop = asyncio.get_running_loop()
    finished = asyncio.Event()
    fd = sys.stdin.fileno()
    buffer = bytearray()

    def readable() -> None:
        chunk = os.read(fd, 4096)
        if not chunk:
            loop.remove_reader(fd)
            finished.set()
        buffer.extend(chunk)
        while b"\n" in buffer or (finished.is_set() and buffer):
            raw, _, rest = bytes(buffer).partition(b"\n")
            buffer[:] = rest
            handle_line(api, raw.decode("utf-8", errors="replace"), write)
        sys.stdout.flush()

    try:
        loop.add_reader(fd, readable)
    except PermissionError:  # a regular file cannot be polled: read it at once
        for line in sys.stdin:
            handle_line(api, line, write)
        return
    try:
        await finished.wait()
    finally:
        loop.remove_reader(fd)


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.doubles.botapi", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--token", default=os.environ.get("TELEGRAM_BOT_TOKEN") or DEFAULT_TOKEN)
    parser.add_argument("--enforce-limits", action="store_true", help="answer 429 where Telegram's flood limits would")
    parser.add_argument("--admin", action="append", default=[], metavar="CHAT:USER", help="getChatMember says admin")
    parser.add_argument("--report", metavar="PATH", help="on exit, write accepted messages and the 429 count as JSON")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))
    return 0
