"""Telegram's HTML parse mode and bot-command detection, as the Bot API server does them.

Ported by reading tdlib's `td/telegram/MessageEntity.cpp` (`parse_html`, `decode_html_entity`,
`match_bot_commands`): the same accepted tags, the same error texts with byte offsets into the UTF-8 text,
and entity offsets / lengths in UTF-16 code units. A message the double accepts would be accepted by
Telegram, and a message it rejects gets Telegram's words back ("can't parse entities: ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: Tags Telegram accepts in parse_mode=HTML (lower-cased before the check).
SUPPORTED_TAGS = frozenset("a b strong i em s strike del u ins tg-spoiler tg-emoji span pre code blockquote".split())
#: Tag name -> MessageEntity type for the tags that need no argument.
SIMPLE_ENTITY_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
    "span": "spoiler",
}  # fmt: skip
#: tdlib's order among entities of the same span (MessageEntity::get_type_priority).
ENTITY_PRIORITY = {
    "blockquote": 0, "expandable_blockquote": 0, "pre": 11, "code": 20, "text_link": 49, "bold": 90, "italic": 91,
    "underline": 92, "strikethrough": 93, "spoiler": 94, "custom_emoji": 99,
}  # fmt: skip
#: Named character references Telegram decodes; every other one (&nbsp;, &copy;...) stays literal text.
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = " \t\r\n\f\v"
# Bot commands: '/' not after a word character, '/', '<' or '>', 1-64 of [A-Za-z0-9_], optional @username of
# 3-32 such characters, and not followed by a word character, '/', '<' or '>'.
_BOT_COMMAND = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>@])")


class HtmlParseError(ValueError):
    """Telegram's reason for refusing the markup (to be prefixed with "Bad Request: can't parse entities: ")."""


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_offset: int
    text_index: int


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of every Telegram entity offset and length."""
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """The character an &-reference at `pos` stands for and the index after it, or None to keep '&' literally."""
    end = pos + 1
    if text.startswith("#", end):
        end += 1
        hexadecimal = text.startswith("x", end)
        if hexadecimal:
            end += 1
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        start = end
        while end < len(text) and text[end] in digits:
            end += 1
        # tdlib refuses zero, values beyond Unicode and references of ten or more characters.
        if end == start or end - pos >= 10:
            return None
        code = int(text[start:end], 16 if hexadecimal else 10)
        if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        character = chr(code)
    else:
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        character = NAMED_ENTITIES.get(text[pos + 1 : end], "")
        if not character:
            return None
    return character, end + 1 if text.startswith(";", end) else end


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and MessageEntity dicts for `text` in parse_mode=HTML; raises HtmlParseError like Telegram."""
    out: list[str] = []
    utf16 = 0
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "&":
            decoded = _decode_entity(text, i)
            if decoded is not None:
                out.append(decoded[0])
                utf16 += utf16_len(decoded[0])
                i = decoded[1]
                continue
        if c != "<":
            out.append(c)
            utf16 += utf16_len(c)
            i += 1
            continue
        begin = i
        i += 1
        if i >= n or text[i] != "/":
            i = _open_tag(text, begin, i, stack, utf16, len(out))
        else:
            i = _close_tag(text, begin, i, stack, utf16, "".join(out), entities)
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # a language only survives on <pre><code class="language-x">
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"], ENTITY_PRIORITY[entity["type"]]))
    return "".join(out), entities


def _open_tag(text: str, begin: int, i: int, stack: list[_Open], utf16: int, out_len: int) -> int:
    """Parse a start tag at `begin`; returns the index after its '>'."""
    n = len(text)
    while i < n and text[i] not in _SPACE and text[i] != ">":
        i += 1
    offset = _byte_offset(text, begin)
    if i >= n:
        raise HtmlParseError(f"Unclosed start tag at byte offset {offset}")
    tag = text[begin + 1 : i].lower()
    if tag not in SUPPORTED_TAGS:
        raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {offset}')
    argument = ""
    while i < n and text[i] != ">":
        while i < n and text[i] in _SPACE:
            i += 1
        if i < n and text[i] == ">":
            break
        name_begin = i
        while i < n and text[i] not in _SPACE and text[i] not in "=>":
            i += 1
        name = text[name_begin:i]
        if not name:
            raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {offset}')
        while i < n and text[i] in _SPACE:
            i += 1
        if tag == "blockquote" and name == "expandable" and (i >= n or text[i] != "="):
            argument = "expandable"  # the one attribute Telegram accepts without a value
            continue
        if i >= n or text[i] != "=":
            raise HtmlParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" at byte offset {offset}'
            )
        i += 1
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {offset}')
        value, i = _attribute_value(text, i)
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {offset}")
        if (tag == "a" and name == "href") or (tag == "tg-emoji" and name == "emoji-id"):
            argument = value
        elif tag == "code" and name == "class" and value.startswith("language-"):
            argument = value[len("language-") :]
        elif tag == "span" and name == "class" and value.startswith("tg-"):
            argument = value[len("tg-") :]
    if tag == "span" and argument != "spoiler":
        raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
    stack.append(_Open(tag, argument, utf16, out_len))
    return i + 1


