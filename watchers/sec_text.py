"""HTML exhibits to plain text (stdlib html.parser): paragraphs, list items and table rows on their own lines
(a row's cells as "label | value"), scripts, styles and inline-XBRL headers dropped, entities decoded; and
`release_text`, the plain text of a press-release exhibit whatever its markup (HTML, <div> soup, a .txt
exhibit or an EDGAR .txt bundle with HTML or SGML tags inside)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements whose content is never text a reader sees.
HIDDEN_ELEMENTS = frozenset({"script", "style", "head", "title", "ix:header", "noscript"})
#: Elements that end a line.
BLOCK_ELEMENTS = frozenset(
    "p div br tr li ul ol table h1 h2 h3 h4 h5 h6 blockquote section article header footer center pre hr dt dd "
    "document type sequence filename description text".split()  # the last six: SGML tags of an EDGAR .txt bundle
)
#: Table cells: a row reads "Conversion price | $23.29"; a cell that only holds a currency sign, a bullet or a
#: closing "%" / ")" is joined to its neighbour with a space ("$ | 850,000" would hide the amount).
CELL_ELEMENTS = frozenset({"td", "th"})
CELL_SEPARATOR = " | "
_CELL_MARK = "\x1f"
_GLUE_BEFORE = frozenset({"$", "US$", "U.S.$", "€", "EUR", "USD", "(", "•", "●", "▪", "·", "-", "–", "—"})
_GLUE_AFTER = frozenset({"%", ")", "%)", "million", "billion"})
_MARKUP = re.compile(rb"<(?:html|body|p|div|table|tr|td|br|font|span|document|text)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
_LINE_SPACE = re.compile(r"[ \t\f\v\u00a0\u2009\u200b]+")


#: Elements that never have an end tag (they must not open a hidden region).
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden: list[str] = []  # open elements of a hidden region, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = (dict(attrs).get("style") or "").replace(" ", "").lower()
        if tag not in VOID_ELEMENTS and (self._hidden or tag in HIDDEN_ELEMENTS or "display:none" in style):
            self._hidden.append(tag)
        elif self._hidden:
            return
        elif tag in BLOCK_ELEMENTS:
            self.parts.append("\n\n")
        elif tag in CELL_ELEMENTS:
            self.parts.append(_CELL_MARK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS and not self._hidden:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            if tag in self._hidden:  # close the element and whatever was left open inside it
                del self._hidden[len(self._hidden) - 1 - self._hidden[::-1].index(tag) :]
        elif tag in BLOCK_ELEMENTS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def decode_html(body: bytes) -> str:
    """Bytes to str: the declared charset, else UTF-8, else Windows-1252 (older EDGAR exhibits)."""
    declared = _CHARSET.search(body[:2048])
    for encoding in ([declared[1].decode("ascii")] if declared else []) + ["utf-8"]:
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def _join_cells(line: str) -> str:
    """A table row's cells as "a | b", empty cells dropped, signs glued to their numbers."""
    cells = [cell.strip() for cell in line.split(_CELL_MARK) if cell.strip()]
    if not cells:
        return ""
    joined = cells[0]
    for previous, cell in zip(cells, cells[1:], strict=False):
        glue = previous in _GLUE_BEFORE or previous.endswith(":") or cell in _GLUE_AFTER or cell.startswith(("%", ")"))
        joined += (" " if glue else CELL_SEPARATOR) + cell
    return joined


def html_to_text(body: bytes) -> str:
    """The readable text of an HTML document: one paragraph per block, separated by blank lines."""
    parser = _TextParser()
    parser.feed(decode_html(body))
    parser.close()
    text = "".join(parser.parts)
    lines = [_join_cells(_LINE_SPACE.sub(" ", line).strip()) for line in text.splitlines()]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)


def release_text(body: bytes) -> str:
    """Plain text of a press-release exhibit: markup (HTML, <div> soup, the SGML of an EDGAR .txt bundle) is
    converted, plain text is decoded as it is (its line breaks say where list items start)."""
    if _MARKUP.search(body[:200_000]):
        return html_to_text(body)
    return decode_html(body)
