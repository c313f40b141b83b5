"""Telegram HTML itself: escaping every dynamic value, and splitting a long message on line boundaries without
ever cutting a tag or a character reference. Pure: no telegram import, no I/O."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Telegram's limit for one message's text (after entity parsing; we count the HTML source, which is longer).
MAX_MESSAGE_CHARS = 4096


def esc(value: object) -> str:
    """Escape any dynamic value for Telegram's HTML parse mode."""
    return html.escape(str(value), quote=True)


# One HTML tag, or one character reference (&amp; &#39; &#x1F4F0;): never cut inside either.
_ATOM = re.compile(r"<[^<>]*>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
_TAG = re.compile(r"<[^<>]*>")
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
_TAG_NAME = re.compile(r"<(/?)\s*([A-Za-z][A-Za-z0-9-]*)")
#: Tags open at once (with their end tags) take at most this share of a part, since a part cut among them repeats
#: them; a tag beyond it (an <a href> with an absurd link, absurd nesting) is dropped, its text kept. A link of
#: 2,048 characters still fits in a 4,096-character part.
OPEN_TAGS_SHARE = 0.75
#: A text Telegram refused as too long is queued again in parts of at most this many characters: 2,048
#: characters are at most 4,096 UTF-16 code units, however Telegram counts.
FALLBACK_PART_CHARS = MAX_MESSAGE_CHARS // 2


@dataclass(frozen=True)
class _Open:
    name: str
    tag: str  # the opening tag as written, to reopen it on the next part


def _after(stack: tuple[_Open, ...], atom: str) -> tuple[_Open, ...]:
    """The open tags after `atom` (an end tag closes the innermost open tag of its name)."""
    match = _TAG_NAME.match(atom)
    if match is None:
        return stack
    closing, name = match.group(1) == "/", match.group(2).lower()
    if not closing:
        return (*stack, _Open(name, atom))
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].name == name:
            return stack[:index] + stack[index + 1 :]
    return stack


def _closers(stack: tuple[_Open, ...]) -> str:
    return "".join(f"</{opened.name}>" for opened in reversed(stack))


def _openers(stack: tuple[_Open, ...]) -> str:
    return "".join(opened.tag for opened in stack)


def _end_state(text: str, stack: tuple[_Open, ...]) -> tuple[_Open, ...]:
    for match in _ATOM.finditer(text):
        if match.group().startswith("<"):
            stack = _after(stack, match.group())
    return stack


def _cut_points(text: str, stack: tuple[_Open, ...], stop: int) -> Iterator[tuple[int, tuple[_Open, ...]]]:
    """Every index up to `stop` where `text` may be cut (not inside a tag or a character reference), with the
    tags open there."""
    position = 0
    for match in _ATOM.finditer(text):
        for index in range(position, min(match.start(), stop) + 1):
            yield index, stack
        if match.start() >= stop:
            return
        if match.group().startswith("<"):
            stack = _after(stack, match.group())
        position = match.end()
    for index in range(position, min(len(text), stop) + 1):
        yield index, stack


def _drop_heavy_tags(text: str, budget: int) -> str:
    """Drop the opening tags (and their end tags; the text between stays) that would make the tags open at once,
    opening plus end tags, longer than `budget`: what a part repeats of them always leaves room for text."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # open tags: name, weight (0 = dropped)
    weight = 0
    position = 0
    for match in _ATOM.finditer(text):
        atom = match.group()
        out.append(text[position : match.start()])
        position = match.end()
        tag = _TAG_NAME.match(atom)
        if tag is None:
            out.append(atom)
            continue
        name = tag.group(2).lower()
        if tag.group(1) != "/":
            cost = len(atom) + len(name) + 3  # the tag and its end tag
            keep = weight + cost <= budget
            stack.append((name, cost if keep else 0))
            weight += cost if keep else 0
            out.append(atom if keep else "")
            continue
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == name:
                cost = stack.pop(index)[1]
                weight -= cost
                out.append(atom if cost else "")
                break
        else:
            out.append(atom)  # an end tag nothing opened: Telegram's to refuse, not ours to hide
    out.append(text[position:])
    return "".join(out)


def split_message(text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Split into chunks of at most `limit` characters, on line boundaries; only a line longer than a chunk is cut
    inside (at a space when possible). Never inside a tag or a character reference: tags open at a cut are
    closed at the end of the chunk and opened again at the start of the next, so every chunk is valid HTML."""
    if len(text) <= limit:
        return [text]
    text = _drop_heavy_tags(text, int(limit * OPEN_TAGS_SHARE))
    chunks: list[str] = []
    current = ""  # the chunk being filled, including the tags reopened at its start
    has_content = False
    stack: tuple[_Open, ...] = ()  # tags open at the end of `current`
    for line in text.split("\n"):
        after = _end_state(line, stack)
        candidate = f"{current}\n{line}" if has_content else current + line
        if len(candidate) + len(_closers(after)) <= limit:
            current, stack, has_content = candidate, after, has_content or bool(line)
            continue
        if has_content:
            chunks.append(current + _closers(stack))
            current, has_content = _openers(stack), False
        while len(current) + len(line) + len(_closers(after)) > limit:  # a line longer than a chunk
            room = limit - len(current)
            fitting = [(i, s) for i, s in _cut_points(line, stack, room) if i + len(_closers(s)) <= room]
            at_space = [(i, s) for i, s in fitting if i > room // 2 and line[i : i + 1] == " "]
            if not fitting or fitting[-1][0] == 0:  # only with a limit too small for one tag or reference
                if current or stack:  # first give up repeating the open tags
                    current, stack, after = "", (), _end_state(line, ())
                    continue
                chunks.append(line[:room])  # then cut anywhere: never loop
                line = line[room:]
                continue
            cut, stack = at_space[-1] if at_space else fitting[-1]
            chunks.append(current + line[:cut] + _closers(stack))
            current, line = _openers(stack), line[cut:].lstrip(" ")
        current, stack, has_content = current + line, after, bool(line)
    if has_content:
        chunks.append(current + _closers(stack))
    return [chunk for chunk in chunks if _TAG.sub("", chunk).strip()]


def as_plain_html(text: str) -> str:
    """The words of an HTML message without its markup, escaped again for parse mode HTML: what to send when
    Telegram refuses the markup itself (tags dropped, character references resolved once)."""
    return esc(html.unescape(_TAG.sub("", text)))


def fallback_parts(text: str, error: str) -> list[str] | None:
    """What to send instead of a text Telegram refused: shorter parts when it was too long, else the same words
    as plain text (still escaped for parse mode HTML), split if need be; None when neither changes anything."""
    if "too long" in error.lower() and len(text) > FALLBACK_PART_CHARS:
        return split_message(text, FALLBACK_PART_CHARS)
    plain = as_plain_html(text)
    if plain != text:
        return split_message(plain, FALLBACK_PART_CHARS)
    return None


def plain_text(telegram_html: str) -> str:
    """Telegram HTML for a terminal: links as 'text (url)', other tags dropped, entities decoded."""
    text = _LINK.sub(lambda m: f"{m[2]} ({html.unescape(m[1])})", telegram_html)
    return html.unescape(_TAG.sub("", text))