def _attribute_value(text: str, i: int) -> tuple[str, int]:
    """A quoted string (entities decoded) or a name token (lower-cased); returns it and the index after it."""
    n = len(text)
    if text[i] not in "'\"":
        start = i
        while i < n and (text[i].isascii() and text[i].isalnum() or text[i] in ".-"):
            i += 1
        if i >= n or (text[i] not in _SPACE and text[i] != ">"):
            raise HtmlParseError(f"Unexpected end of name token at byte offset {_byte_offset(text, start)}")
        return text[start:i].lower(), i
    quote = text[i]
    i += 1
    value: list[str] = []
    while i < n and text[i] != quote:
        if text[i] == "&":
            decoded = _decode_entity(text, i)
            if decoded is not None:
                value.append(decoded[0])
                i = decoded[1]
                continue
        value.append(text[i])
        i += 1
    if i < n:
        i += 1
    return "".join(value), i


def _close_tag(text: str, begin: int, i: int, stack: list[_Open], utf16: int, out: str, entities: list) -> int:
    """Parse an end tag at `begin` (`i` points at '/'); appends the finished entity; returns the index after '>'."""
    n = len(text)
    offset = _byte_offset(text, begin)
    if not stack:
        raise HtmlParseError(f"Unexpected end tag at byte offset {offset}")
    while i < n and text[i] not in _SPACE and text[i] != ">":
        i += 1
    end_name = text[begin + 2 : i].lower()
    while i < n and text[i] in _SPACE:
        i += 1
    if i >= n or text[i] != ">":
        raise HtmlParseError(f"Unclosed end tag at byte offset {offset}")
    opened = stack.pop()
    if end_name and end_name != opened.tag:
        raise HtmlParseError(
            f'Unmatched end tag at byte offset {offset}, expected "</{opened.tag}>", found "</{end_name}>"'
        )
    length = utf16 - opened.utf16_offset
    if length > 0:
        entity = _entity(opened, length, out, entities)
        if entity is not None:
            entities.append(entity)
    return i + 1


def _entity(opened: _Open, length: int, out: str, entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    base: dict[str, Any] = {"offset": opened.utf16_offset, "length": length}
    tag = opened.tag
    if tag in SIMPLE_ENTITY_TYPES:
        return {**base, "type": SIMPLE_ENTITY_TYPES[tag]}
    if tag == "blockquote":
        return {**base, "type": "expandable_blockquote" if opened.argument == "expandable" else "blockquote"}
    if tag == "tg-emoji":
        if not opened.argument.isdigit() or int(opened.argument) == 0:
            raise HtmlParseError("Invalid custom emoji identifier specified")
        return {**base, "type": "custom_emoji", "custom_emoji_id": opened.argument}
    if tag == "a":
        url = opened.argument or out[opened.text_index :]
        url = _checked_link(url)
        return {**base, "type": "text_link", "url": url} if url else None
    previous = entities[-1] if entities else None
    same_span = previous is not None and (previous["offset"], previous["length"]) == (base["offset"], length)
    if tag == "pre":
        if same_span and previous is not None and previous["type"] == "code" and previous.get("language"):
            previous["type"] = "pre"  # <code class="language-x"> inside <pre>: one pre entity with a language
            return None
        return {**base, "type": "pre"}
    # code
    if same_span and previous is not None and previous["type"] == "pre" and opened.argument:
        previous["language"] = opened.argument
        return None
    return {**base, "type": "code", **({"language": opened.argument} if opened.argument else {})}


def _checked_link(url: str) -> str:
    """Telegram keeps http(s)/tg/ton links, prefixes bare hosts with http:// and adds the root path; else no entity."""
    if not url or any(ch in url for ch in _SPACE):
        return ""
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in {"tg", "ton"}:
        return url
    if sep and scheme.lower() not in {"http", "https"}:
        return ""
    if not sep:
        scheme, rest = "http", url
    host_end = min((rest.find(mark) for mark in "/?#" if mark in rest), default=len(rest))
    host, tail = rest[:host_end], rest[host_end:]
    if "." not in host and host != "localhost":
        return ""
    return f"{scheme}://{host}{tail if tail.startswith('/') else '/' + tail}"


def trim_text(plain: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram strips leading and trailing whitespace from a message and moves the entities with the text."""
    stripped = plain.strip(_SPACE)
    if stripped == plain:
        return plain, entities
    shift = utf16_len(plain[: len(plain) - len(plain.lstrip(_SPACE))])
    end = utf16_len(stripped)
    kept = []
    for entity in entities:
        start, stop = max(0, entity["offset"] - shift), min(end, entity["offset"] + entity["length"] - shift)
        if stop > start:
            kept.append({**entity, "offset": start, "length": stop - start})
    return stripped, kept


def bot_command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entities Telegram attaches to an incoming message (UTF-16 offsets)."""
    return [
        {"offset": utf16_len(text[: match.start()]), "length": utf16_len(match.group()), "type": "bot_command"}
        for match in _BOT_COMMAND.finditer(text)
    ]
